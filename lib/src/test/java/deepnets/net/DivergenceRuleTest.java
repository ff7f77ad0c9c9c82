package deepnets.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.core.NonFiniteException;
import deepnets.data.Dataset;
import deepnets.data.Digits;
import deepnets.data.Split;
import deepnets.data.Standardizer;
import deepnets.optim.Adam;
import deepnets.optim.Momentum;
import deepnets.optim.OptimizerFactory;
import deepnets.optim.Sgd;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The divergence rule of {@link TrainingDivergedException} on the real digits, in the situations the hostile probe
 * of issue 31 found: every diverged run ends in that exception (with or without batch norm, finite but exploded
 * or overflowing), and runs that learn, bounce or fine-tune are left alone.
 */
class DivergenceRuleTest {

    private static final Path DIGITS = Path.of("..", "data", "digits.csv.gz");
    private static final Dataset TRAIN;
    private static final Dataset VAL;

    static {
        Split split = Split.of(Digits.load(DIGITS), 0.6, 0.2, 7);
        Standardizer scaler = Standardizer.fit(split.train().x());
        TRAIN = scaler.transform(split.train());
        VAL = scaler.transform(split.validation());
    }

    private static Network net(boolean batchNorm, long seed) {
        return Network.builder().inputSize(64).hiddenSizes(64).classes(10).batchNorm(batchNorm).seed(seed).build();
    }

    private static Trainer trainer(Network net, OptimizerFactory optimizer, double rate, int epochs, double[][] x,
                                   double[][] xVal) {
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(32).learningRate(rate)
                .optimizer(optimizer).seed(3).build();
        return new Trainer(net, config, x, TRAIN.labels(), xVal, VAL.labels());
    }

    private static TrainingDivergedException diverges(Network net, OptimizerFactory optimizer, double rate,
                                                      double[][] x, double[][] xVal) {
        Trainer t = trainer(net, optimizer, rate, 5, x, xVal);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
        assertTrue(e.getMessage().startsWith("Trainer.train: training diverged at epoch " + (e.epoch() + 1) + ": loss "
                + e.loss() + " (yardstick " + e.startLoss() + "): " + e.reason() + "; lower the learning rate (was "), e.getMessage());
        return e;
    }

