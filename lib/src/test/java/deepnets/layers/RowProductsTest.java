package deepnets.layers;

import deepnets.TestData;
import org.junit.jupiter.api.Test;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

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

    /** EJML's products, the independent oracle: 0 = a b, 1 = a^T b, 2 = a b^T. */
    private static double[][] ejml(double[][] a, double[][] b, int kind) {
        DMatrixRMaj ma = new DMatrixRMaj(a);
        DMatrixRMaj mb = new DMatrixRMaj(b);
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        switch (kind) {
            case 0 -> CommonOps_DDRM.mult(ma, mb, out);
            case 1 -> CommonOps_DDRM.multTransA(ma, mb, out);
            default -> CommonOps_DDRM.multTransB(ma, mb, out);
        }
        double[][] rows = new double[out.numRows][out.numCols];
        for (int i = 0; i < out.numRows; i++) {
            System.arraycopy(out.data, i * out.numCols, rows[i], 0, out.numCols);
        }
        return rows;
    }

    @Test
    void productsAgreeWithEjml() {
        Random rng = new Random(30);
        double[][] a = TestData.gaussian(rng, 7, 5, 0, 1);
        a[2][3] = 0.0;
        double[][] b = TestData.gaussian(rng, 5, 4, 0, 1);
        double[][] c = TestData.gaussian(rng, 7, 4, 0, 1);
        double[][] d = TestData.gaussian(rng, 6, 5, 0, 1);
        assertClose(ejml(a, b, 0), RowProducts.multiply(a, b));
        assertClose(ejml(a, c, 1), RowProducts.multiplyTransA(a, c));
        assertClose(ejml(a, d, 2), RowProducts.multiplyTransB(a, d));
    }
}
