package deepnets;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnobsTest {

    @Test
    void unsetOrBlankGivesTheDefault() {
        assertEquals(5, Knobs.intKnob(Map.of(), "COURSE_EPOCHS", 5, 2, 20));
        assertEquals(5, Knobs.intKnob(Map.of("COURSE_EPOCHS", "  "), "COURSE_EPOCHS", 5, 2, 20));
    }

    @Test
    void aValueInTheRangeIsReadIncludingTheEnds() {
        assertEquals(2, Knobs.intKnob(Map.of("COURSE_EPOCHS", "2"), "COURSE_EPOCHS", 5, 2, 20));
        assertEquals(20, Knobs.intKnob(Map.of("COURSE_EPOCHS", " 20 "), "COURSE_EPOCHS", 5, 2, 20));
    }

    @Test
    void aValueOutsideTheRangeNamesTheVariableTheValueAndTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Knobs.intKnob(Map.of("COURSE_EPOCHS", "0"), "COURSE_EPOCHS", 5, 2, 20));
        assertTrue(e.getMessage().contains("COURSE_EPOCHS = 0") && e.getMessage().contains("2 to 20")
                && e.getMessage().contains("default 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Knobs.intKnob(Map.of("COURSE_EPOCHS", "21"), "COURSE_EPOCHS", 5, 2, 20));
    }

    @Test
    void textThatIsNotAWholeNumberIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Knobs.intKnob(Map.of("COURSE_TRIALS", "ten"), "COURSE_TRIALS", 8, 4, 40));
        assertTrue(e.getMessage().contains("\"ten\" is not a whole number"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Knobs.intKnob(Map.of("COURSE_TRIALS", "2.5"), "COURSE_TRIALS", 8, 4, 40));
    }

    @Test
    void aDefaultOutsideItsOwnRangeIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Knobs.intKnob(Map.of(), "X", 1, 2, 20));
    }
}
