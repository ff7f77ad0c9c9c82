package deepnets.net;

import deepnets.core.Require;
import deepnets.optim.Adam;
import deepnets.optim.LearningRateDecay;
import deepnets.optim.OptimizerFactory;

/**
 * Hyperparameters of a training run.
 *
 * @param epochs passes over the training set done by {@link Trainer#train()}, &gt;= 1
 * @param batchSize examples per mini-batch, &gt;= 1 (the last batch of an epoch may be smaller)
 * @param learningRate initial learning rate alpha0, &gt; 0
 * @param optimizer makes the optimizer, e.g. {@code Adam::new}
 * @param decay learning-rate schedule per epoch
 * @param seed seed of the mini-batch shuffling
 *
 * <p>Taught in notebooks/solutions/03-pandas-vs-caviar.ipynb; used in 04, 06, 07 and 08.
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, OptimizerFactory optimizer,
                             LearningRateDecay decay, long seed) {

    /** Validates every field; the message names the bad value. */
    public TrainingConfig {
        Require.positiveCount("TrainingConfig", "epochs", epochs, "train for at least 1 epoch");
        Require.positiveCount("TrainingConfig", "batchSize", batchSize, "a mini-batch needs at least 1 example; try 64");
        Require.above("TrainingConfig", "learningRate", learningRate, 0.0, "try 0.01");
        if (optimizer == null) {
            throw new IllegalArgumentException("TrainingConfig: optimizer is null; pass e.g. Adam::new.");
        }
        if (decay == null) {
            throw new IllegalArgumentException("TrainingConfig: decay is null; pass LearningRateDecay.none().");
        }
    }

    /** A builder with defaults: 10 epochs, batch size 64, learning rate 0.001, Adam, no decay, seed 0. */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable defaults for {@link TrainingConfig}. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private double learningRate = 1e-3;
        private OptimizerFactory optimizer = Adam::new;
        private LearningRateDecay decay = LearningRateDecay.none();
        private long seed;

        private Builder() {
        }

        /** Epochs per {@link Trainer#train()}. */
        public Builder epochs(int epochs) {
            this.epochs = epochs;
            return this;
        }

        /** Examples per mini-batch. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Initial learning rate alpha0. */
        public Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Optimizer factory, e.g. {@code Sgd::new}, {@code Momentum::new}, {@code RmsProp::new}, {@code Adam::new}. */
        public Builder optimizer(OptimizerFactory optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        /** Learning-rate schedule. */
        public Builder decay(LearningRateDecay decay) {
            this.decay = decay;
            return this;
        }

        /** Shuffling seed. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The validated config. */
        public TrainingConfig build() {
            return new TrainingConfig(epochs, batchSize, learningRate, optimizer, decay, seed);
        }
    }
}
