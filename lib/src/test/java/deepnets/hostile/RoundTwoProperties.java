package deepnets.hostile;

import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import deepnets.Hostile.Outcome;
import deepnets.core.Matrices;
import deepnets.core.NonFiniteException;
import deepnets.data.Dataset;
import deepnets.data.Standardizer;
import deepnets.data.Synthetic;
import deepnets.layers.Affine;
import deepnets.layers.BatchNorm;
import deepnets.layers.LayerNorm;
import deepnets.layers.Mode;
import deepnets.layers.Relu;
import deepnets.layers.Softmax;
import deepnets.layers.SoftmaxCrossEntropy;
import deepnets.net.History;
import deepnets.net.Network;
import deepnets.net.Trainer;
import deepnets.net.TrainingConfig;
import deepnets.net.TrainingDivergedException;
import deepnets.optim.Adam;
import deepnets.optim.Momentum;
import deepnets.optim.Optimizer;
import deepnets.optim.OptimizerFactory;
import deepnets.optim.RmsProp;
import deepnets.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Round two of the hostile-input probe (issue 31), one property per class of defect, across the public API of the
 * library: a NaN or infinity at any position of any input is refused with the course's {@link NonFiniteException}
 * naming that position ({@code x[r][c]}); finite inputs of any magnitude give a finite result or a refusal that
 * says "overflowed"/"underflowed", never a NaN or infinity returned; the optimizers never write a NaN (eps = 0
 * included); training ends normally with finite losses or in a {@link TrainingDivergedException}, never another
 * exception; and fine-tuning a trained network is never called divergence.
 */
class RoundTwoProperties {

