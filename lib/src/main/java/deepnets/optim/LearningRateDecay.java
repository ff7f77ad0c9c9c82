package deepnets.optim;

/**
 * A schedule {@code alpha(epoch)} from the initial learning rate {@code alpha0}; epochs count from 0.
 *
 * <p>The schedules made here never return 0: a decayed rate is floored at {@link #MIN_RATE}, the smallest normal
 * double (or at alpha0 if that is smaller), since an optimizer refuses a rate of 0 (and a rate that small no longer moves the weights anyway).
 * A schedule of your own must return a finite rate &gt; 0; the {@code Trainer} refuses any other value, naming
 * the schedule and the epoch.
 *
 * <p>Learning-rate decay, a hyperparameter listed in notebooks/solutions/01-tuning-process.ipynb; used through {@code
 * TrainingConfig}.
 */
@FunctionalInterface
public interface LearningRateDecay {

    /** The smallest rate the schedules made here return, {@link Double#MIN_NORMAL}. */
    double MIN_RATE = Double.MIN_NORMAL;

    /** The learning rate for {@code epoch} &gt;= 0 given {@code alpha0} &gt; 0. */
    double rate(double alpha0, int epoch);

    /** No decay: {@code alpha = alpha0}. */
    static LearningRateDecay none() {
        return new LearningRateDecay() {
            @Override
            public double rate(double alpha0, int epoch) {
                check("LearningRateDecay.none", alpha0, epoch);
                return alpha0;
            }

            @Override
            public String toString() {
                return "none()";
            }
        };
    }

    /**
     * Inverse-time decay {@code alpha = max(min(MIN_RATE, alpha0), alpha0 / (1 + decayRate * epoch))}, decayRate
     * finite and &gt;= 0.
     */
    static LearningRateDecay inverseTime(double decayRate) {
        if (!(decayRate >= 0.0) || Double.isInfinite(decayRate)) {
            throw new IllegalArgumentException("LearningRateDecay.inverseTime: decayRate = " + decayRate
                    + "; it must be finite and >= 0 (try 1.0).");
        }
        return new LearningRateDecay() {
            @Override
            public double rate(double alpha0, int epoch) {
                check("LearningRateDecay.inverseTime", alpha0, epoch);
                return Math.max(Math.min(MIN_RATE, alpha0), alpha0 / (1.0 + decayRate * epoch));
            }

            @Override
            public String toString() {
                return "inverseTime(" + decayRate + ")";
            }
        };
    }

    /** Exponential decay {@code alpha = max(min(MIN_RATE, alpha0), base^epoch * alpha0)}, base in (0, 1], e.g. 0.95. */
    static LearningRateDecay exponential(double base) {
        if (!(base > 0.0 && base <= 1.0)) {
            throw new IllegalArgumentException("LearningRateDecay.exponential: base = " + base
                    + "; it must be in (0, 1] (try 0.95).");
        }
        return new LearningRateDecay() {
            @Override
            public double rate(double alpha0, int epoch) {
                check("LearningRateDecay.exponential", alpha0, epoch);
                return Math.max(Math.min(MIN_RATE, alpha0), Math.pow(base, epoch) * alpha0);
            }

            @Override
            public String toString() {
                return "exponential(" + base + ")";
            }
        };
    }

    /** Refuses an initial rate that is not finite and &gt; 0, and a negative epoch. */
    private static void check(String op, double alpha0, int epoch) {
        if (!(alpha0 > 0.0) || Double.isInfinite(alpha0)) {
            throw new IllegalArgumentException(op + ": alpha0 = " + alpha0 + "; it must be finite and > 0 (try 0.01).");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException(op + ": epoch = " + epoch + "; epochs count from 0.");
        }
    }
}
