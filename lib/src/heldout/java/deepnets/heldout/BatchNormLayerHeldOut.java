package deepnets.heldout;

import deepnets.core.Matrices;
import deepnets.exercises.BatchNormLayer;
import deepnets.exercises.BatchNormState;
import deepnets.exercises.Exercises;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 06, Exercise 3, held out: test mode before any training (running mean 0, variance 1), one unit and
 * several, batches of 2 to 7 rows, averagingBeta at the ends of its range (0 and 0.99), a test batch of several rows,
 * negative gamma; x, gamma and beta never modified, and nothing modified in test mode.
 */
final class BatchNormLayerHeldOut extends HeldOutCheck<BatchNormLayer.Fn> {

    BatchNormLayerHeldOut() {
        super(Exercises.batchNormLayer());
    }

    @Override
    public BatchNormLayer.Fn solution() {
        return (layer, x, training) -> {
            int m = x.length;
            int n = layer.gamma.length;
            double[] mu = layer.runningMean;
            double[] var = layer.runningVar;
            if (training) {
                mu = new double[n];
                var = new double[n];
                for (double[] row : x) {
                    for (int j = 0; j < n; j++) {
                        mu[j] += row[j] / m;
                    }
                }
                for (double[] row : x) {
                    for (int j = 0; j < n; j++) {
                        var[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / m;
                    }
                }
            }
            double[][] out = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    out[i][j] = layer.gamma[j] * (x[i][j] - mu[j]) / Math.sqrt(var[j] + layer.eps) + layer.beta[j];
                }
            }
            if (training) {
                for (int j = 0; j < n; j++) {
                    layer.runningMean[j] = layer.averagingBeta * layer.runningMean[j]
                            + (1 - layer.averagingBeta) * mu[j];
                    layer.runningVar[j] = layer.averagingBeta * layer.runningVar[j]
                            + (1 - layer.averagingBeta) * var[j];
                }
            }
            return out;
        };
    }

    @Override
    public String check(BatchNormLayer.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261209);
        int[] widths = {1, 5, 2};
        double[] averagingBetas = {0.99, 0.0, 0.5};
        double[] epsilons = {1e-5, 0.3, 1e-3};
        int[][] batchSizes = {{2, 7}, {3, 2, 5}, {6}};
        int[] testRows = {1, 4, 3};
        for (int c = 0; c < widths.length; c++) {
            int n = widths[c];
            String layerKind = "a layer of " + n + (n == 1 ? " unit" : " units") + " with averagingBeta = "
                    + averagingBetas[c] + " and eps = " + epsilons[c];
            BatchNormState layer = new BatchNormState(n, averagingBetas[c], epsilons[c]);
            for (int j = 0; j < n; j++) {
                layer.gamma[j] = random.nextDouble(-2, 2);
                layer.beta[j] = random.nextDouble(-1, 1);
            }
            BatchNormState expected = layer.copy();
            double[] gamma = layer.gamma.clone();
            double[] beta = layer.beta.clone();
            // Test mode before any training: the running averages are still 0 and 1.
            testStep(yours, layer, expected, values(random, testRows[c], n), "a test-mode forward of "
                    + testRows[c] + (testRows[c] == 1 ? " row" : " rows") + " before any training, on " + layerKind);
            for (int step = 0; step < batchSizes[c].length; step++) {
                int m = batchSizes[c][step];
                double[][] batch = values(random, m, n);
                String what = "training step " + (step + 1) + " with a batch of " + m + " rows, on " + layerKind;
                double[][] want = BatchNormLayer.reference(expected, batch, true);
                double[][] x = Matrices.copy(batch);
                double[][] out = run(what, () -> yours.apply(layer, x, true));
                require(Arrays.deepEquals(batch, x), "your function changes its input x (on " + what + ")");
                require(out != x, "on " + what + " your result is the input array x itself; return a new array");
                require(close(out, want, 1e-9), "on " + what + " the training-mode output differs from the "
                        + "expected one");
                require(close(layer.runningMean, expected.runningMean, 1e-12) && close(layer.runningVar,
                        expected.runningVar, 1e-12), "on " + what + " the running averages after the step differ "
                        + "from the expected ones");
                require(Arrays.equals(gamma, layer.gamma) && Arrays.equals(beta, layer.beta), "your function "
                        + "changes gamma or beta (on " + what + "); the forward pass only reads them");
            }
            testStep(yours, layer, expected, values(random, testRows[c], n), "a test-mode forward of "
                    + testRows[c] + (testRows[c] == 1 ? " row" : " rows") + " after training, on " + layerKind);
        }
        return "test mode before and after training, 1 to 5 units, batches of 2 to 7 rows, averagingBeta = 0 and "
                + "0.99, nothing modified that should not be";
    }

    private void testStep(BatchNormLayer.Fn yours, BatchNormState layer, BatchNormState expected, double[][] batch,
                          String what) {
        double[][] want = BatchNormLayer.reference(expected, batch, false);
        double[] meanBefore = layer.runningMean.clone();
        double[] varBefore = layer.runningVar.clone();
        double[][] x = Matrices.copy(batch);
        double[][] out = run(what, () -> yours.apply(layer, x, false));
        require(Arrays.deepEquals(batch, x), "your function changes its input x (on " + what + "); write the "
                + "output into a new array");
        require(out != x, "on " + what + " your result is the input array x itself; return a new array");
        require(Arrays.equals(meanBefore, layer.runningMean) && Arrays.equals(varBefore, layer.runningVar),
                "your function changes the running averages in test mode (on " + what + "); nothing may change at "
                        + "test time");
        require(close(out, want, 1e-9), "on " + what + " the test-mode output differs from the expected one");
    }

    private static double[][] values(SplittableRandom random, int m, int n) {
        double[][] out = new double[m][n];
        for (double[] row : out) {
            for (int j = 0; j < n; j++) {
                row[j] = random.nextDouble(-4, 4);
            }
        }
        return out;
    }
}
