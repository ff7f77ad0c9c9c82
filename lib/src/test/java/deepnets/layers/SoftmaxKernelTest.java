package deepnets.layers;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The kernel's own exponential against the JDK's {@code StrictMath.exp}, and its softmax against the textbook
 * formula written out here with {@code Math.exp}.
 */
class SoftmaxKernelTest {

    /** Runs the kernel's exp on a copy of {@code xs}. */
    private static double[] kernelExp(double[] xs) {
        double[] x = xs.clone();
        VectorExp.exp(x, new double[x.length], x.length);
        return x;
    }

    /** The distance from {@code got} to {@code want} in units of {@code Math.ulp(want)} (MIN_VALUE at 0). */
    private static double ulps(double got, double want) {
        return got == want ? 0 : Math.abs(got - want) / Math.ulp(want);
    }

    private static void assertWithinOneUlp(double[] xs) {
        double[] got = kernelExp(xs);
        for (int i = 0; i < xs.length; i++) {
            double want = StrictMath.exp(xs[i]);
            if (!(ulps(got[i], want) <= 1.0)) {
                fail("exp(" + xs[i] + ") = " + got[i] + " but StrictMath.exp gives " + want + ", "
                        + ulps(got[i], want) + " ulp apart");
            }
        }
    }

    @Test
    void expIsWithinOneUlpOfStrictMathDownToUnderflow() {
        SplittableRandom rng = new SplittableRandom(19);
        double[] wide = new double[2_000_000];     // everything softmax meets after subtracting the row maximum
        double[] usual = new double[1_000_000];    // the logits' usual spread
        double[] subnormal = new double[200_000];  // results below 2^-1022, down to exp(-745.2) = 0
        for (int i = 0; i < wide.length; i++) {
            wide[i] = -746.0 * rng.nextDouble();
        }
        for (int i = 0; i < usual.length; i++) {
            usual[i] = -40.0 * rng.nextDouble();
        }
        for (int i = 0; i < subnormal.length; i++) {
            subnormal[i] = -708.0 - 37.2 * rng.nextDouble();
        }
        assertWithinOneUlp(wide);
        assertWithinOneUlp(usual);
        assertWithinOneUlp(subnormal);
        assertWithinOneUlp(new double[] {0.0, -0.0, -Double.MIN_VALUE, -1e-300, -0x1p-54, -1e-17, -1e-9, -0.5,
                -Math.log(2), -708.39, -708.4, -709.0, -744.44, -745.13, -745.14, -746.0});
    }

    @Test
    void expIsWithinOneUlpWhereTheReductionSwitchesK() {
        // x near (k +- 1/2) ln 2, where rint(x / ln 2) jumps and |r| is largest.
        double[] xs = new double[1079 * 2 * 41];
        int n = 0;
        for (int k = -1077; k <= 0; k++) {
            for (double half : new double[] {-0.5, 0.5}) {
                double x0 = (k + half) * Math.log(2);
                for (int step = -20; step <= 20; step++) {
                    xs[n++] = Math.min(0.0, x0 + step * Math.ulp(x0));
                }
            }
        }
        assertWithinOneUlp(Arrays.copyOf(xs, n));
    }

