package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.core.NonFiniteException;
import org.junit.jupiter.api.Test;

class SyntheticTest {

    @Test
    void blobsAreCentredOnTheUnitCircle() {
        int n = 2000;
        Dataset d = Synthetic.blobs(n, 4, 0.2, 7L);
        assertEquals(4 * n, d.size());
        assertEquals(2, d.features());
        assertArrayEquals(new int[] {n, n, n, n}, d.classCounts());
        // class k sits at angle k * 90 degrees: (1,0), (0,1), (-1,0), (0,-1)
        double[][] centres = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        double[][] sums = new double[4][2];
        for (int i = 0; i < d.size(); i++) {
            sums[d.labels()[i]][0] += d.x()[i][0];
            sums[d.labels()[i]][1] += d.x()[i][1];
        }
        for (int k = 0; k < 4; k++) {
            // the mean of n draws has std 0.2 / sqrt(2000) = 0.0045; 0.02 is over 4 of those
            assertEquals(centres[k][0], sums[k][0] / n, 0.02);
            assertEquals(centres[k][1], sums[k][1] / n, 0.02);
        }
    }

    @Test
    void spiralsHaveTheStatedRadius() {
        int n = 50;
        Dataset d = Synthetic.spirals(n, 3, 0.2, 1L);
        assertEquals(150, d.size());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < n; i++) {
                double[] p = d.x()[k * n + i];
                assertEquals((i + 1.0) / n, Math.hypot(p[0], p[1]), 1e-12);
                assertEquals(k, d.labels()[k * n + i]);
            }
        }
    }

    @Test
    void noiselessSpiralAngle() {
        // with no noise, point i of class 1 of 2 lies at angle pi + 3 pi r
        int n = 4;
        Dataset d = Synthetic.spirals(n, 2, 0.0, 1L);
        double r = 2.0 / n;
        double angle = Math.PI + 3 * Math.PI * r;
        assertArrayEquals(new double[] {r * Math.cos(angle), r * Math.sin(angle)}, d.x()[n + 1], 1e-12);
    }

    @Test
    void seeded() {
        assertArrayEquals(Synthetic.blobs(5, 3, 0.3, 2L).x()[7], Synthetic.blobs(5, 3, 0.3, 2L).x()[7]);
        assertArrayEquals(Synthetic.spirals(5, 3, 0.3, 2L).x()[7], Synthetic.spirals(5, 3, 0.3, 2L).x()[7]);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Synthetic.blobs(0, 3, 0.1, 1L));
        assertThrows(IllegalArgumentException.class, () -> Synthetic.blobs(10, 1, 0.1, 1L));
        assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(10, 3, -0.1, 1L));
        assertThrows(IllegalArgumentException.class, () -> Synthetic.spirals(10, 3, Double.NaN, 1L));
    }

    @Test
    void aNoiseSoLargeThatAnAngleOverflowsIsRefusedInTheNameOfSpirals() {
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> Synthetic.spirals(5, 2, Double.MAX_VALUE, 1));
        assertTrue(e.getMessage().startsWith("Synthetic.spirals: noise = " + Double.MAX_VALUE), e.getMessage());
        // A large but finite angle noise is allowed: the points stay in the unit disc.
        for (double[] p : Synthetic.spirals(5, 2, 1e300, 1).x()) {
            assertTrue(Math.hypot(p[0], p[1]) <= 1 + 1e-12);
        }
    }
}
