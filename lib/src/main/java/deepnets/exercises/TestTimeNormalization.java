package deepnets.exercises;

import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.layers.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Notebook 06, Exercise 2: batch norm at test time, one example normalized with the running statistics,
 * {@code out_j = gamma_j (x_j - runningMean_j) / sqrt(runningVar_j + eps) + beta_j}; nothing is modified.
 */
public final class TestTimeNormalization extends Task<TestTimeNormalization.Fn> {

    /** The student's {@code batchNormTest}. */
    @FunctionalInterface
    public interface Fn {
        double[] apply(double[] x, double[] gamma, double[] beta, double[] runningMean, double[] runningVar,
                       double eps);
    }

    // Unit 2 has a small running variance and eps = 0.01, so where eps goes makes a visible difference.
    private static final double[] X = {1.0, -2.0, 0.5, 3.0};
    private static final double[] GAMMA = {1.5, 0.5, 2.0, 1.0};
    private static final double[] BETA = {0.1, -0.2, 0.3, 0.4};
    private static final double[] MEAN_RUNNING = {0.5, -1.0, 0.0, 2.0};
    private static final double[] VAR = {1.0, 4.0, 0.01, 0.25};
    private static final double EPS = 0.01;

    TestTimeNormalization() {
        super("06-batch-norm-test-time", "Exercise 2 (test-time normalization)", 1, Fn.class);
    }

    /** The reference: the library's test-time pass on one row; nothing is modified. */
    @Solves(TestTimeNormalization.class)
    public static double[] reference(double[] x, double[] gamma, double[] beta, double[] mean, double[] var, double eps) {
        EntryPoints.entered();
        return BatchNorm.forwardTest(new double[][] {x.clone()}, gamma, beta, mean.clone(), var.clone(), eps)[0];
    }

    /** One input: x, gamma, beta, runningMean, runningVar (n,) and eps. */
    private record Case(double[] x, double[] g, double[] b, double[] m, double[] v, double eps) {

        String show() {
            return "x = " + Probe.show(x) + ", gamma = " + Probe.show(g) + ", beta = " + Probe.show(b)
                    + ", runningMean = " + Probe.show(m) + ", runningVar = " + Probe.show(v) + ", eps = " + eps;
        }

        double[] right() {
            return reference(x, g, b, m, v, eps);
        }

        Case without(int j) {
            return new Case(Probe.without(x, j), Probe.without(g, j), Probe.without(b, j), Probe.without(m, j),
                    Probe.without(v, j), eps);
        }
    }

    // Simplest first; gamma = 1, beta = 0 and eps = 0 until the piece they are in.
    // The mean alone: a running variance of 1 and eps = 0 make the division by 1.
    private static final Case MEAN = new Case(new double[] {3, 1}, new double[] {1, 1}, new double[] {0, 0},
            new double[] {1, 1}, new double[] {1, 1}, 0);
    private static final Case SQRT = new Case(new double[] {5}, new double[] {1}, new double[] {0}, new double[] {1},
            new double[] {4}, 0);
    // eps = 5 next to a variance of 4: sqrt(4 + 5) = 3, sqrt(4) + 5 = 7, 4 + 5 = 9.
    private static final Case EPS_PLACE = new Case(new double[] {4}, new double[] {1}, new double[] {0},
            new double[] {0}, new double[] {4}, 5);
    private static final Case SCALE_SHIFT = new Case(new double[] {4, 1}, new double[] {3, 2}, new double[] {10, -1},
            new double[] {0, 0}, new double[] {4, 1}, 5);

    /** Runs the student's code on copies of {@code c}, with the hazards: no argument changed, a new array returned. */
    private double[] run(Fn yours, Case c, String piece) {
        double[] x = c.x().clone();
        double[] g = c.g().clone();
        double[] b = c.b().clone();
        double[] m = c.m().clone();
        double[] v = c.v().clone();
        double[] got = Probe.run(piece, c.show(), () -> call(() -> yours.apply(x, g, b, m, v, c.eps())));
        Probe.unchanged("runningMean", c.m(), m, "nothing may change at test time");
        Probe.unchanged("runningVar", c.v(), v, "nothing may change at test time");
        Probe.unchanged("x", c.x(), x, "do not modify the input x");
        Probe.unchanged("gamma", c.g(), g, "do not modify gamma");
        Probe.unchanged("beta", c.b(), b, "do not modify beta");
        Probe.notTheInput("result", got, "x", x);
        return got;
    }

    private Map<String, double[]> known(Case c, java.util.Set<String> consistent) {
        return only(known(c), consistent);
    }

