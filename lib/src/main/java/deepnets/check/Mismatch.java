package deepnets.check;

import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * How {@link Check} describes a result that differs from the expected one: a wrong shape (and whether it looks
 * transposed), null or ragged rows, or how many entries are off and the worst of them. Each method returns the
 * description, or null when there is nothing to describe.
 *
 * <p>Library plumbing of the check cells of every notebook; no notebook uses it directly.
 */
final class Mismatch {

    private Mismatch() {
    }

    static String vector(String what, double[] expected, double[] actual, double tol) {
        Require.notNull("Check.allClose", "expected", expected);
        if (actual == null) {
            return "got null; did the method return its result?";
        }
        if (expected.length != actual.length) {
            return "expected shape (" + expected.length + ",) but got shape (" + actual.length + ",).";
        }
        return matrix(what, new double[][] {expected}, new double[][] {actual}, tol, true);
    }

    static String matrix(String what, double[][] expected, double[][] actual, double tol, boolean vector) {
        Require.atLeast("Check.allClose", "the tolerance", tol, 0.0, null);
        Shapes.requireMatrix("Check.allClose", "expected", expected);
        String shapeProblem = shape(expected, actual);
        if (shapeProblem != null) {
            return shapeProblem;
        }
        Comparison c = Comparison.of(expected, actual, tol, Comparison.SCALED);
        if (c.passed()) {
            return null;
        }
        return c.failures() + " of " + c.total() + " entries differ by more than the tolerance "
                + Numbers.format(tol) + ". The worst is " + what + Numbers.index(vector, c.row(), c.col())
                + ": expected " + Numbers.format(c.expected()) + ", got " + Numbers.format(c.actual())
                + difference(c.expected(), c.actual()) + ".";
    }

    /** Null, ragged or differently shaped {@code actual}; null when the shapes agree. */
    static String shape(double[][] expected, double[][] actual) {
        if (actual == null) {
            return "got null; did the method return its result?";
        }
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] == null) {
                return "row " + i + " of the result is null; every row must be filled.";
            }
            if (actual[i].length != actual[0].length) {
                return "the result is ragged: row 0 has " + actual[0].length + " entries but row " + i + " has "
                        + actual[i].length + ".";
            }
        }
        String e = Shapes.of(expected);
        String a = Shapes.of(actual);
        if (e.equals(a)) {
            return null;
        }
        boolean transposed = expected.length > 0 && actual.length > 0 && expected.length == actual[0].length
                && expected[0].length == actual.length;
        return "expected shape " + e + " but got shape " + a + "." + (transposed ? " (Transposed?)" : "");
    }

    static String scalar(double expected, double actual, double tol) {
        return "expected " + Numbers.format(expected) + " but got " + Numbers.format(actual)
                + difference(expected, actual) + "; the tolerance is " + Numbers.format(tol) + ".";
    }

    static String difference(double expected, double actual) {
        if (Double.isNaN(actual)) {
            return " (NaN comes from 0/0, log or sqrt of a negative number, or an overflow earlier on)";
        }
        return Double.isNaN(expected) ? "" : " (off by " + Numbers.format(Math.abs(actual - expected)) + ")";
    }
}
