package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SplitTest {

    /** Row i has feature 0 equal to i and label i % 3, so every row can be traced back. */
    private static Dataset numbered(int n) {
        double[][] x = new double[n][2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = i;
            x[i][1] = -i;
            labels[i] = i % 3;
        }
        return new Dataset(x, labels, 3);
    }

    private static int[] ids(Dataset d) {
        int[] ids = new int[d.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (int) d.x()[i][0];
            assertEquals(ids[i] % 3, d.labels()[i], "label travels with its row");
            assertEquals(-ids[i], d.x()[i][1]);
        }
        return ids;
    }

    @Test
    void sizesFollowTheFractions() {
        Split s = Split.of(numbered(1797), 0.6, 0.2, 1L);
        assertEquals(1078, s.train().size());
        assertEquals(359, s.validation().size());
        assertEquals(360, s.test().size());
    }

    @Test
    void partsAreDisjointAndCoverEverything() {
        int n = 100;
        Split s = Split.of(numbered(n), 0.7, 0.15, 3L);
        boolean[] seen = new boolean[n];
        for (Dataset part : new Dataset[] {s.train(), s.validation(), s.test()}) {
            for (int id : ids(part)) {
                assertFalse(seen[id], "row " + id + " appears twice");
                seen[id] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(seen[i], "row " + i + " is missing");
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = numbered(50);
        assertArrayEquals(ids(Split.of(d, 0.6, 0.2, 9L).train()), ids(Split.of(d, 0.6, 0.2, 9L).train()));
        assertFalse(Arrays.equals(ids(Split.of(d, 0.6, 0.2, 9L).train()), ids(Split.of(d, 0.6, 0.2, 10L).train())));
    }

    @Test
    void shuffles() {
        int[] train = ids(Split.of(numbered(50), 0.6, 0.2, 2L).train());
        int[] sorted = train.clone();
        Arrays.sort(sorted);
        assertFalse(Arrays.equals(sorted, train), "a split must not keep the original order");
    }

    @Test
    void rejectsBadFractions() {
        Dataset d = numbered(20);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0.8, 0.2, 1L));
        assertTrue(e.getMessage().contains("test"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0.0, 0.2, 1L));
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, 0.5, -0.1, 1L));
        assertThrows(IllegalArgumentException.class, () -> Split.of(d, Double.NaN, 0.2, 1L));
        assertThrows(IllegalArgumentException.class, () -> Split.of(numbered(3), 0.5, 0.1, 1L));
    }
}
