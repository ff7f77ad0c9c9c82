package deepnets.tuning;

/**
 * A hyperparameter searched on a linear scale: value {@code ~ U[lo, hi]}. Right for quantities whose
 * effect is roughly linear over the range, e.g. a dropout keep probability in [0.5, 1].
 *
 * @param name the hyperparameter's name
 * @param lo   smallest value
 * @param hi   largest value, &gt; lo
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public record Uniform(String name, double lo, double hi) implements ScaledRange {

    /** Checks {@code lo < hi}, both finite. */
    public Uniform {
        Checks.name("Uniform", name);
        Checks.range("Uniform(" + name + ")", lo, hi);
    }

    /** The value itself. */
    @Override
    public double toAxis(double value) {
        return value;
    }

    /** The value itself. */
    @Override
    public double fromAxis(double r) {
        return r;
    }

    @Override
    public Uniform withBounds(double lo, double hi) {
        return new Uniform(name, lo, hi);
    }
}
