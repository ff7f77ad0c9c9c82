package deepnets.core;

import java.util.Set;
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

    /**
     * Every name a hook passes to {@link #entered}: a guarded call may forbid only these (or {@code "Class.*"} of
     * a class among them), so that a misspelt name, which would guard nothing, is refused when the guard is set
     * up. tools/tests/test_honest_kernel.py compares this list with the hooks in the sources.
     */
    private static final Set<String> KNOWN = Set.of(
            "BatchNorm.backward", "BatchNorm.backwardGraph", "BatchNorm.backwardSimplified", "BatchNorm.forward",
            "BatchNorm.forwardTest", "BatchNorm.forwardTrain", "BatchNorm.updateRunning", "Check.gradient",
            "Choice.zoom", "CoarseToFine.best", "ConfusionMatrix.count", "CrossEntropy.loss", "EwaBeta.fromAxis",
            "EwaBeta.toAxis", "GradientCheck.numericGradient", "GradientCheck.relativeError", "IntRange.zoom",
            "LayerNorm.forward", "LogUniform.fromAxis", "LogUniform.toAxis", "Matrices.columnMeans",
            "Matrices.columnVariances", "Results.best", "Results.sorted", "Results.top", "Results.zoom",
            "Sampling.beta", "Sampling.logUniform", "Sampling.sample", "ScaledRange.sample", "ScaledRange.zoom",
            "Search.coarseToFine", "Search.grid", "Search.random", "Search.run", "SearchSpace.sample",
            "SearchSpace.zoom", "Softmax.forward", "Softmax.logSumExp", "SoftmaxCrossEntropy.backward",
            "SoftmaxCrossEntropy.forward", "Standardizer.fit", "Standardizer.transform");

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
     * Whether {@code name} is an entry point some hook announces, or {@code "Class.*"} for a class that has one.
     *
     * @param name {@code "Class.method"} or {@code "Class.*"}
     */
    public static boolean known(String name) {
        if (name == null) {
            return false;
        }
        if (name.endsWith(".*")) {
            String prefix = name.substring(0, name.length() - 1);
            return KNOWN.stream().anyMatch(known -> known.startsWith(prefix));
        }
        return KNOWN.contains(name);
    }

    /** The guard that hooks ask now, for {@code Exercise} to verify that nobody replaced it. */
    public static Consumer<String> installed() {
        return guard;
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
