package deepnets.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CurvatureTest {

    @Test
    void eigenvaluesOfMatricesSolvedByHand() {
        // [[2, 1], [1, 2]]: det(A - l I) = (2 - l)^2 - 1 = 0 gives 3 and 1, eigenvectors (1, 1) and (1, -1) / sqrt 2.
        Curvature.Spectrum s = Curvature.symmetricEigen(new double[][] {{2, 1}, {1, 2}});
        assertArrayEquals(new double[] {3, 1}, s.values(), 1e-12);
        assertEquals(3.0, s.conditionNumber(), 1e-12);
        double r = Math.sqrt(0.5);
        assertEquals(1.0, Math.abs(s.vectors()[0][0] + s.vectors()[0][1]) / 2 / r, 1e-12);
        assertEquals(0.0, s.vectors()[1][0] + s.vectors()[1][1], 1e-12);
        // The second-difference matrix tridiag(-1, 2, -1) of size 3: 2 - 2 cos(k pi / 4), k = 1..3.
        Curvature.Spectrum t = Curvature.symmetricEigen(new double[][] {{2, -1, 0}, {-1, 2, -1}, {0, -1, 2}});
        assertArrayEquals(new double[] {2 + Math.sqrt(2), 2, 2 - Math.sqrt(2)}, t.values(), 1e-12);
        assertEquals((2 + Math.sqrt(2)) / (2 - Math.sqrt(2)), t.conditionNumber(), 1e-9);
        // A diagonal matrix: its entries, sorted.
        assertArrayEquals(new double[] {25, 4, 0.5}, Curvature.symmetricEigen(new double[][] {{4, 0, 0}, {0, 0.5, 0}, {0, 0, 25}}).values(), 0);
    }

    @Test
    void everyEigenpairSatisfiesAvEqualsLambdaVWithOrthonormalVectors() {
        Random rng = new Random(3);
        int n = 12;
        double[][] b = new double[n][n], a = new double[n][n];
        for (double[] row : b) {
            for (int j = 0; j < n; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = b[i][j] + b[j][i];
            }
            trace += a[i][i];
        }
        Curvature.Spectrum s = Curvature.symmetricEigen(a);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += s.values()[k];
            if (k > 0) {
                assertTrue(s.values()[k] <= s.values()[k - 1]);
            }
            double[] v = s.vectors()[k];
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i][j] * v[j];
                }
                assertEquals(s.values()[k] * v[i], av, 1e-10);
            }
            for (int l = 0; l < n; l++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += v[i] * s.vectors()[l][i];
                }
                assertEquals(k == l ? 1.0 : 0.0, dot, 1e-10);
            }
        }
        assertEquals(trace, sum, 1e-10);
    }

    @Test
    void leastSquaresHessianOfASmallExampleByHand() {
        // Rows (1, 2, 1) and (3, 4, 1) with the bias column: the sum of their outer products, divided by m = 2.
        double[][] h = Curvature.leastSquaresHessian(new double[][] {{1, 2}, {3, 4}});
        double[][] expected = {{5, 7, 2}, {7, 10, 3}, {2, 3, 1}};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected[i], h[i], 1e-12);
        }
    }

    @Test
    void leastSquaresHessianMatchesFiniteDifferencesOfTheGradient() {
        Random rng = new Random(8);
        int m = 30, d = 4;
        double[][] x = new double[m][d];
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (j + 1) * rng.nextGaussian() + j;
            }
            y[i] = rng.nextGaussian();
        }
        double[][] h = Curvature.leastSquaresHessian(x);
        double[] p = {0.3, -0.2, 0.1, 0.5, -1};   // w then b
        double step = 1e-4;
        for (int k = 0; k <= d; k++) {
            double[] plus = p.clone(), minus = p.clone();
            plus[k] += step;
            minus[k] -= step;
            double[] gp = gradient(x, y, plus), gm = gradient(x, y, minus);
            for (int j = 0; j <= d; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * step), h[j][k], 1e-8);
            }
        }
    }

    /** The gradient of 1/(2m) sum (x_i w + b - y_i)^2 with respect to (w, b), written out. */
    private static double[] gradient(double[][] x, double[] y, double[] p) {
        int d = x[0].length;
        double[] g = new double[d + 1];
        for (int i = 0; i < x.length; i++) {
            double r = p[d] - y[i];
            for (int j = 0; j < d; j++) {
                r += x[i][j] * p[j];
            }
            for (int j = 0; j < d; j++) {
                g[j] += r * x[i][j] / x.length;
            }
            g[d] += r / x.length;
        }
        return g;
    }

    @Test
    void gradientDescentFollowsTheClosedFormOnABowlSolvedByHand() {
        // x = (1, -1), y = (1, -1): J(w, b) = 1/4 ((w + b - 1)^2 + (-w + b + 1)^2) = 1/2 ((w - 1)^2 + b^2), H = I.
        // From (0, 0) a step r multiplies w - 1 by (1 - r), so J_t = 1/2 (1 - r)^(2t).
        double[][] x = {{1}, {-1}};
        double[] y = {1, -1};
        double[] slow = Curvature.leastSquaresDescent(x, y, 0.5, 5), diverging = Curvature.leastSquaresDescent(x, y, 2.5, 5);
        for (int t = 0; t <= 5; t++) {
            assertEquals(0.5 * Math.pow(0.25, t), slow[t], 1e-15);
            assertEquals(0.5 * Math.pow(2.25, t), diverging[t], 1e-12);
        }
        assertEquals(1, Curvature.leastSquaresDescent(x, y, 1.0, 0).length);
        String message = assertThrows(IllegalArgumentException.class, () -> Curvature.leastSquaresDescent(x, new double[] {1}, 0.5, 3)).getMessage();
        assertTrue(message.startsWith("Curvature.leastSquaresDescent"), message);
        assertThrows(IllegalArgumentException.class, () -> Curvature.leastSquaresDescent(x, y, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Curvature.leastSquaresDescent(x, y, 0.5, -1));
    }

    @Test
    void badInputIsRefusedWithTheValuesAndTheFix() {
        String notSymmetric = assertThrows(IllegalArgumentException.class,
                () -> Curvature.symmetricEigen(new double[][] {{1, 2}, {0, 1}})).getMessage();
        assertTrue(notSymmetric.contains("a[0][1] = 2.0") && notSymmetric.contains("(a + a^T) / 2"), notSymmetric);
        String notSquare = assertThrows(IllegalArgumentException.class,
                () -> Curvature.symmetricEigen(new double[][] {{1, 2, 3}, {2, 1, 0}})).getMessage();
        assertTrue(notSquare.startsWith("Curvature.symmetricEigen"), notSquare);
        assertThrows(IllegalArgumentException.class, () -> Curvature.symmetricEigen(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}));
        assertThrows(IllegalArgumentException.class, () -> Curvature.leastSquaresHessian(new double[][] {{1, Double.POSITIVE_INFINITY}}));
        // A feature that is always 0 is a flat direction: eigenvalue 0, no condition number.
        Curvature.Spectrum flat = Curvature.symmetricEigen(Curvature.leastSquaresHessian(new double[][] {{1, 0}, {3, 0}, {2, 0}}));
        assertEquals(0.0, flat.smallest(), 1e-12);
        String message = assertThrows(IllegalStateException.class, flat::conditionNumber).getMessage();
        assertTrue(message.contains("constant over the examples"), message);
    }
}
