package deepnets.core;

import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.BatchNormForward;
import deepnets.exercises.BatchNormLayer;


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
        Require.notNull("Matrices.copy", "a", a);
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = Require.notNull("Matrices.copy", "a[" + i + "]", a[i]).clone();
        }
        return out;
    }

    /** Per-column mean of (N, D) -&gt; (D,). Not modified. */
    @Solves(value = {BatchNormForward.class, BatchNormLayer.class, BatchNormBlock.class}, helper = true)
    public static double[] columnMeans(double[][] a) {
        EntryPoints.entered();
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
        return Require.finiteResult("Matrices.columnMeans", mean, Require.input("a", a));
    }

    /** Per-column variance with 1/N, (N, D) -&gt; (D,). Not modified. */
    @Solves(value = {BatchNormForward.class, BatchNormLayer.class, BatchNormBlock.class}, helper = true)
    public static double[] columnVariances(double[][] a) {
        EntryPoints.entered();
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
        return Require.finiteResult("Matrices.columnVariances", var, Require.input("a", a));
    }

    /**
     * Index of the largest entry of each row, (N, D) -&gt; (N,); ties go to the first. A NaN has no rank, so a row
     * with one is refused rather than answered (as are infinities). Not modified.
     */
    public static int[] argmaxRows(double[][] a) {
        Shapes.requireMatrix("Matrices.argmaxRows", "a", a);
        int[] out = new int[a.length];
        boolean bad = false;
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            int best = 0;
            bad |= !(Math.abs(ai[0]) <= Double.MAX_VALUE);
            for (int j = 1; j < ai.length; j++) {
                bad |= !(Math.abs(ai[j]) <= Double.MAX_VALUE);
                if (ai[j] > ai[best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        if (bad) {
            Require.finite("Matrices.argmaxRows", "a", a);
        }
        return out;
    }
}
