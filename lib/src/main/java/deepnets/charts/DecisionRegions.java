package deepnets.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.Function;

import deepnets.core.Require;

/**
 * The picture behind {@link Images#decisionRegions}: a classifier's regions with the labelled points on top.
 *
 * <p>Used in notebooks/solutions/07-softmax-regression.ipynb.
 */
final class DecisionRegions {

    private DecisionRegions() {
    }

    static BufferedImage draw(String title, String xLabel, String yLabel,
            Function<double[][], int[]> classifier, double[][] x, int[] labels, int resolution) {
        String op = "Images.decisionRegions";
        Inputs.requireTitles(op, title, xLabel, yLabel);
        Require.notNull(op, "classifier", classifier);
        requirePoints(op, x);
        if (labels == null || labels.length != x.length) {
            throw new IllegalArgumentException(op + ": x has " + x.length + " points but labels has "
                    + (labels == null ? "none (null)" : labels.length + " entries") + "; pass one label per point.");
        }
        if (resolution < 2 || resolution > Images.MAX_RESOLUTION) {
            throw new IllegalArgumentException(op + ": resolution is " + resolution + "; use 2.."
                    + Images.MAX_RESOLUTION + " cells per axis (the classifier gets resolution^2 points).");
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
            // Each class has its own marker shape as well as its own colour.
            Style.marker(g, labels[i], f.px(x[i][0]), f.py(x[i][1]), 7, Style.color(labels[i]), Color.WHITE);
        }
        f.decorate(g, Style.WIDTH, title, xLabel, yLabel);
        g.dispose();
        return Describe.described(out, PictureText.decisionRegions(title, xLabel, yLabel, xr, yr, resolution,
                predicted, x, labels));
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
