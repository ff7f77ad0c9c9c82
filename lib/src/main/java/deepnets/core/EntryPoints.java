package deepnets.core;

/**
 * The hook of the bypass guard: every library method that solves an exercise is annotated {@link Solves} and starts
 * with {@code EntryPoints.entered()}. A hook does nothing until {@code deepnets.check.Exercise} installs its guard,
 * which it does once, when the class is first used; from then on each hook asks the guard, which looks at the
 * annotation of the method it sits in and throws while the check of one of its exercises runs (see
 * {@code Exercise}).
 *
 * <p>The hook lives here, in the bottom package, so that every package can have it without depending on
 * {@code deepnets.check}, which itself builds on this one. The guard can be installed once per JVM and never
 * replaced or removed: code under a check cannot switch it off by installing one of its own.
 *
 * <p>Cost when no check runs: two volatile reads.
 */
public final class EntryPoints {

    /** The installed guard, or null before {@code Exercise} is first used. */
    private static volatile Runnable guard;

    private EntryPoints() {
    }

    /**
     * The hook at the start of a method annotated {@link Solves}. Does nothing unless a guarded check of one of the
     * exercises it names runs; then the guard records the violation and throws.
     */
    public static void entered() {
        Runnable installed = guard;
        if (installed != null) {
            installed.run();
        }
    }

    /** The guard that hooks ask now, for {@code Exercise} to verify that nobody replaced it. */
    public static Runnable installed() {
        return guard;
    }

    /**
     * Installs the guard that every hook asks ({@code Exercise} does this); once per JVM.
     *
     * @throws IllegalStateException if a guard is installed already
     */
    public static synchronized void install(Runnable newGuard) {
        Require.notNull("EntryPoints.install", "newGuard", newGuard);
        if (guard != null) {
            throw new IllegalStateException("EntryPoints.install: the bypass guard is installed already, and there is "
                    + "one per JVM; it cannot be replaced. Run checks through the exercise's class in "
                    + "deepnets.exercises.");
        }
        guard = newGuard;
    }
}
