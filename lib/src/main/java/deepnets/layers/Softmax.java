package deepnets.layers;

import deepnets.core.Shapes;

/** The softmax of each row, {@code yhat_ik = exp(z_ik) / sum_c exp(z_ic)}. */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Row-wise softmax, (N, C) -&gt; (N, C). Each row's maximum is subtracted first (this doesn't change the
     * result) so that {@code exp} never overflows, even for logits of +-1000.
     *
     * @param z logits (N, C); not modified
     */
    public static double[][] forward(double[][] z) {
        int c = Shapes.requireMatrix("Softmax.forward", "z", z);
        double[][] out = new double[z.length][c];
        for (int i = 0; i < z.length; i++) {
            double[] zi = z[i];
            double[] oi = out[i];
            double max = rowMax(zi);
            double sum = 0.0;
            for (int j = 0; j < c; j++) {
                oi[j] = Math.exp(zi[j] - max);
                sum += oi[j];
            }
            double inv = 1.0 / sum;
            for (int j = 0; j < c; j++) {
                oi[j] *= inv;
            }
        }
        return out;
    }

    /** {@code log sum_c exp(z_c)} computed as {@code max + log sum_c exp(z_c - max)}, stable for large logits. */
    public static double logSumExp(double[] z) {
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
