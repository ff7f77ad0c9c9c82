package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.anyLabels;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.anyText;
import static deepnets.Hostile.anyVector;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

import deepnets.Hostile.Outcome;
import deepnets.charts.Charts;
import deepnets.charts.ConfusionMatrix;
import deepnets.charts.Histograms;
import deepnets.charts.Images;
import deepnets.charts.Points;
import deepnets.charts.Range;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/** Hostile calls into deepnets.charts: every picture is drawn (so XChart's own layout runs) or refused. */
class ChartsProperties {

    /** The first picture of a JVM loads fonts and Java2D (0.5-0.8 s); the one-second limit is for the call. */
    @BeforeContainer
    static void warmUp() {
        Images.toImage(Charts.lines("t", "x", "y", new double[] {1, 2}, Map.of("y", new double[] {1, 2}), false));
        Images.landscape("t", "x", "y", (a, b) -> a, Range.of(0, 1), Range.of(0, 1));
        Images.digits("t", new double[1][64], new String[] {"c"}, 1);
        ConfusionMatrix.draw("t", new int[][] {{1}});
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
    Arbitrary<String> texts() {
        return anyText();
    }

    @Provide
    Arbitrary<double[][]> points() {
        return anyMatrix(2);
    }

    @Provide
    Arbitrary<double[][]> pixels() {
        return anyMatrix(64);
    }

    @Provide
    Arbitrary<int[]> labels() {
        return anyLabels();
    }

    private static BufferedImage draw(Chart<?, ?> chart) {
        return Images.toImage(chart);
    }

    @Property(seed = "17", tries = 25)
    void rangeIsAnIntervalOrRefused(@ForAll("doubles") double lo, @ForAll("doubles") double hi) {
        Outcome<Range> r = call("Range.of", () -> Range.of(lo, hi));
        if (r.returned()) {
            assertTrue(lo < hi && Double.isFinite(hi - lo), "Range.of accepted [" + lo + ", " + hi + "]");
            Outcome<BufferedImage> im = call("Images.landscape", () -> Images.landscape("t", "x", "y",
                    (a, b) -> a, r.value(), r.value()));
            assertTrue(im.returned(), () -> "a valid range could not be drawn: " + im.refusal());
        }
    }

    @Property(seed = "17", tries = 25)
    void histogramOfAnyValues(@ForAll("texts") String title, @ForAll("vectors") double[] values,
            @ForAll("ints") int bins, @ForAll boolean log) {
        Outcome<XYChart> c = call("Histograms.histogram", () -> Histograms.histogram(title, "x", values, bins, log));
        if (c.returned()) {
            call("Images.toImage", () -> draw(c.value()));
        }
    }

    @Property(seed = "17", tries = 25)
    void histogramsWithHostileNames(@ForAll("vectors") double[] a, @ForAll("vectors") double[] b,
            @ForAll("ints") int bins) {
        Map<String, double[]> groups = new HashMap<>();
        groups.put(null, a);
        groups.put("b", b);
        call("Histograms.histogram", () -> draw(Histograms.histograms("t", "x", groups, bins, false)));
        call("Histograms.perDecade", () -> draw(Histograms.perDecade("t", "x", groups)));
    }

    @Property(seed = "17", tries = 25)
    void perDecadeOfAnyValues(@ForAll("vectors") double[] values) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("v", values);
        call("Histograms.perDecade", () -> draw(Histograms.perDecade("t", "x", one)));
    }

