package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.NotImplementedYet;
import deepnets.core.EntryPoints;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExerciseTest {

    private static final String EX = "Exercise 1 (stable softmax)";

    /** Stands in for a library class whose entry points carry the hook. */
    static final class Lib {
        static double solve(double x) {
            EntryPoints.entered("Lib.solve");
            return 2 * x;
        }

        static double helper(double x) {
            EntryPoints.entered("Lib.helper");
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
        assertEquals(5.0, Exercise.call(EX, () -> Lib.helper(4), "Lib.solve"));
    }

    @Test
    void aForbiddenCallFailsWithAMessageNamingIt() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.call(EX, () -> Lib.solve(3), "Lib.solve"));
        assertNamesTheCall(f, "Lib.solve");
        assertNoGuardActive();
    }

    @Test
    void aForbiddenCallThroughAHelperFails() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.call(EX, () -> studentHelper(3), "Lib.other", "Lib.solve"));
        assertNamesTheCall(f, "Lib.solve");
    }

    @Test
    void aClassWildcardForbidsEveryEntryPointOfThatClass() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.call(EX, () -> Lib.helper(3), "Lib.*"));
        assertNamesTheCall(f, "Lib.helper");
    }

    @Test
    void allowedCallsPassAndTheResultComesBack() {
        AtomicInteger runs = new AtomicInteger();
        assertEquals(8.0, Exercise.call(EX, () -> {
            runs.incrementAndGet();
            return Lib.helper(7);
        }, "Lib.solve"));
        Exercise.run(EX, () -> runs.addAndGet((int) Lib.helper(1)), "Lib.solve");
        assertEquals(3, runs.get());
        assertEquals(6.0, Exercise.call(EX, () -> Lib.solve(3)), "no entry point forbidden");
    }

    @Test
    void aForbiddenCallOnAnotherThreadFailsEvenWhenTheStudentSwallowsTheExecutionException() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.call(EX, () -> {
                Future<Double> trial = pool.submit(() -> Lib.solve(3));
                try {
                    return trial.get();
                } catch (InterruptedException | ExecutionException e) {
                    return -1.0; // the student hides the failure of the trial
                }
            }, "Lib.solve"));
            assertNamesTheCall(f, "Lib.solve");
            // The same worker thread is not guarded once the call is over.
            assertEquals(6.0, pool.submit(() -> Lib.solve(3)).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aForbiddenCallOnAnotherThreadIsReportedInsteadOfTheErrorItLedTo() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.call(EX, () -> {
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
        }, "Lib.solve"));
        assertNamesTheCall(f, "Lib.solve");
    }

    @Test
    void aSwallowedViolationStillFailsWhenTheCallReturns() {
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.call(EX, () -> {
            try {
                return Lib.solve(3);
            } catch (Throwable e) {
                return 6.0;
            }
        }, "Lib.solve"));
        assertNamesTheCall(f, "Lib.solve");
        assertThrows(LibraryCallCheckFailure.class, () -> Exercise.run(EX, () -> {
            try {
                Lib.solve(3);
            } catch (AssertionError e) {
                // ignored
            }
        }, "Lib.solve"));
        assertNoGuardActive();
    }

    @Test
    void notImplementedYetPassesThroughUntouchedAndResetsTheGuard() {
        NotImplementedYet stub = new NotImplementedYet(EX);
        NotImplementedYet thrown = assertThrows(NotImplementedYet.class, () -> Exercise.call(EX, () -> {
            throw stub;
        }, "Lib.solve"));
        assertSame(stub, thrown);
        assertNoGuardActive();
    }

    @Test
    void theStudentsOwnExceptionsPassThroughAndResetTheGuard() {
        IllegalArgumentException own = new IllegalArgumentException("beta must be in [0, 1)");
        assertSame(own, assertThrows(IllegalArgumentException.class, () -> Exercise.call(EX, () -> {
            throw own;
        }, "Lib.solve")));
        assertNoGuardActive();
        StackOverflowError error = new StackOverflowError();
        assertSame(error, assertThrows(StackOverflowError.class, () -> Exercise.run(EX, () -> {
            throw error;
        }, "Lib.solve")));
        assertNoGuardActive();
    }

    @Test
    void guardsDoNotNest() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Exercise.call(EX,
                () -> Exercise.call("Exercise 2 (cross-entropy loss)", () -> 1.0, "Lib.helper"), "Lib.solve"));
        assertTrue(e.getMessage().contains("the check of " + EX + " is still running"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Exercise.call for Exercise 2 (cross-entropy loss)"), e.getMessage());
        assertNoGuardActive();
    }

    @Test
    void badArgumentsAreRejectedWithTheFix() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Exercise.call(EX, () -> 1.0, "Softmax.forward(z)")).getMessage();
        assertTrue(m.contains("\"Softmax.forward(z)\" is not an entry point; write \"Class.method\""), m);
        assertThrows(IllegalArgumentException.class, () -> Exercise.call(" ", () -> 1.0, "Lib.solve"));
        assertThrows(IllegalArgumentException.class, () -> Exercise.call(EX, null, "Lib.solve"));
        assertThrows(IllegalArgumentException.class, () -> Exercise.run(EX, null, "Lib.solve"));
        assertThrows(IllegalArgumentException.class, () -> Exercise.call(EX, () -> 1.0, (String[]) null));
        assertNoGuardActive();
    }

    @Test
    void theHookAllocatesNothingWhenNoGuardIsActive() {
        // Cost is measured in benchmarks, not timed tests; here: the inactive hook creates no objects.
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 1_000; i++) {
            EntryPoints.entered("Lib.solve");
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            EntryPoints.entered("Lib.solve");
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 10_000, "100000 inactive hooks allocated " + allocated + " bytes");
    }

    @Test
    void theGuardIsInstalledOnceAndCodeUnderACheckCannotReplaceIt() {
        assertEquals(1.0, Exercise.call(EX, () -> 1.0, "Lib.solve"), 0.0); // Exercise is in use: its guard is installed
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Exercise.call(EX, () -> {
                    EntryPoints.install(name -> { }); // a student's attempt to switch the hooks off
                    return 1.0;
                }, "Lib.solve"));
        assertTrue(e.getMessage().startsWith("EntryPoints.install: the bypass guard is installed already"),
                e.getMessage());
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class, () -> Exercise.call(EX, () -> {
            EntryPoints.entered("Lib.solve");
            return 1.0;
        }, "Lib.solve"));
        assertTrue(f.getMessage().contains("Lib.solve"), f.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EntryPoints.install(null));
        assertNoGuardActive();
    }
}
