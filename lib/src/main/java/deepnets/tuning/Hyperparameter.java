package deepnets.tuning;

import java.util.SplittableRandom;

/**
 * One hyperparameter with its range and the scale it is searched on.
 *
 * <p>Values are doubles; integer hyperparameters ({@link IntRange}) produce whole numbers, read them
 * with {@link Config#getInt(String)}.
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public interface Hyperparameter {

    /** The name used in configs and tables, e.g. {@code "learningRate"}. */
    String name();

    /**
     * One random value, uniform on this hyperparameter's own scale. Modified: {@code random} advances.
     *
     * @param random the source of randomness, created from a seed by the caller
     */
    double sample(SplittableRandom random);

    /**
     * {@code n} values evenly spaced on this hyperparameter's own scale, from the low to the high end
     * (n = 1 gives the centre). Discrete hyperparameters return fewer when they have fewer values.
     *
     * @param n at least 1
     * @return a new ascending array
     */
    double[] grid(int n);

    /**
     * How many values {@code grid(n)} returns, without building them: {@code n} unless a discrete
     * hyperparameter has fewer values. Lets a search refuse a grid of billions before allocating it.
     */
    default long gridSize(int n) {
        return n;
    }

    /** Whether {@code value} is a value this hyperparameter can produce. */
    boolean contains(double value);

    /**
     * For coarse-to-fine search: the range {@code [min, max]} (e.g. spanned by the best trials) widened on
     * each side by {@code margin} times the current width, measured on this hyperparameter's own scale,
     * then clipped to the current range.
     *
     * @param min    lowest value to keep, inside the range
     * @param max    highest value to keep, {@code min <= max}, inside the range
     * @param margin fraction of the current width added on each side, &gt; 0
     * @return a new, narrower hyperparameter; this one is not modified
     */
    Hyperparameter zoom(double min, double max, double margin);
}
