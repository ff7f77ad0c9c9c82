package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.CoarseToFineLoop;
import deepnets.exercises.ZoomStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The results of one search, in trial order, with the space they came from. Higher scores are better;
 * NaN scores rank last.
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb; used in 03 and 08.
 */
public final class Results implements Iterable<Result> {

    private static final Comparator<Result> BEST_FIRST = Comparator
            .comparingDouble((Result r) -> Double.isNaN(r.score()) ? Double.NEGATIVE_INFINITY : r.score())
            .reversed()
            .thenComparingInt(r -> r.config().trial());

    private final SearchSpace space;
    private final List<Result> results;

    /**
     * @param space   the space the configs were drawn from
     * @param results at least one, in trial order; copied
     */
    public Results(SearchSpace space, List<Result> results) {
        if (space == null || results == null || results.isEmpty()) {
            throw new IllegalArgumentException("Results: need a space and at least one result.");
        }
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                throw new IllegalArgumentException("Results: results[" + i + "] is null; pass one Result per trial.");
            }
        }
        this.space = space;
        this.results = List.copyOf(results);
    }

    /** {@code results} sorted best first (highest score, NaN last, ties by trial index). Not modified. */
    static List<Result> ranked(List<Result> results) {
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort(BEST_FIRST);
        return sorted;
    }

    /** The space the configs were drawn from. */
    public SearchSpace space() {
        return space;
    }

    /** All results in trial order. Unmodifiable. */
    public List<Result> list() {
        return results;
    }

    /** The number of trials. */
    public int size() {
        return results.size();
    }

    /** Result of trial {@code i}, {@code 0 <= i < size()}. */
    public Result get(int i) {
        if (i < 0 || i >= results.size()) {
            throw new IllegalArgumentException("Results.get: trial " + i + " is out of range; there are " + results.size()
                    + " trials, so i must lie in 0.." + (results.size() - 1) + ".");
        }
        return results.get(i);
    }

    @Override
    public Iterator<Result> iterator() {
        return results.iterator();
    }

    /** The result with the highest score (the earliest trial on a tie). */
    @Solves(value = CoarseToFineLoop.class, helper = true)
    public Result best() {
        EntryPoints.entered();
        return ranked(results).get(0);
    }

    /** All results, best first. A new list. */
    @Solves(value = CoarseToFineLoop.class, helper = true)
    public List<Result> sorted() {
        EntryPoints.entered();
        return ranked(results);
    }

    /** The k best results, best first; k is capped at the number of trials. */
    @Solves(value = CoarseToFineLoop.class, helper = true)
    public List<Result> top(int k) {
        EntryPoints.entered();
        Checks.count("Results.top", "k", k);
        return ranked(results).subList(0, Math.min(k, results.size()));
    }

    /** The scores in trial order, (n,). */
    public double[] scores() {
        return results.stream().mapToDouble(Result::score).toArray();
    }

    /** The values of hyperparameter {@code name} in trial order, (n,), e.g. for a score-vs-learning-rate plot. */
    public double[] values(String name) {
        if (!space.names().contains(name)) {
            throw new IllegalArgumentException("Results.values: no hyperparameter named '" + name + "'; the known names are "
                    + space.names() + ".");
        }
        return results.stream().mapToDouble(r -> r.config().get(name)).toArray();
    }

    /** {@link SearchSpace#zoom(List, int, double)} of the space around these results. */
    @Solves(ZoomStep.class)
    public SearchSpace zoom(int topK, double margin) {
        EntryPoints.entered();
        return space.zoom(results, topK, margin);
    }

    /**
     * A table with one row per trial in trial order: columns {@code trial}, one per hyperparameter,
     * {@code score}, then one per metric (missing where a trial did not report it).
     */
    public Table toTable() {
        Table table = Table.create("search");
        table.addColumns(IntColumn.create("trial", results.stream().mapToInt(r -> r.config().trial()).toArray()));
        for (String name : space.names()) {
            table.addColumns(DoubleColumn.create(name, values(name)));
        }
        table.addColumns(DoubleColumn.create("score", scores()));
        Set<String> metrics = new LinkedHashSet<>();
        results.forEach(r -> metrics.addAll(r.metrics().keySet()));
        for (String metric : metrics) {
            if (table.columnNames().contains(metric)) {
                throw new IllegalArgumentException("Results.toTable: metric '" + metric
                        + "' has the name of another column; rename the metric.");
            }
            table.addColumns(DoubleColumn.create(metric,
                    results.stream().mapToDouble(r -> r.metrics().getOrDefault(metric, Double.NaN)).toArray()));
        }
        return table;
    }

    @Override
    public String toString() {
        return size() + " trials, best: " + best();
    }
}
