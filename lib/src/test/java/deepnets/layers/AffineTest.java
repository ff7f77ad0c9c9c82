package deepnets.layers;

import deepnets.TestData;
import deepnets.gradcheck.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AffineTest {

    @Test
    void forwardMatchesHandComputedProduct() {
        double[][] x = {{1, 2}, {3, 4}};
        double[][] w = {{1, 0, -1}, {2, 1, 0}};
        double[] b = {0.5, -1, 2};
        double[][] out = Affine.forward(x, w, b).out();
        // Row 0: [1+4, 2, -1] + b; row 1: [3+8, 4, -3] + b.
        assertArrayEquals(new double[] {5.5, 1, 1}, out[0], 1e-12);
        assertArrayEquals(new double[] {11.5, 3, -1}, out[1], 1e-12);
    }

    @Test
    void gradientsMatchNumericGradients() {
        Random rng = new Random(2);
        double[][] x = TestData.gaussian(rng, 5, 4, 0, 1);
        double[][] w = TestData.gaussian(rng, 4, 3, 0, 1);
        double[] b = TestData.gaussian(rng, 3, 0, 1);
        double[][] dout = TestData.gaussian(rng, 5, 3, 0, 1);
        Affine.Gradients g = Affine.backward(dout, Affine.forward(x, w, b).cache());

        double[][] dx = GradientCheck.numericGradient((double[][] p) -> Affine.forward(p, w, b).out(), x, dout);
        double[][] dW = GradientCheck.numericGradient((double[][] p) -> Affine.forward(x, p, b).out(), w, dout);
        double[] db = GradientCheck.numericGradient((double[] p) -> dot(Affine.forward(x, w, p).out(), dout), b);

        assertTrue(GradientCheck.relativeError(dx, g.dx()) < 1e-8);
        assertTrue(GradientCheck.relativeError(dW, g.dW()) < 1e-8);
        assertTrue(GradientCheck.relativeError(db, g.db()) < 1e-8);
    }

    @Test
    void withoutBiasThereIsNoBiasGradient() {
        double[][] x = {{1, 2}};
        double[][] w = {{1}, {1}};
        Affine.Forward f = Affine.forward(x, w, null);
        assertArrayEquals(new double[] {3}, f.out()[0], 0.0);
        assertNull(Affine.backward(new double[][] {{1}}, f.cache()).db());
    }

    @Test
    void rejectsMismatchedShapesNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Affine.forward(new double[2][3], new double[4][5], null));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4, 5)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Affine.forward(new double[2][3], new double[3][5], new double[4]));
        assertTrue(e.getMessage().contains("(4,)") && e.getMessage().contains("(3, 5)"), e.getMessage());
    }

    static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                s += a[i][j] * b[i][j];
            }
        }
        return s;
    }

    @Test
    void weightGradientsAreBackwardsWithoutDx() {
        double[][] x = {{1, -2, 0.5}, {0, 3, -1}};
        double[][] w = {{0.2, -0.1}, {0.4, 0.3}, {-0.5, 0.6}};
        double[][] dout = {{1, 2}, {-1, 0.5}};
        Affine.Cache cache = Affine.forward(x, w, new double[] {0.1, 0.2}).cache();
        Affine.Gradients full = Affine.backward(dout, cache);
        Affine.Gradients weights = Affine.weightGradients(dout, cache);
        assertNull(weights.dx());
        // dW = x^T dout by hand: dW[0][0] = 1*1 + 0*(-1) = 1, dW[1][1] = -2*2 + 3*0.5 = -2.5
        assertEquals(1.0, weights.dW()[0][0], 1e-15);
        assertEquals(-2.5, weights.dW()[1][1], 1e-15);
        for (int r = 0; r < 3; r++) {
            assertArrayEquals(full.dW()[r], weights.dW()[r], 0.0);
        }
        assertArrayEquals(new double[] {0, 2.5}, weights.db(), 1e-15);
    }
}