    private Map<String, double[]> known(Case c) {
        return diagnose(f -> f.apply(c.x().clone(), c.g().clone(), c.b().clone(), c.m().clone(), c.v().clone(),
                c.eps()));
    }

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, f -> new double[][] {f.apply(X.clone(), GAMMA.clone(),
                BETA.clone(), MEAN_RUNNING.clone(), VAR.clone(), EPS)});
        double[] first = run(yours, MEAN, "the running mean");
        Probe.sameOnRepeat("batchNormTest(...)", MEAN.show(), new double[][] {first},
                new double[][] {run(yours, MEAN, "the running mean")});
        Probe.vector("batchNormTest(...)", MEAN.show(), "(x - runningMean) / sqrt(runningVar + eps) = (x - 1) / sqrt(1 + 0)",
                MEAN.right(), first, 1e-12, known(MEAN, consistent));
        Probe.vector("batchNormTest(...)", SQRT.show(), "(x - runningMean) / sqrt(runningVar + eps) = (5 - 1) / sqrt(4 + 0)",
                SQRT.right(), run(yours, SQRT, "the square root"), 1e-12, known(SQRT, consistent));
        Probe.vector("batchNormTest(...)", EPS_PLACE.show(), "(x - runningMean) / sqrt(runningVar + eps) = 4 / "
                + "sqrt(4 + 5)", EPS_PLACE.right(), run(yours, EPS_PLACE, "where eps goes"), 1e-12, known(EPS_PLACE, consistent));
        Probe.vector("batchNormTest(...)", SCALE_SHIFT.show(), "gamma * (x - runningMean) / sqrt(runningVar + eps) "
                + "+ beta, per unit,", SCALE_SHIFT.right(), run(yours, SCALE_SHIFT, "gamma and beta"), 1e-12,
                known(SCALE_SHIFT, consistent));
        Case main = new Case(X, GAMMA, BETA, MEAN_RUNNING, VAR, EPS);
        double[] got = run(yours, main, "four units");
        if (!Probe.same(new double[][] {main.right()}, new double[][] {got}, 1e-12)) {
            Map<String, double[]> known = known(main, consistent);
            if (known.values().stream().anyMatch(k -> Probe.same(new double[][] {k}, new double[][] {got}, 1e-12))) {
                Probe.vector("batchNormTest(...)", main.show(), "the right value", main.right(), got, 1e-12, known);
            }
            Case small = Probe.shrink(main, c -> {
                List<Case> out = new ArrayList<>();
                for (int j = 0; c.x().length > 1 && j < c.x().length; j++) {
                    out.add(c.without(j));
                }
                return out;
            }, c -> !Probe.same(new double[][] {c.right()}, new double[][] {run(yours, c, "fewer units")}, 1e-12),
                    100);
            Probe.vector("batchNormTest(...)", small.show() + " (the fewest units found on which yours is wrong)",
                    "the right value", small.right(), run(yours, small, "the fewest units"), 1e-12, Map.of());
        }
        return "one example normalized with the running statistics";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("the example's own statistics (a batch of one)",
                        "you normalize with the example's own statistics, as a batch of one (the output is then "
                                + "beta, whatever x is); use the running averages",
                        (x, g, b, m, v, eps) -> b.clone()),
                new Mistake<>("eps outside the square root", "eps is added outside the square root, "
                        + "sqrt(runningVar) + eps",
                        (x, g, b, m, v, eps) -> each(x, j -> g[j] * (x[j] - m[j]) / (Math.sqrt(v[j]) + eps) + b[j])),
                new Mistake<>("divides by the variance", "you divide by the running variance instead of its square "
                        + "root",
                        (x, g, b, m, v, eps) -> each(x, j -> g[j] * (x[j] - m[j]) / (v[j] + eps) + b[j])),
                new Mistake<>("normalizes over the features", "you normalize over the example's features instead "
                        + "of using each unit's running statistics",
                        (x, g, b, m, v, eps) -> {
                            double mu = 0;
                            double var = 0;
                            for (double xi : x) {
                                mu += xi / x.length;
                            }
                            for (double xi : x) {
                                var += (xi - mu) * (xi - mu) / x.length;
                            }
                            double s = Math.sqrt(var + eps);
                            double mean = mu;
                            return each(x, j -> g[j] * (x[j] - mean) / s + b[j]);
                        }),
                new Mistake<>("gamma left out", "gamma is left out",
                        (x, g, b, m, v, eps) -> each(x, j -> (x[j] - m[j]) / Math.sqrt(v[j] + eps) + b[j])),
                new Mistake<>("beta left out", "beta is left out",
                        (x, g, b, m, v, eps) -> each(x, j -> g[j] * (x[j] - m[j]) / Math.sqrt(v[j] + eps))),
                new Mistake<>("mean not subtracted", "the running mean is not subtracted",
                        (x, g, b, m, v, eps) -> each(x, j -> g[j] * x[j] / Math.sqrt(v[j] + eps) + b[j])),
                new Mistake<>("runningMean and runningVar swapped", "runningMean and runningVar are swapped: the "
                        + "mean is subtracted and the variance goes under the square root",
                        (x, g, b, m, v, eps) -> each(x, j -> g[j] * (x[j] - v[j]) / Math.sqrt(m[j] + eps) + b[j])),
                new Mistake<>("gamma and beta swapped", "gamma and beta are swapped: beta * xNorm + gamma",
                        (x, g, b, m, v, eps) -> each(x, j -> b[j] * (x[j] - m[j]) / Math.sqrt(v[j] + eps) + g[j])),
                new Mistake<>("writes the result into x", "do not modify the input x",
                        (x, g, b, m, v, eps) -> {
                            for (int j = 0; j < x.length; j++) {
                                x[j] = g[j] * (x[j] - m[j]) / Math.sqrt(v[j] + eps) + b[j];
                            }
                            return x;
                        }),
                new Mistake<>("updates the running mean", "nothing may change at test time",
                        (x, g, b, m, v, eps) -> {
                            double[] out = each(x, j -> g[j] * (x[j] - m[j]) / Math.sqrt(v[j] + eps) + b[j]);
                            for (int j = 0; j < x.length; j++) {
                                m[j] = 0.9 * m[j] + 0.1 * x[j];
                            }
                            return out;
                        }));
    }

    @Override
    public Fn bypass() {
        return (x, g, b, m, v, eps) -> BatchNorm.forwardTest(new double[][] {x}, g, b, m, v, eps)[0];
    }

    private static double[] each(double[] x, java.util.function.IntToDoubleFunction f) {
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = f.applyAsDouble(j);
        }
        return out;
    }
}
