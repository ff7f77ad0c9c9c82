package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxisTickCalculator;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;
import org.knowm.xchart.internal.series.Series;

/**
 * Issue 32, item 6: every kind of chart the library builds, drawn as a notebook shows it
 * ({@link Images#toImage}), has tick labels that do not run together, and a chart with several series
 * has a legend that fits in the picture and series that differ in colour, dash or marker.
 *
 * <p>The labels are the ones XChart computed for the drawing (read from its axes after painting), measured
 * with the font and the font render context that XChart itself lays tick labels out with.
 */
class LegibilityTest {

    /** Pixels of white space at least between two neighbouring tick labels: half the tick font's size. */
    private static final double MIN_GAP = Style.TICK_FONT.getSize() / 2.0;

    private static double[] range(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
        return v;
    }

    private static double[] decay(double start, double rate, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = start * Math.pow(rate, i);
        }
        return v;
    }

    private static Map<String, double[]> curves(int count, int length) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < count; k++) {
            double[] v = new double[length];
            for (int i = 0; i < length; i++) {
                v[i] = 0.1 + 0.8 * (1 - Math.exp(-(i + 1) * (0.2 + 0.05 * k)));
            }
            m.put("t" + k, v);
        }
        return m;
    }

    /** The chart kinds of the package, with the data shapes the notebooks give them. */
    static Map<String, Chart<?, ?>> charts() {
        Map<String, Chart<?, ?>> c = new LinkedHashMap<>();
        c.put("learning curves, 6 epochs, 2 series", Charts.learningCurves("t", "loss", curves(2, 6)));
        c.put("learning curves, 300 epochs", Charts.learningCurves("t", "loss", curves(3, 300)));
        c.put("learning curves, 10 trials (notebook 03's caviar)", Charts.learningCurves("t", "validation accuracy", curves(10, 6)));
        c.put("learning curves, 40 trials", Charts.learningCurves("t", "validation accuracy", curves(40, 20)));
        XYChart logLoss = Charts.learningCurves("t", "loss (log scale)", Map.of("loss", decay(2.3, 0.7, 20)));
        logLoss.getStyler().setYAxisLogarithmic(true);
        c.put("learning curve, log y set by the notebook", logLoss);

        // Notebook 04's c004: 61 eigenvalues over k = 1..61, and J - J* over steps 0..300, both on log y.
        XYChart spectrum = Charts.lines("t", "k (largest first)", "lambda_k (log scale)", range(1, 61, 61),
                Map.of("raw pixels", decay(2600, 0.75, 61), "standardized", decay(8, 0.92, 61)), false);
        spectrum.getStyler().setYAxisLogarithmic(true);
        c.put("lines over k = 1..61, log y (notebook 04)", spectrum);
        XYChart descent = Charts.lines("t", "step", "J - J* (log scale)", range(0, 300, 301),
                Map.of("raw pixels", decay(0.03, 0.99, 301), "standardized", decay(0.03, 0.95, 301)), false);
        descent.getStyler().setYAxisLogarithmic(true);
        c.put("lines over steps 0..300, log y (notebook 04)", descent);
        // Notebook 05's timing chart: batch sizes 256, 1024, 4096 on a log x axis.
        c.put("lines over 256..4096, log x (notebook 05)", Charts.lines("t", "batch size m (log scale)", "milliseconds",
                new double[] {256, 1024, 4096}, Map.of("through the graph", new double[] {1.2, 4.1, 17}, "simplified formula",
                        new double[] {0.4, 1.5, 6.2}), true));
        c.put("lines over 1e-4..1, log x", Charts.lines("t", "learning rate", "accuracy", decay(1e-4, 10, 5),
                Map.of("a", new double[] {0.2, 0.5, 0.9, 0.7, 0.1}), true));
        c.put("lines over 1e-12..1e12, log x", Charts.lines("t", "x", "y", decay(1e-12, 10, 25),
                Map.of("a", range(0, 1, 25)), true));
        c.put("lines over 0..0.0007", Charts.lines("t", "x", "y", range(0, 0.0007, 8), Map.of("a", range(0, 1, 8)), false));
        c.put("lines over 0..1e6, uneven", Charts.lines("t", "x", "y", new double[] {0, 3, 1000, 123456, 1e6},
                Map.of("a", range(-1e6, 1e6, 5)), false));
        c.put("scatter, log x, 2 groups", Charts.scatter("t", "learning rate", "accuracy", true,
                Points.of("coarse", decay(1e-3, 2, 10), range(0.1, 0.9, 10)),
                Points.of("fine", decay(1e-2, 1.3, 10), range(0.5, 0.95, 10))));
        c.put("histogram, linear bins", Histograms.histogram("t", "x", range(0, 26, 256), 40, false));
        c.put("histogram, log bins", Histograms.histogram("t", "x", decay(1e-4, 1.05, 200), 30, true));
        c.put("histograms, 3 groups", Histograms.histograms("t", "x", Map.of("a", range(0, 6, 50), "b", range(0, 3, 50),
                "c", range(1, 2, 50)), 40, false));
        c.put("counts per decade", Histograms.perDecade("t", "x", Map.of("uniform", decay(1e-6, 1.3, 60),
                "log", decay(1e-6, 1.1, 150))));
        XYChart[] shared = Histograms.sharedBins("a[2]", Map.of("without", Map.of("after 0 epochs", range(0, 26, 256),
                "after 5 epochs", range(0, 20, 256)), "with", Map.of("after 0 epochs", range(0, 6, 256))), 40, false);
        c.put("histograms on shared bins, left", shared[0]);
        c.put("histograms on shared bins, right", shared[1]);
        return c;
    }

    private static Object call(Object target, String method) {
        try {
            Class<?> k = target.getClass();
            while (k != null) {
                for (Method m : k.getDeclaredMethods()) {
                    if (m.getName().equals(method) && m.getParameterCount() == 0) {
                        m.setAccessible(true);
                        return m.invoke(target);
                    }
                }
                k = k.getSuperclass();
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("XChart has no " + method + " on " + target.getClass());
    }

    /** Labels that XChart draws, with their centres (pixels along the axis). */
    private record Tick(String label, double at) {
    }

    private static List<Tick> ticks(Chart<?, ?> chart, String axisGetter) {
        Object axis = call(call(chart, "getAxisPair"), axisGetter);
        AxisTickCalculator calc = (AxisTickCalculator) call(axis, "getAxisTickCalculator");
        List<Tick> t = new ArrayList<>();
        for (int i = 0; i < calc.getTickLabels().size(); i++) {
            String label = calc.getTickLabels().get(i);
            if (label != null && !label.isBlank()) {
                t.add(new Tick(label, calc.getTickLocations().get(i)));
            }
        }
        t.sort((a, b) -> Double.compare(a.at(), b.at()));
        return t;
    }

    private static Rectangle2D box(String label, Font font) {
        // XChart lays tick labels out with TextLayout outlines in this render context (AxisTickCalculator_).
        return new TextLayout(label, font, new FontRenderContext(null, true, false)).getOutline(null).getBounds2D();
    }

    /** Failures of one chart: neighbouring labels closer than MIN_GAP; an axis with fewer than 2 labels. */
    private static List<String> tickProblems(String name, Chart<?, ?> chart) {
        List<String> problems = new ArrayList<>();
        Font font = ((org.knowm.xchart.style.AxesChartStyler) chart.getStyler()).getAxisTickLabelsFont();
        for (String axis : new String[] {"getXAxis", "getYAxis"}) {
            List<Tick> t = ticks(chart, axis);
            boolean x = axis.equals("getXAxis");
            if (t.size() < 2) {
                problems.add(name + ": the " + (x ? "x" : "y") + " axis has " + t.size() + " label(s) " + t);
            }
            for (int i = 1; i < t.size(); i++) {
                Rectangle2D a = box(t.get(i - 1).label(), font);
                Rectangle2D b = box(t.get(i).label(), font);
                double extent = x ? (a.getWidth() + b.getWidth()) / 2 : (a.getHeight() + b.getHeight()) / 2;
                double gap = t.get(i).at() - t.get(i - 1).at() - extent;
                if (gap < MIN_GAP) {
                    problems.add(String.format("%s: %s labels \"%s\" and \"%s\" are %.1f px apart (want %.1f)", name,
                            x ? "x" : "y", t.get(i - 1).label(), t.get(i).label(), gap, MIN_GAP));
                }
            }
        }
        return problems;
    }

    @Test
    void tickLabelsOfEveryChartKindDoNotRunTogether() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Chart<?, ?>> e : charts().entrySet()) {
            Images.toImage(e.getValue());
            problems.addAll(tickProblems(e.getKey(), e.getValue()));
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    @Test
    void chartsSideBySideInNotebook04HaveReadableTicks() {
        Map<String, Chart<?, ?>> all = charts();
        Chart<?, ?> left = all.get("lines over k = 1..61, log y (notebook 04)");
        Chart<?, ?> right = all.get("lines over steps 0..300, log y (notebook 04)");
        Images.sideBySide(left, right);
        List<String> problems = new ArrayList<>(tickProblems("left", left));
        problems.addAll(tickProblems("right", right));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void drawingLeavesTheChartsSettingsAsTheyWere() {
        XYChart chart = Charts.lines("t", "x", "y", range(1, 61, 61), Map.of("a", decay(1, 0.9, 61)), false);
        chart.getStyler().setYAxisLogarithmic(true);
        Images.toImage(chart);
        assertEquals(null, chart.getStyler().getXAxisMin());
        assertEquals(null, chart.getStyler().getXAxisDecimalPattern());
        assertEquals(null, chart.getStyler().getYAxisTickLabelsFormattingFunction());
        assertTrue(chart.getStyler().isYAxisLogarithmicDecadeOnly());
    }

    @Test
    void everyChartWithSeveralSeriesHasAFittingLegendAndSeriesThatLookDifferent() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Chart<?, ?>> e : charts().entrySet()) {
            Chart<?, ?> chart = e.getValue();
            Images.toImage(chart);
            if (chart.getSeriesCollection().size() < 2) {
                continue;
            }
            if (!chart.getStyler().isLegendVisible()) {
                problems.add(e.getKey() + ": " + chart.getSeriesCollection().size() + " series and no legend");
                continue;
            }
            for (Series s : chart.getSeriesCollection()) {
                if (!s.isShowInLegend()) {
                    problems.add(e.getKey() + ": series \"" + s.getName() + "\" is left out of the legend");
                }
            }
            Rectangle2D legend = ((ChartPart) call(chart, "getLegend")).getBounds();
            if (legend.getMinX() < 0 || legend.getMinY() < 0 || legend.getMaxX() > chart.getWidth()
                    || legend.getMaxY() > chart.getHeight()) {
                problems.add(String.format("%s: the legend (%.0f..%.0f x %.0f..%.0f) does not fit in the %d x %d chart",
                        e.getKey(), legend.getMinX(), legend.getMaxX(), legend.getMinY(), legend.getMaxY(), chart.getWidth(),
                        chart.getHeight()));
            }
            if (chart instanceof XYChart xy) {
                Set<String> looks = new HashSet<>();
                for (XYSeries s : xy.getSeriesCollection()) {
                    String look = s.getLineColor() + "/" + (s.getLineStyle() == null ? "-" : Arrays.toString(
                            s.getLineStyle().getDashArray())) + "/" + (s.getMarker() == null ? "-" : s.getMarker().getClass().getSimpleName());
                    if (!looks.add(look)) {
                        problems.add(e.getKey() + ": series \"" + s.getName() + "\" looks like an earlier one (" + look + ")");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    /** Notebook 04's c020: two histograms side by side, compared bar for bar. */
    @Test
    void histogramsSideBySideShareTheirBinsAndCountAxis() {
        Map<String, Map<String, double[]>> charts = new LinkedHashMap<>();
        charts.put("without", Map.of("a", range(0, 26, 200)));
        charts.put("with", Map.of("b", range(0, 6, 100), "c", range(1, 2, 50)));
        XYChart[] out = Histograms.sharedBins("x", charts, 40, false);
        assertEquals(2, out.length);
        double[] left = out[0].getSeriesCollection().iterator().next().getXData();
        for (XYSeries s : out[1].getSeriesCollection()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(left, s.getXData(), "the same bin edges in both charts");
        }
        assertEquals(0.0, left[0]);
        assertEquals(26.0, left[left.length - 1], "the bins span the values of both charts");
        assertEquals(out[0].getStyler().getYAxisMax(), out[1].getStyler().getYAxisMax(), "the same count axis");
        // The tallest bar of all is in the right chart: "c" is 50 values 1 + k/49, and bin [1.3, 1.95) holds
        // k = 15..46, 32 of them; the left chart's bars hold 5 each (200 values 0.13 apart, bins 0.65 wide).
        assertEquals(32.0, out[0].getStyler().getYAxisMax());
        double total = 0;
        double[] y = out[1].getSeries("b").getYData();
        for (int i = 0; i < y.length - 1; i++) {
            total += y[i];
        }
        assertEquals(100, total, "every value of \"b\" is counted once");
    }

    @Test
    void sharedBinsRefuseBadInputNamingTheOperation() {
        Map<String, Map<String, double[]>> charts = Map.of("a", Map.of("g", new double[] {1, Double.NaN}));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Histograms.sharedBins("x", charts, 10, false));
        assertTrue(e.getMessage().startsWith("Histograms.sharedBins"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Histograms.sharedBins("x", Map.of(), 10, false));
        assertTrue(e.getMessage().startsWith("Histograms.sharedBins: no charts"), e.getMessage());
    }

    /** The Graphics2D pictures (decision regions, landscapes) tick their axes with Frame: the same rule. */
    @Test
    void framedPicturesTickWithoutOverlap() {
        java.awt.image.BufferedImage scratch = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = scratch.createGraphics();
        Style.prepare(g, 1, 1);
        g.setFont(Style.TICK_FONT);
        java.awt.FontMetrics fm = g.getFontMetrics();
        double[][] ranges = {{0, 1}, {-4, 0}, {1e-4, 9e-4}, {-3e-5, 7e-5}, {1e9, 5e9}, {16, 128}, {-1e-7, 1e-7}, {-123456, 654321},
            {0.5, 0.50001}};
        List<String> problems = new ArrayList<>();
        for (int right : new int[] {20, 90}) {
            for (double[] r : ranges) {
                Frame f = new Frame(Style.WIDTH, Style.HEIGHT, right, new Range(r[0], r[1]), new Range(r[0], r[1]));
                double step = f.xStep(fm);
                double[] t = Frame.ticks(f.x, step);
                if (t.length < 2) {
                    problems.add(Arrays.toString(r) + ": " + t.length + " tick(s)");
                }
                for (int i = 1; i < t.length; i++) {
                    String a = Frame.tickLabel(t[i - 1], step);
                    String b = Frame.tickLabel(t[i], step);
                    double gap = f.px(t[i]) - f.px(t[i - 1]) - (fm.stringWidth(a) + fm.stringWidth(b)) / 2.0;
                    if (gap < MIN_GAP) {
                        problems.add(String.format("%s, plot %d px wide: x labels \"%s\" and \"%s\" are %.1f px apart",
                                Arrays.toString(r), f.width, a, b, gap));
                    }
                }
                // The y axis keeps niceStep: its labels stack, one line of text each.
                double[] yt = Frame.ticks(f.y, Frame.niceStep(r[1] - r[0]));
                for (int i = 1; i < yt.length; i++) {
                    double ygap = f.py(yt[i - 1]) - f.py(yt[i]) - fm.getAscent();
                    if (ygap < MIN_GAP / 2) {
                        problems.add(String.format("%s: y labels %d and %d are %.1f px apart", Arrays.toString(r), i - 1, i, ygap));
                    }
                }
            }
        }
        g.dispose();
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
