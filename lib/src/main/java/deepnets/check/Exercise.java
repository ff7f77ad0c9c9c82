package deepnets.check;

import deepnets.NotImplementedYet;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import java.lang.invoke.MethodType;
import java.lang.reflect.Executable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The bypass guard: runs a student's exercise code while the library's own solutions of that exercise are
 * forbidden, so that {@code return Softmax.forward(z);} does not pass a softmax exercise.
 *
 * <p>Which library methods solve which exercise is declared once, by the annotation {@link Solves} on the method,
 * whose first statement is the hook {@link EntryPoints#entered()}. An exercise's class in
 * {@code deepnets.exercises} runs the student's code through {@link #guarded}; while it runs, a hook finds the
 * method it sits in on the stack, reads its annotation, and if the running exercise is among its values records the
 * violation and throws a {@link LibraryCallCheckFailure} naming the library method the student's code called. If
 * the student's code catches and swallows it, {@code guarded} throws it again when the code returns.
 *
 * <p>An exercise's home ({@code deepnets.exercises}) annotates its own reference code the same way: called from the
 * student's code, directly or by reflection, it is refused like the library's solution; called from the homes
 * themselves (their known mistakes and bypasses build on it), it is not.
 *
 * <p>The guard is global to the JVM, not per thread: trials that the student's code runs on other threads are
 * watched too. Hence guarded calls cannot overlap; a second one while the first runs is an
 * {@link IllegalStateException}. The guard is always removed when the call ends, however it ends. A
 * {@link NotImplementedYet} from an unwritten exercise passes through untouched.
 *
 * <p>Cost when no guard is active: a hook is two volatile reads. When one is active, a hook walks the stack once.
 *
 * <p>What it does not stop: the student's code runs in the same JVM, in the unnamed module, so reflection reaches
 * every field of the library. A guarded call therefore ends with a failure when the guard's state is not what it
 * set up (the running guard replaced or removed, another hook installed). Code that swaps the state and puts it
 * back before it returns, or writes memory with {@code sun.misc.Unsafe}, is not caught here; only checks that run
 * in a JVM of their own close that.
 */
public final class Exercise {

    /** The guard of the call that runs now, or null; read by every hook. */
    private static volatile Guard active;

    /** The hook installed below; a final static field, which reflection cannot set. */
    private static final Runnable HOOK = Exercise::entered;

    /** Classes of the checks themselves: the walk for the name of what the student called stops there. */
    private static final java.util.regex.Pattern CHECKING =
            java.util.regex.Pattern.compile("deepnets\\.(check|exercises|heldout)\\.");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** The exercises each hooked method solves, by class, name and descriptor; filled as hooks fire under a guard. */
    private static final Map<String, List<Class<?>>> SOLVES = new ConcurrentHashMap<>();

    static {
        EntryPoints.install(HOOK);
    }

    private Exercise() {
    }

    /**
     * Runs {@code code} with every library method annotated {@code @Solves(task)} forbidden, and returns its result.
     *
     * @param task     the exercise's class in {@code deepnets.exercises}
     * @param exercise the exercise as the notebook names it, e.g. {@code "Exercise 1 (stable softmax)"}
     * @param code     the call of the student's method, and nothing else
     * @throws LibraryCallCheckFailure if the code entered a forbidden method, caught or not
     * @throws IllegalStateException   if another guarded call is still running
     */
    public static <T> T guarded(Class<?> task, String exercise, Supplier<T> code) {
        Guard guard = begin(task, exercise, code);
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

    /** The {@link Runnable} version of {@link #guarded}, for code that returns nothing. */
    public static void guardedRun(Class<?> task, String exercise, Runnable code) {
        if (code == null) {
            throw new IllegalArgumentException("Exercise.guardedRun for " + exercise + ": the code to run is null; "
                    + "pass () -> yourMethod(...).");
        }
        guarded(task, exercise, () -> {
            code.run();
            return null;
        });
    }

    /**
     * The exercises that the method a hook sits in solves: the values of its {@link Solves} annotation.
     *
     * @throws IllegalStateException if the method has no such annotation (a hook where none belongs)
     */
    static List<Class<?>> solvedBy(StackWalker.StackFrame frame) {
        String key = frame.getClassName() + "." + frame.getMethodName() + frame.getDescriptor();
        return SOLVES.computeIfAbsent(key, k -> {
            Solves solves = executable(frame).map(e -> e.getAnnotation(Solves.class)).orElse(null);
            if (solves == null) {
                throw new IllegalStateException("EntryPoints.entered() in " + simpleName(frame) + ", which has no "
                        + "@Solves annotation: annotate the method with the exercises it solves, or remove the hook.");
            }
            return List.of(solves.value());
        });
    }

    private static Optional<Executable> executable(StackWalker.StackFrame frame) {
        Class<?> owner = frame.getDeclaringClass();
        MethodType type = frame.getMethodType();
        try {
            if (frame.getMethodName().equals("<init>")) {
                return Optional.of(owner.getDeclaredConstructor(type.parameterArray()));
            }
            return Optional.of(owner.getDeclaredMethod(frame.getMethodName(), type.parameterArray()));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    private static String simpleName(StackWalker.StackFrame frame) {
        String cls = frame.getDeclaringClass().getName();
        return cls.substring(cls.lastIndexOf('.') + 1).replace('$', '.') + "." + frame.getMethodName();
    }

    /**
     * The guard that the hook ({@link EntryPoints#entered()}) runs. Does nothing unless a guarded call is running;
     * then it finds the hooked method on the stack and throws if that method solves the running exercise.
     *
     * @throws LibraryCallCheckFailure if the running guarded call's exercise is one the hooked method solves
     */
    private static void entered() {
        Guard guard = active;
        if (guard == null) {
            return;
        }
        String[] called = new String[1];
        boolean forbidden = WALKER.walk(frames -> {
            var it = frames.iterator();
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                if (f.getDeclaringClass() == EntryPoints.class) {
                    break;
                }
            }
            if (!it.hasNext()) {
                return false;
            }
            StackWalker.StackFrame hooked = it.next();
            if (!solvedBy(hooked).contains(guard.task())) {
                return false;
            }
            // Name what the student's code called: the outermost library frame before the first frame outside it.
            called[0] = simpleName(hooked);
            boolean home = hooked.getClassName().startsWith("deepnets.exercises.");
            boolean first = true;
            while (it.hasNext()) {
                StackWalker.StackFrame f = it.next();
                boolean library = f.getClassName().startsWith("deepnets.");
                if (first && home && f.getClassName().startsWith("deepnets.exercises.")) {
                    return false;   // an exercise's reference code called by the homes (a mistake, a bypass)
                }
                first = false;
                if (!library || CHECKING.matcher(f.getClassName()).lookingAt()) {
                    break;   // the student's code, or the check that runs it
                }
                if (!f.getMethodName().startsWith("lambda$")) {
                    called[0] = simpleName(f);
                }
            }
            return true;
        });
        if (forbidden) {
            guard.refuse(called[0]);
        }
    }

    private static synchronized Guard begin(Class<?> task, String exercise, Object code) {
        if (task == null || exercise == null || exercise.isBlank()) {
            throw new IllegalArgumentException("Exercise.guarded: the exercise is missing (task " + task + ", name \""
                    + exercise + "\"); exercises run their checks through their class in deepnets.exercises.");
        }
        if (code == null) {
            throw new IllegalArgumentException("Exercise.guarded for " + exercise + ": the code to run is null; pass "
                    + "() -> yourMethod(...).");
        }
        Guard running = active;
        if (running != null && running.owner().isAlive()) {
            throw new IllegalStateException("Exercise.guarded for " + exercise + ": the check of "
                    + running.exercise() + " is still running; guarded calls cannot be nested or run at the same "
                    + "time. Call the exercise's method directly inside the guarded code.");
        }
        Guard guard = new Guard(task, exercise, Thread.currentThread(), new AtomicReference<>());
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
     * One guarded call: its exercise, the thread that started it, and the first violation. A record, so that
     * reflection cannot set its fields.
     */
    private record Guard(Class<?> task, String exercise, Thread owner,
                         AtomicReference<LibraryCallCheckFailure> violation) {

        void refuse(String called) {
            LibraryCallCheckFailure failure = new LibraryCallCheckFailure(exercise, called);
            violation.compareAndSet(null, failure);
            throw failure;
        }
    }
}
