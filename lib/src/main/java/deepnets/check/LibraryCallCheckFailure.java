package deepnets.check;

/**
 * A failed check because the student's exercise code called the library's own solution of the
 * exercise (thrown by {@link Exercise#call} and by the library's entry points while the call runs).
 * Its name ends in {@code CheckFailure}, so the grader reports it like any other failed check.
 */
public class LibraryCallCheckFailure extends CheckFailure {

    private final String exercise;
    private final String entryPoint;

    /**
     * @param exercise   the exercise as the notebook names it, e.g. "Exercise 1 (stable softmax)"
     * @param entryPoint the library entry point that was called, e.g. "Softmax.forward"
     */
    public LibraryCallCheckFailure(String exercise, String entryPoint) {
        super(exercise + ": your code calls " + entryPoint + ", the library's version of this exercise; "
                + "write the computation yourself.");
        this.exercise = exercise;
        this.entryPoint = entryPoint;
    }

    /** A failure with its own message, e.g. when the guard's state was changed under it (see {@link Exercise}). */
    LibraryCallCheckFailure(String exercise, String entryPoint, String message) {
        super(message);
        this.exercise = exercise;
        this.entryPoint = entryPoint;
    }

    /** The exercise whose check failed. */
    public String exercise() {
        return exercise;
    }

    /** The forbidden entry point that was called, e.g. "BatchNorm.forwardTrain". */
    public String entryPoint() {
        return entryPoint;
    }
}
