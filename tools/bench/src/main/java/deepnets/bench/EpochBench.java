package deepnets.bench;

import deepnets.data.Digits;
import deepnets.data.Split;
import deepnets.data.Standardizer;
import deepnets.net.Network;
import deepnets.net.Trainer;
import deepnets.net.TrainingConfig;
import deepnets.optim.Adam;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One epoch of the course's network on the digits: 64 -&gt; 64 -&gt; 32 -&gt; 10 with batch norm and ReLU on both
 * hidden layers, Adam, mini-batches of 64 over the 1078 training examples (60% of 1797), then the test-mode
 * loss and accuracy on the training and validation sets, as {@link Trainer} does after every epoch.
 * {@code bench/numpy_bench.py} trains the same network the same way.
 */
@State(Scope.Thread)
public class EpochBench {

    static final int[] HIDDEN = {64, 32};
    static final int BATCH = 64;
    static final double LEARNING_RATE = 1e-3;

    private Trainer trainer;

    @Setup
    public void setUp() {
        Split split = Split.of(Digits.load(), 0.6, 0.2, 0);
        Standardizer standardizer = Standardizer.fit(split.train().x());
        Network network = Network.builder().inputSize(Digits.PIXELS).hiddenSizes(HIDDEN).classes(Digits.CLASSES)
                .batchNorm(true).seed(0).build();
        TrainingConfig config = TrainingConfig.builder().epochs(1).batchSize(BATCH).learningRate(LEARNING_RATE)
                .optimizer(Adam::new).seed(0).build();
        trainer = new Trainer(network, config, standardizer.transform(split.train().x()), split.train().labels(),
                standardizer.transform(split.validation().x()), split.validation().labels());
    }

    @Benchmark
    public Object epoch() {
        return trainer.train(1);
    }
}
