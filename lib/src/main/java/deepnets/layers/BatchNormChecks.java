package deepnets.layers;

import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * The argument checks of {@link BatchNorm}: shapes of x, gamma and beta, finite parameters, running averages, and
 * caches (which a student may build by hand), each refusal naming the operation, the array and the first bad index.
 *
 * <p>{@link LayerNorm} shares the check of x, gamma and beta.
 *
 * <p>Plumbing of {@code BatchNorm}, taught in notebooks/solutions/04, 05 and 06; no notebook uses it directly.
 */
final class BatchNormChecks {

    private BatchNormChecks() {
    }

    /** Checks a cache, which may be built by hand: x a matrix (m, n), mu, var, invStd, gamma finite with n entries. */
    static int cache(String op, BatchNorm.Cache cache) {
        Require.notNull(op, "cache", cache);
        int d = Shapes.requireMatrix(op, "cache.x", cache.x());
        Shapes.requireLength(op, "cache.mu", cache.mu(), d);
        Shapes.requireLength(op, "cache.var", cache.var(), d);
        Shapes.requireLength(op, "cache.invStd", cache.invStd(), d);
        Shapes.requireLength(op, "cache.gamma", cache.gamma(), d);
        Require.finite(op, "cache.mu", cache.mu());
        Require.finite(op, "cache.var", cache.var());
        Require.finite(op, "cache.invStd", cache.invStd());
        Require.finite(op, "cache.gamma", cache.gamma());
        Require.atLeast(op, "cache.eps", cache.eps(), 0.0, "the eps of the forward pass");
        return d;
    }

    static int input(String op, double[][] x, double[] gamma, double[] beta) {
        int d = Shapes.requireMatrix(op, "x", x);
        if (gamma == null || gamma.length != d) {
            throw new IllegalArgumentException(op + ": x has " + d + " features (shape " + Shapes.of(x)
                    + ") but gamma has shape " + Shapes.of(gamma) + "; gamma needs one entry per feature.");
        }
        if (beta == null || beta.length != d) {
            throw new IllegalArgumentException(op + ": x has " + d + " features (shape " + Shapes.of(x)
                    + ") but beta has shape " + Shapes.of(beta) + "; beta needs one entry per feature.");
        }
        Require.finite(op, "gamma", gamma);
        Require.finite(op, "beta", beta);
        return d;
    }

    static void running(double[] runningMean, double[] runningVar, double eps, int d) {
        String op = "BatchNorm.forwardTest";
        Shapes.requireLength(op, "runningMean", runningMean, d);
        Shapes.requireLength(op, "runningVar", runningVar, d);
        Require.finite(op, "runningMean", runningMean);
        Require.atLeast(op, "eps", eps, 0.0, "the usual value is 1e-5");
        for (int j = 0; j < d; j++) {
            if (!(runningVar[j] >= 0.0) || runningVar[j] == Double.POSITIVE_INFINITY) {
                Require.atLeast(op, "runningVar[" + j + "]", runningVar[j], 0.0, "a variance is never negative");
            }
            if (runningVar[j] + eps == 0.0) {
                throw new IllegalArgumentException(op + ": runningVar[" + j + "] + eps = 0, so feature " + j
                        + " cannot be normalized (it never varied in training); use eps > 0, e.g. 1e-5.");
            }
        }
    }

    static int gradient(String op, double[][] dout, BatchNorm.Cache cache) {
        if (cache == null) {
            throw new IllegalArgumentException(op + ": cache is null; pass the cache of forwardTrain.");
        }
        cache(op, cache);
        Shapes.requireSameShape(op, "dout", dout, "x", cache.x());
        return dout[0].length;
    }
}
