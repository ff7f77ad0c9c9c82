package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.LogScaleSampling;
import deepnets.tuning.LogUniform;
import java.util.SplittableRandom;

/**
 * Notebook 02, Exercise 1, held out: a range within one decade, ranges that straddle 1 and lie above it, a narrow
 * range, other seeds and sizes (1, 7, 50 000); values finite, inside [lo, hi], reproducible, with the right profile.
 */
final class LogScaleSamplingHeldOut extends HeldOutCheck<LogScaleSampling.Fn> {

    LogScaleSamplingHeldOut() {
        super(Exercises.logScaleSampling());
    }

    @Override
    public LogScaleSampling.Fn solution() {
        return (lo, hi, n, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            double a = Math.log10(lo);
            double b = Math.log10(hi);
            double[] alphas = new double[n];
            for (int i = 0; i < n; i++) {
                double r = a + (b - a) * random.nextDouble();
                alphas[i] = Math.pow(10, r);
            }
            return alphas;
        };
    }

    @Override
    public String check(LogScaleSampling.Fn yours) {
        Object[][] cases = {  // what, lo, hi, n, seed
            {"a range within one decade", 1e-8, 1e-7, 50_000, 101L},
            {"a range that straddles 1", 0.5, 2.0, 30_000, 7L},
            {"a range above 1", 1.0, 1e6, 20_000, 8L},
            {"a narrow range", 2.0, 3.0, 20_000, 9L},
            {"a single sample", 1e-3, 10.0, 1, 5L},
            {"seven samples", 1e-5, 1e-1, 7, 2026L},
        };
        for (Object[] c : cases) {
            double lo = (double) c[1];
            double hi = (double) c[2];
            SamplerHeldOut.check("logUniform", yours::apply, this::run, this::require, new LogUniform("alpha", lo, hi),
                    (int) c[3], (long) c[4], (String) c[0]);
        }
        return "other ranges (one decade, around 1, above 1, narrow), 1, 7 and 50 000 samples, other seeds";
    }
}
