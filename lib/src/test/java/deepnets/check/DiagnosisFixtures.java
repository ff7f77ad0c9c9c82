package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inputs and the independent textbook formulas (softmax, cross-entropy gradient, column means and sums) from
 * which DiagnosisTest and DiagnosisPatternsTest build their wrong results.
 */
final class DiagnosisFixtures {

    private DiagnosisFixtures() {
    }

    /** 6 examples (rows) of 3 features. */
    static final double[][] X = {
        {1.0, -2.0, 0.5}, {3.0, 0.0, 1.5}, {-1.0, 4.0, 2.5}, {2.0, 1.0, -0.5}, {0.0, -3.0, 1.0}, {5.0, 2.0, 0.0}};
    /** Logits of 4 examples and 3 classes; the first row is large enough to overflow exp. */
    static final double[][] Z = {{1000, 999, 998}, {0.5, -1.0, 2.0}, {1.0, 1.0, 0.0}, {-2.0, 0.3, 0.1}};
    static final double[][] Y = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}};

    static void assertContains(String message, String... parts) {
        assertNotNull(message, "no diagnosis");
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "missing \"" + p + "\" in: " + message);
        }
    }

    static double[] columnMeans(double[][] x) {
        double[] mu = new double[x[0].length];
        for (int j = 0; j < mu.length; j++) {
            for (double[] row : x) {
                mu[j] += row[j] / x.length;
            }
        }
        return mu;
    }

    static double[] columnSums(double[][] x) {
        double[] s = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < s.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }

    /** Row softmax with the maximum subtracted; rows divided by their sums unless told otherwise. */
    static double[][] softmax(double[][] z, boolean stable, boolean divide) {
        double[][] p = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int c = 0; c < z[i].length; c++) {
                p[i][c] = Math.exp(stable ? z[i][c] - max : z[i][c]);
                sum += p[i][c];
            }
            for (int c = 0; c < z[i].length && divide; c++) {
                p[i][c] /= sum;
            }
        }
        return p;
    }

    /** (softmax(z) - y) / divisor, the softmax cross-entropy gradient when divisor = N. */
    static double[][] ceGradient(double[][] z, double[][] y, int divisor, boolean flip) {
        double[][] p = softmax(z, true, true);
        double[][] d = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < z[0].length; c++) {
                d[i][c] = (flip ? y[i][c] - p[i][c] : p[i][c] - y[i][c]) / divisor;
            }
        }
        return d;
    }
}
