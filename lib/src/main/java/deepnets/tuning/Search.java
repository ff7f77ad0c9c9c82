package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.CoarseToFineLoop;
import deepnets.exercises.ParallelTrials;
import deepnets.exercises.ZoomStep;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Runs an {@link Objective} on configs from a {@link SearchSpace}: random search, grid search, and
 * coarse to fine. Scores are higher-is-better.
 *
 * <p>Sequential and parallel runs give identical results: every config and its trial seed are drawn
 * from the search seed before any trial starts, trials only use their own seed, and results come back
 * in trial order. A parallel run uses the common fork-join pool (all cores).
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb; run in parallel in 03-pandas-vs-caviar.ipynb.
 */
public final class Search {

    private final boolean parallel;

    private Search(boolean parallel) {
        this.parallel = parallel;
    }

    /** A search that runs one trial after the other. */
    public static Search sequential() {
        return new Search(false);
    }

    /** A search that runs trials on all cores; the objective must be safe to call from several threads. */
    public static Search parallel() {
        return new Search(true);
    }

    /** {@link #parallel()} if {@code parallel}, else {@link #sequential()}. */
    public static Search parallel(boolean parallel) {
        return new Search(parallel);
    }

    /** Whether trials run in parallel. */
    public boolean isParallel() {
        return parallel;
    }

    /**
     * Random search: {@code objective} on {@code space.sample(n, seed)}.
     *
     * @param n at least 1
     * @return results in trial order
     */
    @Solves({CoarseToFineLoop.class, ParallelTrials.class})
    public Results random(SearchSpace space, int n, long seed, Objective objective) {
        EntryPoints.entered();
        requireParts("Search.random", space, objective);
        return run(space, space.sample(n, seed), objective);
    }

    /**
     * Grid search: {@code objective} on {@code space.grid(perAxis, seed)}.
     *
     * @param perAxis values per hyperparameter, at least 1
     * @param seed    source of the trials' own seeds
     * @return results in trial order
     */
    @Solves({CoarseToFineLoop.class, ParallelTrials.class})
    public Results grid(SearchSpace space, int perAxis, long seed, Objective objective) {
        EntryPoints.entered();
        requireParts("Search.grid", space, objective);
        return run(space, space.grid(perAxis, seed), objective);
    }

    /**
     * Coarse to fine: a random search of {@code nCoarse} trials over {@code space}, then one of
     * {@code nFine} trials over {@code space} zoomed around the {@code topK} best coarse trials.
     *
     * @param margin fraction of each range added around the top trials, &gt; 0, e.g. 0.1
     * @param seed   the coarse round's seed; the fine round's seed is derived from it
     */
    @Solves({CoarseToFineLoop.class, ParallelTrials.class, ZoomStep.class})
    public CoarseToFine coarseToFine(SearchSpace space, int nCoarse, int nFine, int topK, double margin, long seed,
            Objective objective) {
        EntryPoints.entered();
        requireParts("Search.coarseToFine", space, objective);
        Checks.count("Search.coarseToFine", "nFine", nFine);
        Checks.count("Search.coarseToFine", "topK", topK);
        Checks.margin("Search.coarseToFine", margin);
        if (topK > nCoarse) {
            throw new IllegalArgumentException("Search.coarseToFine: topK is " + topK + " but the coarse round has only "
                    + nCoarse + " trials; lower topK or run more coarse trials.");
        }
        Results coarse = random(space, nCoarse, seed, objective);
        SearchSpace fineSpace = coarse.zoom(topK, margin);
        // a different root seed, so the fine round does not replay the coarse round's random stream
        Results fine = random(fineSpace, nFine, seed + 0x9E3779B97F4A7C15L, objective);
        return new CoarseToFine(coarse, fineSpace, fine);
    }

    /**
     * Runs {@code objective} on each config.
     *
     * @param configs at least one, drawn from {@code space}
     * @return results in the order of {@code configs}
     * @throws IllegalStateException naming the trial and its config if the objective fails
     */
    @Solves({CoarseToFineLoop.class, ParallelTrials.class})
    public Results run(SearchSpace space, List<Config> configs, Objective objective) {
        EntryPoints.entered();
        requireParts("Search.run", space, objective);
        if (configs == null || configs.isEmpty()) {
            throw new IllegalArgumentException("Search.run: no configs to run.");
        }
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i) == null) {
                throw new IllegalArgumentException("Search.run: configs[" + i + "] is null; pass configs from space.sample or space.grid.");
            }
        }
        IntStream trials = IntStream.range(0, configs.size());
        if (parallel) {
            trials = trials.parallel();
        }
        List<Result> results = trials.mapToObj(i -> evaluate(objective, configs.get(i))).toList();
        return new Results(space, results);
    }

    /** Refuses a null space or objective when the search is called, before any config is drawn. */
    private static void requireParts(String op, SearchSpace space, Objective objective) {
        if (space == null) {
            throw new IllegalArgumentException(op + ": space is null; pass a SearchSpace, e.g. SearchSpace.of(new LogUniform(\"lr\", 1e-4, 1)).");
        }
        if (objective == null) {
            throw new IllegalArgumentException(op + ": objective is null; pass a function from Config to Result.");
        }
    }

    private static Result evaluate(Objective objective, Config config) {
        Result result;
        try {
            result = objective.evaluate(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Search: " + config + " failed: " + e.getMessage(), e);
        }
        if (result == null) {
            throw new IllegalStateException("Search: the objective returned null for " + config + "; return Result.of(config, score).");
        }
        if (!result.config().equals(config)) {
            throw new IllegalStateException("Search: the objective was given " + config + " but returned a result for "
                    + result.config() + "; build the result from the config it receives: Result.of(config, score).");
        }
        return result;
    }
}
