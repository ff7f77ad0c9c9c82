package deepnets.exercises;

import java.util.List;

/** Exercise 1 (log-scale sampling), notebook 02-appropriate-scale. Not yet moved into its home: its check still lives in the notebook. */
public final class LogScaleSampling extends Task<LogScaleSampling.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    LogScaleSampling() {
        super("02-appropriate-scale", "Exercise 1 (log-scale sampling)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 1 (log-scale sampling): its check is still in the notebook");
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
