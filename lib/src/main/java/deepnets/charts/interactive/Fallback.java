package deepnets.charts.interactive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The still picture of a {@link VegaChart} for front ends that cannot draw Vega-Lite: the rows every slider
 * shows at its initial value, one XChart series per colour (and panel, and dash) group.
 */
final class Fallback {

    /** Dash patterns in series order: solid, dashed, dotted, dash-dot (as deepnets.charts.Style). */
    private static final java.awt.BasicStroke[] DASHES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};

    private Fallback() {
    }

    static XYChart draw(VegaChart chart) {
        chart.validate();
        Map<String, VegaChart.Channel> ch = chart.channels();
        int panels = ch.containsKey("column") ? Math.max(1, distinct(chart, ch.get("column").field())) : 1;
        XYChart xy = new XYChartBuilder().width(Math.min(1400, chart.width() * panels + 120))
                .height(chart.height() + 120).title(chart.name())
                .xAxisTitle(titleOf(ch.get("x"))).yAxisTitle(titleOf(ch.get("y"))).build();
        // The interactive chart's Okabe-Ito colours, in the same order (issue 32): XChart's own theme has colours
        // that deuteranopia and protanopia merge. Each line also has its own dash pattern, below.
        java.awt.Color[] palette = new java.awt.Color[VegaSpec.OKABE_ITO.length];
        for (int k = 0; k < palette.length; k++) {
            palette[k] = java.awt.Color.decode(VegaSpec.OKABE_ITO[k]);
        }
        xy.getStyler().setSeriesColors(palette);
        xy.getStyler().setXAxisLogarithmic(chart.xLogarithmic());
        xy.getStyler().setYAxisLogarithmic(chart.yLogarithmic());
        xy.getStyler().setLegendVisible(ch.containsKey("color") || ch.containsKey("column")
                || ch.containsKey("strokeDash"));
        double[] x = chart.numbers().get(ch.get("x").field());
        double[] y = chart.numbers().get(ch.get("y").field());
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < chart.rows(); i++) {
            if (shownAtStart(chart, i)) {
                groups.computeIfAbsent(groupOf(chart, i), g -> new ArrayList<>()).add(i);
            }
        }
        requireDrawable(chart, ch.get("x").field(), x, groups);
        requireDrawable(chart, ch.get("y").field(), y, groups);
        int index = 0;
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            List<Integer> rows = g.getValue();
            double[] gx = new double[rows.size()];
            double[] gy = new double[rows.size()];
            for (int k = 0; k < rows.size(); k++) {
                gx[k] = x[rows.get(k)];
                gy[k] = y[rows.get(k)];
            }
            XYSeries s = xy.addSeries(g.getKey().isEmpty() ? chart.name() : g.getKey(), gx, gy);
            switch (chart.markType()) {
                case LINE -> {
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                    s.setLineStyle(DASHES[(index + index / palette.length) % DASHES.length]);
                }
                case BAR -> {
                    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
                    s.setMarker(SeriesMarkers.CIRCLE);
                }
                default -> s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            index++;
        }
        return xy;
    }

    /** Values larger than this cannot be drawn: XChart's axis arithmetic near Double.MAX_VALUE overflows. */
    static final double MAX_MAGNITUDE = 1e300;
    /** The smallest spread of an axis's values, relative to their size, that XChart's tick search can handle. */
    static final double MIN_RELATIVE_SPAN = 1e-9;

    /**
     * Refuses an axis XChart cannot tick: its tick search never ends on a range of a few rounding steps
     * (e.g. 1e15 to 1e15 + 1), which would hang the caller. Values all equal are fine.
     */
    private static void requireDrawable(VegaChart chart, String column, double[] values, Map<String, List<Integer>> groups) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<Integer> rows : groups.values()) {
            for (int i : rows) {
                double v = values[i];
                if (Math.abs(v) > MAX_MAGNITUDE) {
                    throw new IllegalArgumentException(chart.where(column) + "value " + i + " is " + v + "; the PNG fallback "
                            + "can draw values up to " + MAX_MAGNITUDE + " in magnitude: rescale the series (e.g. chart "
                            + "log10 of it)");
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi > lo && hi - lo < MIN_RELATIVE_SPAN * Math.max(Math.abs(lo), Math.abs(hi))) {
            throw new IllegalArgumentException(chart.where(column) + "the values only vary from " + lo + " to " + hi
                    + ", less than " + MIN_RELATIVE_SPAN + " of their size, so no axis ticks can tell them apart: "
                    + "chart the differences from " + lo + " instead");
        }
    }

    /** Whether row i is within half a step of every slider's initial value. */
    static boolean shownAtStart(VegaChart chart, int i) {
        for (VegaChart.Slider s : chart.sliders()) {
            if (Math.abs(chart.numbers().get(s.column())[i] - s.initial()) >= s.step() / 2) {
                return false;
            }
        }
        return true;
    }

    private static String groupOf(VegaChart chart, int i) {
        List<String> parts = new ArrayList<>();
        for (String channel : List.of("column", "color", "strokeDash")) {
            VegaChart.Channel c = chart.channels().get(channel);
            if (c != null) {
                parts.add(value(chart, c.field(), i));
            }
        }
        return String.join(", ", parts);
    }

    private static String value(VegaChart chart, String column, int i) {
        String[] text = chart.texts().get(column);
        return text != null ? text[i] : String.format(java.util.Locale.ROOT, "%.4g", chart.numbers().get(column)[i]);
    }

    private static int distinct(VegaChart chart, String column) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < chart.rows(); i++) {
            seen.add(value(chart, column, i));
        }
        return seen.size();
    }

    private static String titleOf(VegaChart.Channel c) {
        return c.title() == null ? c.field() : c.title();
    }
}
