package deepnets.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.core.NonFiniteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Round two of the hostile-input probe (issue 31): every NaN, infinity and overflow in batch norm, layer norm and
 * Affine is refused with the course's {@link NonFiniteException} naming the entry or the overflow; nothing is
 * returned as NaN, as beta, or as a finite number computed past an unnoticed infinity.
 */
class NonFiniteRefusalTest {

    private static String refused(Executable call) {
        return assertThrows(NonFiniteException.class, call).getMessage();
    }

    private static double[][] batch(int m, int n) {
        double[][] x = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                x[i][j] = Math.sin(1 + 3 * i + 7 * j);
            }
        }
        return x;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }

    @Test
    void batchNormNamesEveryNonFiniteEntryOfXByRowAndColumn() {
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : bad) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    double[][] x = batch(4, 3);
                    x[i][j] = v;
                    String expected = "x[" + i + "][" + j + "] is " + v;
                    String train = refused(() -> BatchNorm.forwardTrain(x, ones(3), new double[3], 1e-5));
                    assertTrue(train.startsWith("BatchNorm.forwardTrain: " + expected), train);
                    String test = refused(() -> BatchNorm.forwardTest(x, ones(3), new double[3], new double[3], ones(3), 1e-5));
                    assertTrue(test.startsWith("BatchNorm.forwardTest: " + expected), test);
                    BatchNorm layer = new BatchNorm(3);
                    String viaLayer = refused(() -> layer.forward(x, Mode.TRAIN));
                    assertTrue(viaLayer.contains(expected), viaLayer);
                    assertEquals(0.0, layer.runningMean()[0], "a refused pass leaves the running averages alone");
                }
            }
        }
    }

    @Test
    void batchNormBackwardNamesEveryNonFiniteEntryOfDout() {
        double[][] x = batch(4, 3);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, ones(3), new double[3], 1e-5).cache();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double[][] dout = batch(4, 3);
                dout[i][j] = Double.NaN;
                String expected = "dout[" + i + "][" + j + "] is NaN";
                String simplified = refused(() -> BatchNorm.backwardSimplified(dout, cache));
                assertTrue(simplified.startsWith("BatchNorm.backwardSimplified: " + expected), simplified);
                String graph = refused(() -> BatchNorm.backwardGraph(dout, cache));
                assertTrue(graph.startsWith("BatchNorm.backwardGraph: " + expected), graph);
            }
        }
    }

    @Test
    void batchNormStatisticsThatOverflowAreRefusedAsAnOverflow() {
        // Finite entries whose column sum overflows (the mean), and ones whose squared deviations overflow (the variance).
        double[][] sumOverflows = {{1e308, 0}, {1e308, 1}, {1e308, 2}};
        String mean = refused(() -> BatchNorm.forwardTrain(sumOverflows, ones(2), new double[2], 1e-5));
        assertTrue(mean.contains("overflowed") && mean.contains("although x is finite"), mean);
        double[][] squaresOverflow = {{1e200, 0}, {-1e200, 1}};
        String var = refused(() -> BatchNorm.forwardTrain(squaresOverflow, ones(2), new double[2], 1e-5));
        assertTrue(var.contains("overflowed") && var.contains("although x is finite"), var);
        // dout finite, dbeta = its column sum overflows.
        double[][] x = batch(3, 2);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(x, ones(2), new double[2], 1e-5).cache();
        double[][] dout = {{1e308, 0}, {1e308, 0}, {1e308, 0}};
        String back = refused(() -> BatchNorm.backwardSimplified(dout, cache));
        assertTrue(back.contains("overflowed") && back.contains("although dout is finite"), back);
    }

    @Test
    void batchNormOutputsThatWouldOverflowAreRefusedNotReturnedAsInfinity() {
        double[][] x = batch(4, 2);
        String train = refused(() -> BatchNorm.forwardTrain(x, new double[] {1, 1e308}, new double[2], 1e-5));
        assertTrue(train.contains("output of feature 1 can overflow") && train.contains("gamma[1] = 1.0E308"), train);
        // Test time: gamma over a tiny running variance with eps = 0.
        String test = refused(() -> BatchNorm.forwardTest(x, new double[] {1e300, 1}, new double[2], new double[2],
                new double[] {1e-300, 1}, 0.0));
        assertTrue(test.contains("scale or shift of feature 0 overflowed"), test);
        // Scale finite, but x times it overflows.
        double[][] big = {{1e300, 0}, {-1e300, 0}};
        String out = refused(() -> BatchNorm.forwardTest(big, new double[] {1e10, 1}, new double[2], new double[2],
                ones(2), 0.0));
        assertTrue(out.contains("overflowed") && out.contains("although x, gamma, beta, runningMean, runningVar are finite"), out);
    }

    @Test
    void batchNormWithEpsZeroRefusesAVarianceThatUnderflowedButStillMapsAConstantFeatureToBeta() {
        double[][] tiny = {{1e-200, 3}, {-1e-200, 3}};
        String m = refused(() -> BatchNorm.forwardTrain(tiny, ones(2), new double[2], 0.0));
        assertTrue(m.contains("variance of feature 0 underflowed"), m);
        double[][] constant = {{2, 3}, {2, 4}};
        double[][] out = BatchNorm.forwardTrain(constant, ones(2), new double[] {0.5, 0}, 0.0).out();
        assertEquals(0.5, out[0][0]);
        assertEquals(0.5, out[1][0]);
    }

    @Test
    void batchNormForwardRefusesANullMode() {
        BatchNorm layer = new BatchNorm(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(batch(3, 2), null));
        assertTrue(e.getMessage().startsWith("BatchNorm.forward: mode is null"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> layer.forward(batch(3, 2), null, null));
    }

    @Test
    void layerNormRefusesAVarianceThatOverflowsInsteadOfReturningBeta() {
        String m = refused(() -> LayerNorm.forward(new double[][] {{1e200, -1e200}}, ones(2), new double[] {7, 7}, 1e-5));
        assertTrue(m.startsWith("LayerNorm.forward: the variance of row 0 overflowed"), m);
        String mean = refused(() -> LayerNorm.forward(new double[][] {{0, 1}, {1.5e308, 1.5e308}}, ones(2), new double[2], 1e-5));
        assertTrue(mean.startsWith("LayerNorm.forward: the mean of row 1 overflowed"), mean);
        String nan = refused(() -> LayerNorm.forward(new double[][] {{0, 1}, {2, Double.NaN}}, ones(2), new double[2], 1e-5));
        assertTrue(nan.startsWith("LayerNorm.forward: x[1][1] is NaN"), nan);
        String out = refused(() -> LayerNorm.forward(new double[][] {{0, 1}}, new double[] {1e308, 1e308}, new double[] {1e308, 1e308}, 1e-5));
        assertTrue(out.contains("overflowed") && out.contains("although x, gamma, beta are finite"), out);
    }

    @Test
    void affineNoticesAnInfiniteOrNaNWeightBehindAZeroInput() {
        double[][] x = {{0.0, 1.0}};
        double[][] w = {{Double.POSITIVE_INFINITY}, {2.0}};
        String m = refused(() -> Affine.forward(x, w, null));
        assertTrue(m.startsWith("Affine.forward: W[0][0] is Infinity"), m);
        double[][] wNaN = {{1.0}, {2.0}, {Double.NaN}};
        String n = refused(() -> Affine.forward(new double[][] {{1, 1, 0}}, wNaN, new double[] {0}));
        assertTrue(n.startsWith("Affine.forward: W[2][0] is NaN"), n);
        String b = refused(() -> Affine.forward(new double[][] {{1, 1}}, new double[][] {{1}, {1}}, new double[] {Double.NaN}));
        assertTrue(b.startsWith("Affine.forward: b[0] is NaN"), b);
    }

    @Test
    void affineBackwardNoticesNonFiniteGradientsAndWeightsBehindZeros() {
        // x is 0 in row 1, so x^T dout skips dout's row 1; only db and the check of dout can see it.
        double[][] x = {{1.0, 2.0}, {0.0, 0.0}};
        Affine.Cache cache = Affine.forward(x, new double[][] {{1}, {1}}, new double[] {0}).cache();
        String m = refused(() -> Affine.weightGradients(new double[][] {{1}, {Double.NaN}}, cache));
        assertTrue(m.startsWith("Affine.backward: dout[1][0] is NaN"), m);
        // dout is 0, so dout W^T skips W: an infinite cached weight must still be refused.
        Affine.Cache badW = new Affine.Cache(x, new double[][] {{Double.POSITIVE_INFINITY}, {1}}, false);
        String w = refused(() -> Affine.backward(new double[][] {{0}, {0}}, badW));
        assertTrue(w.startsWith("Affine.backward: cache.w[0][0] is Infinity"), w);
        // db overflows although dout is finite.
        double[][] ones = {{1, 1}, {1, 1}};
        Affine.Cache c2 = Affine.forward(ones, new double[][] {{1}, {1}}, new double[] {0}).cache();
        String db = refused(() -> Affine.backward(new double[][] {{1e308}, {1e308}}, c2));
        assertTrue(db.contains("overflowed"), db);
    }

    @Test
    void lossesThatOverflowFromFiniteInputsAreRefusedNotReturnedAsInfinity() {
        // Row loss = logsumexp(z) - z[label] = 1e308 - (-1e308), beyond the largest double.
        String sce = refused(() -> SoftmaxCrossEntropy.forward(new double[][] {{1e308, -1e308}}, new int[] {1}));
        assertTrue(sce.startsWith("SoftmaxCrossEntropy.forward: the loss overflowed to Infinity or NaN although z is finite"), sce);
        String ce = refused(() -> CrossEntropy.loss(new double[][] {{1e-300, 1}}, new double[][] {{1e308, 0}}));
        assertTrue(ce.startsWith("CrossEntropy.loss: the loss overflowed to Infinity or NaN although yhat, y are finite"), ce);
    }

    @Test
    void aHandBuiltBatchNormCacheWithANonFiniteInputIsNamedNotCalledAnOverflow() {
        double[][] x = {{1, 2}, {Double.NaN, 4}, {5, 6}};
        BatchNorm.Cache cache = new BatchNorm.Cache(x, new double[] {3, 4}, new double[] {1, 1}, new double[] {1, 1},
                ones(2), 1e-5);
        String simplified = refused(() -> BatchNorm.backwardSimplified(batch(3, 2), cache));
        assertTrue(simplified.startsWith("BatchNorm.backwardSimplified: cache.x[1][0] is NaN"), simplified);
        String graph = refused(() -> BatchNorm.backwardGraph(batch(3, 2), cache));
        assertTrue(graph.startsWith("BatchNorm.backwardGraph: cache.x[1][0] is NaN"), graph);
        String xhat = refused(cache::xhat);
        assertTrue(xhat.startsWith("BatchNorm.Cache.xhat: cache.x[1][0] is NaN"), xhat);
        BatchNorm.Cache huge = new BatchNorm.Cache(new double[][] {{1e300}, {-1e300}}, new double[] {0}, new double[] {1},
                new double[] {1e300}, ones(1), 0.0);
        String overflow = refused(huge::xhat);
        assertTrue(overflow.contains("overflowed") && overflow.contains("although cache.x, cache.mu, cache.invStd are finite"),
                overflow);
    }
}
