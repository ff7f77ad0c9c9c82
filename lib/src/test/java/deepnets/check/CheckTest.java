package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CheckTest {

    private static String failureMessage(Executable check) {
        CheckFailure f = assertThrows(CheckFailure.class, check);
        assertInstanceOf(AssertionError.class, f);
        return f.getMessage();
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), () -> "missing \"" + p + "\" in: " + message);
        }
    }

    @Test
    void closePassesWithinToleranceAndFailsOutside() {
        assertDoesNotThrow(() -> Check.close("loss", 0.25, 0.25 + 5e-7, 1e-6, "h"));
        String m = failureMessage(() -> Check.close("loss", 0.25, -0.25, 1e-6, "you flipped the sign"));
        assertContains(m, "loss", "0.25", "-0.25", "off by 0.5", "1e-06", "Hint: you flipped the sign");
    }

    @Test
    void toleranceIsRelativeForLargeValues() {
        // 1000 * 1e-6 = 1e-3 is the allowed difference around 1000.
        assertDoesNotThrow(() -> Check.close("x", 1000, 1000.0009, 1e-6, null));
        assertThrows(CheckFailure.class, () -> Check.close("x", 1000, 1000.0011, 1e-6, null));
    }

    @Test
    void nanNeverPasses() {
        assertContains(failureMessage(() -> Check.close("loss", 1, Double.NaN, 1e9, null)), "got NaN");
        assertThrows(CheckFailure.class, () -> Check.close("loss", Double.NaN, Double.NaN, 1e9, null));
        assertThrows(CheckFailure.class, () -> Check.allClose("v", new double[] {Double.NaN}, new double[] {Double.NaN}, 1, null));
        assertThrows(CheckFailure.class, () -> Check.inRange("p", Double.NaN, 0, 1, null));
        assertThrows(CheckFailure.class, () -> Check.allInRange("p", new double[] {0.5, Double.NaN}, 0, 1, null));
        assertThrows(CheckFailure.class,
                () -> Check.gradient("dw", new double[][] {{Double.NaN}}, new double[][] {{1}}, 1));
    }

    @Test
    void nanIsReportedAsTheWorstEntryEvenNextToLargeErrors() {
        String m = failureMessage(() -> Check.allClose("out", new double[][] {{1, 2}, {3, 4}},
                new double[][] {{100, 2}, {3, Double.NaN}}, 1e-6, null));
        assertContains(m, "2 of 4 entries", "out[1][1]", "expected 4, got NaN");
    }

    @Test
    void equalInfinitiesAgreeButInfinityAgainstAFiniteValueFails() {
        assertDoesNotThrow(() -> Check.close("x", Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, null));
        assertThrows(CheckFailure.class, () -> Check.close("x", 1, Double.POSITIVE_INFINITY, 1e-3, null));
    }

    @Test
    void allCloseReportsWorstIndexCountAndBothValues() {
        double[][] expected = {{1, 2, 3}, {4, 5, 6}};
        double[][] actual = {{1, 2.1, 3}, {4, 5, 7}};
        String m = failureMessage(() -> Check.allClose("dx", expected, actual, 1e-6, "check the sum over rows"));
        assertContains(m, "2 of 6 entries", "dx[1][2]", "expected 6, got 7", "off by 1", "Hint: check the sum over rows");
        assertDoesNotThrow(() -> Check.allClose("dx", expected, expected.clone(), 0, null));
    }

    @Test
    void vectorIndexHasOneBracket() {
        String m = failureMessage(() -> Check.allClose("dgamma", new double[] {1, 2, 3}, new double[] {1, 2, 4}, 1e-6, null));
        assertContains(m, "dgamma[2]", "expected 3, got 4");
        assertFalse(m.contains("[0][2]"), m);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        String m = failureMessage(() -> Check.allClose("W", new double[2][3], new double[3][2], 1e-6, "use x W, not W x"));
        assertContains(m, "expected shape (2, 3)", "got shape (3, 2)", "Transposed", "Hint: use x W, not W x");
        String v = failureMessage(() -> Check.allClose("b", new double[4], new double[3], 1e-6, null));
        assertContains(v, "(4,)", "(3,)");
    }

    @Test
    void nullAndRaggedResultsAreReported() {
        assertContains(failureMessage(() -> Check.allClose("out", new double[2][2], null, 1e-6, null)), "got null");
        assertContains(failureMessage(() -> Check.allClose("out", new double[2][2], new double[][] {{0, 0}, {0}}, 1e-6, null)),
                "ragged", "row 1 has 1");
    }

    @Test
    void badToleranceIsAnAuthorError() {
        assertThrows(IllegalArgumentException.class, () -> Check.close("x", 1, 1, -1, null));
        assertThrows(IllegalArgumentException.class, () -> Check.close("x", 1, 1, Double.NaN, null));
        assertThrows(IllegalArgumentException.class, () -> Check.inRange("x", 0.5, 1, 0, null));
    }

    @Test
    void diagnosisNamesTheMatchingMistake() {
        double[][] expected = {{1, 2}, {3, 4}};
        Map<String, double[][]> mistakes = new LinkedHashMap<>();
        mistakes.put("you forget to subtract the mean", new double[][] {{5, 6}, {7, 8}});
        mistakes.put("you divide by the variance instead of the standard deviation", new double[][] {{0.5, 1}, {1.5, 2}});
        mistakes.put("you transpose the result", new double[][] {{1, 3}, {2, 4}});
        String m = failureMessage(() -> Check.allCloseWithDiagnosis("xhat", expected,
                new double[][] {{0.5, 1}, {1.5, 2}}, 1e-6, mistakes));
        assertContains(m, "your result matches what you get when you divide by the variance instead of the standard deviation",
                // Every entry is off by half its expected value, so the scaled errors tie and the first is reported.
                "xhat[0][0]: expected 1, got 0.5");
        assertFalse(m.contains("subtract the mean"), m);
        assertDoesNotThrow(() -> Check.allCloseWithDiagnosis("xhat", expected, new double[][] {{1, 2}, {3, 4}}, 1e-6, mistakes));
    }

    @Test
    void diagnosisMatchesMistakesWithAnotherShape() {
        Map<String, double[][]> mistakes = Map.of("you return W instead of its transpose", new double[][] {{1, 2, 3}});
        String m = failureMessage(() -> Check.allCloseWithDiagnosis("dW", new double[][] {{1}, {2}, {3}},
                new double[][] {{1, 2, 3}}, 1e-6, mistakes));
        assertContains(m, "when you return W instead of its transpose", "(3, 1)", "(1, 3)");
    }

    @Test
    void diagnosisWithoutMatchNeverListsTheMistakesItRuledOut() {
        Map<String, double[]> mistakes = Map.of("you forget eps", new double[] {9, 9});
        String m = failureMessage(() -> Check.allCloseWithDiagnosis("y", new double[] {1, 2}, new double[] {1, 3}, 1e-6, mistakes));
        assertContains(m, "y[1]", "expected 2, got 3");
        assertFalse(m.contains("matches what you get"), m);
        assertFalse(m.contains("you forget eps") || m.contains("none of the"), m);
    }

    @Test
    void scalarDiagnosis() {
        Map<String, Double> mistakes = new LinkedHashMap<>();
        mistakes.put("you sum the losses instead of averaging them", 8.0);
        mistakes.put("you use log base 10", 0.869);
        String m = failureMessage(() -> Check.closeWithDiagnosis("loss", 2.0, 8.0, 1e-6, mistakes));
        assertContains(m, "when you sum the losses instead of averaging them", "expected 2 but got 8");
        assertDoesNotThrow(() -> Check.closeWithDiagnosis("loss", 2.0, 2.0, 1e-6, mistakes));
    }

    @Test
    void nanIsNeverDiagnosedAsAMistake() {
        Map<String, double[]> mistakes = Map.of("nan mistake", new double[] {Double.NaN});
        String m = failureMessage(() -> Check.allCloseWithDiagnosis("y", new double[] {1}, new double[] {Double.NaN}, 1e-6, mistakes));
        assertFalse(m.contains("matches what you get"), m);
    }

    @Test
    void allEqualReportsFirstDifferenceAndCount() {
        String m = failureMessage(() -> Check.allEqual("labels", new int[] {0, 1, 2, 3}, new int[] {0, 2, 2, 1}, "argmax over columns"));
        assertContains(m, "2 of 4 entries", "labels[1]", "expected 1, got 2", "Hint: argmax over columns");
        assertContains(failureMessage(() -> Check.allEqual("labels", new int[3], new int[2], null)), "3", "2");
        assertDoesNotThrow(() -> Check.allEqual("labels", new int[] {4}, new int[] {4}, null));
    }

    @Test
    void isTrueAndRanges() {
        assertDoesNotThrow(() -> Check.isTrue("loss decreases", true, null));
        assertContains(failureMessage(() -> Check.isTrue("loss decreases", false, "lower the learning rate")),
                "loss decreases", "Hint: lower the learning rate");
        assertDoesNotThrow(() -> Check.inRange("p", 1, 0, 1, null));
        assertContains(failureMessage(() -> Check.inRange("beta", 1.5, 0, 1, "beta is a fraction")),
                "beta", "[0, 1]", "got 1.5", "Hint: beta is a fraction");
        String m = failureMessage(() -> Check.allInRange("lr", new double[] {0.5, 2, 0.1, -1, 3}, 0, 1, null));
        assertContains(m, "3 of 5 values", "lr[1] = 2");
        assertDoesNotThrow(() -> Check.allInRange("lr", new double[] {0, 0.5, 1}, 0, 1, null));
    }

    @Test
    void gradientReportsRelativeErrorAndWorstIndex() {
        double[][] numeric = {{1, 2}, {3, 4}};
        // Relative error of 3 vs 1 is |3 - 1| / (3 + 1) = 0.5, the worst entry.
        double[][] analytic = {{1, 2}, {1, 4.00000001}};
        String m = failureMessage(() -> Check.gradient("dW", analytic, numeric, 1e-7));
        assertContains(m, "0.5", "dW[1][0]", "analytic 1", "numeric 3", "1 of 4 entries", "Hint: an error this large");
        assertDoesNotThrow(() -> Check.gradient("dW", new double[][] {{1, 2}, {3, 4 + 1e-9}}, numeric, 1e-7));
    }

    @Test
    void smallGradientErrorsGetTheGentleHint() {
        // |1.0001 - 1| / 2.0001 is about 5e-5: close, but above 1e-7.
        String m = failureMessage(() -> Check.gradient("db", new double[] {1.0001, 2}, new double[] {1, 2}, 1e-7));
        assertContains(m, "db[0]", "close but not close enough");
    }

    @Test
    void gradientNearZeroUsesTheFloor() {
        // Both tiny: |a - b| / max(1e-8, |a| + |b|) = 1e-12 / 1e-8 = 1e-4.
        assertDoesNotThrow(() -> Check.gradient("d", new double[] {1e-12}, new double[] {0}, 2e-4));
        assertThrows(CheckFailure.class, () -> Check.gradient("d", new double[] {1e-12}, new double[] {0}, 5e-5));
    }

    @Test
    void gradientShapeMismatchNamesBothShapes() {
        String m = failureMessage(() -> Check.gradient("dW", new double[3][2], new double[2][3], 1e-7));
        assertContains(m, "numeric gradient has shape (2, 3)", "analytic one has shape (3, 2)");
    }

    @Test
    void throwsWithChecksTheMessage() {
        RuntimeException e = Check.throwsWith("bad gamma", () -> {
            throw new IllegalArgumentException("gamma has shape (3,)");
        }, "shape (3,)", null);
        assertEquals("gamma has shape (3,)", e.getMessage());
        assertContains(failureMessage(() -> Check.throwsWith("bad gamma", () -> { }, "shape", "validate gamma first")),
                "nothing was thrown", "Hint: validate gamma first");
        assertContains(failureMessage(() -> Check.throwsWith("bad gamma", () -> {
            throw new IllegalStateException("oops");
        }, "shape", null)), "does not mention \"shape\"", "oops");
    }

    @Test
    void numbersAreFormattedShortAndExact() {
        assertEquals("0.25", Numbers.format(0.25));
        assertEquals("3", Numbers.format(3.0));
        assertEquals("1e-06", Numbers.format(1e-6));
        assertEquals("-1.5e+20", Numbers.format(-1.5e20));
        assertEquals("NaN", Numbers.format(Double.NaN));
        assertEquals("0.12345679", Numbers.format(0.123456789));
    }
}
