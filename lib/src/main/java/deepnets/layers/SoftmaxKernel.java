package deepnets.layers;

import deepnets.core.Require;

/**
 * The tuned kernel behind {@link Softmax#forward} and {@link SoftmaxCrossEntropy}: the same formulas as their
 * Javadoc, with an exponential that the JIT compiler vectorizes and the check for NaN and infinity folded into sums
 * the kernel computes anyway, so that each row of logits is read from memory once. The readable version is the
 * notebooks' own loop ({@code max}, {@code Math.exp(z - max)}, divide by the sum), which {@link #referenceRow}
 * keeps for rows the fast path cannot take; SoftmaxKernelTest checks the kernel against that loop written out in
 * the test and its exponential against {@code StrictMath.exp}, and {@code bench/} measures it ({@code make bench}).
 *
 * <p>Why an exponential of our own: Java 17's JIT (C2) turns a loop over arrays into vector instructions (8 doubles
 * at a time with AVX-512) only if its body is small and uses {@code + - *}, {@code Math.fma}, {@code Math.rint} and
 * the like. {@code Math.exp} is a call it does not vectorize (about 8 ns per value here, most of the time of
 * softmax cross-entropy), and neither is reading or writing the bits of a double ({@code doubleToRawLongBits}), the
 * usual way to build a power of two. So {@link #exp} computes {@code exp(x)} for {@code x <= 0} in three short
 * loops of plain arithmetic:
 * <ol>
 * <li>{@link #reduce}: {@code k = rint(x / ln 2)} and {@code r = x - k ln 2}, so {@code |r| <= ln(2) / 2} and
 *     {@code exp(x) = 2^k exp(r)}; ln 2 is split into a high and a low part, so r is accurate to one rounding.</li>
 * <li>{@link #taylor}: {@code exp(r)} by its Taylor series up to {@code r^13} in Horner form; the first omitted
 *     term is at most {@code 6e-18} relative.</li>
 * <li>{@link #scaleByPowerOfTwo}: multiply by {@code 2^k} without touching bits. A crude {@code a ~ 2^t},
 *     {@code t = (k + 64.5) / 2048}, from four Taylor terms, squared 11 times is within 12% of
 *     {@code 2^(k + 64.5)}, so the largest power of two not above it is exactly {@code 2^(k + 64)}; Rump's
 *     {@code ufp} trick extracts that power of two with three roundings ({@code q = a (2^52 + 1)},
 *     {@code q - (1 - 2^-53) q}). The product {@code exp(r) 2^(k + 64)} is exact and the final {@code * 2^-64}
 *     rounds once (only for results below {@code 2^-1022}), so gradual underflow down to {@code exp(-745.1)} comes
 *     out right; further below, a clamp makes the power of two (and the result) 0.</li>
 * </ol>
 * Error: within 1 ulp of {@code StrictMath.exp} for every {@code x} in [-746, 0] that SoftmaxKernelTest tries
 * (about 3.3 million, including the subnormal results and the points where k changes), and exactly 1 at 0. It is
 * deterministic: the same bits in every run, whether or not the JIT vectorized the loop (Java fixes the rounding of
 * every operation). A NaN or {@code -Infinity} argument gives NaN, which the row sum then shows, and so does an
 * argument below about -4e40 (the row then takes {@link #referenceRow}).
 *
 * <p>Behind {@code Softmax} and {@code SoftmaxCrossEntropy}, taught in notebooks/solutions/07; no notebook uses it
 * directly.
 */
final class SoftmaxKernel {

    /** Rows with fewer classes are handled in blocks of rows, so that the exponential's loops are long enough. */
    static final int NARROW = 64;

    /** Entries per block of narrow rows: a few of these arrays stay in the L1 cache. */
    private static final int BLOCK = 1024;

