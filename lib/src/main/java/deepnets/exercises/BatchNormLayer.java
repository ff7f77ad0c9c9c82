package deepnets.exercises;

import deepnets.check.Check;
import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.layers.BatchNorm;
import java.util.List;

/**
 * Notebook 06, Exercise 3: the forward pass of a batch-norm layer with two modes, on the layer's
 * {@link BatchNormState}. Training normalizes the batch with its own per-unit mean and variance (divided by m) and
 * then updates the running averages with them; test mode normalizes with the running averages, for any number of
 * rows, and changes nothing. x is never modified.
 */
public final class BatchNormLayer extends Task<BatchNormLayer.Fn> {

    /** The student's {@code batchNormForward(layer, x, training)}. */
    @FunctionalInterface
    public interface Fn {
        double[][] apply(BatchNormState layer, double[][] x, boolean training);
    }

    // 3 units; unit 2 has a tiny spread and eps = 0.05, so where eps goes shows; averagingBeta = 0.7 tells the two
    // weights apart; batches of 4 and 3 rows tell m from m - 1.
    private static final double AVERAGING_BETA = 0.7;
    private static final double EPS = 0.05;
    private static final double[] GAMMA = {1.5, 0.5, 2.0};
    private static final double[] BETA = {0.1, -0.2, 0.3};
    private static final double[][][] BATCHES = {
        {{1.0, -2.0, 0.50}, {3.0, 0.0, 0.52}, {2.0, 1.0, 0.49}, {-1.0, 4.0, 0.51}},
        {{0.5, 1.0, 0.70}, {1.5, -1.0, 0.71}, {4.0, 2.0, 0.69}},
    };
    // One example: test mode must not need a batch.
    private static final double[][] TEST_BATCH = {{2.0, 0.5, 0.6}};

    private static final String KEEP_X = "do not modify x: write the output into a new array";
    private static final String TEST_CHANGES_NOTHING = "test mode changed the running averages: update them only in "
            + "training mode";

    BatchNormLayer() {
        super("06-batch-norm-test-time", "Exercise 3 (batch-norm layer)", 2, Fn.class);
    }

    /**
     * The reference: the library's training or test pass on a copy of {@code x}; in training it also updates the
     * running averages of {@code layer}, as the student's method must.
     */
    @Solves(BatchNormLayer.class)
    public static double[][] reference(BatchNormState layer, double[][] x, boolean training) {
        EntryPoints.entered();
        if (!training) {
            return BatchNorm.forwardTest(Matrices.copy(x), layer.gamma.clone(), layer.beta.clone(),
                    layer.runningMean.clone(), layer.runningVar.clone(), layer.eps);
        }
        BatchNorm.Forward f = BatchNorm.forwardTrain(Matrices.copy(x), layer.gamma.clone(), layer.beta.clone(),
                layer.eps);
        BatchNorm.updateRunning(layer.runningMean, f.cache().mu().clone(), layer.averagingBeta);
        BatchNorm.updateRunning(layer.runningVar, f.cache().var().clone(), layer.averagingBeta);
        return f.out();
    }

    /** The layer of the check: 3 units with the check's gamma, beta, averagingBeta and eps. */
    private static BatchNormState start() {
        BatchNormState layer = new BatchNormState(GAMMA.length, AVERAGING_BETA, EPS);
        System.arraycopy(GAMMA, 0, layer.gamma, 0, GAMMA.length);
        System.arraycopy(BETA, 0, layer.beta, 0, BETA.length);
        return layer;
    }

    /** A layer of {@code n} units: running mean and variance, averagingBeta, eps; gamma 1, beta 0 unless given. */
    private static BatchNormState layer(double[] mean, double[] var, double averagingBeta, double eps, double[] gamma,
                                        double[] beta) {
        BatchNormState l = new BatchNormState(mean.length, averagingBeta, eps);
        System.arraycopy(mean, 0, l.runningMean, 0, mean.length);
        System.arraycopy(var, 0, l.runningVar, 0, var.length);
        if (gamma != null) {
            System.arraycopy(gamma, 0, l.gamma, 0, gamma.length);
            System.arraycopy(beta, 0, l.beta, 0, beta.length);
        }
        return l;
    }

    private static String show(BatchNormState l, double[][] x, boolean training) {
        return "a layer with runningMean = " + Probe.show(l.runningMean) + ", runningVar = "
                + Probe.show(l.runningVar) + ", gamma = " + Probe.show(l.gamma) + ", beta = " + Probe.show(l.beta)
                + ", averagingBeta = " + l.averagingBeta + ", eps = " + l.eps + ", x = " + Probe.show(x)
                + ", training = " + training;
    }

