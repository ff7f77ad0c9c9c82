package deepnets.net;

/**
 * Called after each epoch, e.g. to print progress or redraw a chart, and once more when a call of
 * {@link Trainer#train(int)} ends.
 *
 * <p>Used in notebooks/solutions/08-putting-it-together.ipynb (watching a run epoch by epoch).
 */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param epoch the epoch just completed, 0-based over the whole life of the trainer
     * @param history everything so far, including this epoch; not to be modified
     */
    void epochEnded(int epoch, History history);

    /**
     * Called once when a call of {@link Trainer#train(int)} ends, after the last {@link #epochEnded}, also when
     * the run stopped with an exception (for example a {@link TrainingDivergedException}). Does nothing unless
     * overridden; a live chart draws its final picture here.
     *
     * @param history everything so far; not to be modified
     */
    default void trainingEnded(History history) {
    }
}
