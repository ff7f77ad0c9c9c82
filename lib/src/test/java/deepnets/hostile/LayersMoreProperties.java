package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyLabels;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.anyVector;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import deepnets.Hostile.Outcome;
import deepnets.layers.Affine;
import deepnets.layers.BatchNorm;
import deepnets.layers.CrossEntropy;
import deepnets.layers.LayerNorm;
import deepnets.layers.Softmax;
import deepnets.layers.SoftmaxCrossEntropy;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile calls into the rest of deepnets.layers (part 2 of issue 17): backward passes with hand-built caches,
 * test-time batch norm, running averages, layer norm, log-sum-exp and the one-hot cross-entropy, each checked
 * against sums written out here.
 */
class LayersMoreProperties {

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(3);
    }

    @Provide
    Arbitrary<double[]> vectors() {
        return anyVector();
    }

    @Provide
    Arbitrary<int[]> labels() {
        return anyLabels();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    private static boolean finite(double[]... rows) {
        for (double[] row : rows) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Property(seed = "17")
    void affineBackwardWithAHandBuiltCache(@ForAll("matrices") double[][] dout, @ForAll("matrices") double[][] x,
            @ForAll("matrices") double[][] w) {
        Outcome<Affine.Gradients> g = call("Affine.backward", () -> Affine.backward(dout, new Affine.Cache(x, w, true)));
        if (g.returned()) {
            for (int k = 0; k < w.length; k++) {
                for (int j = 0; j < w[0].length; j++) {
                    double s = 0;
                    for (int i = 0; i < x.length; i++) {
                        s += x[i][k] * dout[i][j];
                    }
                    assertEquals(s, g.value().dW()[k][j], 1e-9 * (1 + Math.abs(s)));
                }
            }
            for (double[] row : g.value().dx()) {
                assertFinite("Affine.backward", row);
            }
            assertFinite("Affine.backward", g.value().db());
        }
        call("Affine.backward", () -> Affine.backward(dout, null));
    }

    @Property(seed = "17")
    void softmaxCrossEntropyBackwardWithAHandBuiltCache(@ForAll("matrices") double[][] p, @ForAll("labels") int[] y) {
        Outcome<double[][]> dz = call("SoftmaxCrossEntropy.backward",
                () -> SoftmaxCrossEntropy.backward(new SoftmaxCrossEntropy.Cache(p, y)));
        if (dz.returned()) {
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[i].length; j++) {
                    double expected = (p[i][j] - (j == y[i] ? 1 : 0)) / p.length;
                    assertEquals(expected, dz.value()[i][j], 1e-12);
                }
            }
        }
        call("SoftmaxCrossEntropy.backward", () -> SoftmaxCrossEntropy.backward(null));
    }

    @Property(seed = "17")
    void logSumExpIsTheLogOfTheSumOfExponentials(@ForAll("vectors") double[] z) {
        Outcome<Double> l = call("Softmax.logSumExp", () -> Softmax.logSumExp(z));
        if (l.returned()) {
            assertFinite("Softmax.logSumExp", l.value());
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z) {
                s += Math.exp(v - max);
            }
            assertEquals(max + Math.log(s), l.value(), 1e-12 * (1 + Math.abs(max)));
        }
    }

    @Property(seed = "17")
    void oneHotCrossEntropy(@ForAll("matrices") double[][] yhat, @ForAll("matrices") double[][] y) {
        Outcome<Double> l = call("CrossEntropy.loss", () -> CrossEntropy.loss(yhat, y));
        if (l.returned()) {
            double s = 0;
            for (int i = 0; i < yhat.length; i++) {
                for (int j = 0; j < yhat[i].length; j++) {
                    s -= y[i][j] == 0 ? 0 : y[i][j] * Math.log(Math.max(yhat[i][j], 1e-300)) / yhat.length;
                }
            }
            if (Double.isFinite(s)) {
                assertEquals(s, l.value(), 1e-9 * (1 + Math.abs(s)));
            }
        }
    }

    @Property(seed = "17")
    void testTimeBatchNormUsesTheRunningAverages(@ForAll("matrices") double[][] x, @ForAll("vectors") double[] mean,
            @ForAll("vectors") double[] var, @ForAll("doubles") double eps) {
        double[] gamma = {2, 1, 0.5};
        double[] beta = {0, 1, -1};
        Outcome<double[][]> out = call("BatchNorm.forwardTest", () -> BatchNorm.forwardTest(x, gamma, beta, mean, var, eps));
        if (out.returned()) {
            for (int i = 0; i < x.length; i++) {
                assertFinite("BatchNorm.forwardTest", out.value()[i]);
                for (int j = 0; j < 3; j++) {
                    double expected = gamma[j] * (x[i][j] - mean[j]) / Math.sqrt(var[j] + eps) + beta[j];
                    assertEquals(expected, out.value()[i][j], 1e-9 * (1 + Math.abs(expected)));
                }
            }
        }
    }

    @Property(seed = "17")
    void runningAveragesMoveTowardsTheBatch(@ForAll("vectors") double[] running, @ForAll("vectors") double[] batch,
            @ForAll("doubles") double b) {
        double[] before = running == null ? null : running.clone();
        Outcome<Void> u = call("BatchNorm.updateRunning", () -> {
            BatchNorm.updateRunning(running, batch, b);
            return null;
        });
        if (u.returned()) {
            for (int j = 0; j < running.length; j++) {
                assertEquals(b * before[j] + (1 - b) * batch[j], running[j], 1e-12 * (1 + Math.abs(running[j])));
            }
            assertFinite("BatchNorm.updateRunning", running);
        } else if (running != null) {
            assertArrayEquals(before, running, "refused, but running changed");
        }
    }

    @Property(seed = "17")
    void handBuiltBatchNormCachesAreCheckedWhenUsed(@ForAll("matrices") double[][] x, @ForAll("vectors") double[] mu,
            @ForAll("vectors") double[] var, @ForAll("vectors") double[] invStd, @ForAll("doubles") double eps) {
        BatchNorm.Cache cache = new BatchNorm.Cache(x, mu, var, invStd, new double[] {1, 1, 1}, eps);
        Outcome<double[][]> xhat = call("BatchNorm.Cache.xhat", cache::xhat);
        if (xhat.returned()) {
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    assertEquals((x[i][j] - mu[j]) * invStd[j], xhat.value()[i][j], 0.0);
                }
            }
        }
        double[][] dout = x; // backward does not modify dout
        Outcome<BatchNorm.Gradients> g = call("BatchNorm.backwardSimplified", () -> BatchNorm.backwardSimplified(dout, cache));
        Outcome<BatchNorm.Gradients> graph = call("BatchNorm.backwardGraph", () -> BatchNorm.backwardGraph(dout, cache));
        if (g.returned()) {
            assertFinite("BatchNorm.backwardSimplified", g.value().dgamma());
            assertFinite("BatchNorm.backwardSimplified", g.value().dbeta());
            for (double[] row : g.value().dx()) {
                assertFinite("BatchNorm.backwardSimplified", row);
            }
            // dbeta = sum_i dout_i, written out here
            for (int j = 0; j < dout[0].length; j++) {
                double s = 0;
                for (double[] row : dout) {
                    s += row[j];
                }
                assertEquals(s, g.value().dbeta()[j], 1e-12 * (1 + Math.abs(s)));
            }
        }
        if (graph.returned()) {
            for (double[] row : graph.value().dx()) {
                assertFinite("BatchNorm.backwardGraph", row);
            }
        }
    }

    @Property(seed = "17")
    void layerNormNormalizesEachRow(@ForAll("matrices") double[][] x, @ForAll("doubles") double eps) {
        double[] gamma = {1, 1, 1};
        double[] beta = {0, 0, 0};
        Outcome<double[][]> out = call("LayerNorm.forward", () -> LayerNorm.forward(x, gamma, beta, eps));
        if (out.returned()) {
            for (int i = 0; i < x.length; i++) {
                assertFinite("LayerNorm.forward", out.value()[i]);
                double mu = (x[i][0] + x[i][1] + x[i][2]) / 3;
                double var = 0;
                for (double v : x[i]) {
                    var += (v - mu) * (v - mu) / 3;
                }
                for (int j = 0; j < 3; j++) {
                    double expected = (x[i][j] - mu) / Math.sqrt(var + eps);
                    assertEquals(expected, out.value()[i][j], 1e-9 * (1 + Math.abs(expected)));
                }
            }
        }
    }

    @Property(seed = "17")
    void batchNormTestModeOfALayer(@ForAll("matrices") double[][] x) {
        BatchNorm bn = new BatchNorm(3);
        Outcome<BatchNorm.Forward> f = call("BatchNorm.forward", () -> bn.forward(x, deepnets.layers.Mode.TEST));
        if (f.returned()) {
            // fresh running averages (mean 0, variance 1): out = x / sqrt(1 + eps)
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(x[i][j] / Math.sqrt(1 + BatchNorm.DEFAULT_EPS), f.value().out()[i][j], 1e-12 * (1 + Math.abs(x[i][j])));
                }
            }
        }
        call("BatchNorm.backward", () -> bn.backward(x, null));
        assertFinite("BatchNorm", bn.runningMean());
        assertFinite("BatchNorm", bn.runningVar());
        assertFinite("BatchNorm", finite(bn.gamma()) ? 0 : Double.NaN);
    }
}
