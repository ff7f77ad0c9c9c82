package deepnets.layers;

import deepnets.TestData;
import deepnets.gradcheck.GradientCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxCrossEntropyTest {

    @Test
    void softmaxOfHandExampleAndRowsSumToOne() {
        // softmax([0, ln 3]) = [1/4, 3/4].
        double[][] p = Softmax.forward(new double[][] {{0, Math.log(3)}, {5, -2}});
        assertEquals(0.25, p[0][0], 1e-15);
        assertEquals(0.75, p[0][1], 1e-15);
        assertEquals(1.0, p[1][0] + p[1][1], 1e-15);
    }

    @Test
    void softmaxIsFiniteForHugeLogits() {
        double[][] p = Softmax.forward(new double[][] {{1000, 1000, -1000}, {-1000, -1000, -1000}});
        assertEquals(0.5, p[0][0], 1e-15);
        assertEquals(0.5, p[0][1], 1e-15);
        assertEquals(0.0, p[0][2], 1e-300);
        for (int j = 0; j < 3; j++) {
            assertEquals(1.0 / 3, p[1][j], 1e-15);
        }
    }

    @Test
    void uniformPredictionCostsLogC() {
        int c = 7;
        double[][] yhat = new double[2][c];
        for (double[] row : yhat) {
            java.util.Arrays.fill(row, 1.0 / c);
        }
        assertEquals(Math.log(c), CrossEntropy.loss(yhat, new int[] {0, 6}), 1e-14);
        assertEquals(Math.log(c), SoftmaxCrossEntropy.forward(new double[2][c], new int[] {3, 1}).loss(), 1e-14);
    }

    @Test
    void handComputedCrossEntropy() {
        double[][] yhat = {{0.2, 0.8}, {0.6, 0.4}};
        double expected = -(Math.log(0.8) + Math.log(0.6)) / 2;
        assertEquals(expected, CrossEntropy.loss(yhat, new int[] {1, 0}), 1e-15);
        assertEquals(expected, CrossEntropy.loss(yhat, new double[][] {{0, 1}, {1, 0}}), 1e-15);
    }

    @Test
    void lossAndProbabilitiesOfHandExample() {
        // Row 1: softmax([0, ln 3]) = [1/4, 3/4], label 0 costs ln 4. Row 2: softmax([ln 4, 0]) = [4/5, 1/5],
        // label 0 costs ln(5/4). Mean: (ln 4 + ln 5 - ln 4) / 2 = ln(5) / 2.
        SoftmaxCrossEntropy.Forward f = SoftmaxCrossEntropy.forward(
                new double[][] {{0, Math.log(3)}, {Math.log(4), 0}}, new int[] {0, 0});
        assertEquals(Math.log(5) / 2, f.loss(), 1e-15);
        assertEquals(0.25, f.probs()[0][0], 1e-15);
        assertEquals(0.75, f.probs()[0][1], 1e-15);
        assertEquals(0.8, f.probs()[1][0], 1e-15);
        assertEquals(0.2, f.probs()[1][1], 1e-15);
    }

    @Test
    void lossFromLogitsStaysFiniteWhereLogOfSoftmaxWouldNot() {
        // The correct class is 2000 below the best: loss = logsumexp - z_y = 1000 - (-1000) = 2000.
        double loss = SoftmaxCrossEntropy.forward(new double[][] {{1000, -1000}}, new int[] {1}).loss();
        assertEquals(2000.0, loss, 1e-9);
        assertTrue(Double.isFinite(CrossEntropy.loss(new double[][] {{1, 0}}, new int[] {1})));
    }

    @Test
    void gradientIsProbsMinusOneHotOverN() {
        Random rng = new Random(4);
        double[][] z = TestData.gaussian(rng, 5, 4, 0, 2);
        int[] y = TestData.labels(rng, 5, 4);
        double[][] dz = SoftmaxCrossEntropy.backward(SoftmaxCrossEntropy.forward(z, y).cache());
        double[][] numeric = GradientCheck.numericGradient((double[][] p) -> SoftmaxCrossEntropy.forward(p, y).loss(), z);
        assertTrue(GradientCheck.relativeError(numeric, dz) < 1e-7);
    }

    @Test
    void rejectsLabelsOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SoftmaxCrossEntropy.forward(new double[2][3], new int[] {0, 3}));
        assertTrue(e.getMessage().contains("labels[1] = 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.loss(new double[2][3], new int[] {0}));
        assertTrue(e.getMessage().contains("2 rows") && e.getMessage().contains("1 labels"), e.getMessage());
    }
}
