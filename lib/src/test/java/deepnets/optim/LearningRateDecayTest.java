package deepnets.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearningRateDecayTest {

    @Test
    void schedulesMatchTheirFormulas() {
        assertEquals(0.2, LearningRateDecay.none().rate(0.2, 7), 0.0);
        // 0.2 / (1 + 1 * 3) = 0.05.
        assertEquals(0.05, LearningRateDecay.inverseTime(1.0).rate(0.2, 3), 1e-15);
        assertEquals(0.2, LearningRateDecay.inverseTime(1.0).rate(0.2, 0), 0.0);
        // 0.95^2 = 0.9025.
        assertEquals(0.9025 * 0.2, LearningRateDecay.exponential(0.95).rate(0.2, 2), 1e-15);
    }

    @Test
    void rejectsBadRates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateDecay.inverseTime(-1));
        assertTrue(e.getMessage().contains("decayRate = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LearningRateDecay.exponential(1.5));
        assertTrue(e.getMessage().contains("base = 1.5"), e.getMessage());
    }
}
