package deepnets.check;

import static deepnets.check.DiagnosisFixtures.assertContains;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.NotImplementedYet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProbeTest {

    @Test
    void aFailingProbeShowsThePieceTheInputAndBothNumbersAndNamesOnlyAMatchingCause() {
        Probe.forget();
        Map<String, double[]> known = new LinkedHashMap<>();
        known.put("the variance divides by m - 1 instead of m", new double[] {8});
        known.put("you return the standard deviation", new double[] {2});
        String m = assertThrows(CheckFailure.class, () -> Probe.vector("var", "z = {{0}, {4}}", "the variance",
                new double[] {4}, new double[] {8}, 1e-9, known)).getMessage();
        assertTrue(m.startsWith("the variance divides by m - 1 instead of m."), m);
        assertContains(m, "var is wrong: for z = {{0}, {4}} you return {8}; the variance is {4}.");
        assertFalse(m.contains("standard deviation"), "a mistake ruled out is not listed: " + m);

        String none = assertThrows(CheckFailure.class, () -> Probe.vector("var", "z = {{0}, {4}}", "the variance",
                new double[] {4}, new double[] {5}, 1e-9, known)).getMessage();
        assertTrue(none.startsWith("var is wrong"), none);
        assertFalse(none.contains("m - 1") || none.contains("standard deviation"), none);
        assertDoesNotThrow(() -> Probe.vector("var", "z", "the variance", new double[] {4}, new double[] {4}, 1e-9,
                known));
    }

    @Test
    void twoMistakesWithTheSameNumbersAreBothNamedAndANaNMatchesANaN() {
        Map<String, double[][]> known = new LinkedHashMap<>();
        known.put("e^1000 overflowed", new double[][] {{Double.NaN, 0}});
        known.put("you subtract the minimum", new double[][] {{Double.NaN, 0}});
        String m = assertThrows(CheckFailure.class, () -> Probe.matrix("softmax(z)", "z = {{1000, 0}}", "softmax",
                new double[][] {{1, 0}}, new double[][] {{Double.NaN, 0}}, 1e-12, known)).getMessage();
        assertContains(m, "e^1000 overflowed, or you subtract the minimum (each gives these numbers)");
    }

    @Test
    void aFailureNamesTheProbeThatRanAndForgetsItWhenTold() {
        assertThrows(CheckFailure.class, () -> Probe.run("the variance", "z", () -> {
            throw new IllegalStateException();
        }));
        assertContains(assertThrows(CheckFailure.class, () -> Probe.scalar("loss", "z", "ln 2", 0.69, 0.5, 1e-9,
                Map.of())).getMessage(), "Testing the variance: loss is wrong");
        Probe.forget();
        assertTrue(assertThrows(CheckFailure.class, () -> Probe.scalar("loss", "z", "ln 2", 0.69, 0.5, 1e-9,
                Map.of())).getMessage().startsWith("loss is wrong"));
    }

    @Test
    void anExceptionInAProbeIsAFailureWithItsInputButTheCoursesOwnPassThrough() {
        String m = assertThrows(CheckFailure.class, () -> Probe.run("the mean", "z = {{1}}", () -> {
            throw new ArrayIndexOutOfBoundsException("Index 1 out of bounds for length 1");
        })).getMessage();
        assertContains(m, "ArrayIndexOutOfBoundsException", "the mean", "z = {{1}}");
        assertThrows(NotImplementedYet.class, () -> Probe.run("the mean", "z", () -> {
            throw new NotImplementedYet("Exercise 1");
        }));
    }

    @Test
    void theHazardsEachHaveTheirOwnMessage() {
        double[][] z = {{1, 2}, {3, 4}};
        assertContains(assertThrows(CheckFailure.class, () -> Probe.noSharedRows("out", new double[][] {z[1], {0, 0}},
                "z", z)).getMessage(), "out[0] is the very array z[1]");
        double[] row = {1, 2};
        assertContains(assertThrows(CheckFailure.class, () -> Probe.distinctRows("out", new double[][] {row, row}))
                .getMessage(), "one and the same array");
        assertContains(assertThrows(CheckFailure.class, () -> Probe.sameOnRepeat("f(z)", "z", 1.0, 2.0))
                .getMessage(), "keeps state between calls");
        assertContains(assertThrows(CheckFailure.class, () -> Probe.unchanged("z", z, new double[][] {{1, 2},
                {3, 5}}, "do not modify z")).getMessage(), "do not modify z.", "z[1][1] was 4 and is now 5");
        double[] x = {1};
        assertContains(assertThrows(CheckFailure.class, () -> Probe.notTheInput("result", x, "x", x)).getMessage(),
                "is the input array x itself");
    }

    @Test
    void shrinkFindsTheSmallestFailingMatrix() {
        // "wrong" whenever some entry is at least 3: the smallest failing matrix is one entry, rounded down to 3.
        double[][] start = {{0.5, 7.25, 1}, {2, 0.1, 9.5}};
        double[][] small = Probe.shrink(start, z -> Probe.smallerMatrices(z, 1, 1),
                z -> java.util.Arrays.stream(z).flatMapToDouble(java.util.Arrays::stream).anyMatch(v -> v >= 3), 1000);
        assertEquals(1, small.length);
        assertEquals(1, small[0].length);
        assertTrue(small[0][0] >= 3 && small[0][0] == Math.rint(small[0][0]) && small[0][0] <= 9.5,
                java.util.Arrays.deepToString(small));
        assertArrayEquals(new double[] {1, 3}, Probe.without(new double[] {1, 2, 3}, 1));
    }
}
