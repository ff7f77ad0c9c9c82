package deepnets.layers;

import deepnets.TestData;
import deepnets.core.Matrices;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RowProductsTest {

    private static void assertClose(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 1e-12);
        }
    }

    @Test
    void productsAgreeWithEjml() {
        Random rng = new Random(30);
        double[][] a = TestData.gaussian(rng, 7, 5, 0, 1);
        a[2][3] = 0.0;
        double[][] b = TestData.gaussian(rng, 5, 4, 0, 1);
        double[][] c = TestData.gaussian(rng, 7, 4, 0, 1);
        double[][] d = TestData.gaussian(rng, 6, 5, 0, 1);
        assertClose(Matrices.matmul(a, b), RowProducts.multiply(a, b));
        assertClose(Matrices.matmulTransA(a, c), RowProducts.multiplyTransA(a, c));
        assertClose(Matrices.matmulTransB(a, d), RowProducts.multiplyTransB(a, d));
    }
}
