package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Solves;
import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.BatchNormForward;

/**
 * Layer normalization (Ba, Kiros and Hinton, 2016), the forward pass: the batch-norm formulas taken over the
 * <b>features of one example</b> instead of over the examples of a batch. For each row i of x (N, D):
 * {@code mu_i = mean_j x_ij}, {@code var_i = mean_j (x_ij - mu_i)^2} (with 1/D),
 * {@code out_ij = gamma_j (x_ij - mu_i) / sqrt(var_i + eps) + beta_j}.
 * Each example is normalized with its own statistics, so the output of a row does not depend on the other rows,
 * a batch of one is fine, and training and test time compute the same thing: there are no running averages.
 * Taught in notebook 04, next to batch norm.
 */
public final class LayerNorm {

    private LayerNorm() {
    }

    /**
     * The forward pass, (N, D) -&gt; (N, D).
     *
     * @param x input (N, D), N &gt;= 1, D &gt;= 1, finite, and small enough that each row's mean and variance
     *     fit in a double (magnitudes below about 1e154); otherwise refused, naming the row; not modified
     * @param gamma scale per feature (D,), finite; not modified
     * @param beta shift per feature (D,), finite; not modified
     * @param eps added to each row's variance, &gt; 0
     * @return a new array (N, D)
     */
    @Solves({BatchNormForward.class, BatchNormBlock.class})
    public static double[][] forward(double[][] x, double[] gamma, double[] beta, double eps) {
        EntryPoints.entered();
        String op = "LayerNorm.forward";
        int d = BatchNormChecks.input(op, x, gamma, beta);
        Require.above(op, "eps", eps, 0.0, "usually 1e-5");
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double mu = 0;
            for (double v : xi) {
                mu += v;
            }
            mu /= d;
            double var = 0;
            for (double v : xi) {
                var += (v - mu) * (v - mu);
            }
            var /= d;
            if (!(Math.abs(mu) <= Double.MAX_VALUE && var <= Double.MAX_VALUE)) {
                // A NaN or infinity in row i, or finite values whose sum or squares overflowed: sqrt(Inf) would
                // make every xhat 0 and return beta, a wrong answer without a word.
                Require.finite(op, "x[" + i + "]", xi);
                throw new NonFiniteException(op + ": the " + (Double.isFinite(mu) ? "variance" : "mean") + " of row "
                        + i + " overflowed to " + (Double.isFinite(mu) ? var : mu) + " although x[" + i + "] is finite "
                        + "(its largest magnitude is " + largest(xi) + "); the values are too large (near 1e154 or "
                        + "more), so scale them down.");
            }
            double inv = 1.0 / Math.sqrt(var + eps);
            double[] oi = new double[d];
            for (int j = 0; j < d; j++) {
                oi[j] = gamma[j] * (xi[j] - mu) * inv + beta[j];
            }
            out[i] = oi;
        }
        // x and the statistics are finite here (gamma and beta are checked above), so a NaN or infinity in the
        // output is an overflow of gamma xhat + beta, which the message names.
        return Require.finiteResult(op, out, Require.input("x", x), Require.input("gamma", gamma),
                Require.input("beta", beta));
    }

    private static double largest(double[] v) {
        double m = 0;
        for (double e : v) {
            m = Math.max(m, Math.abs(e));
        }
        return m;
    }
}
