package deepnets.layers;

import deepnets.core.Shapes;

/**
 * Softmax followed by cross-entropy, computed from the logits: {@code L = (1/N) sum_i (logsumexp(z_i) - z_i[y_i])}
 * and the famously simple gradient {@code dz = (yhat - y) / N}.
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
     * @param z logits (N, C); not modified
     * @param labels class indices (N,), each in [0, C); not modified (kept by reference in the cache)
     */
    public static Forward forward(double[][] z, int[] labels) {
        int c = Shapes.requireMatrix("SoftmaxCrossEntropy.forward", "z", z);
        CrossEntropy.requireLabels("SoftmaxCrossEntropy.forward", labels, z.length, c);
        // Rows are allocated one by one, just before they are written: the JVM zeroes every new array, and a row
        // zeroed just before it is written is still in the cache, while new double[N][C] would zero all of it
        // first, in memory.
        double[][] probs = new double[z.length][];
        double sum = 0.0;
        for (int i = 0; i < z.length; i++) {
            probs[i] = new double[c];
            sum += Softmax.forwardRow(z[i], probs[i]) - z[i][labels[i]];
        }
        return new Forward(sum / z.length, probs, new Cache(probs, labels));
    }

    /**
     * {@code dz = (yhat - onehot(y)) / N}, (N, C), for the mean loss.
     *
     * @param cache from {@link #forward}; not modified
     */
    public static double[][] backward(Cache cache) {
        double[][] p = cache.probs();
        int n = p.length;
        double[][] dz = new double[n][];
        double inv = 1.0 / n;
        // Row by row, as in forward.
        for (int i = 0; i < n; i++) {
            double[] pi = p[i];
            double[] di = new double[pi.length];
            for (int j = 0; j < pi.length; j++) {
                di[j] = pi[j] * inv;
            }
            di[cache.labels()[i]] -= inv;
            dz[i] = di;
        }
        return dz;
    }
}
