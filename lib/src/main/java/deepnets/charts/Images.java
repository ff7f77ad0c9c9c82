package deepnets.charts;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
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

    /** The most pixels of one picture (64 MB of RGB), so a wrong size fails before allocating. */
    public static final long MAX_PIXELS = 16_000_000L;
    /** The finest decision-region grid: resolution^2 points go through the classifier in one batch. */
    public static final int MAX_RESOLUTION = 1000;

    private Images() {
    }

    /**
     * The chart rendered at its own size, with tick labels that do not run together ({@link Ticks}). Not modified.
     *
     * @throws IllegalStateException naming the chart if XChart cannot draw it
     */
    public static BufferedImage toImage(Chart<?, ?> chart) {
        Require.notNull("Images.toImage", "chart", chart);
        Require.size("Images.toImage", "the chart's pixels (" + chart.getWidth() + " x " + chart.getHeight() + ")",
                (long) chart.getWidth() * chart.getHeight(), MAX_PIXELS);
        try {
            return Describe.described(Ticks.legible(chart, () -> BitmapEncoder.getBufferedImage(chart)), Describe.of(chart));
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
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < charts.length; i++) {
            images[i] = toImage(charts[i]);
            parts.add(Describe.of(charts[i]));
        }
        return Describe.described(grid(charts.length, images), parts.size() == 1 ? parts.get(0)
                : PictureText.combined(charts.length + " charts side by side, left to right:", parts));
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
        long wide = (long) cols * cellW + (long) (cols - 1) * Style.GAP;
        long high = (long) rows * cellH + (long) (rows - 1) * Style.GAP;
        Require.size("Images.grid", "the grid's pixels (" + wide + " x " + high + ")", wide * high, MAX_PIXELS);
        int w = (int) wide;
        int h = (int) high;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, w, h);
        for (int i = 0; i < images.length; i++) {
            g.drawImage(images[i], (i % cols) * (cellW + Style.GAP), (i / cols) * (cellH + Style.GAP), null);
        }
        g.dispose();
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (BufferedImage im : images) {
            parts.add(Describe.of(im));
        }
        return Describe.described(out, parts.size() == 1 ? parts.get(0) : PictureText.combined(images.length
                + " pictures in " + rows + (rows == 1 ? " row" : " rows") + " of up to " + cols + ", row by row:", parts));
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
        return DecisionRegions.draw(title, xLabel, yLabel, classifier, x, labels, resolution);
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
        return Landscape.draw(title, xLabel, yLabel, f, xRange, yRange, groups);
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
        return DigitGrid.draw(title, images, captions, columns);
    }
}
