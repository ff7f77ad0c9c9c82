package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.LogScaleSampling;
import deepnets.exercises.SamplingBeta;
import java.util.SplittableRandom;

/**
 * Arrays of samples for histograms: how each scale spreads its trials over a range.
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public final class Sampling {

    /** The most samples drawn at once (80 MB of doubles). */
    public static final int MAX_SAMPLES = 10_000_000;

    private Sampling() {
    }

    /**
     * n values of {@code h}, drawn in order from {@code new SplittableRandom(seed)}.
     *
     * @param n 1..{@value #MAX_SAMPLES}
     * @return a new (n,) array
     */
    @Solves({LogScaleSampling.class, SamplingBeta.class})
    public static double[] sample(Hyperparameter h, int n, long seed) {
        EntryPoints.entered();
        if (h == null) {
            throw new IllegalArgumentException("Sampling.sample: h is null; pass a hyperparameter, e.g. new LogUniform(\"lr\", 1e-4, 1).");
        }
        Checks.count("Sampling.sample", "n", n);
        if (n > MAX_SAMPLES) {
            throw new IllegalArgumentException("Sampling.sample: n is " + n + "; at most " + MAX_SAMPLES + " samples at once.");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = h.sample(random);
        }
        return out;
    }

    /** n values {@code 10^r}, {@code r ~ U[log10 lo, log10 hi]}, {@code 0 < lo < hi}: (n,). See {@link LogUniform}. */
    @Solves(LogScaleSampling.class)
    public static double[] logUniform(double lo, double hi, int n, long seed) {
        EntryPoints.entered();
        return sample(new LogUniform("value", lo, hi), n, seed);
    }

    /** n values {@code ~ U[lo, hi]}: (n,). See {@link Uniform}. */
    public static double[] uniform(double lo, double hi, int n, long seed) {
        return sample(new Uniform("value", lo, hi), n, seed);
    }

    /** n values {@code 1 - 10^r}, {@code r ~ U[log10(1 - hi), log10(1 - lo)]}, {@code 0 < lo < hi < 1}: (n,). See {@link EwaBeta}. */
    @Solves(SamplingBeta.class)
    public static double[] beta(double lo, double hi, int n, long seed) {
        EntryPoints.entered();
        return sample(new EwaBeta("beta", lo, hi), n, seed);
    }
}
