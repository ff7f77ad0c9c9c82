package deepnets.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.TestData;
import deepnets.exercises.BatchNormBlock;
import deepnets.layers.Mode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A network whose hidden layers are a {@link Block} written outside the library, and the initial weight scale. */
class BlockNetworkTest {

    private static Network.Builder shape() {
        return Network.builder().inputSize(4).hiddenSizes(6, 5).classes(3).seed(11);
    }

    @Test
    void aCorrectBlockGivesTheLibrarysNetworkGradientsAndTestOutputs() {
        Network library = shape().batchNorm(true).build();
        Network block = shape().block(BatchNormBlock::reference).build();
        assertEquals(library.parameters().stream().map(Parameter::name).toList(),
                block.parameters().stream().map(Parameter::name).toList());
        Random rng = new Random(12);
        double[][] x = TestData.gaussian(rng, 8, 4, 0, 1);
        int[] y = TestData.labels(rng, 8, 3);
        assertEquals(library.computeGradients(x, y), block.computeGradients(x, y), 1e-12);
        List<Parameter> a = library.parameters();
        List<Parameter> b = block.parameters();
        for (int k = 0; k < a.size(); k++) {
            for (int i = 0; i < a.get(k).grad().length; i++) {
                assertArrayEquals(a.get(k).grad()[i], b.get(k).grad()[i], 1e-10, a.get(k).name());
            }
        }
        // The network keeps the running averages for test time, as the library's batch-norm layer does.
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(library.batchNorm(l).runningMean(), block.batchNorm(l).runningMean(), 1e-12);
            assertArrayEquals(library.batchNorm(l).runningVar(), block.batchNorm(l).runningVar(), 1e-12);
        }
        double[][] testLib = library.forward(x, Mode.TEST);
        double[][] testBlock = block.forward(x, Mode.TEST);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(testLib[i], testBlock[i], 1e-10);
        }
        assertArrayEquals(library.hiddenPreActivations(x, 1)[0], block.hiddenPreActivations(x, 1)[0], 1e-10);
    }

    @Test
    void theWeightScaleSetsTheHiddenLayersSpreadAndTheOutputLayerKeepsHes() {
        Network net = Network.builder().inputSize(400).hiddenSizes(300).classes(200).weightScale(0.01).seed(3).build();
        assertEquals(0.01, spread(net.parameter("W1").value()), 0.0005);
        assertEquals(Math.sqrt(2.0 / 300), spread(net.parameter("W2").value()), 0.002);
    }

    private static double spread(double[][] w) {
        double sum = 0;
        int n = 0;
        for (double[] row : w) {
            for (double v : row) {
                sum += v * v;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        for (double bad : new double[] {0, -0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Network.builder().weightScale(bad));
            assertTrue(e.getMessage().contains("weightScale") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Network.builder().block(null));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> shape().block(BatchNormBlock::reference).batchNorm(true, false).build());
        assertTrue(both.getMessage().contains("block"), both.getMessage());
    }

    @Test
    void aBlockWhoseResultHasTheWrongShapeIsNamed() {
        Network wrongOut = shape().block((x, w, g, b, eps) -> new Block.Pass(new double[x.length][w[0].length + 1],
                dout -> null)).build();
        double[][] x = TestData.gaussian(new Random(1), 5, 4, 0, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrongOut.forward(x, Mode.TRAIN));
        assertTrue(e.getMessage().contains("your block") && e.getMessage().contains("(5, 7)")
                && e.getMessage().contains("(5, 6)"), e.getMessage());
        Network nullGradients = shape().block((xb, w, g, b, eps) -> new Block.Pass(
                BatchNormBlock.reference(xb, w, g, b, eps).out(), dout -> null)).build();
        IllegalStateException n = assertThrows(IllegalStateException.class,
                () -> nullGradients.computeGradients(x, new int[] {0, 1, 2, 0, 1}));
        assertTrue(n.getMessage().contains("backward") && n.getMessage().contains("Block.Gradients"), n.getMessage());
    }
}
