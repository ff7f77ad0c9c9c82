package deepnets.layers;

import deepnets.TestData;
import deepnets.gradcheck.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormTest {

    private static final double EPS = 1e-5;

    private static double mean(double[][] a, int j) {
        double s = 0;
        for (double[] row : a) {
            s += row[j];
        }
        return s / a.length;
    }

    private static double variance(double[][] a, int j) {
        double m = mean(a, j);
        double s = 0;
        for (double[] row : a) {
            s += (row[j] - m) * (row[j] - m);
        }
        return s / a.length;
    }

    @Test
    void trainingOutputHasZeroMeanAndUnitVariancePerFeature() {
        double[][] x = TestData.gaussian(new Random(5), 200, 3, 5.0, 4.0);
        double[][] out = BatchNorm.forwardTrain(x, new double[] {1, 1, 1}, new double[3], 0.0).out();
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, mean(out, j), 1e-7);
            assertEquals(1.0, variance(out, j), 1e-7);
        }
    }

    @Test
    void gammaAndBetaSetTheStdAndMean() {
        double[][] x = TestData.gaussian(new Random(6), 100, 2, -3.0, 2.0);
        double[] gamma = {2.0, 0.5};
        double[] beta = {1.0, -4.0};
        BatchNorm.Forward f = BatchNorm.forwardTrain(x, gamma, beta, EPS);
        for (int j = 0; j < 2; j++) {
            assertEquals(beta[j], mean(f.out(), j), 1e-9);
            // With eps the normalized variance is var / (var + eps), so the std is gamma sqrt(var / (var + eps)).
            double var = variance(x, j);
            assertEquals(gamma[j] * Math.sqrt(var / (var + EPS)), Math.sqrt(variance(f.out(), j)), 1e-9);
            assertEquals(var, f.cache().var()[j], 1e-9);
            assertEquals(mean(x, j), f.cache().mu()[j], 1e-12);
        }
    }

    @Test
    void statisticsStayAccurateForALargeMean() {
        // Mean 1e8 and variance 1: E[x^2] - mu^2 taken directly would be off by about 1 (all digits lost).
        double[][] x = TestData.gaussian(new Random(11), 64, 2, 1e8, 1.0);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, new double[] {1, 1}, new double[2], EPS).cache();
        for (int j = 0; j < 2; j++) {
            assertEquals(variance(x, j), cache.var()[j], 1e-9 * variance(x, j));
            assertEquals(mean(x, j), cache.mu()[j], 1e-6);
        }
    }

    @Test
    void gammaEqualToStdAndBetaEqualToMeanGiveBackTheInput() {
        double[][] x = TestData.gaussian(new Random(7), 50, 4, 2.0, 3.0);
        double[] gamma = new double[4];
        double[] beta = new double[4];
        for (int j = 0; j < 4; j++) {
            gamma[j] = Math.sqrt(variance(x, j) + EPS);
            beta[j] = mean(x, j);
        }
        double[][] out = BatchNorm.forwardTrain(x, gamma, beta, EPS).out();
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(x[i], out[i], 1e-10);
        }
    }

    @Test
    void bothBackwardPassesMatchNumericGradients() {
        Batch b = Batch.random(8, 6, 4, 1.0, 0.3);
        double[][] x = b.x();
        double[] gamma = b.gamma();
        double[] beta = b.beta();
        double[][] dout = b.dout();
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, gamma, beta, EPS).cache();

        double[][] dx = GradientCheck.numericGradient(
                (double[][] p) -> BatchNorm.forwardTrain(p, gamma, beta, EPS).out(), x, dout);
        double[] dgamma = GradientCheck.numericGradient(
                (double[] p) -> AffineTest.dot(BatchNorm.forwardTrain(x, p, beta, EPS).out(), dout), gamma);
        double[] dbeta = GradientCheck.numericGradient(
                (double[] p) -> AffineTest.dot(BatchNorm.forwardTrain(x, gamma, p, EPS).out(), dout), beta);

        for (BatchNorm.Gradients g : new BatchNorm.Gradients[] {
                BatchNorm.backwardGraph(dout, cache), BatchNorm.backwardSimplified(dout, cache)}) {
            assertTrue(GradientCheck.relativeError(dx, g.dx()) < 1e-8, "dx " + GradientCheck.relativeError(dx, g.dx()));
            assertTrue(GradientCheck.relativeError(dgamma, g.dgamma()) < 1e-8);
            assertTrue(GradientCheck.relativeError(dbeta, g.dbeta()) < 1e-8);
        }
    }

    @Test
    void graphAndSimplifiedBackwardAgree() {
        Random rng = new Random(9);
        double[][] x = TestData.gaussian(rng, 32, 10, -1.0, 5.0);
        double[] gamma = TestData.gaussian(rng, 10, 1.0, 0.5);
        double[][] dout = TestData.gaussian(rng, 32, 10, 0, 1);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, gamma, new double[10], EPS).cache();
        BatchNorm.Gradients a = BatchNorm.backwardGraph(dout, cache);
        BatchNorm.Gradients b = BatchNorm.backwardSimplified(dout, cache);
        assertTrue(GradientCheck.relativeError(a.dx(), b.dx()) < 1e-9);
        assertTrue(GradientCheck.relativeError(a.dgamma(), b.dgamma()) < 1e-12);
        assertArrayEquals(a.dbeta(), b.dbeta(), 1e-12);
    }

    @Test
    void runningAveragesConvergeAndTestModeUsesThem() {
        Random rng = new Random(10);
        BatchNorm bn = new BatchNorm(2);
        for (int step = 0; step < 300; step++) {
            bn.forward(TestData.gaussian(rng, 64, 2, 3.0, 2.0), Mode.TRAIN);
        }
        // The data has mean 3 and variance 4; averaging ~10 batches of 64 leaves a few percent of noise.
        for (int j = 0; j < 2; j++) {
            assertEquals(3.0, bn.runningMean()[j], 0.15);
            assertEquals(4.0, bn.runningVar()[j], 0.4);
        }
        double[][] x = {{3.0, 5.0}};
        BatchNorm.Forward f = bn.forward(x, Mode.TEST);
        assertNull(f.cache());
        for (int j = 0; j < 2; j++) {
            double expected = (x[0][j] - bn.runningMean()[j]) / Math.sqrt(bn.runningVar()[j] + EPS);
            assertEquals(expected, f.out()[0][j], 1e-12);
        }
    }

    @Test
    void testModeDoesNotChangeRunningAverages() {
        BatchNorm bn = new BatchNorm(1);
        bn.forward(new double[][] {{10}, {20}}, Mode.TEST);
        assertEquals(0.0, bn.runningMean()[0], 0.0);
        assertEquals(1.0, bn.runningVar()[0], 0.0);
    }

    @Test
    void updateRunningIsAnExponentialAverage() {
        double[] running = {1.0, 2.0};
        BatchNorm.updateRunning(running, new double[] {3.0, 0.0}, 0.9);
        assertArrayEquals(new double[] {0.9 + 0.3, 1.8}, running, 1e-15);
        // One training step from mean 0, var 1 with a batch of mean 1.5 and var 0.25.
        BatchNorm bn = new BatchNorm(1);
        bn.forward(new double[][] {{1.0}, {2.0}}, Mode.TRAIN);
        assertEquals(0.1 * 1.5, bn.runningMean()[0], 1e-15);
        assertEquals(0.9 + 0.1 * 0.25, bn.runningVar()[0], 1e-15);
    }

    @Test
    void singleExampleBatchOutputsBeta() {
        double[][] out = BatchNorm.forwardTrain(new double[][] {{7.0, -2.0}}, new double[] {3, 3},
                new double[] {0.5, -0.5}, EPS).out();
        assertArrayEquals(new double[] {0.5, -0.5}, out[0], 0.0);
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forwardTrain(new double[2][5], new double[4], new double[5], EPS));
        assertTrue(e.getMessage().contains("5 features") && e.getMessage().contains("(4,)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm(3, 0.9, -1e-5));
        assertTrue(e.getMessage().contains("eps = -1.0E-5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm(3, 1.0, EPS));
        assertTrue(e.getMessage().contains("averagingBeta = 1.0; it must be in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm(0));
        assertTrue(e.getMessage().contains("d = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forwardTrain(new double[0][], new double[1], new double[1], EPS));
        assertTrue(e.getMessage().contains("empty batch"), e.getMessage());
        BatchNorm bn = new BatchNorm(2);
        e = assertThrows(IllegalArgumentException.class, () -> bn.backward(new double[1][2], null));
        assertTrue(e.getMessage().contains("Mode.TRAIN"), e.getMessage());
    }

    @Test
    void blockedStatisticsAgreeWithThePlainTwoPassColumnStatistics() {
        Random rng = new Random(41);
        // 600 x 64 doubles are 300 KB: more than one 256 KB block, so the blocks are merged.
        for (int m : new int[] {5, 600}) {
            double[][] x = TestData.gaussian(rng, m, 64, 1000.0, 3.0);
            BatchNorm.Cache cache = BatchNorm.forwardTrain(x, ones(64), new double[64], 0.0).cache();
            double[] mean = deepnets.core.Matrices.columnMeans(x);
            double[] var = deepnets.core.Matrices.columnVariances(x);
            for (int j = 0; j < 64; j++) {
                assertEquals(mean[j], cache.mu()[j], 1e-12 * Math.abs(mean[j]));
                assertEquals(var[j], cache.var()[j], 1e-10 * var[j]);
            }
        }
    }

    private static double[] ones(int d) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    @Test
    void epsZeroOnAConstantFeatureGivesBetaAndAZeroGradientInsteadOfNaN() {
        // Column 0 is constant (variance 0), column 1 is not; eps = 0 is documented as legal.
        double[][] x = {{0.25, 1}, {0.25, 3}};
        double[] gamma = {2, 1};
        double[] beta = {0.5, 0};
        BatchNorm.Forward f = BatchNorm.forwardTrain(x, gamma, beta, 0.0);
        // Column 0: xhat = 0, so out = beta; column 1: mean 2, variance 1, so xhat = -1, 1.
        assertArrayEquals(new double[] {0.5, -1}, f.out()[0], 0.0);
        assertArrayEquals(new double[] {0.5, 1}, f.out()[1], 0.0);
        double[][] dout = {{1, 0.5}, {-2, 1}};
        for (BatchNorm.Gradients g : new BatchNorm.Gradients[] {BatchNorm.backwardSimplified(dout, f.cache()),
                BatchNorm.backwardGraph(dout, f.cache())}) {
            assertEquals(0.0, g.dx()[0][0], 0.0);
            assertEquals(0.0, g.dx()[1][0], 0.0);
            assertEquals(0.0, g.dgamma()[0], 0.0);
            assertEquals(-1.0, g.dbeta()[0], 0.0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.forwardTest(x, gamma,
                beta, new double[] {0, 0}, new double[] {0, 1}, 0.0));
        assertEquals("BatchNorm.forwardTest: runningVar[0] + eps = 0, so feature 0 cannot be normalized (it never "
                + "varied in training); use eps > 0, e.g. 1e-5.", e.getMessage());
    }

    @Test
    void largeBatchesSplitOverTwoCoresAgreeWithTheGraphAndAreRepeatable() {
        // 700 x 800 = 560,000 entries: above the size from which the passes run in two halves on two cores.
        Batch b = Batch.random(17, 700, 800, 3.0, 0.5);
        double[][] x = b.x();
        double[] gamma = b.gamma();
        double[] beta = b.beta();
        double[][] dout = b.dout();
        BatchNorm.Forward f = BatchNorm.forwardTrain(x, gamma, beta, EPS);
        double[] mean = deepnets.core.Matrices.columnMeans(x);
        double[] var = deepnets.core.Matrices.columnVariances(x);
        for (int j = 0; j < 800; j += 37) {
            assertEquals(mean[j], f.cache().mu()[j], 1e-12 * Math.abs(mean[j]) + 1e-15);
            assertEquals(var[j], f.cache().var()[j], 1e-10 * var[j]);
            for (int i : new int[] {0, 349, 350, 699}) { // both sides of the split between the halves of the rows
                double expected = gamma[j] * (x[i][j] - mean[j]) / Math.sqrt(var[j] + EPS) + beta[j];
                assertEquals(expected, f.out()[i][j], 1e-9);
            }
        }
        BatchNorm.Gradients graph = BatchNorm.backwardGraph(dout, f.cache());
        BatchNorm.Gradients fast = BatchNorm.backwardSimplified(dout, f.cache());
        assertTrue(GradientCheck.relativeError(graph.dx(), fast.dx()) < 1e-9);
        assertTrue(GradientCheck.relativeError(graph.dgamma(), fast.dgamma()) < 1e-12);
        assertArrayEquals(graph.dbeta(), fast.dbeta(), 1e-9);
        BatchNorm.Forward again = BatchNorm.forwardTrain(x, gamma, beta, EPS);
        BatchNorm.Gradients fastAgain = BatchNorm.backwardSimplified(dout, again.cache());
        for (int i = 0; i < 700; i++) {
            assertArrayEquals(f.out()[i], again.out()[i], 0.0);
            assertArrayEquals(fast.dx()[i], fastAgain.dx()[i], 0.0);
        }
    }

    /** A batch x ~ N(mean, 2^2) of shape (m, n), gamma ~ N(1, gammaStd^2), beta ~ N(0, 1) and dout ~ N(0, 1). */
    private record Batch(double[][] x, double[] gamma, double[] beta, double[][] dout) {
        static Batch random(long seed, int m, int n, double mean, double gammaStd) {
            Random rng = new Random(seed);
            double[][] x = TestData.gaussian(rng, m, n, mean, 2.0);
            double[] gamma = TestData.gaussian(rng, n, 1.0, gammaStd);
            double[] beta = TestData.gaussian(rng, n, 0.0, 1.0);
            return new Batch(x, gamma, beta, TestData.gaussian(rng, m, n, 0, 1));
        }
    }
}
