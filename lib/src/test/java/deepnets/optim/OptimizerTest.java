package deepnets.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {

    /** Two steps on a (1,) parameter starting at 1 with gradients g1 then g2; returns w after each step. */
    private static double[] twoSteps(Optimizer opt, double g1, double g2) {
        double[] w = {1.0};
        opt.update(w, new double[] {g1});
        opt.step();
        double first = w[0];
        opt.update(w, new double[] {g2});
        opt.step();
        return new double[] {first, w[0]};
    }

    @Test
    void rmsPropsRefusalQuotesItsOwnDefaultBeta() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.01, 1.0, 1e-8));
        assertTrue(e.getMessage().contains("the usual value is 0.999, the default"), e.getMessage());
    }

    @Test
    void sgdStepsAgainstTheGradient() {
        double[][] w = {{1, -2}};
        new Sgd(0.1).update(w, new double[][] {{0.5, 1}});
        assertArrayEquals(new double[] {0.95, -2.1}, w[0], 1e-15);
    }

    @Test
    void momentumAveragesGradients() {
        // v1 = 0.1 * 2 = 0.2, w1 = 1 - 0.1 * 0.2 = 0.98; v2 = 0.9 * 0.2 + 0.1 * (-1) = 0.08, w2 = 0.98 - 0.008.
        double[] w = twoSteps(new Momentum(0.1), 2, -1);
        assertEquals(0.98, w[0], 1e-15);
        assertEquals(0.972, w[1], 1e-15);
    }

    @Test
    void rmsPropDividesByTheRootMeanSquare() {
        // s1 = 0.001 * 4 = 0.004, step 0.01 * 2 / sqrt(0.004) = 0.1 sqrt(10); s2 = 0.999 * 0.004 + 0.001 = 0.004996.
        double[] w = twoSteps(new RmsProp(0.01), 2, 1);
        double w1 = 1 - 0.1 * Math.sqrt(10);
        assertEquals(w1, w[0], 1e-7);
        assertEquals(w1 - 0.01 / Math.sqrt(0.004996), w[1], 1e-7);
    }

    @Test
    void adamFirstStepIsTheLearningRateTimesTheSignOfTheGradient() {
        // Bias correction makes mhat = g and vhat = g^2 at t = 1, so the step is lr g / (|g| + eps) ~ lr sign(g),
        // whatever the size of g.
        for (double g : new double[] {2.0, -1e-3, 50.0}) {
            double[] w = {1.0};
            new Adam(0.1).update(w, new double[] {g});
            assertEquals(1.0 - 0.1 * Math.signum(g), w[0], 1e-6);
        }
    }

    @Test
    void adamSecondStepMatchesHandComputation() {
        // t = 1, g = 2: m = 0.2, v = 0.004, mhat = 2, vhat = 4, w = 1 - 0.1 = 0.9.
        // t = 2, g = -1: m = 0.18 - 0.1 = 0.08, v = 0.003996 + 0.001 = 0.004996,
        // mhat = 0.08 / (1 - 0.81), vhat = 0.004996 / (1 - 0.998001), w = 0.9 - 0.1 mhat / sqrt(vhat).
        double[] w = twoSteps(new Adam(0.1), 2, -1);
        assertEquals(0.9, w[0], 1e-8);
        double mhat = 0.08 / 0.19;
        double vhat = 0.004996 / 0.001999;
        assertEquals(0.9 - 0.1 * mhat / Math.sqrt(vhat), w[1], 1e-8);
    }

    @Test
    void statesAreKeptPerParameterArray() {
        Momentum opt = new Momentum(1.0, 0.5);
        double[] a = {0.0};
        double[][] b = {{0.0}};
        opt.update(a, new double[] {1.0});
        opt.update(b, new double[][] {{-1.0}});
        opt.step();
        opt.update(a, new double[] {1.0});
        opt.update(b, new double[][] {{-1.0}});
        // Each velocity sees only its own gradients: v1 = 0.5, v2 = 0.75, so w = -(0.5 + 0.75) and +1.25.
        assertEquals(-1.25, a[0], 1e-15);
        assertEquals(1.25, b[0][0], 1e-15);
    }

    @Test
    void secondUpdateWithoutStepIsAnError() {
        Adam opt = new Adam(0.1);
        double[] w = {1.0};
        opt.update(w, new double[] {1.0});
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> opt.update(w, new double[] {1.0}));
        assertTrue(e.getMessage().contains("step()"), e.getMessage());
    }

    @Test
    void resetForgetsStateAndKeepsTheLearningRate() {
        Adam opt = new Adam(0.1);
        double[] w = {1.0};
        opt.update(w, new double[] {1.0});
        opt.step();
        opt.setLearningRate(0.5);
        opt.reset();
        assertEquals(0, opt.steps());
        assertEquals(0.5, opt.learningRate(), 0.0);
        // After a reset the next step is again a first step of size lr.
        opt.update(w, new double[] {-3.0});
        assertEquals(0.9 + 0.5, w[0], 1e-6);
    }

    @Test
    void rejectsBadHyperparametersAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.0));
        assertTrue(e.getMessage().contains("learning rate = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1.0));
        assertTrue(e.getMessage().contains("beta = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Adam(0.1, 0.9, -0.1, 1e-8));
        assertTrue(e.getMessage().contains("beta2 = -0.1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RmsProp(0.1, 0.9, -1));
        assertTrue(e.getMessage().contains("eps = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Sgd(0.1).update(new double[2][3], new double[3][2]));
        assertTrue(e.getMessage().contains("(2, 3)") && e.getMessage().contains("(3, 2)"), e.getMessage());
        Sgd sgd = new Sgd(0.1);
        e = assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
