package deepnets.core;

/**
 * Argument checks other than shapes (those are in {@link Shapes}), shared by every package: null, finite
 * values, ranges of numbers, counts, indices, sizes to allocate and class labels. Each check throws an
 * {@link IllegalArgumentException} (for a NaN, an infinity or an overflow its subclass {@link NonFiniteException})
 * whose message names the
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

    /** The most entries a single array built from the caller's sizes may have (200 MB of doubles). */
    public static final long MAX_ENTRIES = 25_000_000L;

    private Require() {
    }

    /** Checks that {@code value} is not null and returns it. */
    public static <T> T notNull(String op, String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass a value.");
        }
        return value;
    }

    /** {@code xs} itself; refuses a null array and null elements, naming the first null index. */
    public static <T> T[] noNulls(String op, String name, T[] xs) {
        notNull(op, name, xs);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is null; pass " + xs.length
                        + " non-null entries.");
            }
        }
        return xs;
    }

    /** {@code v} itself; refuses NaN and infinity. */
    public static double finite(String op, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new NonFiniteException(op + ": " + name + " is " + v + "; pass a finite number.");
        }
        return v;
    }

    /** {@code v} itself; refuses null and the first NaN or infinite entry, naming its index. */
    public static double[] finite(String op, String name, double[] v) {
        notNull(op, name, v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new NonFiniteException(op + ": " + name + "[" + i + "] is " + v[i]
                        + "; every entry must be finite (did an earlier step diverge?).");
            }
        }
        return v;
    }

    /** {@code a} itself; refuses null rows and the first NaN or infinite entry, naming its indices. */
    public static double[][] finite(String op, String name, double[][] a) {
        notNull(op, name, a);
        if (allFinite(a)) {
            return a;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                notNull(op, name + "[" + i + "]", null); // the name is built only to refuse
            }
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new NonFiniteException(op + ": " + name + "[" + i + "][" + j + "] is " + a[i][j]
                            + "; every entry must be finite (did an earlier step diverge?).");
                }
            }
        }
        return a;
    }

    /**
     * One named input of {@link #finiteResult(String, double[][], Input...)}: a {@code double[][]}, a
     * {@code double[]} or null (skipped). Made by {@link #input(String, double[][])} or
     * {@link #input(String, double[])}, so that a matrix can never be mistaken for a list of rows.
     */
    public record Input(String name, Object value) {

        /** Refuses a value that is neither null, a {@code double[]} nor a {@code double[][]}. */
        public Input {
            if (value != null && !(value instanceof double[]) && !(value instanceof double[][])) {
                throw new IllegalArgumentException("Require.Input: " + name + " is a " + value.getClass().getSimpleName()
                        + "; pass a double[], a double[][] or null.");
            }
        }
    }

    /** A matrix input named {@code name}, e.g. {@code input("x", x)}; null is allowed (skipped). */
    public static Input input(String name, double[][] value) {
        return new Input(name, value);
    }

    /** A vector input named {@code name}, e.g. {@code input("b", b)}; null is allowed (skipped). */
    public static Input input(String name, double[] value) {
        return new Input(name, value);
    }

    /**
     * {@code out} itself if every entry is finite; {@code out}, a result computed from {@code inputs}, is scanned
     * (one pass) and only when it holds a NaN or an infinity are the inputs searched for the first bad entry. So a
     * layer checks its inputs at the cost of one pass over its output, and names the bad input as
     * {@link #finite(String, String, double[][])} would, e.g. {@code "x[2][1] is NaN"}; if every input is finite
     * the result overflowed, and the message says so and names the inputs. Both refusals are
     * {@link NonFiniteException}s.
     *
     * @param inputs the inputs {@code out} was computed from, in the order they are searched
     */
    public static double[][] finiteResult(String op, double[][] out, Input... inputs) {
        if (allFinite(out)) {
            return out;
        }
        for (double[] row : out) { // a NaN or an infinity, or rows of different lengths
            for (double v : row) {
                if (!(Math.abs(v) <= Double.MAX_VALUE)) { // false for NaN and both infinities
                    throw nonFinite(op, "the result", inputs);
                }
            }
        }
        return out;
    }

    /**
     * Whether every entry of {@code a}, a non-empty matrix with rows of one length, is finite; false also for a null
     * or ragged row, which the caller's own scan then names. {@code v * 0} is 0 for a finite v and NaN for NaN or an
     * infinity; adding those up column by column, in a loop without branches that the JIT vectorizes, is about
     * twice as fast as testing each entry (measured on the course's 64 x 64 matrices).
     */
    private static boolean allFinite(double[][] a) {
        if (a.length == 0 || a[0] == null) {
            return a.length == 0;
        }
        int d = a[0].length;
        double[] zeros = new double[d];
        for (double[] row : a) {
            if (row == null || row.length != d) {
                return false;
            }
            for (int j = 0; j < d; j++) {
                zeros[j] += row[j] * 0.0;
            }
        }
        for (double z : zeros) {
            if (z != 0.0) { // NaN
                return false;
            }
        }
        return true;
    }

    /** As {@link #finiteResult(String, double[][], Input...)} for a (D,) result. */
    public static double[] finiteResult(String op, double[] out, Input... inputs) {
        for (double v : out) {
            if (!(Math.abs(v) <= Double.MAX_VALUE)) {
                throw nonFinite(op, "the result", inputs);
            }
        }
        return out;
    }

    /**
     * As {@link #finiteResult(String, double[][], Input...)} for a scalar result, e.g. a loss.
     *
     * @param result what {@code out} is, for the message, e.g. {@code "the loss"}
     */
    public static double finiteResult(String op, String result, double out, Input... inputs) {
        if (!(Math.abs(out) <= Double.MAX_VALUE)) {
            throw nonFinite(op, result, inputs);
        }
        return out;
    }

    /** The refusal for a non-finite result: the first bad input entry, or an overflow. */
    private static NonFiniteException nonFinite(String op, String result, Input... inputs) {
        StringBuilder names = new StringBuilder();
        for (Input in : inputs) {
            if (in == null) {
                continue;
            }
            try {
                if (in.value() instanceof double[][] a) {
                    finite(op, in.name(), a);
                } else if (in.value() instanceof double[] v) {
                    finite(op, in.name(), v);
                }
            } catch (NonFiniteException e) {
                return e;
            }
            if (in.value() != null) {
                names.append(names.length() == 0 ? "" : ", ").append(in.name());
            }
        }
        return new NonFiniteException(op + ": " + result + " overflowed to Infinity or NaN although " + names
                + (names.indexOf(",") < 0 ? " is" : " are") + " finite; the values are too large (near 1e154 or "
                + "more), so scale them down (standardize the data, lower the learning rate).");
    }

    /** Checks that {@code lo <= hi} (infinite bounds allowed, NaN not), as for a range of accepted values. */
    public static void interval(String op, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException(op + ": [" + lo + ", " + hi + "] is not an interval; pass lo <= hi.");
        }
    }

    /** Checks that {@code lo < hi}, both finite, as for the bounds of a search range. */
    public static void finiteRange(String op, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException(op + ": bounds [" + lo + ", " + hi + "] must be finite numbers.");
        }
        if (lo >= hi) {
            throw new IllegalArgumentException(op + ": lo = " + lo + " must be less than hi = " + hi
                    + "; swap them or widen the range.");
        }
    }

    /** {@code n} itself; refuses {@code n < min}. */
    public static int atLeast(String op, String name, int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException(op + ": " + name + " is " + n + "; it must be at least " + min + ".");
        }
        return n;
    }

    /** {@code n} itself; refuses n outside {@code min..max}. */
    public static int inRange(String op, String name, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(op + ": " + name + " is " + n + "; it must lie in " + min + ".." + max + ".");
        }
        return n;
    }

    /** {@code index} itself; refuses an index outside {@code 0..size-1}, naming the index and the size. */
    public static int index(String op, String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(op + ": " + what + " " + index + " is out of range; there are " + size
                    + (size == 0 ? "" : ", so it must lie in 0.." + (size - 1)) + ".");
        }
        return index;
    }

    /**
     * {@code size} as an int; refuses a size (computed in {@code long}, so a product of counts cannot wrap)
     * above {@code limit}, before anything is allocated.
     *
     * @param what what is counted, e.g. {@code "rows x classes"}
     */
    public static int size(String op, String what, long size, long limit) {
        if (size < 0 || size > limit || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": " + what + " is " + size + ", more than the limit of "
                    + Math.min(limit, Integer.MAX_VALUE - 8) + "; use smaller sizes.");
        }
        return (int) size;
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
