package deepnets.net;

/**
 * Called after each epoch, e.g. to print progress or redraw a chart.
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
}
