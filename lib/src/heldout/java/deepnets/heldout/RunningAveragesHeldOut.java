package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.RunningAverages;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 06, Exercise 1, held out: one unit and many, beta at the ends of its range (0 and 0.999), several updates
 * in a row on the same arrays, the batch statistics unchanged.
 */
final class RunningAveragesHeldOut extends HeldOutCheck<RunningAverages.Fn> {

    RunningAveragesHeldOut() {
        super(Exercises.runningAverages());
    }

    @Override
    public RunningAverages.Fn solution() {
        return (runningMean, runningVar, batchMean, batchVar, beta) -> {
            for (int j = 0; j < runningMean.length; j++) {
                runningMean[j] = beta * runningMean[j] + (1 - beta) * batchMean[j];
                runningVar[j] = beta * runningVar[j] + (1 - beta) * batchVar[j];
            }
        };
    }

    @Override
    public String check(RunningAverages.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261208);
        int[] widths = {1, 9, 5};
        double[] betas = {0.999, 0.0, 0.75};
        int[] updates = {1, 2, 4};
        for (int c = 0; c < widths.length; c++) {
            int n = widths[c];
            double beta = betas[c];
            String what = n + (n == 1 ? " unit" : " units") + ", beta = " + beta + " and " + updates[c]
                    + (updates[c] == 1 ? " update" : " updates in a row on the same arrays");
            double[] mean = values(random, n, -2, 2);
            double[] var = values(random, n, 0.05, 3);
            double[] wantMean = mean.clone();
            double[] wantVar = var.clone();
            for (int u = 0; u < updates[c]; u++) {
                double[] batchMean = values(random, n, -3, 3);
                double[] batchVar = values(random, n, 0.01, 5);
                double[] meanBefore = batchMean.clone();
                double[] varBefore = batchVar.clone();
                run(what, () -> {
                    yours.apply(mean, var, batchMean, batchVar, beta);
                    return null;
                });
                double[][] want = RunningAverages.reference(wantMean, wantVar, meanBefore, varBefore, beta);
                wantMean = want[0];
                wantVar = want[1];
                require(Arrays.equals(meanBefore, batchMean) && Arrays.equals(varBefore, batchVar),
                        "your function changes its input batchMean or batchVar (on " + what + "); only the running "
                                + "averages may change");
                require(close(mean, wantMean, 1e-12), "on " + what + " the running mean after the update differs "
                        + "from the expected one");
                require(close(var, wantVar, 1e-12), "on " + what + " the running variance after the update differs "
                        + "from the expected one");
            }
        }
        return "one unit and nine, beta = 0 and 0.999, several updates in a row, batch statistics unchanged";
    }

    private static double[] values(SplittableRandom random, int n, double lo, double hi) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }
}
