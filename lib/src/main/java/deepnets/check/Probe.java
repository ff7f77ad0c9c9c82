package deepnets.check;

import deepnets.NotImplementedYet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Component probes, standard hazards and the smallest counterexample, for an exercise's visible check.
 *
 * <p>A probe runs the student's code on a tiny input chosen so that one piece of the computation can be wrong alone
 * (a constant column for the mean, two rows for the variance, ...) and compares that piece with the rule. Its
 * failure's first line names the cause when a known mistake gives the same numbers on that input, and otherwise
 * the piece; then it shows the input, the student's numbers and the right ones, e.g.
 * <pre>
 * The variance divides by m - 1 instead of m.
 * var is wrong: for z = {{1}, {3}} you return var = (2); the variance of each column, divided by m = 2, is (1).
 * </pre>
 * A message never lists the mistakes it ruled out.
 *
 * <p>The hazards ({@link #unchanged}, {@link #noSharedRows}, {@link #sameOnRepeat}) each have their own message.
 * {@link #shrink} finds the smallest input on which the student's code is still wrong, as a property-based testing
 * library shrinks a failing case.
 *
 * <p>Arguments are not modified.
 */
public final class Probe {

    // What the last probe run on this thread tested, for the failure's wording ("while testing the variance").
    private static final ThreadLocal<String> TESTING = new ThreadLocal<>();

    private Probe() {
    }

    /** Forgets which probe ran last, so that a new check's failure never names a probe of an earlier one. */
    public static void forget() {
        TESTING.remove();
    }

    /**
     * Runs the student's code on a probe's input. An exception other than the course's own (a check failure, an
     * unwritten exercise) becomes a check failure naming the probe, the input and the exception; it counts as a
     * failure.
     *
     * @param piece what the probe tests, e.g. "the mean"
     * @param input the input as the message shows it, e.g. "z = {{1}, {3}}"
     */
    public static <T> T run(String piece, String input, Supplier<T> code) {
        TESTING.set(piece);
        try {
            return code.get();
        } catch (CheckFailure | NotImplementedYet e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new CheckFailure("Your code threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + " while testing " + piece
                    + ", on the input " + input + ". Run it on that input yourself: that input is valid, and the "
                    + "exception's line is where to look.");
        }
    }

    /**
     * Compares one piece on a probe's input.
     *
     * @param piece    the piece as the student names it, e.g. "var"
     * @param input    the input, e.g. "z = {{1}, {3}}"
     * @param rule     how the right value comes about, completing "...; RULE is (1)", e.g. "the variance of each
     *                 column, divided by m = 2,"
     * @param mistakes cause -&gt; what that mistake gives for this piece on this input (from {@code Task.diagnose});
     *                 the first that matches the student's numbers is named
     */
    public static void vector(String piece, String input, String rule, double[] expected, double[] actual, double tol,
                              Map<String, double[]> mistakes) {
        if (actual == null) {
            throw new CheckFailure(piece + " is null for " + input + ": return the array you computed.");
        }
        if (Mismatch.vector(piece, expected, actual, tol) == null) {
            return;
        }
        List<String> causes = new ArrayList<>();
        for (Map.Entry<String, double[]> m : mistakes.entrySet()) {
            if (m.getValue() != null && same(new double[][] {m.getValue()}, new double[][] {actual}, tol) && !causes.contains(m.getKey())) {
                causes.add(m.getKey());
            }
        }
        String cause = causes.isEmpty() ? null : causes.size() == 1 ? causes.get(0)
                : String.join(", or ", causes) + " (each gives these numbers)";
        throw new CheckFailure(message(cause, piece, input, show(actual), rule, show(expected)));
    }

    /** {@link #vector} for a matrix. */
    public static void matrix(String piece, String input, String rule, double[][] expected, double[][] actual,
                              double tol, Map<String, double[][]> mistakes) {
        if (actual == null) {
            throw new CheckFailure(piece + " is null for " + input + ": return the array you computed.");
        }
        if (Mismatch.matrix(piece, expected, actual, tol, false) == null) {
            return;
        }
        List<String> causes = new ArrayList<>();
        for (Map.Entry<String, double[][]> m : mistakes.entrySet()) {
            if (m.getValue() != null && same(m.getValue(), actual, tol) && !causes.contains(m.getKey())) {
                causes.add(m.getKey());
            }
        }
        String cause = causes.isEmpty() ? null : causes.size() == 1 ? causes.get(0)
                : String.join(", or ", causes) + " (each gives these numbers)";
        throw new CheckFailure(message(cause, piece, input, show(actual), rule, show(expected)));
    }

    /** {@link #vector} for a number. */
    public static void scalar(String piece, String input, String rule, double expected, double actual, double tol,
                              Map<String, Double> mistakes) {
        if (Comparison.error(expected, actual, Comparison.SCALED) <= tol) {
            return;
        }
        List<String> causes = new ArrayList<>();
        for (Map.Entry<String, Double> m : mistakes.entrySet()) {
            if (m.getValue() != null && same(new double[][] {{m.getValue()}}, new double[][] {{actual}}, tol) && !causes.contains(m.getKey())) {
                causes.add(m.getKey());
            }
        }
        String cause = causes.isEmpty() ? null : causes.size() == 1 ? causes.get(0)
                : String.join(", or ", causes) + " (each gives these numbers)";
        throw new CheckFailure(message(cause, piece, input, Numbers.format(actual), rule, Numbers.format(expected)));
    }

    /**
     * Whether a mistake's numbers are the student's: same shape, and every entry within {@code tol} (scaled as
     * {@link Check} does) or both the same non-finite value (a NaN the mistake makes is the student's NaN too).
     */
    public static boolean same(double[][] a, double[][] b, double tol) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null || b[i] == null || a[i].length != b[i].length) {
                return false;
            }
            for (int j = 0; j < a[i].length; j++) {
                boolean bothOdd = !Double.isFinite(a[i][j]) && Double.compare(a[i][j], b[i][j]) == 0;
                if (!bothOdd && !(Comparison.error(a[i][j], b[i][j], Comparison.SCALED) <= tol)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String message(String cause, String piece, String input, String got, String rule, String want) {
        String testing = TESTING.get() == null ? "" : "Testing " + TESTING.get() + ": ";
        String numbers = testing + piece + " is wrong: for " + input + " you return " + got + "; " + rule + " is "
                + want + ".";
        if (cause == null && got.matches("[{}0, ]*0[{}0, ]*") && !want.matches("[{}0, ]*")) {
            numbers += "\nEvery number you return is 0: check that your loop runs over every entry and that no "
                    + "division is between ints (1 / m is 0 in Java; write 1.0 / m).";
        }
        return cause == null ? numbers : sentence(cause) + "\n" + numbers;
    }

    /** {@code s} with a full stop. */
    public static String sentence(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return t;
        }
        return t.endsWith(".") || t.endsWith("?") ? t : t + ".";
    }

    /**
     * The hazard "an input modified": passes when {@code after} equals {@code before} entry by entry.
     *
     * @param name  the argument's name, e.g. "z"
     * @param cause what to do instead, e.g. "do not modify the input z: write zNorm and out into new arrays"
     */
    public static void unchanged(String name, double[][] before, double[][] after, String cause) {
        String changed = Diagnosis.modifiedInput(name, before, after);
        if (changed != null) {
            throw new CheckFailure(sentence(cause) + "\n" + changed);
        }
    }

    /** {@link #unchanged(String, double[][], double[][], String)} for a (n,) argument. */
    public static void unchanged(String name, double[] before, double[] after, String cause) {
        String changed = Diagnosis.modifiedInput(name, before, after);
        if (changed != null) {
            throw new CheckFailure(sentence(cause) + "\n" + changed);
        }
    }

    /**
     * The hazard "a result that aliases an input": passes when no row of {@code result} is a row array of
     * {@code input} (the same object, so that changing one changes the other).
     */
    public static void noSharedRows(String resultName, double[][] result, String inputName, double[][] input) {
        if (result == null || input == null) {
            return;
        }
        for (int i = 0; i < result.length; i++) {
            for (int k = 0; k < input.length; k++) {
                if (result[i] != null && result[i] == input[k]) {
                    throw new CheckFailure("Your " + resultName + " shares its row arrays with the input "
                            + inputName + ": " + resultName + "[" + i + "] is the very array " + inputName + "[" + k
                            + "], so changing one changes the other. Build the result in new arrays "
                            + "(new double[m][n]).");
                }
            }
        }
    }

    /**
     * The hazard "one row array reused": passes unless two rows of {@code result} are the same array, as when one
     * {@code double[] row} made before the loop is filled again for every row.
     */
    public static void distinctRows(String resultName, double[][] result) {
        if (result == null) {
            return;
        }
        for (int i = 0; i < result.length; i++) {
            for (int k = 0; k < i; k++) {
                if (result[i] != null && result[i] == result[k]) {
                    throw new CheckFailure("The rows of your " + resultName + " are one and the same array: "
                            + resultName + "[" + k + "] is " + resultName + "[" + i + "], so every row holds what "
                            + "was written last. Make a new array for each row, inside the loop.");
                }
            }
        }
    }

    /** The hazard "a result that aliases an input" for a (n,) result: passes unless it is the input array itself. */
    public static void notTheInput(String resultName, double[] result, String inputName, double[] input) {
        if (result != null && result == input) {
            throw new CheckFailure("Your " + resultName + " is the input array " + inputName + " itself, so the "
                    + "caller's " + inputName + " is overwritten or changes with it. Return a new array "
                    + "(new double[n]).");
        }
    }

    /**
     * The hazard "state not reset between calls": the same input twice must give the same result.
     *
     * @param what  the call, e.g. "softmax(z)"
     * @param first the result of the first call, {@code second} of the second on a fresh copy of the same input
     */
    public static void sameOnRepeat(String what, String input, double[][] first, double[][] second) {
        if (!same(first, second, 0)) {
            throw new CheckFailure("Your code keeps state between calls: " + what + " gave " + show(first)
                    + " the first time and " + show(second) + " the second, for the same input " + input + ". A "
                    + "static field or an array kept between calls (a sum, a maximum) is not reset: make it a local "
                    + "variable.");
        }
    }

    /** {@link #sameOnRepeat(String, String, double[][], double[][])} for a number. */
    public static void sameOnRepeat(String what, String input, double first, double second) {
        if (Double.compare(first, second) != 0) {
            throw new CheckFailure("Your code keeps state between calls: " + what + " gave " + Numbers.format(first)
                    + " the first time and " + Numbers.format(second) + " the second, for the same input " + input
                    + ". A static field kept between calls (a sum, a maximum) is not reset: make it a local variable.");
        }
    }

    /**
     * The smallest failing case reachable from {@code start} by {@code smaller} steps: greedily takes the first
     * smaller case that still fails, until none does or {@code budget} cases have been tried.
     *
     * @param fails whether the student's code is wrong on a case (an exception there counts as wrong)
     */
    public static <C> C shrink(C start, Function<C, List<C>> smaller, Predicate<C> fails, int budget) {
        C current = start;
        int tried = 0;
        boolean progress = true;
        while (progress && tried < budget) {
            progress = false;
            for (C candidate : smaller.apply(current)) {
                if (tried++ >= budget) {
                    break;
                }
                boolean wrong;
                try {
                    wrong = fails.test(candidate);
                } catch (CheckFailure | NotImplementedYet e) {
                    throw e;
                } catch (RuntimeException | StackOverflowError e) {
                    wrong = true;
                }
                if (wrong) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /**
     * The standard smaller versions of a matrix, simplest first: one row left out, one column left out (while at
     * least {@code minRows} rows and {@code minCols} columns stay), then one entry made simpler (0, then its
     * rounded value).
     */
    public static List<double[][]> smallerMatrices(double[][] z, int minRows, int minCols) {
        List<double[][]> out = new ArrayList<>();
        if (z.length > minRows) {
            for (int i = 0; i < z.length; i++) {
                out.add(withoutRow(z, i));
            }
        }
        if (z.length > 0 && z[0].length > minCols) {
            for (int j = 0; j < z[0].length; j++) {
                out.add(withoutColumn(z, j));
            }
        }
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[i].length; j++) {
                for (double simpler : simpler(z[i][j])) {
                    double[][] c = copy(z);
                    c[i][j] = simpler;
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * Simpler values than {@code v}, simplest first: 0, its whole part, its rounded value, its value rounded to a
     * half.
     */
    public static List<Double> simpler(double v) {
        List<Double> out = new ArrayList<>();
        for (double s : new double[] {0, v < 0 ? Math.ceil(v) : Math.floor(v), Math.rint(v), Math.rint(2 * v) / 2}) {
            if (s != v && Math.abs(s) <= Math.abs(v) + 0.5 && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** {@code z} without row {@code i}. */
    public static double[][] withoutRow(double[][] z, int i) {
        double[][] out = new double[z.length - 1][];
        for (int k = 0, r = 0; k < z.length; k++) {
            if (k != i) {
                out[r++] = z[k].clone();
            }
        }
        return out;
    }

    /** {@code z} without column {@code j}. */
    public static double[][] withoutColumn(double[][] z, int j) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = without(z[i], j);
        }
        return out;
    }

    /** {@code v} without entry {@code j}. */
    public static double[] without(double[] v, int j) {
        double[] out = new double[v.length - 1];
        for (int k = 0, r = 0; k < v.length; k++) {
            if (k != j) {
                out[r++] = v[k];
            }
        }
        return out;
    }

    private static double[][] copy(double[][] z) {
        double[][] c = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            c[i] = z[i].clone();
        }
        return c;
    }

    /** A vector as Java writes it: {@code {1, 3}}. */
    public static String show(double[] v) {
        if (v == null) {
            return "null";
        }
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (double x : v) {
            j.add(Numbers.format(x));
        }
        return j.toString();
    }

    /** A matrix as Java writes it: {@code {{1, 3}, {2, 4}}}. */
    public static String show(double[][] z) {
        if (z == null) {
            return "null";
        }
        StringJoiner j = new StringJoiner(", ", "{", "}");
        for (double[] row : z) {
            j.add(show(row));
        }
        return j.toString();
    }
}
