package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.layers.BatchNorm;
import java.util.List;

/**
 * Notebook 06, Exercise 1: the running averages of batch norm, updated in place after a training mini-batch,
 * {@code runningMean_j = beta runningMean_j + (1 - beta) batchMean_j} and the same for the variance; the batch
 * statistics are not modified.
 */
public final class RunningAverages extends Task<RunningAverages.Fn> {

    /** The student's {@code updateRunningAverages}: updates {@code runningMean} and {@code runningVar} in place. */
    @FunctionalInterface
    public interface Fn {
        void apply(double[] runningMean, double[] runningVar, double[] batchMean, double[] batchVar, double beta);
    }

    // Four units whose batch statistics differ from the starting values and from each other, so that swapped
    // weights, a crossed mean and variance or a standard deviation in place of the variance all show.
    private static final double[] BATCH_MEAN = {0.5, -1.0, 2.0, 0.0};
    private static final double[] BATCH_VAR = {1.0, 0.25, 4.0, 0.01};
    private static final double[] START_MEAN = {0.1, 0.2, -0.3, 1.0};
    private static final double[] START_VAR = {2.0, 1.0, 0.5, 1.5};
    // 0.9 is the usual value; 0.6 tells an argument from a hard-coded 0.9.
    private static final double[] BETAS = {0.9, 0.6};

    private static final String NOT_IN_PLACE = "the array was not changed: update its entries in place (assigning a "
            + "new array to the parameter does not reach the caller)";

    RunningAverages() {
        super("06-batch-norm-test-time", "Exercise 1 (running averages)", 1, Fn.class);
    }

    /** The reference: the library's update on copies; returns the new running mean and variance. */
    @Solves(RunningAverages.class)
    public static double[][] reference(double[] runningMean, double[] runningVar, double[] batchMean,
                                       double[] batchVar, double beta) {
        EntryPoints.entered();
        double[] mean = runningMean.clone();
        double[] var = runningVar.clone();
        BatchNorm.updateRunning(mean, batchMean.clone(), beta);
        BatchNorm.updateRunning(var, batchVar.clone(), beta);
        return new double[][] {mean, var};
    }

    @Override
    protected String visible(Fn yours) {
        for (double beta : BETAS) {
            double[] mean = START_MEAN.clone();
            double[] var = START_VAR.clone();
            double[] batchMean = BATCH_MEAN.clone();
            double[] batchVar = BATCH_VAR.clone();
            run(() -> yours.apply(mean, var, batchMean, batchVar, beta));
            String with = " with beta = " + beta;
            Check.allClose("batchMean after the call" + with, BATCH_MEAN, batchMean, 0,
                    "the batch statistics were changed: update runningMean and runningVar, and only read batchMean "
                            + "and batchVar");
            Check.allClose("batchVar after the call" + with, BATCH_VAR, batchVar, 0,
                    "the batch statistics were changed: update runningMean and runningVar, and only read batchMean "
                            + "and batchVar");
            double[][] expected = reference(START_MEAN, START_VAR, BATCH_MEAN, BATCH_VAR, beta);
            Check.allCloseWithDiagnosis("runningMean after one update" + with, expected[0], mean, 1e-12,
                    diagnose(m -> after(m, beta)[0]));
            Check.allCloseWithDiagnosis("runningVar after one update" + with, expected[1], var, 1e-12,
                    diagnose(m -> after(m, beta)[1]));
        }
        return "the running averages move a fraction (1 - beta) of the way to the batch statistics, in place";
    }

    /** What {@code code} leaves in the running mean and variance, on fresh copies of the check's input. */
    private static double[][] after(Fn code, double beta) {
        double[] mean = START_MEAN.clone();
        double[] var = START_VAR.clone();
        code.apply(mean, var, BATCH_MEAN.clone(), BATCH_VAR.clone(), beta);
        return new double[][] {mean, var};
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("weights swapped", "the weights are swapped: (1 - beta) * running + beta * batch",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = (1 - beta) * rm[j] + beta * bm[j];
                            rv[j] = (1 - beta) * rv[j] + beta * bv[j];
                        })),
                new Mistake<>("replaced by the batch statistics",
                        "the running average is replaced by the batch statistic instead of averaged",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = bm[j];
                            rv[j] = bv[j];
                        })),
                new Mistake<>("(1 - beta) forgotten", "the factor (1 - beta) is missing",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = beta * rm[j] + bm[j];
                            rv[j] = beta * rv[j] + bv[j];
                        })),
                new Mistake<>("variance averaged as a standard deviation",
                        "the batch's standard deviation is averaged instead of its variance",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = beta * rm[j] + (1 - beta) * bm[j];
                            rv[j] = beta * rv[j] + (1 - beta) * Math.sqrt(bv[j]);
                        })),
                new Mistake<>("new arrays instead of updating in place", NOT_IN_PLACE,
                        (rm, rv, bm, bv, beta) -> {
                            double[] mean = new double[rm.length];
                            double[] var = new double[rv.length];
                            for (int j = 0; j < mean.length; j++) {
                                mean[j] = beta * rm[j] + (1 - beta) * bm[j];
                                var[j] = beta * rv[j] + (1 - beta) * bv[j];
                            }
                            rm = mean;
                            rv = var;
                        }),
                new Mistake<>("beta hard-coded as 0.9", "beta is fixed at 0.9 instead of the argument",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = 0.9 * rm[j] + 0.1 * bm[j];
                            rv[j] = 0.9 * rv[j] + 0.1 * bv[j];
                        })),
                new Mistake<>("mean and variance crossed", "the running mean is averaged with the batch variance and the "
                        + "running variance with the batch mean (mean and variance crossed)",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = beta * rm[j] + (1 - beta) * bv[j];
                            rv[j] = beta * rv[j] + (1 - beta) * bm[j];
                        })),
                new Mistake<>("the batch statistics updated instead of the running ones",
                        "the batch statistics were changed",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            bm[j] = beta * rm[j] + (1 - beta) * bm[j];
                            bv[j] = beta * rv[j] + (1 - beta) * bv[j];
                        })),
                new Mistake<>("the last unit left out", "the last unit is not updated: the loop must run over "
                        + "every unit, j = 0 .. n - 1",
                        (rm, rv, bm, bv, beta) -> each(rm.length - 1, j -> {
                            rm[j] = beta * rm[j] + (1 - beta) * bm[j];
                            rv[j] = beta * rv[j] + (1 - beta) * bv[j];
                        })));
    }

    @Override
    public Fn bypass() {
        return (rm, rv, bm, bv, beta) -> {
            BatchNorm.updateRunning(rm, bm, beta);
            BatchNorm.updateRunning(rv, bv, beta);
        };
    }

    private static void each(int n, java.util.function.IntConsumer body) {
        for (int j = 0; j < n; j++) {
            body.accept(j);
        }
    }
}
