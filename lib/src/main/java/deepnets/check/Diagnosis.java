package deepnets.check;

import deepnets.core.Require;

import java.util.ArrayList;
import java.util.List;

/**
 * A diagnosis for a wrong result that no listed mistake explains: a sentence naming the cause wherever
 * a simple relation between the actual and the expected result holds. In order, it looks for
 * NaN or infinities (and their likely source: exp overflow, log of 0, 0/0, ...), a transposed result,
 * an all-zero result, a constant factor (named when it is the opposite sign, a size of the problem
 * such as N, C or m, a ratio or product of sizes, 2, 1/2, ln 10 or m/(m - 1), or their inverses), a
 * constant offset, values in the wrong places (reversed, rows or columns reordered, any permutation),
 * and a factor or offset per column or per row. It also says whether an input array was modified.
 *
 * <p>{@link Check}'s failure messages append it when no listed mistake matched. Sizes not visible in
 * the shape (e.g. the batch size m behind a (D,) gradient) can be passed as {@link Size}s; the shape's
 * own sizes (rows N, columns C, or entries n of a vector) are always tried.
 *
 * <p>Arguments are not modified. Every method returns null when no relation explains the difference.
 */
public final class Diagnosis {

    static final String TRANSPOSED = "your result is the transpose of the expected one: rows and columns are "
            + "swapped (an index order [j][i] where [i][j] is meant, or a product in the wrong order?).";

    /**
     * A size of the problem that a wrong factor may equal, e.g. {@code new Size("m", "the number of examples", 6)}.
     *
     * @param symbol  the letter the notebook uses, e.g. {@code "m"}
     * @param meaning what it counts, e.g. {@code "the number of examples"}
     * @param value   the size; values below 2 are ignored
     */
    public record Size(String symbol, String meaning, int value) {

        String describe() {
            return symbol + " (" + meaning + ")";
        }
    }

    private Diagnosis() {
    }

    /** Why {@code actual} (N, C) differs from {@code expected} (N, C), or null. */
    public static String explain(double[][] expected, double[][] actual, Size... sizes) {
        return explain(expected, actual, null, sizes);
    }

    /**
     * Why {@code actual} (N, C) differs from {@code expected} (N, C), or null.
     *
     * @param input the computation's input, or null; its values reveal an exp overflow
     */
    public static String explain(double[][] expected, double[][] actual, double[][] input, Size... sizes) {
        return matrix(expected, actual, input, false, sizes);
    }

    /** Why {@code actual} (n,) differs from {@code expected} (n,), or null. */
    public static String explain(double[] expected, double[] actual, Size... sizes) {
        return explain(expected, actual, null, sizes);
    }

    /** Why {@code actual} (n,) differs from {@code expected} (n,), or null; {@code input} may be null. */
    public static String explain(double[] expected, double[] actual, double[][] input, Size... sizes) {
        if (expected == null || actual == null || expected.length != actual.length) {
            return null;
        }
        return matrix(new double[][] {expected}, new double[][] {actual}, input, true, sizes);
    }

    /** Why the number {@code actual} differs from {@code expected}, or null; {@code input} may be null. */
    public static String explain(double expected, double actual, double[][] input, Size... sizes) {
        if (!Double.isFinite(expected)) {
            return null;
        }
        if (!Double.isFinite(actual)) {
            return NonFinite.explain(new double[][] {{expected}}, new double[][] {{actual}}, input, true, true);
        }
        if (actual == 0 && Math.abs(expected) > 0) {
            return "your result is 0: was it computed at all (a sum that never ran, an integer division)?";
        }
        if (expected == 0) {
            return null;
        }
        String named = Relations.describeFactor(actual / expected, sizes(sizes), false, "your result is", "value");
        return named != null ? named : Relations.countFactor(actual / expected);
    }

    /** Why the number {@code actual} differs from {@code expected}, or null. */
    public static String explain(double expected, double actual, Size... sizes) {
        return explain(expected, actual, null, sizes);
    }

    /**
     * Whether the student's code modified an input: compares a copy taken before the call with the array
     * after it.
     *
     * @param name   the input's name in the exercise, e.g. {@code "z"}
     * @param before a deep copy taken before the call
     * @param after  the same array after the call
     * @return a sentence naming the first changed entry, or null if nothing changed
     */
    public static String modifiedInput(String name, double[][] before, double[][] after) {
        Require.noNulls("Diagnosis.modifiedInput", "before", before);
        Require.notNull("Diagnosis.modifiedInput", "after", after);
        if (before.length != after.length) {
            return "your code changed the input " + name + ": it had " + before.length + " rows and has "
                    + after.length + ". Leave the inputs as they were; build the result in a new array.";
        }
        int changed = 0;
        int fi = -1;
        int fj = -1;
        int total = 0;
        for (int i = 0; i < before.length; i++) {
            if (after[i] == null || after[i].length != before[i].length) {
                return "your code replaced row " + i + " of the input " + name + ". Leave the inputs as they were; "
                        + "build the result in a new array.";
            }
            for (int j = 0; j < before[i].length; j++) {
                total++;
                if (Double.compare(before[i][j], after[i][j]) != 0 && before[i][j] != after[i][j]) {
                    changed++;
                    if (fi < 0) {
                        fi = i;
                        fj = j;
                    }
                }
            }
        }
        if (changed == 0) {
            return null;
        }
        String was = Numbers.format(before[fi][fj]);
        String now = Numbers.format(after[fi][fj]);
        String tiny = "";
        if (was.equals(now)) {
            // A change in the last digits (e.g. x restored as old + h - h): show every digit, never "2 ... now 2".
            was = Double.toString(before[fi][fj]);
            now = Double.toString(after[fi][fj]);
            tiny = ", a change in the last digits such as old + h - h leaves";
        }
        return "your code modified its input " + name + ": " + changed + " of " + total + " entries changed (" + name
                + "[" + fi + "][" + fj + "] was " + was + " and is now " + now + tiny + "). The caller still needs "
                + name + ": write the result into a new array, or set an entry you changed back to the value you "
                + "saved.";
    }

