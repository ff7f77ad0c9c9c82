package deepnets.core;

/**
 * Shape checks shared by every operation of the library.
 *
 * <p>Arrays are row arrays: a batch of {@code N} examples with {@code D} features is a
 * {@code double[N][D]}, one row per example. Every check throws an
 * {@link IllegalArgumentException} whose message names the operation, the argument, what was
 * expected and what was given, so that a student can fix the call from the message alone.
 *
 * <p>Finite values are checked by {@link Require#finite(String, String, double[][])}.
 *
 * <p>Behind the error messages of every notebook; no notebook calls it.
 */
public final class Shapes {

    private Shapes() {
    }

    /** The shape of {@code a} as a student reads it: {@code "(N, D)"}. Not modified. */
    public static String of(double[][] a) {
        if (a == null) {
            return "null";
        }
        return "(" + a.length + ", " + (a.length == 0 ? "0" : a[0] == null ? "?" : String.valueOf(a[0].length)) + ")";
    }

    /** The shape of {@code a} as {@code "(D,)"}. Not modified. */
    public static String of(double[] a) {
        return a == null ? "null" : "(" + a.length + ",)";
    }

    /**
     * Checks that {@code a} is a non-empty rectangular matrix and returns its number of columns.
     *
     * @param op   the operation, e.g. {@code "BatchNorm.forward"}
     * @param name the argument, e.g. {@code "x"}
     * @param a    shape (N, D) with N &ge; 1 and D &ge; 1; not modified
     * @return D
     */
    public static int requireMatrix(String op, String name, double[][] a) {
        if (a == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass an array of shape (N, D).");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(op + ": " + name + " has no rows (an empty batch); pass at least one example.");
        }
        if (a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(op + ": " + name + " has rows with no columns; each row needs at least one feature.");
        }
        int cols = a[0].length;
        for (int i = 1; i < a.length; i++) {
            if (a[i] == null || a[i].length != cols) {
                throw new IllegalArgumentException(op + ": " + name + " is ragged: row 0 has " + cols
                        + " columns but row " + i + " has " + (a[i] == null ? "none (null)" : a[i].length)
                        + "; every row must have the same length.");
            }
        }
        return cols;
    }

    /** Checks that {@code a} has shape (rows, cols); either may be -1 for "any". Not modified. */
    public static void requireShape(String op, String name, double[][] a, int rows, int cols) {
        int d = requireMatrix(op, name, a);
        if ((rows >= 0 && a.length != rows) || (cols >= 0 && d != cols)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape (" + (rows < 0 ? "N" : rows)
                    + ", " + (cols < 0 ? "D" : cols) + ") but has shape " + of(a) + ".");
        }
    }

    /** Checks that {@code a} and {@code b} have the same shape; the message gives both. Not modified. */
    public static void requireSameShape(String op, String nameA, double[][] a, String nameB, double[][] b) {
        requireMatrix(op, nameA, a);
        requireMatrix(op, nameB, b);
        if (a.length != b.length || a[0].length != b[0].length) {
            throw new IllegalArgumentException(op + ": " + nameA + " and " + nameB + " must have the same shape but "
                    + nameA + " is " + of(a) + " and " + nameB + " is " + of(b) + ".");
        }
    }

    /** Checks that {@code v} has length {@code n}. Not modified. */
    public static void requireLength(String op, String name, double[] v, int n) {
        if (v == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass an array of shape (" + n + ",).");
        }
        if (v.length != n) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape (" + n + ",) but has shape "
                    + of(v) + ".");
        }
    }
}
