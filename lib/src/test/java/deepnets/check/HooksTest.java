package deepnets.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.charts.ConfusionMatrix;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.exercises.AveragingWindow;
import deepnets.exercises.BatchNormForward;
import deepnets.exercises.Catalog;
import deepnets.exercises.ConfusionMatrixCount;
import deepnets.exercises.CrossEntropyLoss;
import deepnets.data.Dataset;
import deepnets.data.Standardizer;
import deepnets.gradcheck.GradientCheck;
import deepnets.layers.BatchNorm;
import deepnets.layers.CrossEntropy;
import deepnets.layers.LayerNorm;
import deepnets.layers.Mode;
import deepnets.layers.Softmax;
import deepnets.layers.SoftmaxCrossEntropy;
import deepnets.net.Network;
import deepnets.tuning.Choice;
import deepnets.tuning.EwaBeta;
import deepnets.tuning.IntRange;
import deepnets.tuning.LogUniform;
import deepnets.tuning.Result;
import deepnets.tuning.Results;
import deepnets.tuning.Sampling;
import deepnets.tuning.Search;
import deepnets.tuning.SearchSpace;
import deepnets.tuning.Uniform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public overload of every library entry point that solves an exercise carries the hook
 * {@code EntryPoints.entered("Class.method")}: called while a guarded call forbids it, it is refused with the
 * "your code calls ..." failure; called unguarded (or guarded with other names forbidden), it works.
 */
class HooksTest {

    private static final String EX = "Exercise 9 (hooks)";
    private static final double[][] X = {{1.0, -2.0, 0.5}, {3.0, 0.0, 0.75}, {2.0, 1.0, 0.25}, {-1.0, 4.0, 1.0}};
    private static final double[] GAMMA = {1.5, 0.5, 2.0};
    private static final double[] BETA = {0.1, -0.2, 0.3};
    private static final int[] LABELS = {0, 2, 1, 2};
    private static final SearchSpace SPACE = SearchSpace.of(new Uniform("u", 0, 1), new LogUniform("lr", 1e-4, 1),
            new EwaBeta("beta", 0.9, 0.999), new IntRange("units", 8, 64), new Choice("batch", 16, 32, 64));

    private static final deepnets.tuning.CoarseToFine COARSE_TO_FINE =
            Search.sequential().coarseToFine(SPACE, 4, 4, 2, 0.1, 1, c -> Result.of(c, c.get("u")));

    /** One call of one public overload, and the hook it must pass first. */
    record Case(String overload, String entryPoint, Runnable call) {
        @Override
        public String toString() {
            return overload;
        }
    }

    private static Results results() {
        return Search.sequential().random(SPACE, 6, 3, c -> Result.of(c, c.get("u")));
    }

    private static BatchNorm.Cache bnCache() {
        return BatchNorm.forwardTrain(X, GAMMA, BETA, 1e-5).cache();
    }

    private static SoftmaxCrossEntropy.Cache sceCache() {
        return SoftmaxCrossEntropy.forward(X, LABELS).cache();
    }

