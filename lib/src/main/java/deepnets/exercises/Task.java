package deepnets.exercises;

import deepnets.NotImplementedYet;
import deepnets.check.Exercise;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The home of one exercise: its notebook, name and points, its visible check, its known mistakes and the code that
 * would bypass it by calling the library. The library methods that solve it say so with
 * {@code @Solves(TheExercise.class)}; the check runs the student's code with those forbidden.
 *
 * <p>A notebook's check cell is one line that hands the student's method to the exercise's class, e.g.
 * {@code TestTimeNormalization.check((x, g, b, m, v, eps) -> batchNormTest(x, g, b, m, v, eps));}. The expected
 * values come from compiled reference code here, never from a notebook cell. Grading also runs a held-out check on
 * the same code ({@link Submissions}); it is not part of the student's release.
 *
 * <p>Adding an exercise: see docs/instructors.md ("Adding an exercise").
 *
 * @param <F> the functional interface the student's method fits
 */
public abstract class Task<F> {

    private final String notebook;
    private final String name;
    private final int points;
    private final Class<F> type;

    /**
     * @param notebook the notebook's file name without folder and extension, e.g. "06-batch-norm-test-time"
     * @param name     the exercise as the notebook's heading and its solution region name it,
     *                 e.g. "Exercise 2 (test-time normalization)"
     * @param points   what it is worth, a whole number >= 1
     * @param type     the functional interface the student's method fits
     */
    protected Task(String notebook, String name, int points, Class<F> type) {
        if (notebook == null || name == null || points < 1 || type == null || !type.isInterface()) {
            throw new IllegalArgumentException("Task: a notebook, a name, points >= 1 and a functional interface are "
                    + "needed (got " + notebook + ", " + name + ", " + points + ", " + type + ")");
        }
        this.notebook = notebook;
        this.name = name;
        this.points = points;
        this.type = type;
    }

    /** The notebook's file name without folder and extension, e.g. "06-batch-norm-test-time". */
    public final String notebook() {
        return notebook;
    }

    /** The exercise's name as its notebook gives it, e.g. "Exercise 2 (test-time normalization)". */
    public final String name() {
        return name;
    }

    /** What the exercise is worth. */
    public final int points() {
        return points;
    }

    /** The functional interface the student's method fits. */
    public final Class<F> type() {
        return type;
    }

    /**
     * Runs the visible check on the student's code and prints one line saying what passed.
     *
     * @throws deepnets.check.CheckFailure naming the piece that is wrong, with the input that shows it
     * @throws deepnets.check.LibraryCallCheckFailure if the code calls the library's own solution
     * @throws NotImplementedYet if the exercise is not written yet
     */
    public final void check(F yours) {
        if (yours == null) {
            throw new IllegalArgumentException(name + ": the code to check is null; pass a lambda that calls your "
                    + "method, as the check cell does.");
        }
        Submissions.record(this, yours);
        deepnets.check.Probe.forget();
        String passed = visible(yours);
        System.out.println("ok: " + name + " passed: " + passed);
    }

    /**
     * The visible check: runs the student's code (only through {@link #call}) on inputs designed so that each known
     * mistake shows, compares with the reference, and throws a {@link deepnets.check.CheckFailure} naming the cause.
     *
     * @return what passed, in a few words, for the "ok" line
     */
    protected abstract String visible(F yours);

    /** The known mistakes, each a small wrong implementation and the cause its failure must name. At least three. */
    public abstract List<Mistake<F>> mistakes();

    /**
     * Code that calls the library's own solution, which the check must refuse; null when nothing in the library
     * solves the exercise (then {@link #noSolverBecause()} says why).
     */
    public abstract F bypass();

    /** Why nothing in the library solves this exercise, when {@link #bypass()} is null. */
    public String noSolverBecause() {
        return null;
    }

    /**
     * Runs the student's code with this exercise's solving library methods forbidden (those annotated
     * {@code @Solves(ThisClass.class)}).
     */
    public final <T> T call(Supplier<T> code) {
        return Exercise.guarded(getClass(), name, code);
    }

    /** {@link #call(Supplier)} for code that returns nothing. */
    public final void run(Runnable code) {
        call(() -> {
            code.run();
            return null;
        });
    }

    /**
     * What each known mistake gives on the check's input, for a failure to name the one the student's answer
     * matches: {@code apply} runs one implementation on fresh copies of the input. A mistake that throws is left
     * out.
     */
    protected final <R> Map<String, R> diagnose(Function<F, R> apply) {
        Map<String, R> out = new LinkedHashMap<>();
        for (Mistake<F> m : mistakes()) {
            try {
                out.put(m.cause(), apply.apply(m.code()));
            } catch (RuntimeException | Error e) {
                // this mistake cannot run on this input: it cannot be the student's
            }
        }
        return out;
    }

    /**
     * The known mistakes the student's code agrees with on a richer input ({@code fingerprint} runs one
     * implementation on fresh copies of it and returns its whole output as numbers). A probe names a mistake only
     * when it is among these, so that a mistake that happens to give the same numbers on a tiny probe is not named
     * when the student's code does something else. Empty when the student's code throws on that input.
     */
    protected final java.util.Set<String> consistent(F yours, Function<F, double[][]> fingerprint) {
        double[][] theirs;
        try {
            theirs = call(() -> fingerprint.apply(yours));
        } catch (NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, double[][]> m : diagnose(fingerprint).entrySet()) {
            if (deepnets.check.Probe.same(m.getValue(), theirs, 1e-9)) {
                out.add(m.getKey());
            }
        }
        return out;
    }

    /** {@code known} restricted to the causes in {@code consistent}. */
    protected static <R> Map<String, R> only(Map<String, R> known, java.util.Set<String> consistent) {
        Map<String, R> out = new LinkedHashMap<>();
        known.forEach((cause, r) -> {
            if (consistent.contains(cause)) {
                out.put(cause, r);
            }
        });
        return out;
    }

    /** A stand-in for an unwritten exercise: throws {@link NotImplementedYet} as the student copy's stub does. */
    public final F stub() {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, args);
            }
            throw new NotImplementedYet(name);
        }));
    }

    @Override
    public String toString() {
        return name + " (" + notebook + ", " + points + (points == 1 ? " point)" : " points)");
    }
}
