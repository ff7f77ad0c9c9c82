package deepnets.core;

import java.util.function.Consumer;

/**
 * The hooks of the bypass guard: every library entry point that solves an exercise starts with
 * {@code EntryPoints.entered("Class.method")}. A hook does nothing until {@code deepnets.check.Exercise} installs
 * its guard, which it does once, when the class is first used; from then on each hook asks the guard, which throws
 * while a check cell forbids that entry point (see {@code Exercise}).
 *
 * <p>The hooks live here, in the bottom package, so that every package can have them without depending on
 * {@code deepnets.check}, which itself builds on this one. The guard can be installed once per JVM and never
 * replaced or removed: code under a check cannot switch it off by installing one of its own.
 *
 * <p>Cost when no check runs: two volatile reads.
 */
public final class EntryPoints {

    /** The installed guard, or null before {@code Exercise} is first used. */
    private static volatile Consumer<String> guard;

    private EntryPoints() {
    }

    /**
     * The hook at the start of an entry point. Does nothing unless a guarded check forbids {@code entryPoint};
     * then the guard records the violation and throws.
     *
     * @param entryPoint the entry point's name, {@code "Class.method"}, e.g. {@code "BatchNorm.forwardTrain"}
     */
    public static void entered(String entryPoint) {
        Consumer<String> installed = guard;
        if (installed != null) {
            installed.accept(entryPoint);
        }
    }

    /**
     * Installs the guard that every hook asks ({@code Exercise} does this); once per JVM.
     *
     * @throws IllegalStateException if a guard is installed already
     */
    public static synchronized void install(Consumer<String> newGuard) {
        Require.notNull("EntryPoints.install", "newGuard", newGuard);
        if (guard != null) {
            throw new IllegalStateException("EntryPoints.install: the bypass guard is installed already, and there is "
                    + "one per JVM; it cannot be replaced. Run checks with Exercise.call or Exercise.run.");
        }
        guard = newGuard;
    }
}
