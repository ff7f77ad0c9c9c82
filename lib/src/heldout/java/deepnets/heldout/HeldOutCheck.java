package deepnets.heldout;

import deepnets.check.CheckFailure;
import deepnets.exercises.Task;

/**
 * The held-out check of one exercise: other inputs, shapes and edge cases than the visible check, run only when
 * grading. It calls the student's code only through {@link Task#call}, so the library's solution stays forbidden.
 *
 * @param <F> the exercise's functional interface
 */
public abstract class HeldOutCheck<F> {

    private final Task<F> task;

    protected HeldOutCheck(Task<F> task) {
        this.task = task;
    }

    public final Task<F> task() {
        return task;
    }

    /**
     * A correct solution, written as a student would (the notebook's worked solution, in Java), for the tests: the
     * visible and the held-out check must pass it.
     */
    public abstract F solution();

    /**
     * Runs the held-out cases on {@code yours}.
     *
     * @return what passed, in a few words
     * @throws HeldOutFailure naming the property that failed, without expected values
     */
    public abstract String check(F yours);

    /** Fails with {@code property} unless {@code ok}. */
    protected final void require(boolean ok, String property) {
        if (!ok) {
            throw new HeldOutFailure(task.name(), property);
        }
    }

    /**
     * Runs the student's code on one held-out case; a failure of the library's own checks or of the code itself
     * becomes a held-out failure naming the case, not its values.
     */
    protected final <T> T run(String onWhat, java.util.function.Supplier<T> code) {
        try {
            return task.call(code);
        } catch (CheckFailure | deepnets.NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HeldOutFailure(task.name(), "your code throws " + e.getClass().getSimpleName() + " on "
                    + onWhat + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** Whether every entry of {@code a} is within {@code tol} (relative to max(1, |b|)) of {@code b}. */
    protected static boolean close(double[] a, double[] b, double tol) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tol * Math.max(1, Math.abs(b[i])))) {
                return false;
            }
        }
        return true;
    }

    /** The (m, n) version of {@link #close(double[], double[], double)}. */
    protected static boolean close(double[][] a, double[][] b, double tol) {
        if (a == null || b == null || a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!close(a[i], b[i], tol)) {
                return false;
            }
        }
        return true;
    }
}
