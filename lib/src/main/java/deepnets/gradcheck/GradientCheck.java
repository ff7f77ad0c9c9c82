package deepnets.gradcheck;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.BackwardThroughGraph;
import deepnets.exercises.NumericGradientCheck;
import deepnets.exercises.SimplifiedBackward;
import deepnets.exercises.SoftmaxBackward;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Numeric gradients by centred differences, {@code df/dx_ij ~ (f(x + h e_ij) - f(x - h e_ij)) / (2h)}, whose
 * error is O(h^2), and the relative error to compare them with an analytic gradient.
 *
 * <p>Relative error, the one definition of the library (also behind {@code Check.gradient}): per entry
 * {@code |a - b| / max(1e-8, |a| + |b|)}, 0 when {@code a == b} (so equal infinities agree), NaN when either is NaN;
 * for arrays the largest entry. How to read it, the same everywhere in the course (notebook 05, {@code Check.gradient}'s
 * hint): below 1e-6 means a correct gradient (centred differences with h = 1e-5 on entries of order 1 err by about
 * 1e-10), 1e-6 to 1e-3 is worth a closer look (a kink such as ReLU at 0, a large h), above 1e-3 means a bug; the
 * notebooks check with 1e-6.
 *
 * <p>NaN is a documented result of {@link #relativeError} (a NaN entry never passes a threshold); the numeric
 * gradients refuse a non-finite x, dout or value of f, naming the entry.
 *
 * <p>Each entry of {@code x} is perturbed in place, {@code f} is evaluated, and the entry is restored (also when
 * {@code f} throws or returns a wrong shape), so
 * {@code f} may read {@code x} directly (for example a network's weight array) and ignore its argument.
 *
 * <p>Taught in notebooks/solutions/05-batch-norm-backward.ipynb; used in 07-softmax-regression.ipynb.
 */
public final class GradientCheck {

    /** Default step {@code h}, as in CS231n. */
    public static final double DEFAULT_H = 1e-5;
    /** Floor of the denominator of {@link #relativeError}, so that two zeros compare as equal. */
    public static final double RELATIVE_ERROR_FLOOR = 1e-8;

    private GradientCheck() {
    }

    /** Numeric gradient of a scalar function, (N, D) -&gt; (N, D), with {@link #DEFAULT_H}. {@code x} is restored. */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[][] numericGradient(ToDoubleFunction<double[][]> f, double[][] x) {
        EntryPoints.entered();
        return numericGradient(f, x, DEFAULT_H);
    }

    /**
     * Numeric gradient of a scalar function f(x), (N, D) -&gt; (N, D).
     *
     * @param f the function; called 2 N D times
     * @param x the point (N, D); modified during the call, restored exactly afterwards
     * @param h the step, &gt; 0
     */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[][] numericGradient(ToDoubleFunction<double[][]> f, double[][] x, double h) {
        EntryPoints.entered();
        String op = "GradientCheck.numericGradient";
        Require.notNull(op, "f", f);
        Shapes.requireMatrix(op, "x", x);
        Require.finite(op, "x", x);
        Require.above(op, "h", h, 0.0, "the usual value is 1e-5");
        double[][] grad = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double old = x[i][j];
                double plus;
                double minus;
                try {
                    x[i][j] = old + h;
                    plus = f.applyAsDouble(x);
                    x[i][j] = old - h;
                    minus = f.applyAsDouble(x);
                } finally {
                    x[i][j] = old; // also when f throws
                }
                grad[i][j] = difference(plus, minus, h, "[" + i + "][" + j + "]");
            }
        }
        return grad;
    }

    /** Numeric gradient of a scalar function of a vector, (D,) -&gt; (D,), with {@link #DEFAULT_H}. {@code x} is restored. */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x) {
        EntryPoints.entered();
        return numericGradient(f, x, DEFAULT_H);
    }

    /**
     * Numeric gradient of a scalar function f(x) of a vector, (D,) -&gt; (D,).
     *
     * @param x the point (D,); modified during the call, restored exactly afterwards
     * @param h the step, &gt; 0
     */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[] numericGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
        EntryPoints.entered();
        String op = "GradientCheck.numericGradient";
        Require.notNull(op, "f", f);
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException("GradientCheck.numericGradient: x is " + Shapes.of(x)
                    + "; pass a non-empty array.");
        }
        Require.finite(op, "x", x);
        Require.above(op, "h", h, 0.0, "the usual value is 1e-5");
        double[] grad = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double old = x[j];
            double plus;
            double minus;
            try {
                x[j] = old + h;
                plus = f.applyAsDouble(x);
                x[j] = old - h;
                minus = f.applyAsDouble(x);
            } finally {
                x[j] = old; // also when f throws
            }
            grad[j] = difference(plus, minus, h, "[" + j + "]");
        }
        return grad;
    }

    /**
     * {@code (plus - minus) / 2h}; refuses a non-finite value of f (f is evaluated at points where the student's
     * code may divide by 0) and a step too small or too large for the difference, naming the entry.
     */
    private static double difference(double plus, double minus, double h, String entry) {
        String op = "GradientCheck.numericGradient";
        if (!Double.isFinite(plus) || !Double.isFinite(minus)) {
            throw new IllegalArgumentException(op + ": f(x + h e) = " + plus + " and f(x - h e) = " + minus
                    + " at x" + entry + "; f must be finite near x (NaN from 0/0? Infinity from exp or log(0)?).");
        }
        double g = (plus - minus) / (2 * h);
        if (!Double.isFinite(g)) {
            throw new IllegalArgumentException(op + ": the difference quotient at x" + entry + " overflowed ("
                    + plus + " - " + minus + ") / (2 * " + h + "); use a larger h or smaller values.");
        }
        return g;
    }

    /**
     * Numeric gradient of {@code sum(f(x) * dout)} for a matrix-valued f, which is what a backward pass returns
     * given the upstream gradient {@code dout}. (N, D) -&gt; (N, D), with {@link #DEFAULT_H}.
     *
     * @param x the point (N, D); restored afterwards
     * @param dout upstream gradient, the shape of f(x); not modified
     */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[][] numericGradient(Function<double[][], double[][]> f, double[][] x, double[][] dout) {
        EntryPoints.entered();
        return numericGradient(f, x, dout, DEFAULT_H);
    }

    /** As {@link #numericGradient(Function, double[][], double[][])} with step {@code h &gt; 0}. */
    @Solves({BackwardThroughGraph.class, NumericGradientCheck.class, SimplifiedBackward.class, SoftmaxBackward.class})
    public static double[][] numericGradient(Function<double[][], double[][]> f, double[][] x, double[][] dout,
                                             double h) {
        EntryPoints.entered();
        Require.notNull("GradientCheck.numericGradient", "f", f);
        Shapes.requireMatrix("GradientCheck.numericGradient", "dout", dout);
        Require.finite("GradientCheck.numericGradient", "dout", dout);
        return numericGradient((double[][] p) -> {
            double[][] y = f.apply(p);
            Shapes.requireSameShape("GradientCheck.numericGradient", "f(x)", y, "dout", dout);
            double s = 0.0;
            for (int i = 0; i < y.length; i++) {
                for (int j = 0; j < y[i].length; j++) {
                    s += y[i][j] * dout[i][j];
                }
            }
            return s;
        }, x, h);
    }

    /**
     * The largest element-wise relative error {@code max_ij |a_ij - b_ij| / max(1e-8, |a_ij| + |b_ij|)}; NaN if any
     * entry is NaN. Below 1e-6 means a correct gradient; above 1e-3 means a bug (see the class description). Not
     * modified.
     */
    @Solves(NumericGradientCheck.class)
    public static double relativeError(double[][] a, double[][] b) {
        EntryPoints.entered();
        Shapes.requireSameShape("GradientCheck.relativeError", "a", a, "b", b);
        double worst = 0.0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, relativeError(a[i], b[i]));
        }
        return worst;
    }

    /** The largest element-wise relative error {@code max_j |a_j - b_j| / max(1e-8, |a_j| + |b_j|)}. Not modified. */
    @Solves(NumericGradientCheck.class)
    public static double relativeError(double[] a, double[] b) {
        EntryPoints.entered();
        if (a == null || b == null || a.length != b.length) {
            throw new IllegalArgumentException("GradientCheck.relativeError: a and b must have the same shape but a is "
                    + Shapes.of(a) + " and b is " + Shapes.of(b) + ".");
        }
        double worst = 0.0;
        for (int j = 0; j < a.length; j++) {
            worst = Math.max(worst, relativeError(a[j], b[j]));
        }
        return worst;
    }

    /**
     * The relative error of two numbers, {@code |a - b| / max(1e-8, |a| + |b|)}: 0 when {@code a == b} (also for
     * equal infinities), NaN when either is NaN, at most 1 otherwise.
     */
    @Solves(NumericGradientCheck.class)
    public static double relativeError(double a, double b) {
        EntryPoints.entered();
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.NaN;
        }
        if (a == b) {
            return 0.0;
        }
        return Math.abs(a - b) / Math.max(RELATIVE_ERROR_FLOOR, Math.abs(a) + Math.abs(b));
    }
}
