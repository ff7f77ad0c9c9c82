package deepnets.heldout;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.NotImplementedYet;
import deepnets.check.CheckFailure;
import deepnets.check.LibraryCallCheckFailure;
import deepnets.exercises.Catalog;
import deepnets.exercises.Exercises;
import deepnets.exercises.Mistake;
import deepnets.exercises.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every exercise's home, end to end, without a notebook: its check passes a correct solution and refuses the stub
 * (NotImplementedYet), every known mistake (naming its cause), the library's own solution (the guard) and a
 * submission that hard-codes the visible answers (the held-out check).
 */
class ExerciseHomesTest {

    private static final int MIN_MISTAKES = 3;

    @TestFactory
    Stream<DynamicTest> everyExercise() {
        return Exercises.all().stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> home(t)));
    }

    private static <F> void home(Task<F> task) {
        home(task, HeldOut.of(task));
    }

    /** Takes one exercise through its home (see the class comment); fails listing every problem found. */
    static <F> void home(Task<F> task, HeldOutCheck<F> heldOut) {
        List<String> problems = new ArrayList<>();
        F solution = heldOut.solution();
        try {
            task.check(solution);
        } catch (RuntimeException | Error e) {
            problems.add("the check fails a correct solution: " + e);
        }
        assertThrows(NotImplementedYet.class, () -> task.check(task.stub()), task.name() + ": the stub");
        if (task.mistakes().size() < MIN_MISTAKES) {
            problems.add(task.mistakes().size() + " known mistakes; list at least " + MIN_MISTAKES);
        }
        for (Mistake<F> m : task.mistakes()) {
            try {
                task.check(m.code());
                problems.add("mistake '" + m.name() + "' passes the check");
            } catch (LibraryCallCheckFailure e) {
                problems.add("mistake '" + m.name() + "' calls the library: " + e.getMessage());
            } catch (CheckFailure e) {
                if (!e.getMessage().contains(m.cause())) {
                    problems.add("mistake '" + m.name() + "' is caught, but the message does not name its cause \""
                            + m.cause() + "\": " + e.getMessage());
                }
            } catch (RuntimeException | Error e) {
                problems.add("mistake '" + m.name() + "' fails with " + e + " instead of a check failure");
            }
        }
        F bypass = task.bypass();
        if (bypass == null) {
            // the home's own reference code (annotated too, so that a student cannot call it) does not count
            List<String> solvers = Catalog.solvingMethods().getOrDefault(task.getClass(), List.of()).stream()
                    .filter(m -> !m.startsWith(task.getClass().getSimpleName() + ".")).toList();
            if (task.noSolverBecause() == null || !solvers.isEmpty()) {
                problems.add("no bypass: give one that calls a method annotated @Solves(" + task.getClass()
                        .getSimpleName() + ".class), or say in noSolverBecause() why nothing in the library solves it");
            }
        } else {
            try {
                task.check(bypass);
                problems.add("the bypass (calling the library's solution) passes the check");
            } catch (LibraryCallCheckFailure e) {
                // refused, as it should be
            } catch (RuntimeException | Error e) {
                problems.add("the bypass fails with " + e + " instead of the guard's refusal");
            }
        }
        try {
            heldOut.check(solution);
        } catch (RuntimeException | Error e) {
            problems.add("the held-out check fails a correct solution: " + e);
        }
        F hardCoded = HardCoded.of(task, solution);
        try {
            heldOut.check(hardCoded);
            problems.add("the held-out check passes a submission that hard-codes the visible check's answers");
        } catch (HeldOutFailure e) {
            // scores 0, as it should
        } catch (RuntimeException | Error e) {
            problems.add("the held-out check fails the hard-coded submission with " + e + " instead of a "
                    + "HeldOutFailure");
        }
        assertEquals(List.of(), problems, task.name());
    }

    @Test
    void everyExerciseHasAHeldOutCheckWithASolution() {
        for (Task<?> task : Exercises.all()) {
            assertNotNull(HeldOut.of(task).solution(), task.name());
        }
    }

    @Test
    void anUnknownExerciseIsNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Exercises.named("Exercise 9 (no such thing)"));
        assertTrue(e.getMessage().contains("\"Exercise 9 (no such thing)\"") && e.getMessage().contains(
                "\"Exercise 2 (test-time normalization)\""), e.getMessage());
    }

    @Test
    void everySolvingMethodIsDeclaredOnAKnownExercise() {
        assertDoesNotThrow(Catalog::solvingMethods);
    }
}
