package deepnets.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HyperparameterTest {

    private static final int N = 100_000;

    private static double share(double[] xs, double lo, double hi) {
        return Arrays.stream(xs).filter(v -> v >= lo && v < hi).count() / (double) xs.length;
    }

    private static void assertWithin(double[] xs, double lo, double hi) {
        for (double v : xs) {
            assertTrue(v >= lo && v <= hi, v + " is outside [" + lo + ", " + hi + "]");
        }
    }

    @Test
    void logUniformGivesEachDecadeTheSameShare() {
        double[] xs = Sampling.logUniform(1e-4, 1, N, 1L);
        assertWithin(xs, 1e-4, 1);
        // four decades, each 1/4; one binomial std is sqrt(0.25 * 0.75 / 1e5) = 0.0014
        assertEquals(0.25, share(xs, 1e-4, 1e-3), 0.01);
        assertEquals(0.25, share(xs, 1e-3, 1e-2), 0.01);
        assertEquals(0.25, share(xs, 1e-2, 1e-1), 0.01);
        assertEquals(0.25, share(xs, 1e-1, 1.0 + 1e-12), 0.01);
    }

    @Test
    void logUniformMedianIsTheGeometricMean() {
        // log10 v is uniform on [-4, 0], so its median is -2: the median of v is 1e-2 (sampling r instead of 10^r would give -2)
        double[] xs = Sampling.logUniform(1e-4, 1, N, 2L);
        Arrays.sort(xs);
        assertEquals(-2.0, Math.log10(xs[N / 2]), 0.02);
    }

    @Test
    void uniformPutsNinetyPercentInTheTopDecade() {
        double[] xs = Sampling.uniform(1e-4, 1, N, 3L);
        assertWithin(xs, 1e-4, 1);
        // [0.1, 1] is 0.9 of the width 0.9999
        assertEquals(0.9 / 0.9999, share(xs, 0.1, 1.0 + 1e-12), 0.01);
    }

    @Test
    void betaIsDenseNearOne() {
        // 1 - beta is log-uniform on [0.001, 0.1]: two decades, so beta in [0.99, 0.999] (1 - beta in [0.001, 0.01]) gets half
        double[] xs = Sampling.beta(0.9, 0.999, N, 4L);
        assertWithin(xs, 0.9, 0.999);
        assertEquals(0.5, share(xs, 0.99, 0.999 + 1e-12), 0.01);
        // a linear sampler would give (0.999 - 0.99) / 0.099 = 9% there
        double meanAxis = Arrays.stream(xs).map(b -> Math.log10(1 - b)).average().orElseThrow();
        assertEquals(-2.0, meanAxis, 0.02);
    }

    @Test
    void intRangeAndChoiceAreUniformOverTheirValues() {
        double[] ints = Sampling.sample(new IntRange("units", 3, 6), 40_000, 5L);
        double[] picks = Sampling.sample(new Choice("batch", 32, 64, 128, 256), 40_000, 6L);
        for (int k = 3; k <= 6; k++) {
            int v = k;
            assertEquals(0.25, Arrays.stream(ints).filter(x -> x == v).count() / 40_000.0, 0.015);
        }
        for (double c : new double[] {32, 64, 128, 256}) {
            assertEquals(0.25, Arrays.stream(picks).filter(x -> x == c).count() / 40_000.0, 0.015);
        }
        assertEquals(40_000, Arrays.stream(ints).filter(x -> x >= 3 && x <= 6 && x == Math.rint(x)).count());
    }

    @Test
    void samplingIsSeeded() {
        assertArrayEquals(Sampling.logUniform(1e-3, 1, 10, 7L), Sampling.logUniform(1e-3, 1, 10, 7L));
        assertFalse(Arrays.equals(Sampling.logUniform(1e-3, 1, 10, 7L), Sampling.logUniform(1e-3, 1, 10, 8L)));
    }

    @Test
    void gridsAreEvenOnTheirOwnScale() {
        assertArrayEquals(new double[] {1e-3, 1e-2, 1e-1, 1, 10}, new LogUniform("lr", 1e-3, 10).grid(5), 1e-12);
        assertArrayEquals(new double[] {0.9, 0.99, 0.999}, new EwaBeta("b", 0.9, 0.999).grid(3), 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, new Uniform("p", 0, 1).grid(5), 1e-15);
        assertArrayEquals(new double[] {1, 4, 7, 10}, new IntRange("n", 1, 10).grid(4));
        assertArrayEquals(new double[] {1, 2, 3}, new IntRange("n", 1, 3).grid(10));
        assertArrayEquals(new double[] {32, 256}, new Choice("b", 256, 64, 32, 128).grid(2));
        assertArrayEquals(new double[] {32, 64, 128}, new Choice("b", 128, 64, 32).grid(5));
        assertArrayEquals(new double[] {1e-2}, new LogUniform("lr", 1e-4, 1).grid(1), 1e-15);
    }

    @Test
    void zoomWidensOnTheOwnScale() {
        // axis [-3, -2], width of [1e-4, 1] on the axis is 4, margin 0.25 adds 1 on each side: [-4, -1]
        ScaledRange lr = new LogUniform("lr", 1e-4, 1).zoom(1e-3, 1e-2, 0.25);
        assertEquals(1e-4, lr.lo(), 1e-18);
        assertEquals(1e-1, lr.hi(), 1e-15);
        // clipped to the original bounds
        ScaledRange clipped = new LogUniform("lr", 1e-4, 1).zoom(1e-1, 1, 0.25);
        assertEquals(1e-2, clipped.lo(), 1e-15);
        assertEquals(1.0, clipped.hi());
        // 1 - beta: axis from -1 to -3, beta 0.99 sits at -2, margin 0.1 moves 0.2 either way
        ScaledRange beta = new EwaBeta("b", 0.9, 0.999).zoom(0.99, 0.99, 0.1);
        assertEquals(1 - Math.pow(10, -1.8), beta.lo(), 1e-12);
        assertEquals(1 - Math.pow(10, -2.2), beta.hi(), 1e-12);
        assertEquals(new IntRange("n", 3, 7), new IntRange("n", 1, 21).zoom(5, 5, 0.1));
        assertArrayEquals(new double[] {64, 128}, new Choice("b", 32, 64, 128, 256).zoom(64, 128, 0.1).values());
    }

    @Test
    void badBoundsAreRejectedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogUniform("lr", 0, 1));
        assertTrue(e.getMessage().contains("lr") && e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LogUniform("lr", 1, 1e-3));
        assertTrue(e.getMessage().contains("lo = 1.0") && e.getMessage().contains("hi = 0.001"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EwaBeta("momentum", 0.9, 1.0));
        assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("(0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EwaBeta("b", 0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new EwaBeta("b", 0.99, 0.9));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new IntRange("n", 5, 5));
        assertThrows(IllegalArgumentException.class, () -> new Choice("b"));
        assertThrows(IllegalArgumentException.class, () -> new Choice("b", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Uniform(" ", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Sampling.uniform(0, 1, 0, 1L));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 0, 1).grid(0));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 0, 1).zoom(0.2, 0.3, 0));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 0, 1).zoom(0.3, 0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Uniform("p", 0, 1).zoom(0.3, 2, 0.1));
    }

    @Test
    void sampleAdvancesTheGivenRandom() {
        SplittableRandom random = new SplittableRandom(9);
        Uniform p = new Uniform("p", 0, 1);
        assertTrue(p.sample(random) != p.sample(random));
    }
}
