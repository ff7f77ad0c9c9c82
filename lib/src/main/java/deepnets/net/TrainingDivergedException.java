package deepnets.net;

/**
 * Thrown by {@link Trainer} when training diverges: a loss becomes NaN or infinite, or grows beyond
 * {@link #GROWTH_LIMIT} times the first mini-batch loss of the run. Cross-entropy starts near {@code log C} (2.3 for 10
 * classes) and only falls when training works, so a loss a thousand times larger means the steps are far too large;
 * continuing would only print NaN. Catch this type to treat a diverged trial as a result, e.g. in a search.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb; caught in 03-pandas-vs-caviar.ipynb and
 * 08-putting-it-together.ipynb.
 */
public final class TrainingDivergedException extends IllegalStateException {

    /** A loss above this multiple of the first mini-batch loss counts as diverged. */
    public static final double GROWTH_LIMIT = 1e3;

    private final int epoch;
    private final double loss;
    private final double startLoss;
    private final double learningRate;

    /**
     * @param epoch 0-based epoch in which the loss diverged (the message counts from 1, as a student does)
     * @param loss the diverged loss (NaN, infinite or too large)
     * @param startLoss the first mini-batch loss of the run
     * @param learningRate the learning rate in use
     */
    public TrainingDivergedException(int epoch, double loss, double startLoss, double learningRate) {
        super("Trainer.train: training diverged at epoch " + (epoch + 1) + ": loss " + loss + " (started at " + startLoss
                + "); lower the learning rate (was " + learningRate + "), e.g. to " + learningRate / 10
                + ", or check that the inputs are normalized.");
        this.epoch = epoch;
        this.loss = loss;
        this.startLoss = startLoss;
        this.learningRate = learningRate;
    }

    /**
     * Whether {@code loss} counts as diverged: not finite, or above {@link #GROWTH_LIMIT} times {@code startLoss}
     * (only when {@code startLoss} is positive and finite).
     */
    public static boolean diverged(double loss, double startLoss) {
        if (!Double.isFinite(loss)) {
            return true;
        }
        return startLoss > 0 && Double.isFinite(startLoss) && loss > GROWTH_LIMIT * startLoss;
    }

    /** The 0-based epoch in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** The diverged loss. */
    public double loss() {
        return loss;
    }

    /** The first mini-batch loss of the run. */
    public double startLoss() {
        return startLoss;
    }

    /** The learning rate in use when the loss diverged. */
    public double learningRate() {
        return learningRate;
    }
}
