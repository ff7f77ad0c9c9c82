package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.CrossEntropyLoss;
import deepnets.exercises.StableSoftmax;

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
     * result) so that {@code exp} never overflows, even for logits of +-1000. The exponential is the library's own,
     * which the JIT vectorizes (see {@code SoftmaxKernel}); its tests find it within 1 ulp of
     * {@code StrictMath.exp}.
     *
     * @param z logits (N, C), finite (NaN or infinity is refused); not modified
     */
    @Solves(StableSoftmax.class)
    public static double[][] forward(double[][] z) {
        EntryPoints.entered();
        Shapes.requireMatrix("Softmax.forward", "z", z);
        // The kernel allocates the rows one by one, each zeroed in the cache just before it is written (see
        // SoftmaxCrossEntropy.forward), and refuses a NaN or infinity as Require.finite would, naming the entry.
        double[][] out = new double[z.length][];
        SoftmaxKernel.forward("Softmax.forward", z, null, out);
        return out;
    }

    /**
     * {@code log sum_c exp(z_c)} computed as {@code max + log sum_c exp(z_c - max)}, stable for large logits.
     *
     * @param z (C,) with C &gt;= 1, finite; not modified
     */
    @Solves({CrossEntropyLoss.class, StableSoftmax.class})
    public static double logSumExp(double[] z) {
        EntryPoints.entered();
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
