package deepnets.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.core.NonFiniteException;
import org.junit.jupiter.api.Test;

/**
 * Issue 31: eps = 0 is documented as allowed for Adam and RMSprop, so it must work (a zero gradient takes a zero
 * step, not 0 / 0 = NaN), and a step that cannot be computed is refused naming the entry, never written as NaN.
 */
class EpsZeroAndOverflowTest {

    @Test
    void adamWithEpsZeroLeavesAWeightWithZeroGradientsAloneAndStepsTheOthers() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 0.0);
        double[][] w = {{1.0, 2.0}, {3.0, 4.0}};
        for (int t = 0; t < 3; t++) {
            adam.update(w, new double[][] {{0.0, 0.5}, {0.0, -2.0}});
            adam.step();
        }
        assertEquals(1.0, w[0][0], 0.0);
        assertEquals(3.0, w[1][0], 0.0);
        // With eps = 0 every Adam step of a constant gradient is exactly alpha times its sign: mhat / sqrt(vhat) = 1.
        assertEquals(2.0 - 0.3, w[0][1], 1e-12);
        assertEquals(4.0 + 0.3, w[1][1], 1e-12);
    }

    @Test
    void rmsPropWithEpsZeroTakesAZeroStepForAZeroGradient() {
        RmsProp rms = new RmsProp(0.1, 0.9, 0.0);
        double[] w = {1.0, 2.0};
        rms.update(w, new double[] {0.0, 3.0});
        rms.step();
        // s = 0.1 * 9 = 0.9, step = 0.1 * 3 / sqrt(0.9).
        assertArrayEquals(new double[] {1.0, 2.0 - 0.1 * 3 / Math.sqrt(0.9)}, w, 1e-15);
        rms.update(w, new double[] {0.0, 0.0});
        assertEquals(1.0, w[0], 0.0);
        assertEquals(2.0 - 0.1 * 3 / Math.sqrt(0.9), w[1], 1e-15, "a zero gradient moves nothing, also later");
    }

    @Test
    void withEpsZeroAGradientWhoseSquareUnderflowsIsRefusedNamingTheEntry() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 0.0);
        double[][] w = {{1.0, 2.0}};
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> adam.update(w, new double[][] {{0.0, 1e-170}}));
        assertTrue(e.getMessage().startsWith("Adam.update: the step for w[0][1] overflowed to ")
                && e.getMessage().contains("dw[0][1] = 1.0E-170") && e.getMessage().contains("use eps > 0"), e.getMessage());
    }

    @Test
    void aNonFiniteWeightIsNamedAsSuchAndAStepThatOverflowsAsAnOverflow() {
        Sgd sgd = new Sgd(1.0);
        double[][] w = {{1.0, 2.0}, {3.0, Double.NaN}};
        NonFiniteException before = assertThrows(NonFiniteException.class, () -> sgd.update(w, new double[2][2]));
        assertTrue(before.getMessage().startsWith("Sgd.update: w[1][1] is NaN"), before.getMessage());
        Sgd big = new Sgd(1e300);
        double[][] v = {{1.0, 2.0}, {3.0, 4.0}};
        NonFiniteException step = assertThrows(NonFiniteException.class, () -> big.update(v, new double[][] {{0, 0}, {0, -1e10}}));
        assertTrue(step.getMessage().startsWith("Sgd.update: the step for w[1][1] overflowed to Infinity although w and its "
                + "gradient dw[1][1] = -1.0E10 are finite; lower the learning rate (now 1.0E300)"), step.getMessage());
        Momentum m = new Momentum(1e300);
        double[] b = {0.0};
        NonFiniteException vector = assertThrows(NonFiniteException.class, () -> m.update(b, new double[] {1e100}));
        assertTrue(vector.getMessage().startsWith("Momentum.update: the step for w[0] overflowed"), vector.getMessage());
    }
}