    /**
     * Runs the student's code on a copy of {@code start} and of {@code x}, with the hazards: x unchanged, gamma and
     * beta unchanged, the output not sharing rows with x, and in test mode the running averages unchanged.
     */
    private double[][] probeRun(Fn yours, BatchNormState start, BatchNormState layer, double[][] x, boolean training,
                                String piece) {
        double[][] given = Matrices.copy(x);
        double[][] out = Probe.run(piece, show(start, x, training), () -> call(() -> yours.apply(layer, given,
                training)));
        Probe.unchanged("x", x, given, KEEP_X + (training ? "" : " (test mode too)"));
        Probe.unchanged("gamma", start.gamma, layer.gamma, "gamma and beta are the layer's parameters: the forward "
                + "pass only reads them");
        Probe.unchanged("beta", start.beta, layer.beta, "gamma and beta are the layer's parameters: the forward "
                + "pass only reads them");
        if (!training) {
            Probe.unchanged("runningMean", start.runningMean, layer.runningMean, TEST_CHANGES_NOTHING);
            Probe.unchanged("runningVar", start.runningVar, layer.runningVar, TEST_CHANGES_NOTHING);
        }
        Probe.noSharedRows("output", out, "x", given);
        Probe.distinctRows("output", out);
        return out;
    }

    /** One probe: the output, and in training the running averages, each against the reference. */
    private void probe(Fn yours, BatchNormState start, double[][] x, boolean training, String piece, String rule) {
        BatchNormState layer = start.copy();
        double[][] out = probeRun(yours, start, layer, x, training, piece);
        BatchNormState expected = start.copy();
        double[][] want = reference(expected, x, training);
        String input = show(start, x, training);
        Probe.matrix("the output", input, rule, want, out, 1e-12,
                only(diagnose(m -> m.apply(start.copy(), Matrices.copy(x), training)), consistent));
        if (training) {
            Probe.vector("runningMean after the call", input, "averagingBeta * old + (1 - averagingBeta) * the "
                    + "batch mean", expected.runningMean, layer.runningMean, 1e-12,
                    only(diagnose(m -> trained(m, start, x).runningMean), consistent));
            Probe.vector("runningVar after the call", input, "averagingBeta * old + (1 - averagingBeta) * the "
                    + "batch variance (divided by m)", expected.runningVar, layer.runningVar, 1e-12,
                    only(diagnose(m -> trained(m, start, x).runningVar), consistent));
        }
    }

    // The probes, simplest first. A fresh layer in test mode, eps = 3: x / sqrt(1 + 3) = x / 2.
    private static final double[][] ONE_EXAMPLE = {{2, -1}};
    // Test mode with running statistics set, two rows: (x - mean) / sqrt(var + 3).
    private static final double[][] TWO_EXAMPLES = {{5, 1}, {1, -3}};
    // Training: a column (0, 4) and a constant column, eps = 5 (sqrt(4 + 5) = 3), averagingBeta = 0.75.
    private static final double[][] TRAIN = {{0, 5}, {4, 5}};

    private java.util.Set<String> consistent = java.util.Set.of();

    /** One training step on the first batch (output, running mean and variance), then the test-mode output. */
    private static double[][] fingerprint(Fn code) {
        BatchNormState layer = start();
        List<double[]> rows = new java.util.ArrayList<>(List.of(code.apply(layer, Matrices.copy(BATCHES[0]), true)));
        rows.add(layer.runningMean.clone());
        rows.add(layer.runningVar.clone());
        rows.addAll(List.of(code.apply(layer, Matrices.copy(TEST_BATCH), false)));
        return rows.toArray(double[][]::new);
    }

