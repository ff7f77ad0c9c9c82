package deepnets.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SearchSpaceTest {

    private static final SearchSpace SPACE = SearchSpace.of(new LogUniform("lr", 1e-4, 1), new EwaBeta("beta", 0.9, 0.999));

    private static Set<Double> distinct(List<Config> configs, String name) {
        Set<Double> values = new HashSet<>();
        configs.forEach(c -> values.add(c.get(name)));
        return values;
    }

    @Test
    void gridHasEveryCombination() {
        List<Config> grid = SPACE.grid(5, 1L);
        assertEquals(25, grid.size());
        assertEquals(5, distinct(grid, "lr").size());
        assertEquals(5, distinct(grid, "beta").size());
        Set<List<Double>> pairs = new HashSet<>();
        grid.forEach(c -> pairs.add(List.of(c.get("lr"), c.get("beta"))));
        assertEquals(25, pairs.size());
        for (int i = 0; i < 25; i++) {
            assertEquals(i, grid.get(i).trial());
        }
    }

    @Test
    void randomPointsTryADifferentValueOnEveryAxis() {
        // the point of random search: 25 trials test 25 learning rates, a 5x5 grid only 5
        List<Config> random = SPACE.sample(25, 1L);
        assertEquals(25, random.size());
        assertEquals(25, distinct(random, "lr").size());
        assertEquals(25, distinct(random, "beta").size());
        random.forEach(c -> assertTrue(SPACE.contains(c), c.toString()));
    }

    @Test
    void samplingIsSeededAndPrefixStable() {
        List<Config> ten = SPACE.sample(10, 42L);
        assertEquals(ten, SPACE.sample(10, 42L));
        assertEquals(ten.subList(0, 4), SPACE.sample(4, 42L));
        assertEquals(ten.get(0), SPACE.sample(42L));
        assertNotEquals(ten, SPACE.sample(10, 43L));
        Set<Long> seeds = new HashSet<>();
        ten.forEach(c -> seeds.add(c.seed()));
        assertEquals(10, seeds.size(), "each trial has its own seed");
    }

    @Test
    void zoomShrinksAroundTheTopTrials() {
        List<Config> configs = SPACE.sample(60, 3L);
        // best near lr = 1e-2, beta = 0.99
        List<Result> results = new ArrayList<>();
        for (Config c : configs) {
            double score = -Math.abs(Math.log10(c.get("lr")) + 2) - Math.abs(Math.log10(1 - c.get("beta")) + 2);
            results.add(Result.of(c, score));
        }
        int k = 5;
        SearchSpace fine = SPACE.zoom(results, k, 0.1);
        LogUniform lr = (LogUniform) fine.get("lr");
        EwaBeta beta = (EwaBeta) fine.get("beta");
        assertTrue(Math.log10(lr.hi() / lr.lo()) < 4, "lr range narrower than 4 decades: " + lr);
        assertTrue(lr.lo() >= 1e-4 && lr.hi() <= 1, lr.toString());
        assertTrue(beta.lo() >= 0.9 && beta.hi() <= 0.999 && (beta.lo() > 0.9 || beta.hi() < 0.999), beta.toString());
        List<Result> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> Double.compare(b.score(), a.score()));
        for (Result r : sorted.subList(0, k)) {
            assertTrue(fine.contains(r.config()), r + " must stay inside " + fine);
        }
        assertTrue(fine.contains(sorted.get(0).config()));
    }

    @Test
    void zoomWithOneTrialKeepsAMarginAroundIt() {
        Config c = new Config(0, 1L, Map.of("lr", 1e-2, "beta", 0.99));
        SearchSpace fine = SPACE.zoom(List.of(Result.of(c, 1.0)), 1, 0.1);
        LogUniform lr = (LogUniform) fine.get("lr");
        // axis width 4 decades, margin 0.1: 0.4 decades either side of -2
        assertEquals(Math.pow(10, -2.4), lr.lo(), 1e-15);
        assertEquals(Math.pow(10, -1.6), lr.hi(), 1e-15);
    }

    @Test
    void configGettersExplainMistakes() {
        Config c = new Config(3, 7L, Map.of("units", 64.0, "lr", 0.5));
        assertEquals(64, c.getInt("units"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.get("learningRate"));
        assertTrue(e.getMessage().contains("learningRate") && e.getMessage().contains("units") && e.getMessage().contains("lr"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.getInt("lr"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Config(0, 1L, Map.of("lr", Double.NaN)));
    }

    @Test
    void badSpacesAndArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, SearchSpace::of);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SearchSpace.of(new Uniform("p", 0, 1), new Uniform("p", 1, 2)));
        assertTrue(e.getMessage().contains("'p'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SPACE.sample(0, 1L));
        assertThrows(IllegalArgumentException.class, () -> SPACE.grid(0, 1L));
        e = assertThrows(IllegalArgumentException.class, () -> SPACE.get("momentum"));
        assertTrue(e.getMessage().contains("[lr, beta]"), e.getMessage());
        List<Result> one = List.of(Result.of(SPACE.sample(1L), 0.0));
        assertThrows(IllegalArgumentException.class, () -> SPACE.zoom(one, 2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> SPACE.zoom(one, 1, 0.0));
        SearchSpace wide = SearchSpace.of(new Uniform("a", 0, 1), new Uniform("b", 0, 1), new Uniform("c", 0, 1),
                new Uniform("d", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> wide.grid(40, 1L));
    }
}
