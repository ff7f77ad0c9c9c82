package deepnets.data;

import deepnets.core.Require;
import deepnets.core.Matrices;
import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * One-hot encoding of class labels: label k becomes a row with a 1 in column k and 0 elsewhere.
 *
 * <p>Taught in notebooks/solutions/07-softmax-regression.ipynb.
 */
public final class OneHot {

    private OneHot() {
    }

    /**
     * {@code Y[i][labels[i]] = 1}, every other entry 0: (N,) -&gt; (N, C).
     *
     * @param labels     shape (N,), each in {@code 0 .. numClasses - 1}; not modified
     * @param numClasses C, at least 2, with N x C at most {@link Require#MAX_ENTRIES}
     * @return a new (N, C) array
     */
    public static double[][] encode(int[] labels, int numClasses) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("OneHot.encode: labels is empty; pass at least one label.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("OneHot.encode: numClasses is " + numClasses + "; it must be at least 2.");
        }
        Require.size("OneHot.encode", "N x C = " + labels.length + " x " + numClasses,
                (long) labels.length * numClasses, Require.MAX_ENTRIES);
        double[][] y = new double[labels.length][numClasses];
        Require.labels("OneHot.encode", "labels", labels, labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            y[i][labels[i]] = 1.0;
        }
        return y;
    }

    /**
     * The column of the largest entry of each row, {@code argmax_k Y[i][k]}: (N, C) -&gt; (N,).
     * Works for one-hot rows and for predicted probabilities alike. Not modified.
     *
     * @throws IllegalArgumentException if an entry is NaN or infinite: such a row has no meaningful argmax
     */
    public static int[] decode(double[][] y) {
        Shapes.requireMatrix("OneHot.decode", "y", y);
        Require.finite("OneHot.decode", "y", y);
        return Matrices.argmaxRows(y);
    }
}
