package deepnets.exercises;

import java.util.List;

/** Exercise 2 (reverse-mode autodiff), notebook 08-putting-it-together. Not yet moved into its home: its check still lives in the notebook. */
public final class ReverseModeAutodiff extends Task<ReverseModeAutodiff.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    ReverseModeAutodiff() {
        super("08-putting-it-together", "Exercise 2 (reverse-mode autodiff)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 2 (reverse-mode autodiff): its check is still in the notebook");
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
