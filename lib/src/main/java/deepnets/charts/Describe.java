package deepnets.charts;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * The text alternative of every picture the library draws, made from the picture's data: what kind of chart,
 * its title, what each axis shows and over which range, the series with their key values, and an optional
 * one-sentence takeaway. A notebook shows it as the image's alt text and as the output's plain text, so a
 * screen reader, a text-only viewer and an export all say what the chart shows.
 *
 * <pre>{@code
 * Charts.learningCurves("Loss", "loss", curves)                      // described from its data
 * Describe.takeaway(Charts.learningCurves(...), "Momentum converges in half the epochs.")
 * Describe.of(chart)                                                 // the text itself
 * }</pre>
 *
 * <p>Used by the kernel extension for every chart and picture of the course.
 */
public final class Describe {

    /** The most series and categories named one by one; the rest are counted. */
    static final int MAX_LISTED = 8;

    private static final Map<Object, String> TAKEAWAYS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<BufferedImage, String> PICTURES = Collections.synchronizedMap(new WeakHashMap<>());

    private Describe() {
    }

    /**
     * Adds the sentence a reader should take from the chart to its text alternative, e.g. "Momentum reaches
     * the lowest loss." Returns the same chart or picture, so the call can wrap the last expression of a cell.
     *
     * @param picture an XChart chart or a picture drawn by {@link Images} or {@link ConfusionMatrix}
     */
    public static <T> T takeaway(T picture, String sentence) {
        if (!(picture instanceof Chart<?, ?>) && !(picture instanceof BufferedImage)) {
            throw new IllegalArgumentException("Describe.takeaway: the picture is "
                    + (picture == null ? "null" : "a " + picture.getClass().getName())
                    + "; pass an XChart chart or a BufferedImage from Images or ConfusionMatrix.");
        }
        Inputs.requireText("Describe.takeaway", "takeaway sentence", sentence);
        TAKEAWAYS.put(picture, sentence.strip());
        return picture;
    }

    /**
     * The text alternative of an XChart chart or of a picture from {@link Images} or {@link ConfusionMatrix}:
     * never empty. A picture from elsewhere is described by its size only.
     */
    public static String of(Object picture) {
        String text;
        if (picture instanceof XYChart xy) {
            text = xy(xy);
        } else if (picture instanceof CategoryChart bars) {
            text = bars(bars);
        } else if (picture instanceof Chart<?, ?> other) {
            text = "Chart \"" + other.getTitle() + "\".";
        } else if (picture instanceof BufferedImage image) {
            String known = PICTURES.get(image);
            text = known != null ? known : "A picture of " + image.getWidth() + " x " + image.getHeight()
                    + " pixels that the course library did not draw, so it has no description of its content.";
        } else {
            throw new IllegalArgumentException("Describe.of: the picture is "
                    + (picture == null ? "null" : "a " + picture.getClass().getName())
                    + "; pass an XChart chart or a BufferedImage from Images or ConfusionMatrix.");
        }
        String takeaway = TAKEAWAYS.get(picture);
        return takeaway == null ? text : text + " " + sentence(takeaway);
    }

