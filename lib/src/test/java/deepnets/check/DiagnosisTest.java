package deepnets.check;

import static deepnets.check.DiagnosisFixtures.X;
import static deepnets.check.DiagnosisFixtures.Y;
import static deepnets.check.DiagnosisFixtures.Z;
import static deepnets.check.DiagnosisFixtures.assertContains;
import static deepnets.check.DiagnosisFixtures.ceGradient;
import static deepnets.check.DiagnosisFixtures.columnMeans;
import static deepnets.check.DiagnosisFixtures.columnSums;
import static deepnets.check.DiagnosisFixtures.softmax;
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
        // a change in the last digit (as x restored by old + h - h leaves) is shown digit by digit, never "was 0.1,
        // now 0.1"
        double restored = Math.nextUp(0.1);
        String tiny = Diagnosis.modifiedInput("x", new double[] {0.1}, new double[] {restored});
        assertContains(tiny, "x[0] was 0.1 and is now " + restored, "last digits");
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
                other)).getMessage(), "What the numbers show", "4 = N");
        assertTrue(!assertThrows(CheckFailure.class, () -> Check.allCloseWithDiagnosis("dz", expected, noMean, 1e-6,
                other)).getMessage().contains("you flip the sign"), "a mistake ruled out is not listed");
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
