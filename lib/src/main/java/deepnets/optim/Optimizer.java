package deepnets.optim;

/**
 * One contract for every optimizer: update parameter arrays in place from their gradients.
 *
 * <p>Life cycle: for every mini-batch call {@link #update} once for each parameter array, then {@link #step()}
 * once. State (velocities, squared-gradient averages) is kept per parameter array, keyed by the identity of
 * the array {@code w}, so always pass the same array objects. {@link #reset()} forgets all state.
 *
 * <p>Used through {@code TrainingConfig} in notebooks/solutions/03-pandas-vs-caviar.ipynb and later notebooks.
 */
public interface Optimizer {

    /**
     * Updates {@code w} from {@code dw}, both (R, C).
     *
     * @param w finite; modified in place
     * @param dw finite; not modified
     * @throws IllegalArgumentException if dw holds a NaN or an infinity (refused before anything changes), or if w
     *     does or the update overflows (refused after the update, naming the first bad entry of w)
     * @throws IllegalStateException if {@code w} was already updated in this step (missing {@link #step()})
     */
    void update(double[][] w, double[][] dw);

    /**
     * Updates {@code w} from {@code dw}, both (D,).
     *
     * @param w finite; modified in place
     * @param dw finite; not modified
     * @throws IllegalArgumentException if dw holds a NaN or an infinity (refused before anything changes), or if w
     *     does or the update overflows (refused after the update, naming the first bad entry of w)
     * @throws IllegalStateException if {@code w} was already updated in this step (missing {@link #step()})
     */
    void update(double[] w, double[] dw);

    /** Ends the current iteration; the next updates belong to iteration {@code steps() + 1}. */
    void step();

    /** Number of completed iterations (calls to {@link #step()} since creation or {@link #reset()}). */
    long steps();

    /** Forgets all per-parameter state and sets {@link #steps()} to 0; the learning rate is kept. */
    void reset();

    /** The current learning rate alpha. */
    double learningRate();

    /** Sets the learning rate alpha, &gt; 0 (for decay, or to nudge a run by hand); state is kept. */
    void setLearningRate(double learningRate);
}
