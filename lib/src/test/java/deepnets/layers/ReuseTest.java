package deepnets.layers;

import deepnets.TestData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reuse overloads of the layers: same numbers as the allocating methods, written into the given arrays. */
class ReuseTest {

    private static final double EPS = 1e-5;

    private static void assertSameNumbers(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0);
        }
    }

    private static void assertSameRows(double[][] expected, double[][] actual) {
        assertSame(expected, actual);
        for (int i = 0; i < expected.length; i++) {
            assertSame(expected[i], actual[i]);
        }
    }

    @Test
    void batchNormForwardWritesTheAllocatingResultIntoTheGivenArrays() {
        Random rng = new Random(1);
        double[] gamma = TestData.gaussian(rng, 5, 1.0, 0.5);
        double[] beta = TestData.gaussian(rng, 5, 0.0, 0.5);
        BatchNorm.Forward earlier = BatchNorm.forwardTrain(TestData.gaussian(rng, 8, 5, 3.0, 2.0), gamma, beta, EPS);
        double[][] x = TestData.gaussian(rng, 8, 5, -1.0, 4.0);

        BatchNorm.Forward fresh = BatchNorm.forwardTrain(x, gamma, beta, EPS);
        BatchNorm.Forward reused = BatchNorm.forwardTrain(x, gamma, beta, EPS, earlier);

        assertSameNumbers(fresh.out(), reused.out());
        assertArrayEquals(fresh.cache().mu(), reused.cache().mu(), 0.0);
        assertArrayEquals(fresh.cache().var(), reused.cache().var(), 0.0);
        assertArrayEquals(fresh.cache().invStd(), reused.cache().invStd(), 0.0);
        assertSameRows(earlier.out(), reused.out());
        assertSame(earlier.cache().mu(), reused.cache().mu());
        assertSame(earlier.cache().var(), reused.cache().var());
        assertSame(earlier.cache().invStd(), reused.cache().invStd());
        assertSame(x, reused.cache().x());
    }

    @Test
    void batchNormBackwardWritesTheAllocatingResultIntoTheGivenArrays() {
        Random rng = new Random(2);
        double[][] x = TestData.gaussian(rng, 6, 4, 1.0, 2.0);
        double[][] dout = TestData.gaussian(rng, 6, 4, 0.0, 1.0);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, TestData.gaussian(rng, 4, 1.0, 0.5), new double[4], EPS).cache();
        BatchNorm.Gradients earlier = BatchNorm.backwardSimplified(TestData.gaussian(rng, 6, 4, 0.0, 1.0), cache);

        BatchNorm.Gradients fresh = BatchNorm.backwardSimplified(dout, cache);
        BatchNorm.Gradients reused = BatchNorm.backwardSimplified(dout, cache, earlier);

        assertSameNumbers(fresh.dx(), reused.dx());
        assertArrayEquals(fresh.dgamma(), reused.dgamma(), 0.0);
        assertArrayEquals(fresh.dbeta(), reused.dbeta(), 0.0);
        assertSameRows(earlier.dx(), reused.dx());
        assertSame(earlier.dgamma(), reused.dgamma());
        assertSame(earlier.dbeta(), reused.dbeta());
    }

    @Test
    void batchNormBackwardMayOverwriteDout() {
        Random rng = new Random(3);
        double[][] x = TestData.gaussian(rng, 5, 3, 0.0, 1.0);
        double[][] dout = TestData.gaussian(rng, 5, 3, 0.0, 1.0);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, new double[] {1, 2, 3}, new double[3], EPS).cache();
        BatchNorm.Gradients expected = BatchNorm.backwardSimplified(dout, cache);

        BatchNorm.Gradients inPlace = BatchNorm.backwardSimplified(dout, cache, new BatchNorm.Gradients(dout, null, null));

        assertSame(dout, inPlace.dx());
        assertSameNumbers(expected.dx(), dout);
        assertArrayEquals(expected.dgamma(), inPlace.dgamma(), 0.0);
    }

    @Test
    void arraysOfTheWrongShapeAreReplacedNotUsed() {
        Random rng = new Random(4);
        double[] gamma = {1, 1, 1};
        BatchNorm.Forward small = BatchNorm.forwardTrain(TestData.gaussian(rng, 4, 3, 0.0, 1.0), gamma, new double[3], EPS);
        double[][] x = TestData.gaussian(rng, 7, 3, 0.0, 1.0);
        double[][] before = {small.out()[0].clone()};

        BatchNorm.Forward bigger = BatchNorm.forwardTrain(x, gamma, new double[3], EPS, small);

        assertNotSame(small.out(), bigger.out());
        assertEquals(7, bigger.out().length);
        assertSameNumbers(BatchNorm.forwardTrain(x, gamma, new double[3], EPS).out(), bigger.out());
        assertSameNumbers(before, new double[][] {small.out()[0]});
        // The (D,) statistics still fit, so they are reused even though out is not.
        assertSame(small.cache().mu(), bigger.cache().mu());

        BatchNorm.Forward otherWidth = BatchNorm.forwardTrain(TestData.gaussian(rng, 4, 2, 0.0, 1.0),
                new double[] {1, 1}, new double[2], EPS, small);
        assertNotSame(small.cache().mu(), otherWidth.cache().mu());
        assertEquals(2, otherWidth.out()[0].length);
    }

    @Test
    void aReuseBufferThatIsTheInputIsRejected() {
        double[][] x = TestData.gaussian(new Random(5), 4, 2, 0.0, 1.0);
        BatchNorm.Forward aliased = new BatchNorm.Forward(x, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.forwardTrain(x, new double[] {1, 1}, new double[2], EPS, aliased));
        assertTrue(e.getMessage().contains("BatchNorm.forwardTrain") && e.getMessage().contains("reuse buffer"),
                e.getMessage());
    }

    @Test
    void blockedStatisticsMatchTheTextbookFormulaOverManyBlocks() {
        // 700 rows of 64 features span two blocks of rows (512 + 188). Column j holds 1e8 + (i % 7) - 3 + j: over
        // 100 full periods of 0..6 the mean is 1e8 + j and the variance (9 + 4 + 1 + 0 + 1 + 4 + 9) / 7 = 4.
        int m = 700;
        int d = 64;
        double[][] x = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = 1e8 + (i % 7) - 3 + j;
            }
        }
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, new double[d], new double[d], EPS).cache();
        for (int j = 0; j < d; j++) {
            assertEquals(1e8 + j, cache.mu()[j], 1e-7);
            assertEquals(4.0, cache.var()[j], 1e-9);
        }
    }

    @Test
    void blockedStatisticsMatchTwoPassStatisticsOfRandomData() {
        // 1000 rows of 300 features: 109 rows per block, so ten blocks and a short last one.
        double[][] x = TestData.gaussian(new Random(6), 1000, 300, 5.0, 3.0);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, new double[300], new double[300], EPS).cache();
        for (int j = 0; j < 300; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= x.length;
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            var /= x.length;
            assertEquals(mean, cache.mu()[j], 1e-13 * Math.abs(mean));
            assertEquals(var, cache.var()[j], 1e-12 * var);
        }
    }

    @Test
    void cacheRecomputesTheNormalizedInput() {
        // x = [[1], [3]]: mean 2, variance 1, so xhat = [-1, 1] / sqrt(1 + eps).
        double[][] x = {{1.0}, {3.0}};
        double[][] xhat = BatchNorm.forwardTrain(x, new double[] {1}, new double[1], EPS).cache().xhat();
        assertEquals(-1.0 / Math.sqrt(1 + EPS), xhat[0][0], 1e-15);
        assertEquals(1.0 / Math.sqrt(1 + EPS), xhat[1][0], 1e-15);
    }

    @Test
    void layerForwardAndBackwardReuseInBothModes() {
        Random rng = new Random(7);
        BatchNorm layer = new BatchNorm(3);
        double[][] x = TestData.gaussian(rng, 6, 3, 2.0, 1.0);
        double[][] dout = TestData.gaussian(rng, 6, 3, 0.0, 1.0);
        BatchNorm.Forward first = layer.forward(TestData.gaussian(rng, 6, 3, 0.0, 1.0), Mode.TRAIN, null);
        BatchNorm.Forward again = layer.forward(x, Mode.TRAIN, first);
        assertSameRows(first.out(), again.out());
        assertSameNumbers(BatchNorm.forwardTrain(x, layer.gamma(), layer.beta(), layer.eps()).out(), again.out());

        BatchNorm.Gradients g = layer.backward(dout, again.cache(), null);
        BatchNorm.Gradients g2 = layer.backward(dout, again.cache(), g);
        assertSameRows(g.dx(), g2.dx());
        assertSameNumbers(BatchNorm.backwardSimplified(dout, again.cache()).dx(), g2.dx());

        BatchNorm.Forward test = layer.forward(x, Mode.TEST, again);
        assertSameRows(first.out(), test.out());
        assertEquals(null, test.cache());
        assertSameNumbers(BatchNorm.forwardTest(x, layer.gamma(), layer.beta(), layer.runningMean(),
                layer.runningVar(), layer.eps()), test.out());
    }

    @Test
    void affineForwardAndBackwardWriteTheAllocatingResultsIntoTheGivenArrays() {
        Random rng = new Random(9);
        double[][] w = TestData.gaussian(rng, 5, 3, 0.0, 1.0);
        double[] b = TestData.gaussian(rng, 3, 0.0, 1.0);
        double[][] x = TestData.gaussian(rng, 7, 5, 0.0, 2.0);
        double[][] dout = TestData.gaussian(rng, 7, 3, 0.0, 1.0);
        Affine.Forward earlier = Affine.forward(TestData.gaussian(rng, 7, 5, 1.0, 1.0), w, b);
        Affine.Gradients earlierGrads = Affine.backward(TestData.gaussian(rng, 7, 3, 0.0, 1.0), earlier.cache());

        Affine.Forward reused = Affine.forward(x, w, b, earlier);
        assertSameNumbers(Affine.forward(x, w, b).out(), reused.out());
        assertSameRows(earlier.out(), reused.out());
        Affine.Gradients fresh = Affine.backward(dout, reused.cache());
        Affine.Gradients again = Affine.backward(dout, reused.cache(), earlierGrads);
        assertSameNumbers(fresh.dx(), again.dx());
        assertSameNumbers(fresh.dW(), again.dW());
        assertArrayEquals(fresh.db(), again.db(), 0.0);
        assertSameRows(earlierGrads.dx(), again.dx());
        assertSameRows(earlierGrads.dW(), again.dW());
        assertSame(earlierGrads.db(), again.db());
        Affine.Gradients weights = Affine.weightGradients(dout, reused.cache(), again);
        assertEquals(null, weights.dx());
        assertSameNumbers(fresh.dW(), weights.dW());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Affine.forward(x, TestData.gaussian(rng, 5, 5, 0.0, 1.0), null, new Affine.Forward(x, null)));
        assertTrue(e.getMessage().startsWith("Affine.forward: the reuse buffer shares row 0 with the input"),
                e.getMessage());
    }

    @Test
    void reluForwardAndBackwardWriteTheAllocatingResultsIntoTheGivenArrays() {
        Random rng = new Random(10);
        double[][] x = TestData.gaussian(rng, 6, 4, 0.0, 1.0);
        double[][] dout = TestData.gaussian(rng, 6, 4, 0.0, 1.0);
        double[][] out = Relu.forward(TestData.gaussian(rng, 6, 4, 0.0, 1.0));
        double[][] dx = Relu.backward(dout, out);

        double[][] reused = Relu.forward(x, out);
        assertSameNumbers(Relu.forward(x), reused);
        assertSameRows(out, reused);
        double[][] reusedDx = Relu.backward(dout, x, dx);
        assertSameNumbers(Relu.backward(dout, x), reusedDx);
        assertSameRows(dx, reusedDx);
        assertNotSame(out, Relu.forward(x, new double[6][3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Relu.forward(x, x));
        assertTrue(e.getMessage().startsWith("Relu.forward: the reuse buffer shares row 0 with the input"),
                e.getMessage());
    }

    @Test
    void softmaxCrossEntropyWritesTheAllocatingResultIntoTheGivenArrays() {
        Random rng = new Random(8);
        double[][] z = TestData.gaussian(rng, 9, 4, 0.0, 3.0);
        int[] labels = TestData.labels(rng, 9, 4);
        SoftmaxCrossEntropy.Forward earlier = SoftmaxCrossEntropy.forward(TestData.gaussian(rng, 9, 4, 0.0, 1.0), labels);
        double[][] earlierDz = SoftmaxCrossEntropy.backward(earlier.cache());

        SoftmaxCrossEntropy.Forward fresh = SoftmaxCrossEntropy.forward(z, labels);
        SoftmaxCrossEntropy.Forward reused = SoftmaxCrossEntropy.forward(z, labels, earlier);
        double[][] dz = SoftmaxCrossEntropy.backward(reused.cache(), earlierDz);

        assertEquals(fresh.loss(), reused.loss(), 0.0);
        assertSameNumbers(fresh.probs(), reused.probs());
        assertSameRows(earlier.probs(), reused.probs());
        assertSameNumbers(SoftmaxCrossEntropy.backward(fresh.cache()), dz);
        assertSameRows(earlierDz, dz);
        assertNotSame(SoftmaxCrossEntropy.backward(reused.cache(), new double[3][4]), earlierDz);
    }

    @Test
    void softmaxCrossEntropyBackwardMayOverwriteTheProbabilities() {
        // z = [[0, ln 3]], label 1: yhat = [1/4, 3/4], so dz = [1/4, -1/4] for N = 1.
        SoftmaxCrossEntropy.Forward f = SoftmaxCrossEntropy.forward(new double[][] {{0, Math.log(3)}}, new int[] {1});
        double[][] dz = SoftmaxCrossEntropy.backward(f.cache(), f.probs());
        assertSame(f.probs(), dz);
        assertEquals(0.25, dz[0][0], 1e-15);
        assertEquals(-0.25, dz[0][1], 1e-15);
    }

    @Test
    void softmaxProbabilitiesMustNotOverwriteTheLogits() {
        double[][] z = {{1, 2}, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.forward(z, new int[] {0, 1}, new SoftmaxCrossEntropy.Forward(0, z, null)));
        assertTrue(e.getMessage().contains("SoftmaxCrossEntropy.forward"), e.getMessage());
    }
}