    /** The (n,) version of {@link #modifiedInput(String, double[][], double[][])}. */
    public static String modifiedInput(String name, double[] before, double[] after) {
        Require.notNull("Diagnosis.modifiedInput", "before", before);
        Require.notNull("Diagnosis.modifiedInput", "after", after);
        String s = modifiedInput(name, new double[][] {before}, new double[][] {after});
        return s == null ? null : s.replace(name + "[0][", name + "[").replace("row 0 of the input", "the input");
    }

    /** {@code "\nWhat the numbers show: ..."} for {@link Check}'s messages, or "" when nothing is found. */
    static String suffix(double[][] expected, double[][] actual) {
        return line(() -> explain(expected, actual));
    }

    /** The (n,) version of {@link #suffix(double[][], double[][])}. */
    static String suffix(double[] expected, double[] actual) {
        return line(() -> explain(expected, actual));
    }

    /** The scalar version of {@link #suffix(double[][], double[][])}. */
    static String suffix(double expected, double actual) {
        return line(() -> explain(expected, actual));
    }

    /** The diagnosis is extra: should it ever fail, the check's own message must still reach the student. */
    private static String line(java.util.function.Supplier<String> explanation) {
        try {
            String s = explanation.get();
            return s == null ? "" : "\nWhat the numbers show: " + s;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String matrix(double[][] e, double[][] a, double[][] input, boolean vector, Size... given) {
        if (e == null || a == null || e.length == 0 || !rectangular(e) || !rectangular(a)) {
            return null;
        }
        if (a.length != e.length || a[0].length != e[0].length) {
            return Arrangement.transposed(e, a, slack(e, a)) ? TRANSPOSED : null;
        }
        String nonFinite = NonFinite.explain(e, a, input, vector, false);
        if (nonFinite != null || !finite(e) || !finite(a)) {
            return nonFinite;
        }
        double abs = slack(e, a);
        double[] fe = flatten(e);
        double[] fa = flatten(a);
        if (isZero(fa, abs) && !isZero(fe, abs)) {
            return "every entry of your result is 0: was the result array filled (a loop that never ran, an "
                    + "integer division, a value written to a copy)?";
        }
        List<Size> sizes = sizes(given);
        addShapeSizes(sizes, e, vector);
        boolean informative = distinct(fe, abs) >= 2;
        double k = Relations.factor(fe, fa, abs);
        if (!Double.isNaN(k)) {
            String s = Relations.describeFactor(k, sizes, informative, "every entry of your result is", "one");
            if (s != null) {
                return s;
            }
        }
        double c = Relations.offset(fe, fa, abs);
        if (!Double.isNaN(c) && informative) {
            return "every entry of your result is the expected one " + (c < 0 ? "minus " : "plus ")
                    + Numbers.format(Math.abs(c)) + ": a constant term is missing or extra (a shift such as beta, a "
                    + "mean not subtracted, a +1 or -1?).";
        }
        String arrangement = Arrangement.explain(e, a, vector, abs);
        if (arrangement != null) {
            return arrangement;
        }
        return vector || e.length < 2 || e[0].length < 2 ? null : AxisRelations.explain(e, a, abs, sizes);
    }

    private static List<Size> sizes(Size[] given) {
        List<Size> out = new ArrayList<>();
        for (Size s : given == null ? new Size[0] : given) {
            if (s != null && s.value() >= 2 && out.stream().noneMatch(t -> t.value() == s.value())) {
                out.add(s);
            }
        }
        return out;
    }

    private static void addShapeSizes(List<Size> sizes, double[][] e, boolean vector) {
        List<Size> given = List.copyOf(sizes);
        List<Size> shape = vector ? List.of(new Size("n", "the number of entries", e[0].length))
                : List.of(new Size("N", "the number of rows", e.length), new Size("C", "the number of columns",
                        e[0].length));
        for (Size s : shape) {
            if (s.value() >= 2 && given.stream().noneMatch(t -> t.value() == s.value())) {
                sizes.add(s);
            }
        }
    }

    /** Slack for "zero": 1e-9 of the largest magnitude, so that rounding noise around 0 does not matter. */
    private static double slack(double[][] e, double[][] a) {
        double max = 0;
        for (double[][] m : List.of(e, a)) {
            for (double[] row : m) {
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        max = Math.max(max, Math.abs(v));
                    }
                }
            }
        }
        return 1e-9 * max + Double.MIN_NORMAL;
    }

    private static int distinct(double[] v, double abs) {
        for (double x : v) {
            if (!Relations.same(x, v[0], abs)) {
                return 2;
            }
        }
        return 1;
    }

    private static boolean isZero(double[] v, double abs) {
        for (double x : v) {
            if (Math.abs(x) > abs) {
                return false;
            }
        }
        return true;
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean rectangular(double[][] m) {
        for (double[] row : m) {
            if (row == null || row.length != m[0].length) {
                return false;
            }
        }
        return m.length > 0 && m[0].length > 0;
    }

    static double[] flatten(double[][] m) {
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m[0].length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }
}
