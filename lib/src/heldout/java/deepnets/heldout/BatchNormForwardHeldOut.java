package deepnets.heldout;

import deepnets.exercises.BatchNormForward;
import deepnets.exercises.BnForward;
import deepnets.exercises.Exercises;
import deepnets.layers.BatchNorm;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 04, Exercise 1, held out: a batch of one, a unit whose values are all equal (variance 0), one unit, a
 * wide batch with large offsets, other eps, negative gamma; z, gamma and beta unchanged, new arrays returned.
 */
final class BatchNormForwardHeldOut extends HeldOutCheck<BatchNormForward.Fn> {

    BatchNormForwardHeldOut() {
        super(Exercises.batchNormForward());
    }

    @Override
    public BatchNormForward.Fn solution() {
        return (z, gamma, beta, eps) -> {
            int m = z.length;
            int n = z[0].length;
            double[] mu = new double[n];
            for (double[] row : z) {
                for (int j = 0; j < n; j++) {
                    mu[j] += row[j];
                }
            }
            for (int j = 0; j < n; j++) {
                mu[j] /= m;
            }
            double[] var = new double[n];
            for (double[] row : z) {
                for (int j = 0; j < n; j++) {
                    var[j] += (row[j] - mu[j]) * (row[j] - mu[j]);
                }
            }
            for (int j = 0; j < n; j++) {
                var[j] /= m;
            }
            double[][] zNorm = new double[m][n];
            double[][] out = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    zNorm[i][j] = (z[i][j] - mu[j]) / Math.sqrt(var[j] + eps);
                    out[i][j] = gamma[j] * zNorm[i][j] + beta[j];
                }
            }
            return new BnForward(out, mu, var, zNorm);
        };
    }

    @Override
    public String check(BatchNormForward.Fn yours) {
        SplittableRandom random = new SplittableRandom(4_20261207L);
        // {m, n}; the offset of the values; eps.
        int[][] shapes = {{1, 4}, {5, 1}, {2, 3}, {40, 9}, {6, 3}};
        double[] offsets = {0.5, -3, 1, 1000, 0};
        double[] epsilons = {1e-5, 0.5, 1e-3, 1e-5, 0.1};
        String[] kinds = {"a batch of one example", "a single unit", "a batch of two examples",
            "a batch of 40 examples with values near 1000", "a batch whose unit 1 has all values equal"};
        for (int c = 0; c < shapes.length; c++) {
            int m = shapes[c][0];
            int n = shapes[c][1];
            double eps = epsilons[c];
            double[][] z = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    z[i][j] = offsets[c] + (j + 1) * (random.nextDouble() * 4 - 2);
                }
            }
            if (c == 4) {
                for (double[] row : z) {
                    row[1] = 2.75;
                }
            }
            double[] gamma = values(random, n, -2, 2);
            double[] beta = values(random, n, -1, 1);
            double[][] zBefore = copy(z);
            double[] gammaBefore = gamma.clone();
            double[] betaBefore = beta.clone();
            String what = kinds[c] + " (m = " + m + ", n = " + n + ", eps = " + eps + ")";
            BnForward got = run(what, () -> yours.apply(z, gamma, beta, eps));
            require(Arrays.deepEquals(zBefore, z), "your function changes its input z (on " + what + ")");
            require(Arrays.equals(gammaBefore, gamma) && Arrays.equals(betaBefore, beta),
                    "your function changes gamma or beta (on " + what + ")");
            require(got != null && got.out() != null && got.mu() != null && got.var() != null && got.zNorm() != null,
                    "on " + what + " your result or one of its four arrays is null");
            require(got.out() != z && got.zNorm() != z, "on " + what + " you return the input array z itself as out "
                    + "or zNorm; return new arrays");
            BatchNorm.Forward want = BatchNorm.forwardTrain(copy(zBefore), gammaBefore.clone(), betaBefore.clone(), eps);
            require(got.mu().length == n && got.var().length == n, "on " + what + " mu or var does not have one entry "
                    + "per unit (column)");
            require(close(got.mu(), want.cache().mu(), 1e-9), "on " + what + " your mu (the mean of each unit over the "
                    + "examples) differs from the expected one");
            require(close(got.var(), want.cache().var(), 1e-9), "on " + what + " your var (the variance of each unit, "
                    + "divided by m) differs from the expected one");
            require(close(got.zNorm(), want.cache().xhat(), 1e-9), "on " + what + " your zNorm differs from the "
                    + "expected one");
            require(close(got.out(), want.out(), 1e-9), "on " + what + " your out differs from the expected one");
        }
        return "a batch of one, one unit, two examples, values near 1000, a constant unit; inputs unchanged";
    }

    private static double[] values(SplittableRandom random, int n, double lo, double hi) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
