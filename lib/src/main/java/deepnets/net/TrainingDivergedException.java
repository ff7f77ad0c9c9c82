package deepnets.net;

/**
 * Thrown by {@link Trainer} when training diverges. The message names the epoch, the loss and the reason; catch
 * this type to treat a diverged trial as a result, e.g. in a search.
 *
 * <p><b>The rule.</b> Cross-entropy over C classes is {@code ln C} for a network that gives every class the same
 * probability (2.30 for 10 classes), and falls from its start when training works. The <em>yardstick</em> of a
 * run is its first mini-batch loss, but at least {@code ln C} and at most {@link #YARDSTICK_CAP}{@code  ln C}:
 * <ul>
 *   <li>at least {@code ln C}, so that fine-tuning a trained network, whose first loss is near 0, is measured
 *       against chance-level prediction, not against its own tiny loss (every small bump would count otherwise);</li>
 *   <li>at most {@code 10 ln C}, so that a network that starts absurd (e.g. inputs scaled by 1e100, a first loss of
 *       1e100) is not its own yardstick.</li>
 * </ul>
 * Training has diverged, and this is thrown, as soon as
 * <ol>
 *   <li>a mini-batch loss or an epoch's loss is NaN or infinite (it overflowed), or a NaN, infinity or overflow
 *       appears anywhere in the forward pass, the backward pass or the optimizer's update, with or without batch
 *       norm (the {@link deepnets.core.NonFiniteException} is the {@link #getCause() cause}; the inputs and the
 *       parameters were checked finite when training started, so only the training itself can have produced it);</li>
 *   <li>the training loss after an epoch is more than {@link #GROWTH_LIMIT} times the yardstick, or a mini-batch
 *       loss is more than {@link #BATCH_GROWTH_LIMIT} times it (a single mini-batch is noisy, so its limit is
 *       wider); or</li>
 *   <li>the training accuracy after an epoch is at chance (at most the share of the most frequent class plus two
 *       standard errors, {@code p + 2 sqrt(p (1 - p) / N)}) while the training loss rose (above the previous
 *       epoch's, or for the trainer's first epoch above its first mini-batch loss) to more than
 *       {@link #CHANCE_GROWTH_LIMIT} times the yardstick: a network that predicts no better than guessing and
 *       gets worse at it.</li>
 * </ol>
 * A run that only learns slowly, bounces at a high learning rate while its accuracy is well above chance, or
 * fine-tunes an already trained network does not trip these rules.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb; caught in 03-pandas-vs-caviar.ipynb and
 * 08-putting-it-together.ipynb.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** An epoch's training loss above this multiple of the yardstick counts as diverged. */
    public static final double GROWTH_LIMIT = 10;
    /** A mini-batch loss above this multiple of the yardstick counts as diverged. */
    public static final double BATCH_GROWTH_LIMIT = 100;
    /** At chance accuracy, a rising training loss above this multiple of the yardstick counts as diverged. */
    public static final double CHANCE_GROWTH_LIMIT = 1.25;
    /** The yardstick is at most this multiple of {@code ln C}. */
    public static final double YARDSTICK_CAP = 10;

    private final int epoch;
    private final double loss;
    private final double startLoss;
    private final double learningRate;
    private final String reason;

    /**
     * With the reason "the loss grew beyond the limit" or "the loss is not finite", decided by
     * {@link #diverged(double, double)}.
     *
     * @param epoch 0-based epoch in which the loss diverged (the message counts from 1, as a student does)
     * @param loss the diverged loss (NaN, infinite or too large)
     * @param startLoss the yardstick (see the class comment)
     * @param learningRate the learning rate in use
     */
    public TrainingDivergedException(int epoch, double loss, double startLoss, double learningRate) {
        this(epoch, loss, startLoss, learningRate, Double.isFinite(loss) ? "it is more than " + GROWTH_LIMIT
                + " times the yardstick" : "it overflowed", null);
    }

    /**
     * @param epoch 0-based epoch in which training diverged
     * @param loss the loss that diverged, or NaN if a NaN or infinity appeared before a loss was computed
     * @param startLoss the yardstick (see the class comment)
     * @param learningRate the learning rate in use
     * @param reason why this counts as divergence, e.g. "it is more than 10 times the yardstick"
     * @param cause the refusal of a non-finite value, or null
     */
    public TrainingDivergedException(int epoch, double loss, double startLoss, double learningRate, String reason,
                                     Throwable cause) {
        super("Trainer.train: training diverged at epoch " + (epoch + 1) + ": loss " + loss + " (yardstick "
                + startLoss + "): " + reason + "; lower the learning rate (was " + learningRate + "), e.g. to "
                + learningRate / 10 + ", or check that the inputs are normalized.", cause);
        this.epoch = epoch;
        this.loss = loss;
        this.startLoss = startLoss;
        this.learningRate = learningRate;
        this.reason = reason;
    }

    /**
     * The yardstick of a run: {@code firstLoss}, but at least {@code ln C} and at most {@link #YARDSTICK_CAP}
     * {@code ln C}; {@code ln C} if firstLoss is not finite.
     *
     * @param classes C, at least 2
     */
    public static double yardstick(double firstLoss, int classes) {
        double chance = Math.log(Math.max(2, classes));
        if (!Double.isFinite(firstLoss)) {
            return chance;
        }
        return Math.min(YARDSTICK_CAP * chance, Math.max(chance, firstLoss));
    }

    /**
     * Whether an epoch's {@code loss} counts as diverged by itself: not finite, or above {@link #GROWTH_LIMIT}
     * times {@code yardstick} (only when {@code yardstick} is positive and finite).
     */
    public static boolean diverged(double loss, double yardstick) {
        if (!Double.isFinite(loss)) {
            return true;
        }
        return yardstick > 0 && Double.isFinite(yardstick) && loss > GROWTH_LIMIT * yardstick;
    }

    /** The 0-based epoch in which the loss diverged. */
    public int epoch() {
        return epoch;
    }

    /** The diverged loss (NaN if training stopped at a NaN or infinity before a loss was computed). */
    public double loss() {
        return loss;
    }

    /** The yardstick of the run (see the class comment): its first mini-batch loss, clamped to [ln C, 10 ln C]. */
    public double startLoss() {
        return startLoss;
    }

    /** The learning rate in use when the loss diverged. */
    public double learningRate() {
        return learningRate;
    }

    /** Why the run counts as diverged, as in the message. */
    public String reason() {
        return reason;
    }
}
