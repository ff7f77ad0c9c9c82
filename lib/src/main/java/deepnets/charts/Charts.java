package deepnets.charts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import deepnets.core.Require;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Line and scatter charts in the shared look: learning curves, curves over a common x, and
 * scatter plots of trials. Each method returns an XChart {@link XYChart} of 640 x 400 pixels (taller when
 * the legend of many series needs a column of its own) that a
 * notebook shows by leaving it as the last expression of a cell.
 *
 * <p>Every value must be finite and at most 1e300 in magnitude, and the values on one axis either all
 * equal or spread by at least 1e-9 of their size: XChart cannot tick a narrower range (its tick search
 * does not end), so such a call is refused with the fix instead.
 *
 * <p>Used in every notebook from notebooks/solutions/00-start-here.ipynb on.
 */
public final class Charts {

    private Charts() {
    }

    /**
     * Learning curves: each series {@code values[e-1]} plotted against epoch {@code e = 1..n}.
     *
     * @param title  the chart title
     * @param yLabel what the curves measure, e.g. {@code "loss"}
     * @param series name -&gt; values, one value per epoch (lengths may differ), drawn in the map's
     *               order (use a {@code LinkedHashMap}); not modified
     * @return a new chart with one series per entry
     */
    public static XYChart learningCurves(String title, String yLabel, Map<String, double[]> series) {
        return learningCurves(title, yLabel, series, Map.of());
    }

    /**
     * Learning curves with vertical dashed markers, e.g. where the learning rate was changed.
     *
     * @param markers epoch -&gt; label, each epoch between 1 and the longest series' length; not modified
     * @see #learningCurves(String, String, Map)
     */
    public static XYChart learningCurves(String title, String yLabel, Map<String, double[]> series,
            Map<Integer, String> markers) {
        String op = "Charts.learningCurves";
        Inputs.requireTitles(op, title, "epoch", yLabel);
        Inputs.requireSeries(op, series);
        Require.notNull(op, "markers", markers);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            Inputs.requireValues(op, "series \"" + e.getKey() + "\"", e.getValue());
        }
        Inputs.requireDrawable(op, "y", series.values());
        XYChart chart = Style.apply(new XYChart(Style.WIDTH, Style.heightFor(series.keySet())), title, "epoch", yLabel);
        int epochs = 0;
        double top = Double.NEGATIVE_INFINITY;
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            Inputs.requireValues(op, "series \"" + e.getKey() + "\"", y);
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
                top = Math.max(top, y[i]);
            }
            epochs = Math.max(epochs, y.length);
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            // Markers on every epoch clutter a curve of hundreds of points; short curves keep them. Each curve
            // has its own dash pattern (and marker), so that it is not told apart by colour alone.
            Style.distinguish(s, k++, y.length <= 30, true);
        }
        Style.legendFor(chart);
        for (Map.Entry<Integer, String> m : markers.entrySet()) {
            if (m.getKey() == null) {
                throw new IllegalArgumentException(op + ": marker \"" + m.getValue() + "\" has a null epoch; key markers by epoch 1.."
                        + epochs + ".");
            }
            int epoch = m.getKey();
            if (epoch < 1 || epoch > epochs) {
                throw new IllegalArgumentException(op + ": marker \"" + m.getValue() + "\" is at epoch " + epoch
                        + " but the curves cover epochs 1.." + epochs + "; put markers inside that range.");
            }
            Inputs.requireText(op, "marker label", m.getValue());
            chart.addAnnotation(new AnnotationLine(epoch, true, false));
            // The text is centred on its point; shifting it right by about half its width keeps it off the line.
            double shift = (m.getValue().length() * 3.6 + 6) / 560.0 * Math.max(1, epochs - 1);
            chart.addAnnotation(new AnnotationText(m.getValue(), epoch + shift, top, false));
        }
        return chart;
    }

    /**
     * Several curves {@code y_k(x)} over one shared x.
     *
     * @param x     shape (N,), positive if {@code logX}; not modified
     * @param ys    name -&gt; values of shape (N,), drawn in the map's order; not modified
     * @param logX  whether the x axis is logarithmic
     * @return a new chart with one line per entry of {@code ys}
     */
    public static XYChart lines(String title, String xLabel, String yLabel, double[] x, Map<String, double[]> ys,
            boolean logX) {
        String op = "Charts.lines";
        Inputs.requireTitles(op, title, xLabel, yLabel);
        Inputs.requireValues(op, "x", x);
        Inputs.requireSeries(op, ys);
        if (logX) {
            Inputs.requirePositive(op, "x", x);
        }
        XYChart chart = Style.apply(new XYChart(Style.WIDTH, Style.heightFor(ys.keySet())), title, xLabel, yLabel);
        chart.getStyler().setXAxisLogarithmic(logX);
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            String name = "series \"" + e.getKey() + "\"";
            Inputs.requireValues(op, name, e.getValue());
            Inputs.requireSameLength(op, "x", x, name, e.getValue());
        }
        Inputs.requireDrawable(op, "x", List.of(x));
        Inputs.requireDrawable(op, "y", ys.values());
        int k = 0;
        for (Map.Entry<String, double[]> e : ys.entrySet()) {
            Style.distinguish(chart.addSeries(e.getKey(), x, e.getValue()), k++, x.length <= 30, true);
        }
        Style.legendFor(chart);
        return chart;
    }

    /**
     * A scatter chart of one or more groups of points, each group in its own colour, e.g. validation
     * accuracy against the learning rate of a coarse and a fine search round.
     *
     * @param logX   whether the x axis is logarithmic (then every x must be positive)
     * @param groups the groups in legend order; not modified
     * @return a new chart with one series per group
     */
    public static XYChart scatter(String title, String xLabel, String yLabel, boolean logX, Points... groups) {
        String op = "Charts.scatter";
        Inputs.requireTitles(op, title, xLabel, yLabel);
        if (groups == null || groups.length == 0) {
            throw new IllegalArgumentException(op + ": no groups given; pass at least one Points.of(name, x, y).");
        }
        Require.noNulls(op, "groups", groups);
        Set<String> names = new HashSet<>();
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (Points p : groups) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException(op + ": two groups are named \"" + p.name()
                        + "\"; give each group its own legend name.");
            }
            xs.add(p.x());
            ys.add(p.y());
        }
        Inputs.requireDrawable(op, "x", xs);
        Inputs.requireDrawable(op, "y", ys);
        XYChart chart = Style.apply(new XYChart(Style.WIDTH, Style.heightFor(names)), title, xLabel, yLabel);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(logX);
        int k = 0;
        for (Points p : groups) {
            if (logX) {
                Inputs.requirePositive(op, "x of \"" + p.name() + "\"", p.x());
            }
            Style.distinguish(chart.addSeries(p.name(), p.x(), p.y()), k++, true, false);
        }
        Style.legendFor(chart);
        return chart;
    }
}
