package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void handExample() {
        // column 0: values 1 and 3, mean 2, std 1; column 1 is constant 5, so its std counts as 1
        Standardizer s = Standardizer.fit(new double[][] {{1, 5}, {3, 5}});
        assertArrayEquals(new double[] {2, 5}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, s.std(), 1e-15);
        double[][] z = s.transform(new double[][] {{1, 5}, {3, 5}});
        assertArrayEquals(new double[] {-1, 0}, z[0], 1e-15);
        assertArrayEquals(new double[] {1, 0}, z[1], 1e-15);
    }

    @Test
    void populationStdUsesOneOverN() {
        // values 0, 0, 3: mean 1, squared deviations 1 + 1 + 4 = 6, variance 6/3 = 2 (not 6/2 = 3)
        Standardizer s = Standardizer.fit(new double[][] {{0}, {0}, {3}});
        assertEquals(Math.sqrt(2), s.std()[0], 1e-15);
    }

    @Test
    void trainingDataBecomesMeanZeroStdOne() {
        Random random = new Random(4);
        double[][] x = new double[200][3];
        for (double[] row : x) {
            row[0] = 10 + 3 * random.nextGaussian();
            row[1] = -2 + 0.01 * random.nextGaussian();
            row[2] = random.nextInt(17);
        }
        double[][] z = Standardizer.fit(x).transform(x);
        for (int j = 0; j < 3; j++) {
            double sum = 0;
            double sq = 0;
            for (double[] row : z) {
                sum += row[j];
                sq += row[j] * row[j];
            }
            assertEquals(0.0, sum / z.length, 1e-12);
            assertEquals(1.0, Math.sqrt(sq / z.length), 1e-12);
        }
    }

    @Test
    void usesTrainingStatisticsOnly() {
        Standardizer s = Standardizer.fit(new double[][] {{0}, {2}});
        double[][] other = {{5}, {7}, {9}};
        // training mean 1, std 1: (5-1)/1 = 4 etc.; refitting on "other" would give -1.22, 0, 1.22
        double[][] z = s.transform(other);
        assertEquals(4.0, z[0][0], 1e-15);
        assertEquals(6.0, z[1][0], 1e-15);
        assertEquals(8.0, z[2][0], 1e-15);
        assertEquals(5.0, other[0][0], "input not modified");
    }

    @Test
    void digitsHaveNoNaNAfterStandardizing() {
        Dataset d = Digits.load();
        double[][] z = Standardizer.fit(d.x()).transform(d.x());
        for (double[] row : z) {
            for (double v : row) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(new double[0][0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Standardizer.fit(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("[0][1]"), e.getMessage());
        Standardizer s = Standardizer.fit(new double[][] {{1, 2}});
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("(1, 3)") && e.getMessage().contains("2 features"), e.getMessage());
    }
}
