package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.LogScaleSampling;

/**
 * A positive hyperparameter searched on a log scale: {@code r ~ U[log10 lo, log10 hi]}, value {@code 10^r}.
 * Every decade gets the same share of samples, which suits learning rates and regularization strengths
 * whose effect depends on their order of magnitude.
 *
 * @param name the hyperparameter's name
 * @param lo   smallest value, &gt; 0
 * @param hi   largest value, &gt; lo
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public record LogUniform(String name, double lo, double hi) implements ScaledRange {

    /** Checks {@code 0 < lo < hi}. */
    public LogUniform {
        Checks.name("LogUniform", name);
        Checks.range("LogUniform(" + name + ")", lo, hi);
        if (lo <= 0) {
            throw new IllegalArgumentException("LogUniform(" + name + "): lo = " + lo
                    + " but a log scale needs positive bounds (log10 of " + lo + " is undefined); use e.g. 1e-4, or Uniform for a linear scale.");
        }
    }

    /** {@code log10 value}. */
    @Override
    @Solves(LogScaleSampling.class)
    public double toAxis(double value) {
        EntryPoints.entered();
        return Math.log10(value);
    }

    /** {@code 10^r}. */
    @Override
    @Solves(LogScaleSampling.class)
    public double fromAxis(double r) {
        EntryPoints.entered();
        return Math.pow(10, r);
    }

    @Override
    public LogUniform withBounds(double lo, double hi) {
        return new LogUniform(name, lo, hi);
    }
}
