package deepnets.core;

import deepnets.check.Exercise;

/**
 * Small matrix helpers on row arrays ({@code double[N][D]}).
 *
 * <p>Work is written as plain loops over rows, which the JIT vectorizes. Matrix products live in
 * {@code deepnets.layers.RowProducts} (row-array loops, checked against EJML in the tests); batch norm's training
 * pass has a tuned, blocked version of {@link #columnVariances} ({@code BatchNorm}'s statistics kernel, checked
 * against this one in the tests); {@code data.Standardizer} uses these.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb (column means and variances of a batch).
 */
public final class Matrices {

    private Matrices() {
    }

    /** A deep copy of {@code a}, shape (N, D). Not modified. */
    public static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** Per-column mean of (N, D) -&gt; (D,). Not modified. */
    public static double[] columnMeans(double[][] a) {
        Exercise.entered("Matrices.columnMeans");
        int d = Shapes.requireMatrix("Matrices.columnMeans", "a", a);
        double[] mean = new double[d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= a.length;
        }
        return mean;
    }

    /** Per-column variance with 1/N, (N, D) -&gt; (D,). Not modified. */
    public static double[] columnVariances(double[][] a) {
        Exercise.entered("Matrices.columnVariances");
        double[] mean = columnMeans(a);
        int d = mean.length;
        double[] var = new double[d];
        for (double[] row : a) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < d; j++) {
            var[j] /= a.length;
        }
        return var;
    }

    /** Index of the largest entry of each row, (N, D) -&gt; (N,); ties go to the first. Not modified. */
    public static int[] argmaxRows(double[][] a) {
        Shapes.requireMatrix("Matrices.argmaxRows", "a", a);
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            int best = 0;
            for (int j = 1; j < a[i].length; j++) {
                if (a[i][j] > a[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
