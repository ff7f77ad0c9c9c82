package deepnets.exercises;

import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.layers.BatchNorm;
import java.util.List;
import java.util.Map;

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

    /** One input: the running and batch statistics (n,) and beta. */
    private record Case(double[] rm, double[] rv, double[] bm, double[] bv, double beta) {

        String show() {
            return "runningMean = " + Probe.show(rm) + ", runningVar = " + Probe.show(rv) + ", batchMean = "
                    + Probe.show(bm) + ", batchVar = " + Probe.show(bv) + ", beta = " + beta;
        }

        /** The right new running mean and variance; beta = 1 keeps the old values by the formula. */
        double[][] right() {
            return beta == 1 ? new double[][] {rm.clone(), rv.clone()} : reference(rm, rv, bm, bv, beta);
        }
    }

    // Simplest first: beta = 0 copies the batch, beta = 1 keeps the old value, then each of three units.
    private static final Case COPIES = new Case(new double[] {5}, new double[] {2}, new double[] {1},
            new double[] {3}, 0);
    private static final Case KEEPS = new Case(new double[] {5}, new double[] {2}, new double[] {1}, new double[] {3},
            1);
    private static final Case UNITS = new Case(new double[] {4, 6, 8}, new double[] {1, 2, 3},
            new double[] {0, 2, 4}, new double[] {3, 4, 5}, 0.5);

    /** What {@code code} leaves in the running mean and variance on copies of {@code c}, batch unchanged. */
    private double[][] run(Fn code, Case c, String piece) {
        double[] mean = c.rm().clone();
        double[] var = c.rv().clone();
        double[] bm = c.bm().clone();
        double[] bv = c.bv().clone();
        Probe.run(piece, c.show(), () -> {
            run(() -> code.apply(mean, var, bm, bv, c.beta()));
            return null;
        });
        String readOnly = "the batch statistics were changed: update runningMean and runningVar, and only read "
                + "batchMean and batchVar";
        Probe.unchanged("batchMean", c.bm(), bm, readOnly);
        Probe.unchanged("batchVar", c.bv(), bv, readOnly);
        return new double[][] {mean, var};
    }

    private java.util.Set<String> consistent = java.util.Set.of();

    private Map<String, double[]> known(Case c, int which) {
        return only(diagnose(m -> {
            double[] mean = c.rm().clone();
            double[] var = c.rv().clone();
            m.apply(mean, var, c.bm().clone(), c.bv().clone(), c.beta());
            return which == 0 ? mean : var;
        }), consistent);
    }

    private void probe(Fn yours, Case c, String piece, String meanRule, String varRule) {
        double[][] got = run(yours, c, piece);
        double[][] want = c.right();
        Probe.vector("runningMean after the call", c.show(), meanRule, want[0], got[0], 1e-12, known(c, 0));
        Probe.vector("runningVar after the call", c.show(), varRule, want[1], got[1], 1e-12, known(c, 1));
    }

    /** The running mean and variance {@code code} leaves on the check's input, for beta = 0.9 and 0.6. */
    private static double[][] fingerprint(Fn code) {
        List<double[]> rows = new java.util.ArrayList<>();
        for (double beta : BETAS) {
            double[] mean = START_MEAN.clone();
            double[] var = START_VAR.clone();
            code.apply(mean, var, BATCH_MEAN.clone(), BATCH_VAR.clone(), beta);
            rows.add(mean);
            rows.add(var);
        }
        return rows.toArray(double[][]::new);
    }

    @Override
    protected String visible(Fn yours) {
        consistent = consistent(yours, RunningAverages::fingerprint);
        probe(yours, COPIES, "beta = 0", "with beta = 0 the running mean becomes the batch mean,",
                "with beta = 0 the running variance becomes the batch variance,");
        boolean refusesOne = false;
        try {
            double[] m = KEEPS.rm().clone();
            double[] v = KEEPS.rv().clone();
            run(() -> yours.apply(m, v, KEEPS.bm().clone(), KEEPS.bv().clone(), 1));
        } catch (IllegalArgumentException e) {
            refusesOne = true; // beta = 1 refused as outside [0, 1): allowed
        } catch (RuntimeException e) {
            // reported with its input by the probe below
        }
        if (!refusesOne) {
            probe(yours, KEEPS, "beta = 1", "with beta = 1 the running mean keeps its old value,",
                    "with beta = 1 the running variance keeps its old value,");
        }
        probe(yours, UNITS, "every unit", "0.5 * runningMean + 0.5 * batchMean, unit by unit,",
                "0.5 * runningVar + 0.5 * batchVar, unit by unit,");
        for (double beta : BETAS) {
            Case c = new Case(START_MEAN, START_VAR, BATCH_MEAN, BATCH_VAR, beta);
            double[][] got = run(yours, c, "beta = " + beta);
            double[][] expected = c.right();
            Probe.vector("runningMean after one update", c.show(), "beta * runningMean + (1 - beta) * batchMean",
                    expected[0], got[0], 1e-12, known(c, 0));
            Probe.vector("runningVar after one update", c.show(), "beta * runningVar + (1 - beta) * batchVar",
                    expected[1], got[1], 1e-12, known(c, 1));
        }
        return "beta = 0 copies the batch, beta = 1 keeps the old value, every unit, and the running averages move "
                + "a fraction (1 - beta) of the way to the batch statistics, in place";
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
                new Mistake<>("the first unit left out", "the first unit is not updated: the loop must start at "
                        + "j = 0",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            if (j > 0) {
                                rm[j] = beta * rm[j] + (1 - beta) * bm[j];
                                rv[j] = beta * rv[j] + (1 - beta) * bv[j];
                            }
                        })),
                new Mistake<>("the variance updated with the new running mean", "the running variance is averaged "
                        + "with the running mean you just updated instead of the batch variance",
                        (rm, rv, bm, bv, beta) -> each(rm.length, j -> {
                            rm[j] = beta * rm[j] + (1 - beta) * bm[j];
                            rv[j] = beta * rv[j] + (1 - beta) * rm[j];
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
