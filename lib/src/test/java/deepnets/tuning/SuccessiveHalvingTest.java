package deepnets.tuning;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuccessiveHalvingTest {

    /** Configs with h = 0, 1, ..., n - 1, in that order. */
    private static List<Config> configs(int n) {
        List<Config> list = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            list.add(new Config(k, 100 + k, Map.of("h", (double) k)));
        }
        return list;
    }

    private static double[] hs(List<Config> configs) {
        return configs.stream().mapToDouble(c -> c.get("h")).toArray();
    }

    @Test
    void keepsTheBestThirdAndTriplesTheBudget() {
        // 9 configs, score = h: rung 0 (budget 1) keeps h = 8, 7, 6; rung 1 (budget 3) keeps h = 8; rung 2 (budget 9).
        // Total budget 9 * 1 + 3 * 3 + 1 * 9 = 27.
        List<int[]> calls = new ArrayList<>();
        SuccessiveHalving.Outcome out = SuccessiveHalving.run(configs(9), 1, 3, (c, b) -> {
            calls.add(new int[] {c.getInt("h"), b});
            return c.get("h");
        });
        assertEquals(3, out.rungs().size());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, hs(out.rungs().get(0).configs()), 0);
        assertArrayEquals(new double[] {8, 7, 6}, hs(out.rungs().get(1).configs()), 0);
        assertArrayEquals(new double[] {8}, hs(out.rungs().get(2).configs()), 0);
        assertEquals(1, out.rungs().get(0).budget());
        assertEquals(3, out.rungs().get(1).budget());
        assertEquals(9, out.rungs().get(2).budget());
        assertEquals(8, out.best().get("h"));
        assertEquals(8, out.bestScore());
        assertEquals(27, out.totalBudget());
        assertEquals(13, calls.size());
        assertEquals(27, calls.stream().mapToInt(c -> c[1]).sum());
    }

    @Test
    void aLateBloomerIsCutEarly() {
        // Score -h at budget 1 and +h from budget 2 on: rung 0 keeps the worst-looking-later h = 0, 1 (ceil(4 / 2) = 2),
        // rung 1 (budget 2) keeps h = 1. The weakness of judging on short runs.
        SuccessiveHalving.Outcome out = SuccessiveHalving.run(configs(4), 1, 2, (c, b) -> b == 1 ? -c.get("h") : c.get("h"));
        assertArrayEquals(new double[] {0, 1}, hs(out.rungs().get(1).configs()), 0);
        assertEquals(1, out.best().get("h"));
        assertEquals(4 * 1 + 2 * 2 + 1 * 4, out.totalBudget());
    }

    @Test
    void roundsTheSurvivorsUpAndRanksNaNLast() {
        // 5 configs, eta 3: ceil(5 / 3) = 2 survive. h = 4 diverges (NaN), so h = 3 and h = 2 survive;
        // then ceil(2 / 3) = 1: h = 3 at budget 9. Total 5 * 1 + 2 * 3 + 1 * 9 = 20.
        SuccessiveHalving.Outcome out = SuccessiveHalving.run(configs(5), 1, 3, (c, b) -> c.get("h") == 4 ? Double.NaN : c.get("h"));
        assertArrayEquals(new double[] {3, 2}, hs(out.rungs().get(1).configs()), 0);
        assertEquals(3, out.best().get("h"));
        assertEquals(20, out.totalBudget());
    }

    @Test
    void keepsTheConfigsOrderAmongTies() {
        SuccessiveHalving.Outcome out = SuccessiveHalving.run(configs(4), 2, 2, (c, b) -> 1.0);
        assertArrayEquals(new double[] {0, 1}, hs(out.rungs().get(1).configs()), 0);
        assertEquals(0, out.best().get("h"));
        assertEquals(4 * 2 + 2 * 4 + 1 * 8, out.totalBudget());
    }

    @Test
    void oneConfigIsTrainedOnceWithTheFirstBudget() {
        SuccessiveHalving.Outcome out = SuccessiveHalving.run(configs(1), 5, 3, (c, b) -> b);
        assertEquals(1, out.rungs().size());
        assertEquals(5, out.bestScore());
        assertEquals(5, out.totalBudget());
    }

    @Test
    void rejectsBadArgumentsWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SuccessiveHalving.run(configs(3), 1, 1, (c, b) -> 0));
        assertTrue(e.getMessage().contains("eta = 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SuccessiveHalving.run(configs(3), 0, 3, (c, b) -> 0));
        assertTrue(e.getMessage().contains("minBudget = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SuccessiveHalving.run(List.of(), 1, 3, (c, b) -> 0));
        assertTrue(e.getMessage().contains("no configs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SuccessiveHalving.run(configs(3), 1, 3, null));
    }
}
