package deepnets.core;

/**
 * Argument checks other than shapes (those are in {@link Shapes}), shared by every package: null, ranges of
 * numbers, counts and class labels. Each check throws an {@link IllegalArgumentException} whose message names the
 * operation, the argument, its value and the allowed values, e.g.
 * {@code "Adam: beta1 = 1.0; it must be in [0, 1) (the usual value is 0.9)."}. Value checks return the value,
 * so a constructor can check and assign in one line.
 *
 * <p>Parameters common to all methods: {@code op} is the operation as the caller wrote it (e.g.
 * {@code "BatchNorm"}), {@code name} the argument (e.g. {@code "eps"}), {@code hint} an optional advice appended in
 * parentheses (e.g. {@code "the usual value is 1e-5"}), or null.
 *
 * <p>Taught implicitly by every notebook: a wrong call tells the student what to fix.
 */
public final class Require {

    private Require() {
    }

    /** Checks that {@code value} is not null and returns it. */
    public static <T> T notNull(String op, String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass a value.");
        }
        return value;
    }

    /** Checks that {@code value} is finite and {@code >= min}. */
    public static double atLeast(String op, String name, double value, double min, String hint) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw fail(op, name, value, "finite and >= " + number(min), hint);
        }
        return value;
    }

    /** Checks that {@code value} is finite and {@code > min}. */
    public static double above(String op, String name, double value, double min, String hint) {
        if (!(value > min) || Double.isInfinite(value)) {
            throw fail(op, name, value, "finite and > " + number(min), hint);
        }
        return value;
    }

    /** Checks that {@code lo <= value < hi}, as for an averaging weight beta in [0, 1). */
    public static double inHalfOpen(String op, String name, double value, double lo, double hi, String hint) {
        if (!(value >= lo && value < hi)) {
            throw fail(op, name, value, "in [" + number(lo) + ", " + number(hi) + ")", hint);
        }
        return value;
    }

    /** Checks that {@code lo < value < hi}, as for a fraction of a data set. */
    public static double inOpen(String op, String name, double value, double lo, double hi, String hint) {
        if (!(value > lo && value < hi)) {
            throw fail(op, name, value, "strictly between " + number(lo) + " and " + number(hi), hint);
        }
        return value;
    }

    /** Checks that a count is at least 1 and returns it. */
    public static int positiveCount(String op, String name, int n, String hint) {
        if (n < 1) {
            throw new IllegalArgumentException(op + ": " + name + " = " + n + "; it must be at least 1"
                    + (hint == null ? "." : " (" + hint + ")."));
        }
        return n;
    }

    /**
     * Checks that there are {@code n} class labels, each in [0, c); the message names the first bad one.
     *
     * @param labels (n,); not modified
     */
    public static void labels(String op, String name, int[] labels, int n, int c) {
        if (labels == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass one class index per example.");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(op + ": there are " + n + " rows but " + name + " has "
                    + labels.length + " labels; pass one label per row.");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] = " + labels[i] + " but there are "
                        + c + " classes; labels must be in [0, " + c + ").");
            }
        }
    }

    /** A bound as a student writes it: {@code 0} and {@code 1} rather than {@code 0.0} and {@code 1.0}. */
    private static String number(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static IllegalArgumentException fail(String op, String name, double value, String allowed, String hint) {
        return new IllegalArgumentException(op + ": " + name + " = " + value + "; it must be " + allowed
                + (hint == null ? "." : " (" + hint + ")."));
    }
}
