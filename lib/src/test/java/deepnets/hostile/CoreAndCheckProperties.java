package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.anyLabels;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.anyText;
import static deepnets.Hostile.anyVector;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.Hostile.Outcome;
import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.check.Diagnosis;
import deepnets.core.Matrices;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.data.Dataset;
import deepnets.data.Split;
import deepnets.data.Synthetic;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile calls into deepnets.core, the rest of deepnets.check, and data.Split (part 2 of issue 17). A
 * {@link CheckFailure} (an AssertionError, the exercises' verdict) counts as a proper answer of a check.
 */
class CoreAndCheckProperties {

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(3);
    }

    @Provide
    Arbitrary<double[]> vectors() {
        return anyVector();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    @Provide
    Arbitrary<Integer> ints() {
        return anyInt();
    }

    @Provide
    Arbitrary<int[]> labels() {
        return anyLabels();
    }

    @Provide
    Arbitrary<String> texts() {
        return anyText();
    }

    /** Runs a check: passing, a CheckFailure (the verdict) or a proper refusal are all answers. */
    private static CheckFailure verdict(String op, Runnable check) {
        Outcome<CheckFailure> o = call(op, () -> {
            try {
                check.run();
                return null;
            } catch (CheckFailure f) {
                assertNotNull(f.getMessage());
                return f;
            }
        });
        return o.returned() ? o.value() : null;
    }

    @Property(seed = "17")
    void columnStatisticsAreMeansAndVariances(@ForAll("matrices") double[][] a) {
        Outcome<double[]> mean = call("Matrices.columnMeans", () -> Matrices.columnMeans(a));
        Outcome<double[]> var = call("Matrices.columnVariances", () -> Matrices.columnVariances(a));
        if (mean.returned() && var.returned()) {
            for (int j = 0; j < a[0].length; j++) {
                double s = 0;
                for (double[] row : a) {
                    s += row[j];
                }
                double m = s / a.length;
                double q = 0;
                for (double[] row : a) {
                    q += (row[j] - m) * (row[j] - m);
                }
                assertEquals(m, mean.value()[j], 1e-12 * (1 + Math.abs(m)));
                assertEquals(q / a.length, var.value()[j], 1e-9 * (1 + q / a.length));
                assertTrue(Double.isFinite(mean.value()[j]) && Double.isFinite(var.value()[j]));
            }
        }
    }

    @Property(seed = "17")
    void argmaxIsTheFirstLargestEntryAndNeverOfANaN(@ForAll("matrices") double[][] a) {
        Outcome<int[]> idx = call("Matrices.argmaxRows", () -> Matrices.argmaxRows(a));
        if (idx.returned()) {
            for (int i = 0; i < a.length; i++) {
                int best = 0;
                for (int j = 0; j < a[i].length; j++) {
                    assertTrue(!Double.isNaN(a[i][j]), "argmax answered for a row with NaN");
                    best = a[i][j] > a[i][best] ? j : best;
                }
                assertEquals(best, idx.value()[i]);
            }
        }
        Outcome<double[][]> c = call("Matrices.copy", () -> Matrices.copy(a));
        if (c.returned()) {
            assertArrayEquals(a, c.value());
        }
    }

    @Property(seed = "17")
    void requireChecksAnswerOrNameTheOperation(@ForAll("doubles") double v, @ForAll("doubles") double lo,
            @ForAll("doubles") double hi, @ForAll("ints") int n, @ForAll("vectors") double[] xs,
            @ForAll("matrices") double[][] a, @ForAll("labels") int[] y) {
        Outcome<Double> above = call("Op", () -> Require.above("Op", "v", v, lo, null));
        assertEquals(above.returned(), v > lo && Double.isFinite(v));
        assertEquals(call("Op", () -> Require.atLeast("Op", "v", v, lo, "hint")).returned(), v >= lo && Double.isFinite(v));
        assertEquals(call("Op", () -> Require.inHalfOpen("Op", "v", v, lo, hi, null)).returned(), v >= lo && v < hi);
        assertEquals(call("Op", () -> Require.inOpen("Op", "v", v, lo, hi, null)).returned(), v > lo && v < hi);
        assertEquals(call("Op", () -> Require.finite("Op", "v", v)).returned(), Double.isFinite(v));
        assertEquals(call("Op", () -> { Require.interval("Op", lo, hi); return null; }).returned(), lo <= hi);
        assertEquals(call("Op", () -> { Require.finiteRange("Op", lo, hi); return null; }).returned(),
                Double.isFinite(lo) && Double.isFinite(hi) && lo < hi);
        assertEquals(call("Op", () -> Require.atLeast("Op", "n", n, 1)).returned(), n >= 1);
        assertEquals(call("Op", () -> Require.positiveCount("Op", "n", n, null)).returned(), n >= 1);
        assertEquals(call("Op", () -> Require.inRange("Op", "n", n, 0, 9)).returned(), n >= 0 && n <= 9);
        assertEquals(call("Op", () -> Require.index("Op", "row", n, 5)).returned(), n >= 0 && n < 5);
        assertEquals(call("Op", () -> Require.size("Op", "n x n", (long) n * n, Require.MAX_ENTRIES)).returned(),
                (long) n * n <= Require.MAX_ENTRIES);
        assertEquals(call("Op", () -> Require.finite("Op", "xs", xs)).returned(),
                xs != null && Arrays.stream(xs).allMatch(Double::isFinite));
        call("Op", () -> Require.finite("Op", "a", a));
        call("Op", () -> { Require.labels("Op", "y", y, 3, 3); return null; });
        call("Op", () -> Require.noNulls("Op", "rows", a));
        call("Op", () -> Shapes.requireMatrix("Op", "a", a));
        call("Op", () -> { Shapes.requireShape("Op", "a", a, 2, 3); return null; });
        call("Op", () -> { Shapes.requireSameShape("Op", "a", a, "b", a); return null; });
        call("Op", () -> { Shapes.requireLength("Op", "xs", xs, 3); return null; });
        assertNotNull(Shapes.of(a));
        assertNotNull(Shapes.of(xs));
    }

    @Property(seed = "17")
    void rangeChecksPassExactlyTheValuesInside(@ForAll("doubles") double v, @ForAll("doubles") double lo,
            @ForAll("doubles") double hi, @ForAll("vectors") double[] xs) {
        CheckFailure f = verdict("Check.inRange", () -> Check.inRange("v", v, lo, hi, null));
        if (lo <= hi) {
            assertEquals(v >= lo && v <= hi, f == null, "Check.inRange(" + v + ", [" + lo + ", " + hi + "])");
        }
        CheckFailure all = verdict("Check.allInRange", () -> Check.allInRange("xs", xs, lo, hi, null));
        if (lo <= hi && xs != null) {
            assertEquals(Arrays.stream(xs).allMatch(x -> x >= lo && x <= hi), all == null);
        }
    }

    @Property(seed = "17")
    void checksWithDiagnosisNeverPassAMismatch(@ForAll("matrices") double[][] e, @ForAll("matrices") double[][] a,
            @ForAll("vectors") double[] ev, @ForAll("vectors") double[] av, @ForAll("doubles") double tol) {
        verdict("Check.allCloseWithDiagnosis", () -> Check.allCloseWithDiagnosis("a", e, a, tol, null));
        verdict("Check.allCloseWithDiagnosis", () -> Check.allCloseWithDiagnosis("a", e, a, tol, java.util.Collections.singletonMap("you swap them", a)));
        verdict("Check.allCloseWithDiagnosis", () -> Check.allCloseWithDiagnosis("a", ev, av, tol, Map.of()));
        verdict("Check.closeWithDiagnosis", () -> Check.closeWithDiagnosis("a", 1.0, Double.NaN, tol, null));
        CheckFailure nan = verdict("Check.closeWithDiagnosis",
                () -> Check.closeWithDiagnosis("a", 1.0, Double.NaN, 0.1, Map.of("you return NaN", Double.NaN)));
        assertNotNull(nan, "NaN passed as close to 1");
        verdict("Check.gradient", () -> Check.gradient("g", e, a, tol));
        verdict("Check.gradient", () -> Check.gradient("g", ev, av, tol));
        call("Diagnosis.explain", () -> Diagnosis.explain(e, a));
        call("Diagnosis.explain", () -> Diagnosis.explain(ev, av));
        call("Diagnosis.explain", () -> Diagnosis.explain(1.0, tol, e));
        call("Diagnosis.modifiedInput", () -> Diagnosis.modifiedInput("x", e, a));
        call("Diagnosis.modifiedInput", () -> Diagnosis.modifiedInput("x", ev, av));
    }

    @Property(seed = "17")
    void equalLabelsPassAndOthersFail(@ForAll("labels") int[] e, @ForAll("labels") int[] a, @ForAll("texts") String what) {
        CheckFailure f = verdict("Check.allEqual", () -> Check.allEqual(what, e, a, null));
        if (e != null && a != null) {
            assertEquals(Arrays.equals(e, a), f == null);
        }
        verdict("Check.isTrue", () -> Check.isTrue(what, e != null, null));
        verdict("Check.throwsWith", () -> Check.throwsWith(what, () -> Matrices.argmaxRows(null), what, null));
        verdict("Check.throwsWith", () -> Check.throwsWith(what, null, "x", null));
    }

    @Property(seed = "17", tries = 50)
    void splitsArePartitions(@ForAll("doubles") double train, @ForAll("doubles") double validation,
            @ForAll("ints") int n) {
        Outcome<Dataset> d = call("Synthetic.blobs", () -> Synthetic.blobs(Math.max(1, Math.min(n, 60)), 3, 0.2, 1));
        if (!d.returned()) {
            return;
        }
        Outcome<Split> s = call("Split.of", () -> Split.of(d.value(), train, validation, 7));
        if (s.returned()) {
            Split split = s.value();
            assertEquals(d.value().size(), split.train().size() + split.validation().size() + split.test().size());
            assertEquals(Math.round(d.value().size() * train), split.train().size());
        }
        call("Split.of", () -> Split.of(null, 0.6, 0.2, 7));
        call("Split", () -> new Split(null, null, null));
    }

    @Example
    void standardizerRefusesANullDataset() {
        deepnets.data.Standardizer s = deepnets.data.Standardizer.fit(new double[][] {{1, 2}, {3, 5}});
        call("Standardizer.transform", () -> s.transform((Dataset) null));
    }
}
