package deepnets.gradcheck;

import deepnets.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    private static double sumOfCubes(double[][] x) {
        double s = 0;
        for (double[] row : x) {
            for (double v : row) {
                s += v * v * v;
            }
        }
        return s;
    }

    @Test
    void gradientOfSumOfCubesIsThreeXSquared() {
        double[][] x = TestData.gaussian(new Random(1), 3, 4, 0, 1);
        double[][] numeric = GradientCheck.numericGradient(GradientCheckTest::sumOfCubes, x);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                // Centred differences of x^3 have error exactly h^2 = 1e-10, plus rounding.
                assertEquals(3 * x[i][j] * x[i][j], numeric[i][j], 1e-8);
            }
        }
    }

    @Test
    void vectorGradientOfSumOfSinesIsCosine() {
        double[] x = {0.1, -1.2, 2.0};
        double[] numeric = GradientCheck.numericGradient((double[] v) -> {
            double s = 0;
            for (double e : v) {
                s += Math.sin(e);
            }
            return s;
        }, x);
        for (int j = 0; j < 3; j++) {
            assertEquals(Math.cos(x[j]), numeric[j], 1e-9);
        }
    }

    @Test
    void upstreamGradientWeightsTheOutputs() {
        double[][] x = {{1.0, -2.0}, {0.5, 3.0}};
        double[][] dout = {{2.0, 1.0}, {-1.0, 0.5}};
        // f(x) = x^2 element-wise, so d sum(f(x) * dout) / dx = 2 x dout.
        double[][] numeric = GradientCheck.numericGradient((double[][] v) -> {
            double[][] y = new double[2][2];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    y[i][j] = v[i][j] * v[i][j];
                }
            }
            return y;
        }, x, dout);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(2 * x[i][j] * dout[i][j], numeric[i][j], 1e-8);
            }
        }
    }

    @Test
    void pointIsRestoredExactly() {
        double[][] x = {{0.1, 0.7}, {1e-3, -5.3}};
        double[][] before = {{0.1, 0.7}, {1e-3, -5.3}};
        GradientCheck.numericGradient(GradientCheckTest::sumOfCubes, x, 1e-3);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(before[i], x[i], 0.0);
        }
    }

    @Test
    void relativeErrorIsTheWorstElementwiseRatio() {
        // Entry 0: |1 - 1.1| / 2.1; entry 1: 0 / 4; entry 2: both zero -> 0 / 1e-8 = 0.
        assertEquals(0.1 / 2.1, GradientCheck.relativeError(new double[] {1, 2, 0}, new double[] {1.1, 2, 0}), 1e-15);
        assertEquals(1.0, GradientCheck.relativeError(new double[][] {{0, 0}, {3, 0}}, new double[][] {{0, 0}, {-3, 0}}),
                1e-15);
        // Tiny entries use the 1e-8 floor: |1e-9 - 0| / 1e-8.
        assertEquals(0.1, GradientCheck.relativeError(new double[] {1e-9}, new double[] {0}), 1e-15);
    }

    @Test
    void rejectsBadStepAndMismatchedShapes() {
        double[][] x = {{1.0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.numericGradient(GradientCheckTest::sumOfCubes, x, 0.0));
        assertTrue(e.getMessage().contains("h = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.relativeError(new double[2][3], new double[3][2]));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GradientCheck.relativeError(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("(2,)") && e.getMessage().contains("(3,)"), e.getMessage());
    }

    @Test
    void relativeErrorOfTwoNumbersFollowsItsDefinition() {
        assertEquals(0.1 / 2.1, GradientCheck.relativeError(1.0, 1.1), 1e-15);
        assertEquals(0.0, GradientCheck.relativeError(0.0, 0.0), 0.0);
        // Below the floor the denominator is 1e-8: |1e-10 - 0| / 1e-8.
        assertEquals(0.01, GradientCheck.relativeError(1e-10, 0.0), 1e-15);
        assertEquals(0.0, GradientCheck.relativeError(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(GradientCheck.relativeError(Double.NaN, 1.0)));
        assertEquals(1.0, GradientCheck.relativeError(2.0, -2.0), 0.0);
    }
}