    @Property(seed = "17", tries = 25)
    void learningCurvesOfAnyValues(@ForAll("vectors") double[] a, @ForAll("vectors") double[] b,
            @ForAll("ints") int marker, @ForAll("texts") String label) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train", a);
        series.put("val", b);
        Map<Integer, String> markers = new HashMap<>();
        markers.put(marker, label);
        call("Charts.learningCurves", () -> draw(Charts.learningCurves("t", "loss", series, markers)));
        Map<Integer, String> nullKey = new HashMap<>();
        nullKey.put(null, "lr");
        call("Charts.learningCurves", () -> draw(Charts.learningCurves("t", "loss", series, nullKey)));
        call("Charts.learningCurves", () -> draw(Charts.learningCurves("t", "loss", series, null)));
    }

    @Property(seed = "17", tries = 25)
    void linesOfAnyValues(@ForAll("vectors") double[] x, @ForAll("vectors") double[] y, @ForAll boolean logX) {
        Map<String, double[]> ys = new HashMap<>();
        ys.put("y", y);
        call("Charts.lines", () -> draw(Charts.lines("t", "x", "y", x, ys, logX)));
        Map<String, double[]> nullName = new HashMap<>();
        nullName.put(null, y);
        call("Charts.lines", () -> draw(Charts.lines("t", "x", "y", x, nullName, logX)));
    }

    @Property(seed = "17", tries = 25)
    void scatterOfAnyGroups(@ForAll("vectors") double[] x, @ForAll("vectors") double[] y, @ForAll boolean logX,
            @ForAll boolean sameName) {
        Outcome<Points> p = call("Points.of", () -> Points.of("a", x, y));
        if (p.returned()) {
            Points q = Points.of(sameName ? "a" : "b", new double[] {1, 2}, new double[] {3, 4});
            call("Charts.scatter", () -> draw(Charts.scatter("t", "x", "y", logX, p.value(), q)));
            call("Charts.scatter", () -> draw(Charts.scatter("t", "x", "y", logX, p.value(), null)));
        }
    }

    @Property(seed = "17", tries = 25)
    void decisionRegionsOfAnyPoints(@ForAll("points") double[][] x, @ForAll("labels") int[] labels,
            @ForAll("ints") int resolution, @ForAll("classifiers") Function<double[][], int[]> classifier) {
        Outcome<BufferedImage> im = call("Images.decisionRegions",
                () -> Images.decisionRegions("t", "x1", "x2", classifier, x, labels, resolution));
        if (im.returned()) {
            assertEquals(640, im.value().getWidth());
        }
    }

    @Provide
    Arbitrary<Function<double[][], int[]>> classifiers() {
        Function<double[][], int[]> byHalfPlane = m -> Arrays.stream(m).mapToInt(p -> p[0] > 0 ? 1 : 0).toArray();
        Function<double[][], int[]> wrongLength = m -> new int[1];
        Function<double[][], int[]> outOfRange = m -> Arrays.stream(m).mapToInt(p -> 99).toArray();
        Function<double[][], int[]> returnsNull = m -> null;
        return Arbitraries.of(Arrays.asList(byHalfPlane, wrongLength, outOfRange, returnsNull, null));
    }

    @Property(seed = "17", tries = 20)
    void landscapeOfAnyObjective(@ForAll("doubles") double lo, @ForAll("doubles") double hi,
            @ForAll("objectives") DoubleBinaryOperator f, @ForAll boolean nullGroup) {
        Range r = lo < hi && Double.isFinite(hi - lo) ? Range.of(lo, hi) : Range.of(0, 1);
        Points p = Points.of("trials", new double[] {r.lo(), r.hi()}, new double[] {r.lo(), r.hi()});
        call("Images.landscape", () -> Images.landscape("t", "x", "y", f, r, r, nullGroup ? null : p));
        call("Images.landscape", () -> Images.landscape("t", "x", "y", f, null, r, p));
        call("Images.landscape", () -> Images.landscape("t", "x", "y", f, r, r, p, null));
    }

    @Provide
    Arbitrary<DoubleBinaryOperator> objectives() {
        DoubleBinaryOperator sum = (a, b) -> a + b;
        DoubleBinaryOperator huge = (a, b) -> a * 1e307 - b * 1e307;
        DoubleBinaryOperator nan = (a, b) -> Double.NaN;
        DoubleBinaryOperator constant = (a, b) -> 3;
        return Arbitraries.of(Arrays.asList(sum, huge, nan, constant, null));
    }

    @Property(seed = "17", tries = 20)
    void digitsOfAnyPixels(@ForAll("pixels") double[][] images, @ForAll("ints") int columns,
            @ForAll boolean nullCaption) {
        String[] captions = images == null ? null : new String[images.length];
        if (captions != null) {
            Arrays.fill(captions, "c");
            if (nullCaption && captions.length > 0) {
                captions[0] = null;
            }
        }
        call("Images.digits", () -> Images.digits("t", images, captions, columns));
    }

    @Property(seed = "17", tries = 25)
    void confusionCountsMatchAHandCount(@ForAll("labels") int[] truth, @ForAll("labels") int[] pred,
            @ForAll("ints") int k) {
        Outcome<int[][]> c = call("ConfusionMatrix.count", () -> ConfusionMatrix.count(truth, pred, k));
        if (c.returned()) {
            for (int t = 0; t < k; t++) {
                for (int p = 0; p < k; p++) {
                    int n = 0;
                    for (int i = 0; i < truth.length; i++) {
                        n += truth[i] == t && pred[i] == p ? 1 : 0;
                    }
                    assertEquals(n, c.value()[t][p]);
                }
            }
            call("ConfusionMatrix.draw", () -> ConfusionMatrix.draw("t", c.value()));
        }
    }

    @Property(seed = "17", tries = 25)
    void confusionDrawOfAnyCounts(@ForAll("ints") int k, @ForAll("ints") int entry) {
        int side = Math.max(0, Math.min(k, 300));
        int[][] counts = new int[side][side];
        if (side > 0) {
            counts[0][0] = entry;
        }
        call("ConfusionMatrix.draw", () -> ConfusionMatrix.draw("t", counts));
        call("ConfusionMatrix.draw", () -> ConfusionMatrix.draw("t", new int[][] {{1, 2}, null}));
    }

    @Property(seed = "17", tries = 20)
    void gridOfAnyImages(@ForAll("ints") int columns, @ForAll("sizes") List<Tuple.Tuple2<Integer, Integer>> sizes,
            @ForAll boolean withNull) {
        BufferedImage[] images = sizes.stream().map(s -> new BufferedImage(s.get1(), s.get2(), BufferedImage.TYPE_INT_RGB))
                .toArray(BufferedImage[]::new);
        if (withNull && images.length > 0) {
            images[images.length - 1] = null;
        }
        call("Images.grid", () -> Images.grid(columns, images));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Integer>>> sizes() {
        Arbitrary<Integer> side = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(1, 50)),
                Tuple.of(1, Arbitraries.of(40_000)));
        // one side may be long, never both: the test itself must not allocate gigabytes
        Arbitrary<Tuple.Tuple2<Integer, Integer>> size = Arbitraries.integers().between(1, 50)
                .flatMap(small -> side.flatMap(any -> Arbitraries.of(Tuple.of(small, any), Tuple.of(any, small))));
        return size.list().ofMaxSize(4);
    }

    @Example
    void squareImagesOfThirtyThousandPixelsAreRefusedNotAllocated() {
        BufferedImage wide = new BufferedImage(30_000, 1, BufferedImage.TYPE_INT_RGB);
        BufferedImage tall = new BufferedImage(1, 30_000, BufferedImage.TYPE_INT_RGB);
        Outcome<BufferedImage> out = call("Images.grid", () -> Images.grid(2, wide, tall));
        assertFalse(out.returned());
    }

    @Example
    void ticksOverARangeNarrowerThanItsValuesPrecisionDoNotHang() {
        Range r = Range.of(1e16, 1e16 + 8);
        Outcome<BufferedImage> out = call("Images.landscape", () -> Images.landscape("t", "x", "y", (a, b) -> 0, r, r));
        assertTrue(out.returned());
    }

    @Example
    void chartsWithHugeOrTinyRangesDrawOrAreRefused() {
        Map<String, double[]> huge = Map.of("y", new double[] {-1e308, 1e308});
        call("Charts.lines", () -> draw(Charts.lines("t", "x", "y", new double[] {0, 1}, huge, false)));
        Map<String, double[]> narrow = Map.of("y", new double[] {1e16, 1e16 + 2, 1e16 + 4});
        call("Charts.lines", () -> draw(Charts.lines("t", "x", "y", new double[] {0, 1, 2}, narrow, false)));
        call("Charts.learningCurves", () -> draw(Charts.learningCurves("t", "loss", Map.of("y", new double[] {Double.MAX_VALUE, -Double.MAX_VALUE}))));
        call("Histograms.histogram", () -> draw(Histograms.histogram("t", "x", new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, 10, false)));
        call("Histograms.histogram", () -> draw(Histograms.histogram("t", "x", new double[] {Double.MAX_VALUE}, 3, false)));
        call("Histograms.histogram", () -> draw(Histograms.histogram("t", "x", new double[] {Double.MIN_VALUE, Double.MAX_VALUE}, 3, true)));
    }

    @Example
    void nullChartsAreRefused() {
        call("Images.toImage", () -> Images.toImage(null));
        call("Images.sideBySide", () -> Images.sideBySide(Charts.lines("t", "x", "y", new double[] {1}, Map.of("y", new double[] {1}), false), null));
    }
}
