package deepnets.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.tuning.EwaBeta;
import deepnets.tuning.LogUniform;
import org.junit.jupiter.api.Test;

/** The profile that notebook 02's sampler checks compare, on samples whose shares are known by construction. */
class SamplerProfileTest {

    /** 1000 values at the middles of 1000 equal cells of the axis: every share is exact. */
    private static double[] evenlySpread(double a, double b, java.util.function.DoubleUnaryOperator fromAxis) {
        double[] out = new double[1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = fromAxis.applyAsDouble(a + (b - a) * (i + 0.5) / out.length);
        }
        return out;
    }

    @Test
    void evenlySpreadLogValuesHaveTheIdealProfile() {
        double[] values = evenlySpread(-4, 0, r -> Math.pow(10, r));
        assertArrayEquals(SamplerProfile.IDEAL, SamplerProfile.of(values, new LogUniform("alpha", 1e-4, 1)), 1e-12);
    }

    @Test
    void evenlySpreadBetasHaveTheIdealProfile() {
        double[] values = evenlySpread(-3, -1, r -> 1 - Math.pow(10, r));
        assertArrayEquals(SamplerProfile.IDEAL, SamplerProfile.of(values, new EwaBeta("beta", 0.9, 0.999)), 1e-12);
    }

    @Test
    void valuesOutsideTheRangeAndBelowZeroAreCounted() {
        // 1e-5 is below lo (and below every cut), 2 above hi, -1 below lo and below zero, 1e-2 the middle of the scale
        double[] values = {1e-5, 2, -1, 1e-2};
        double[] p = SamplerProfile.of(values, new LogUniform("alpha", 1e-4, 1));
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.75, 0.75, 0.75, 0.25, 0.25}, p, 1e-12);
    }

    @Test
    void noSamplesAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SamplerProfile.of(new double[0], new LogUniform("alpha", 1e-4, 1)));
        assertTrue(e.getMessage().startsWith("SamplerProfile.of: pass the samples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SamplerProfile.of(new double[] {1}, null));
    }
}
