package deepnets.exercises;

import deepnets.check.Check;
import deepnets.check.Probe;
import deepnets.core.Matrices;
import deepnets.gradcheck.GradientCheck;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Notebook 05, Exercise 3: a gradient check. Centred differences {@code (f(x + h e_ij) - f(x - h e_ij)) / 2h} for
 * every entry of {@code x} (m, n), with {@code f} called exactly 2 m n times and {@code x} restored exactly, and the largest
 * entry-wise relative error {@code |a - n| / max(1e-8, |a| + |n|)} against the analytic gradient, returned as a
 * {@link GradCheck}.
 */
public final class NumericGradientCheck extends Task<NumericGradientCheck.Fn> {

    /** The student's {@code gradientCheck}. */
    @FunctionalInterface
    public interface Fn {
        GradCheck apply(ToDoubleFunction<double[][]> f, double[][] x, double[][] analytic, double h);
    }

    // f(x) = sum_ij c_ij x_ij^3, whose gradient is 3 c_ij x_ij^2 exactly. Row 1 has c = 0: those partial derivatives
    // are 0, analytic and numeric, which is where the floor of the relative error matters.
    private static final double[][] C = {{0.5, -1.0, 2.0}, {0, 0, 0}, {1.5, 0.25, -0.75}, {-2.0, 1.0, 0.5}};
    private static final double[][] X = {{1.2, -0.7, 0.4}, {0.9, -1.1, 2.0}, {-1.5, 0.3, 1.1}, {0.6, 1.7, -0.2}};
    private static final double H = 1e-3;   // large on purpose: a one-sided difference is visibly worse

    NumericGradientCheck() {
        super("05-batch-norm-backward", "Exercise 3 (gradient check)", 2, Fn.class);
    }

    /** A probe: f (with its formula), x, the analytic gradient given, and the exact numeric gradient and error. */
    private record Piece(String piece, String formula, ToDoubleFunction<double[][]> f, double[][] x,
                         double[][] analytic, double[][] gradient, double error, String errorRule) {

        String show() {
            return "f(x) = " + formula + " at x = " + Probe.show(x) + ", analytic = " + Probe.show(analytic)
                    + ", h = " + H;
        }
    }

    private static final String RESTORE = "x must be restored exactly: set x[i][j] back to the value you saved (old), "
            + "not old + h - h";

    // Simplest first. Centred differences are exact (up to rounding) for linear and quadratic f, so the right
    // numeric gradient is the true one; a one-sided difference is exact only for the linear f.
    private static final Piece[] PIECES = {
        new Piece("a linear f", "3 x[0][0] - 2 x[0][1]", x -> 3 * x[0][0] - 2 * x[0][1], new double[][] {{2, -1}},
                new double[][] {{3, -2}}, new double[][] {{3, -2}}, 0, "analytic and numeric agree, so the error"),
        new Piece("a quadratic f", "x[0][0]^2 + 2 x[0][1]^2", x -> x[0][0] * x[0][0] + 2 * x[0][1] * x[0][1],
                new double[][] {{1, -1}}, new double[][] {{2, -4}}, new double[][] {{2, -4}}, 0,
                "analytic and numeric agree, so the error"),
        new Piece("the relative error", "3 x[0][0] (x[0][1] does not change f)", x -> 3 * x[0][0],
                new double[][] {{2, 5}}, new double[][] {{2.5, 0}}, new double[][] {{3, 0}}, 0.5 / 5.5,
                "max(|2.5 - 3| / max(1e-8, 2.5 + 3), |0 - 0| / max(1e-8, 0 + 0)) = 0.5 / 5.5"),
    };

