package deepnets.exercises;

import java.util.List;

/** Exercise 1 (parallel trials), notebook 03-pandas-vs-caviar. Not yet moved into its home: its check still lives in the notebook. */
public final class ParallelTrials extends Task<ParallelTrials.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    ParallelTrials() {
        super("03-pandas-vs-caviar", "Exercise 1 (parallel trials)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 1 (parallel trials): its check is still in the notebook");
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