    @Override
    protected String visible(Fn yours) {
        consistent = consistent(yours, BatchNormLayer::fingerprint);
        probe(yours, layer(new double[] {0, 0}, new double[] {1, 1}, 0.75, 3, null, null), ONE_EXAMPLE, false,
                "test mode on a fresh layer", "x / sqrt(runningVar + eps) = x / sqrt(1 + 3), with the running "
                        + "averages (a fresh layer: mean 0, variance 1)");
        probe(yours, layer(new double[] {1, -1}, new double[] {13, 1}, 0.75, 3, null, null), TWO_EXAMPLES, false,
                "test mode with two rows", "(x - runningMean) / sqrt(runningVar + eps), row by row,");
        probe(yours, layer(new double[] {0, 0}, new double[] {1, 1}, 0.75, 5, null, null), TRAIN, true,
                "training mode", "(x - mu) / sqrt(var + eps) with the batch's own mean and variance (divided by "
                        + "m = 2), here (x - 2) / sqrt(4 + 5) and 0 for the constant column,");
        probe(yours, layer(new double[] {0, 0}, new double[] {1, 1}, 0.75, 5, new double[] {3, 2},
                new double[] {10, -1}), TRAIN, true, "gamma and beta", "gamma * xNorm + beta, per unit,");
        probe(yours, layer(new double[] {1, -1}, new double[] {13, 1}, 0.75, 3, new double[] {3, 2},
                new double[] {10, -1}), TWO_EXAMPLES, false, "gamma and beta in test mode",
                "gamma * (x - runningMean) / sqrt(runningVar + eps) + beta, per unit,");

        BatchNormState expected = start();
        BatchNormState layer = start();
        for (int step = 0; step < BATCHES.length; step++) {
            double[][] batch = BATCHES[step];
            BatchNormState before = expected.copy();
            double[][] want = reference(expected, batch, true);
            double[][] x = Matrices.copy(batch);
            double[][] out = call(() -> yours.apply(layer, x, true));
            String when = " after training step " + (step + 1);
            Check.allClose("x" + when, batch, x, 0, KEEP_X);
            Check.allCloseWithDiagnosis("training-mode output of step " + (step + 1), want, out, 1e-12,
                    diagnose(m -> m.apply(before.copy(), Matrices.copy(batch), true)));
            Check.allCloseWithDiagnosis("runningMean" + when, expected.runningMean, layer.runningMean, 1e-12,
                    diagnose(m -> trained(m, before, batch).runningMean));
            Check.allCloseWithDiagnosis("runningVar" + when, expected.runningVar, layer.runningVar, 1e-12,
                    diagnose(m -> trained(m, before, batch).runningVar));
            Check.allClose("gamma" + when, GAMMA, layer.gamma, 0, "gamma and beta are the layer's parameters: "
                    + "the forward pass only reads them");
            Check.allClose("beta" + when, BETA, layer.beta, 0, "gamma and beta are the layer's parameters: "
                    + "the forward pass only reads them");
        }
        BatchNormState before = expected.copy();
        double[][] want = reference(expected, TEST_BATCH, false);
        double[] meanBefore = layer.runningMean.clone();
        double[] varBefore = layer.runningVar.clone();
        double[][] x = Matrices.copy(TEST_BATCH);
        double[][] out = call(() -> yours.apply(layer, x, false));
        Check.allClose("x after a test-mode forward", TEST_BATCH, x, 0, KEEP_X + " (test mode too)");
        Check.allCloseWithDiagnosis("test-mode output of one example", want, out, 1e-12,
                diagnose(m -> m.apply(before.copy(), Matrices.copy(TEST_BATCH), false)));
        Check.allClose("runningMean after a test-mode forward", meanBefore, layer.runningMean, 0,
                TEST_CHANGES_NOTHING);
        Check.allClose("runningVar after a test-mode forward", varBefore, layer.runningVar, 0,
                TEST_CHANGES_NOTHING);
        return "batch statistics and running averages in training, running averages alone at test time";
    }

