package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.layers.BatchNorm;
import java.util.List;

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
    private static final double[] MEAN = {0.5, -1.0, 0.0, 2.0};
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

    @Override
    protected String visible(Fn yours) {
        double[] x = X.clone();
        double[] mean = MEAN.clone();
        double[] var = VAR.clone();
        double[] got = call(() -> yours.apply(x, GAMMA.clone(), BETA.clone(), mean, var, EPS));
        Check.allCloseWithDiagnosis("batchNormTest(x)", reference(X, GAMMA, BETA, MEAN, VAR, EPS), got, 1e-12,
                diagnose(m -> m.apply(X.clone(), GAMMA.clone(), BETA.clone(), MEAN.clone(), VAR.clone(), EPS)));
        Check.allClose("runningMean after the call", MEAN, mean, 0, "nothing may change at test time");
        Check.allClose("runningVar after the call", VAR, var, 0, "nothing may change at test time");
        Check.allClose("x after the call", X, x, 0, "do not modify the input x");
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