    @Provide
    Arbitrary<Double> bad() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** Finite magnitudes from ordinary to the edge of overflow, with either sign. */
    @Provide
    Arbitrary<Double> magnitudes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(-3, 3)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(100, 308).flatMap(k ->
                        Arbitraries.doubles().between(1, 1.79).map(m -> m * Math.pow(10, k)))
                        .flatMap(v -> Arbitraries.of(v, -v))));
    }

    /** Entries {@code scale * u} with u uniform in [-1, 1): finite for every finite scale. */
    private static double[][] matrix(long seed, int rows, int cols, double scale) {
        Random r = new Random(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = scale * (2 * r.nextDouble() - 1);
            }
        }
        return a;
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }

    /** Runs the call; it must be refused with a NonFiniteException whose message names {@code entry}. */
    private static void refusedNaming(String op, String entry, Supplier<?> call) {
        Outcome<?> o = call(op, call);
        if (o.returned()) {
            fail(op + " returned although its input holds a NaN or an infinity at " + entry);
        }
        assertInstanceOf(NonFiniteException.class, o.refusal(), op + ": " + o.refusal());
        assertTrue(o.refusal().getMessage().contains(entry + " is "), op + " should name " + entry + ": "
                + o.refusal().getMessage());
    }

    private static void assertAllFinite(String op, double[]... rows) {
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    fail(op + " returned " + rows[i][j] + " at [" + i + "][" + j + "] from finite input");
                }
            }
        }
    }

    /** A refusal of finite input must say why in double-precision terms. */
    private static void assertOverflowRefusal(String op, RuntimeException refusal) {
        assertInstanceOf(NonFiniteException.class, refusal, op + ": " + refusal);
        String m = refusal.getMessage();
        assertTrue(m.contains("overflow") || m.contains("underflow"), op + " refused finite input without saying "
                + "that something overflowed or underflowed: " + m);
    }

    @Property(seed = "31", tries = 300)
    void aNonFiniteEntryAnywhereIsNamedByEveryLayer(@ForAll @IntRange(min = 1, max = 7) int m,
            @ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 0, max = 6) int r0,
            @ForAll @IntRange(min = 0, max = 5) int c0, @ForAll("bad") double v, @ForAll @IntRange(max = 1000) int seed) {
        int r = r0 % m;
        int c = c0 % n;
        String entry = "[" + r + "][" + c + "]";
        double[][] x = matrix(seed, m, n, 1.0);
        x[r][c] = v;
        refusedNaming("BatchNorm.forwardTrain", "x" + entry, () -> BatchNorm.forwardTrain(x, ones(n), new double[n], 1e-5));
        refusedNaming("BatchNorm.forwardTest", "x" + entry,
                () -> BatchNorm.forwardTest(x, ones(n), new double[n], new double[n], ones(n), 1e-5));
        for (Mode mode : Mode.values()) {
            refusedNaming("BatchNorm.forward", "x" + entry, () -> new BatchNorm(n).forward(x, mode));
        }
        refusedNaming("LayerNorm.forward", "x" + entry, () -> LayerNorm.forward(x, ones(n), new double[n], 1e-5));
        refusedNaming("Affine.forward", "x" + entry, () -> Affine.forward(x, matrix(seed + 1, n, 3, 1.0), new double[3]));
        refusedNaming("Relu.forward", "x" + entry, () -> Relu.forward(x));
        refusedNaming("Softmax.forward", "z" + entry, () -> Softmax.forward(x));
        refusedNaming("SoftmaxCrossEntropy.forward", "z" + entry, () -> SoftmaxCrossEntropy.forward(x, new int[m]));
        refusedNaming("Matrices.columnMeans", "a" + entry, () -> Matrices.columnMeans(x));
        refusedNaming("Matrices.columnVariances", "a" + entry, () -> Matrices.columnVariances(x));
        refusedNaming("Standardizer.fit", "x" + entry, () -> Standardizer.fit(x));
        refusedNaming("Standardizer.transform", "x" + entry, () -> Standardizer.fit(matrix(seed, 3, n, 1.0)).transform(x));
        // The weights of Affine, also where the input is 0 (the product skips zero inputs).
        double[][] zeros = new double[2][m];
        refusedNaming("Affine.forward", "W" + entry, () -> Affine.forward(zeros, x, null));
        // Gradients: dout of batch norm (both backward passes) and of Affine, behind zero inputs too.
        double[][] clean = matrix(seed + 2, m, n, 1.0);
        BatchNorm.Cache cache = BatchNorm.forwardTrain(clean, ones(n), new double[n], 1e-5).cache();
        refusedNaming("BatchNorm.backwardSimplified", "dout" + entry, () -> BatchNorm.backwardSimplified(x, cache));
        refusedNaming("BatchNorm.backwardGraph", "dout" + entry, () -> BatchNorm.backwardGraph(x, cache));
        Affine.Cache affine = Affine.forward(new double[m][2], matrix(seed, 2, n, 1.0), new double[n]).cache();
        refusedNaming("Affine.backward", "dout" + entry, () -> Affine.backward(x, affine));
        refusedNaming("Affine.backward", "dout" + entry, () -> Affine.weightGradients(x, affine));
        // A network's input, and the same entry of a parameter of a network about to be trained.
        Network net = Network.builder().inputSize(n).hiddenSizes(3).classes(2).batchNorm(seed % 2 == 0).seed(seed).build();
        for (Mode mode : Mode.values()) {
            refusedNaming("Network.forward", "x" + entry, () -> net.forward(x, mode));
        }
        net.parameter("W1").value()[Math.min(c, n - 1)][r % 3] = v;
        double[][] data = matrix(seed, 4, n, 1.0);
        Trainer t = new Trainer(net, TrainingConfig.builder().epochs(1).batchSize(2).optimizer(Sgd::new).build(),
                data, new int[] {0, 1, 0, 1}, data, new int[] {0, 1, 0, 1});
        refusedNaming("Trainer.train", "W1[" + Math.min(c, n - 1) + "][" + r % 3 + "]", t::train);
    }

    @Property(seed = "31", tries = 300)
    void finiteInputsOfAnyMagnitudeGiveAFiniteResultOrSayWhatOverflowed(@ForAll("magnitudes") double a,
            @ForAll("magnitudes") double b, @ForAll @IntRange(min = 1, max = 6) int m,
            @ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(max = 1000) int seed) {
        double[][] x = matrix(seed, m, n, 1.0);
        x[0][0] = a;
        x[m - 1][n - 1] = b;
        List<Supplier<double[][]>> calls = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        ops.add("BatchNorm.forwardTrain");
        calls.add(() -> BatchNorm.forwardTrain(x, ones(n), new double[n], 1e-5).out());
        ops.add("BatchNorm.forwardTrain");
        calls.add(() -> BatchNorm.forwardTrain(x, fill(n, Math.abs(b)), fill(n, a), 0.0).out());
        ops.add("BatchNorm.forwardTest");
        calls.add(() -> BatchNorm.forwardTest(x, fill(n, a), new double[n], fill(n, b), fill(n, Math.max(Double.MIN_VALUE, Math.abs(b) * 1e-300)), 0.0));
        ops.add("LayerNorm.forward");
        calls.add(() -> LayerNorm.forward(x, ones(n), new double[n], 1e-5));
        ops.add("LayerNorm.forward");
        calls.add(() -> LayerNorm.forward(x, fill(n, a), fill(n, b), 1e-5));
        ops.add("Affine.forward");
        calls.add(() -> Affine.forward(x, matrix(seed, n, 2, b), null).out());
        ops.add("Affine.backward");
        calls.add(() -> Affine.backward(matrix(seed, m, 2, b), Affine.forward(x, matrix(seed, n, 2, 1.0), new double[2]).cache()).dW());
        ops.add("Softmax.forward");
        calls.add(() -> Softmax.forward(x));
        ops.add("SoftmaxCrossEntropy.forward");
        calls.add(() -> new double[][] {{SoftmaxCrossEntropy.forward(x, new int[m]).loss()}});
        ops.add("Matrices.columnVariances");
        calls.add(() -> new double[][] {Matrices.columnVariances(x)});
        ops.add("Standardizer.fit");
        calls.add(() -> Standardizer.fit(x).transform(x));
        ops.add("BatchNorm.backwardSimplified");
        calls.add(() -> {
            BatchNorm.Forward f = BatchNorm.forwardTrain(matrix(seed, m, n, 1.0), fill(n, a), new double[n], 1e-5);
            return BatchNorm.backwardSimplified(matrix(seed + 1, m, n, b), f.cache()).dx();
        });
        ops.add("BatchNorm.backwardGraph");
        calls.add(() -> {
            BatchNorm.Forward f = BatchNorm.forwardTrain(matrix(seed, m, n, 1.0), fill(n, a), new double[n], 1e-5);
            return BatchNorm.backwardGraph(matrix(seed + 1, m, n, b), f.cache()).dx();
        });
        for (int k = 0; k < calls.size(); k++) {
            String op = ops.get(k);
            Outcome<double[][]> o = call(op, calls.get(k));
            if (o.returned()) {
                assertAllFinite(op, o.value());
            } else {
                assertOverflowRefusal(op, o.refusal());
            }
        }
    }

    private static double[] fill(int n, double v) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, v);
        return out;
    }

    @Provide
    Arbitrary<OptimizerFactory> optimizers() {
        return Arbitraries.of(
                Sgd::new, Momentum::new, Adam::new, RmsProp::new,
                lr -> new Adam(lr, 0.9, 0.999, 0.0), lr -> new RmsProp(lr, 0.9, 0.0),
                lr -> new Adam(lr, 0.0, 0.0, 0.0), lr -> new Momentum(lr, 0.0));
    }

    @Property(seed = "31", tries = 300)
    void optimizersNeverWriteANaNAndNameTheEntryOfAStepThatOverflows(@ForAll("optimizers") OptimizerFactory factory,
            @ForAll("magnitudes") double g, @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 4) int cols, @ForAll @IntRange(max = 1000) int seed,
            @ForAll @IntRange(min = -3, max = 300) int rateExponent) {
        Optimizer opt = factory.create(Math.pow(10, -rateExponent / 10.0 * (rateExponent < 0 ? -1 : 1)));
        double[][] w = matrix(seed, rows, cols, 1.0);
        String op = opt.getClass().getSimpleName() + ".update";
        for (int step = 0; step < 3; step++) {
            double[][] dw = new double[rows][cols];
            // Zero gradients everywhere except one entry, which has the drawn magnitude on even steps.
            dw[seed % rows][seed % cols] = step % 2 == 0 ? g : 0.0;
            Outcome<Void> o = call(op, () -> {
                opt.update(w, dw);
                return null;
            });
            if (!o.returned()) {
                assertInstanceOf(NonFiniteException.class, o.refusal(), op + ": " + o.refusal());
                assertTrue(o.refusal().getMessage().contains("the step for w[" + seed % rows + "][" + seed % cols + "]"),
                        op + " should name the entry whose step overflowed: " + o.refusal().getMessage());
                return;
            }
            opt.step();
            assertAllFinite(op, w);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    if (i != seed % rows || j != seed % cols) {
                        assertEquals(matrix(seed, rows, cols, 1.0)[i][j], w[i][j], 0.0, op + ": an entry whose "
                                + "gradient was always 0 moved (eps = 0 must give it a step of 0)");
                    }
                }
            }
        }
    }

    @Property(seed = "31", tries = 40)
    void trainingEndsWithFiniteLossesOrDivergesNothingElse(@ForAll("optimizers") OptimizerFactory factory,
            @ForAll @IntRange(min = -3, max = 3) int rateExponent, @ForAll boolean batchNorm,
            @ForAll @IntRange(min = 0, max = 120) int inputExponent, @ForAll @IntRange(max = 1000) int seed) {
        Dataset d = Synthetic.blobs(20, 3, 0.3, seed);
        double scale = Math.pow(10, inputExponent);
        double[][] x = new double[d.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = d.x()[i].clone();
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] *= scale;
            }
        }
        Network net = Network.builder().inputSize(2).hiddenSizes(8).classes(3).batchNorm(batchNorm).seed(seed).build();
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(16).learningRate(Math.pow(10, rateExponent))
                .optimizer(factory).seed(seed).build();
        Outcome<History> o = call("Trainer.train", () -> new Trainer(net, config, x, d.labels(), x, d.labels()).train());
        if (o.returned()) {
            assertAllFinite("Trainer.train", o.value().trainLoss(), o.value().valLoss(), o.value().batchLoss());
            double yardstick = TrainingDivergedException.yardstick(o.value().batchLoss()[0], 3);
            for (double loss : o.value().trainLoss()) {
                assertTrue(loss <= TrainingDivergedException.GROWTH_LIMIT * yardstick,
                        "an epoch loss of " + loss + " passed although the yardstick is " + yardstick);
            }
        } else {
            assertInstanceOf(TrainingDivergedException.class, o.refusal(), "training on finite data may only stop "
                    + "as divergence: " + o.refusal());
        }
    }

    @Property(seed = "31", tries = 12)
    void fineTuningATrainedNetworkIsNeverDivergence(@ForAll("optimizers") OptimizerFactory factory,
            @ForAll boolean batchNorm, @ForAll @IntRange(max = 1000) int seed) {
        Dataset d = Synthetic.blobs(30, 3, 0.2, seed);
        Network net = Network.builder().inputSize(2).hiddenSizes(16).classes(3).batchNorm(batchNorm).seed(seed).build();
        TrainingConfig first = TrainingConfig.builder().epochs(40).batchSize(16).learningRate(0.01).optimizer(Adam::new)
                .seed(seed).build();
        new Trainer(net, first, d.x(), d.labels(), d.x(), d.labels()).train();
        TrainingConfig tune = TrainingConfig.builder().epochs(5).batchSize(16).learningRate(1e-3).optimizer(factory)
                .seed(seed + 1).build();
        Outcome<History> o = call("Trainer.train", () -> new Trainer(net, tune, d.x(), d.labels(), d.x(), d.labels()).train());
        assertTrue(o.returned(), "fine-tuning at a small rate was refused: " + o.refusal());
    }
}
