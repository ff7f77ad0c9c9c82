package deepnets.check;

import deepnets.NotImplementedYet;
import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.NumericGradientCheck;
import java.util.Map;

/**
 * Checks for notebook assert cells. Each passes quietly or throws a {@link CheckFailure} whose
 * message names the checked quantity, the expected and the actual value, the index of the worst
 * entry, and a hint. NaN never passes.
 *
 * <p>Tolerances: two numbers agree when {@code |actual - expected| <= tol * max(1, |expected|)},
 * i.e. {@code tol} is absolute for values up to 1 in size and relative above.
 *
 * <p>Arguments are not modified.
 *
 * <p>Explained in notebooks/solutions/00-start-here.ipynb; used in every notebook.
 */
public final class Check {

    private static final String SAME_SHAPE = "backward must return a gradient of the same shape as its parameter.";

    private Check() {
    }

    /**
     * Passes when {@code |actual - expected| <= tol * max(1, |expected|)}.
     *
     * @param what what is checked, e.g. {@code "loss"}
     * @param hint the likely mistake when it fails, or {@code null}
     */
    public static void close(String what, double expected, double actual, double tol, String hint) {
        Require.atLeast("Check.close", "the tolerance", tol, 0.0, null);
        double err = Comparison.error(expected, actual, Comparison.SCALED);
        if (!(err <= tol)) {
            throw failure(what, Mismatch.scalar(expected, actual, tol) + Diagnosis.suffix(expected, actual), hint);
        }
    }

    /**
     * Passes when every entry agrees: shape (D,) vs (D,).
     *
     * @see #close(String, double, double, double, String)
     */
    public static void allClose(String what, double[] expected, double[] actual, double tol, String hint) {
        String problem = Mismatch.vector(what, expected, actual, tol);
        if (problem != null) {
            throw failure(what, problem + Diagnosis.suffix(expected, actual), hint);
        }
    }

    /**
     * Passes when both have the same shape (N, D) and every entry agrees.
     *
     * @see #close(String, double, double, double, String)
     */
    public static void allClose(String what, double[][] expected, double[][] actual, double tol, String hint) {
        String problem = Mismatch.matrix(what, expected, actual, tol, false);
        if (problem != null) {
            throw failure(what, problem + Diagnosis.suffix(expected, actual), hint);
        }
    }

    /**
     * Like {@link #allClose(String, double[][], double[][], double, String)}, but on failure it also
     * compares {@code actual} with the outputs of known mistakes and names the one it matches.
     *
     * @param knownMistakes description -&gt; the output that mistake produces (not null; may be empty); the description
     *                      completes "your result matches what you get when ...", e.g.
     *                      {@code "you divide by N twice"}; checked in the map's order
     */
    public static void allCloseWithDiagnosis(String what, double[][] expected, double[][] actual, double tol,
            Map<String, double[][]> knownMistakes) {
        Require.notNull("Check.allCloseWithDiagnosis", "knownMistakes", knownMistakes);
        String problem = Mismatch.matrix(what, expected, actual, tol, false);
        if (problem == null) {
            return;
        }
        for (Map.Entry<String, double[][]> m : knownMistakes.entrySet()) {
            if (m.getValue() != null && Mismatch.matrix(what, m.getValue(), actual, tol, false) == null) {
                throw diagnosed(what, m.getKey(), problem);
            }
        }
        throw failure(what, problem + Diagnosis.suffix(expected, actual), noKnownMistake(knownMistakes));
    }

    /** The (D,) version of {@link #allCloseWithDiagnosis(String, double[][], double[][], double, Map)}. */
    public static void allCloseWithDiagnosis(String what, double[] expected, double[] actual, double tol,
            Map<String, double[]> knownMistakes) {
        Require.notNull("Check.allCloseWithDiagnosis", "knownMistakes", knownMistakes);
        String problem = Mismatch.vector(what, expected, actual, tol);
        if (problem == null) {
            return;
        }
        for (Map.Entry<String, double[]> m : knownMistakes.entrySet()) {
            if (m.getValue() != null && Mismatch.vector(what, m.getValue(), actual, tol) == null) {
                throw diagnosed(what, m.getKey(), problem);
            }
        }
        throw failure(what, problem + Diagnosis.suffix(expected, actual), noKnownMistake(knownMistakes));
    }

