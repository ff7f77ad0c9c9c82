package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneHotAndDatasetTest {

    @Test
    void encodeByHand() {
        double[][] y = OneHot.encode(new int[] {2, 0, 1}, 3);
        assertArrayEquals(new double[] {0, 0, 1}, y[0]);
        assertArrayEquals(new double[] {1, 0, 0}, y[1]);
        assertArrayEquals(new double[] {0, 1, 0}, y[2]);
    }

    @Test
    void decodeTakesTheLargestEntry() {
        assertArrayEquals(new int[] {1, 0}, OneHot.decode(new double[][] {{0.2, 0.7, 0.1}, {0.5, 0.3, 0.2}}));
        int[] labels = {3, 1, 4, 1, 5, 9, 2, 6};
        assertArrayEquals(labels, OneHot.decode(OneHot.encode(labels, 10)));
    }

    @Test
    void encodeRejectsOutOfRangeLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("labels[1] = 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[] {-1}, 3));
    }

    @Test
    void datasetValidates() {
        double[][] x = {{1, 2}, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[] {0}, 2));
        assertTrue(e.getMessage().contains("(2, 2)") && e.getMessage().contains("(1,)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(x, new int[] {0, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new double[][] {{1}, {2, 3}}, new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(new double[][] {{1}, {Double.NaN}}, new int[] {0, 1}, 2));
    }

    @Test
    void datasetHelpers() {
        Dataset d = new Dataset(new double[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {1, 0, 1}, 3);
        assertEquals(3, d.size());
        assertEquals(2, d.features());
        assertArrayEquals(new int[] {1, 2, 0}, d.classCounts());
        assertArrayEquals(new double[] {0, 1, 0}, d.oneHot()[0]);
        Dataset sub = d.subset(new int[] {2, 0});
        assertArrayEquals(new double[] {5, 6}, sub.x()[0]);
        assertArrayEquals(new int[] {1, 1}, sub.labels());
        assertThrows(IllegalArgumentException.class, () -> d.subset(new int[] {3}));
    }

    @Test
    void concatAppendsRowsAndLabelsInOrderAndCopiesRows() {
        Dataset a = new Dataset(new double[][] {{1, 2}, {3, 4}}, new int[] {0, 1}, 3);
        Dataset b = new Dataset(new double[][] {{5, 6}}, new int[] {2}, 3);
        Dataset joined = a.concat(b);
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}, {5, 6}}, joined.x());
        assertArrayEquals(new int[] {0, 1, 2}, joined.labels());
        joined.x()[0][0] = 99;
        assertEquals(1, a.x()[0][0], "the joined rows are copies");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.concat(new Dataset(new double[][] {{1, 2, 3}}, new int[] {0}, 3)));
        assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("3 features"), e.getMessage());
    }
}
