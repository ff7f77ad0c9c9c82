package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.Matrices;
import deepnets.layers.BatchNorm;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * Notebook 04, Exercise 1: the batch-norm forward pass in training mode. For {@code z} (m, n): per unit (column)
 * the batch mean and variance (with 1/m), {@code zNorm = (z - mu) / sqrt(var + eps)} and
 * {@code out = gamma * zNorm + beta}, returned as a {@link BnForward}; {@code z} is not modified.
 */
public final class BatchNormForward extends Task<BatchNormForward.Fn> {

    /** The student's {@code batchNormForward}. */
    @FunctionalInterface
    public interface Fn {
        BnForward apply(double[][] z, double[] gamma, double[] beta, double eps);
    }

    // m = 8 examples, n = 3 units on different scales; unit 2 has a tiny spread, so where eps goes shows.
    private static final double[][] Z = gaussian(new Random(7), 8, new double[] {0.0, -2.0, 5.0},
            new double[] {1.0, 3.0, 0.01});
    private static final double[] GAMMA = {1.5, 0.5, 2.0};
    private static final double[] BETA = {0.3, -1.0, 0.7};
    private static final double EPS = 1e-3;
    // For the properties: m = 64 examples, n = 5 units with means -4..8 and spreads 1..5.
    private static final double[][] BIG = gaussian(new Random(8), 64, new double[] {-4, -1, 2, 5, 8},
            new double[] {1, 2, 3, 4, 5});