    /** The scalar version of {@link #allCloseWithDiagnosis(String, double[][], double[][], double, Map)}. */
    public static void closeWithDiagnosis(String what, double expected, double actual, double tol,
            Map<String, Double> knownMistakes) {
        Require.atLeast("Check.closeWithDiagnosis", "the tolerance", tol, 0.0, null);
        Require.notNull("Check.closeWithDiagnosis", "knownMistakes", knownMistakes);
        if (Comparison.error(expected, actual, Comparison.SCALED) <= tol) {
            return;
        }
        String problem = Mismatch.scalar(expected, actual, tol);
        for (Map.Entry<String, Double> m : knownMistakes.entrySet()) {
            if (Comparison.error(m.getValue(), actual, Comparison.SCALED) <= tol) {
                throw diagnosed(what, m.getKey(), problem);
            }
        }
        throw failure(what, problem + Diagnosis.suffix(expected, actual), noKnownMistake(knownMistakes));
    }

    /** Passes when every entry is equal, e.g. predicted labels: shape (N,) vs (N,). */
    public static void allEqual(String what, int[] expected, int[] actual, String hint) {
        Require.notNull("Check.allEqual", "expected", expected);
        if (actual == null) {
            throw failure(what, "got null; did the method return its result?", hint);
        }
        if (expected.length != actual.length) {
            throw failure(what, "expected " + expected.length + " entries but got " + actual.length + ".", hint);
        }
        int wrong = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != actual[i]) {
                wrong++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (wrong > 0) {
            throw failure(what, wrong + " of " + expected.length + " entries differ; the first is " + what + "["
                    + first + "]: expected " + expected[first] + ", got " + actual[first] + ".", hint);
        }
    }

    /**
     * Passes when {@code condition} holds.
     *
     * @param what the property that should hold, e.g. {@code "the loss decreases over the first 10 steps"}
     */
    public static void isTrue(String what, boolean condition, String hint) {
        if (!condition) {
            throw failure(what, "this should hold but does not.", hint);
        }
    }

    /** Passes when {@code lo <= value <= hi}; NaN fails. */
    public static void inRange(String what, double value, double lo, double hi, String hint) {
        Require.interval("Check.inRange", lo, hi);
        if (!(value >= lo && value <= hi)) {
            throw failure(what, "expected a value in [" + Numbers.format(lo) + ", " + Numbers.format(hi)
                    + "] but got " + Numbers.format(value) + ".", hint);
        }
    }

    /** Passes when {@code lo <= values[j] <= hi} for every j; reports the first offender and how many there are. */
    public static void allInRange(String what, double[] values, double lo, double hi, String hint) {
        Require.interval("Check.allInRange", lo, hi);
        if (values == null) {
            throw failure(what, "got null; did the method return its result?", hint);
        }
        int outside = 0;
        int first = -1;
        for (int j = 0; j < values.length; j++) {
            if (!(values[j] >= lo && values[j] <= hi)) {
                outside++;
                if (first < 0) {
                    first = j;
                }
            }
        }
        if (outside > 0) {
            throw failure(what, outside + " of " + values.length + " values are outside [" + Numbers.format(lo)
                    + ", " + Numbers.format(hi) + "]; the first is " + what + "[" + first + "] = "
                    + Numbers.format(values[first]) + ".", hint);
        }
    }

    /**
     * Passes when an analytic gradient matches a numeric one: the largest
     * {@link deepnets.gradcheck.GradientCheck#relativeError(double, double) relative error}
     * {@code |a - n| / max(1e-8, |a| + |n|)} is at most {@code maxRelError}, shapes (N, D) vs (N, D).
     *
     * @param what        the gradient, e.g. {@code "dgamma"}
     * @param analytic    the gradient from backward
     * @param numeric     the centred-difference estimate
     * @param maxRelError largest acceptable relative error, typically 1e-7 to 1e-5
     */
    @Solves(value = NumericGradientCheck.class, helper = true)
    public static void gradient(String what, double[][] analytic, double[][] numeric, double maxRelError) {
        EntryPoints.entered();
        gradient(what, analytic, numeric, maxRelError, false);
    }

