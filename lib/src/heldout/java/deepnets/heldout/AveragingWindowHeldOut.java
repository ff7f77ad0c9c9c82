package deepnets.heldout;

import deepnets.exercises.AveragingWindow;
import deepnets.exercises.Exercises;

/**
 * Notebook 00, Exercise 1, held out: other betas (windows that are not whole numbers, beta near 0 and near 1, beta
 * = 0 itself) and other values outside [0, 1) (just below 0, above 1, the infinities).
 */
final class AveragingWindowHeldOut extends HeldOutCheck<AveragingWindow.Fn> {

    AveragingWindowHeldOut() {
        super(Exercises.averagingWindow());
    }

    @Override
    public AveragingWindow.Fn solution() {
        return beta -> {
            if (!(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException("averagingWindow: beta must be in [0, 1) but was " + beta);
            }
            return 1 / (1 - beta);
        };
    }

    @Override
    public String check(AveragingWindow.Fn yours) {
        double[] inside = {0.0, 1e-9, 0.25, 0.3, 0.85, 0.99, 0.9999, 1 - 1e-7};
        for (double beta : inside) {
            String what = beta == 0 ? "beta = 0, the lower end of [0, 1)"
                    : beta < 0.01 ? "a beta just above 0" : beta > 0.999 ? "a beta just below 1" : "a beta inside [0, 1)";
            double got = run(what, () -> yours.apply(beta));
            double want = 1 / (1 - beta);
            require(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)),
                    "on " + what + " your window differs from 1 / (1 - beta)"
                            + (want != Math.rint(want) && got == Math.rint(got) ? " (it is a whole number; the "
                            + "window is not)" : ""));
        }
        double[] outside = {-1e-3, 1.0, 1.25, 2.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (double beta : outside) {
            String what = Double.isNaN(beta) ? "NaN" : Double.isInfinite(beta) ? "an infinite beta"
                    : beta < 0 ? "a beta just below 0" : beta == 1 ? "beta = 1, the upper end of [0, 1), not in it"
                    : "a beta above 1";
            RuntimeException thrown = null;
            try {
                task().call(() -> yours.apply(beta));
            } catch (deepnets.NotImplementedYet e) {
                throw e;
            } catch (RuntimeException e) {
                thrown = e;
            }
            require(thrown != null, "your averagingWindow does not refuse " + what + " (it must throw)");
            require(thrown instanceof IllegalArgumentException, "your averagingWindow refuses " + what + " with "
                    + thrown.getClass().getSimpleName() + ", not an IllegalArgumentException");
            String shown = String.valueOf(beta);
            require(thrown.getMessage() != null && thrown.getMessage().contains(shown),
                    "your exception's message for " + what + " does not name the value");
        }
        return "beta = 0, betas near 0 and near 1, windows that are not whole; values below 0, above 1, infinite and "
                + "NaN refused";
    }
}
