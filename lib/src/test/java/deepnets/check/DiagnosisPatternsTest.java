package deepnets.check;

import static deepnets.check.DiagnosisFixtures.X;
import static deepnets.check.DiagnosisFixtures.Z;
import static deepnets.check.DiagnosisFixtures.assertContains;
import static deepnets.check.DiagnosisFixtures.columnMeans;
import static deepnets.check.DiagnosisFixtures.softmax;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.check.Diagnosis.Size;
import org.junit.jupiter.api.Test;

/**
 * The diagnoses of results in the wrong arrangement (transposed, reordered), of NaN and infinities with their
 * likely cause, and of per-row or per-column relations. As in DiagnosisTest, each wrong result is computed by its
 * own (wrong) formula.
 */
class DiagnosisPatternsTest {

    @Test
    void transposedResultsAreRecognizedForAnyShape() {
        double[][] e = {{1, 2, 3}, {4, 5, 6}};
        double[][] a = new double[3][2];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                a[j][i] = 3 * i + j + 1;
            }
        }
        assertEquals(Diagnosis.TRANSPOSED, Diagnosis.explain(e, a));
        assertEquals(Diagnosis.TRANSPOSED, Diagnosis.explain(new double[][] {{1, 2}, {3, 4}},
                new double[][] {{1, 3}, {2, 4}}));
        assertNull(Diagnosis.explain(e, new double[][] {{1, 2}, {3, 4}, {5, 7}}), "another shape, not a transpose");
    }

    @Test
    void reorderedRowsColumnsAndEntries() {
        double[][] e = softmax(Z, true, true);
        double[][] rows = {e[2], e[0], e[1], e[3]};
        assertContains(Diagnosis.explain(e, rows), "expected rows in another order", "row 0 is expected row 2");
        double[][] cols = new double[4][];
        for (int i = 0; i < 4; i++) {
            cols[i] = new double[] {e[i][1], e[i][0], e[i][2]};
        }
        assertContains(Diagnosis.explain(e, cols), "expected columns in another order", "column 0 is expected column 1");
        double[] lo = {0.01, 0.3};
        assertContains(Diagnosis.explain(lo, new double[] {0.3, 0.01}), "reverse order", "{hi, lo}");
        assertContains(Diagnosis.explain(new double[] {1, 2, 3, 4}, new double[] {2, 1, 3, 4}),
                "the expected values, but in other places");
        double[][] mixed = {{e[0][0], e[1][0], e[0][2]}, {e[0][1], e[1][1], e[1][2]}, e[2], e[3]};
        assertContains(Diagnosis.explain(e, mixed), "the expected values, but in other places");
    }

    @Test
    void expOverflowIsNamedWhenTheInputIsLarge() {
        double[][] naive = softmax(Z, false, true);
        String m = Diagnosis.explain(softmax(Z, true, true), naive, Z);
        assertContains(m, "3 of 12 entries", "are NaN (the first is [0][0])", "exp overflowed", "reaches 1000");
        assertContains(Diagnosis.explain(softmax(Z, true, true), naive), "NaN comes from 0/0", "Infinity / Infinity");
    }

    @Test
    void zeroOverZeroWhereZeroIsExpected() {
        double[][] x = {{1, 2}, {1, 4}, {1, 6}};
        double[] mu = columnMeans(x);
        double[][] withEps = new double[3][2];
        double[][] withoutEps = new double[3][2];
        double[] var = {0, 8.0 / 3};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                withEps[i][j] = (x[i][j] - mu[j]) / Math.sqrt(var[j] + 1e-5);
                withoutEps[i][j] = (x[i][j] - mu[j]) / Math.sqrt(var[j]);
            }
        }
        assertContains(Diagnosis.explain(withEps, withoutEps), "3 of 6 entries", "NaN where 0 is expected comes from "
                + "0/0", "eps left out");
    }

    @Test
    void logOfZeroAndDivisionByZeroAndSqrtOfANegative() {
        double[] p = {0.5, 0.0, 0.5};
        double[] stable = {Math.log(0.5), Math.log(1e-300), Math.log(0.5)};
        double[] naive = new double[3];
        double[] inverse = new double[3];
        double[] sqrt = new double[3];
        for (int j = 0; j < 3; j++) {
            naive[j] = Math.log(p[j]);
            inverse[j] = 1 / p[j];
            sqrt[j] = Math.sqrt(p[j] - 0.25);
        }
        assertContains(Diagnosis.explain(stable, naive), "1 of 3 entries", "-Infinity (the first is [1])", "log(0)");
        assertContains(Diagnosis.explain(new double[] {2, 1e300, 2}, inverse), "Infinity", "divided by 0");
        assertContains(Diagnosis.explain(new double[] {0.5, 0.5, 0.5}, sqrt), "square root or logarithm of a negative");
        assertContains(Diagnosis.explain(1.5, Double.NaN), "your result is NaN where a finite value is expected");
    }

    @Test
    void perColumnOffsetPerColumnFactorAndPerRowFactor() {
        double[] beta = {0.5, -1.0, 2.0};
        double[] gamma = {2.0, 3.0, 0.5};
        double[] mu = columnMeans(X);
        double[][] full = new double[6][3];
        double[][] noBeta = new double[6][3];
        double[][] noGamma = new double[6][3];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                full[i][j] = gamma[j] * (X[i][j] - mu[j]) + beta[j];
                noBeta[i][j] = gamma[j] * (X[i][j] - mu[j]);
                noGamma[i][j] = (X[i][j] - mu[j]) * 1.0;
            }
        }
        assertContains(Diagnosis.explain(full, noBeta), "each column", "column 0 plus -0.5", "such as beta");
        double[][] scaled = new double[6][3];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                scaled[i][j] = full[i][j] - beta[j];
            }
        }
        assertContains(Diagnosis.explain(scaled, noGamma), "each column", "column 0 times 0.5", "such as gamma");
        assertContains(Diagnosis.explain(softmax(Z, true, true), softmax(Z, true, false)), "each row",
                "the division by the row's sum");
    }

    @Test
    void aPerColumnScaleAndShiftNamesTheUnbiasedVariance() {
        double[] gamma = {2.0, 3.0, 0.5};
        double[] beta = {0.5, -1.0, 2.0};
        double[] mu = columnMeans(X);
        double[][] byM = new double[6][3];
        double[][] byMMinus1 = new double[6][3];
        double[][] swapped = new double[6][3];
        for (int j = 0; j < 3; j++) {
            double ss = 0;
            for (double[] row : X) {
                ss += (row[j] - mu[j]) * (row[j] - mu[j]);
            }
            for (int i = 0; i < 6; i++) {
                byM[i][j] = gamma[j] * (X[i][j] - mu[j]) / Math.sqrt(ss / 6 + 1e-5) + beta[j];
                byMMinus1[i][j] = gamma[j] * (X[i][j] - mu[j]) / Math.sqrt(ss / 5 + 1e-5) + beta[j];
                swapped[i][j] = beta[j] * (X[i][j] - mu[j]) / Math.sqrt(ss / 6 + 1e-5) + gamma[j];
            }
        }
        assertContains(Diagnosis.explain(byM, byMMinus1, new Size("m", "the number of examples", 6)),
                "each column of your result is a linear function of the expected column", "such as gamma, beta",
                "the same in every column, about 0.912", "= sqrt((m - 1)/m): a division by m - 1 where m is meant");
        String m = Diagnosis.explain(byM, swapped);
        assertContains(m, "a linear function of the expected column", "column 0: 0.25 e + 1.875");
        assertTrue(!m.contains("the same in every column"), m);
    }

    @Test
    void normalizingOverTheWrongAxisScalesRowsAndColumns() {
        double[][] z = {{0.5, -1.0, 2.0}, {1.0, 1.0, 0.0}, {-2.0, 0.3, 0.1}, {3.0, 1.0, -1.0}};
        double[][] byColumn = new double[4][3];
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (double[] row : z) {
                sum += Math.exp(row[c]);
            }
            for (int i = 0; i < 4; i++) {
                byColumn[i][c] = Math.exp(z[i][c]) / sum;
            }
        }
        assertContains(Diagnosis.explain(softmax(z, true, true), byColumn), "a factor of its row and a factor of its "
                + "column", "a normalization over the wrong axis");
    }
}
