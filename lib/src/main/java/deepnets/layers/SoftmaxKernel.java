package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Solves;
import deepnets.exercises.CrossEntropyLoss;
import deepnets.exercises.SoftmaxBackward;
import deepnets.exercises.StableSoftmax;

/**
 * The tuned kernel behind {@link Softmax#forward} and {@link SoftmaxCrossEntropy}: the same formulas as their
 * Javadoc, with an exponential that the JIT compiler vectorizes and the check for NaN and infinity folded into sums
 * the kernel computes anyway, so that each row of logits is read from memory once. The readable version is the
 * notebooks' own loop ({@code max}, {@code Math.exp(z - max)}, divide by the sum), which {@link #referenceRow}
 * keeps for rows the fast path cannot take; SoftmaxKernelTest checks the kernel against that loop written out in
 * the test and its exponential against {@code StrictMath.exp}, and {@code bench/} measures it ({@code make bench}).
 *
 * <p>The exponential is {@link VectorExp}'s, written so that the JIT vectorizes it.
 *
 * <p>Behind {@code Softmax} and {@code SoftmaxCrossEntropy}, taught in notebooks/solutions/07; no notebook uses it
 * directly.
 */
final class SoftmaxKernel {

    /** Rows with fewer classes are handled in blocks of rows, so that the exponential's loops are long enough. */
    static final int NARROW = 64;

    /** Entries per block of narrow rows: a few of these arrays stay in the L1 cache. */
    private static final int BLOCK = 1024;


    private SoftmaxKernel() {
    }

    /**
     * Softmax of every row of {@code z} into {@code out} (rows allocated where null, just before they are written),
     * returning {@code sum_i (logsumexp(z_i) - z_i[labels_i])}, or {@code sum_i logsumexp(z_i)} if labels is null.
     * A NaN or infinity in z is refused with {@link Require#finite(String, String, double[][])}'s message, naming
     * the first bad entry. Shapes and labels are checked by the caller; out's rows are not z's rows.
     *
     * @param op the operation for messages, e.g. {@code "Softmax.forward"}
     * @param z (N, C) logits; not modified
     * @param labels (N,) or null; not modified
     * @param out (N, C) whose rows are overwritten or allocated; modified
     */
    @Solves({StableSoftmax.class, CrossEntropyLoss.class})
    static double forward(String op, double[][] z, int[] labels, double[][] out) {
        // Reached by reflection too: the same hook as the public entry points it serves.
        EntryPoints.entered();
        int c = z[0].length;
        return c >= NARROW ? forwardWide(op, z, labels, out) : forwardNarrow(op, z, labels, out);
    }

    /**
     * One row at a time, in place in the output row, which first receives a copy of the logits. That copy is made
     * one row ahead, inside step 3 of the previous row's exponential: the loop that does the most arithmetic then
     * also loads the next logits and makes the CPU fetch the lines of the next output row for writing, so memory
     * and arithmetic overlap instead of taking turns (forward took 30% less time at (4096, 1000)).
     */
    private static double forwardWide(String op, double[][] z, int[] labels, double[][] out) {
        int n = z.length;
        int c = z[0].length;
        double[] k = new double[c];
        double[] half = new double[c / 2];
        double[] upper = new double[c / 2];
        // Rows are allocated just before they are written: the JVM zeroes a new array, and a row zeroed then is
        // still in the cache, while new double[N][C] would zero all of it first, in memory.
        double[] next = out[0] != null ? out[0] : (out[0] = new double[c]);
        System.arraycopy(z[0], 0, next, 0, c);
        double total = 0.0;
        for (int i = 0; i < n; i++) {
            double[] oi = next; // holds a copy of z[i]
            double max = max(oi, half, upper);
            VectorExp.reduce(oi, max, oi, k, c);
            VectorExp.taylor(oi, c);
            if (i + 1 < n) {
                next = out[i + 1] != null ? out[i + 1] : (out[i + 1] = new double[c]);
                VectorExp.scaleByPowerOfTwoCopying(oi, k, c, z[i + 1], next);
            } else {
                VectorExp.scaleByPowerOfTwo(oi, k, c);
            }
            double sum = sum(oi, half, upper);
            double lse;
            if (sum >= 1.0 && sum <= c) { // exp(0) = 1 for the maximum, and every term is at most 1; false for NaN
                scale(oi, 1.0 / sum, c);
                lse = max + Math.log(sum);
            } else {
                lse = slowRow(op, z, i, oi);
            }
            total += labels == null ? lse : lse - z[i][labels[i]];
        }
        return total;
    }

    /** Blocks of rows side by side in one array, so that the exponential's loops run over up to BLOCK entries. */
    private static double forwardNarrow(String op, double[][] z, int[] labels, double[][] out) {
        int n = z.length;
        int c = z[0].length;
        int rowsPerBlock = Math.max(1, BLOCK / c);
        int length = Math.min(n, rowsPerBlock) * c;
        double[] x = new double[length];
        double[] k = new double[length];
        double[] maxes = new double[rowsPerBlock];
        double total = 0.0;
        for (int first = 0; first < n; first += rowsPerBlock) {
            int rows = Math.min(rowsPerBlock, n - first);
            for (int r = 0; r < rows; r++) {
                double[] zi = z[first + r];
                double max = maxScalar(zi);
                maxes[r] = max;
                int offset = r * c;
                for (int j = 0; j < c; j++) {
                    x[offset + j] = zi[j] - max;
                }
            }
            VectorExp.exp(x, k, rows * c);
            for (int r = 0; r < rows; r++) {
                int i = first + r;
                int offset = r * c;
                double sum = sumScalar(x, offset, c);
                double[] oi = out[i] != null ? out[i] : (out[i] = new double[c]);
                double lse;
                if (sum >= 1.0 && sum <= c) {
                    double inv = 1.0 / sum;
                    for (int j = 0; j < c; j++) {
                        oi[j] = x[offset + j] * inv;
                    }
                    lse = maxes[r] + Math.log(sum);
                } else {
                    lse = slowRow(op, z, i, oi);
                }
                total += labels == null ? lse : lse - z[i][labels[i]];
            }
        }
        return total;
    }