    BatchNormForward() {
        super("04-batch-norm-forward", "Exercise 1 (batch-norm forward)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        double[][] z = Matrices.copy(Z);
        double[] gamma = GAMMA.clone();
        double[] beta = BETA.clone();
        BnForward got = call(() -> yours.apply(z, gamma, beta, EPS));
        Check.allClose("z after the call", Z, z, 0, "do not modify the input z; write zNorm and out into new arrays");
        Check.allClose("gamma after the call", GAMMA, gamma, 0, "do not modify gamma");
        Check.allClose("beta after the call", BETA, beta, 0, "do not modify beta");
        Check.isTrue("batchNormForward returns a BnForward with out, mu, var and zNorm", got != null
                && got.out() != null && got.mu() != null && got.var() != null && got.zNorm() != null,
                "return new BnForward(out, mu, var, zNorm), none of them null");
        BatchNorm.Forward lib = BatchNorm.forwardTrain(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS);
        Check.allCloseWithDiagnosis("out", lib.out(), got.out(), 1e-9,
                diagnose(m -> m.apply(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS).out()));
        Check.allCloseWithDiagnosis("mu", lib.cache().mu(), got.mu(), 1e-9,
                diagnose(m -> m.apply(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS).mu()));
        Check.allCloseWithDiagnosis("var", lib.cache().var(), got.var(), 1e-9,
                diagnose(m -> m.apply(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS).var()));
        Check.allCloseWithDiagnosis("zNorm", lib.cache().xhat(), got.zNorm(), 1e-9,
                diagnose(m -> m.apply(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS).zNorm()));

        // Properties on a larger batch, each a consequence of the four formulas.
        int n = BIG[0].length;
        double[] ones = {1, 1, 1, 1, 1};
        double[] zeros = new double[n];
        double[][] big1 = Matrices.copy(BIG);
        double[][] plain = call(() -> yours.apply(big1, ones.clone(), zeros.clone(), 1e-5)).out();
        Check.allClose("per-unit mean of out with gamma = 1, beta = 0", zeros, means(plain), 1e-9,
                "each column (unit) of out must average to 0 over the examples");
        Check.allClose("per-unit variance of out with gamma = 1, beta = 0", ones, variances(plain), 1e-4,
                "each column of out must have variance 1 (up to eps); (m - 1) / m means the variance divided by m - 1");
        double[] g = {0.5, 1, 2, 3, 4};
        double[] b = {-1, 0, 1, 2, 3};
        double[][] big2 = Matrices.copy(BIG);
        double[][] shifted = call(() -> yours.apply(big2, g.clone(), b.clone(), 1e-5)).out();
        double[] sd = each(n, j -> Math.sqrt(variances(shifted)[j]));
        Check.allClose("per-unit mean of out = beta", b, means(shifted), 1e-9,
                "after normalizing, out = gamma * zNorm + beta has mean beta");
        Check.allClose("per-unit standard deviation of out = gamma", g, sd, 1e-4,
                "after normalizing, out = gamma * zNorm + beta has standard deviation gamma");
        double[] bigMu = means(BIG);
        double[] undoGamma = each(n, j -> Math.sqrt(variances(BIG)[j] + 1e-5));
        double[][] big3 = Matrices.copy(BIG);
        double[][] undone = call(() -> yours.apply(big3, undoGamma.clone(), bigMu.clone(), 1e-5)).out();
        Check.allClose("out with gamma = sqrt(var + eps), beta = mu", BIG, undone, 1e-9,
                "these gamma and beta undo the normalization exactly, so out must equal z");
        return "mean 0 and variance 1 per unit, then mean beta and spread gamma";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("variance divided by m - 1", "the variance divides by m - 1 instead of m",
                        (z, g, b, eps) -> {
                            double[] var = each(z[0].length, j -> variances(z)[j] * z.length / (z.length - 1));
                            return forward(z, g, b, means(z), var, j -> Math.sqrt(var[j] + eps));
                        }),
                new Mistake<>("eps outside the square root", "eps is added outside the square root, sqrt(var) + eps",
                        (z, g, b, eps) -> forward(z, g, b, means(z), variances(z),
                                j -> Math.sqrt(variances(z)[j]) + eps)),
                new Mistake<>("divides by the variance", "you divide by the variance instead of the standard "
                        + "deviation sqrt(var + eps)",
                        (z, g, b, eps) -> forward(z, g, b, means(z), variances(z), j -> variances(z)[j] + eps)),
                new Mistake<>("mean not subtracted", "the mean is not subtracted",
                        (z, g, b, eps) -> {
                            BnForward f = forward(z, g, b, new double[z[0].length], variances(z),
                                    j -> Math.sqrt(variances(z)[j] + eps));
                            return new BnForward(f.out(), means(z), variances(z), f.zNorm());
                        }),
                new Mistake<>("statistics over the features of each example",
                        "you normalize each example over its features (rows) instead of each feature over the "
                                + "examples (columns)",
                        (z, g, b, eps) -> {
                            double[][] t = transpose(z);
                            double[] mu = means(t);
                            double[] var = variances(t);
                            double[][] zNorm = transpose(forward(t, ones(t[0].length), new double[t[0].length], mu,
                                    var, i -> Math.sqrt(var[i] + eps)).zNorm());
                            return new BnForward(scaleShift(zNorm, g, b), mu, var, zNorm);
                        }),
                new Mistake<>("gamma left out", "gamma is left out: out = zNorm + beta",
                        (z, g, b, eps) -> right(z, ones(g.length), b, eps)),
                new Mistake<>("beta left out", "beta is left out: out = gamma * zNorm",
                        (z, g, b, eps) -> right(z, g, new double[b.length], eps)),
                new Mistake<>("gamma and beta swapped", "gamma and beta are swapped: out = beta * zNorm + gamma",
                        (z, g, b, eps) -> right(z, b, g, eps)),
                new Mistake<>("returns the standard deviation", "you return the standard deviation instead of the "
                        + "variance",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), each(g.length, j -> Math.sqrt(f.var()[j])), f.zNorm());
                        }),
                new Mistake<>("returns var + eps", "you return var + eps instead of the variance",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), each(g.length, j -> f.var()[j] + eps), f.zNorm());
                        }),
                new Mistake<>("returns out as zNorm", "you return out = gamma * zNorm + beta in place of zNorm",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), f.var(), f.out());
                        }),
                new Mistake<>("normalizes z in place", "do not modify the input z",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            for (int i = 0; i < z.length; i++) {
                                z[i] = f.zNorm()[i];
                            }
                            return new BnForward(f.out(), f.mu(), f.var(), z);
                        }));
    }

    @Override
    public Fn bypass() {
        return (z, g, b, eps) -> {
            BatchNorm.Forward f = BatchNorm.forwardTrain(z, g, b, eps);
            return new BnForward(f.out(), f.cache().mu(), f.cache().var(), f.cache().xhat());
        };
    }

    /** The right answer computed from {@code z}, for mistakes that go wrong elsewhere; {@code gamma}, {@code beta} as given. */
    private static BnForward right(double[][] z, double[] gamma, double[] beta, double eps) {
        double[] var = variances(z);
        return forward(z, gamma, beta, means(z), var, j -> Math.sqrt(var[j] + eps));
    }

    /** zNorm = (z - mu) / divisor(j), out = gamma zNorm + beta; returns mu and var as given. */
    private static BnForward forward(double[][] z, double[] gamma, double[] beta, double[] mu, double[] var,
                                     IntToDoubleFunction divisor) {
        double[][] zNorm = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                zNorm[i][j] = (z[i][j] - mu[j]) / divisor.applyAsDouble(j);
            }
        }
        return new BnForward(scaleShift(zNorm, gamma, beta), mu, var, zNorm);
    }

    private static double[][] scaleShift(double[][] zNorm, double[] gamma, double[] beta) {
        double[][] out = new double[zNorm.length][zNorm[0].length];
        for (int i = 0; i < zNorm.length; i++) {
            for (int j = 0; j < zNorm[0].length; j++) {
                out[i][j] = gamma[j] * zNorm[i][j] + beta[j];
            }
        }
        return out;
    }

    /** Column means. */
    private static double[] means(double[][] z) {
        double[] mu = new double[z[0].length];
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j] / z.length;
            }
        }
        return mu;
    }

    /** Column variances with 1/m. */
    private static double[] variances(double[][] z) {
        double[] mu = means(z);
        double[] var = new double[mu.length];
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                var[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / z.length;
            }
        }
        return var;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] ones(int n) {
        return each(n, j -> 1.0);
    }

    private static double[] each(int n, IntToDoubleFunction f) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = f.applyAsDouble(j);
        }
        return out;
    }

    private static double[][] gaussian(Random random, int m, double[] centre, double[] spread) {
        double[][] z = new double[m][centre.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < centre.length; j++) {
                z[i][j] = centre[j] + spread[j] * random.nextGaussian();
            }
        }
        return z;
    }
}
