package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import deepnets.Hostile.Outcome;
import deepnets.tuning.Choice;
import deepnets.tuning.CoarseToFine;
import deepnets.tuning.Config;
import deepnets.tuning.EwaBeta;
import deepnets.tuning.Hyperparameter;
import deepnets.tuning.IntRange;
import deepnets.tuning.LogUniform;
import deepnets.tuning.Objective;
import deepnets.tuning.Result;
import deepnets.tuning.Results;
import deepnets.tuning.Sampling;
import deepnets.tuning.Search;
import deepnets.tuning.SearchSpace;
import deepnets.tuning.Uniform;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile calls into deepnets.tuning. */
class TuningProperties {

    @Provide
    Arbitrary<Integer> ints() {
        return anyInt();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    private static Outcome<? extends Hyperparameter> make(int kind, double lo, double hi) {
        return switch (kind) {
            case 0 -> call("Uniform", () -> new Uniform("u", lo, hi));
            case 1 -> call("LogUniform", () -> new LogUniform("l", lo, hi));
            case 2 -> call("EwaBeta", () -> new EwaBeta("b", lo, hi));
            case 3 -> call("IntRange", () -> new IntRange("i", (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, lo)),
                    (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, hi))));
            default -> call("Choice", () -> new Choice("c", lo, hi));
        };
    }

    @Property(seed = "17", tries = 50)
    void hyperparametersSampleAndGridInsideTheirRange(@ForAll("kinds") int kind, @ForAll("doubles") double lo,
            @ForAll("doubles") double hi, @ForAll("ints") int n) {
        Outcome<? extends Hyperparameter> made = make(kind, lo, hi);
        if (!made.returned()) {
            return;
        }
        Hyperparameter h = made.value();
        String name = h.getClass().getSimpleName();
        Outcome<double[]> samples = call("Sampling.sample", () -> Sampling.sample(h, n, 5));
        if (samples.returned()) {
            assertEquals(n, samples.value().length);
            assertFinite("Sampling.sample", samples.value());
            for (double v : samples.value()) {
                assertTrue(h.contains(v), name + " sampled " + v + " outside itself");
            }
        }
        Outcome<double[]> grid = call(name + ".grid", () -> h.grid(n));
        if (grid.returned()) {
            assertFinite(name + ".grid", grid.value());
            for (int i = 0; i < grid.value().length; i++) {
                assertTrue(h.contains(grid.value()[i]));
                assertTrue(i == 0 || grid.value()[i] >= grid.value()[i - 1], "grid is not ascending");
            }
        }
        call(name + ".zoom", () -> h.zoom(lo, hi, 0.1));
        if (h.contains(lo)) {
            // documented legal: any margin > 0 around values of the range, however small
            for (double margin : new double[] {1e-300, 1e-12, 0.1, 10}) {
                Outcome<Hyperparameter> z = call(name + ".zoom", () -> h.zoom(lo, lo, margin));
                assertTrue(z.returned(), () -> name + ".zoom(" + lo + ", " + lo + ", " + margin + ") was refused: " + z.refusal());
                assertTrue(z.value().contains(lo) || h instanceof Choice, name + ".zoom dropped " + lo);
            }
        }
        Outcome<SearchSpace> space = call("SearchSpace.of", () -> SearchSpace.of(h, new Uniform("v", 0, 1)));
        if (space.returned()) {
            Outcome<List<Config>> configs = call("SearchSpace.grid", () -> space.value().grid(n, 1));
            if (configs.returned()) {
                assertTrue(configs.value().size() <= SearchSpace.MAX_GRID);
            }
            call("SearchSpace.sample", () -> space.value().sample(n, 1));
        }
    }

    @Provide
    Arbitrary<Integer> kinds() {
        return net.jqwik.api.Arbitraries.integers().between(0, 4);
    }

    @Property(seed = "17", tries = 30)
    void searchRefusesNullsAtTheCall(@ForAll("ints") int n, @ForAll boolean nullSpace, @ForAll boolean nullObjective) {
        SearchSpace space = nullSpace ? null : SearchSpace.of(new Uniform("x", 0, 1));
        Objective objective = nullObjective ? null : Objective.ofScore(c -> c.get("x"));
        Search search = Search.sequential();
        Outcome<Results> random = call("Search.random", () -> search.random(space, n, 1, objective));
        Outcome<Results> grid = call("Search.grid", () -> search.grid(space, n, 1, objective));
        call("Search.coarseToFine", () -> search.coarseToFine(space, n, n, n, 0.1, 1, objective));
        call("Search.run", () -> search.run(space, null, objective));
        if (random.returned()) {
            assertFalse(nullSpace || nullObjective);
            Results r = random.value();
            // the best result is the largest x among the trials, computed here by hand
            double best = Arrays.stream(r.scores()).max().orElseThrow();
            assertEquals(best, r.best().score());
            call("Results.get", () -> r.get(n));
            call("Results.get", () -> r.get(-1));
            call("Results.top", () -> r.top(n));
            call("Results.values", () -> r.values(null));
            call("Results.zoom", () -> r.zoom(n, 0.1));
        }
        if (nullSpace || nullObjective) {
            assertFalse(random.returned() || grid.returned());
        }
    }

    @Example
    void resultsAndRecordsRefuseNulls() {
        SearchSpace space = SearchSpace.of(new Uniform("x", 0, 1));
        Config c = space.sample(1);
        call("Objective.ofScore", () -> Objective.ofScore(null));
        call("Results", () -> new Results(space, Arrays.asList(Result.of(c, 1), null)));
        Map<String, Double> nullValue = new HashMap<>();
        nullValue.put("acc", null);
        Outcome<Result> r = call("Result", () -> new Result(c, 0.5, nullValue, null));
        if (r.returned()) {
            call("Results.toTable", () -> new Results(space, List.of(r.value())).toTable());
        }
        Map<String, Double> nullKey = new HashMap<>();
        nullKey.put(null, 1.0);
        call("Config", () -> new Config(0, 1, nullKey));
        call("CoarseToFine", () -> new CoarseToFine(null, null, null).best());
        call("SearchSpace.of", () -> SearchSpace.of(new Uniform("x", 0, 1), null));
        call("SearchSpace.zoom", () -> space.zoom(Arrays.asList(Result.of(c, 1), null), 2, 0.1));
        call("SearchSpace.contains", () -> space.contains(null));
        call("Search.run", () -> Search.sequential().run(space, Arrays.asList(c, null), Objective.ofScore(x -> 1)));
        call("Results.get", () -> new Results(space, List.of(Result.of(c, 1))).get(Integer.MAX_VALUE));
    }

    @Example
    void aGridOfBillionsIsRefusedBeforeAllocating() {
        SearchSpace space = SearchSpace.of(new Uniform("a", 0, 1), new Uniform("b", 0, 1));
        assertFalse(call("SearchSpace.grid", () -> space.grid(Integer.MAX_VALUE, 1)).returned());
        assertFalse(call("SearchSpace.sample", () -> space.sample(Integer.MAX_VALUE, 1)).returned());
        assertFalse(call("Sampling.uniform", () -> Sampling.uniform(0, 1, Integer.MAX_VALUE, 1)).returned());
        assertFalse(call("Search.random", () -> Search.sequential().random(space, Integer.MAX_VALUE, 1, null)).returned());
    }

    @Example
    void wideUniformRangesSampleFiniteValues() {
        Outcome<double[]> s = call("Sampling.uniform", () -> Sampling.uniform(-Double.MAX_VALUE, Double.MAX_VALUE, 50, 1));
        if (s.returned()) {
            assertFinite("Sampling.uniform", s.value());
            long distinct = Arrays.stream(s.value()).distinct().count();
            assertTrue(distinct > 40, "Sampling.uniform over the whole double range gave only " + distinct + " distinct values");
        }
    }
}
