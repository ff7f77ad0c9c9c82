package deepnets.charts;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

import deepnets.core.Require;

/**
 * The picture behind {@link Images#digits}: 8 x 8 greyscale digits in a grid, each with a caption.
 *
 * <p>Used in notebooks/solutions/03-pandas-vs-caviar.ipynb.
 */
final class DigitGrid {

    private DigitGrid() {
    }

    static BufferedImage draw(String title, double[][] images, String[] captions, int columns) {
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
        cellW += Style.GAP;
        int captionH = captions == null ? 0 : fm.getHeight() + 2;
        int cellH = side + captionH + Style.GAP;
        int cols = Math.min(columns, images.length);
        int rows = (images.length + cols - 1) / cols;
        int titleH = 40;
        long wide = Math.max((long) cols * cellW + Style.GAP, titleWidth(title) + 2L * Style.GAP);
        long high = titleH + (long) rows * cellH;
        Require.size(op, "the picture's pixels (" + wide + " x " + high + ")", wide * high, Images.MAX_PIXELS);
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
        return Describe.described(out, PictureText.digits(title, images.length, columns, captions));
    }

    private static int titleWidth(String title) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        g.setFont(Style.TITLE_FONT);
        int w = g.getFontMetrics().stringWidth(title);
        g.dispose();
        return w;
    }
}
