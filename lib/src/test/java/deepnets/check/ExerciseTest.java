package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.NotImplementedYet;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.SamplingBeta;
import deepnets.exercises.StableSoftmax;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExerciseTest {

    private static final String EX = "Exercise 1 (stable softmax)";
    private static final Class<?> TASK = StableSoftmax.class;

    /** Stands in for a library class whose entry points carry the hook. */
    static final class Lib {
        @Solves(StableSoftmax.class)
        static double solve(double x) {
            EntryPoints.entered();
            return 2 * x;
        }

        @Solves(SamplingBeta.class)
        static double helper(double x) {
            EntryPoints.entered();
            return x + 1;
        }
    }

    /** A student's helper in the same cell that hides the library call. */
    private static double studentHelper(double x) {
        return Lib.solve(x) + 0;
    }

    private static void assertNamesTheCall(LibraryCallCheckFailure f, String entryPoint) {
        assertEquals(EX + ": your code calls " + entryPoint + ", the library's version of this exercise; "
                + "write the computation yourself.", f.getMessage());
        assertEquals(entryPoint, f.entryPoint());
        assertEquals(EX, f.exercise());
    }

    private static void assertNoGuardActive() {
        assertDoesNotThrow(() -> Lib.solve(1));
        assertEquals(5.0, Exercise.guarded(TASK, EX, () -> Lib.helper(4)));
    }

    @Test
    void aForbiddenCallFailsWithAMessageNamingIt() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guarded(TASK, EX, () -> Lib.solve(3)));
        assertNamesTheCall(f, "ExerciseTest.Lib.solve");
        assertNoGuardActive();
    }

    @Test
    void aForbiddenCallThroughAHelperFails() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guarded(TASK, EX, () -> studentHelper(3)));
        assertNamesTheCall(f, "ExerciseTest.Lib.solve");
    }

    @Test
    void aMethodThatSolvesAnotherExerciseIsAllowed() {
        assertEquals(4.0, Exercise.guarded(TASK, EX, () -> Lib.helper(3)), 0.0);
    }

    @Test
    void allowedCallsPassAndTheResultComesBack() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals(8.0, Exercise.guarded(TASK, EX, () -> {
            runs.incrementAndGet();
            return Lib.helper(7);
        }));
        Exercise.guardedRun(TASK, EX, () -> runs.addAndGet((int) Lib.helper(1)));
        assertEquals(3, runs.get());
        assertEquals(6.0, Exercise.guarded(SamplingBeta.class, "Exercise 2 (sampling beta)", () -> Lib.solve(3)),
                "solves another exercise");
    }

    @Test
    void aForbiddenCallOnAnotherThreadFailsEvenWhenTheStudentSwallowsTheExecutionException() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(TASK, EX, () -> {
                Future<Double> trial = pool.submit(() -> Lib.solve(3));
                try {
                    return trial.get();
                } catch (InterruptedException | ExecutionException e) {
                    return -1.0; // the student hides the failure of the trial
                }
            }));
            assertNamesTheCall(f, "ExerciseTest.Lib.solve");
            // The same worker thread is not guarded once the call is over.
            assertEquals(6.0, pool.submit(() -> Lib.solve(3)).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForbiddenCallOnAnotherThreadIsReportedInsteadOfTheErrorItLedTo() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(TASK, EX, () -> {
            Thread t = new Thread(() -> {
                try {
                    Lib.solve(3);
                } catch (Throwable ignored) {
                    // swallowed on the worker thread
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("the student's own error after the trial");
        }));
        assertNamesTheCall(f, "ExerciseTest.Lib.solve");
    }

    @Test
    void aSwallowedViolationStillFailsWhenTheCallReturns() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(TASK, EX, () -> {
            try {
                return Lib.solve(3);
            } catch (Throwable e) {
                return 6.0;
            }
        }));
        assertNamesTheCall(f, "ExerciseTest.Lib.solve");
        assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guardedRun(TASK, EX, () -> {
            try {
                Lib.solve(3);
            } catch (AssertionError e) {
                // ignored
            }
        }));
        assertNoGuardActive();
    }

    @Test
    void notImplementedYetPassesThroughUntouchedAndResetsTheGuard() {
        NotImplementedYet stub = new NotImplementedYet(EX);
        NotImplementedYet thrown = assertThrows(NotImplementedYet.class, () -> Exercise.guarded(TASK, EX, () -> {
            throw stub;
        }));
        assertSame(stub, thrown);
        assertNoGuardActive();
    }

    @Test
    void theStudentsOwnExceptionsPassThroughAndResetTheGuard() {
        IllegalArgumentException own = new IllegalArgumentException("beta must be in [0, 1)");
        assertSame(own, assertThrows(IllegalArgumentException.class, () -> Exercise.guarded(TASK, EX, () -> {
            throw own;
        })));
        assertNoGuardActive();
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> Exercise.guardedRun(TASK, EX, () -> {
            throw error;
        })));
        assertNoGuardActive();
    }

    @Test
    void guardsDoNotNest() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Exercise.guarded(TASK, EX,
                () -> Exercise.guarded(deepnets.exercises.CrossEntropyLoss.class, "Exercise 2 (cross-entropy loss)",
                        () -> 1.0)));
        assertTrue(e.getMessage().contains("the check of " + EX + " is still running"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Exercise.guarded for Exercise 2 (cross-entropy loss)"), e.getMessage());
        assertNoGuardActive();
    }

    @Test
    void badArgumentsAreRejectedWithTheFix() {
        assertThrows(IllegalArgumentException.class, () -> Exercise.guarded(null, EX, () -> 1.0));
        assertThrows(IllegalArgumentException.class, () -> Exercise.guarded(TASK, " ", () -> 1.0));
        assertThrows(IllegalArgumentException.class, () -> Exercise.guarded(TASK, EX, null));
        assertThrows(IllegalArgumentException.class, () -> Exercise.guardedRun(TASK, EX, null));
        assertNoGuardActive();
    }

    @Test
    void theHookAllocatesNothingWhenNoGuardIsActive() {
        // Cost is measured in benchmarks, not timed tests; here: the inactive hook creates no objects.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 1_000; i++) {
            EntryPoints.entered();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            EntryPoints.entered();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 10_000, "100000 inactive hooks allocated " + allocated + " bytes");
    }

    @Test
    void theGuardIsInstalledOnceAndCodeUnderACheckCannotReplaceIt() {
        assertEquals(1.0, Exercise.guarded(TASK, EX, () -> 1.0), 0.0); // Exercise is in use: its guard is installed
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Exercise.guarded(TASK, EX, () -> {
                    EntryPoints.install(() -> { }); // a student's attempt to switch the hooks off
                    return 1.0;
                }));
        assertTrue(e.getMessage().startsWith("EntryPoints.install: the bypass guard is installed already"),
                e.getMessage());
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guarded(TASK, EX, () -> Lib.solve(1)));
        assertTrue(f.getMessage().contains("ExerciseTest.Lib.solve"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryPoints.install(null));
        assertNoGuardActive();
    }

    @Test
    void aHookInAMethodWithoutSolvesIsAnErrorNamingTheMethod() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Exercise.guarded(TASK, EX, () -> {
            EntryPoints.entered();
            return 1.0;
        }));
        assertTrue(e.getMessage().contains("which has no @Solves annotation"), e.getMessage());
        assertNoGuardActive();
    }

    @Test
    void switchingTheGuardOffByReflectionFailsTheCall() {
        // The attack: inside the guarded call, set the guard's state to null, then call the library's solution.
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(TASK, EX, () -> {
            try {
                java.lang.reflect.Field active = Exercise.class.getDeclaredField("active");
                active.setAccessible(true);
                active.set(null, null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            return deepnets.layers.Softmax.forward(new double[][] {{1, 2}})[0][0];
        }));
        assertTrue(f.getMessage().contains("the bypass guard's state was changed"), f.getMessage());
        assertNoGuardActive();
    }

    @Test
    void theHookFieldsCannotBeSetByReflection() throws Exception {
        java.lang.reflect.Field hook = Exercise.class.getDeclaredField("HOOK");
        hook.setAccessible(true);
        assertThrows(IllegalAccessException.class, () -> hook.set(null, null));
    }

    @Test
    void anInternalKernelReachedByReflectionIsGuardedToo() throws Exception {
        Class<?> kernel = Class.forName("deepnets.layers.SoftmaxKernel");
        java.lang.reflect.Method forward = kernel.getDeclaredMethod("forward", String.class, double[][].class,
                int[].class, double[][].class);
        forward.setAccessible(true);
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(TASK, EX, () -> {
            double[][] out = new double[1][2];
            try {
                forward.invoke(null, "x", new double[][] {{1, 2}}, null, out);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw (RuntimeException) e.getCause();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            return out;
        }));
        assertNamesTheCall(f, "SoftmaxKernel.forward");
        assertNoGuardActive();
    }

    /**
     * An exercise's own reference code in its home is annotated too: code outside the homes that calls it (the
     * student's code; here this test) is refused, while the home's mistakes may build on it.
     */
    @Test
    void aHomesReferenceCodeCalledFromOutsideTheHomesIsRefused() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.guarded(
                deepnets.exercises.ConfusionMatrixCount.class, "Exercise 1 (confusion matrix)",
                () -> deepnets.exercises.ConfusionMatrixCount.reference(new int[] {0, 1}, new int[] {0, 1}, 2)));
        assertEquals("ConfusionMatrixCount.reference", f.entryPoint());
        assertNoGuardActive();
    }
}
