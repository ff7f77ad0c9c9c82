package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.anyVector;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.Hostile.Outcome;
import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.gradcheck.GradientCheck;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile calls into deepnets.gradcheck and deepnets.check. Failing properties are disabled with the reason. */
class GradcheckAndCheckProperties {

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    @Provide
    Arbitrary<double[]> vectors() {
        return anyVector();
    }

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(3);
    }

    @Property(seed = "17")
    void numericGradientOfASumOfSquaresIsTwiceX(@ForAll("vectors") double[] x, @ForAll("doubles") double h) {
        double[] original = x == null ? null : x.clone();
        Outcome<double[]> g = call("GradientCheck.numericGradient", () -> GradientCheck.numericGradient(v -> {
            double s = 0;
            for (double e : v) {
                s += e * e;
            }
            return s;
        }, x, h));
        if (g.returned()) {
            assertArrayEquals(original, x, "x was not restored");
            if (h > 0 && h <= 1e-3) {
                for (int i = 0; i < x.length; i++) {
                    if (Math.abs(x[i]) < 1e6) {
                        assertEquals(2 * x[i], g.value()[i], 1e-4 * (1 + Math.abs(x[i])));
                    }
                }
            }
        }
    }

    @Example
    void xIsRestoredWhenTheFunctionThrows() {
        double[][] x = {{1, 2}, {3, 4}};
        int[] calls = {0};
        assertThrows(RuntimeException.class, () -> GradientCheck.numericGradient((double[][] v) -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("student's function failed");
            }
            return v[0][0];
        }, x, 1e-5));
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, x);
    }

    @Example
    void xIsRestoredWhenTheFunctionReturnsAWrongShape() {
        double[][] x = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class, () -> GradientCheck.numericGradient(v -> new double[1][1], x,
                new double[][] {{1, 1}, {1, 1}}));
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, x);
    }

    @Property(seed = "17")
    void relativeErrorIsZeroForEqualArraysAndNeverNegative(@ForAll("matrices") double[][] a, @ForAll("matrices") double[][] b) {
        Outcome<Double> e = call("GradientCheck.relativeError", () -> GradientCheck.relativeError(a, b));
        if (e.returned()) {
            assertTrue(Double.isNaN(e.value()) || e.value() >= 0);
        }
        Outcome<Double> same = call("GradientCheck.relativeError", () -> GradientCheck.relativeError(a, a));
        if (same.returned() && a != null) {
            boolean finite = java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).allMatch(Double::isFinite);
            if (finite) {
                assertEquals(0.0, same.value());
            }
        }
    }

    @Property(seed = "17")
    void checkCloseNeverPassesANaN(@ForAll("doubles") double expected, @ForAll("doubles") double tol) {
        if (Double.isNaN(expected)) {
            return;
        }
        try {
            Check.close("value", expected, Double.NaN, tol, null);
            throw new AssertionError("Check.close passed NaN against " + expected + " with tol " + tol);
        } catch (CheckFailure expectedFailure) {
            // the mismatch is reported
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().contains("Check"), refused.getMessage());
        }
    }

    @Property(seed = "17")
    void checkAllCloseAcceptsEqualArraysAndRefusesNulls(@ForAll("vectors") double[] v) {
        Outcome<Void> same = call("Check.allClose", () -> {
            try {
                Check.allClose("v", v, v == null ? null : v.clone(), 1e-9, null);
            } catch (CheckFailure f) {
                boolean allFinite = v != null && java.util.Arrays.stream(v).allMatch(Double::isFinite);
                if (allFinite && v.length > 0) {
                    throw new AssertionError("equal finite arrays failed Check.allClose: " + f.getMessage());
                }
            }
            return null;
        });
        assertTrue(same != null);
    }
}