    /** The numeric gradient and the error on the check's own f and x, for {@link #consistent}. */
    private static double[][] fingerprint(Fn code) {
        GradCheck g = code.apply(counted(new int[1]), Matrices.copy(X), analytic(), H);
        double[][] out = java.util.Arrays.copyOf(g.numeric(), g.numeric().length + 1);
        out[out.length - 1] = new double[] {g.relativeError()};
        return out;
    }

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, NumericGradientCheck::fingerprint);
        for (Piece p : PIECES) {
            int[] calls = {0};
            ToDoubleFunction<double[][]> f = x -> {
                calls[0]++;
                return p.f().applyAsDouble(x);
            };
            double[][] x = Matrices.copy(p.x());
            double[][] a = Matrices.copy(p.analytic());
            GradCheck got = Probe.run(p.piece(), p.show(), () -> call(() -> yours.apply(f, x, a, H)));
            Probe.unchanged("x", p.x(), x, RESTORE);
            Probe.unchanged("analytic", p.analytic(), a, "do not modify analytic");
            int want = 2 * x.length * x[0].length;
            if (calls[0] != want) {
                throw new deepnets.check.CheckFailure("Testing " + p.piece() + ": your code called f " + calls[0]
                        + " times for " + p.show() + "; a centred difference calls f twice per entry: 2 m n = " + want
                        + " calls. " + (calls[0] < want ? "Fewer calls mean that some entries were skipped (a loop "
                        + "bound that stops one short?)." : "More calls mean an extra f(x) somewhere."));
            }
            Check.isTrue("gradientCheck returns a GradCheck with a numeric gradient", got != null
                    && got.numeric() != null, "return new GradCheck(numeric, relativeError)");
            java.util.Map<String, GradCheck> known = only(diagnose(m -> {
                int[] none = {0};
                return m.apply(xx -> {
                    none[0]++;
                    return p.f().applyAsDouble(xx);
                }, Matrices.copy(p.x()), Matrices.copy(p.analytic()), H);
            }), consistent);
            java.util.Map<String, double[][]> numerics = new java.util.LinkedHashMap<>();
            java.util.Map<String, Double> errors = new java.util.LinkedHashMap<>();
            known.forEach((cause, g) -> {
                numerics.put(cause, g.numeric());
                errors.put(cause, g.relativeError());
            });
            Probe.matrix("the numeric gradient", p.show(), "the centred difference (f(x + h) - f(x - h)) / 2h, exact "
                    + "for this f,", p.gradient(), got.numeric(), 1e-8, numerics);
            Probe.scalar("the relative error", p.show(), p.errorRule(), p.error(), got.relativeError(), 1e-6,
                    errors);
        }
        int rows = X.length;
        int cols = X[0].length;
        double[][] analytic = analytic();
        int[] calls = {0};
        ToDoubleFunction<double[][]> cubic = counted(calls);
        double[][] x = Matrices.copy(X);
        double[][] analyticIn = Matrices.copy(analytic);
        GradCheck got = call(() -> yours.apply(cubic, x, analyticIn, H));
        Check.allClose("x after the gradient check", X, x, 0, RESTORE);
        Check.allClose("analytic after the gradient check", analytic, analyticIn, 0, "do not modify analytic");
        Check.close("number of calls of f", 2 * rows * cols, calls[0], 0,
                "a centred difference calls f twice per entry: 2 m n calls");
        Check.isTrue("gradientCheck returns a GradCheck with a numeric gradient", got != null && got.numeric() != null,
                "return new GradCheck(numeric, relativeError)");

        // Expected: the centred differences of f, written out for this f, and the course's relative error.
        double[][] centred = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double a = X[i][j];
                centred[i][j] = (C[i][j] * Math.pow(a + H, 3) - C[i][j] * Math.pow(a - H, 3)) / (2 * H);
            }
        }
        // f sums the cubes in another order than this, so compare with a tolerance far below the O(h) error.
        Check.allCloseWithDiagnosis("numeric gradient", centred, got.numeric(), 1e-8,
                diagnose(m -> m.apply(counted(new int[1]), Matrices.copy(X), Matrices.copy(analytic), H).numeric()));
        Check.isTrue("the relative error is a number (yours: " + got.relativeError() + ")",
                !Double.isNaN(got.relativeError()), "0 / 0 where analytic and numeric are both 0 (row 1 of x does not "
                        + "affect f): put a floor under the denominator, max(1e-8, |a| + |n|)");
        Check.closeWithDiagnosis("relative error (analytic has one entry 10% off)", worst(analytic, centred, 1e-8),
                got.relativeError(), 1e-6,
                diagnose(m -> m.apply(counted(new int[1]), Matrices.copy(X), Matrices.copy(analytic), H)
                        .relativeError()));
        return String.format("relative error %.3f for a gradient with one entry 10%% off", got.relativeError());
    }

    /** The analytic gradient of the check's f at X, with one entry 10% off (as a small bug would make it). */
    private static double[][] analytic() {
        double[][] analytic = new double[X.length][X[0].length];
        for (int i = 0; i < X.length; i++) {
            for (int j = 0; j < X[0].length; j++) {
                analytic[i][j] = 3 * C[i][j] * X[i][j] * X[i][j];
            }
        }
        analytic[2][0] *= 1.1;
        return analytic;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("forward difference", "you use a one-sided (forward) difference (f(x + h) - f(x)) / h; "
                        + "the centred one is accurate to O(h^2), not O(h)",
                        (f, x, a, h) -> result(differences(f, x, h, 1, 0, 1), a, 1e-8)),
                new Mistake<>("divides by h", "you divide by h instead of 2h: the two points are 2h apart",
                        (f, x, a, h) -> result(differences(f, x, h, 1, -1, 1), a, 1e-8)),
                new Mistake<>("x not restored", "x must be restored exactly",
                        (f, x, a, h) -> {
                            double[][] numeric = differences(f, x, h, 1, -1, 2);
                            for (double[] row : x) {
                                for (int j = 0; j < row.length; j++) {
                                    row[j] -= h;
                                }
                            }
                            return result(numeric, a, 1e-8);
                        }),
                new Mistake<>("x restored by arithmetic", "x must be restored exactly: set x[i][j] back to the value "
                        + "you saved (old), not old + h - h",
                        (f, x, a, h) -> {
                            double[][] numeric = differences(f, x, h, 1, -1, 2);
                            for (double[] row : x) {
                                for (int j = 0; j < row.length; j++) {
                                    row[j] = row[j] + h - 2 * h + h;
                                }
                            }
                            return result(numeric, a, 1e-8);
                        }),
                new Mistake<>("f called three times per entry", "a centred difference calls f twice per entry",
                        (f, x, a, h) -> {
                            for (int k = 0; k < x.length * x[0].length; k++) {   // f(x) once per entry, unused
                                f.applyAsDouble(x);
                            }
                            return result(differences(f, x, h, 1, -1, 2), a, 1e-8);
                        }),
                new Mistake<>("no floor in the denominator", "put a floor under the denominator, max(1e-8, |a| + |n|)",
                        (f, x, a, h) -> result(differences(f, x, h, 1, -1, 2), a, 0)),
                new Mistake<>("absolute error", "you compute the absolute error max |a - n|; divide by max(1e-8, |a| + "
                        + "|n|)",
                        (f, x, a, h) -> {
                            double[][] numeric = differences(f, x, h, 1, -1, 2);
                            double worst = 0;
                            for (int i = 0; i < a.length; i++) {
                                for (int j = 0; j < a[i].length; j++) {
                                    worst = Math.max(worst, Math.abs(a[i][j] - numeric[i][j]));
                                }
                            }
                            return new GradCheck(numeric, worst);
                        }),
                new Mistake<>("ratio of norms", "you compute a ratio of norms ||a - n|| / (||a|| + ||n||); the course's "
                        + "definition is the largest entry-wise ratio",
                        (f, x, a, h) -> {
                            double[][] numeric = differences(f, x, h, 1, -1, 2);
                            double diff = 0;
                            double na = 0;
                            double nn = 0;
                            for (int i = 0; i < a.length; i++) {
                                for (int j = 0; j < a[i].length; j++) {
                                    diff += (a[i][j] - numeric[i][j]) * (a[i][j] - numeric[i][j]);
                                    na += a[i][j] * a[i][j];
                                    nn += numeric[i][j] * numeric[i][j];
                                }
                            }
                            return new GradCheck(numeric, Math.sqrt(diff) / Math.max(1e-8, Math.sqrt(na) + Math.sqrt(nn)));
                        }));
    }

    @Override
    public Fn bypass() {
        return (f, x, a, h) -> {
            double[][] numeric = GradientCheck.numericGradient(f, x, h);
            return new GradCheck(numeric, GradientCheck.relativeError(a, numeric));
        };
    }

    /** f(x) = sum c_ij x_ij^3, counting its calls in {@code calls[0]}. */
    private static ToDoubleFunction<double[][]> counted(int[] calls) {
        return xx -> {
            calls[0]++;
            double s = 0;
            for (int i = 0; i < C.length; i++) {
                for (int j = 0; j < C[i].length; j++) {
                    s += C[i][j] * xx[i][j] * xx[i][j] * xx[i][j];
                }
            }
            return s;
        };
    }

    /**
     * {@code (f(x + up h e) - f(x + down h e)) / (span h)} for every entry, x set back to the saved value after each;
     * the centred difference is up = 1, down = -1, span = 2.
     */
    private static double[][] differences(ToDoubleFunction<double[][]> f, double[][] x, double h, double up,
                                          double down, double span) {
        double[][] numeric = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                double old = x[i][j];
                x[i][j] = old + up * h;
                double plus = f.applyAsDouble(x);
                x[i][j] = old + down * h;
                double minus = f.applyAsDouble(x);
                x[i][j] = old;
                numeric[i][j] = (plus - minus) / (span * h);
            }
        }
        return numeric;
    }

    private static GradCheck result(double[][] numeric, double[][] analytic, double floor) {
        return new GradCheck(numeric, worst(analytic, numeric, floor));
    }

    /** The largest entry-wise |a - n| / max(floor, |a| + |n|). */
    private static double worst(double[][] a, double[][] n, double floor) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                worst = Math.max(worst, Math.abs(a[i][j] - n[i][j]) / Math.max(floor, Math.abs(a[i][j])
                        + Math.abs(n[i][j])));
            }
        }
        return worst;
    }
}
