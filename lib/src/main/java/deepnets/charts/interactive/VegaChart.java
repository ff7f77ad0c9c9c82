package deepnets.charts.interactive;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An interactive chart, described once: named columns of equal length, one mark, encodings, optional sliders,
 * tooltips and a brush. {@link #spec()} turns it into a Vega-Lite v5 spec (built by {@code VegaSpec});
 * {@link Bundle} adds a PNG fallback (drawn by {@code Fallback}).
 *
 * <p>A slider is a Vega-Lite parameter bound to a range input. The data holds every value the slider can take,
 * precomputed in Java, in a column of the same name; the chart shows the rows whose column equals the slider's
 * value. No slider calls the kernel.
 *
 * <pre>{@code
 * VegaChart.named("EWA weights").column("beta", betas).column("k", ks).column("weight", weights)
 *         .mark(VegaChart.Mark.BAR).x("k", "k steps back").y("weight", "weight")
 *         .slider("beta", 0.5, 0.98, 0.01, 0.9, "beta").tooltip("k", "weight")
 * }</pre>
 */
public final class VegaChart {

    /** The Vega-Lite marks the course uses. */
    public enum Mark {
        POINT("point"), LINE("line"), BAR("bar"), TICK("tick");

        final String vega;

        Mark(String vega) {
            this.vega = vega;
        }
    }

    /** A slider over a numeric column: the chart shows the rows whose column is within step/2 of its value. */
    record Slider(String column, double min, double max, double step, double initial, String label) {
    }

    /** One encoding channel: a column, a title and the column's Vega-Lite type. */
    record Channel(String field, String title, boolean numeric) {
    }

    private final String name;
    private final Map<String, double[]> numbers = new LinkedHashMap<>();
    private final Map<String, String[]> texts = new LinkedHashMap<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final List<Slider> sliders = new ArrayList<>();
    private final List<String> tooltips = new ArrayList<>();
    private Mark mark = Mark.POINT;
    private int width = 420;
    private int height = 260;
    private boolean xLog;
    private boolean yLog;
    private double[] xDomain;
    private double[] yDomain;
    private boolean brush;
    private double[] brushInitial;
    private String subtitle;
    private String takeaway;

    private VegaChart(String name) {
        this.name = name;
    }

    /** A chart with this title; the title also names the chart in error messages. */
    public static VegaChart named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("VegaChart.named: a chart needs a title (got "
                    + (name == null ? "null" : "a blank string") + ")");
        }
        return new VegaChart(name);
    }

    /** The chart's title. */
    public String name() {
        return name;
    }

    /** Adds a numeric column. The values are copied; every one must be finite. */
    public VegaChart column(String column, double[] values) {
        requireNew(column);
        if (values == null) {
            throw new IllegalArgumentException(where(column) + "values are null");
        }
        numbers.put(column, values.clone());
        return this;
    }

    /** Adds a text column (categories, labels for tooltips). Every entry must be a string (no nulls). */
    public VegaChart column(String column, String[] values) {
        requireNew(column);
        if (values == null) {
            throw new IllegalArgumentException(where(column) + "values are null");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(where(column) + "value " + i + " is null: every entry of a text "
                        + "series needs a label (use \"\" for none)");
            }
        }
        texts.put(column, values.clone());
        return this;
    }

    /** The mark every row is drawn with (default: points). */
    public VegaChart mark(Mark mark) {
        this.mark = mark;
        return this;
    }

    /** The horizontal position: a numeric column. */
    public VegaChart x(String column, String title) {
        return encode("x", column, title);
    }

    /** The vertical position: a numeric column. */
    public VegaChart y(String column, String title) {
        return encode("y", column, title);
    }

    /** Colour by a column (categories for a text column, a colour scale for a numeric one). */
    public VegaChart color(String column, String title) {
        return encode("color", column, title);
    }

    /** Solid or dashed lines by a text column (e.g. training vs validation). */
    public VegaChart strokeDash(String column, String title) {
        return encode("strokeDash", column, title);
    }

    /** One panel per value of a text column, side by side, each with its own y scale. */
    public VegaChart panels(String column) {
        return encode("column", column, null);
    }

    /** A logarithmic x axis (all x values must be positive). */
    public VegaChart xLog() {
        xLog = true;
        return this;
    }

    /** A logarithmic y axis (all y values must be positive). */
    public VegaChart yLog() {
        yLog = true;
        return this;
    }

    /** A fixed x range, so that the axis stays put while a slider moves; finite, lo &lt; hi. */
    public VegaChart xDomain(double lo, double hi) {
        xDomain = domain("xDomain", lo, hi);
        return this;
    }

    /** A fixed y range, so that the axis stays put while a slider moves; finite, lo &lt; hi. */
    public VegaChart yDomain(double lo, double hi) {
        yDomain = domain("yDomain", lo, hi);
        return this;
    }

    private double[] domain(String op, double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException(where(null) + op + "(" + lo + ", " + hi + "): the range needs finite "
                    + "ends with lo < hi");
        }
        return new double[] {lo, hi};
    }

    /** The size of the plot area (of each panel) in pixels. */
    public VegaChart size(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException(where(null) + "size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** A second title line, e.g. the prompt "move the slider and watch ...". */
    public VegaChart subtitle(String subtitle) {
        this.subtitle = subtitle;
        return this;
    }

    /**
     * The one sentence a reader should take from the chart, e.g. "The weights halve every step at beta 0.5";
     * it ends the chart's text alternative ({@link #description()}).
     */
    public VegaChart takeaway(String sentence) {
        if (sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException(where(null) + "the takeaway is " + (sentence == null ? "null" : "blank")
                    + "; pass the sentence the chart supports, or leave it out");
        }
        this.takeaway = sentence;
        return this;
    }

    /**
     * The chart's text alternative, made from its data: title, axes with their ranges, the series as drawn at
     * the sliders' starting values, the interactions and the takeaway. It is the spec's {@code description}
     * and the notebook output's plain text and alt text. Validates first.
     */
    public String description() {
        validate();
        return VegaText.of(this);
    }

    /**
     * The chart's data as a table, one row per data row and one column per series: what the tooltips and the
     * brush show with the mouse, as a one-line call for the keyboard and screen reader ({@code chart.table()}
     * as the last expression of a cell shows it). Validates first.
     */
    public tech.tablesaw.api.Table table() {
        validate();
        tech.tablesaw.api.Table t = tech.tablesaw.api.Table.create(name);
        numbers.forEach((column, values) -> t.addColumns(tech.tablesaw.api.DoubleColumn.create(column, values)));
        texts.forEach((column, values) -> t.addColumns(tech.tablesaw.api.StringColumn.create(column, values)));
        return t;
    }

    /**
     * A slider over the numeric column {@code column}, from min to max in steps of step, starting at initial.
     * The chart shows the rows whose column is within step/2 of the slider's value, so the column should hold
     * values on that grid.
     */
    public VegaChart slider(String column, double min, double max, double step, double initial, String label) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !Double.isFinite(step) || !Double.isFinite(initial)
                || !(min < max) || !(step > 0) || !(initial >= min && initial <= max)) {
            throw new IllegalArgumentException(where(column) + "slider needs finite numbers with min < max, step > 0 "
                    + "and min <= initial <= max; got min " + min + ", max " + max + ", step " + step + ", initial " + initial);
        }
        sliders.add(new Slider(column, min, max, step, initial, label));
        return this;
    }

    /** The columns shown when the pointer rests on a mark. */
    public VegaChart tooltip(String... columns) {
        tooltips.addAll(List.of(columns));
        return this;
    }

    /** A rectangle the reader drags over x and y; marks outside it turn grey. */
    public VegaChart brush() {
        brush = true;
        return this;
    }

    /** A brush that starts on the region [x0, x1] x [y0, y1] (e.g. what a coarse-to-fine zoom keeps). */
    public VegaChart brush(double x0, double x1, double y0, double y1) {
        if (!Double.isFinite(x0) || !Double.isFinite(x1) || !Double.isFinite(y0) || !Double.isFinite(y1)
                || !(x0 <= x1) || !(y0 <= y1)) {
            throw new IllegalArgumentException(where(null) + "brush(" + x0 + ", " + x1 + ", " + y0 + ", " + y1
                    + "): the starting region needs finite corners with x0 <= x1 and y0 <= y1");
        }
        brush = true;
        brushInitial = new double[] {x0, x1, y0, y1};
        return this;
    }

    /**
     * Checks the description: data present, columns of one length, all numbers finite, encodings naming existing
     * columns of the right kind. Throws IllegalArgumentException naming the chart and the series.
     */
    public void validate() {
        ChartChecks.validate(this);
    }

    /** The Vega-Lite v5 spec: data inline, every slider and brush as a parameter. Validates first. */
    public JsonObject spec() {
        validate();
        return VegaSpec.of(this);
    }

    // Package-private views for the spec, the PNG fallback and the tests.

    Map<String, double[]> numbers() {
        return numbers;
    }

    Map<String, String[]> texts() {
        return texts;
    }

    Map<String, Channel> channels() {
        return channels;
    }

    List<Slider> sliders() {
        return sliders;
    }

    Mark markType() {
        return mark;
    }

    boolean xLogarithmic() {
        return xLog;
    }

    boolean yLogarithmic() {
        return yLog;
    }

    double[] xDomain() {
        return xDomain;
    }

    double[] yDomain() {
        return yDomain;
    }

    String subtitle() {
        return subtitle;
    }

    String takeaway() {
        return takeaway;
    }

    List<String> tooltips() {
        return tooltips;
    }

    boolean hasBrush() {
        return brush;
    }

    double[] brushInitial() {
        return brushInitial;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    int rows() {
        return lengths().values().iterator().next();
    }

    private VegaChart encode(String channel, String column, String title) {
        if (!numbers.containsKey(column) && !texts.containsKey(column)) {
            throw new IllegalArgumentException(where(column) + "is not a series of the chart; add it with column(...) "
                    + "before encoding it as " + channel + " (columns: " + columnNames() + ")");
        }
        channels.put(channel, new Channel(column, title, numbers.containsKey(column)));
        return this;
    }

    Map<String, Integer> lengths() {
        Map<String, Integer> lengths = new LinkedHashMap<>();
        numbers.forEach((k, v) -> lengths.put(k, v.length));
        texts.forEach((k, v) -> lengths.put(k, v.length));
        return lengths;
    }

    List<String> columnNames() {
        List<String> names = new ArrayList<>(numbers.keySet());
        names.addAll(texts.keySet());
        return names;
    }

    private void requireNew(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException(where(null) + "a series needs a name");
        }
        if (numbers.containsKey(column) || texts.containsKey(column)) {
            throw new IllegalArgumentException(where(column) + "is added twice");
        }
    }

    /** "chart 'name': " or "chart 'name', series 'column': ", the start of every message. */
    String where(String column) {
        return "chart '" + name + "'" + (column == null ? ": " : ", series '" + column + "': ");
    }
}
