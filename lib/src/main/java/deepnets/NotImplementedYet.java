package deepnets;

/**
 * Thrown by an exercise that a student has not written yet.
 *
 * <p>The student copies of the notebooks replace each worked solution with
 * {@code throw new NotImplementedYet("Exercise N (topic)")}. The check cell after the exercise then
 * fails with this message, while every later cell still runs because it uses the library's own
 * implementation.
 *
 * <p>Taught in notebooks/solutions/00-start-here.ipynb (how exercises work).
 */
public class NotImplementedYet extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param exercise the exercise's name as the notebook shows it, e.g. "Exercise 2 (log-uniform sampling)" */
    public NotImplementedYet(String exercise) {
        super("not implemented yet: " + exercise + ". Write your code in the exercise cell (replace the line "
                + "'throw new NotImplementedYet(...)'), run that cell, then run its check again.");
    }
}
