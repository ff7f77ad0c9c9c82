package deepnets.check;

import deepnets.NotImplementedYet;
import deepnets.core.EntryPoints;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The bypass guard: runs a student's exercise code while the library's own solutions of that
 * exercise are forbidden, so that {@code return Softmax.forward(z);} does not pass a softmax exercise.
 *
 * <p>A check cell wraps only the call of the student's method:
 * <pre>{@code
 * var g = Exercise.call("Exercise 1 (backward through the graph)", () -> bnBackwardGraph(dout, cache),
 *         "BatchNorm.backwardGraph", "BatchNorm.backward");
 * }</pre>
 * Each solving entry point of the library starts with a one-line hook such as
 * {@code EntryPoints.entered("BatchNorm.backwardGraph")} ({@link EntryPoints}, to which this class hands its
 * guard the first time it is used). While a guarded call runs, entering a forbidden
 * entry point records the violation and throws a {@link LibraryCallCheckFailure}; if the student's
 * code catches and swallows it, {@code call} throws it again when the code returns. A name
 * {@code "Sampling.*"} forbids every entry point of that class.
 *
 * <p>The guard is global to the JVM, not per thread: trials that the student's code runs on other
 * threads are watched too. Hence guarded calls cannot overlap; a second one while the first runs is an
 * {@link IllegalStateException}. The guard is always removed when the call ends, however it ends.
 * A {@link NotImplementedYet} from an unwritten exercise passes through untouched.
 *
 * <p>Cost when no guard is active: a hook is two volatile reads.
 *
 * <p>What it does not stop: the student's code runs in the same JVM, in the unnamed module, so reflection reaches
 * every field of the library. A guarded call therefore ends with a failure when the guard's state is not what it
 * set up (the running guard replaced or removed, another hook installed), and each guard's forbidden set is
 * immutable (a record's fields cannot be set by reflection; {@code Set.copyOf}'s internals are in a package Java does
 * not open). Code that swaps the state and puts it back before it returns, or writes memory with
 * {@code sun.misc.Unsafe}, is not caught here; only checks that run in a JVM of their own close that.
 */
public final class Exercise {

    private static final Pattern ENTRY_POINT = Pattern.compile("[A-Za-z_$][\\w$]*\\.([A-Za-z_$][\\w$]*|\\*)");

    /** The guard of the call that runs now, or null; read by every hook. */
    private static volatile Guard active;

    /** The hook installed below; a final static field, which reflection cannot set. */
    private static final Consumer<String> HOOK = Exercise::entered;

    static {
        EntryPoints.install(HOOK);
    }

    private Exercise() {
    }

    /**
     * Runs {@code code} with the named library entry points forbidden and returns its result.
     *
     * @param exercise  the exercise as the notebook names it, e.g. {@code "Exercise 1 (stable softmax)"}
     * @param code      the call of the student's method, and nothing else
     * @param forbidden entry points that solve the exercise, as {@code "Class.method"} or {@code "Class.*"}
     * @throws LibraryCallCheckFailure if the code entered a forbidden entry point, caught or not
     * @throws IllegalStateException   if another guarded call is still running
     */
    public static <T> T call(String exercise, Supplier<T> code, String... forbidden) {
        Guard guard = begin("Exercise.call", exercise, code, forbidden);
        T result;
        try {
            result = code.get();
        } catch (NotImplementedYet e) {
            throw e;
        } catch (RuntimeException | Error e) {
            // The violation explains the failure better than whatever it caused (e.g. an ExecutionException).
            LibraryCallCheckFailure violation = guard.violation().get();
            if (violation != null) {
                throw violation;
            }
            throw e;
        } finally {
            end(guard);
        }
        LibraryCallCheckFailure violation = guard.violation().get();
        if (violation != null) {
            throw violation;
        }
        return result;
    }

    /** The {@link Runnable} version of {@link #call(String, Supplier, String...)}, for exercises returning nothing. */
    public static void run(String exercise, Runnable code, String... forbidden) {
        if (code == null) {
            throw new IllegalArgumentException("Exercise.run: the code to run is null; pass () -> yourMethod(...).");
        }
        call(exercise, () -> {
            code.run();
            return null;
        }, forbidden);
    }

