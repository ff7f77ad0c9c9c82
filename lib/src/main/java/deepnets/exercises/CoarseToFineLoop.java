package deepnets.exercises;

import java.util.List;

/** Exercise 2 (coarse-to-fine loop), notebook 01-tuning-process. Not yet moved into its home: its check still lives in the notebook. */
public final class CoarseToFineLoop extends Task<CoarseToFineLoop.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    CoarseToFineLoop() {
        super("01-tuning-process", "Exercise 2 (coarse-to-fine loop)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 2 (coarse-to-fine loop): its check is still in the notebook");
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