    /**
     * The data behind a line, scatter or histogram chart as a table with the columns series, x and y, one row
     * per point: the chart's numbers for a screen reader ({@code Describe.table(chart)} as the last expression
     * of a cell shows it).
     */
    public static tech.tablesaw.api.Table table(XYChart chart) {
        if (chart == null) {
            throw new IllegalArgumentException("Describe.table: chart is null; pass an XChart XYChart.");
        }
        tech.tablesaw.api.StringColumn names = tech.tablesaw.api.StringColumn.create("series");
        tech.tablesaw.api.DoubleColumn xs = tech.tablesaw.api.DoubleColumn.create(
                chart.getXAxisTitle() == null || chart.getXAxisTitle().isBlank() ? "x" : chart.getXAxisTitle());
        tech.tablesaw.api.DoubleColumn ys = tech.tablesaw.api.DoubleColumn.create(
                chart.getYAxisTitle() == null || chart.getYAxisTitle().isBlank() || chart.getYAxisTitle().equals(xs.name())
                        ? "y" : chart.getYAxisTitle());
        for (XYSeries s : chart.getSeriesCollection()) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            for (int i = 0; i < x.length; i++) {
                names.append(s.getName());
                xs.append(x[i]);
                ys.append(y[i]);
            }
        }
        return tech.tablesaw.api.Table.create(chart.getTitle(), names, xs, ys);
    }

    /** Records the description of a picture the library drew; returns the picture. */
    static BufferedImage described(BufferedImage image, String text) {
        PICTURES.put(image, text);
        return image;
    }

    /** The description recorded for a picture the library drew, or null. */
    static String recorded(BufferedImage image) {
        return PICTURES.get(image);
    }

    // ---- XChart charts ----

    private static String xy(XYChart chart) {
        Map<String, XYSeries> series = new java.util.LinkedHashMap<>();
        for (XYSeries s : chart.getSeriesCollection()) {
            series.put(s.getName(), s);
        }
        AxesChartStyler st = chart.getStyler();
        boolean histogram = !series.isEmpty() && series.values().stream()
                .allMatch(s -> style(chart, s) == XYSeries.XYSeriesRenderStyle.StepArea
                        || style(chart, s) == XYSeries.XYSeriesRenderStyle.Step);
        boolean scatter = !series.isEmpty() && series.values().stream()
                .allMatch(s -> style(chart, s) == XYSeries.XYSeriesRenderStyle.Scatter);
        String kind = histogram ? "Histogram" : scatter ? "Scatter chart" : "Line chart";
        StringBuilder out = new StringBuilder();
        out.append(kind).append(" \"").append(chart.getTitle()).append("\".");
        double xLo = Double.POSITIVE_INFINITY;
        double xHi = Double.NEGATIVE_INFINITY;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : series.values()) {
            xLo = Math.min(xLo, s.getXMin());
            xHi = Math.max(xHi, s.getXMax());
            yLo = Math.min(yLo, s.getYMin());
            yHi = Math.max(yHi, s.getYMax());
        }
        axis(out, "x", chart.getXAxisTitle(), xLo, xHi, st.isXAxisLogarithmic());
        axis(out, "y", chart.getYAxisTitle(), yLo, yHi, st.isYAxisLogarithmic());
        out.append(' ').append(count(series.size(), "series", "series")).append(':');
        int listed = 0;
        for (Map.Entry<String, XYSeries> e : series.entrySet()) {
            if (listed == MAX_LISTED) {
                out.append(" and ").append(series.size() - MAX_LISTED).append(" more");
                break;
            }
            out.append(listed == 0 ? " " : "; ").append('"').append(e.getKey()).append("\" ");
            double[] x = e.getValue().getXData();
            double[] y = e.getValue().getYData();
            out.append(histogram ? bins(x, y) : scatter ? points(x, y) : curve(x, y));
            listed++;
        }
        return out.append('.').toString();
    }

    private static XYSeries.XYSeriesRenderStyle style(XYChart chart, XYSeries s) {
        return s.getXYSeriesRenderStyle().orElse(chart.getStyler().getDefaultSeriesRenderStyle());
    }

    private static void axis(StringBuilder out, String name, String title, double lo, double hi, boolean log) {
        out.append(' ').append(name).append(" axis: ").append(title);
        if (lo <= hi) {
            out.append(lo == hi ? ", at " + num(lo) : ", " + num(lo) + " to " + num(hi));
        }
        out.append(log ? " (logarithmic)." : ".");
    }

    /** A curve: where it starts and ends, and its lowest and highest points. */
    private static String curve(double[] x, double[] y) {
        int lo = argMin(y);
        int hi = argMax(y);
        return count(y.length, "point", "points") + ", from " + num(y[0]) + " at x = " + num(x[0]) + " to "
                + num(y[y.length - 1]) + " at x = " + num(x[x.length - 1]) + ", lowest " + num(y[lo]) + " at x = "
                + num(x[lo]) + ", highest " + num(y[hi]) + " at x = " + num(x[hi]);
    }

    /** A group of points: how many, and where the highest and lowest y lie. */
    private static String points(double[] x, double[] y) {
        int lo = argMin(y);
        int hi = argMax(y);
        return count(y.length, "point", "points") + ", highest y " + num(y[hi]) + " at x = " + num(x[hi])
                + ", lowest y " + num(y[lo]) + " at x = " + num(x[lo]);
    }

    /** Histogram bins drawn as steps: bin b spans x[b]..x[b+1] with count y[b]; the last y repeats. */
    private static String bins(double[] x, double[] y) {
        int bins = Math.max(1, y.length - 1);
        double total = 0;
        int tallest = 0;
        for (int b = 0; b < bins; b++) {
            total += y[b];
            if (y[b] > y[tallest]) {
                tallest = b;
            }
        }
        String where = y.length > 1 ? " from " + num(x[tallest]) + " to " + num(x[tallest + 1]) : " at " + num(x[0]);
        return num(total) + " values in " + count(bins, "bin", "bins") + ", the tallest bin (" + num(y[tallest]) + ")"
                + where;
    }

    private static String bars(CategoryChart chart) {
        StringBuilder out = new StringBuilder("Bar chart \"").append(chart.getTitle()).append("\".");
        Map<String, CategorySeries> series = new java.util.LinkedHashMap<>();
        for (CategorySeries s : chart.getSeriesCollection()) {
            series.put(s.getName(), s);
        }
        List<String> categories = new ArrayList<>();
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (CategorySeries s : series.values()) {
            for (Object c : s.getXData()) {
                if (!categories.contains(String.valueOf(c))) {
                    categories.add(String.valueOf(c));
                }
            }
            yLo = Math.min(yLo, s.getYMin());
            yHi = Math.max(yHi, s.getYMax());
        }
        out.append(" x axis: ").append(chart.getXAxisTitle()).append(", ").append(count(categories.size(), "category",
                "categories")).append(" (").append(list(categories)).append(").");
        axis(out, "y", chart.getYAxisTitle(), yLo, yHi, chart.getStyler().isYAxisLogarithmic());
        out.append(' ').append(count(series.size(), "series", "series")).append(':');
        int listed = 0;
        for (Map.Entry<String, CategorySeries> e : series.entrySet()) {
            if (listed == MAX_LISTED) {
                out.append(" and ").append(series.size() - MAX_LISTED).append(" more");
                break;
            }
            List<String> pairs = new ArrayList<>();
            List<?> xs = new ArrayList<>(e.getValue().getXData());
            double[] ys = e.getValue().getYData();
            for (int i = 0; i < xs.size(); i++) {
                pairs.add(xs.get(i) + ": " + num(ys[i]));
            }
            out.append(listed == 0 ? " " : "; ").append('"').append(e.getKey()).append("\" ").append(list(pairs));
            listed++;
        }
        return out.append('.').toString();
    }

    // ---- formatting, shared with the pictures' descriptions ----

    /** A number in at most 3 significant digits, integers without decimals, no "-0". */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s.replaceFirst("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }

    static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Items joined by commas, the first MAX_LISTED of them and a count of the rest. */
    static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    static String sentence(String s) {
        String t = s.strip();
        return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static int argMin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
