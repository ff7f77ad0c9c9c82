package deepnets.layers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerNormTest {

    @Test
    void normalizesEachRowOverItsFeatures() {
        // Row (1, 2, 3, 4): mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        // Row (10, 10, 10, 14): mean 11, variance (1 + 1 + 1 + 9) / 4 = 3.
        double eps = 1e-5;
        double[][] out = LayerNorm.forward(new double[][] {{1, 2, 3, 4}, {10, 10, 10, 14}},
                new double[] {1, 1, 1, 1}, new double[] {0, 0, 0, 0}, eps);
        double s1 = Math.sqrt(1.25 + eps), s2 = Math.sqrt(3 + eps);
        assertArrayEquals(new double[] {-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1}, out[0], 1e-12);
        assertArrayEquals(new double[] {-1 / s2, -1 / s2, -1 / s2, 3 / s2}, out[1], 1e-12);
    }

    @Test
    void appliesGammaAndBetaPerFeature() {
        // Row (0, 2): mean 1, variance 1; normalized (-1, 1) / sqrt(1 + eps).
        double eps = 1e-5, s = Math.sqrt(1 + eps);
        double[][] out = LayerNorm.forward(new double[][] {{0, 2}}, new double[] {2, 3}, new double[] {0.5, -1}, eps);
        assertArrayEquals(new double[] {-2 / s + 0.5, 3 / s - 1}, out[0], 1e-12);
    }

    @Test
    void aRowGivesTheSameOutputAloneAsInABatch() {
        double[][] batch = {{0.3, -1.2, 4.0}, {7, 7.5, 9}, {-2, 0, 2}};
        double[] gamma = {1.5, 0.5, 1}, beta = {0, 1, -1};
        double[][] together = LayerNorm.forward(batch, gamma, beta, 1e-5);
        for (int i = 0; i < batch.length; i++) {
            assertArrayEquals(together[i], LayerNorm.forward(new double[][] {batch[i]}, gamma, beta, 1e-5)[0], 0.0);
        }
    }

    @Test
    void aConstantRowGivesBeta() {
        // Variance 0: (x - mu) = 0 in every entry, so the output is beta (eps keeps the division finite).
        double[][] out = LayerNorm.forward(new double[][] {{5, 5, 5}}, new double[] {2, 2, 2}, new double[] {0.1, 0.2, 0.3}, 1e-5);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, out[0], 0.0);
    }

    @Test
    void rejectsBadInputWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.forward(new double[][] {{1, 2, 3}}, new double[] {1, 1}, new double[] {0, 0}, 1e-5));
        assertTrue(e.getMessage().contains("LayerNorm.forward") && e.getMessage().contains("3 features"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.forward(new double[][] {{1, 2}}, new double[] {1, 1}, new double[] {0, 0}, 0));
        assertTrue(e.getMessage().contains("eps = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> LayerNorm.forward(new double[][] {{1, 2}, {3}}, new double[] {1, 1}, new double[] {0, 0}, 1e-5));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerNorm.forward(new double[0][], new double[0], new double[0], 1e-5));
    }
}
