package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.check.Diagnosis.Size;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each wrong result here is computed by its own (wrong) formula, not by scaling the expected array,
 * except where the relation itself is the point (noise, ambiguity).
 */
class DiagnosisTest {

    /** 6 examples (rows) of 3 features. */
    private static final double[][] X = {
        {1.0, -2.0, 0.5}, {3.0, 0.0, 1.5}, {-1.0, 4.0, 2.5}, {2.0, 1.0, -0.5}, {0.0, -3.0, 1.0}, {5.0, 2.0, 0.0}};
    /** Logits of 4 examples and 3 classes; the first row is large enough to overflow exp. */
    private static final double[][] Z = {{1000, 999, 998}, {0.5, -1.0, 2.0}, {1.0, 1.0, 0.0}, {-2.0, 0.3, 0.1}};
    private static final double[][] Y = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}, {1, 0, 0}};

    private static void assertContains(String message, String... parts) {
        assertNotNull(message, "no diagnosis");
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "missing \"" + p + "\" in: " + message);
        }
    }

    private static double[] columnMeans(double[][] x) {
        double[] mu = new double[x[0].length];
        for (int j = 0; j < mu.length; j++) {
            for (double[] row : x) {
                mu[j] += row[j] / x.length;
            }
        }
        return mu;
    }

    private static double[] columnSums(double[][] x) {
        double[] s = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < s.length; j++) {
                s[j] += row[j];
            }
        }
        return s;
    }

    /** Row softmax with the maximum subtracted; rows divided by their sums unless told otherwise. */
    private static double[][] softmax(double[][] z, boolean stable, boolean divide) {
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
    private static double[][] ceGradient(double[][] z, double[][] y, int divisor, boolean flip) {
        double[][] p = softmax(z, true, true);
        double[][] d = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int c = 0; c < z[0].length; c++) {
                d[i][c] = (flip ? y[i][c] - p[i][c] : p[i][c] - y[i][c]) / divisor;
            }
        }
        return d;
    }

    @Test
    void aSumWhereAMeanIsMeantNamesTheBatchSize() {
        String m = Diagnosis.explain(columnMeans(X), columnSums(X), new Size("m", "the number of examples", 6));
        assertContains(m, "6 times the expected one", "6 = m (the number of examples)", "a sum where a mean is meant");
    }

    @Test
    void aFactorEqualToTheRowsOrToTheirInverseIsNamedFromTheShape() {
        double[][] mean = ceGradient(Z, Y, 4, false);
        double[][] twice = ceGradient(Z, Y, 16, false);
        assertContains(Diagnosis.explain(mean, twice), "0.25 = 1/N (the number of rows)", "an extra division by N");
        assertContains(Diagnosis.explain(mean, ceGradient(Z, Y, 1, false)), "4 = N (the number of rows)");
    }

    @Test
    void dividingByTheClassesInsteadOfTheExamplesNamesBoth() {
        String m = Diagnosis.explain(ceGradient(Z, Y, 4, false), ceGradient(Z, Y, 3, false));
        assertContains(m, "1.3333333 times", "N/C", "a division by C where N is meant");
    }

    @Test
    void oppositeSignAndANegativeNamedFactor() {
        assertContains(Diagnosis.explain(ceGradient(Z, Y, 4, false), ceGradient(Z, Y, 4, true)),
                "with the opposite sign", "a - b where b - a is meant");
        assertContains(Diagnosis.explain(ceGradient(Z, Y, 4, false), ceGradient(Z, Y, 1, true)),
                "minus 4 times", "the opposite sign, and 4 = N");
        assertContains(Diagnosis.explain(0.75, -0.75), "your result is the expected value with the opposite sign");
    }

    @Test
    void twoAndOneHalfAreNamed() {
        double[] x = {0.5, 2.0, 3.0};
        double[] dSquare = new double[3];
        double[] noTwo = new double[3];
        double[] dSqrt = new double[3];
        double[] dSqrtNoHalf = new double[3];
        for (int j = 0; j < 3; j++) {
            dSquare[j] = 2 * x[j];
            noTwo[j] = x[j];
            dSqrt[j] = 1 / (2 * Math.sqrt(x[j]));
            dSqrtNoHalf[j] = 1 / Math.sqrt(x[j]);
        }
        assertContains(Diagnosis.explain(dSquare, noTwo), "0.5 = 1/2", "a factor 2 left out");
        assertContains(Diagnosis.explain(dSqrt, dSqrtNoHalf), "2 times the expected one: a factor 2 too many");
    }

    @Test
    void log10InsteadOfTheNaturalLogInALoss() {
        double ln = 0;
        double log10 = 0;
        double sum = 0;
        double[][] p = softmax(Z, true, true);
        for (int i = 1; i < Z.length; i++) {
            for (int c = 0; c < 3; c++) {
                ln -= Y[i][c] * Math.log(p[i][c]) / 3;
                log10 -= Y[i][c] * Math.log10(p[i][c]) / 3;
                sum -= Y[i][c] * Math.log(p[i][c]);
            }
        }
        assertContains(Diagnosis.explain(ln, log10), "1/ln(10)", "log10 where the natural logarithm");
        assertContains(Diagnosis.explain(ln, sum, new Size("N", "the number of examples", 3)), "3 = N (the number of "
                + "examples)");
        assertNull(Diagnosis.explain(ln, ln * 1.37), "a scalar times an arbitrary number tells nothing");
    }

    @Test
    void theUnbiasedVarianceIsNamed() {
        double[] mu = columnMeans(X);
        double[] biased = new double[3];
        double[] unbiased = new double[3];
        for (double[] row : X) {
            for (int j = 0; j < 3; j++) {
                biased[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / 6;
                unbiased[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / 5;
            }
        }
        assertContains(Diagnosis.explain(biased, unbiased, new Size("m", "the number of examples", 6)),
                "1.2 times", "m/(m - 1)", "a division by m - 1 where m is meant");
    }

    @Test
    void anUnnamedFactorIsStillReportedForArrays() {
        double[] e = {1, -2, 4};
        double[] a = {0.37, -0.74, 1.48};
        assertContains(Diagnosis.explain(e, a), "0.37 times the expected one", "none of the sizes");
    }

    @Test
    void nearZeroExpectedEntriesDoNotBreakTheFactor() {
        // Entries that are 0 up to rounding on both sides keep the relation; a nonzero entry where 0 is expected breaks it.
        double[] e = {0.5, 1e-17, -0.25, 0.0, 2.0};
        double[] a = {3.0, -4e-17, -1.5, 1e-16, 12.0};
        assertContains(Diagnosis.explain(e, a, new Size("m", "the number of examples", 6)), "6 = m");
        double[] broken = {3.0, 0.1, -1.5, 0.0, 12.0};
        String m = Diagnosis.explain(e, broken, new Size("m", "the number of examples", 6));
        assertTrue(m == null || !m.contains("6 = m"), m);
    }

    @Test
    void equalSizesAreAllNamed() {
        double[][] e = {{1, 2}, {3, 4}};
        double[][] a = {{2, 4}, {6, 8}};
        assertContains(Diagnosis.explain(e, a), "(2 = N (the number of rows) = C (the number of columns)): a sum where a mean is meant");
    }

    @Test
    void aConstantOffsetIsReported() {
        double[] lo = {0.1, 0.4, 0.9, 1.6};
        double[] plusOne = new double[4];
        for (int j = 0; j < 4; j++) {
            plusOne[j] = lo[j] * lo[j] + 1 - lo[j] * lo[j] + lo[j] + 0.5 - 1;
        }
        assertContains(Diagnosis.explain(lo, plusOne), "the expected one plus 0.5", "a constant term");
    }

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

    @Test
    void aScalarThatIsExactlyAWholeMultipleNamesTheCount() {
        double mean = 0;
        double sum = 0;
        double perEntry = 0;
        double[][] p = softmax(Z, true, true);
        for (int i = 1; i < 4; i++) {
            for (int c = 0; c < 3; c++) {
                mean -= Y[i][c] * Math.log(p[i][c]) / 3;
                sum -= Y[i][c] * Math.log(p[i][c]);
                perEntry -= Y[i][c] * Math.log(p[i][c]) / 9;
            }
        }
        assertContains(Diagnosis.explain(mean, sum), "exactly 3 times the expected value", "a division by 3 left out");
        assertContains(Diagnosis.explain(mean, perEntry), "exactly 1/3 times the expected value", "an extra division by 3");
    }

    @Test
    void oddInputsNeverThrow() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        double[] pool = {0, -0.0, 1, -1, 2, 0.5, 1e-300, 1e300, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE};
        for (int t = 0; t < 2000; t++) {
            int n = 1 + random.nextInt(4);
            int d = 1 + random.nextInt(4);
            double[][] e = new double[n][d];
            double[][] a = new double[random.nextBoolean() ? n : d][random.nextBoolean() ? d : n];
            for (double[][] m : new double[][][] {e, a}) {
                for (double[] row : m) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : random.nextInt(5) - 2;
                    }
                }
            }
            Diagnosis.explain(e, a);
            Diagnosis.explain(e[0], a[0]);
            Diagnosis.explain(e[0][0], a[0][0]);
            Diagnosis.explain(e, a, e, new Size("m", "the number of examples", 1 + random.nextInt(3)));
        }
        assertNull(Diagnosis.explain(new double[0], new double[0]));
        assertNull(Diagnosis.explain(new double[][] {{}}, new double[][] {{}}));
        assertNull(Diagnosis.explain(Double.NaN, 1.0));
    }

    @Test
    void anAllZeroResult() {
        assertContains(Diagnosis.explain(columnMeans(X), new double[3]), "every entry of your result is 0");
        assertContains(Diagnosis.explain(2.5, 0.0), "your result is 0");
    }

    @Test
    void unrelatedResultsGetNoDiagnosis() {
        assertNull(Diagnosis.explain(new double[] {1, 2, 3}, new double[] {1, 2.5, 7}));
        assertNull(Diagnosis.explain(softmax(Z, true, true), ceGradient(Z, Y, 4, false)));
        assertNull(Diagnosis.explain(new double[] {1, 2}, new double[] {1, 2, 3}), "shapes differ");
        assertNull(Diagnosis.explain(new double[][] {{1, 2}}, null));
    }

    @Test
    void aModifiedInputIsNamedWithItsFirstChangedEntry() {
        double[][] z = {{1, 2}, {3, 4}};
        double[][] before = {{1, 2}, {3, 4}};
        for (double[] row : z) {
            double sum = row[0] + row[1];
            row[0] /= sum;
            row[1] /= sum;
        }
        assertContains(Diagnosis.modifiedInput("z", before, z), "your code modified its input z", "4 of 4 entries",
                "z[0][0] was 1 and is now 0.33333333", "a new array");
        assertNull(Diagnosis.modifiedInput("z", before, new double[][] {{1, 2}, {3, 4}}));
        double[] running = {0.0, 1.0};
        assertContains(Diagnosis.modifiedInput("batchMean", new double[] {0.0, 0.5}, running), "batchMean[1] was 0.5");
        assertContains(Diagnosis.modifiedInput("z", before, new double[][] {{1, 2}}), "it had 2 rows and has 1");
        assertNull(Diagnosis.modifiedInput("z", new double[] {Double.NaN}, new double[] {Double.NaN}));
    }

    @Test
    void checkAppendsTheDiagnosisOnlyWhenNoListedMistakeMatches() {
        double[][] expected = ceGradient(Z, Y, 4, false);
        double[][] noMean = ceGradient(Z, Y, 1, false);
        String plain = assertThrows(CheckFailure.class,
                () -> Check.allClose("dz", expected, noMean, 1e-6, "see the formula")).getMessage();
        assertContains(plain, "entries differ", "\nWhat the numbers show: every entry of your result is 4 times",
                "4 = N", "\nHint: see the formula");
        Map<String, double[][]> listed = new LinkedHashMap<>();
        listed.put("you forget the 1/N", noMean);
        String diagnosed = assertThrows(CheckFailure.class,
                () -> Check.allCloseWithDiagnosis("dz", expected, noMean, 1e-6, listed)).getMessage();
        assertContains(diagnosed, "you forget the 1/N");
        assertTrue(!diagnosed.contains("What the numbers show"), diagnosed);
        Map<String, double[][]> other = Map.of("you flip the sign", ceGradient(Z, Y, 4, true));
        assertContains(assertThrows(CheckFailure.class, () -> Check.allCloseWithDiagnosis("dz", expected, noMean, 1e-6,
                other)).getMessage(), "matches none of the common mistakes", "What the numbers show", "4 = N");
        assertContains(assertThrows(CheckFailure.class, () -> Check.allClose("zoom", new double[] {0.1, 0.3},
                new double[] {0.3, 0.1}, 1e-9, null)).getMessage(), "reverse order");
        assertContains(assertThrows(CheckFailure.class, () -> Check.close("loss", 0.7, -0.7, 1e-9, null)).getMessage(),
                "opposite sign");
        assertContains(assertThrows(CheckFailure.class, () -> Check.closeWithDiagnosis("loss", 0.7, Double.NaN, 1e-9,
                Map.of("you sum", 2.8))).getMessage(), "your result is NaN");
        assertContains(assertThrows(CheckFailure.class, () -> Check.allClose("out", new double[][] {{1, 2, 3}},
                new double[][] {{1}, {2}, {3}}, 1e-9, null)).getMessage(), "(Transposed?)", "is the transpose");
    }
}
