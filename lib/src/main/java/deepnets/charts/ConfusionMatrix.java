package deepnets.charts;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.ConfusionMatrixCount;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * The confusion matrix of a classifier: how often each true class was predicted as each class,
 * counted and drawn with the counts written in the cells.
 *
 * <p>Used in notebooks/solutions/08-putting-it-together.ipynb.
 */
public final class ConfusionMatrix {

    /** The most classes {@link #count} accepts (a (K, K) array of ints). */
    public static final int MAX_CLASSES = 2000;
    /** The most classes {@link #draw} accepts: each cell needs room for its count. */
    public static final int MAX_DRAWN_CLASSES = 100;

    private ConfusionMatrix() {
    }

    /**
     * {@code counts[t][p]} = number of examples i with {@code truth[i] == t} and {@code pred[i] == p}.
     *
     * @param truth      true classes, shape (N,), each in 0..K-1; not modified
     * @param pred       predicted classes, shape (N,), each in 0..K-1; not modified
     * @param numClasses K, 1..{@value #MAX_CLASSES}
     * @return a new (K, K) array; row = true class, column = predicted class
     */
    @Solves(ConfusionMatrixCount.class)
    public static int[][] count(int[] truth, int[] pred, int numClasses) {
        EntryPoints.entered();
        String op = "ConfusionMatrix.count";
        Inputs.requirePositiveCount(op, "numClasses", numClasses);
        if (numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException(op + ": numClasses is " + numClasses + "; at most " + MAX_CLASSES
                    + " classes can be counted in a (K, K) table.");
        }
        if (truth == null || pred == null) {
            throw new IllegalArgumentException(op + ": truth or pred is null; pass two label arrays of the same length.");
        }
        if (truth.length != pred.length) {
            throw new IllegalArgumentException(op + ": truth has " + truth.length + " labels but pred has "
                    + pred.length + "; pass one prediction per example.");
        }
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < truth.length; i++) {
            requireClass(op, "truth", i, truth[i], numClasses);
            requireClass(op, "pred", i, pred[i], numClasses);
            counts[truth[i]][pred[i]]++;
        }
        return counts;
    }

    /**
     * The matrix as shaded cells with their counts, rows = true class, columns = predicted class.
     *
     * @param counts a square (K, K) array of non-negative counts, K at most {@value #MAX_DRAWN_CLASSES},
     *               e.g. from {@link #count}; not modified
     * @return a new picture, about 540 x 500 pixels
     */
    public static BufferedImage draw(String title, int[][] counts) {
        String op = "ConfusionMatrix.draw";
        Inputs.requireText(op, "title", title);
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException(op + ": counts is empty; pass a (K, K) array with K >= 1.");
        }
        int k = counts.length;
        if (k > MAX_DRAWN_CLASSES) {
            throw new IllegalArgumentException(op + ": counts is " + k + " x " + k + "; at most " + MAX_DRAWN_CLASSES
                    + " classes can be drawn with readable counts. Draw a subset of the classes.");
        }
        int max = 0;
        for (int t = 0; t < k; t++) {
            if (counts[t] == null || counts[t].length != k) {
                throw new IllegalArgumentException(op + ": counts has " + k + " rows but row " + t + " has "
                        + (counts[t] == null ? "none (null)" : counts[t].length) + " entries; it must be square (K, K).");
            }
            for (int p = 0; p < k; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException(op + ": counts[" + t + "][" + p + "] is " + counts[t][p]
                            + "; counts cannot be negative.");
                }
                max = Math.max(max, counts[t][p]);
            }
        }
        int cell = Math.max(24, Math.min(64, 380 / k));
        int left = 84;
        int top = 50;
        int width = left + k * cell + 40;
        int height = top + k * cell + 60;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        Style.prepare(g, width, height);
        Frame.drawTitle(g, width, title);
        g.setFont(Style.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        Color dark = Style.PALETTE[0];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                double share = max == 0 ? 0 : (double) counts[t][p] / max;
                int x = left + p * cell;
                int y = top + t * cell;
                g.setColor(Style.light(dark, 1 - share));
                g.fillRect(x, y, cell, cell);
                g.setColor(Style.GRID);
                g.drawRect(x, y, cell, cell);
                String s = Integer.toString(counts[t][p]);
                g.setColor(share > 0.5 ? Color.WHITE : Style.TEXT);
                g.drawString(s, x + (cell - fm.stringWidth(s)) / 2, y + (cell + fm.getAscent()) / 2 - 2);
            }
            String c = Integer.toString(t);
            g.setColor(Style.TEXT);
            g.drawString(c, left + t * cell + (cell - fm.stringWidth(c)) / 2, top + k * cell + 4 + fm.getAscent());
            g.drawString(c, left - 8 - fm.stringWidth(c), top + t * cell + (cell + fm.getAscent()) / 2 - 2);
        }
        g.setFont(Style.LABEL_FONT);
        fm = g.getFontMetrics();
        g.drawString("predicted", left + (k * cell - fm.stringWidth("predicted")) / 2, top + k * cell + 44);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString("true", -(top + (k * cell + fm.stringWidth("true")) / 2), left - 40);
        g.setTransform(saved);
        g.dispose();
        return Describe.described(out, PictureText.confusion(title, counts));
    }

    private static void requireClass(String op, String name, int i, int label, int numClasses) {
        if (label < 0 || label >= numClasses) {
            throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is " + label + " but numClasses is "
                    + numClasses + ", so labels must be 0.." + (numClasses - 1) + ".");
        }
    }
}
