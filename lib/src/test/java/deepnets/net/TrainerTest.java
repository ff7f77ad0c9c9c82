package deepnets.net;

import deepnets.optim.Adam;
import deepnets.optim.LearningRateDecay;
import deepnets.optim.Sgd;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    /** Three well-separated Gaussian blobs in 2-D, centred at (0, 4), (4, -2), (-4, -2), std 0.7, scaled by scale. */
    private record Blobs(double[][] x, int[] y) {
        static Blobs make(long seed, int n, double scale) {
            double[][] centres = {{0, 4}, {4, -2}, {-4, -2}};
            Random rng = new Random(seed);
            double[][] x = new double[n][2];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3;
                for (int j = 0; j < 2; j++) {
                    x[i][j] = scale * (centres[y[i]][j] + 0.7 * rng.nextGaussian());
                }
            }
            return new Blobs(x, y);
        }
    }

    private static Trainer trainer(TrainingConfig config, boolean batchNorm, double scale) {
        Blobs train = Blobs.make(20, 300, scale);
        Blobs val = Blobs.make(21, 150, scale);
        Network net = Network.builder().inputSize(2).hiddenSizes(16).classes(3).batchNorm(batchNorm).seed(22).build();
        return new Trainer(net, config, train.x(), train.y(), val.x(), val.y());
    }

    @Test
    void learnsAnEasyProblem() {
        TrainingConfig config = TrainingConfig.builder().epochs(15).batchSize(32).learningRate(0.01)
                .optimizer(Adam::new).seed(1).build();
        for (boolean batchNorm : new boolean[] {false, true}) {
            History h = trainer(config, batchNorm, 1.0).train();
            assertEquals(15, h.epochs());
            assertTrue(h.valAccuracy()[14] > 0.97, "val accuracy " + h.valAccuracy()[14]);
            assertTrue(h.trainLoss()[14] < h.trainLoss()[0], "training loss should fall");
            // 300 examples in batches of 32: 10 mini-batches per epoch.
            assertEquals(150, h.batchLoss().length);
        }
    }

    @Test
    void sameSeedGivesIdenticalHistory() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(16).learningRate(0.01).seed(5).build();
        History a = trainer(config, true, 1.0).train();
        History b = trainer(config, true, 1.0).train();
        assertArrayEquals(a.batchLoss(), b.batchLoss(), 0.0);
        assertArrayEquals(a.valLoss(), b.valLoss(), 0.0);
        TrainingConfig other = TrainingConfig.builder().epochs(3).batchSize(16).learningRate(0.01).seed(6).build();
        assertTrue(a.batchLoss()[5] != trainer(other, true, 1.0).train().batchLoss()[5], "the seed must shuffle");
    }

    @Test
    void divergenceThrowsItsOwnTypeNamingEpochStartAndLearningRate() {
        TrainingConfig config = TrainingConfig.builder().epochs(5).batchSize(500).learningRate(1e6)
                .optimizer(Sgd::new).build();
        Trainer t = trainer(config, false, 100.0);
        // One batch holds the whole training set, so the first mini-batch loss is the loss of the untrained network
        // on all 300 examples, whatever the shuffle: an identical fresh network computes it independently.
        Blobs train = Blobs.make(20, 300, 100.0);
        Network fresh = Network.builder().inputSize(2).hiddenSizes(16).classes(3).seed(22).build();
        double expectedStart = fresh.computeGradients(train.x(), train.y());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::train);
        assertEquals(TrainingDivergedException.yardstick(expectedStart, 3), e.startLoss(), 1e-9 * expectedStart);
        assertEquals(1e6, e.learningRate(), 0.0);
        assertTrue(!Double.isFinite(e.loss()) || e.loss() > 10 * e.startLoss(), "loss " + e.loss());
        assertTrue(e.getMessage().startsWith("Trainer.train: training diverged at epoch " + (e.epoch() + 1) + ": loss ")
                && e.getMessage().contains("(yardstick " + e.startLoss() + "): " + e.reason())
                && e.getMessage().contains("lower the learning rate (was 1000000.0)"), e.getMessage());
    }

    @Test
    void divergedMeansNotFiniteOrTenTimesTheYardstick() {
        assertTrue(TrainingDivergedException.diverged(Double.NaN, 2.3));
        assertTrue(TrainingDivergedException.diverged(Double.POSITIVE_INFINITY, 2.3));
        assertTrue(TrainingDivergedException.diverged(23.01, 2.3));
        assertTrue(!TrainingDivergedException.diverged(22.99, 2.3));
        assertTrue(!TrainingDivergedException.diverged(1e9, 0.0), "without a positive yardstick only NaN/inf count");
    }

    @Test
    void aRunThatLearnsDoesNotCountAsDiverged() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(32).learningRate(0.01).build();
        History h = trainer(config, true, 1.0).train();
        assertEquals(3, h.epochs());
    }

    @Test
    void trainingContinuesWithANewLearningRate() {
        TrainingConfig config = TrainingConfig.builder().epochs(2).batchSize(32).learningRate(0.01).build();
        Trainer t = trainer(config, true, 1.0);
        List<Integer> seen = new ArrayList<>();
        t.addListener((epoch, history) -> seen.add(epoch * 100 + history.epochs()));
        t.train();
        t.setLearningRate(0.001);
        History h = t.train(3);
        assertEquals(5, h.epochs());
        assertArrayEquals(new double[] {0.01, 0.01, 0.001, 0.001, 0.001}, h.learningRate(), 0.0);
        // The listener sees each epoch once, after it has been recorded.
        assertEquals(List.of(1, 102, 203, 304, 405), seen);
        assertEquals(50, h.batchLoss().length);
    }

    @Test
    void decayScheduleSetsEachEpochsRate() {
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(64).learningRate(0.1)
                .decay(LearningRateDecay.inverseTime(1.0)).build();
        History h = trainer(config, false, 1.0).train();
        assertArrayEquals(new double[] {0.1, 0.05, 0.1 / 3}, h.learningRate(), 1e-15);
    }

    @Test
    void rejectsBadConfigurationAndData() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingConfig.builder().batchSize(0).build());
        assertTrue(e.getMessage().contains("batchSize = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingConfig.builder().learningRate(-1).build());
        assertTrue(e.getMessage().contains("learningRate = -1.0"), e.getMessage());
        Network net = Network.builder().inputSize(2).hiddenSizes(4).classes(3).build();
        TrainingConfig config = TrainingConfig.builder().build();
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, config, new double[4][2], new int[3], new double[1][2], new int[1]));
        assertTrue(e.getMessage().contains("4 rows") && e.getMessage().contains("3 labels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, config, new double[2][2], new int[] {0, 3}, new double[1][2], new int[1]));
        assertTrue(e.getMessage().contains("yTrain[1] = 3"), e.getMessage());
    }
}
