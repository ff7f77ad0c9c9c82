package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.Submissions;
import deepnets.exercises.Task;

/**
 * Every exercise's held-out check, run by the grader after the exercise's visible check cell, on the code that cell
 * handed over: {@code deepnets.heldout.HeldOut.run("Exercise 2 (test-time normalization)")}. Not part of the
 * student's release, in source or compiled form.
 */
public final class HeldOut {

    private HeldOut() {
    }

    /**
     * The held-out check of {@code task}: the class {@code deepnets.heldout.<TheExercise>HeldOut}.
     *
     * @throws IllegalArgumentException if it has none
     */
    @SuppressWarnings("unchecked")
    public static <F> HeldOutCheck<F> of(Task<F> task) {
        String name = HeldOut.class.getPackageName() + "." + task.getClass().getSimpleName() + "HeldOut";
        try {
            var constructor = Class.forName(name).getDeclaredConstructor();
            constructor.setAccessible(true);
            HeldOutCheck<?> check = (HeldOutCheck<?>) constructor.newInstance();
            if (check.task() != task) {
                throw new IllegalStateException(name + " checks " + check.task().name() + ", not " + task.name());
            }
            return (HeldOutCheck<F>) check;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("HeldOut.of: " + task.name() + " has no held-out check; write the class "
                    + name + " (see TestTimeNormalizationHeldOut)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("HeldOut.of: cannot create " + name + ": " + e, e);
        }
    }

    /** Runs the held-out check of the exercise called {@code name} on the code its check cell received. */
    public static void run(String name) {
        Task<?> task = Exercises.named(name);
        System.out.println("ok: " + name + " held-out check passed: " + runOn(task));
    }

    private static <F> String runOn(Task<F> task) {
        return of(task).check(Submissions.latest(task));
    }
}
