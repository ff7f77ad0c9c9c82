package deepnets.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Small matrix helpers on row arrays ({@code double[N][D]}).
 *
 * <p>Element-wise work is written as plain loops over rows (the JIT vectorizes them); matrix
 * products go through EJML, which is where a library beats a hand-written loop.
 */
public final class Matrices {

    private Matrices() {
    }

    /** A new (rows, cols) matrix of zeros. */
    public static double[][] zeros(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("Matrices.zeros: shape (" + rows + ", " + cols + ") has a negative size.");
        }
        return new double[rows][cols];
    }

    /** A deep copy of {@code a}, shape (N, D). Not modified. */
    public static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /**
     * The matrix product {@code a b}: (N, K) x (K, M) -&gt; (N, M), computed by EJML.
     *
     * @param a shape (N, K); not modified
     * @param b shape (K, M); not modified
     * @return a new (N, M) array
     */
    public static double[][] matmul(double[][] a, double[][] b) {
        int k = Shapes.requireMatrix("Matrices.matmul", "a", a);
        int m = Shapes.requireMatrix("Matrices.matmul", "b", b);
        if (b.length != k) {
            throw new IllegalArgumentException("Matrices.matmul: inner sizes differ: a is " + Shapes.of(a)
                    + " and b is " + Shapes.of(b) + "; a's columns must equal b's rows.");
        }
        DMatrixRMaj out = new DMatrixRMaj(a.length, m);
        CommonOps_DDRM.mult(new DMatrixRMaj(a), new DMatrixRMaj(b), out);
        return toRows(out);
    }

    /** {@code a^T b}: (N, K)^T x (N, M) -&gt; (K, M). Not modified. */
    public static double[][] matmulTransA(double[][] a, double[][] b) {
        int k = Shapes.requireMatrix("Matrices.matmulTransA", "a", a);
        int m = Shapes.requireMatrix("Matrices.matmulTransA", "b", b);
        if (a.length != b.length) {
            throw new IllegalArgumentException("Matrices.matmulTransA: a is " + Shapes.of(a) + " and b is "
                    + Shapes.of(b) + "; both need the same number of rows.");
        }
        DMatrixRMaj out = new DMatrixRMaj(k, m);
        CommonOps_DDRM.multTransA(new DMatrixRMaj(a), new DMatrixRMaj(b), out);
        return toRows(out);
    }

    /** {@code a b^T}: (N, M) x (K, M)^T -&gt; (N, K). Not modified. */
    public static double[][] matmulTransB(double[][] a, double[][] b) {
        int m = Shapes.requireMatrix("Matrices.matmulTransB", "a", a);
        int mb = Shapes.requireMatrix("Matrices.matmulTransB", "b", b);
        if (m != mb) {
            throw new IllegalArgumentException("Matrices.matmulTransB: a is " + Shapes.of(a) + " and b is "
                    + Shapes.of(b) + "; both need the same number of columns.");
        }
        DMatrixRMaj out = new DMatrixRMaj(a.length, b.length);
        CommonOps_DDRM.multTransB(new DMatrixRMaj(a), new DMatrixRMaj(b), out);
        return toRows(out);
    }

    /** Copies an EJML matrix into a new row array. Not modified. */
    public static double[][] toRows(DMatrixRMaj m) {
        double[][] out = new double[m.numRows][m.numCols];
        for (int i = 0; i < m.numRows; i++) {
            System.arraycopy(m.data, i * m.numCols, out[i], 0, m.numCols);
        }
        return out;
    }

    /** Per-column mean of (N, D) -&gt; (D,). Not modified. */
    public static double[] columnMeans(double[][] a) {
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
