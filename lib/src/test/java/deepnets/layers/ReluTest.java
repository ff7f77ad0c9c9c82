package deepnets.layers;

import deepnets.TestData;
import deepnets.gradcheck.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReluTest {

    @Test
    void forwardClipsNegativesAndBackwardMasks() {
        double[][] x = {{-1, 0, 2}};
        assertArrayEquals(new double[] {0, 0, 2}, Relu.forward(x)[0], 0.0);
        assertArrayEquals(new double[] {0, 0, 5}, Relu.backward(new double[][] {{3, 4, 5}}, x)[0], 0.0);
    }

    @Test
    void gradientMatchesNumericGradientAwayFromTheKink() {
        Random rng = new Random(3);
        double[][] x = TestData.gaussian(rng, 6, 5, 0, 1);
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                // Keep entries at least 0.01 from 0 so that x +- h never crosses the kink.
                row[j] += Math.signum(row[j]) * 0.01;
            }
        }
        double[][] dout = TestData.gaussian(rng, 6, 5, 0, 1);
        double[][] numeric = GradientCheck.numericGradient(Relu::forward, x, dout);
        assertTrue(GradientCheck.relativeError(numeric, Relu.backward(dout, x)) < 1e-8);
    }

    @Test
    void backwardRejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Relu.backward(new double[2][3], new double[3][2]));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
    }
}
