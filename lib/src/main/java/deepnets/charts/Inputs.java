package deepnets.charts;

import deepnets.core.Require;

import java.util.Collection;
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
        Require.notNull(op, name, v);
        if (v.length == 0) {
            throw new IllegalArgumentException(op + ": " + name + " is empty; pass at least one value.");
        }
        Require.finite(op, name, v);
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
        for (String name : series.keySet()) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException(op + ": a series name is " + (name == null ? "null" : "blank")
                        + "; the legend needs a name for every series.");
            }
        }
    }

    /** Values larger than this cannot be drawn: axis arithmetic near Double.MAX_VALUE overflows. */
    static final double MAX_MAGNITUDE = 1e300;
    /** The smallest spread of an axis's values, relative to their magnitude, that XChart can tick. */
    static final double MIN_RELATIVE_SPAN = 1e-9;

    /**
     * An axis showing all of {@code arrays} (already checked finite) must be drawable: values at most
     * 1e300 in magnitude, and either all equal or spread by at least 1e-9 of their magnitude (XChart's
     * tick search does not end on a range of a few rounding steps, e.g. 1e15 to 1e15 + 1e4).
     */
    static void requireDrawable(String op, String axis, Collection<double[]> arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Math.abs(v) > MAX_MAGNITUDE) {
                    throw new IllegalArgumentException(op + ": a " + axis + " value is " + v + "; a chart can draw values up to "
                            + MAX_MAGNITUDE + " in magnitude. Rescale the data (e.g. plot log10 of it).");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi > lo && hi - lo < MIN_RELATIVE_SPAN * magnitude) {
            throw new IllegalArgumentException(op + ": the " + axis + " values only vary from " + lo + " to " + hi
                    + ", less than " + MIN_RELATIVE_SPAN + " of their size, so no axis ticks can tell them apart;"
                    + " plot the differences from " + lo + " instead.");
        }
    }

    static void requirePositiveCount(String op, String name, int n) {
        Require.atLeast(op, name, n, 1);
    }
}
