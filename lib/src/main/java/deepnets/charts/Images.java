package deepnets.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

import deepnets.core.Require;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Pictures drawn straight into a {@link BufferedImage} (the kernel shows one as PNG): decision
 * regions of a classifier, an objective landscape with trial points, a grid of digit images, and
 * several charts side by side.
 *
 * <p>Used from notebooks/solutions/01-tuning-process.ipynb on.
 */
public final class Images {

    private static final int GAP = 12;
    /** The most pixels of one picture (64 MB of RGB), so a wrong size fails before allocating. */
    public static final long MAX_PIXELS = 16_000_000L;
    /** The finest decision-region grid: resolution^2 points go through the classifier in one batch. */
    public static final int MAX_RESOLUTION = 1000;
    private static final Color[] OVERLAY = {Color.WHITE, Style.PALETTE[1], Style.PALETTE[3], Color.BLACK};

    private Images() {
    }

    /**
     * The chart rendered at its own size. Not modified.
     *
     * @throws IllegalStateException naming the chart if XChart cannot draw it
     */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        Require.notNull("Images.toImage", "chart", chart);
        Require.size("Images.toImage", "the chart's pixels (" + chart.getWidth() + " x " + chart.getHeight() + ")",
                (long) chart.getWidth() * chart.getHeight(), MAX_PIXELS);
        try {
            return BitmapEncoder.getBufferedImage(chart);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Images.toImage: XChart could not draw the chart \"" + chart.getTitle()
                    + "\": " + e, e);
        }
    }

    /** Charts next to each other in one row, e.g. "grid search" beside "random search". Not modified. */
    public static BufferedImage sideBySide(Chart<?, ?>... charts) {
        if (charts == null || charts.length == 0) {
            throw new IllegalArgumentException("Images.sideBySide: no charts given; pass at least one chart.");
        }
        Require.noNulls("Images.sideBySide", "charts", charts);
        BufferedImage[] images = new BufferedImage[charts.length];
        for (int i = 0; i < charts.length; i++) {
            images[i] = toImage(charts[i]);
        }
        return grid(charts.length, images);
    }

    /**
     * Pictures in a grid, row by row, {@code columns} per row; each cell as large as the largest picture.
     *
     * @param columns pictures per row, at least 1
     * @param images  the pictures; not modified
     * @return a new picture of at most {@link #MAX_PIXELS} pixels
     */
    public static BufferedImage grid(int columns, BufferedImage... images) {
        Inputs.requirePositiveCount("Images.grid", "columns", columns);
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException("Images.grid: no pictures given; pass at least one.");
        }
        Require.noNulls("Images.grid", "images", images);
        int cellW = 0;
        int cellH = 0;
        for (BufferedImage im : images) {
            cellW = Math.max(cellW, im.getWidth());
            cellH = Math.max(cellH, im.getHeight());
        }
        int cols = Math.min(columns, images.length);
        int rows = (images.length + cols - 1) / cols;
        long wide = (long) cols * cellW + (long) (cols - 1) * GAP;
        long high = (long) rows * cellH + (long) (rows - 1) * GAP;
        Require.size("Images.grid", "the grid's pixels (" + wide + " x " + high + ")", wide * high, MAX_PIXELS);
        int w = (int) wide;
        int h = (int) high;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, w, h);
        for (int i = 0; i < images.length; i++) {
            g.drawImage(images[i], (i % cols) * (cellW + GAP), (i / cols) * (cellH + GAP), null);
        }
        g.dispose();
        return out;
    }

    /**
     * The regions where a 2-D classifier predicts each class, with the labelled points on top.
     *
     * <p>The classifier is called once, on the {@code resolution^2} centres of a grid over the data
     * (padded by 10%), so it should predict a whole batch: {@code (M, 2) -> (M,)}.
     *
     * @param classifier predicts a label in 0..K-1 for each row of a batch of shape (M, 2)
     * @param x          points, shape (N, 2); not modified
     * @param labels     their classes, shape (N,), each in 0..7 (one palette colour per class); not modified
     * @param resolution grid cells per axis, 2..{@value #MAX_RESOLUTION}
     * @return a new 640 x 400 picture
     */
    public static BufferedImage decisionRegions(String title, String xLabel, String yLabel,
            Function<double[][], int[]> classifier, double[][] x, int[] labels, int resolution) {
        String op = "Images.decisionRegions";
        Inputs.requireTitles(op, title, xLabel, yLabel);
        Require.notNull(op, "classifier", classifier);
        requirePoints(op, x);
        if (labels == null || labels.length != x.length) {
            throw new IllegalArgumentException(op + ": x has " + x.length + " points but labels has "
                    + (labels == null ? "none (null)" : labels.length + " entries") + "; pass one label per point.");
        }
        if (resolution < 2 || resolution > MAX_RESOLUTION) {
            throw new IllegalArgumentException(op + ": resolution is " + resolution + "; use 2.." + MAX_RESOLUTION
                    + " cells per axis (the classifier gets resolution^2 points).");
        }
        for (int i = 0; i < labels.length; i++) {
            requireClass(op, "labels[" + i + "]", labels[i]);
        }
        Range xr = padded(op, x, 0);
        Range yr = padded(op, x, 1);
        double[][] centres = new double[resolution * resolution][2];
        for (int r = 0; r < resolution; r++) {
            double cy = yr.at((resolution - r - 0.5) / resolution);
            for (int c = 0; c < resolution; c++) {
                double[] p = centres[r * resolution + c];
                p[0] = xr.at((c + 0.5) / resolution);
                p[1] = cy;
            }
        }
        int[] predicted = classifier.apply(centres);
        if (predicted == null || predicted.length != centres.length) {
            throw new IllegalArgumentException(op + ": the classifier was given " + centres.length
                    + " points but returned " + (predicted == null ? "null" : predicted.length + " labels")
                    + "; it must return one label per row of its input.");
        }
        BufferedImage cells = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        int[] shades = new int[Style.PALETTE.length];
        for (int k = 0; k < shades.length; k++) {
            shades[k] = Style.light(Style.PALETTE[k], 0.72).getRGB();
        }
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] < 0 || predicted[i] >= shades.length) {
                requireClass(op, "the classifier's prediction at " + pointText(centres[i]), predicted[i]);
            }
            cells.setRGB(i % resolution, i / resolution, shades[predicted[i]]);
        }
        BufferedImage out = new BufferedImage(Style.WIDTH, Style.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, Style.WIDTH, Style.HEIGHT);
        Frame f = new Frame(Style.WIDTH, Style.HEIGHT, 20, xr, yr);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cells, f.left, f.top, f.width, f.height, null);
        g.setStroke(new BasicStroke(1f));
        for (int i = 0; i < x.length; i++) {
            dot(g, f.px(x[i][0]), f.py(x[i][1]), 7, Style.color(labels[i]), Color.WHITE);
        }
        f.decorate(g, Style.WIDTH, title, xLabel, yLabel);
        g.dispose();
        return out;
    }

    /**
     * An objective {@code f(x, y)} as a colour map over a rectangle, with groups of points on top;
     * e.g. 25 grid-search trials beside 25 random-search trials where only one axis matters.
     *
     * @param f      the objective; called on a 160 x 160 grid
     * @param xRange the x interval shown
     * @param yRange the y interval shown
     * @param groups points drawn on top (white, orange, pink, black), in legend order; not modified
     * @return a new 640 x 400 picture with a colour bar
     */
    public static BufferedImage landscape(String title, String xLabel, String yLabel, DoubleBinaryOperator f,
            Range xRange, Range yRange, Points... groups) {
        String op = "Images.landscape";
        Inputs.requireTitles(op, title, xLabel, yLabel);
        Require.notNull(op, "f", f);
        Require.notNull(op, "xRange", xRange);
        Require.notNull(op, "yRange", yRange);
        if (groups != null) {
            Require.noNulls(op, "groups", groups);
        }
        int n = 160;
        double[] values = new double[n * n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            double vy = yRange.at((n - r - 0.5) / n);
            for (int c = 0; c < n; c++) {
                double vx = xRange.at((c + 0.5) / n);
                double v = f.applyAsDouble(vx, vy);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(op + ": f(" + vx + ", " + vy + ") is " + v
                            + "; the objective must be finite on the whole rectangle.");
                }
                values[r * n + c] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        // halves keep max - min finite even for values near Double.MAX_VALUE
        double span = max > min ? max / 2 - min / 2 : 1;
        BufferedImage cells = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < values.length; i++) {
            cells.setRGB(i % n, i / n, Colormap.rgb((values[i] / 2 - min / 2) / span));
        }
        BufferedImage out = new BufferedImage(Style.WIDTH, Style.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, Style.WIDTH, Style.HEIGHT);
        Frame fr = new Frame(Style.WIDTH, Style.HEIGHT, 90, xRange, yRange);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(cells, fr.left, fr.top, fr.width, fr.height, null);
        drawColourBar(g, fr, min, max);
        if (groups != null) {
            int legendY = fr.top + 8;
            for (int k = 0; k < groups.length; k++) {
                Points p = groups[k];
                Color c = OVERLAY[k % OVERLAY.length];
                for (int i = 0; i < p.x().length; i++) {
                    dot(g, fr.px(p.x()[i]), fr.py(p.y()[i]), 8, c, Color.BLACK);
                }
                legendY = legendEntry(g, fr.left + 8, legendY, c, p.name());
            }
        }
        fr.decorate(g, Style.WIDTH, title, xLabel, yLabel);
        g.dispose();
        return out;
    }

    /**
     * 8 x 8 greyscale digit images in a grid with a caption under each, e.g. "true 3 / pred 8".
     * Each image is scaled from its own darkest to brightest pixel, so raw 0..16 values and
     * standardized values look the same; ink is dark on white.
     *
     * @param images   shape (N, 64), one row of 8 x 8 pixels per image, row by row; not modified
     * @param captions shape (N,), or {@code null} for none; not modified
     * @param columns  images per row, at least 1
     * @return a new picture
     */
    public static BufferedImage digits(String title, double[][] images, String[] captions, int columns) {
        String op = "Images.digits";
        Inputs.requireText(op, "title", title);
        Inputs.requirePositiveCount(op, "columns", columns);
        if (images == null || images.length == 0) {
            throw new IllegalArgumentException(op + ": no images given; pass at least one row of 64 pixels.");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != 64) {
                throw new IllegalArgumentException(op + ": image " + i + " has "
                        + (images[i] == null ? "no pixels (null)" : images[i].length + " pixels")
                        + " but an 8 x 8 digit has 64; pass rows of shape (64,).");
            }
        }
        Require.finite(op, "images", images);
        if (captions != null && captions.length != images.length) {
            throw new IllegalArgumentException(op + ": there are " + images.length + " images but "
                    + captions.length + " captions; pass one caption per image, or null for none.");
        }
        if (captions != null) {
            Require.noNulls(op, "captions", captions);
        }
        int scale = 8;
        int side = 8 * scale;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(Style.TICK_FONT);
        FontMetrics fm = pg.getFontMetrics();
        int cellW = side;
        if (captions != null) {
            for (String c : captions) {
                cellW = Math.max(cellW, fm.stringWidth(c));
            }
        }
        pg.dispose();
        cellW += GAP;
        int captionH = captions == null ? 0 : fm.getHeight() + 2;
        int cellH = side + captionH + GAP;
        int cols = Math.min(columns, images.length);
        int rows = (images.length + cols - 1) / cols;
        int titleH = 40;
        long wide = Math.max((long) cols * cellW + GAP, titleWidth(title) + 2L * GAP);
        long high = titleH + (long) rows * cellH;
        Require.size(op, "the picture's pixels (" + wide + " x " + high + ")", wide * high, MAX_PIXELS);
        int w = (int) wide;
        int h = (int) high;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, w, h);
        Frame.drawTitle(g, w, title);
        int x0 = (w - cols * cellW) / 2;
        BufferedImage pixels = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setFont(Style.TICK_FONT);
        for (int k = 0; k < images.length; k++) {
            double[] im = images[k];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : im) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            double span = hi > lo ? hi / 2 - lo / 2 : 1;
            for (int p = 0; p < 64; p++) {
                int grey = 255 - (int) Math.round(255 * (im[p] / 2 - lo / 2) / span);
                pixels.setRGB(p % 8, p / 8, (grey << 16) | (grey << 8) | grey);
            }
            int cx = x0 + (k % cols) * cellW;
            int cy = titleH + (k / cols) * cellH;
            int ix = cx + (cellW - side) / 2;
            g.drawImage(pixels, ix, cy, side, side, null);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(ix - 1, cy - 1, side + 1, side + 1);
            if (captions != null) {
                g.setColor(Style.TEXT);
                g.drawString(captions[k], cx + (cellW - fm.stringWidth(captions[k])) / 2, cy + side + 2 + fm.getAscent());
            }
        }
        g.dispose();
        return out;
    }

    private static int titleWidth(String title) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        g.setFont(Style.TITLE_FONT);
        int w = g.getFontMetrics().stringWidth(title);
        g.dispose();
        return w;
    }

    private static void drawColourBar(Graphics2D g, Frame fr, double min, double max) {
        int bx = fr.left + fr.width + 18;
        int bw = 16;
        for (int p = 0; p < fr.height; p++) {
            g.setColor(new Color(Colormap.rgb(1 - (double) p / (fr.height - 1))));
            g.drawLine(bx, fr.top + p, bx + bw, fr.top + p);
        }
        g.setColor(Color.GRAY);
        g.drawRect(bx, fr.top, bw, fr.height);
        g.setFont(Style.TICK_FONT);
        g.setColor(Style.TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(compact(max), bx + bw + 4, fr.top + fm.getAscent() - 2);
        g.drawString(compact(min), bx + bw + 4, fr.top + fr.height);
    }

    private static int legendEntry(Graphics2D g, int x, int y, Color c, String name) {
        g.setFont(Style.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(255, 255, 255, 200));
        g.fillRect(x, y, fm.stringWidth(name) + 26, fm.getHeight() + 4);
        dot(g, x + 9, y + 2 + fm.getHeight() / 2.0, 8, c, Color.BLACK);
        g.setColor(Style.TEXT);
        g.drawString(name, x + 20, y + 2 + fm.getAscent());
        return y + fm.getHeight() + 6;
    }

    private static void dot(Graphics2D g, double cx, double cy, double d, Color fill, Color edge) {
        Ellipse2D e = new Ellipse2D.Double(cx - d / 2, cy - d / 2, d, d);
        g.setColor(fill);
        g.fill(e);
        g.setColor(edge);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(e);
    }

    private static String compact(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String pointText(double[] p) {
        return String.format(Locale.ROOT, "(%.3g, %.3g)", p[0], p[1]);
    }

    private static void requirePoints(String op, double[][] x) {
        if (x == null || x.length == 0) {
            throw new IllegalArgumentException(op + ": x has no points; pass at least one row (x1, x2).");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != 2) {
                throw new IllegalArgumentException(op + ": x[" + i + "] has "
                        + (x[i] == null ? "no entries (null)" : x[i].length + " entries")
                        + " but a point in the plane has 2; x must have shape (N, 2).");
            }
            if (!Double.isFinite(x[i][0]) || !Double.isFinite(x[i][1])) {
                throw new IllegalArgumentException(op + ": x[" + i + "] is " + pointText(x[i]) + "; points must be finite.");
            }
        }
    }

    private static void requireClass(String op, String what, int label) {
        if (label < 0 || label >= Style.PALETTE.length) {
            throw new IllegalArgumentException(op + ": " + what + " is " + label + " but classes must be 0.."
                    + (Style.PALETTE.length - 1) + " (one colour each).");
        }
    }

    /**
     * The range of column {@code j} of x, padded by 10% on each side (by 1, or 10% of the value, if all
     * values are equal).
     */
    private static Range padded(String op, double[][] x, int j) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : x) {
            lo = Math.min(lo, row[j]);
            hi = Math.max(hi, row[j]);
        }
        double pad = hi > lo ? 0.1 * (hi - lo) : Math.max(1, 0.1 * Math.abs(lo));
        double a = lo - pad;
        double b = hi + pad;
        if (!Double.isFinite(pad) || !Double.isFinite(b - a)) {
            throw new IllegalArgumentException(op + ": column " + j + " of x spans [" + lo + ", " + hi
                    + "], too wide to draw; rescale the points.");
        }
        return new Range(a, b);
    }
}
