package deepnets.heldout;

import deepnets.core.Matrices;
import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.Exercises;
import deepnets.net.Block;
import java.util.Arrays;
import java.util.Random;

/**
 * Notebook 05, Exercise 4, held out: other shapes (a batch of two, one unit, one input feature, wider layers),
 * other eps, negative gamma, a unit cut to 0 everywhere, two forward passes whose backward passes run afterwards in
 * the other order, inputs unchanged.
 */
final class BatchNormBlockHeldOut extends HeldOutCheck<BatchNormBlock.Fn> {

    BatchNormBlockHeldOut() {
        super(Exercises.batchNormBlock());
    }

    @Override
    public BatchNormBlock.Fn solution() {
        return (x, w, gamma, beta, eps) -> {
            int m = x.length, d = w.length, h = w[0].length;
            double[][] z = new double[m][h];
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < d; k++) {
                    for (int j = 0; j < h; j++) {
                        z[i][j] += x[i][k] * w[k][j];
                    }
                }
            }
            double[] mu = new double[h], invStd = new double[h];
            for (int j = 0; j < h; j++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += z[i][j];
                }
                mu[j] = sum / m;
                double squares = 0;
                for (int i = 0; i < m; i++) {
                    squares += (z[i][j] - mu[j]) * (z[i][j] - mu[j]);
                }
                invStd[j] = 1 / Math.sqrt(squares / m + eps);
            }
            double[][] xhat = new double[m][h], y = new double[m][h], out = new double[m][h];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < h; j++) {
                    xhat[i][j] = (z[i][j] - mu[j]) * invStd[j];
                    y[i][j] = gamma[j] * xhat[i][j] + beta[j];
                    out[i][j] = Math.max(0, y[i][j]);
                }
            }
            return new Block.Pass(out, dout -> {
                double[][] dy = new double[m][h];
                double[] dgamma = new double[h], dbeta = new double[h], sumA = new double[h], sumB = new double[h];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        dy[i][j] = y[i][j] > 0 ? dout[i][j] : 0;
                        dbeta[j] += dy[i][j];
                        dgamma[j] += dy[i][j] * xhat[i][j];
                        sumA[j] += gamma[j] * dy[i][j];
                        sumB[j] += gamma[j] * dy[i][j] * xhat[i][j];
                    }
                }
                double[][] dz = new double[m][h];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        dz[i][j] = invStd[j] / m * (m * gamma[j] * dy[i][j] - sumA[j] - xhat[i][j] * sumB[j]);
                    }
                }
                double[][] dx = new double[m][d], dW = new double[d][h];
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < d; k++) {
                        for (int j = 0; j < h; j++) {
                            dW[k][j] += x[i][k] * dz[i][j];
                            dx[i][k] += dz[i][j] * w[k][j];
                        }
                    }
                }
                return new Block.Gradients(dx, dW, dgamma, dbeta);
            });
        };
    }

    /** One held-out case: its inputs and what it is called in a failure. */
    private record Case(String what, double[][] x, double[][] w, double[] gamma, double[] beta, double eps,
                        double[][] dout) {
    }

    private static Case random(String what, long seed, int m, int d, int h, double eps, double gammaSign,
                               boolean deadUnit) {
        Random r = new Random(seed);
        double[][] x = new double[m][d];
        double[][] w = new double[d][h];
        double[][] dout = new double[m][h];
        double[] gamma = new double[h];
        double[] beta = new double[h];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = 2 * r.nextGaussian() - 0.5;
            }
        }
        for (double[] row : w) {
            for (int j = 0; j < h; j++) {
                row[j] = r.nextGaussian();
            }
        }
        for (int j = 0; j < h; j++) {
            gamma[j] = gammaSign * (0.3 + 1.5 * r.nextDouble());
            beta[j] = r.nextGaussian() * 0.5;
        }
        if (deadUnit) {
            gamma[0] = 0.1;
            beta[0] = -5;      // y < 0 for every example: the unit's output is 0, and so are its gradients
        }
        for (double[] row : dout) {
            for (int j = 0; j < h; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return new Case(what, x, w, gamma, beta, eps, dout);
    }

    @Override
    public String check(BatchNormBlock.Fn yours) {
        Case[] cases = {
            random("a batch of 2 examples, 1 input feature and 1 unit", 11, 2, 1, 1, 1e-5, 1, false),
            random("a batch of 17 examples, 7 features and 5 units, eps = 0.1", 12, 17, 7, 5, 0.1, 1, false),
            random("negative gamma (9 examples, 3 features, 4 units)", 13, 9, 3, 4, 1e-4, -1, false),
            random("a unit whose output is 0 for every example (8 examples, 5 features, 3 units)", 14, 8, 5, 3, 1e-5,
                    1, true),
        };
        for (Case c : cases) {
            double[][][] before = {Matrices.copy(c.x()), Matrices.copy(c.w()), {c.gamma().clone()},
                {c.beta().clone()}, Matrices.copy(c.dout())};
            Block.Pass want = BatchNormBlock.reference(before[0], before[1], before[2][0], before[3][0], c.eps());
            Block.Gradients wantG = want.backward().apply(before[4]);
            Block.Pass got = run(c.what(), () -> yours.forward(c.x(), c.w(), c.gamma(), c.beta(), c.eps()));
            require(got != null && got.out() != null && got.backward() != null,
                    "on " + c.what() + " your block returns no output or no backward pass");
            require(close(got.out(), want.out(), 1e-9), "on " + c.what() + " your forward output differs from the "
                    + "expected one");
            Block.Gradients g = run(c.what(), () -> got.backward().apply(c.dout()));
            require(g != null, "on " + c.what() + " your backward returns null");
            require(close(g.dbeta(), wantG.dbeta(), 1e-9) && close(g.dgamma(), wantG.dgamma(), 1e-9),
                    "on " + c.what() + " your dgamma or dbeta differs from the expected one");
            require(close(g.dW(), wantG.dW(), 1e-9), "on " + c.what() + " your dW differs from the expected one");
            require(close(g.dx(), wantG.dx(), 1e-9), "on " + c.what() + " your dx differs from the expected one");
            double[][][] after = {c.x(), c.w(), {c.gamma()}, {c.beta()}, c.dout()};
            String[] names = {"x", "W", "gamma", "beta", "dout"};
            for (int k = 0; k < names.length; k++) {
                require(Arrays.deepEquals(before[k], after[k]), "your block changes its input " + names[k] + " (on "
                        + c.what() + "); write into new arrays");
            }
        }
        // Two forward passes, then their backward passes in the other order: each backward must use its own
        // forward pass's values, not the last ones computed.
        Case a = random("the first of two batches", 21, 6, 4, 3, 1e-5, 1, false);
        Case b = random("the second of two batches", 22, 6, 4, 3, 1e-5, 1, false);
        Block.Gradients wantA = BatchNormBlock.reference(a.x(), a.w(), a.gamma(), a.beta(), a.eps()).backward()
                .apply(a.dout());
        String two = "two forward passes (two batches of 6) followed by their backward passes in the other order";
        Block.Pass passA = run(two, () -> yours.forward(a.x(), a.w(), a.gamma(), a.beta(), a.eps()));
        Block.Pass passB = run(two, () -> yours.forward(b.x(), b.w(), b.gamma(), b.beta(), b.eps()));
        run(two, () -> passB.backward().apply(b.dout()));
        Block.Gradients gotA = run(two, () -> passA.backward().apply(a.dout()));
        require(gotA != null && close(gotA.dx(), wantA.dx(), 1e-9) && close(gotA.dW(), wantA.dW(), 1e-9)
                && close(gotA.dgamma(), wantA.dgamma(), 1e-9), "after " + two + ", the first batch's gradients are "
                + "wrong: each backward pass must use the values of its own forward pass (keep them in the Pass, "
                + "not in variables that the next forward pass overwrites)");
        return "a batch of 2, one unit, wider layers, other eps, negative gamma, a unit cut to 0, two passes "
                + "backward in the other order, inputs unchanged";
    }
}