    private static double[][] scaled(double[][] x, double factor) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] *= factor;
            }
        }
        return out;
    }

    @Test
    void sgdAtRateThirtyWithAccuracyAtChanceDiverges() {
        TrainingDivergedException e = diverges(net(false, 1), Sgd::new, 30, TRAIN.x(), VAL.x());
        assertTrue(e.epoch() == 0 && e.loss() > 100 * e.startLoss(), e.getMessage());
    }

    @Test
    void momentumAtRateHundredDiverges() {
        TrainingDivergedException e = diverges(net(false, 1), Momentum::new, 100, TRAIN.x(), VAL.x());
        assertTrue(e.epoch() == 0 && e.loss() > 100 * e.startLoss(), e.getMessage());
    }

    @Test
    void batchNormAtRateTenDivergesAsTrainingDivergedException() {
        TrainingDivergedException e = diverges(net(true, 1), Sgd::new, 10, TRAIN.x(), VAL.x());
        // Finite throughout: the loss rises from 2.39 to 3.06 while the accuracy stays at 0.10.
        assertTrue(Double.isFinite(e.loss()) && e.reason().contains("is at chance"), e.getMessage());
        TrainingDivergedException m = diverges(net(true, 2), Momentum::new, 1000, TRAIN.x(), VAL.x());
        assertTrue(m.loss() > 10 * m.startLoss(), m.getMessage());
    }

    @Test
    void inputsScaledByTenToTheHundredDiverge() {
        double[][] x = scaled(TRAIN.x(), 1e100);
        double[][] xVal = scaled(VAL.x(), 1e100);
        TrainingDivergedException adam = diverges(net(false, 1), Adam::new, 1e-3, x, xVal);
        assertEquals(10 * Math.log(10), adam.startLoss(), 1e-12, "a first loss of 1e100 is no yardstick");
        TrainingDivergedException sgd = diverges(net(false, 1), Sgd::new, 0.01, x, xVal);
        assertTrue(sgd.loss() > 1e99, sgd.getMessage());
        TrainingDivergedException bn = diverges(net(true, 1), Sgd::new, 0.01, scaled(TRAIN.x(), 1e200), scaled(VAL.x(), 1e200));
        assertInstanceOf(NonFiniteException.class, bn.getCause(), bn.getMessage());
        assertTrue(bn.reason().contains("BatchNorm.forwardTrain") && bn.reason().contains("overflowed"), bn.getMessage());
    }

    @Test
    void anOverflowInsideALayerIsDivergenceWithTheRefusalAsItsCause() {
        // Finite inputs of 1.5e308: the sums of the first Affine product overflow on the first mini-batch.
        double[][] huge = new double[TRAIN.size()][64];
        for (double[] row : huge) {
            java.util.Arrays.fill(row, 1.5e308);
        }
        TrainingDivergedException e = diverges(net(false, 1), Sgd::new, 0.01, huge, VAL.x());
        assertInstanceOf(NonFiniteException.class, e.getCause(), e.getMessage());
        assertTrue(e.reason().contains("Affine.forward"), e.reason());
        assertTrue(Double.isNaN(e.loss()) && e.epoch() == 0, e.getMessage());
        // Outside training the same overflow is refused in the network's name, the layer's message kept.
        Network net = net(false, 1);
        NonFiniteException direct = assertThrows(NonFiniteException.class, () -> net.evaluate(huge, TRAIN.labels()));
        assertTrue(direct.getMessage().startsWith("Network.forward: Affine.forward: the result overflowed"), direct.getMessage());
    }

    @Test
    void runsThatLearnOrBounceAreNotDivergence() {
        for (boolean bn : new boolean[] {false, true}) {
            for (double rate : new double[] {1e-4, 0.01, 0.3}) {
                History h = trainer(net(bn, 1), Sgd::new, rate, 3, TRAIN.x(), VAL.x()).train();
                assertEquals(3, h.epochs());
            }
            History m = trainer(net(bn, 1), lr -> new Momentum(lr, 0.9), 1.0, 5, TRAIN.x(), VAL.x()).train();
            assertEquals(5, m.epochs());
        }
    }

    @Test
    void fineTuningATrainedNetworkDoesNotTripTheRule() {
        for (boolean bn : new boolean[] {false, true}) {
            Network net = net(bn, 4);
            trainer(net, Adam::new, 3e-3, 30, TRAIN.x(), VAL.x()).train();
            Trainer fineTune = trainer(net, Adam::new, 1e-2, 5, TRAIN.x(), VAL.x());
            History h = fineTune.train();
            double first = h.batchLoss()[0];
            assertTrue(first < 0.1, "the trained network's first loss, " + first + ", is near 0 (else this tests nothing)");
            assertEquals(5, h.epochs());
            double worst = java.util.Arrays.stream(h.trainLoss()).max().getAsDouble();
            assertTrue(worst > 10 * first, "fine-tuning at a larger rate bumps the loss to " + worst + ", more than 10x the "
                    + "first loss " + first + ": the old yardstick would have called this divergence");
        }
    }

    @Test
    void theYardstickIsTheFirstLossClampedBetweenLnCAndTenLnC() {
        double ln10 = Math.log(10);
        assertEquals(ln10, TrainingDivergedException.yardstick(0.01, 10), 1e-15);
        assertEquals(3.5, TrainingDivergedException.yardstick(3.5, 10), 0.0);
        assertEquals(10 * ln10, TrainingDivergedException.yardstick(1e100, 10), 1e-12);
        assertEquals(Math.log(2), TrainingDivergedException.yardstick(Double.NaN, 2), 0.0);
        assertTrue(TrainingDivergedException.diverged(Double.NaN, 2.3));
        assertTrue(TrainingDivergedException.diverged(Double.POSITIVE_INFINITY, 2.3));
        assertTrue(TrainingDivergedException.diverged(23.1, 2.3));
        assertTrue(!TrainingDivergedException.diverged(22.9, 2.3));
    }

    @Test
    void nonFiniteInputsOrParametersAreRefusedAsBadInputNotAsDivergence() {
        double[][] x = scaled(TRAIN.x(), 1.0);
        x[5][7] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(net(false, 1), Sgd::new, 0.1, 1, x, VAL.x()));
        assertEquals("Trainer: xTrain[5][7] is NaN; every entry must be finite (did an earlier step diverge?).", e.getMessage());
        Network broken = net(false, 1);
        broken.parameter("W1").value()[2][3] = Double.POSITIVE_INFINITY;
        Trainer t = trainer(broken, Sgd::new, 0.1, 1, TRAIN.x(), VAL.x());
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, t::train);
        assertTrue(p.getMessage().startsWith(
                "Trainer.train: the network's parameter W1[2][3] is Infinity"), p.getMessage());
        IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> t.setLearningRate(Double.NaN));
        assertEquals("Trainer.setLearningRate: learningRate = NaN; it must be finite and > 0 (try 0.01).", rate.getMessage());
    }
}