    /** The (D,) version of {@link #gradient(String, double[][], double[][], double)}. */
    @Solves(value = NumericGradientCheck.class, helper = true)
    public static void gradient(String what, double[] analytic, double[] numeric, double maxRelError) {
        EntryPoints.entered();
        Require.notNull("Check.gradient", "numeric", numeric);
        if (analytic == null || numeric.length != analytic.length) {
            throw failure(what, "the numeric gradient has shape (" + numeric.length + ",) but the analytic one has "
                    + (analytic == null ? "none (null)" : "shape (" + analytic.length + ",)") + ".", SAME_SHAPE);
        }
        gradient(what, new double[][] {analytic}, new double[][] {numeric}, maxRelError, true);
    }

    private static void gradient(String what, double[][] analytic, double[][] numeric, double maxRelError,
            boolean vector) {
        Require.atLeast("Check.gradient", "the tolerance", maxRelError, 0.0, null);
        Shapes.requireMatrix("Check.gradient", "numeric", numeric);
        if (Mismatch.shape(numeric, analytic) != null) {
            throw failure(what, "the numeric gradient has shape " + Shapes.of(numeric) + " but the analytic one "
                    + (analytic == null ? "is null" : "has shape " + Shapes.of(analytic)) + ".", SAME_SHAPE);
        }
        Comparison c = Comparison.of(analytic, numeric, maxRelError, Comparison.RELATIVE);
        if (!c.passed()) {
            String where = what + Numbers.index(vector, c.row(), c.col());
            throw failure(what, "the analytic gradient differs from the numeric one: the largest relative error is "
                    + Numbers.format(c.error()) + " at " + where + " (analytic " + Numbers.format(c.expected())
                    + ", numeric " + Numbers.format(c.actual()) + "); it should be at most "
                    + Numbers.format(maxRelError) + ". " + c.failures() + " of " + c.total() + " entries are off.",
                    gradientHint(c.error()));
        }
    }

    /**
     * Passes when {@code action} throws a {@link RuntimeException} whose message contains
     * {@code expectedMessagePart}; returns that exception for further checks.
     *
     * @param what the situation, e.g. {@code "BatchNorm.forward with a wrong-sized gamma"}
     */
    public static RuntimeException throwsWith(String what, Runnable action, String expectedMessagePart, String hint) {
        Require.notNull("Check.throwsWith", "action", action);
        Require.notNull("Check.throwsWith", "expectedMessagePart", expectedMessagePart);
        try {
            action.run();
        } catch (NotImplementedYet e) {
            // An unwritten exercise is not the exception being checked for: let its own message through.
            throw e;
        } catch (RuntimeException e) {
            String message = e.getMessage();
            if (message == null || !message.contains(expectedMessagePart)) {
                throw failure(what, "an exception was thrown, as it should be, but its message does not mention \""
                        + expectedMessagePart + "\": " + e, hint);
            }
            return e;
        }
        throw failure(what, "expected an exception whose message mentions \"" + expectedMessagePart
                + "\" but nothing was thrown.", hint);
    }

    private static String gradientHint(double worst) {
        if (Double.isNaN(worst) || worst > 1e-3) {
            return "an error this large means backward has a mistake, not rounding: re-derive the formula for the "
                    + "entry named above; if a whole row or column is off, look at the sum or mean over that axis.";
        }
        return "close but not close enough: a kink (e.g. ReLU at 0), a large step h, or a missing small term "
                + "(such as eps in a square root) can explain an error of this size.";
    }

    private static String noKnownMistake(Map<String, ?> knownMistakes) {
        return knownMistakes.isEmpty() ? null
                : "compare your code with the formula step by step, on the entry named above.";
    }

    private static CheckFailure diagnosed(String what, String mistake, String problem) {
        return failure(what, "your result matches what you get when " + mistake + ". " + problem, null);
    }

    private static CheckFailure failure(String what, String problem, String hint) {
        String message = what + ": " + problem;
        if (hint != null && !hint.isBlank()) {
            message += "\nHint: " + hint;
        }
        return new CheckFailure(message);
    }

}
