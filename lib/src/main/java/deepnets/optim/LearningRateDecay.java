package deepnets.optim;

/**
 * A schedule {@code alpha(epoch)} from the initial learning rate {@code alpha0}; epochs count from 0.
 *
 * <p>Learning-rate decay, a hyperparameter listed in notebooks/solutions/01-tuning-process.ipynb; used through {@code
 * TrainingConfig}.
 */
@FunctionalInterface
public interface LearningRateDecay {

    /** The learning rate for {@code epoch} &gt;= 0 given {@code alpha0} &gt; 0. */
    double rate(double alpha0, int epoch);

    /** No decay: {@code alpha = alpha0}. */
    static LearningRateDecay none() {
        return (alpha0, epoch) -> alpha0;
    }

    /** Inverse-time decay {@code alpha = alpha0 / (1 + decayRate * epoch)}, decayRate &gt;= 0. */
    static LearningRateDecay inverseTime(double decayRate) {
        if (!(decayRate >= 0.0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("LearningRateDecay.inverseTime: decayRate = " + decayRate
                    + "; it must be finite and >= 0 (try 1.0).");
        }
        return (alpha0, epoch) -> alpha0 / (1.0 + decayRate * epoch);
    }

    /** Exponential decay {@code alpha = base^epoch * alpha0}, base in (0, 1], e.g. 0.95. */
    static LearningRateDecay exponential(double base) {
        if (!(base > 0.0 && base <= 1.0)) {
            throw new IllegalArgumentException("LearningRateDecay.exponential: base = " + base
                    + "; it must be in (0, 1] (try 0.95).");
        }
        return (alpha0, epoch) -> Math.pow(base, epoch) * alpha0;
    }
}
