package deepnets.net;

import deepnets.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Network.computeGradients with a workspace: the same loss and gradients as without, in reused arrays. */
class WorkspaceTest {

    private static Network net() {
        return Network.builder().inputSize(5).hiddenSizes(7, 6).classes(4).batchNorm(true, false).seed(3).build();
    }

    private static void assertSameGradients(Network expected, Network actual) {
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        for (int p = 0; p < e.size(); p++) {
            for (int r = 0; r < e.get(p).grad().length; r++) {
                assertArrayEquals(e.get(p).grad()[r], a.get(p).grad()[r], 0.0, e.get(p).name());
            }
        }
    }

    @Test
    void givesTheLossAndGradientsOfTheAllocatingMethodOverBatchesOfChangingSize() {
        Network plain = net();
        Network reusing = net();
        Network.Workspace workspace = reusing.newWorkspace();
        Random rng = new Random(4);
        for (int size : new int[] {8, 8, 3, 8}) {
            double[][] x = TestData.gaussian(rng, size, 5, 0.0, 1.0);
            int[] y = TestData.labels(rng, size, 4);
            assertEquals(plain.computeGradients(x, y), reusing.computeGradients(x, y, workspace), 0.0);
            assertSameGradients(plain, reusing);
            assertArrayEquals(plain.batchNorm(0).runningVar(), reusing.batchNorm(0).runningVar(), 0.0);
        }
    }

    @Test
    void batchNormGradientsStayInTheSameArraysFromBatchToBatch() {
        Network net = net();
        Network.Workspace workspace = net.newWorkspace();
        Random rng = new Random(5);
        net.computeGradients(TestData.gaussian(rng, 6, 5, 0.0, 1.0), TestData.labels(rng, 6, 4), workspace);
        Parameter gamma = net.parameters().get(1);
        assertEquals("gamma1", gamma.name());
        double[][] first = gamma.grad();
        net.computeGradients(TestData.gaussian(rng, 6, 5, 0.0, 1.0), TestData.labels(rng, 6, 4), workspace);
        assertSame(first, gamma.grad());
        assertSame(first[0], gamma.grad()[0]);
    }

    @Test
    void rejectsAnotherNetworksWorkspace() {
        Network net = net();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.computeGradients(new double[2][5], new int[2], net().newWorkspace()));
        assertTrue(e.getMessage().contains("newWorkspace()"), e.getMessage());
    }
}
