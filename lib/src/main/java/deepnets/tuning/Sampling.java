package deepnets.tuning;

import java.util.SplittableRandom;

/**
 * Arrays of samples for histograms: how each scale spreads its trials over a range.
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public final class Sampling {

    private Sampling() {
    }

    /**
     * n values of {@code h}, drawn in order from {@code new SplittableRandom(seed)}.
     *
     * @param n at least 1
     * @return a new (n,) array
     */
    public static double[] sample(Hyperparameter h, int n, long seed) {
        Checks.count("Sampling.sample", "n", n);
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = h.sample(random);
        }
        return out;
    }

    /** n values {@code 10^r}, {@code r ~ U[log10 lo, log10 hi]}, {@code 0 < lo < hi}: (n,). See {@link LogUniform}. */
    public static double[] logUniform(double lo, double hi, int n, long seed) {
        return sample(new LogUniform("value", lo, hi), n, seed);
    }

    /** n values {@code ~ U[lo, hi]}: (n,). See {@link Uniform}. */
    public static double[] uniform(double lo, double hi, int n, long seed) {
        return sample(new Uniform("value", lo, hi), n, seed);
    }

    /** n values {@code 1 - 10^r}, {@code r ~ U[log10(1 - hi), log10(1 - lo)]}, {@code 0 < lo < hi < 1}: (n,). See {@link EwaBeta}. */
    public static double[] beta(double lo, double hi, int n, long seed) {
        return sample(new EwaBeta("beta", lo, hi), n, seed);
    }
}
