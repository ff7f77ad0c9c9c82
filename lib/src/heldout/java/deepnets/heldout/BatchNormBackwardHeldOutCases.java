package deepnets.heldout;

import deepnets.layers.BatchNorm;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * The held-out cases of both batch-norm backward exercises (notebook 05, Exercises 1 and 2): a batch of one, one
 * unit, two examples, a unit whose values are all equal, a wide batch with values near 100 and negative gamma, eps
 * from 1e-5 to 1; dout and the cache unchanged. Its name contains "HeldOut": the grader packs only such classes of
 * this package into deepnets-heldout.jar.
 */
final class BatchNormBackwardHeldOutCases {

    private BatchNormBackwardHeldOutCases() {
    }

    static String check(HeldOutCheck<?> check, BiFunction<double[][], BatchNorm.Cache, BatchNorm.Gradients> yours) {
        SplittableRandom random = new SplittableRandom(5_20261207L);
        int[][] shapes = {{1, 3}, {5, 1}, {2, 4}, {6, 3}, {17, 9}};
        double[] offsets = {0.5, -2, 1, 0, 100};
        double[] epsilons = {1e-5, 1.0, 1e-3, 1e-3, 1e-5};
        String[] kinds = {"a batch of one example", "a single unit", "a batch of two examples",
            "a batch whose unit 2 has all values equal", "a batch of 17 examples with values near 100"};
        for (int c = 0; c < shapes.length; c++) {
            int m = shapes[c][0];
            int n = shapes[c][1];
            double eps = epsilons[c];
            double[][] x = new double[m][n];
            double[][] dout = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    x[i][j] = offsets[c] + (j + 1) * (random.nextDouble() * 2 - 1);
                    dout[i][j] = random.nextDouble() * 4 - 2;
                }
            }
            if (c == 3) {
                for (double[] row : x) {
                    row[2] = -1.25;
                }
            }
            double[] gamma = new double[n];
            double[] beta = new double[n];
            for (int j = 0; j < n; j++) {
                gamma[j] = (random.nextBoolean() ? 1 : -1) * (0.25 + 2 * random.nextDouble());
                beta[j] = random.nextDouble() - 0.5;
            }
            BatchNorm.Cache cache = BatchNorm.forwardTrain(copy(x), gamma, beta, eps).cache();
            BatchNorm.Cache before = BatchNorm.forwardTrain(copy(x), gamma.clone(), beta.clone(), eps).cache();
            double[][] doutBefore = copy(dout);
            String what = kinds[c] + " (m = " + m + ", n = " + n + ", eps = " + eps + ")";
            BatchNorm.Gradients got = check.run(what, () -> yours.apply(dout, cache));
            check.require(Arrays.deepEquals(doutBefore, dout), "your function changes its input dout (on " + what + ")");
            check.require(Arrays.deepEquals(before.x(), cache.x()) && Arrays.equals(before.mu(), cache.mu())
                    && Arrays.equals(before.var(), cache.var()) && Arrays.equals(before.invStd(), cache.invStd())
                    && Arrays.equals(before.gamma(), cache.gamma()),
                    "your function changes an array of the cache (on " + what + ")");
            check.require(got != null && got.dx() != null && got.dgamma() != null && got.dbeta() != null,
                    "on " + what + " your result or one of dx, dgamma, dbeta is null");
            BatchNorm.Gradients want = BatchNorm.backwardSimplified(copy(doutBefore), before);
            check.require(got.dbeta().length == n && got.dgamma().length == n, "on " + what + " dgamma or dbeta does "
                    + "not have one entry per unit (column)");
            check.require(HeldOutCheck.close(got.dbeta(), want.dbeta(), 1e-9), "on " + what + " your dbeta differs from "
                    + "the expected one");
            check.require(HeldOutCheck.close(got.dgamma(), want.dgamma(), 1e-9), "on " + what + " your dgamma differs "
                    + "from the expected one");
            check.require(HeldOutCheck.close(got.dx(), want.dx(), 1e-9), "on " + what + " your dx differs from the "
                    + "expected one");
        }
        return "a batch of one, one unit, two examples, a constant unit, values near 100, negative gamma; inputs "
                + "unchanged";
    }

    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
