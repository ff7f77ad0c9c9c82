package deepnets.charts;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

import deepnets.core.Require;

/**
 * The picture behind {@link Images#landscape}: an objective as a colour map with groups of points on top.
 *
 * <p>Used in notebooks/solutions/01-tuning-process.ipynb.
 */
final class Landscape {

    private static final Color[] OVERLAY = {Color.WHITE, Style.PALETTE[1], Style.PALETTE[3], Color.BLACK};

    private Landscape() {
    }

    static BufferedImage draw(String title, String xLabel, String yLabel, DoubleBinaryOperator f,
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
        double[] argMin = null;
        double[] argMax = null;
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
                if (v < min) {
                    min = v;
                    argMin = new double[] {vx, vy};
                }
                if (v > max) {
                    max = v;
                    argMax = new double[] {vx, vy};
                }
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
                    Style.marker(g, k, fr.px(p.x()[i]), fr.py(p.y()[i]), 8, c, Color.BLACK);
                }
                legendY = legendEntry(g, fr.left + 8, legendY, k, c, p.name());
            }
        }
        fr.decorate(g, Style.WIDTH, title, xLabel, yLabel);
        g.dispose();
        return Describe.described(out, PictureText.landscape(title, xLabel, yLabel, xRange, yRange, min, argMin, max,
                argMax, groups, f));
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

    private static int legendEntry(Graphics2D g, int x, int y, int k, Color c, String name) {
        g.setFont(Style.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(new Color(255, 255, 255, 200));
        g.fillRect(x, y, fm.stringWidth(name) + 26, fm.getHeight() + 4);
        Style.marker(g, k, x + 9, y + 2 + fm.getHeight() / 2.0, 8, c, Color.BLACK);
        g.setColor(Style.TEXT);
        g.drawString(name, x + 20, y + 2 + fm.getAscent());
        return y + fm.getHeight() + 6;
    }

    private static String compact(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