    static Stream<Case> cases() {
        BatchNorm layer = new BatchNorm(3);
        double[][] ones = {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}};
        double[] running = {0.0, 1.0, 2.0};
        Standardizer st = Standardizer.fit(X);
        // Inputs made before any guard, so that a guarded call enters only the entry point under test.
        Results res = results();
        List<Result> sorted = res.sorted();
        BatchNorm.Cache cache = bnCache();
        SoftmaxCrossEntropy.Cache sce = sceCache();
        return Stream.of(
                // tuning
                new Case("ScaledRange.zoom (Uniform)", "ScaledRange.zoom", () -> new Uniform("u", 0, 1).zoom(0.2, 0.4, 0.1)),
                new Case("ScaledRange.zoom (LogUniform)", "ScaledRange.zoom", () -> new LogUniform("lr", 1e-4, 1).zoom(1e-3, 1e-2, 0.1)),
                new Case("ScaledRange.sample", "ScaledRange.sample",
                        () -> new Uniform("u", 0, 1).sample(new java.util.SplittableRandom(1))),
                new Case("IntRange.zoom", "IntRange.zoom", () -> new IntRange("units", 8, 64).zoom(16, 32, 0.1)),
                new Case("Choice.zoom", "Choice.zoom", () -> new Choice("batch", 16, 32, 64).zoom(16, 32, 0.1)),
                new Case("SearchSpace.sample(seed)", "SearchSpace.sample", () -> SPACE.sample(5L)),
                new Case("SearchSpace.sample(n, seed)", "SearchSpace.sample", () -> SPACE.sample(4, 5L)),
                new Case("SearchSpace.zoom", "SearchSpace.zoom", () -> SPACE.zoom(sorted, 2, 0.1)),
                new Case("Results.zoom", "Results.zoom", () -> res.zoom(2, 0.1)),
                new Case("Results.best", "Results.best", () -> res.best()),
                new Case("Results.sorted", "Results.sorted", () -> res.sorted()),
                new Case("Results.top", "Results.top", () -> res.top(2)),
                new Case("Search.random", "Search.random", () -> Search.sequential().random(SPACE, 3, 1, c -> Result.of(c, 1))),
                new Case("Search.grid", "Search.grid", () -> Search.sequential().grid(SPACE, 2, 1, c -> Result.of(c, 1))),
                new Case("Search.coarseToFine", "Search.coarseToFine",
                        () -> Search.sequential().coarseToFine(SPACE, 4, 4, 2, 0.1, 1, c -> Result.of(c, c.get("u")))),
                new Case("Search.run", "Search.run",
                        () -> Search.parallel().run(SPACE, List.of(SPACE.sample(1L)), c -> Result.of(c, 1))),
                new Case("CoarseToFine.best", "CoarseToFine.best",
                        () -> COARSE_TO_FINE.best()),
                new Case("Sampling.sample", "Sampling.sample", () -> Sampling.sample(new Uniform("u", 0, 1), 3, 1)),
                new Case("Sampling.logUniform", "Sampling.logUniform", () -> Sampling.logUniform(1e-4, 1, 3, 1)),
                new Case("Sampling.beta", "Sampling.beta", () -> Sampling.beta(0.9, 0.999, 3, 1)),
                new Case("LogUniform.toAxis", "LogUniform.toAxis", () -> new LogUniform("lr", 1e-4, 1).toAxis(0.01)),
                new Case("LogUniform.fromAxis", "LogUniform.fromAxis", () -> new LogUniform("lr", 1e-4, 1).fromAxis(-2)),
                new Case("EwaBeta.toAxis", "EwaBeta.toAxis", () -> new EwaBeta("beta", 0.9, 0.999).toAxis(0.99)),
                new Case("EwaBeta.fromAxis", "EwaBeta.fromAxis", () -> new EwaBeta("beta", 0.9, 0.999).fromAxis(-2)),
                // layers
                new Case("BatchNorm.forward(x, mode)", "BatchNorm.forward", () -> layer.forward(X, Mode.TEST)),
                new Case("BatchNorm.forward(x, mode, reuse)", "BatchNorm.forward", () -> layer.forward(X, Mode.TEST, null)),
                new Case("BatchNorm.backward(dout, cache)", "BatchNorm.backward", () -> layer.backward(ones, cache)),
                new Case("BatchNorm.backward(dout, cache, reuse)", "BatchNorm.backward",
                        () -> layer.backward(ones, cache, null)),
                new Case("BatchNorm.forwardTrain(x, gamma, beta, eps)", "BatchNorm.forwardTrain",
                        () -> BatchNorm.forwardTrain(X, GAMMA, BETA, 1e-5)),
                new Case("BatchNorm.forwardTrain(x, gamma, beta, eps, reuse)", "BatchNorm.forwardTrain",
                        () -> BatchNorm.forwardTrain(X, GAMMA, BETA, 1e-5, null)),
                new Case("BatchNorm.forwardTest", "BatchNorm.forwardTest",
                        () -> BatchNorm.forwardTest(X, GAMMA, BETA, running, new double[] {1, 1, 1}, 1e-5)),
                new Case("BatchNorm.updateRunning", "BatchNorm.updateRunning",
                        () -> BatchNorm.updateRunning(running.clone(), GAMMA, 0.9)),
                new Case("BatchNorm.backwardGraph", "BatchNorm.backwardGraph", () -> BatchNorm.backwardGraph(ones, cache)),
                new Case("BatchNorm.backwardSimplified(dout, cache)", "BatchNorm.backwardSimplified",
                        () -> BatchNorm.backwardSimplified(ones, cache)),
                new Case("BatchNorm.backwardSimplified(dout, cache, reuse)", "BatchNorm.backwardSimplified",
                        () -> BatchNorm.backwardSimplified(ones, cache, null)),
                new Case("Softmax.forward", "Softmax.forward", () -> Softmax.forward(X)),
                new Case("Softmax.logSumExp", "Softmax.logSumExp", () -> Softmax.logSumExp(X[0])),
                new Case("SoftmaxCrossEntropy.forward(z, labels)", "SoftmaxCrossEntropy.forward",
                        () -> SoftmaxCrossEntropy.forward(X, LABELS)),
                new Case("SoftmaxCrossEntropy.forward(z, labels, reuse)", "SoftmaxCrossEntropy.forward",
                        () -> SoftmaxCrossEntropy.forward(X, LABELS, null)),
                new Case("SoftmaxCrossEntropy.backward(cache)", "SoftmaxCrossEntropy.backward",
                        () -> SoftmaxCrossEntropy.backward(sce)),
                new Case("SoftmaxCrossEntropy.backward(cache, reuse)", "SoftmaxCrossEntropy.backward",
                        () -> SoftmaxCrossEntropy.backward(sce, null)),
                new Case("CrossEntropy.loss(yhat, labels)", "CrossEntropy.loss",
                        () -> CrossEntropy.loss(new double[][] {{0.2, 0.8}, {0.6, 0.4}}, new int[] {1, 0})),
                new Case("CrossEntropy.loss(yhat, y)", "CrossEntropy.loss",
                        () -> CrossEntropy.loss(new double[][] {{0.2, 0.8}}, new double[][] {{0, 1}})),
                // core, data
                new Case("Matrices.columnMeans", "Matrices.columnMeans", () -> Matrices.columnMeans(X)),
                new Case("Matrices.columnVariances", "Matrices.columnVariances", () -> Matrices.columnVariances(X)),
                new Case("Standardizer.fit", "Standardizer.fit", () -> Standardizer.fit(X)),
                new Case("Standardizer.transform(x)", "Standardizer.transform", () -> st.transform(X)),
                new Case("Standardizer.transform(data)", "Standardizer.transform",
                        () -> st.transform(new Dataset(X, LABELS, 3))),
                // gradcheck, check, charts
                new Case("GradientCheck.numericGradient(f, x)", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[][] a) -> a[0][0] * a[0][0], Matrices.copy(X))),
                new Case("GradientCheck.numericGradient(f, x, h)", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[][] a) -> a[0][0] * a[0][0], Matrices.copy(X), 1e-4)),
                new Case("GradientCheck.numericGradient(f, x[])", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[] a) -> a[0] * a[0], new double[] {1, 2})),
                new Case("GradientCheck.numericGradient(f, x[], h)", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[] a) -> a[0] * a[0], new double[] {1, 2}, 1e-4)),
                new Case("GradientCheck.numericGradient(f, x, dout)", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[][] a) -> a, Matrices.copy(X), ones)),
                new Case("GradientCheck.numericGradient(f, x, dout, h)", "GradientCheck.numericGradient",
                        () -> GradientCheck.numericGradient((double[][] a) -> a, Matrices.copy(X), ones, 1e-4)),
                new Case("GradientCheck.relativeError(a[][], b[][])", "GradientCheck.relativeError",
                        () -> GradientCheck.relativeError(X, X)),
                new Case("GradientCheck.relativeError(a[], b[])", "GradientCheck.relativeError",
                        () -> GradientCheck.relativeError(GAMMA, BETA)),
                new Case("GradientCheck.relativeError(a, b)", "GradientCheck.relativeError",
                        () -> GradientCheck.relativeError(1.0, 1.1)),
                new Case("Check.gradient(a[][], n[][])", "Check.gradient", () -> Check.gradient("g", X, X, 1e-7)),
                new Case("Check.gradient(a[], n[])", "Check.gradient", () -> Check.gradient("g", GAMMA, GAMMA, 1e-7)),
                new Case("ConfusionMatrix.count", "ConfusionMatrix.count",
                        () -> ConfusionMatrix.count(new int[] {0, 1, 1}, new int[] {0, 1, 0}, 2)),
                // batch norm's forward over features is layer norm on the transpose (notebook 04, exercise 1)
                new Case("LayerNorm.forward", "LayerNorm.forward",
                        () -> LayerNorm.forward(new double[][] {{1, 2}, {3, 5}}, new double[] {1, 1}, new double[] {0, 0}, 1e-5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aGuardedCallIsRefusedWithTheEntryPointsName(Case c) {
        Class<?> task = solvedBy(c.entryPoint()).get(0);
        LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guardedRun(task, EX, c.call()));
        assertEquals(c.entryPoint(), f.entryPoint());
        assertEquals(EX + ": your code calls " + c.entryPoint() + ", the library's version of this exercise; "
                + "write the computation yourself.", f.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyExerciseItSolvesRefusesIt(Case c) {
        for (Class<?> task : solvedBy(c.entryPoint())) {
            LibraryCallCheckFailure f = assertThrows(LibraryCallCheckFailure.class,
                    () -> Exercise.guardedRun(task, EX, c.call()), task.getSimpleName());
            assertEquals(c.entryPoint(), f.entryPoint());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unguardedOrGuardedForSomethingElseItWorks(Case c) {
        assertDoesNotThrow(() -> c.call().run());
        // Nothing in the library solves the averaging window (notebook 00).
        assertDoesNotThrow(() -> Exercise.guardedRun(AveragingWindow.class, EX, c.call()));
    }

    /**
     * A hook also fires when the library reaches it from inside: a network's batch-norm layer or its loss solves
     * the batch-norm forward or cross-entropy exercise as much as the entry point itself, so it is refused too,
     * naming the solving entry point it reached.
     */
    @Test
    void aLibraryWrapperThatReachesASolvingEntryPointIsRefused() {
        Network net = Network.builder().inputSize(3).hiddenSizes(4).classes(3).batchNorm(true).seed(5).build();
        LibraryCallCheckFailure viaLayer = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guarded(BatchNormForward.class, EX, () -> net.forward(X, Mode.TRAIN)));
        assertEquals("Network.forward", viaLayer.entryPoint());
        LibraryCallCheckFailure viaLoss = assertThrows(LibraryCallCheckFailure.class,
                () -> Exercise.guarded(CrossEntropyLoss.class, EX, () -> net.loss(X, LABELS)));
        assertEquals("Network.loss", viaLoss.entryPoint());
        assertDoesNotThrow(() -> Exercise.guarded(ConfusionMatrixCount.class, EX, () -> net.loss(X, LABELS)));
    }

    /** The exercises that the public method {@code entryPoint} ("Class.method") solves, by its annotation. */
    private static List<Class<?>> solvedBy(String entryPoint) {
        List<Class<?>> out = Catalog.solvingMethods().entrySet().stream()
                .filter(e -> e.getValue().contains(entryPoint)).<Class<?>>map(e -> e.getKey()).toList();
        assertTrue(!out.isEmpty(), entryPoint + " is annotated @Solves with no exercise");
        return out;
    }

    /**
     * The cases above cover every public method annotated {@code @Solves}, and only those; every annotated method
     * starts with the hook, and every hook sits in an annotated method.
     */
    @Test
    void theCasesCoverEveryPublicSolvingMethodAndEveryHookHasItsAnnotation() throws IOException {
        Set<String> publicSolving = new TreeSet<>();
        for (Class<?> cls : Catalog.libraryClasses()) {
            for (java.lang.reflect.Method m : cls.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Solves.class) && java.lang.reflect.Modifier.isPublic(m.getModifiers())
                        && java.lang.reflect.Modifier.isPublic(cls.getModifiers())
                        && !cls.getPackageName().equals("deepnets.exercises")) {   // homes: ExerciseTest
                    publicSolving.add(cls.getSimpleName() + "." + m.getName());
                }
            }
        }
        Set<String> tested = cases().map(Case::entryPoint).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(publicSolving.size() >= 40, "found only " + publicSolving.size() + ": " + publicSolving);
        assertEquals(publicSolving, tested);
        // In the sources: @Solves(...) then the signature, whose body starts with the hook; no other hook.
        Pattern annotated = Pattern.compile("@Solves\\([^)]*\\)\\s*\n[^{;]*\\{\\s*(//[^\n]*\\s*)*EntryPoints\\.entered\\(\\);");
        int annotations = 0;
        int hooks = 0;
        int matched = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                annotations += count(Pattern.compile("^\\s*@Solves\\(", Pattern.MULTILINE), text);
                hooks += count(Pattern.compile("^\\s*EntryPoints\\.entered\\(\\);", Pattern.MULTILINE), text);
                matched += count(annotated, text);
            }
        }
        assertTrue(annotations >= 40, "found only " + annotations + " @Solves");
        assertEquals(annotations, hooks, "each @Solves method has one hook, and each hook its @Solves");
        assertEquals(annotations, matched, "an annotated method whose first statement is not the hook");
    }

    private static int count(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
