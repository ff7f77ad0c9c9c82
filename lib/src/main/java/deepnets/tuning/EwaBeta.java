package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.SamplingBeta;

/**
 * An exponentially-weighted-average coefficient beta (momentum, Adam's beta1/beta2, batch norm's running
 * averages), searched on a log scale of {@code 1 - beta}: {@code r ~ U[log10(1 - hi), log10(1 - lo)]},
 * value {@code 1 - 10^r}.
 *
 * <p>Why: beta averages over about {@code 1 / (1 - beta)} steps, so 0.9 to 0.99 (10 to 100 steps) and
 * 0.99 to 0.999 (100 to 1000 steps) are equally big changes. Sampling beta linearly in [0.9, 0.999] would
 * spend 91% of the trials below 0.99; on this scale each of the two decades gets half.
 *
 * @param name the hyperparameter's name
 * @param lo   smallest beta, in (0, 1)
 * @param hi   largest beta, in (lo, 1)
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public record EwaBeta(String name, double lo, double hi) implements ScaledRange {

    /** Checks {@code 0 < lo < hi < 1}. */
    public EwaBeta {
        Checks.name("EwaBeta", name);
        Checks.range("EwaBeta(" + name + ")", lo, hi);
        if (lo <= 0 || hi >= 1) {
            throw new IllegalArgumentException("EwaBeta(" + name + "): [" + lo + ", " + hi
                    + "] must lie strictly inside (0, 1): beta = 1 never forgets and beta <= 0 does not average. Use e.g. [0.9, 0.999].");
        }
    }

    /** {@code log10(1 - beta)}. */
    @Override
    @Solves(SamplingBeta.class)
    public double toAxis(double beta) {
        EntryPoints.entered();
        return Math.log10(1 - beta);
    }

    /** {@code 1 - 10^r}. */
    @Override
    @Solves(SamplingBeta.class)
    public double fromAxis(double r) {
        EntryPoints.entered();
        return 1 - Math.pow(10, r);
    }

    @Override
    public EwaBeta withBounds(double lo, double hi) {
        return new EwaBeta(name, lo, hi);
    }
}
