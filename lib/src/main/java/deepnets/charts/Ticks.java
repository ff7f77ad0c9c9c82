package deepnets.charts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * Readable tick labels whatever a notebook did to a chart after building it (issue 32, item 6). Two
 * defaults of XChart 4.0.3 give unreadable axes:
 * <ul>
 * <li>When the values on an axis of an {@link XYChart} are equally spaced (epochs 1..n, steps 0..T, histogram
 * edges), XChart labels every n-th value and accepts a step once a label is 1.1 times narrower than it:
 * labels such as "51" "53" then nearly touch, and the tick spacing hint is ignored. Moving the axis
 * maximum above the data by a millionth of the range (far less than a pixel) sends XChart down its
 * other path, which starts at the spacing hint and picks steps of 1, 2 or 5 times a power of ten.</li>
 * <li>A logarithmic axis is labelled at powers of ten only, so an axis from 256 to 4096 shows "1000"
 * and nothing else. It now labels 1, 2 and 5 (or 1 and 3) times each power of ten when it spans few
 * decades, and every power of ten otherwise.</li>
 * </ul>
 * The settings are made just for the drawing and put back afterwards, and nothing is changed where a
 * notebook set the axis maximum, decimal pattern or label function itself.
 */
final class Ticks {

    private Ticks() {
    }

    /** Draws with legible ticks: sets the axes up, calls {@code draw}, and restores the styler. */
    static <T> T legible(Chart<?, ?> chart, Supplier<T> draw) {
        if (!(chart.getStyler() instanceof AxesChartStyler s)) {
            return draw.get();
        }
        Double xMax = s.getXAxisMax();
        Double yMax = s.getYAxisMax();
        String xPattern = s.getXAxisDecimalPattern();
        String yPattern = s.getYAxisDecimalPattern();
        boolean xDecades = s.isXAxisLogarithmicDecadeOnly();
        boolean yDecades = s.isYAxisLogarithmicDecadeOnly();
        Function<Double, String> xFormat = s.getXAxisTickLabelsFormattingFunction();
        Function<Double, String> yFormat = s.getYAxisTickLabelsFormattingFunction();
        try {
            if (chart instanceof XYChart xy) {
                List<double[]> xs = new ArrayList<>();
                List<double[]> ys = new ArrayList<>();
                for (XYSeries series : xy.getSeriesCollection()) {
                    xs.add(series.getXData());
                    ys.add(series.getYData());
                }
                if (s.isXAxisLogarithmic()) {
                    logLabels(s, true, xs, s.getXAxisMin(), s.getXAxisMax());
                } else if (xMax == null && xFormat == null) {
                    evenSteps(s, true, xs);
                }
                if (s.isYAxisLogarithmic()) {
                    logLabels(s, false, ys, s.getYAxisMin(), s.getYAxisMax());
                } else if (yMax == null && yFormat == null) {
                    evenSteps(s, false, ys);
                }
            }
            return draw.get();
        } finally {
            s.setXAxisMax(xMax);
            s.setYAxisMax(yMax);
            s.setXAxisDecimalPattern(xPattern);
            s.setYAxisDecimalPattern(yPattern);
            s.setXAxisLogarithmicDecadeOnly(xDecades);
            s.setYAxisLogarithmicDecadeOnly(yDecades);
            s.setXAxisTickLabelsFormattingFunction(xFormat);
            s.setYAxisTickLabelsFormattingFunction(yFormat);
        }
    }

