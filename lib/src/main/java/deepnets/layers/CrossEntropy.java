package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.CrossEntropyLoss;

/**
 * The cross-entropy loss {@code L = -(1/N) sum_i sum_c y_ic log yhat_ic} of predicted probabilities.
 *
 * <p>Taught in notebooks/solutions/07-softmax-regression.ipynb.
 */
public final class CrossEntropy {

    /** Probabilities are clamped to at least this before the logarithm, so that log(0) gives a large finite loss. */
    public static final double MIN_PROBABILITY = 1e-300;

    private CrossEntropy() {
    }

    /**
     * {@code L = -(1/N) sum_i log yhat[i][y_i]}.
     *
     * @param yhat probabilities (N, C), finite; not modified
     * @param labels class indices (N,), each in [0, C); not modified
     */
    @Solves(CrossEntropyLoss.class)
    public static double loss(double[][] yhat, int[] labels) {
        EntryPoints.entered();
        int c = Shapes.requireMatrix("CrossEntropy.loss", "yhat", yhat);
        Require.labels("CrossEntropy.loss", "labels", labels, yhat.length, c);
        Require.finite("CrossEntropy.loss", "yhat", yhat);
        double sum = 0.0;
        for (int i = 0; i < yhat.length; i++) {
            sum += Math.log(Math.max(yhat[i][labels[i]], MIN_PROBABILITY));
        }
        return -sum / yhat.length;
    }

    /**
     * {@code L = -(1/N) sum_i sum_c y_ic log yhat_ic}.
     *
     * @param yhat probabilities (N, C), finite; not modified
     * @param y one-hot (or any probability) targets (N, C), finite; not modified
     */
    @Solves(CrossEntropyLoss.class)
    public static double loss(double[][] yhat, double[][] y) {
        EntryPoints.entered();
        Shapes.requireSameShape("CrossEntropy.loss", "yhat", yhat, "y", y);
        Require.finite("CrossEntropy.loss", "yhat", yhat);
        Require.finite("CrossEntropy.loss", "y", y);
        double sum = 0.0;
        for (int i = 0; i < yhat.length; i++) {
            double[] pi = yhat[i];
            double[] yi = y[i];
            for (int j = 0; j < pi.length; j++) {
                if (yi[j] != 0.0) {
                    sum += yi[j] * Math.log(Math.max(pi[j], MIN_PROBABILITY));
                }
            }
        }
        // Finite inputs, but targets far outside [0, 1] (e.g. 1e307) can make the sum overflow: refused.
        return Require.finiteResult("CrossEntropy.loss", "the loss", -sum / yhat.length, Require.input("yhat", yhat),
                Require.input("y", y));
    }
}
