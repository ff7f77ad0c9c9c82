package deepnets.charts;

import java.util.Map;

/**
 * Input checks for the pictures; each message names the method and says how to fix the call.
 *
 * <p>Plumbing of the chart classes; no notebook uses it.
 */
final class Inputs {

    private Inputs() {
    }

    /** Every picture needs a title and axis labels that say what it shows. */
    static void requireText(String op, String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(op + ": the " + what + " is " + (text == null ? "null" : "blank")
                    + "; every picture needs a " + what + " that says what it shows.");
        }
    }

    static void requireTitles(String op, String title, String xLabel, String yLabel) {
        requireText(op, "title", title);
        requireText(op, "x-axis label", xLabel);
        requireText(op, "y-axis label", yLabel);
    }

    static void requireValues(String op, String name, double[] v) {
        if (v == null || v.length == 0) {
            throw new IllegalArgumentException(op + ": " + name + " is " + (v == null ? "null" : "empty")
                    + "; pass at least one value.");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is " + v[i]
                        + "; only finite values can be drawn (did training diverge?).");
            }
        }
    }

    static void requireSameLength(String op, String nameA, double[] a, String nameB, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(op + ": " + nameA + " has " + a.length + " values but " + nameB
                    + " has " + b.length + "; pass one " + nameB + " value per " + nameA + " value.");
        }
    }

    /** A logarithmic axis cannot show zero or negative numbers. */
    static void requirePositive(String op, String name, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] > 0)) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is " + v[i]
                        + " but a logarithmic axis can only show positive values; drop it or use a linear axis.");
            }
        }
    }

    static void requireSeries(String op, Map<String, ?> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException(op + ": no series given; pass at least one name -> values entry.");
        }
    }

    static void requirePositiveCount(String op, String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": " + name + " is " + n + "; it must be at least 1.");
        }
    }
}
