package deepnets.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.AxesChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look shared by every chart and image of the package.
 *
 * <p>Used from notebooks/solutions/01-tuning-process.ipynb on.
 */
final class Style {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    /** Pixels between the pictures of a grid. */
    static final int GAP = 12;

    /** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0),
    };

    static final Color TEXT = new Color(33, 33, 33);
    static final Color GRID = new Color(225, 225, 225);

    /** Logical "SansSerif" maps to DejaVu Sans on Debian and to a similar face elsewhere. */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private Style() {
    }

    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** {@code c} mixed with white: {@code amount} 0 keeps c, 1 gives white. */
    static Color light(Color c, double amount) {
        return new Color(mix(c.getRed(), amount), mix(c.getGreen(), amount), mix(c.getBlue(), amount));
    }

    private static int mix(int channel, double amount) {
        return (int) Math.round(channel + (255 - channel) * amount);
    }

    /** Applies the shared look to an XChart axes chart and sets its titles. */
    static <C extends AxesChart<? extends AxesChartStyler, ?>> C apply(C chart, String title, String xLabel, String yLabel) {
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(GRID);
        s.setChartFontColor(TEXT);
        s.setChartTitleFont(TITLE_FONT);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(LABEL_FONT);
        s.setAxisTickLabelsFont(TICK_FONT);
        s.setLegendFont(TICK_FONT);
        s.setAnnotationTextFont(TICK_FONT);
        s.setAnnotationTextFontColor(TEXT);
        s.setAnnotationLineColor(Color.DARK_GRAY);
        s.setAnnotationLineStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f));
        // Below the plot the legend never hides data, whatever the curves do.
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(7);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        return chart;
    }

    /** Turns on anti-aliasing and fills the background white; used by every Graphics2D picture. */
    static void prepare(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    /** Marker shapes in series order, so that series differ by shape as well as by colour. */
    static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS, SeriesMarkers.PLUS,
        SeriesMarkers.OVAL};
    /** Line styles in series order: solid, dashed, dotted, dash-dot, repeating. */
    static final BasicStroke[] LINES = {SeriesLines.SOLID, SeriesLines.DASH_DASH, SeriesLines.DOT_DOT,
        SeriesLines.DASH_DOT};

    /**
     * Makes series {@code k} differ from the others by more than colour: its own marker (if it has markers)
     * and, for a line, its own dash pattern. The legend shows both. XChart gives series k colour k mod 8;
     * the dash pattern and the marker advance once more every 8 series, so that no two of the first 32 series
     * share both colour and dash, and from series 32 on each also gets a marker even on a long curve.
     */
    static void distinguish(XYSeries s, int k, boolean markers, boolean line) {
        int round = k / PALETTE.length;
        s.setMarker(markers || k >= PALETTE.length * LINES.length ? MARKERS[(k + round) % MARKERS.length] : SeriesMarkers.NONE);
        if (line) {
            s.setLineStyle(LINES[(k + round) % LINES.length]);
        }
    }

    /** Padding of the legend: XChart's default 10 makes a legend of many series needlessly tall. */
    private static final int LEGEND_PADDING = 6;
    /** The height of one entry of a vertical legend (text line plus padding); measured from XChart's drawing. */
    private static final int LEGEND_ROW = 21;

    /**
     * The chart height that leaves room for a legend of {@code names}: {@link #HEIGHT}, or more when the names
     * do not fit in one row below the plot and a column beside it is taller than the default height.
     */
    static int heightFor(java.util.Collection<String> names) {
        if (legendFitsInOneRow(names)) {
            return HEIGHT;
        }
        return Math.max(HEIGHT, 2 * LEGEND_PADDING + 40 + names.size() * LEGEND_ROW);
    }

    private static boolean legendFitsInOneRow(java.util.Collection<String> names) {
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        double width = LEGEND_PADDING;
        for (String n : names) {
            width += TICK_FONT.getStringBounds(n, frc).getWidth() + 24 + 3 * LEGEND_PADDING;
        }
        return width <= WIDTH - 2 * LEGEND_PADDING;
    }

    /** A legend below the plot when its entries fit in one row, else a column to the right of the plot. */
    static void legendFor(XYChart chart) {
        java.util.List<String> names = new java.util.ArrayList<>();
        for (XYSeries series : chart.getSeriesCollection()) {
            names.add(series.getName());
        }
        chart.getStyler().setLegendPadding(LEGEND_PADDING);
        if (!legendFitsInOneRow(names)) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
    }

    /**
     * A point marker of shape {@code k} (circle, square, diamond, triangle, repeating) centred on (cx, cy),
     * about {@code d} pixels across, filled and outlined: groups differ by shape as well as by colour.
     */
    static void marker(Graphics2D g, int k, double cx, double cy, double d, Color fill, Color edge) {
        double r = d / 2;
        java.awt.Shape shape = switch (k % 4) {
            case 1 -> new java.awt.geom.Rectangle2D.Double(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8);
            case 2 -> polygon(new double[] {cx, cx + r * 1.2, cx, cx - r * 1.2}, new double[] {cy - r * 1.2, cy, cy + r * 1.2, cy});
            case 3 -> polygon(new double[] {cx, cx + r * 1.15, cx - r * 1.15}, new double[] {cy - r * 1.2, cy + r, cy + r});
            default -> new Ellipse2D.Double(cx - r, cy - r, d, d);
        };
        g.setColor(fill);
        g.fill(shape);
        g.setColor(edge);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(shape);
    }

    private static java.awt.geom.Path2D polygon(double[] xs, double[] ys) {
        java.awt.geom.Path2D.Double p = new java.awt.geom.Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        p.closePath();
        return p;
    }

    /** A point marker: a disc of diameter {@code d} centred on (cx, cy), filled and outlined. */
    static void dot(Graphics2D g, double cx, double cy, double d, Color fill, Color edge) {
        Ellipse2D e = new Ellipse2D.Double(cx - d / 2, cy - d / 2, d, d);
        g.setColor(fill);
        g.fill(e);
        g.setColor(edge);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(e);
    }
}
