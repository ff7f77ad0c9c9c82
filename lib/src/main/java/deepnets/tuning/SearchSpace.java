package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.LogScaleSampling;
import deepnets.exercises.SamplingBeta;
import deepnets.exercises.ZoomStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An ordered set of named hyperparameters, and the configs drawn from it: random samples, a full grid,
 * or a narrower space around the best results (coarse to fine).
 *
 * <p>Config i of a search with seed s always gets the same values and the same trial seed: both come
 * from the i-th {@code split()} of {@code new SplittableRandom(s)}, drawn before any trial runs.
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public final class SearchSpace {

    /** The largest number of grid points accepted (a grid grows as perAxis^dimensions). */
    public static final int MAX_GRID = 1_000_000;
    /** The most configs {@link #sample(int, long)} draws at once. */
    public static final int MAX_SAMPLE = MAX_GRID;

    private final List<Hyperparameter> hyperparameters;

    private SearchSpace(List<Hyperparameter> hyperparameters) {
        this.hyperparameters = List.copyOf(hyperparameters);
    }

    /**
     * A space over the given hyperparameters, in this order.
     *
     * @param hyperparameters at least one, with distinct names
     */
    public static SearchSpace of(Hyperparameter... hyperparameters) {
        if (hyperparameters == null || hyperparameters.length == 0) {
            throw new IllegalArgumentException("SearchSpace.of: no hyperparameters; pass at least one, e.g. new LogUniform(\"learningRate\", 1e-4, 1).");
        }
        List<String> names = new ArrayList<>();
        for (Hyperparameter h : hyperparameters) {
            if (h == null) {
                throw new IllegalArgumentException("SearchSpace.of: a hyperparameter is null.");
            }
            if (names.contains(h.name())) {
                throw new IllegalArgumentException("SearchSpace.of: the name '" + h.name() + "' is used twice; give each hyperparameter its own name.");
            }
            names.add(h.name());
        }
        return new SearchSpace(List.of(hyperparameters));
    }

    /** The hyperparameters, in order. Unmodifiable. */
    public List<Hyperparameter> hyperparameters() {
        return hyperparameters;
    }

    /** The names, in order. */
    public List<String> names() {
        return hyperparameters.stream().map(Hyperparameter::name).toList();
    }

    /** The number of hyperparameters. */
    public int size() {
        return hyperparameters.size();
    }

    /** The hyperparameter named {@code name}; the message lists the known names if there is none. */
    public Hyperparameter get(String name) {
        for (Hyperparameter h : hyperparameters) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        throw new IllegalArgumentException("SearchSpace.get: no hyperparameter named '" + name + "'; the known names are " + names() + ".");
    }

    /** One random config: the same as {@code sample(1, seed).get(0)}. */
    @Solves({LogScaleSampling.class, SamplingBeta.class})
    public Config sample(long seed) {
        EntryPoints.entered();
        return sample(1, seed).get(0);
    }

    /**
     * n random configs, each hyperparameter uniform on its own scale. The first k configs of
     * {@code sample(n, seed)} equal {@code sample(k, seed)}.
     *
     * @param n 1..{@value #MAX_SAMPLE}
     * @return trials 0..n-1, each with its own seed
     */
    @Solves({LogScaleSampling.class, SamplingBeta.class})
    public List<Config> sample(int n, long seed) {
        EntryPoints.entered();
        Checks.count("SearchSpace.sample", "n", n);
        if (n > MAX_SAMPLE) {
            throw new IllegalArgumentException("SearchSpace.sample: n is " + n + "; at most " + MAX_SAMPLE
                    + " configs can be drawn at once.");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<Config> configs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom random = root.split();
            Map<String, Double> values = new LinkedHashMap<>();
            for (Hyperparameter h : hyperparameters) {
                values.put(h.name(), h.sample(random));
            }
            configs.add(new Config(i, random.nextLong(), values));
        }
        return configs;
    }

    /**
     * Every combination of {@code perAxis} grid values per hyperparameter (see {@link Hyperparameter#grid(int)}),
     * the first hyperparameter varying slowest.
     *
     * @param perAxis values per hyperparameter, at least 1
     * @param seed    source of the trials' own seeds
     * @return perAxis^size configs (fewer if a discrete hyperparameter has fewer values)
     */
    public List<Config> grid(int perAxis, long seed) {
        Checks.count("SearchSpace.grid", "perAxis", perAxis);
        double[][] axes = new double[size()][];
        long total = 1;
        // sizes first, so a grid of billions is refused before any axis is built
        for (Hyperparameter h : hyperparameters) {
            total *= Math.max(1, h.gridSize(perAxis));
            if (total > MAX_GRID) {
                throw new IllegalArgumentException("SearchSpace.grid: " + perAxis + " values on each of " + size()
                        + " axes is more than " + MAX_GRID + " points; use fewer per axis, or random search, which scales better.");
            }
        }
        total = 1;
        for (int a = 0; a < axes.length; a++) {
            axes[a] = hyperparameters.get(a).grid(perAxis);
            total *= axes[a].length;
            if (total > MAX_GRID) {
                throw new IllegalArgumentException("SearchSpace.grid: " + perAxis + " values on each of " + size()
                        + " axes is more than " + MAX_GRID + " points; use fewer per axis, or random search, which scales better.");
            }
        }
        SplittableRandom root = new SplittableRandom(seed);
        int[] position = new int[axes.length];
        List<Config> configs = new ArrayList<>((int) total);
        for (int i = 0; i < total; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (int a = 0; a < axes.length; a++) {
                values.put(hyperparameters.get(a).name(), axes[a][position[a]]);
            }
            configs.add(new Config(i, root.split().nextLong(), values));
            for (int a = axes.length - 1; a >= 0 && ++position[a] == axes[a].length; a--) {
                position[a] = 0;
            }
        }
        return configs;
    }

    /**
     * Coarse to fine: a narrower space around the {@code topK} best results. For each hyperparameter,
     * the range from the smallest to the largest value among them, widened by {@code margin} times the
     * current width on its own scale and clipped to this space (see {@link Hyperparameter#zoom}).
     *
     * @param results results of a search over this space, at least topK
     * @param topK    how many of the best (highest score, NaN last) to zoom around, at least 1
     * @param margin  fraction of the width added on each side, &gt; 0, e.g. 0.1
     * @return a new space; this one is not modified
     */
    @Solves(ZoomStep.class)
    public SearchSpace zoom(List<Result> results, int topK, double margin) {
        EntryPoints.entered();
        Checks.count("SearchSpace.zoom", "topK", topK);
        Checks.margin("SearchSpace.zoom", margin);
        if (results == null || results.size() < topK) {
            throw new IllegalArgumentException("SearchSpace.zoom: topK is " + topK + " but there are only "
                    + (results == null ? 0 : results.size()) + " results; run more trials or lower topK.");
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                throw new IllegalArgumentException("SearchSpace.zoom: results[" + i + "] is null; pass the results of a search.");
            }
        }
        List<Result> best = Results.ranked(results).subList(0, topK);
        List<Hyperparameter> zoomed = new ArrayList<>();
        for (Hyperparameter h : hyperparameters) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (Result r : best) {
                double v = r.config().get(h.name());
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            zoomed.add(h.zoom(min, max, margin));
        }
        return new SearchSpace(zoomed);
    }

    /** Whether every hyperparameter of this space accepts the config's value. */
    public boolean contains(Config config) {
        if (config == null) {
            throw new IllegalArgumentException("SearchSpace.contains: config is null; pass a Config.");
        }
        for (Hyperparameter h : hyperparameters) {
            if (!config.names().contains(h.name()) || !h.contains(config.get(h.name()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace s && s.hyperparameters.equals(hyperparameters);
    }

    @Override
    public int hashCode() {
        return hyperparameters.hashCode();
    }

    @Override
    public String toString() {
        return "SearchSpace" + hyperparameters;
    }
}
