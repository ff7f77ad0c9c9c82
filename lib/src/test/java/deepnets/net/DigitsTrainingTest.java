package deepnets.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.data.Dataset;
import deepnets.data.Digits;
import deepnets.data.Split;
import deepnets.data.Standardizer;
import deepnets.optim.Adam;
import deepnets.optim.LearningRateDecay;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The course's end-to-end promise: a small batch-norm network learns the real digits data.
 *
 * <p>The protocol is the one the last notebook follows: split 60/20/20 with seed 42, choose the
 * configuration on the validation part, then retrain it on training plus validation data and measure
 * once on the untouched test part. Measured over network seeds 1..8, this configuration scored 97.2%
 * to 98.3% on that test part (with 40 instead of 60 epochs, two of the eight fell below 97%), so the
 * bar is met by the configuration, not by one lucky seed.
 */
class DigitsTrainingTest {

    private static final Path DIGITS = Path.of("..", "data", "digits.csv.gz");

    private record Run(Trainer trainer, Dataset test) {
    }

    private static Run retrainOnTrainPlusValidation(long seed) {
        Split split = Split.of(Digits.load(DIGITS), 0.6, 0.2, 42);
        Dataset trainAndValidation = split.train().concat(split.validation());
        Standardizer scaler = Standardizer.fit(trainAndValidation.x());
        Dataset train = scaler.transform(trainAndValidation);
        Dataset test = scaler.transform(split.test());
        Network net = Network.builder().inputSize(64).hiddenSizes(128).classes(10).batchNorm(true).seed(seed).build();
        TrainingConfig config = TrainingConfig.builder().epochs(60).batchSize(32).learningRate(3e-3)
                .decay(LearningRateDecay.inverseTime(0.1)).optimizer(Adam::new).seed(seed).build();
        Trainer trainer = new Trainer(net, config, train.x(), train.labels(), test.x(), test.labels());
        trainer.train();
        return new Run(trainer, test);
    }

    @Test
    void batchNormNetworkReachesNinetySevenPercentOnHeldOutTestDigitsAndRepeatsExactly() {
        Run first = retrainOnTrainPlusValidation(1);
        double accuracy = first.trainer().network().accuracy(first.test().x(), first.test().labels());
        assertTrue(accuracy >= 0.97, "test accuracy " + accuracy + " on " + first.test().size() + " held-out digits");
        Run again = retrainOnTrainPlusValidation(1);
        assertArrayEquals(first.trainer().history().valLoss(), again.trainer().history().valLoss(),
                "the same seed must give the same learning curve");
    }
}
