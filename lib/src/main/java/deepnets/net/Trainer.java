package deepnets.net;

import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.optim.Optimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mini-batch training of a {@link Network} with one optimizer, keeping a {@link History} across calls.
 *
 * <p>Each epoch shuffles the training set (seeded, so a run is reproducible), does one optimizer step per
 * mini-batch, then records test-mode loss and accuracy on the training and validation sets. {@link #train(int)}
 * can be called again to continue, for example after {@link #setLearningRate} ("babysitting" a run): the
 * network, the optimizer's state, the shuffling stream and the history all carry on.
 *
 * <p>A run that diverges stops with a {@link TrainingDivergedException} (see there for the rule): also when a NaN,
 * an infinity or an overflow appears inside a layer or the optimizer, with or without batch norm. The training
 * and validation inputs are checked finite here, and the parameters at the start of every {@link #train(int)}
 * call, so such a refusal during training can only come from the training itself.
 *
 * <p>Taught in notebooks/solutions/03-pandas-vs-caviar.ipynb; used in 04, 06 and 08.
 */
public final class Trainer {

    private final Network network;
    private final TrainingConfig config;
    private final double[][] xTrain;
    private final int[] yTrain;
    private final double[][] xVal;
    private final int[] yVal;
    private final Optimizer optimizer;
    private final SplittableRandom shuffler;
    private final int[] order;
    /** The first mini-batch loss of this trainer. */
    private double firstLoss = Double.NaN;
    /** The yardstick of {@link TrainingDivergedException}: the first loss clamped to [ln C, 10 ln C] (ln C before). */
    private double yardstick;
    /** The highest training accuracy that still counts as chance: the largest class share plus two standard errors. */
    private final double chanceAccuracy;
    private final History history = new History();
    private final List<TrainingListener> listeners = new ArrayList<>();
    private double baseRate;
    private int decayStart;

    /**
     * @param network trained in place (modified by {@link #train})
     * @param config hyperparameters
     * @param xTrain training inputs (N, D), finite (a NaN or infinity is refused here, naming the entry); not modified
     * @param yTrain training labels (N,) in [0, C); not modified
     * @param xVal validation inputs (M, D), finite; not modified
     * @param yVal validation labels (M,); not modified
     */
    public Trainer(Network network, TrainingConfig config, double[][] xTrain, int[] yTrain, double[][] xVal,
                   int[] yVal) {
        Require.notNull("Trainer", "network", network);
        Require.notNull("Trainer", "config", config);
        requireData("xTrain", xTrain, "yTrain", yTrain, network);
        requireData("xVal", xVal, "yVal", yVal, network);
        Require.finite("Trainer", "xTrain", xTrain);
        Require.finite("Trainer", "xVal", xVal);
        this.network = network;
        this.config = config;
        this.xTrain = xTrain;
        this.yTrain = yTrain;
        this.xVal = xVal;
        this.yVal = yVal;
        this.baseRate = config.learningRate();
        this.optimizer = config.optimizer().create(baseRate);
        if (optimizer == null) {
            throw new IllegalArgumentException("Trainer: the optimizer factory of the config returned null for "
                    + "learning rate " + baseRate + "; it must return an optimizer, e.g. Sgd::new or lr -> new "
                    + "Adam(lr, 0.9, 0.999, 1e-8).");
        }
        this.shuffler = new SplittableRandom(config.seed());
        this.chanceAccuracy = chanceAccuracy(yTrain, network.classes());
        this.yardstick = TrainingDivergedException.yardstick(Double.NaN, network.classes());
        this.order = new int[xTrain.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Adds a listener called after every epoch. */
    public Trainer addListener(TrainingListener listener) {
        listeners.add(Require.notNull("Trainer.addListener", "listener", listener));
        return this;
    }

    /** Trains for {@code config.epochs()} more epochs. Returns the history (the same object each time). */
    public History train() {
        return train(config.epochs());
    }

    /**
     * Trains for {@code epochs} more epochs, appending to the history.
     *
     * @throws TrainingDivergedException when training diverges, by the rule in its class comment
     * @throws IllegalArgumentException if a parameter of the network is NaN or infinite before training starts
     */
    public History train(int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("Trainer.train: epochs = " + epochs + "; train for at least 1 epoch.");
        }
        for (Parameter p : network.parameters()) {
            Require.finite("Trainer.train", "the network's parameter " + p.name(), p.value());
        }
        try {
            trainEpochs(epochs);
        } catch (RuntimeException | Error stopped) {
            try {
                endTraining();
            } catch (RuntimeException alsoFailed) {
                stopped.addSuppressed(alsoFailed);
            }
            throw stopped;
        }
        endTraining();
        return history;
    }

    private void endTraining() {
        for (TrainingListener listener : listeners) {
            listener.trainingEnded(history);
        }
    }

    private void trainEpochs(int epochs) {
        int n = xTrain.length;
        int batch = Math.min(config.batchSize(), n);
        int batches = (n + batch - 1) / batch;
        for (int e = 0; e < epochs; e++) {
            int epoch = history.epochs();
            double rate = config.decay().rate(baseRate, epoch - decayStart);
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalStateException("Trainer.train: the learning-rate schedule " + describe(config.decay())
                        + " returned " + rate + " at epoch " + epoch + " (initial rate " + baseRate + ", "
                        + (epoch - decayStart) + " epochs of decay); a schedule must give a finite rate > 0.");
            }
            optimizer.setLearningRate(rate);
            shuffle();
            double[] losses = new double[batches];
            for (int b = 0; b < batches; b++) {
                int from = b * batch;
                int size = Math.min(batch, n - from);
                double[][] xb = new double[size][];
                int[] yb = new int[size];
                for (int k = 0; k < size; k++) {
                    // Rows are shared, not copied: the layers never modify their input.
                    xb[k] = xTrain[order[from + k]];
                    yb[k] = yTrain[order[from + k]];
                }
                double loss;
                try {
                    loss = network.computeGradients(xb, yb);
                } catch (NonFiniteException refused) {
                    throw diverged(epoch, Double.NaN, rate, "a NaN or infinity appeared in the forward or backward "
                            + "pass of mini-batch " + (b + 1) + " (" + refused.getMessage() + ")", refused);
                }
                losses[b] = loss;
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss;
                    yardstick = TrainingDivergedException.yardstick(loss, network.classes());
                }
                if (!Double.isFinite(loss)) {
                    throw diverged(epoch, loss, rate, "the loss of mini-batch " + (b + 1) + " overflowed", null);
                }
                if (loss > TrainingDivergedException.BATCH_GROWTH_LIMIT * yardstick) {
                    throw diverged(epoch, loss, rate, "the loss of mini-batch " + (b + 1) + " is more than "
                            + (int) TrainingDivergedException.BATCH_GROWTH_LIMIT + " times the yardstick", null);
                }
                try {
                    for (Parameter p : network.parameters()) {
                        optimizer.update(p.value(), p.grad());
                    }
                } catch (NonFiniteException refused) {
                    throw diverged(epoch, loss, rate, "the optimizer's update after mini-batch " + (b + 1)
                            + " overflowed (" + refused.getMessage() + ")", refused);
                }
                optimizer.step();
            }
            history.addBatchLosses(losses);
            Network.Evaluation train;
            Network.Evaluation val;
            try {
                train = network.evaluate(xTrain, yTrain);
                val = network.evaluate(xVal, yVal);
            } catch (NonFiniteException refused) {
                throw diverged(epoch, Double.NaN, rate, "a NaN or infinity appeared when the epoch's loss was "
                        + "evaluated (" + refused.getMessage() + ")", refused);
            }
            requireNotDiverged(epoch, train, val, rate);
            history.addEpoch(train.loss(), train.accuracy(), val.loss(), val.accuracy(), rate);
            for (TrainingListener listener : listeners) {
                listener.epochEnded(epoch, history);
            }
        }
    }

    /**
     * Sets the learning rate for the following epochs; the decay schedule restarts from it at the next epoch.
     *
     * @param learningRate &gt; 0
     */
    public void setLearningRate(double learningRate) {
        Require.above("Trainer.setLearningRate", "learningRate", learningRate, 0.0, "try 0.01");
        optimizer.setLearningRate(learningRate);
        baseRate = learningRate;
        decayStart = history.epochs();
    }

    /** The learning rate the optimizer uses now. */
    public double learningRate() {
        return optimizer.learningRate();
    }

    /** The history so far (live; grows with each epoch). */
    public History history() {
        return history;
    }

    /** The network being trained. */
    public Network network() {
        return network;
    }

    /** The optimizer, with its state. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** A schedule as a message names it: its own toString, or "(a lambda)" for one written in place. */
    private static String describe(Object schedule) {
        String name = schedule.getClass().getName();
        return name.contains("$$Lambda") || schedule.getClass().isSynthetic() ? "(a lambda)" : schedule.toString();
    }

    private void shuffle() {
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffler.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** Rules 1 to 3 of {@link TrainingDivergedException} on the epoch's training and validation results. */
    private void requireNotDiverged(int epoch, Network.Evaluation train, Network.Evaluation val, double rate) {
        double loss = train.loss();
        if (!Double.isFinite(loss)) {
            throw diverged(epoch, loss, rate, "the training loss overflowed", null);
        }
        if (!Double.isFinite(val.loss())) {
            throw diverged(epoch, val.loss(), rate, "the validation loss overflowed", null);
        }
        if (loss > TrainingDivergedException.GROWTH_LIMIT * yardstick) {
            throw diverged(epoch, loss, rate, "the training loss is more than "
                    + (int) TrainingDivergedException.GROWTH_LIMIT + " times the yardstick", null);
        }
        double previous = history.epochs() == 0 ? firstLoss : history.trainLoss()[history.epochs() - 1];
        if (train.accuracy() <= chanceAccuracy && loss > previous
                && loss > TrainingDivergedException.CHANCE_GROWTH_LIMIT * yardstick) {
            throw diverged(epoch, loss, rate, "the training accuracy " + train.accuracy() + " is at chance (at most "
                    + chanceAccuracy + ") while the loss rose from " + previous + " to more than "
                    + TrainingDivergedException.CHANCE_GROWTH_LIMIT + " times the yardstick", null);
        }
    }

    private TrainingDivergedException diverged(int epoch, double loss, double rate, String reason, Throwable cause) {
        return new TrainingDivergedException(epoch, loss, yardstick, rate, reason, cause);
    }

    /** The largest class share p of {@code labels} plus two standard errors, {@code p + 2 sqrt(p (1 - p) / N)}. */
    private static double chanceAccuracy(int[] labels, int classes) {
        int[] counts = new int[classes];
        int largest = 0;
        for (int y : labels) {
            largest = Math.max(largest, ++counts[y]);
        }
        double p = (double) largest / labels.length;
        return p + 2 * Math.sqrt(p * (1 - p) / labels.length);
    }

    private static void requireData(String xName, double[][] x, String yName, int[] y, Network network) {
        int d = Shapes.requireMatrix("Trainer", xName, x);
        if (d != network.inputSize()) {
            throw new IllegalArgumentException("Trainer: " + xName + " has shape " + Shapes.of(x)
                    + " but the network expects " + network.inputSize() + " features.");
        }
        Require.labels("Trainer", yName, y, x.length, network.classes());
    }
}
