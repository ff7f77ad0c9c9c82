package deepnets.linalg;

import deepnets.core.Require;
import deepnets.core.Shapes;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The curvature of a cost: its Hessian (the matrix of second derivatives) and the Hessian's eigenvalues, computed
 * with EJML's symmetric eigen-decomposition.
 *
 * <p>Near a point, a cost is a bowl {@code J(w + d) ~ J(w) + g^T d + 1/2 d^T H d}. For a symmetric H with
 * eigenvalues {@code lambda_1 >= ... >= lambda_n} and orthonormal eigenvectors {@code v_k}, the curvature along
 * {@code v_k} is {@code lambda_k}: the principal directions of the bowl. Gradient descent with step
 * {@code alpha} is stable only if {@code alpha < 2 / lambda_1}, and along {@code v_n} it then shrinks the error by
 * a factor {@code 1 - alpha lambda_n} per step, so the condition number {@code lambda_1 / lambda_n} tells how many
 * steps it needs: how elongated the contours are.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb (section 1).
 */
public final class Curvature {

    private Curvature() {
    }

    /**
     * Eigenvalues, largest first, and their eigenvectors.
     *
     * @param values  (n,) the eigenvalues, sorted from largest to smallest
     * @param vectors (n, n): {@code vectors[k]} is the unit eigenvector of {@code values[k]}
     */
    public record Spectrum(double[] values, double[][] vectors) {

        /** The largest eigenvalue: the curvature along the steepest direction. */
        public double largest() {
            return values[0];
        }

        /** The smallest eigenvalue: the curvature along the flattest direction. */
        public double smallest() {
            return values[values.length - 1];
        }

        /**
         * {@code lambda_max / lambda_min}, for a positive definite matrix.
         *
         * @throws IllegalStateException if the smallest eigenvalue is not positive (a flat direction: the cost does
         *                               not change along it, e.g. a feature that is always 0)
         */
        public double conditionNumber() {
            if (!(smallest() > 0)) {
                throw new IllegalStateException("Curvature.Spectrum.conditionNumber: the smallest eigenvalue is "
                        + smallest() + " (largest " + largest() + "); the condition number needs all eigenvalues > 0. "
                        + "A zero eigenvalue is a flat direction, e.g. a feature that is constant over the examples: drop such features first.");
            }
            return largest() / smallest();
        }
    }

    /**
     * The Hessian of the least-squares cost of a linear model with a bias,
     * {@code J(w, b) = 1/(2m) sum_i (x_i w + b - y_i)^2}: {@code H = [X 1]^T [X 1] / m}, shape (D + 1, D + 1), the
     * bias last. It does not depend on {@code y}, {@code w} or {@code b}: the cost is an exact quadratic bowl.
     *
     * @param x the examples, (m, D); not modified
     * @return H, (D + 1, D + 1), symmetric
     */
    public static double[][] leastSquaresHessian(double[][] x) {
        String op = "Curvature.leastSquaresHessian";
        int d = Shapes.requireMatrix(op, "x", x);
        Require.finite(op, "x", x);
        int m = x.length;
        DMatrixRMaj withBias = new DMatrixRMaj(m, d + 1);
        for (int i = 0; i < m; i++) {
            System.arraycopy(x[i], 0, withBias.data, i * (d + 1), d);
            withBias.data[i * (d + 1) + d] = 1.0;
        }
        DMatrixRMaj h = new DMatrixRMaj(d + 1, d + 1);
        CommonOps_DDRM.multInner(withBias, h);
        CommonOps_DDRM.scale(1.0 / m, h);
        return toRows(h);
    }

    /**
     * The eigenvalues and eigenvectors of a symmetric matrix (EJML's symmetric QR algorithm).
     *
     * @param a (n, n), symmetric up to rounding (relative 1e-10); not modified
     * @return the spectrum, largest eigenvalue first
     */
    public static Spectrum symmetricEigen(double[][] a) {
        String op = "Curvature.symmetricEigen";
        int n = Shapes.requireMatrix(op, "a", a);
        Shapes.requireShape(op, "a", a, n, n);
        Require.finite(op, "a", a);
        double scale = 0;
        for (double[] row : a) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * scale) {
                    throw new IllegalArgumentException(op + ": a is not symmetric: a[" + i + "][" + j + "] = " + a[i][j]
                            + " but a[" + j + "][" + i + "] = " + a[j][i] + "; pass a symmetric matrix such as a Hessian, or (a + a^T) / 2.");
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(new DMatrixRMaj(a))) {
            throw new IllegalStateException(op + ": EJML's eigen-decomposition did not converge for this " + n + " x " + n + " matrix.");
        }
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
            raw[k] = eig.getEigenvalue(k).getReal();
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> raw[k]).reversed());
        double[] values = new double[n];
        double[][] vectors = new double[n][];
        for (int k = 0; k < n; k++) {
            values[k] = raw[order[k]];
            vectors[k] = eig.getEigenVector(order[k]).data.clone();
        }
        return new Spectrum(values, vectors);
    }

    /**
     * Plain gradient descent on the least-squares cost {@code J(w, b) = 1/(2m) sum_i (x_i w + b - y_i)^2}, from
     * {@code w = 0, b = 0} with a fixed step: {@code theta <- theta - rate * grad J(theta)}, with the gradient
     * {@code (1/m) sum_i r_i [x_i 1]} (residual {@code r_i = x_i w + b - y_i}) computed from the data, not from H.
     * The costs show what the eigenvalues of {@link #leastSquaresHessian} predict: stable only for
     * {@code rate < 2 / lambda_max}, and about {@code lambda_max / lambda_min} steps per factor e along the flattest
     * direction.
     *
     * @param x     the examples, (m, D); not modified
     * @param y     the targets, (m,); not modified
     * @param rate  the step, &gt; 0
     * @param steps the number of steps, &gt;= 0
     * @return J before each step and after the last, (steps + 1,); entries may overflow to infinity when the step
     *         is too large (that is the point of trying one)
     */
    public static double[] leastSquaresDescent(double[][] x, double[] y, double rate, int steps) {
        String op = "Curvature.leastSquaresDescent";
        int d = Shapes.requireMatrix(op, "x", x);
        Require.finite(op, "x", x);
        Shapes.requireLength(op, "y", Require.finite(op, "y", y), x.length);
        Require.above(op, "rate", rate, 0.0, "try 1 / lambda_max of the Hessian");
        Require.atLeast(op, "steps", steps, 0);
        int m = x.length;
        double[] w = new double[d], grad = new double[d], costs = new double[steps + 1];
        double b = 0;
        for (int t = 0; t <= steps; t++) {
            java.util.Arrays.fill(grad, 0.0);
            double gradB = 0, sum = 0;
            for (int i = 0; i < m; i++) {
                double[] row = x[i];
                double r = b - y[i];
                for (int j = 0; j < d; j++) {
                    r += row[j] * w[j];
                }
                sum += r * r;
                for (int j = 0; j < d; j++) {
                    grad[j] += r * row[j];
                }
                gradB += r;
            }
            costs[t] = sum / (2 * m);
            if (t < steps) {
                for (int j = 0; j < d; j++) {
                    w[j] -= rate * grad[j] / m;
                }
                b -= rate * gradB / m;
            }
        }
        return costs;
    }

    private static double[][] toRows(DMatrixRMaj m) {
        double[][] rows = new double[m.numRows][];
        for (int i = 0; i < m.numRows; i++) {
            rows[i] = Arrays.copyOfRange(m.data, i * m.numCols, (i + 1) * m.numCols);
        }
        return rows;
    }
}