    /** Keeps XChart off its equally-spaced path: the axis maximum a millionth of the range above the data. */
    private static void evenSteps(AxesChartStyler s, boolean x, List<double[]> xs) {
        java.util.TreeSet<Double> distinct = new java.util.TreeSet<>();
        boolean integers = true;
        for (double[] values : xs) {
            for (double v : values) {
                distinct.add(v);
                integers &= v == Math.rint(v);
            }
        }
        if (distinct.size() < 2) {
            return;
        }
        double lo = distinct.first();
        double hi = distinct.last();
        double size = Math.max(Math.abs(lo), Math.abs(hi));
        // Only ordinary ranges, far from what XChart cannot tick (Charts' class comment): values up to 1e9, spread
        // by at least a millionth of their size. Anything else keeps XChart's own ticks.
        if (!(size <= 1e9) || !(hi - lo >= 1e-6 * size) || !equallySpaced(distinct)) {
            return;
        }
        Double min = x ? s.getXAxisMin() : s.getYAxisMin();
        if (min != null) {
            lo = Math.min(lo, min);
        }
        double top = hi + (hi - lo) * 1e-6;
        if (x) {
            s.setXAxisMax(top);
        } else {
            s.setYAxisMax(top);
        }
        if (integers && (x ? s.getXAxisDecimalPattern() : s.getYAxisDecimalPattern()) == null) {
            // Whole numbers (epochs, steps, indices) keep whole-number labels: "#,##0" turns 1.5 into "2", the
            // labels repeat, and XChart widens the step until they do not.
            if (x) {
                s.setXAxisDecimalPattern("#,##0");
            } else {
                s.setYAxisDecimalPattern("#,##0");
            }
        }
    }

    /** Whether the sorted values step evenly (to a millionth of the step), the case XChart labels poorly. */
    private static boolean equallySpaced(java.util.SortedSet<Double> values) {
        double first = values.first();
        double step = (values.last() - first) / (values.size() - 1);
        int i = 0;
        for (double v : values) {
            if (Math.abs(v - (first + i++ * step)) > 1e-6 * step) {
                return false;
            }
        }
        return true;
    }

    /** A log axis labelled at 1-2-5 (or 1-3) times the powers of ten when it spans few decades. */
    private static void logLabels(AxesChartStyler s, boolean x, List<double[]> data, Double min, Double max) {
        if ((x ? s.getXAxisTickLabelsFormattingFunction() : s.getYAxisTickLabelsFormattingFunction()) != null) {
            return;
        }
        double lo = min != null ? min : Double.POSITIVE_INFINITY;
        double hi = max != null ? max : 0;
        for (double[] d : data) {
            for (double v : d) {
                if (v > 0) {
                    lo = min != null ? lo : Math.min(lo, v);
                    hi = max != null ? hi : Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo) || !(lo > 0) || !Double.isFinite(hi)) {
            return;
        }
        double decades = Math.log10(hi) - Math.log10(lo);
        int[] mantissas = decades <= 2.2 ? new int[] {1, 2, 5} : decades <= 3.5 ? new int[] {1, 3} : new int[] {1};
        // Beyond about eight decades every power of ten would crowd the axis: label every second or third.
        int every = decades <= 8 ? 1 : decades <= 16 ? 2 : (int) Math.ceil(decades / 8);
        Function<Double, String> label = v -> label(v, mantissas, every);
        if (x) {
            s.setXAxisLogarithmicDecadeOnly(false);
            s.setXAxisTickLabelsFormattingFunction(label);
        } else {
            s.setYAxisLogarithmicDecadeOnly(false);
            s.setYAxisTickLabelsFormattingFunction(label);
        }
    }

    /** "" (no label) unless {@code v} is a chosen mantissa times a labelled power of ten. */
    static String label(double v, int[] mantissas, int every) {
        if (!(v > 0)) {
            return "";
        }
        int exponent = (int) Math.floor(Math.log10(v) + 1e-9);
        double mantissa = v / Math.pow(10, exponent);
        long m = Math.round(mantissa);
        if (Math.abs(mantissa - m) > 1e-6 * m || Math.floorMod(exponent, every) != 0) {
            return "";
        }
        boolean chosen = false;
        for (int c : mantissas) {
            chosen |= c == m;
        }
        if (!chosen) {
            return "";
        }
        if (exponent >= -3 && exponent <= 5) {
            return new BigDecimal(v, new MathContext(1)).stripTrailingZeros().toPlainString();
        }
        return m + "E" + exponent;
    }
}