    /** The layer {@code code} leaves after one training step from {@code before}, on copies. */
    private static BatchNormState trained(Fn code, BatchNormState before, double[][] batch) {
        BatchNormState layer = before.copy();
        code.apply(layer, Matrices.copy(batch), true);
        return layer;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("test mode uses the batch's statistics", "test mode normalizes with the batch's own "
                        + "statistics (a single example then always gives beta); use the running averages",
                        (l, x, t) -> sketch(l, x, t, Slip.TEST_USES_BATCH)),
                new Mistake<>("training normalizes with the running averages", "you normalize with the running "
                        + "averages in training mode; training uses the batch's own mean and variance",
                        (l, x, t) -> sketch(l, x, t, Slip.TRAINING_USES_RUNNING)),
                new Mistake<>("running averages never updated", "the running averages are not updated in training "
                        + "mode",
                        (l, x, t) -> sketch(l, x, t, Slip.NO_UPDATE)),
                new Mistake<>("running averages updated in test mode too", TEST_CHANGES_NOTHING,
                        (l, x, t) -> sketch(l, x, t, Slip.UPDATE_IN_TEST)),
                new Mistake<>("averaging weights swapped", "the averaging weights are swapped: (1 - averagingBeta) * "
                        + "old + averagingBeta * batch",
                        (l, x, t) -> sketch(l, x, t, Slip.WEIGHTS_SWAPPED)),
                new Mistake<>("running averages replaced by the batch statistics", "the running averages are "
                        + "replaced by the batch statistics instead of averaged",
                        (l, x, t) -> sketch(l, x, t, Slip.REPLACED)),
                new Mistake<>("running variance fed the m - 1 variance", "the running variance averages the m - 1 "
                        + "variance; use the one you normalized with (divide by m)",
                        (l, x, t) -> sketch(l, x, t, Slip.RUNNING_UNBIASED)),
                new Mistake<>("unbiased variance (m - 1)", "you divide the variance by m - 1; batch norm divides by "
                        + "m",
                        (l, x, t) -> sketch(l, x, t, Slip.UNBIASED)),
                new Mistake<>("eps outside the square root", "eps is added outside the square root, sqrt(var) + eps",
                        (l, x, t) -> sketch(l, x, t, Slip.EPS_OUTSIDE)),
                new Mistake<>("normalizes with the running averages just updated", "in training you normalize with "
                        + "the running averages right after updating them; normalize with the batch's own mean and "
                        + "variance",
                        (l, x, t) -> sketch(l, x, t, Slip.NORMALIZE_WITH_UPDATED)),
                new Mistake<>("test batch normalized in place", KEEP_X,
                        (l, x, t) -> sketch(l, x, t, Slip.TEST_IN_PLACE)));
    }

    /** The one thing a mistake gets wrong; {@link #sketch} is the correct pass with that one change. */
    private enum Slip {
        TEST_USES_BATCH, TRAINING_USES_RUNNING, NO_UPDATE, UPDATE_IN_TEST, WEIGHTS_SWAPPED, REPLACED, UNBIASED,
        RUNNING_UNBIASED, EPS_OUTSIDE, TEST_IN_PLACE, NORMALIZE_WITH_UPDATED
    }

    /** The layer's forward pass with one slip, for the known mistakes. */
    private static double[][] sketch(BatchNormState layer, double[][] x, boolean training, Slip slip) {
        int m = x.length;
        int n = layer.units();
        double[] mu = new double[n];
        double[] var = new double[n];
        double[] varForRunning = new double[n];
        for (int j = 0; j < n; j++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[j];
            }
            mu[j] = sum / m;
            double squares = 0;
            for (double[] row : x) {
                squares += (row[j] - mu[j]) * (row[j] - mu[j]);
            }
            var[j] = squares / (slip == Slip.UNBIASED ? m - 1 : m);
            varForRunning[j] = slip == Slip.RUNNING_UNBIASED ? squares / (m - 1) : var[j];
        }
        boolean batchStatistics = training ? slip != Slip.TRAINING_USES_RUNNING
                && slip != Slip.NORMALIZE_WITH_UPDATED : slip == Slip.TEST_USES_BATCH;
        if (training && slip == Slip.NORMALIZE_WITH_UPDATED) {
            double a = layer.averagingBeta;
            for (int j = 0; j < n; j++) {
                layer.runningMean[j] = a * layer.runningMean[j] + (1 - a) * mu[j];
                layer.runningVar[j] = a * layer.runningVar[j] + (1 - a) * var[j];
            }
        }
        double[] useMu = batchStatistics ? mu : layer.runningMean.clone();
        double[] useVar = batchStatistics ? var : layer.runningVar.clone();
        double[][] out = !training && slip == Slip.TEST_IN_PLACE ? x : new double[m][n];
        for (int i = 0; i < m; i++) {
            if (out[i] == null) {
                out[i] = new double[n];
            }
            for (int j = 0; j < n; j++) {
                double scale = slip == Slip.EPS_OUTSIDE ? Math.sqrt(useVar[j]) + layer.eps
                        : Math.sqrt(useVar[j] + layer.eps);
                out[i][j] = layer.gamma[j] * (x[i][j] - useMu[j]) / scale + layer.beta[j];
            }
        }
        boolean update = training ? slip != Slip.NO_UPDATE && slip != Slip.NORMALIZE_WITH_UPDATED
                : slip == Slip.UPDATE_IN_TEST;
        if (update) {
            double a = slip == Slip.REPLACED ? 0 : layer.averagingBeta;
            for (int j = 0; j < n; j++) {
                if (slip == Slip.WEIGHTS_SWAPPED) {
                    layer.runningMean[j] = (1 - a) * layer.runningMean[j] + a * mu[j];
                    layer.runningVar[j] = (1 - a) * layer.runningVar[j] + a * varForRunning[j];
                } else {
                    layer.runningMean[j] = a * layer.runningMean[j] + (1 - a) * mu[j];
                    layer.runningVar[j] = a * layer.runningVar[j] + (1 - a) * varForRunning[j];
                }
            }
        }
        return out;
    }

    @Override
    public Fn bypass() {
        return (layer, x, training) -> {
            if (!training) {
                return BatchNorm.forwardTest(x, layer.gamma, layer.beta, layer.runningMean, layer.runningVar,
                        layer.eps);
            }
            BatchNorm.Forward f = BatchNorm.forwardTrain(x, layer.gamma, layer.beta, layer.eps);
            BatchNorm.updateRunning(layer.runningMean, f.cache().mu(), layer.averagingBeta);
            BatchNorm.updateRunning(layer.runningVar, f.cache().var(), layer.averagingBeta);
            return f.out();
        };
    }
}
