package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.SamplingBeta;
import deepnets.tuning.EwaBeta;
import java.util.SplittableRandom;

/**
 * Notebook 02, Exercise 2, held out: a range within one decade of 1 - beta, ranges near 0 and very near 1, a range
 * around 0.5, other seeds and sizes (1, 7, 50 000); values finite, inside [lo, hi], reproducible, with the right
 * profile.
 */
final class SamplingBetaHeldOut extends HeldOutCheck<SamplingBeta.Fn> {

    SamplingBetaHeldOut() {
        super(Exercises.samplingBeta());
    }

    @Override
    public SamplingBeta.Fn solution() {
        return (lo, hi, n, seed) -> {
            SplittableRandom random = new SplittableRandom(seed);
            double a = Math.log10(1 - hi);
            double b = Math.log10(1 - lo);
            double[] betas = new double[n];
            for (int i = 0; i < n; i++) {
                double r = a + (b - a) * random.nextDouble();
                betas[i] = 1 - Math.pow(10, r);
            }
            return betas;
        };
    }

    @Override
    public String check(SamplingBeta.Fn yours) {
        Object[][] cases = {  // what, lo, hi, n, seed
            {"a range within one decade of 1 - beta", 0.9, 0.99, 50_000, 31L},
            {"a range near 0", 0.001, 0.5, 20_000, 32L},
            {"a range very near 1", 0.999, 0.99999, 30_000, 33L},
            {"a range around 0.5", 0.3, 0.7, 20_000, 34L},
            {"a single sample", 0.8, 0.95, 1, 35L},
            {"seven samples", 0.95, 0.9995, 7, 2026L},
        };
        for (Object[] c : cases) {
            double lo = (double) c[1];
            double hi = (double) c[2];
            SamplerHeldOut.check("sampleBeta", yours::apply, this::run, this::require, new EwaBeta("beta", lo, hi),
                    (int) c[3], (long) c[4], (String) c[0]);
        }
        return "other ranges (one decade, near 0, very near 1, around 0.5), 1, 7 and 50 000 samples, other seeds";
    }
}
