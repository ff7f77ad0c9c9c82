package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.anyLabels;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import deepnets.Hostile.Outcome;
import deepnets.data.Dataset;
import deepnets.data.Digits;
import deepnets.data.OneHot;
import deepnets.data.Synthetic;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Hostile calls into deepnets.data: Digits, OneHot, Synthetic, Dataset. */
class DataProperties {

    @Provide
    Arbitrary<Integer> ints() {
        return anyInt();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    @Provide
    Arbitrary<int[]> labels() {
        return anyLabels();
    }

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(3);
    }

    @Property(seed = "17")
    void oneHotHasOneOneInTheLabelsColumn(@ForAll("labels") int[] labels, @ForAll("ints") int classes) {
        Outcome<double[][]> y = call("OneHot.encode", () -> OneHot.encode(labels, classes));
        if (y.returned()) {
            for (int i = 0; i < labels.length; i++) {
                for (int k = 0; k < classes; k++) {
                    assertEquals(k == labels[i] ? 1.0 : 0.0, y.value()[i][k]);
                }
            }
        }
    }

    @Property(seed = "17")
    void decodeIsTheColumnOfTheLargestEntryOrARefusal(@ForAll("matrices") double[][] y) {
        Outcome<int[]> k = call("OneHot.decode", () -> OneHot.decode(y));
        if (k.returned()) {
            for (int i = 0; i < y.length; i++) {
                for (double v : y[i]) {
                    assertFalse(Double.isNaN(v), "OneHot.decode gave a class for a row with NaN");
                    assertTrue(v <= y[i][k.value()[i]]);
                }
            }
        }
    }

    @Property(seed = "17")
    void syntheticSetsAreFiniteAndOfTheRightSizeOrRefused(@ForAll("ints") int n, @ForAll("ints") int classes,
            @ForAll("doubles") double spread, @ForAll boolean spirals) {
        String op = spirals ? "Synthetic.spirals" : "Synthetic.blobs";
        Outcome<Dataset> d = call(op, () -> spirals ? Synthetic.spirals(n, classes, spread, 3)
                : Synthetic.blobs(n, classes, spread, 3));
        if (d.returned()) {
            assertEquals((long) n * classes, d.value().size());
            for (double[] row : d.value().x()) {
                assertFinite(op, row);
            }
        }
    }

    @Property(seed = "17")
    void datasetChecksItsParts(@ForAll("matrices") double[][] x, @ForAll("labels") int[] labels,
            @ForAll("ints") int classes, @ForAll("labels") int[] indices) {
        Outcome<Dataset> d = call("Dataset", () -> new Dataset(x, labels, classes));
        if (d.returned()) {
            Dataset ds = d.value();
            Outcome<int[]> counts = call("Dataset.classCounts", ds::classCounts);
            if (counts.returned()) {
                assertEquals(ds.size(), java.util.Arrays.stream(counts.value()).sum());
            }
            call("Dataset.oneHot", ds::oneHot);
            call("Dataset.subset", () -> ds.subset(indices));
            call("Dataset.concat", () -> ds.concat(null));
            call("Dataset.concat", () -> ds.concat(ds));
            call("Dataset.withX", () -> ds.withX(null));
            call("Dataset.withX", () -> ds.withX(new double[][] {{Double.NaN}}));
        }
    }

    @Example
    void digitsImageAndLoadRefuseNonsense() {
        call("Digits.image", () -> Digits.image(null));
        call("Digits.image", () -> Digits.image(new double[63]));
        assertFalse(call("Digits.load", () -> Digits.load(null)).returned());
        assertFalse(call("Digits.table", () -> Digits.table(null)).returned());
        assertFalse(call("Digits.verify", () -> {
            Digits.verify(null);
            return null;
        }).returned());
        assertFalse(call("Digits.load", () -> Digits.load(Path.of("/"))).returned());
    }
}
