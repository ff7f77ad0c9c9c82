package deepnets.exercises;

import java.util.List;

/** Exercise 2 (sampling beta), notebook 02-appropriate-scale. Not yet moved into its home: its check still lives in the notebook. */
public final class SamplingBeta extends Task<SamplingBeta.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    SamplingBeta() {
        super("02-appropriate-scale", "Exercise 2 (sampling beta)", 1, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 2 (sampling beta): its check is still in the notebook");
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of();
    }

    @Override
    public Fn bypass() {
        return null;
    }
}