    private static final double LOG2E = 0x1.71547652b82fep0;       // 1 / ln 2
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;     // ln 2 rounded to a double
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;    // ln 2 - LN2_HI
    private static final double UFP_SCALE = 0x1p52 + 1;            // Rump's phi = 1 / (2u) + 1, u = 2^-53
    private static final double ONE_MINUS_U = 1 - 0x1p-53;

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
    static double forward(String op, double[][] z, int[] labels, double[][] out) {
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
            reduce(oi, max, oi, k, c);
            taylor(oi, c);
            if (i + 1 < n) {
                next = out[i + 1] != null ? out[i + 1] : (out[i + 1] = new double[c]);
                scaleByPowerOfTwoCopying(oi, k, c, z[i + 1], next);
            } else {
                scaleByPowerOfTwo(oi, k, c);
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
            exp(x, k, rows * c);
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
    static double referenceRow(double[] z, double[] out) {
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
    static void backward(String op, double[][] p, int[] labels, double[][] dz) {
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

    /** {@code exp(x[j])} for {@code x[j] <= 0}, in place, for j &lt; n; {@code k} is scratch of length n. */
    static void exp(double[] x, double[] k, int n) {
        reduce(x, 0.0, x, k, n);
        taylor(x, n);
        scaleByPowerOfTwo(x, k, n);
    }

    /** Step 1: {@code r = (z - shift) - k ln 2} into {@code r}, {@code k = rint((z - shift) / ln 2)} into {@code k}. */
    static void reduce(double[] z, double shift, double[] r, double[] k, int n) {
        for (int j = 0; j < n; j++) {
            double x = z[j] - shift;
            double kj = Math.rint(x * LOG2E);
            r[j] = Math.fma(kj, -LN2_LO, Math.fma(kj, -LN2_HI, x));
            k[j] = kj;
        }
    }

    /** Step 2: {@code exp(r)} for {@code |r| <= ln(2) / 2}, in place: 1 + r + r^2/2! + ... + r^13/13!. */
    static void taylor(double[] x, int n) {
        for (int j = 0; j < n; j++) {
            double r = x[j];
            double p = 1.0 / 6227020800.0; // 1 / 13!
            p = Math.fma(p, r, 1.0 / 479001600.0);
            p = Math.fma(p, r, 1.0 / 39916800.0);
            p = Math.fma(p, r, 1.0 / 3628800.0);
            p = Math.fma(p, r, 1.0 / 362880.0);
            p = Math.fma(p, r, 1.0 / 40320.0);
            p = Math.fma(p, r, 1.0 / 5040.0);
            p = Math.fma(p, r, 1.0 / 720.0);
            p = Math.fma(p, r, 1.0 / 120.0);
            p = Math.fma(p, r, 1.0 / 24.0);
            p = Math.fma(p, r, 1.0 / 6.0);
            p = Math.fma(p, r, 0.5);
            p = Math.fma(p, r, 1.0);
            x[j] = Math.fma(p, r, 1.0);
        }
    }

    /**
     * Step 3: {@code x[j] * 2^k[j]}, in place, for integers {@code k[j] <= 0}. The absolute value costs nothing and
     * keeps a result that underflows +0.0 where the argument was so far below the range (below about -1e17) that
     * the Taylor series of a wrong r went negative.
     */
    static void scaleByPowerOfTwo(double[] x, double[] k, int n) {
        for (int j = 0; j < n; j++) {
            x[j] = Math.abs(x[j]) * powerOfTwo(k[j]) * 0x1p-64;
        }
    }

    /** {@link #scaleByPowerOfTwo} that also copies {@code from} into {@code to} (see {@link #forwardWide}). */
    private static void scaleByPowerOfTwoCopying(double[] x, double[] k, int n, double[] from, double[] to) {
        for (int j = 0; j < n; j++) {
            x[j] = Math.abs(x[j]) * powerOfTwo(k[j]) * 0x1p-64;
            to[j] = from[j];
        }
    }

    /**
     * {@code 2^(k + 64)} exactly, for an integer {@code k} in [-1086, 0]; for smaller k a power of two at most
     * {@code 2^-1022}, or 0. Small enough for the JIT to inline into {@link #scaleByPowerOfTwo}'s loop.
     */
    static double powerOfTwo(double k) {
        // u = t ln 2 with t = (k + 64.5) / 2048, clamped where 4 Taylor terms stop being close to exp(u).
        double u = Math.max(Math.fma(k, LN2_HI / 2048, 64.5 * LN2_HI / 2048), -0.4);
        double a = Math.fma(Math.fma(Math.fma(Math.fma(1.0 / 24, u, 1.0 / 6), u, 0.5), u, 1.0), u, 1.0);
        a *= a; // a^2
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a;
        a *= a; // a^2048, within 12% of 2^(k + 64.5)
        double q = a * UFP_SCALE; // Rump's ufp: the largest power of two not above a
        return q - q * ONE_MINUS_U;
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
