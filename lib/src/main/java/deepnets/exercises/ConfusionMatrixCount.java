package deepnets.exercises;

import java.util.List;

/** Exercise 1 (confusion matrix), notebook 08-putting-it-together. Not yet moved into its home: its check still lives in the notebook. */
public final class ConfusionMatrixCount extends Task<ConfusionMatrixCount.Fn> {

    /** The student's method. */
    @FunctionalInterface
    public interface Fn {
        Object apply(Object... args);
    }

    ConfusionMatrixCount() {
        super("08-putting-it-together", "Exercise 1 (confusion matrix)", 1, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        throw new UnsupportedOperationException("Exercise 1 (confusion matrix): its check is still in the notebook");
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
