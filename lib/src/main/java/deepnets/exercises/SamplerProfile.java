package deepnets.exercises;

import deepnets.NotImplementedYet;
import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.tuning.ScaledRange;
import java.util.Arrays;
import java.util.Map;

/**
 * How the checks of notebook 02's samplers compare a sampler's output with the distribution it should have: a
 * random sampler may draw its numbers in another order than the library and still be right, so its values cannot be
 * compared one by one. What every correct sampler shares is its <em>profile</em>, the shares of its values
 * <ul>
 *   <li>below lo;</li>
 *   <li>at or below the points 5%, 25%, 50%, 75% and 95% of the way along the range's scale (for [1e-4, 1] on a log
 *       scale: 10^-3.8, 10^-3, 10^-2, 10^-1, 10^-0.2);</li>
 *   <li>above hi;</li>
 *   <li>below zero (a value no learning rate or beta can have).</li>
 * </ul>
 * A correct sampler gives about {@link #IDEAL}; a mistaken one gives its own profile. With 20 000 samples the shares
 * are accurate to about 0.004; the checks allow {@link #TOLERANCE}.
 */
public final class SamplerProfile {

    /** The profile of a correct sampler. */
    public static final double[] IDEAL = {0, 0.05, 0.25, 0.5, 0.75, 0.95, 0, 0};

    /** How far each share of a sampler's profile may be from {@link #IDEAL}. */
    public static final double TOLERANCE = 0.02;

    /** What the entries of a profile are. */
    public static final String ENTRIES = "{below lo, below 5%, 25%, 50%, 75%, 95% of the scale, above hi, below 0}";

    /** How many samples the visible checks draw. */
    static final int SAMPLES = 20_000;

    static final String REVERSED = "random.nextDouble(origin, bound) needs origin < bound: are the bounds of r "
            + "reversed?";
    static final String LENGTH = "return a new double[n], one value per sample";
    static final String FINITE = "NaN or infinity: a log of zero or of a negative number?";
    static final String ONE_GENERATOR = "your samples are all equal: create the random generator once, before the "
            + "loop, not once per sample (a new SplittableRandom(seed) starts the same sequence again)";
    static final String SAME_SEED = "the same seed must give the same samples: draw every number from a generator "
            + "your method creates from its seed argument (new SplittableRandom(seed)), not from Math.random() or a "
            + "generator shared between calls";
    static final String FIXED_SEED = "create the random generator from the seed argument, not from a fixed number";

    private SamplerProfile() {
    }

    /**
     * The profile of {@code values} on {@code scale}'s axis (see the class comment).
     *
     * @return a new (8,) array of shares in [0, 1]
     */
    public static double[] of(double[] values, ScaledRange scale) {
        if (values == null || values.length == 0 || scale == null) {
            throw new IllegalArgumentException("SamplerProfile.of: pass the samples (at least one) and their range, "
                    + "e.g. new LogUniform(\"alpha\", 1e-4, 1); got " + (values == null ? "null" : values.length
                    + " values") + " and " + scale + ".");
        }
        double a = scale.toAxis(scale.lo());
        double b = scale.toAxis(scale.hi());
        double[] along = {0.05, 0.25, 0.5, 0.75, 0.95};
        double[] cut = new double[along.length];
        for (int k = 0; k < along.length; k++) {
            cut[k] = scale.fromAxis(a + along[k] * (b - a));
        }
        double[] out = new double[along.length + 3];
        for (double v : values) {
            if (v < scale.lo()) {
                out[0]++;
            }
            if (v > scale.hi()) {
                out[along.length + 1]++;
            }
            if (v < 0) {
                out[along.length + 2]++;
            }
            for (int k = 0; k < cut.length; k++) {
                if (v <= cut[k]) {
                    out[k + 1]++;
                }
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= values.length;
        }
        return out;
    }

    /** A sampler as the checks call it: {@code (lo, hi, n, seed) -> n values}. */
    @FunctionalInterface
    interface Sampler {
        double[] apply(double lo, double hi, int n, long seed);
    }

    /**
     * The visible check of one sampler on one range: n finite values, not all equal, reproducible from the seed and
     * different for another seed, with the right profile.
     *
     * @param yours     the student's sampler, already run through the exercise's guard
     * @param diagnosis cause -&gt; the profile that mistake gives on this range and seed
     */
    static void check(String name, Sampler yours, ScaledRange scale, long seed, Map<String, double[]> diagnosis) {
        int n = SAMPLES;
        double lo = scale.lo();
        double hi = scale.hi();
        String call = name + "(" + lo + ", " + hi + ", " + n + ", " + seed + ")";
        double[] got = run(call, () -> yours.apply(lo, hi, n, seed));
        Check.isTrue(call + " returns " + n + " values" + (got == null ? " (yours: null)" : " (yours: " + got.length
                + ")"), got != null && got.length == n, LENGTH);
        Check.isTrue(call + " returns finite numbers", Arrays.stream(got).allMatch(Double::isFinite), FINITE);
        long distinct = Arrays.stream(got).distinct().count();
        Check.isTrue(call + " returns different values (yours has " + distinct + " distinct value"
                + (distinct == 1 ? "" : "s") + " among " + n + ")", distinct > n / 2, ONE_GENERATOR);
        double[] again = run(call, () -> yours.apply(lo, hi, n, seed));
        int differs = firstDifference(got, again);
        Check.isTrue(call + " called twice gives the same samples" + (differs < 0 ? "" : " (the first call's value ["
                + differs + "] is " + got[differs] + ", the second's " + (differs < again.length ? again[differs]
                : "missing") + ")"), differs < 0, SAME_SEED);
        Check.isTrue(call + " and the same call with seed " + (seed + 1) + " differ",
                !Arrays.equals(got, run(call, () -> yours.apply(lo, hi, n, seed + 1))), FIXED_SEED);
        double[] profile = of(got, scale);
        try {
            Check.allCloseWithDiagnosis("profile of " + call, IDEAL, profile, TOLERANCE, diagnosis);
        } catch (CheckFailure e) {
            throw new CheckFailure(e.getMessage() + "\nThe profile's entries are the shares of the samples " + ENTRIES
                    + ":\n  yours:    " + Arrays.toString(profile) + "\n  expected: " + Arrays.toString(IDEAL));
        }
    }

    /** The first index where a and b differ, or -1 if they are equal. */
    private static int firstDifference(double[] a, double[] b) {
        if (b == null) {
            return 0;
        }
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (Double.compare(a[i], b[i]) != 0) {
                return i;
            }
        }
        return a.length == b.length ? -1 : Math.min(a.length, b.length);
    }

    private static double[] run(String call, java.util.function.Supplier<double[]> code) {
        try {
            return code.get();
        } catch (NotImplementedYet e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CheckFailure(call + " runs without an exception: it threw \"" + e.getMessage() + "\".\nHint: "
                    + REVERSED);
        } catch (RuntimeException e) {
            throw new CheckFailure(call + " runs without an exception: it threw " + e + ".");
        }
    }

    /** n values f(u), u ~ U[from, to] from one generator made from the seed: the shape of most mistakes. */
    static double[] drawn(double from, double to, int n, long seed, java.util.function.DoubleUnaryOperator f) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = f.applyAsDouble(from + (to - from) * random.nextDouble());
        }
        return out;
    }
}