    @Test
    void expIsExactlyOneAtZeroAndZeroFarBelowTheRange() {
        assertEquals(1.0, kernelExp(new double[] {0.0})[0], 0.0);
        SplittableRandom rng = new SplittableRandom(23);
        double[] xs = new double[100_000];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -746.0 * Math.exp(rng.nextDouble() * Math.log(1e40 / 746.0)); // log-uniform in [-1e40, -746]
        }
        double[] got = kernelExp(xs);
        for (int i = 0; i < xs.length; i++) {
            if (Double.doubleToRawLongBits(got[i]) != 0L) {
                fail("exp(" + xs[i] + ") = " + got[i] + "; expected +0.0");
            }
        }
        double[] bad = kernelExp(new double[] {Double.NaN, Double.NEGATIVE_INFINITY});
        assertTrue(Double.isNaN(bad[0]) && Double.isNaN(bad[1]), Arrays.toString(bad));
    }

    @Test
    void powerOfTwoIsExactOverItsRangeAndAPowerOfTwoOrZeroBelow() {
        for (int k = -1086; k <= 0; k++) {
            assertEquals(Math.scalb(1.0, k + 64), VectorExp.powerOfTwo(k), 0.0, "k = " + k);
        }
        for (double k : new double[] {-1087, -1100, -1200, -1246, -1247, -1300, -2000, -5000, -9000, -1e6, -1e15,
                -1e300}) {
            double p = VectorExp.powerOfTwo(k);
            long bits = Double.doubleToRawLongBits(p);
            boolean powerOfTwoOrZero = p == 0.0 && bits == 0L
                    || p > 0 && p <= 0x1p-1021 && (p >= Double.MIN_NORMAL ? (bits & 0xFFFFFFFFFFFFFL) == 0 : Long.bitCount(bits) == 1);
            assertTrue(powerOfTwoOrZero, "k = " + k + " gives " + p);
        }
        for (int k = -1300; k <= -1087; k++) {
            double p = VectorExp.powerOfTwo(k);
            assertTrue(p >= 0 && p <= 0x1p-1021, "k = " + k + " gives " + p);
        }
    }

    /** The textbook softmax of one row, written out with Math.exp. */
    private static double[] textbook(double[] z) {
        double max = Arrays.stream(z).max().getAsDouble();
        double sum = 0;
        double[] p = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            p[j] = Math.exp(z[j] - max);
            sum += p[j];
        }
        for (int j = 0; j < z.length; j++) {
            p[j] /= sum;
        }
        return p;
    }

    @Test
    void softmaxAndLossMatchTheTextbookFormulaAtEveryWidth() {
        Random rng = new Random(29);
        int[][] shapes = {{1, 1}, {3, 1}, {7, 2}, {5, 10}, {250, 10}, {9, 63}, {9, 64}, {4, 65}, {17, 100}, {3, 1000},
            {2, 1001}, {1, 5000}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int c = shape[1];
            for (double spread : new double[] {1.0, 30.0, 400.0}) { // 400: some entries underflow, some are subnormal
                double[][] z = new double[n][c];
                int[] labels = new int[n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < c; j++) {
                        z[i][j] = spread * rng.nextGaussian() + 5.0;
                    }
                    labels[i] = rng.nextInt(c);
                }
                double[][] probs = new double[n][];
                double total = SoftmaxKernel.forward("test", z, labels, probs);
                double expectedTotal = 0;
                for (int i = 0; i < n; i++) {
                    double[] want = textbook(z[i]);
                    double max = Arrays.stream(z[i]).max().getAsDouble();
                    double sum = 0;
                    for (double v : z[i]) {
                        sum += Math.exp(v - max);
                    }
                    expectedTotal += max + Math.log(sum) - z[i][labels[i]];
                    for (int j = 0; j < c; j++) {
                        double err = Math.abs(probs[i][j] - want[j]);
                        if (!(err <= 1e-13 * want[j] + Double.MIN_VALUE * 4)) {
                            fail("(" + n + ", " + c + "), spread " + spread + ": p[" + i + "][" + j + "] = "
                                    + probs[i][j] + " but the formula gives " + want[j]);
                        }
                    }
                }
                assertEquals(expectedTotal, total, 1e-12 * (1 + Math.abs(expectedTotal)), "(" + n + ", " + c + ")");
            }
        }
    }

    @Test
    void sameBitsBeforeAndAfterAWarmUpThatCompilesTheLoops() {
        Random rng = new Random(31);
        double[][] wide = deepnets.TestData.gaussian(rng, 4, 1000, 0, 3);
        double[][] narrow = deepnets.TestData.gaussian(rng, 300, 10, 0, 3);
        int[] wideLabels = deepnets.TestData.labels(rng, 4, 1000);
        int[] narrowLabels = deepnets.TestData.labels(rng, 300, 10);
        double[][] wideFirst = new double[4][];
        double[][] narrowFirst = new double[300][];
        double wideTotal = SoftmaxKernel.forward("test", wide, wideLabels, wideFirst);
        double narrowTotal = SoftmaxKernel.forward("test", narrow, narrowLabels, narrowFirst);
        double[][] big = deepnets.TestData.gaussian(rng, 256, 1000, 0, 3);
        double[][] bigOut = new double[256][];
        for (int round = 0; round < 40; round++) {
            SoftmaxKernel.forward("test", big, null, bigOut);
            SoftmaxKernel.forward("test", narrow, null, new double[300][]);
        }
        double[][] wideAgain = new double[4][];
        double[][] narrowAgain = new double[300][];
        assertEquals(wideTotal, SoftmaxKernel.forward("test", wide, wideLabels, wideAgain), 0.0);
        assertEquals(narrowTotal, SoftmaxKernel.forward("test", narrow, narrowLabels, narrowAgain), 0.0);
        assertTrue(Arrays.deepEquals(wideFirst, wideAgain), "wide rows changed after the warm-up");
        assertTrue(Arrays.deepEquals(narrowFirst, narrowAgain), "narrow rows changed after the warm-up");
    }

    @Test
    void nanAndInfinitiesAreRefusedNamingTheFirstBadEntry() {
        for (int c : new int[] {5, 1000}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[][] z = deepnets.TestData.gaussian(new Random(37), 6, c, 0, 1);
                z[2][3] = bad;
                z[4][0] = Double.NaN;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SoftmaxCrossEntropy.forward(z, new int[6]));
                assertEquals("SoftmaxCrossEntropy.forward: z[2][3] is " + bad
                        + "; every entry must be finite (did an earlier step diverge?).", e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> Softmax.forward(z));
                assertTrue(e.getMessage().startsWith("Softmax.forward: z[2][3] is " + bad), e.getMessage());

                double[][] p = Softmax.forward(deepnets.TestData.gaussian(new Random(41), 6, c, 0, 1));
                p[3][c - 1] = bad;
                SoftmaxCrossEntropy.Cache cache = new SoftmaxCrossEntropy.Cache(p, new int[6]);
                e = assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.backward(cache));
                assertEquals("SoftmaxCrossEntropy.backward: cache.probs[3][" + (c - 1) + "] is " + bad
                        + "; every entry must be finite (did an earlier step diverge?).", e.getMessage());
                // In place: rows 0 to 2 are already gradients when row 3 is found; the message is the same.
                e = assertThrows(IllegalArgumentException.class, () -> SoftmaxCrossEntropy.backward(cache, p));
                assertTrue(e.getMessage().startsWith("SoftmaxCrossEntropy.backward: cache.probs[3][" + (c - 1)
                        + "] is " + bad), e.getMessage());
            }
        }
    }

    @Test
    void logitsSpanningMoreThanTheDoubleRangeStillGiveProbabilities() {
        // z - max overflows to -Infinity for the -1e308 entries: the kernel's row sum looks wrong, the row is
        // finite, so it is computed the textbook way.
        for (int c : new int[] {3, 100}) {
            double[][] z = new double[2][c];
            z[0][0] = 1e308;
            z[0][1] = -1e308;
            z[1][c - 1] = -1.5e308;
            z[1][0] = 1e308;
            double[][] p = Softmax.forward(z);
            assertEquals(1.0, p[0][0], 0.0);
            assertEquals(0.0, p[0][1], 0.0);
            assertEquals(1.0, p[1][0], 0.0);
            for (double[] row : p) {
                assertEquals(1.0, Arrays.stream(row).sum(), 0.0);
            }
        }
    }
}
