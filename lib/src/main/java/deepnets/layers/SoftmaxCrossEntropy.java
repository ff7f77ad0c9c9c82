package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.CrossEntropyLoss;
import deepnets.exercises.SoftmaxBackward;
import deepnets.exercises.StableSoftmax;

/**
 * Softmax followed by cross-entropy, computed from the logits: {@code L = (1/N) sum_i (logsumexp(z_i) - z_i[y_i])}
 * and the famously simple gradient {@code dz = (yhat - y) / N}.
 *
 * <p>Taught in notebooks/solutions/07-softmax-regression.ipynb.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /** What backward needs: the probabilities (N, C) and the labels (N,). */
    public record Cache(double[][] probs, int[] labels) {
    }

    /** The mean loss, the probabilities (N, C) and the cache. */
    public record Forward(double loss, double[][] probs, Cache cache) {
    }

    /**
     * Loss and probabilities from logits, (N, C) -&gt; scalar and (N, C). The log-sum-exp form keeps the loss finite
     * where {@code log(softmax)} would take log(0).
     *
     * @param z logits (N, C), finite (NaN or infinity is refused); not modified
     * @param labels class indices (N,), each in [0, C); not modified (kept by reference in the cache)
     */
    @Solves({CrossEntropyLoss.class, StableSoftmax.class})
    public static Forward forward(double[][] z, int[] labels) {
        EntryPoints.entered();
        return forward(z, labels, null);
    }

    /**
     * {@link #forward(double[][], int[])} writing the probabilities into {@code reuse.probs()}, a result of an
     * earlier call, if it has shape (N, C); otherwise into a new array. Use the returned record, not {@code reuse}.
     * Only the two small records are new on every call.
     *
     * @param z logits (N, C); not modified; must not be {@code reuse.probs()}
     * @param labels class indices (N,), each in [0, C); not modified (kept by reference in the cache)
     * @param reuse an earlier result whose probabilities are modified (overwritten, in part also when z is
     *     refused), or null
     */
    @Solves({CrossEntropyLoss.class, StableSoftmax.class})
    public static Forward forward(double[][] z, int[] labels, Forward reuse) {
        EntryPoints.entered();
        String op = "SoftmaxCrossEntropy.forward";
        int c = Shapes.requireMatrix(op, "z", z);
        Require.labels(op, "labels", labels, z.length, c);
        double[][] probs = Buffers.matrix(op, reuse == null ? null : reuse.probs(), z, z.length, c);
        // One read of z: the kernel (SoftmaxKernel) computes each row's probabilities and log-sum-exp with one
        // exp per logit, its own vectorized one, and refuses a NaN or infinity in z (which reaches the row's sum)
        // as Require.finite would, naming the first bad entry. New rows are allocated one by one, just before
        // they are written: the JVM zeroes every new array, and a row zeroed just before it is written is still
        // in the cache, while new double[N][C] would zero all of it first, in memory.
        double sum = SoftmaxKernel.forward(op, z, labels, probs);
        // z is finite here (the kernel refuses a NaN or infinity), but logits that span more than about 1e308
        // make a row's loss, or the sum over the rows, overflow: refused, not returned as Infinity.
        double loss = Require.finiteResult(op, "the loss", sum / z.length, Require.input("z", z));
        return new Forward(loss, probs, new Cache(probs, labels));
    }

    /**
     * {@code dz = (yhat - onehot(y)) / N}, (N, C), for the mean loss.
     *
     * @param cache from {@link #forward}; not modified
     */
    @Solves(SoftmaxBackward.class)
    public static double[][] backward(Cache cache) {
        EntryPoints.entered();
        return backward(cache, null);
    }

    /**
     * {@link #backward(Cache)} writing dz into {@code reuse} if it has shape (N, C), otherwise into a new array,
     * which is returned. {@code reuse} may be {@code cache.probs()}: dz then overwrites the probabilities.
     *
     * @param cache from {@link #forward} (a hand-built one is checked: shapes, labels, finite probabilities); not
     *     modified unless {@code reuse} is its probs
     * @param reuse (N, C), modified (overwritten, also when the probabilities are refused: the check of the
     *     probabilities is folded into the loop that writes dz), or null
     */
    @Solves(SoftmaxBackward.class)
    public static double[][] backward(Cache cache, double[][] reuse) {
        EntryPoints.entered();
        String op = "SoftmaxCrossEntropy.backward";
        Require.notNull(op, "cache", cache);
        double[][] p = cache.probs();
        int c = Shapes.requireMatrix(op, "cache.probs", p);
        int n = p.length;
        Require.labels(op, "cache.labels", cache.labels(), n, c);
        double[][] dz = reuse != null && reuse == p ? p : Buffers.matrix(op, reuse, p, n, c);
        // One pass: the loop that writes dz also sums the probabilities by column, so a NaN or infinity among them
        // shows in those sums and is then refused as Require.finite would, naming the first bad entry; new rows
        // one by one, as in forward.
        SoftmaxKernel.backward(op, p, cache.labels(), dz);
        return dz;
    }
}
