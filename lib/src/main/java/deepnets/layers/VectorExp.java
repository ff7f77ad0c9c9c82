package deepnets.layers;

/**
 * {@code exp(x)} for {@code x <= 0}, over arrays, in loops that the JIT compiler vectorizes; the exponential of
 * {@link SoftmaxKernel}.
 *
 * Why an exponential of our own: Java 17's JIT (C2) turns a loop over arrays into vector instructions (8 doubles
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
 * argument below about -4e40 (the row then takes {@code SoftmaxKernel.referenceRow}).
 *
 * <p>Where {@code Math.fma} is not a processor instruction ({@link FusedMultiplyAdd}) it is computed in software,
 * far too slowly for these loops, so there {@link #reduce} keeps {@code k = 0}, {@link #taylor} calls
 * {@code Math.exp} (within 1 ulp too, and NaN for {@code -Infinity} as above) and {@link #scaleByPowerOfTwo}
 * multiplies by 1: slower, not vectorized, as accurate.
 *
 * <p>Behind {@code Softmax} and {@code SoftmaxCrossEntropy}, taught in notebooks/solutions/07; no notebook uses it
 * directly.
 */
final class VectorExp {

    private static final double LOG2E = 0x1.71547652b82fep0;       // 1 / ln 2
    private static final double LN2_HI = 0x1.62e42fefa39efp-1;     // ln 2 rounded to a double
    private static final double LN2_LO = 0x1.abc9e3b39803fp-56;    // ln 2 - LN2_HI
    private static final double UFP_SCALE = 0x1p52 + 1;            // Rump's phi = 1 / (2u) + 1, u = 2^-53
    private static final double ONE_MINUS_U = 1 - 0x1p-53;

    private VectorExp() {
    }

    /** {@code exp(x[j])} for {@code x[j] <= 0}, in place, for j &lt; n; {@code k} is scratch of length n. */
    static void exp(double[] x, double[] k, int n) {
        reduce(x, 0.0, x, k, n);
        taylor(x, n);
        scaleByPowerOfTwo(x, k, n);
    }

    /** Step 1: {@code r = (z - shift) - k ln 2} into {@code r}, {@code k = rint((z - shift) / ln 2)} into {@code k}. */
    static void reduce(double[] z, double shift, double[] r, double[] k, int n) {
        if (!FusedMultiplyAdd.IN_HARDWARE) {
            for (int j = 0; j < n; j++) {
                r[j] = z[j] - shift;
                k[j] = 0.0;
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            double x = z[j] - shift;
            double kj = Math.rint(x * LOG2E);
            r[j] = Math.fma(kj, -LN2_LO, Math.fma(kj, -LN2_HI, x));
            k[j] = kj;
        }
    }

    /** Step 2: {@code exp(r)} for {@code |r| <= ln(2) / 2}, in place: 1 + r + r^2/2! + ... + r^13/13!. */
    static void taylor(double[] x, int n) {
        if (!FusedMultiplyAdd.IN_HARDWARE) {
            for (int j = 0; j < n; j++) {
                x[j] = Math.exp(x[j]) + (x[j] - x[j]); // + NaN for -Infinity, as the vectorized steps give
            }
            return;
        }
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
        if (!FusedMultiplyAdd.IN_HARDWARE) {
            return; // k is 0: x is exp already
        }
        for (int j = 0; j < n; j++) {
            x[j] = Math.abs(x[j]) * powerOfTwo(k[j]) * 0x1p-64;
        }
    }

    /** {@link #scaleByPowerOfTwo} that also copies {@code from} into {@code to} ({@code SoftmaxKernel.forwardWide}). */
    static void scaleByPowerOfTwoCopying(double[] x, double[] k, int n, double[] from, double[] to) {
        if (!FusedMultiplyAdd.IN_HARDWARE) {
            System.arraycopy(from, 0, to, 0, n);
            return;
        }
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
}