    /**
     * The guard that every hook ({@link EntryPoints#entered}) asks. Does nothing unless a guarded call is running
     * and forbids {@code entryPoint}; then it records the violation and throws.
     *
     * @param entryPoint the entry point's name, {@code "Class.method"}, e.g. {@code "BatchNorm.forwardTrain"}
     * @throws LibraryCallCheckFailure if the running guarded call forbids this entry point
     */
    private static void entered(String entryPoint) {
        Guard guard = active;
        if (guard != null) {
            guard.check(entryPoint);
        }
    }

    private static synchronized Guard begin(String op, String exercise, Object code, String[] forbidden) {
        if (exercise == null || exercise.isBlank()) {
            throw new IllegalArgumentException(op + ": the exercise name is empty; pass it as the notebook names it, "
                    + "e.g. \"Exercise 1 (stable softmax)\".");
        }
        if (code == null) {
            throw new IllegalArgumentException(op + " for " + exercise + ": the code to run is null; pass "
                    + "() -> yourMethod(...).");
        }
        if (forbidden == null) {
            throw new IllegalArgumentException(op + " for " + exercise + ": the list of forbidden entry points is "
                    + "null; pass none at all if nothing in the library solves the exercise.");
        }
        for (String name : forbidden) {
            if (name == null || !ENTRY_POINT.matcher(name).matches()) {
                throw new IllegalArgumentException(op + " for " + exercise + ": \"" + name + "\" is not an entry "
                        + "point; write \"Class.method\" or \"Class.*\", e.g. \"BatchNorm.forwardTrain\".");
            }
            if (!EntryPoints.known(name)) {
                throw new IllegalArgumentException(op + " for " + exercise + ": no library entry point is called \""
                        + name + "\", so forbidding it would guard nothing; check the spelling against the hooks "
                        + "(EntryPoints.entered(\"Class.method\") in the library's sources).");
            }
        }
        Guard running = active;
        if (running != null && running.owner().isAlive()) {
            throw new IllegalStateException(op + " for " + exercise + ": the check of " + running.exercise()
                    + " is still running; guarded calls cannot be nested or run at the same time. Call the "
                    + "exercise's method directly inside the guarded code.");
        }
        Guard guard = new Guard(exercise, Set.copyOf(Arrays.asList(forbidden)), Thread.currentThread(),
                new AtomicReference<>());
        active = guard;
        return guard;
    }

    /**
     * Removes the guard; if the guard's state is not what {@code begin} left (the running guard removed or replaced,
     * or another hook installed in {@link EntryPoints}), the code under the guard changed it by reflection, and the
     * call fails whatever it returned.
     */
    private static synchronized void end(Guard guard) {
        boolean intact = active == guard && EntryPoints.installed() == HOOK;
        if (active == guard) {
            active = null;
        }
        if (!intact) {
            guard.violation().set(new LibraryCallCheckFailure(guard.exercise(), "Exercise (the bypass guard)",
                    guard.exercise() + ": the bypass guard's state was changed (by reflection?) while your code ran; "
                    + "a check cannot count such a run, whatever it returned."));
        }
    }

    /**
     * One guarded call: what it forbids, the thread that started it, and the first violation. A record, so that
     * reflection cannot set its fields; {@code forbidden} is an immutable set.
     */
    private record Guard(String exercise, Set<String> forbidden, Thread owner,
                         AtomicReference<LibraryCallCheckFailure> violation) {

        void check(String entryPoint) {
            if (entryPoint == null || !forbids(entryPoint)) {
                return;
            }
            LibraryCallCheckFailure failure = new LibraryCallCheckFailure(exercise, entryPoint);
            violation.compareAndSet(null, failure);
            throw failure;
        }

        private boolean forbids(String entryPoint) {
            if (forbidden.contains(entryPoint)) {
                return true;
            }
            int dot = entryPoint.indexOf('.');
            return dot > 0 && forbidden.contains(entryPoint.substring(0, dot) + ".*");
        }
    }
}
