package deepnets.tuning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class SearchTest {

    private static final SearchSpace SPACE = SearchSpace.of(new LogUniform("lr", 1e-4, 1), new EwaBeta("beta", 0.9, 0.999),
            new IntRange("units", 4, 64));

    /** A stand-in for training: noisy, random through the trial's seed only, peaked at lr = 1e-2. */
    private static Result fakeTraining(Config c) {
        Random random = new Random(c.seed());
        double[] curve = new double[5];
        double acc = 0;
        for (int epoch = 0; epoch < curve.length; epoch++) {
            acc += 0.1 * random.nextDouble();
            curve[epoch] = acc;
        }
        double score = -Math.pow(Math.log10(c.get("lr")) + 2, 2) + acc + 1e-3 * c.getInt("units");
        return new Result(c, score, Map.of("finalCurve", curve[4]), curve);
    }

    @Test
    void parallelAndSequentialGiveIdenticalResults() {
        Results seq = Search.sequential().random(SPACE, 40, 11L, SearchTest::fakeTraining);
        Results par = Search.parallel().random(SPACE, 40, 11L, SearchTest::fakeTraining);
        assertEquals(seq.list(), par.list());
        for (int i = 0; i < 40; i++) {
            assertEquals(i, par.get(i).config().trial(), "results come back in trial order");
            assertArrayEquals(seq.get(i).curve(), par.get(i).curve());
        }
        assertNotEquals(seq.get(0).curve()[4], seq.get(1).curve()[4], "trials have different seeds");
    }

    @Test
    void parallelGridEqualsSequentialGrid() {
        Results seq = Search.sequential().grid(SPACE, 3, 5L, SearchTest::fakeTraining);
        Results par = Search.parallel(true).grid(SPACE, 3, 5L, SearchTest::fakeTraining);
        assertEquals(27, seq.size());
        assertEquals(seq.list(), par.list());
    }

    @Test
    void bestIsTheHighestScoreAndNaNRanksLast() {
        Results r = Search.sequential().random(SPACE, 30, 2L,
                Objective.ofScore(c -> c.trial() % 7 == 0 ? Double.NaN : -Math.abs(Math.log10(c.get("lr")) + 2)));
        double max = Double.NEGATIVE_INFINITY;
        for (Result x : r) {
            if (!Double.isNaN(x.score())) {
                max = Math.max(max, x.score());
            }
        }
        assertEquals(max, r.best().score());
        assertTrue(Double.isNaN(r.sorted().get(29).score()));
        assertEquals(3, r.top(3).size());
        assertTrue(r.top(3).get(0).score() >= r.top(3).get(1).score() && r.top(3).get(1).score() >= r.top(3).get(2).score());
        assertArrayEquals(r.list().stream().mapToDouble(x -> x.config().get("lr")).toArray(), r.values("lr"));
    }

    @Test
    void coarseToFineZoomsAndKeepsTheBest() {
        CoarseToFine c2f = Search.sequential().coarseToFine(SPACE, 30, 20, 5, 0.1, 8L, SearchTest::fakeTraining);
        assertEquals(30, c2f.coarse().size());
        assertEquals(20, c2f.fine().size());
        for (Result top : c2f.coarse().top(5)) {
            assertTrue(c2f.fineSpace().contains(top.config()), top.toString());
        }
        c2f.fine().forEach(r -> assertTrue(c2f.fineSpace().contains(r.config()), r.toString()));
        LogUniform lr = (LogUniform) c2f.fineSpace().get("lr");
        assertTrue(lr.hi() / lr.lo() < 1e4, lr.toString());
        double best = Math.max(c2f.coarse().best().score(), c2f.fine().best().score());
        assertEquals(best, c2f.best().score());
        CoarseToFine par = Search.parallel().coarseToFine(SPACE, 30, 20, 5, 0.1, 8L, SearchTest::fakeTraining);
        assertEquals(c2f.coarse().list(), par.coarse().list());
        assertEquals(c2f.fineSpace(), par.fineSpace());
        assertEquals(c2f.fine().list(), par.fine().list());
    }

    @Test
    void tableHasOneRowPerTrial() {
        Results r = Search.sequential().random(SPACE, 6, 4L, SearchTest::fakeTraining);
        Table t = r.toTable();
        assertEquals(6, t.rowCount());
        assertEquals(List.of("trial", "lr", "beta", "units", "score", "finalCurve"), t.columnNames());
        for (int i = 0; i < 6; i++) {
            assertEquals(i, t.intColumn("trial").getInt(i));
            assertEquals(r.get(i).config().get("beta"), t.doubleColumn("beta").getDouble(i));
            assertEquals(r.get(i).score(), t.doubleColumn("score").getDouble(i));
            assertEquals(r.get(i).curve()[4], t.doubleColumn("finalCurve").getDouble(i));
        }
    }

    @Test
    void objectiveMistakesAreReported() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Search.sequential().random(SPACE, 3, 1L,
                c -> {
                    throw new IllegalArgumentException("loss is NaN");
                }));
        assertTrue(e.getMessage().contains("trial 0") && e.getMessage().contains("loss is NaN"), e.getMessage());
        Config other = SPACE.sample(99L);
        e = assertThrows(IllegalStateException.class, () -> Search.sequential().random(SPACE, 2, 1L, c -> Result.of(other, 1)));
        assertTrue(e.getMessage().contains("Result.of(config, score)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Search.sequential().random(SPACE, 2, 1L, c -> null));
        assertThrows(IllegalArgumentException.class, () -> Search.sequential().random(SPACE, 0, 1L, SearchTest::fakeTraining));
        assertThrows(IllegalArgumentException.class, () -> Search.sequential().random(SPACE, 2, 1L, null));
    }
}
