package deepnets.charts;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import deepnets.core.Require;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Histograms in the shared look, e.g. to compare sampling a learning rate uniformly with sampling
 * it on a log scale. Linear or log-spaced bins are drawn as filled steps on an {@link XYChart}
 * (log-spaced bins on a logarithmic x axis, where they look equally wide); counts per power of ten
 * are drawn as bars on a {@link CategoryChart}. Values follow the same limits as {@link Charts}: at most
 * 1e300 in magnitude, and not all within 1e-9 of each other unless all equal.
 *
 * <p>Used in notebooks/solutions/02-appropriate-scale.ipynb and 04-batch-norm-forward.ipynb.
 */
public final class Histograms {

    /** The most bins of a histogram: already more than the chart has pixels. */
    public static final int MAX_BINS = 10_000;

    private Histograms() {
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins between their minimum and maximum.
     *
     * @param values  shape (N,), positive if {@code logBins}; not modified
     * @param bins    number of bins, 1..{@value #MAX_BINS}
     * @param logBins whether the bins are equally wide in {@code log10(value)}, on a logarithmic x axis
     * @return a new chart with one filled step series
     */
    public static XYChart histogram(String title, String xLabel, double[] values, int bins, boolean logBins) {
        Map<String, double[]> one = new LinkedHashMap<>();
        one.put("count", values);
        XYChart chart = histograms(title, xLabel, one, bins, logBins);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * Overlaid histograms of several groups on shared bins (translucent, so both stay visible).
     *
     * @param groups name -&gt; values, drawn in the map's order; not modified
     * @see #histogram(String, String, double[], int, boolean)
     */
    public static XYChart histograms(String title, String xLabel, Map<String, double[]> groups, int bins,
            boolean logBins) {
        String op = "Histograms.histogram";
        Inputs.requireTitles(op, title, xLabel, "count");
        Inputs.requireSeries(op, groups);
        return draw(title, xLabel, groups, edges(op, groups, bins, logBins), logBins);
    }

    /** Checks every value (finite; positive for log bins; drawable) and gives the bins over all of them. */
    private static double[] edges(String op, Map<String, double[]> groups, int bins, boolean logBins) {
        Inputs.requirePositiveCount(op, "bins", bins);
        if (bins > MAX_BINS) {
            throw new IllegalArgumentException(op + ": bins is " + bins + "; use at most " + MAX_BINS
                    + " (more bins than the chart's " + Style.WIDTH + " pixels cannot be seen).");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            String name = "values of \"" + e.getKey() + "\"";
            Inputs.requireValues(op, name, e.getValue());
            if (logBins) {
                Inputs.requirePositive(op, name, e.getValue());
            }
            for (double v : e.getValue()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Inputs.requireDrawable(op, "x", groups.values());
        return edges(lo, hi, bins, logBins);
    }

    /**
     * Histograms to compare side by side ({@code Images.sideBySide}): one chart per entry of {@code charts},
     * all on the same bins (spanning every value of every chart) and with the same count axis, so that a bar
     * of the same width and height means the same in each.
     *
     * @param xLabel  what the values are, the same for every chart
     * @param charts  title -&gt; (group name -&gt; values), one chart per entry, in the map's order; not modified
     * @param bins    number of bins, 1..{@value #MAX_BINS}
     * @param logBins whether the bins are equally wide in {@code log10(value)}, on a logarithmic x axis
     * @return the charts, one per entry of {@code charts}
     */
    public static XYChart[] sharedBins(String xLabel, Map<String, Map<String, double[]>> charts, int bins, boolean logBins) {
        String op = "Histograms.sharedBins";
        Require.notNull(op, "charts", charts);
        if (charts.isEmpty()) {
            throw new IllegalArgumentException(op + ": no charts given; pass title -> (group -> values) for each chart.");
        }
        Map<String, double[]> all = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, double[]>> c : charts.entrySet()) {
            Inputs.requireTitles(op, c.getKey(), xLabel, "count");
            Inputs.requireSeries(op, c.getValue());
            for (Map.Entry<String, double[]> g : c.getValue().entrySet()) {
                all.put(c.getKey() + " / " + g.getKey(), g.getValue());
            }
        }
        double[] edges = edges(op, all, bins, logBins);
        XYChart[] out = new XYChart[charts.size()];
        double top = 0;
        int i = 0;
        for (Map.Entry<String, Map<String, double[]>> c : charts.entrySet()) {
            out[i] = draw(c.getKey(), xLabel, c.getValue(), edges, logBins);
            for (XYSeries s : out[i++].getSeriesCollection()) {
                for (double y : s.getYData()) {
                    top = Math.max(top, y);
                }
            }
        }
        for (XYChart chart : out) {
            chart.getStyler().setYAxisMax(top);
        }
        return out;
    }

    /** Filled steps of each group's counts on the given edges. */
    private static XYChart draw(String title, String xLabel, Map<String, double[]> groups, double[] edges, boolean logBins) {
        XYChart chart = Style.apply(new XYChart(Style.WIDTH, Style.HEIGHT), title, xLabel, "count");
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setXAxisLogarithmic(logBins);
        chart.getStyler().setYAxisMin(0.0);
        int k = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            int[] counts = counts(e.getValue(), edges);
            // A step series holds each y until the next x, so the last count is repeated at the right edge.
            double[] y = new double[edges.length];
            for (int b = 0; b < counts.length; b++) {
                y[b] = counts[b];
            }
            y[edges.length - 1] = counts[counts.length - 1];
            XYSeries s = chart.addSeries(e.getKey(), edges, y);
            // Each group's outline has its own dash pattern too, so the groups differ by more than colour.
            s.setLineStyle(Style.LINES[k % Style.LINES.length]);
            Color c = Style.color(k++);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(c);
            s.setFillColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 90));
        }
        return chart;
    }

    /**
     * Counts per power of ten: bar {@code k} counts the values in {@code [10^k, 10^(k+1))}, one bar
     * per group side by side.
     *
     * @param groups name -&gt; positive values, drawn in the map's order; not modified
     * @return a new category chart with one category per decade from the smallest to the largest value
     */
    public static CategoryChart perDecade(String title, String xLabel, Map<String, double[]> groups) {
        String op = "Histograms.perDecade";
        Inputs.requireTitles(op, title, xLabel, "count");
        Inputs.requireSeries(op, groups);
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            String name = "values of \"" + e.getKey() + "\"";
            Inputs.requireValues(op, name, e.getValue());
            Inputs.requirePositive(op, name, e.getValue());
            for (double v : e.getValue()) {
                int d = decade(v);
                first = Math.min(first, d);
                last = Math.max(last, d);
            }
        }
        Inputs.requireDrawable(op, "x", groups.values());
        List<String> categories = new ArrayList<>();
        for (int d = first; d <= last; d++) {
            categories.add("1e" + d + "..1e" + (d + 1));
        }
        CategoryChart chart = Style.apply(new CategoryChart(Style.WIDTH, Style.HEIGHT), title, xLabel, "count");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#");
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            List<Integer> counts = new ArrayList<>();
            for (int d = first; d <= last; d++) {
                counts.add(0);
            }
            for (double v : e.getValue()) {
                int i = decade(v) - first;
                counts.set(i, counts.get(i) + 1);
            }
            chart.addSeries(e.getKey(), categories, counts);
        }
        return chart;
    }

    /** The power of ten below {@code v}: {@code floor(log10 v)}; exact at powers of ten. */
    static int decade(double v) {
        return (int) Math.floor(Math.log10(v));
    }

    /** {@code bins + 1} edges from lo to hi, equally spaced in value or in log10(value). */
    static double[] edges(double lo, double hi, int bins, boolean log) {
        if (lo == hi) {
            // One distinct value still deserves a visible bar: widen the range around it.
            if (log) {
                lo /= 1.1;
                hi *= 1.1;
            } else {
                double pad = Math.max(Math.abs(lo) * 0.05, 0.5);
                lo -= pad;
                hi += pad;
            }
        }
        double a = log ? Math.log10(lo) : lo;
        double b = log ? Math.log10(hi) : hi;
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++) {
            // b - a overflows for a near -MAX_VALUE and b near MAX_VALUE; the weighted mean is the same point
            double t = Double.isFinite(b - a) ? a + (b - a) * k / bins : a * ((double) (bins - k) / bins) + b * ((double) k / bins);
            edges[k] = log ? Math.pow(10, t) : t;
        }
        // Rounding in pow must not leave the extremes outside the first or last bin.
        edges[0] = lo;
        edges[bins] = hi;
        return edges;
    }

    /** Counts of {@code values} in {@code [edges[b], edges[b+1])}, the last bin closed on the right. */
    static int[] counts(double[] values, double[] edges) {
        int bins = edges.length - 1;
        int[] counts = new int[bins];
        for (double v : values) {
            if (v < edges[0] || v > edges[bins]) {
                continue;
            }
            int lo = 0;
            int hi = bins;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (v >= edges[mid]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            counts[lo]++;
        }
        return counts;
    }
}
