package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.GradCheck;
import deepnets.exercises.NumericGradientCheck;
import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Notebook 05, Exercise 3, held out: other functions (sines and a coupling term, an exponential, one that ignores a
 * column), shapes from 1 x 1 to 3 x 5, steps from 1e-4 to 1e-2, analytic gradients exact or off in several entries;
 * x restored exactly, analytic unchanged, 2 N D calls of f.
 */
final class NumericGradientCheckHeldOut extends HeldOutCheck<NumericGradientCheck.Fn> {

    NumericGradientCheckHeldOut() {
        super(Exercises.numericGradientCheck());
    }

    @Override
    public NumericGradientCheck.Fn solution() {
        return (f, x, analytic, h) -> {
            double[][] numeric = new double[x.length][x[0].length];
            double worst = 0;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x[i].length; j++) {
                    double old = x[i][j];
                    x[i][j] = old + h;
                    double plus = f.applyAsDouble(x);
                    x[i][j] = old - h;
                    double minus = f.applyAsDouble(x);
                    x[i][j] = old;
                    numeric[i][j] = (plus - minus) / (2 * h);
                    double scale = Math.max(1e-8, Math.abs(analytic[i][j]) + Math.abs(numeric[i][j]));
                    worst = Math.max(worst, Math.abs(analytic[i][j] - numeric[i][j]) / scale);
                }
            }
            return new GradCheck(numeric, worst);
        };
    }

    @Override
    public String check(NumericGradientCheck.Fn yours) {
        // 1. f = sum_ij w_ij sin(x_ij) + (sum_ij x_ij)^2 / 2 on 3 x 5, h = 1e-4; two entries of analytic are off.
        double[][] x1 = new double[3][5];
        double[][] w = new double[3][5];
        double total = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                x1[i][j] = 0.37 * (i - 1) + 0.23 * j - 0.4;
                w[i][j] = 1.5 - 0.35 * (i + j);
                total += x1[i][j];
            }
        }
        double[][] a1 = new double[3][5];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                a1[i][j] = w[i][j] * Math.cos(x1[i][j]) + total;
            }
        }
        a1[0][4] *= 1.03;
        a1[2][1] -= 0.2;
        one(yours, "a 3 x 5 point with h = 1e-4 and two analytic entries off", x1, a1, 1e-4, x -> {
            double s = 0;
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    s += w[i][j] * Math.sin(x[i][j]);
                    sum += x[i][j];
                }
            }
            return s + sum * sum / 2;
        });
        // 2. A single entry: f = exp(2 x) at x = 0.8, h = 1e-2, exact analytic 2 exp(2 x).
        one(yours, "a 1 x 1 point with h = 1e-2 and an exact analytic gradient", new double[][] {{0.8}},
                new double[][] {{2 * Math.exp(1.6)}}, 1e-2, x -> Math.exp(2 * x[0][0]));
        // 3. f ignores column 1 (those partial derivatives are 0 on both sides), h = 1e-3; analytic off in one entry.
        double[][] x3 = {{1.5, -2.0}, {-0.25, 3.0}};
        double[][] a3 = {{2 * 1.5 * 1.5 * 0.9, 0}, {2 * -0.25 * -0.25, 0}};
        one(yours, "a 2 x 2 point where f ignores a column, with h = 1e-3", x3, a3, 1e-3,
                x -> Math.pow(x[0][0], 3) * 2 / 3 + Math.pow(x[1][0], 3) * 2 / 3);
        return "other functions, a 1 x 1 point, a column f ignores, steps 1e-4 to 1e-2; x restored, 2 N D calls";
    }

    private void one(NumericGradientCheck.Fn yours, String what, double[][] x0, double[][] analytic, double h,
                     ToDoubleFunction<double[][]> f) {
        int[] calls = {0};
        ToDoubleFunction<double[][]> counted = x -> {
            calls[0]++;
            return f.applyAsDouble(x);
        };
        double[][] x = copy(x0);
        double[][] analyticIn = copy(analytic);
        GradCheck got = run(what, () -> yours.apply(counted, x, analyticIn, h));
        int entries = x0.length * x0[0].length;
        require(Arrays.deepEquals(x0, x), "x is not restored exactly after your gradient check (on " + what + ")");
        require(Arrays.deepEquals(analytic, analyticIn), "your function changes its input analytic (on " + what + ")");
        require(calls[0] == 2 * entries, "on " + what + " your gradient check does not call f exactly twice per entry");
        require(got != null && got.numeric() != null, "on " + what + " your result or its numeric gradient is null");
        double[][] numeric = new double[x0.length][x0[0].length];
        double[][] probe = copy(x0);
        double worst = 0;
        for (int i = 0; i < x0.length; i++) {
            for (int j = 0; j < x0[0].length; j++) {
                probe[i][j] = x0[i][j] + h;
                double plus = f.applyAsDouble(probe);
                probe[i][j] = x0[i][j] - h;
                double minus = f.applyAsDouble(probe);
                probe[i][j] = x0[i][j];
                numeric[i][j] = (plus - minus) / (2 * h);
                worst = Math.max(worst, Math.abs(analytic[i][j] - numeric[i][j])
                        / Math.max(1e-8, Math.abs(analytic[i][j]) + Math.abs(numeric[i][j])));
            }
        }
        require(close(got.numeric(), numeric, 1e-7), "on " + what + " your numeric gradient is not the centred "
                + "difference (f(x + h) - f(x - h)) / 2h");
        require(!Double.isNaN(got.relativeError()), "on " + what + " your relative error is NaN");
        require(Math.abs(got.relativeError() - worst) <= 1e-6 * Math.max(1e-3, worst), "on " + what + " your relative "
                + "error is not the largest entry-wise |a - n| / max(1e-8, |a| + |n|)");
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