    /**
     * A row whose sum is NaN or out of range: refuses the first NaN or infinity in z (rows before i are finite,
     * so it is in row i), or, if there is none (the logits span more than about 1e308, so that z - max
     * overflowed), computes the row with {@link #referenceRow}.
     */
    private static double slowRow(String op, double[][] z, int i, double[] out) {
        Require.finite(op, "z", z);
        return referenceRow(z[i], out);
    }

    /**
     * The textbook row, {@code out = exp(z - max) / sum} with {@code Math.exp}; returns the log-sum-exp.
     *
     * @param z (C,), finite; not modified
     * @param out (C,); modified
     */
    @Solves(StableSoftmax.class)
    static double referenceRow(double[] z, double[] out) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
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
     * {@code dz = (p - onehot(labels)) / N} into {@code dz} (rows allocated where null; dz may be p), refusing a
     * NaN or infinity in p with {@link Require#finite(String, String, double[][])}'s message. The check costs no
     * pass of its own: the loop that writes dz also adds each row of p into a row of column sums, which is NaN or
     * infinite at the end if any entry of p was; only then is p scanned for the first bad entry. (If dz is p, that
     * entry is still NaN or infinite in dz, at the same place.) Shapes and labels are checked by the caller.
     *
     * @param p (N, C); not modified unless dz is p
     * @param labels (N,); not modified
     * @param dz (N, C); modified, also when p is refused
     */
    @Solves(SoftmaxBackward.class)
    static void backward(String op, double[][] p, int[] labels, double[][] dz) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        int n = p.length;
        int c = p[0].length;
        double[] columnSums = new double[c];
        double inv = 1.0 / n;
        for (int i = 0; i < n; i++) {
            double[] pi = p[i];
            // Allocated just before it is written, as in forward.
            double[] di = dz[i] != null ? dz[i] : (dz[i] = new double[c]);
            for (int j = 0; j < c; j++) {
                double v = pi[j];
                columnSums[j] += v;
                di[j] = v * inv;
            }
            di[labels[i]] -= inv;
        }
        double total = 0.0;
        for (double s : columnSums) {
            total += s;
        }
        if (!(Math.abs(total) <= Double.MAX_VALUE)) { // NaN or infinite (or finite entries summing past 1e308)
            Require.finite(op, "cache.probs", p);
        }
    }

    /** {@code x[j] *= factor} for j &lt; n. */
    private static void scale(double[] x, double factor, int n) {
        for (int j = 0; j < n; j++) {
            x[j] *= factor;
        }
    }

    /** The largest entry; NaN if there is a NaN (halves folded onto each other, so that the JIT vectorizes it). */
    static double max(double[] a, double[] half, double[] upper) {
        int n = a.length;
        int h = n >> 1;
        double m = (n & 1) != 0 ? a[n - 1] : Double.NEGATIVE_INFINITY;
        // The upper half is copied to its own array first: the JIT does not vectorize a[j] op a[j + h].
        System.arraycopy(a, h, upper, 0, h);
        for (int j = 0; j < h; j++) {
            half[j] = Math.max(a[j], upper[j]);
        }
        n = h;
        while (n > 32) {
            h = n >> 1;
            if ((n & 1) != 0) {
                m = Math.max(m, half[n - 1]);
            }
            System.arraycopy(half, h, upper, 0, h);
            for (int j = 0; j < h; j++) {
                half[j] = Math.max(half[j], upper[j]);
            }
            n = h;
        }
        for (int j = 0; j < n; j++) {
            m = Math.max(m, half[j]);
        }
        return m;
    }

    /** The sum, folded in halves like {@link #max} (pairwise summation, also more accurate than a running sum). */
    static double sum(double[] a, double[] half, double[] upper) {
        int n = a.length;
        int h = n >> 1;
        double s = (n & 1) != 0 ? a[n - 1] : 0.0;
        System.arraycopy(a, h, upper, 0, h);
        for (int j = 0; j < h; j++) {
            half[j] = a[j] + upper[j];
        }
        n = h;
        while (n > 32) {
            h = n >> 1;
            if ((n & 1) != 0) {
                s += half[n - 1];
            }
            System.arraycopy(half, h, upper, 0, h);
            for (int j = 0; j < h; j++) {
                half[j] += upper[j];
            }
            n = h;
        }
        return s + sumScalar(half, 0, n);
    }

    /** The largest entry of a short row (a NaN is skipped: it reaches the row's sum instead). */
    private static double maxScalar(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    /** {@code a[from] + ... + a[from + n - 1]} with four running sums. */
    private static double sumScalar(double[] a, int from, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = from;
        int end = from + n;
        for (; j + 3 < end; j += 4) {
            s0 += a[j];
            s1 += a[j + 1];
            s2 += a[j + 2];
            s3 += a[j + 3];
        }
        for (; j < end; j++) {
            s0 += a[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
