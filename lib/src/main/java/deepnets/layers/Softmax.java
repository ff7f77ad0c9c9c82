package deepnets.layers;

import deepnets.check.Exercise;
import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * The softmax of each row, {@code yhat_ik = exp(z_ik) / sum_c exp(z_ic)}.
 *
 * <p>Taught in notebooks/solutions/07-softmax-regression.ipynb.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Row-wise softmax, (N, C) -&gt; (N, C). Each row's maximum is subtracted first (this doesn't change the
     * result) so that {@code exp} never overflows, even for logits of +-1000.
     *
     * @param z logits (N, C), finite (NaN or infinity is refused); not modified
     */
    public static double[][] forward(double[][] z) {
        Exercise.entered("Softmax.forward");
        int c = Shapes.requireMatrix("Softmax.forward", "z", z);
        Require.finite("Softmax.forward", "z", z);
        // Row by row, each zeroed in the cache just before it is written (see SoftmaxCrossEntropy.forward).
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new double[c];
            forwardRow(z[i], out[i]);
        }
        return out;
    }

    /**
     * Writes the softmax of one row of logits into {@code out} and returns the row's log-sum-exp, so that
     * softmax cross-entropy needs one {@code exp} per logit, the cost that dominates it.
     *
     * @param z logits (C,); not modified
     * @param out (C,); modified
     */
    static double forwardRow(double[] z, double[] out) {
        double max = rowMax(z);
        double sum = 0.0;
        for (int j = 0; j < z.length; j++) {
            out[j] = Math.exp(z[j] - max);
            sum += out[j];
        }
        double inv = 1.0 / sum;
        for (int j = 0; j < z.length; j++) {
            out[j] *= inv;
        }
        return max + Math.log(sum);
    }

    /**
     * {@code log sum_c exp(z_c)} computed as {@code max + log sum_c exp(z_c - max)}, stable for large logits.
     *
     * @param z (C,) with C &gt;= 1, finite; not modified
     */
    public static double logSumExp(double[] z) {
        Exercise.entered("Softmax.logSumExp");
        Require.notNull("Softmax.logSumExp", "z", z);
        if (z.length == 0) {
            throw new IllegalArgumentException("Softmax.logSumExp: z is empty; pass at least one logit.");
        }
        Require.finite("Softmax.logSumExp", "z", z);
        double max = rowMax(z);
        double sum = 0.0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    private static double rowMax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        return max;
    }
}
