package deepnets.heldout;

import deepnets.exercises.SamplerProfile;
import deepnets.tuning.ScaledRange;
import java.util.Arrays;
import java.util.function.Supplier;

/** The held-out properties shared by notebook 02's two samplers; the checks name the property, never the values. */
final class SamplerHeldOut {

    /** A sampler as the held-out checks call it. */
    @FunctionalInterface
    interface Sampler {
        double[] apply(double lo, double hi, int n, long seed);
    }

    /** Runs one call of the student's code through the held-out check's guard. */
    @FunctionalInterface
    interface Runner {
        double[] run(String what, Supplier<double[]> code);
    }

    /** Fails with the property unless it holds. */
    @FunctionalInterface
    interface Requirement {
        void require(boolean ok, String property);
    }

    private SamplerHeldOut() {
    }

    /**
     * n values on {@code scale}: finite, inside [lo, hi], reproducible from the seed (also after a call with another
     * seed), different for another seed, not all equal, and (for n of 20 000 and more) with the right profile.
     */
    static void check(String name, Sampler yours, Runner runner, Requirement req, ScaledRange scale, int n, long seed,
            String what) {
        double lo = scale.lo();
        double hi = scale.hi();
        double[] got = runner.run(what, () -> yours.apply(lo, hi, n, seed));
        req.require(got != null && got.length == n, "on " + what + " your " + name + " does not return n values");
        req.require(Arrays.stream(got).allMatch(Double::isFinite), "on " + what + " your " + name + " returns NaN or "
                + "infinite values");
        double slack = 1e-12 * Math.max(1, Math.abs(hi));
        req.require(Arrays.stream(got).allMatch(v -> v >= lo - slack && v <= hi + slack),
                "on " + what + " your " + name + " returns values outside [lo, hi]");
        if (n >= 7) {
            req.require(Arrays.stream(got).distinct().count() > n / 2, "on " + what + " your " + name + " returns "
                    + "many equal values");
        }
        double[] other = runner.run(what, () -> yours.apply(lo, hi, n, seed + 17));
        double[] again = runner.run(what, () -> yours.apply(lo, hi, n, seed));
        req.require(Arrays.equals(got, again), "on " + what + " your " + name + " does not give the same samples "
                + "for the same seed (here after a call with another seed)");
        req.require(!Arrays.equals(got, other), "on " + what + " your " + name + " gives the same samples for "
                + "another seed");
        if (n >= 20_000) {
            double[] profile = SamplerProfile.of(got, scale);
            boolean fits = true;
            for (int k = 0; k < profile.length; k++) {
                fits &= Math.abs(profile[k] - SamplerProfile.IDEAL[k]) <= SamplerProfile.TOLERANCE;
            }
            req.require(fits, "on " + what + " the distribution of your samples is not the expected one (their "
                    + "profile " + SamplerProfile.ENTRIES + " is off)");
        }
    }
}
