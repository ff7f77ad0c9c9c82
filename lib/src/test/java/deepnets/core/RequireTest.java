package deepnets.core;

import org.junit.jupiter.api.Test;

import static deepnets.core.Require.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequireTest {

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void aMatrixAsTheOnlyInputOfAResultCheckNamesItsEntryNotARow() {
        // The defect of round two: a double[][] passed as the whole varargs array of finiteResult became its list
        // of rows, so a NaN in row 1 crashed with ArrayIndexOutOfBoundsException and one in row 0 was named x[1].
        double[][] x = {{1, 2, 3}, {4, 5, Double.NaN}};
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> Require.finiteResult("Op", new double[] {Double.NaN}, input("x", x)));
        assertEquals("Op: x[1][2] is NaN; every entry must be finite (did an earlier step diverge?).", e.getMessage());
        double[][] first = {{1, Double.NEGATIVE_INFINITY}, {4, 5}};
        assertEquals("Op: x[0][1] is -Infinity; every entry must be finite (did an earlier step diverge?).",
                message(() -> Require.finiteResult("Op", new double[][] {{Double.NaN}}, input("x", first))));
    }

    @Test
    void rangesAcceptTheirBoundsExactlyAsWrittenAndNameTheValueOtherwise() {
        assertEquals(0.0, Require.inHalfOpen("Op", "beta", 0.0, 0.0, 1.0, null), 0.0);
        assertEquals("Op: beta = 1.0; it must be in [0, 1) (the usual value is 0.9).",
                message(() -> Require.inHalfOpen("Op", "beta", 1.0, 0.0, 1.0, "the usual value is 0.9")));
        assertEquals(0.0, Require.atLeast("Op", "eps", 0.0, 0.0, null), 0.0);
        assertEquals("Op: eps = Infinity; it must be finite and >= 0.",
                message(() -> Require.atLeast("Op", "eps", Double.POSITIVE_INFINITY, 0.0, null)));
        assertEquals("Op: h = 0.0; it must be finite and > 0.", message(() -> Require.above("Op", "h", 0.0, 0.0, null)));
        assertEquals("Op: f = NaN; it must be strictly between 0 and 1.",
                message(() -> Require.inOpen("Op", "f", Double.NaN, 0.0, 1.0, null)));
        assertEquals("Op: f = 0.5; it must be strictly between 0.25 and 0.5.",
                message(() -> Require.inOpen("Op", "f", 0.5, 0.25, 0.5, null)));
    }

    @Test
    void countsNullsAndLabels() {
        assertEquals(1, Require.positiveCount("Op", "n", 1, null));
        assertEquals("Op: n = 0; it must be at least 1 (try 64).", message(() -> Require.positiveCount("Op", "n", 0, "try 64")));
        assertEquals("Op: x is null; pass a value.", message(() -> Require.notNull("Op", "x", null)));
        Require.labels("Op", "y", new int[] {0, 2, 1}, 3, 3);
        assertEquals("Op: y[1] = 3 but there are 3 classes; labels must be in [0, 3).",
                message(() -> Require.labels("Op", "y", new int[] {0, 3}, 2, 3)));
        assertEquals("Op: there are 3 rows but y has 2 labels; pass one label per row.",
                message(() -> Require.labels("Op", "y", new int[] {0, 1}, 3, 3)));
    }

    @Test
    void aNonFiniteResultNamesTheFirstBadInputOrTheOverflow() {
        double[][] x = {{1, 2}, {3, Double.NaN}};
        double[][] w = {{1}, {Double.POSITIVE_INFINITY}};
        assertEquals("Op: x[1][1] is NaN; every entry must be finite (did an earlier step diverge?).",
                message(() -> Require.finiteResult("Op", new double[][] {{Double.NaN}}, input("x", x), input("W", w))));
        assertEquals("Op: W[1][0] is Infinity; every entry must be finite (did an earlier step diverge?).",
                message(() -> Require.finiteResult("Op", new double[] {Double.NaN}, input("x", new double[][] {{1, 2}}),
                        input("W", w))));
        assertEquals("Op: the result overflowed to Infinity or NaN although x, W are finite; the values are too large "
                + "(near 1e154 or more), so scale them down (standardize the data, lower the learning rate).",
                message(() -> Require.finiteResult("Op", new double[] {Double.POSITIVE_INFINITY},
                        input("x", new double[][] {{1e200}}), input("W", new double[][] {{1e200}}))));
        assertEquals("Op: the loss overflowed to Infinity or NaN although z is finite; the values are too large "
                + "(near 1e154 or more), so scale them down (standardize the data, lower the learning rate).",
                message(() -> Require.finiteResult("Op", "the loss", Double.POSITIVE_INFINITY,
                        input("z", new double[][] {{1e308, -1e308}}))));
        double[][] fine = {{0.0, -1.5}};
        assertSame(fine, Require.finiteResult("Op", fine, input("x", x), input("W", w)),
                "a finite result is returned without a look at the inputs");
    }

    @Test
    void everyPositionOfEveryKindOfNonFiniteEntryIsFoundAndNamed() {
        // The scan adds v * 0 column by column; each bad value in each place must still be caught, by position.
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : bad) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 5; j++) {
                    double[][] a = {{1, -2, 0, 1e300, -0.0}, {4, 5, 6, 7, 8}, {-1e-320, 0, 3, 2, 1}};
                    a[i][j] = v;
                    assertEquals("Op: a[" + i + "][" + j + "] is " + v + "; every entry must be finite (did an earlier "
                            + "step diverge?).", message(() -> Require.finite("Op", "a", a)));
                    assertEquals("Op: a[" + i + "][" + j + "] is " + v + "; every entry must be finite (did an earlier "
                            + "step diverge?).", message(() -> Require.finiteResult("Op", a, input("a", a))));
                }
            }
        }
        double[][] ragged = {{1, 2, 3}, {4}, {}, {5, 6}};
        assertSame(ragged, Require.finite("Op", "a", ragged), "rows of different lengths, all finite, are accepted");
        assertSame(ragged, Require.finiteResult("Op", ragged, input("a", ragged)));
        double[][] raggedBad = {{1, 2, 3}, {4, Double.NaN}};
        assertEquals("Op: a[1][1] is NaN; every entry must be finite (did an earlier step diverge?).",
                message(() -> Require.finite("Op", "a", raggedBad)));
        assertEquals("Op: a[1] is null; pass a value.", message(() -> Require.finite("Op", "a", new double[][] {{1}, null})));
        double[][] none = {};
        assertSame(none, Require.finite("Op", "a", none));
    }

    @Test
    void intervalsAndRanges() {
        Require.interval("Op", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        Require.interval("Op", 2.0, 2.0);
        assertEquals("Op: [2.0, 1.0] is not an interval; pass lo <= hi.", message(() -> Require.interval("Op", 2.0, 1.0)));
        assertEquals("Op: [NaN, 1.0] is not an interval; pass lo <= hi.", message(() -> Require.interval("Op", Double.NaN, 1.0)));
        Require.finiteRange("Op", 1.0, 2.0);
        assertEquals("Op: lo = 2.0 must be less than hi = 2.0; swap them or widen the range.",
                message(() -> Require.finiteRange("Op", 2.0, 2.0)));
        assertEquals("Op: bounds [0.0, Infinity] must be finite numbers.",
                message(() -> Require.finiteRange("Op", 0.0, Double.POSITIVE_INFINITY)));
    }
}
