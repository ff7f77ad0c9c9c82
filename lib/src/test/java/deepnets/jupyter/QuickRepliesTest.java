package deepnets.jupyter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Outside a JJava kernel there is nothing to patch, and nothing may fail. (In a kernel: tools/tests, make e2e.) */
class QuickRepliesTest {

    @Test
    void outsideAKernelPatchesNothingAndThrowsNothing() {
        assertEquals(0, QuickReplies.patchAll());
        assertDoesNotThrow(QuickReplies::install);
    }
}
