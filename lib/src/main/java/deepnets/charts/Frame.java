package deepnets.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.util.Locale;

/**
 * The plot rectangle of a Graphics2D picture with numeric axes: maps data to pixels and draws
 * the title, the axis labels and the tick marks in the shared look.
 *
 * <p>Used in notebooks/solutions/08-putting-it-together.ipynb.
 */
final class Frame {

    static final int LEFT = 78;
    static final int TOP = 44;
    static final int BOTTOM = 58;

    final int left;
    final int top;
    final int width;
    final int height;
    final Range x;
    final Range y;

    /** A plot rectangle in a picture of {@code pictureWidth x pictureHeight}, leaving {@code right} pixels on the right. */
    Frame(int pictureWidth, int pictureHeight, int right, Range x, Range y) {
        this.left = LEFT;
        this.top = TOP;
        this.width = pictureWidth - LEFT - right;
        this.height = pictureHeight - TOP - BOTTOM;
        this.x = x;
        this.y = y;
    }

    double px(double vx) {
        return left + x.fraction(vx) * width;
    }

    double py(double vy) {
        return top + (1 - y.fraction(vy)) * height;
    }

    /** Draws the border, ticks, tick labels, axis labels and the title; call after the plot content. */
    void decorate(Graphics2D g, int pictureWidth, String title, String xLabel, String yLabel) {
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, width, height);
        g.setFont(Style.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Style.TEXT);
        double step = xStep(fm);
        for (double t : ticks(x, step)) {
            int p = (int) Math.round(px(t));
            g.drawLine(p, top + height, p, top + height + 5);
            String s = tickLabel(t, step);
            g.drawString(s, p - fm.stringWidth(s) / 2, top + height + 7 + fm.getAscent());
        }
        step = niceStep(y.hi() - y.lo());
        for (double t : ticks(y, step)) {
            int p = (int) Math.round(py(t));
            g.drawLine(left - 5, p, left, p);
            String s = tickLabel(t, step);
            g.drawString(s, left - 8 - fm.stringWidth(s), p + fm.getAscent() / 2 - 1);
        }
        g.setFont(Style.LABEL_FONT);
        fm = g.getFontMetrics();
        g.drawString(xLabel, left + (width - fm.stringWidth(xLabel)) / 2, top + height + BOTTOM - 10);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(top + (height + fm.stringWidth(yLabel)) / 2), 20);
        g.setTransform(saved);
        drawTitle(g, pictureWidth, title);
    }

    /** The title centred at the top, as on the XChart charts. */
    static void drawTitle(Graphics2D g, int pictureWidth, String title) {
        g.setFont(Style.TITLE_FONT);
        g.setColor(Style.TEXT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (pictureWidth - fm.stringWidth(title)) / 2, 10 + fm.getAscent());
    }

    /** A step of 1, 2 or 5 times a power of ten that gives 4 to 10 ticks over {@code span}. */
    static double niceStep(double span) {
        double raw = span / 6;
        double base = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / base;
        return base * (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10);
    }

    /** Pixels of white space at least between two neighbouring x tick labels: half the tick font's size. */
    static final double LABEL_GAP = Style.TICK_FONT.getSize() / 2.0;

    /**
     * The x tick step: {@link #niceStep}, widened to the next 1-2-5 step while two neighbouring labels (long ones
     * such as "-4.000e-08") would come closer than {@link #LABEL_GAP} pixels.
     */
    double xStep(FontMetrics fm) {
        double step = niceStep(x.hi() - x.lo());
        for (int widen = 0; widen < 12; widen++) {
            double[] t = ticks(x, step);
            boolean fits = true;
            for (int i = 1; i < t.length && fits; i++) {
                double room = px(t[i]) - px(t[i - 1]);
                fits = room - (fm.stringWidth(tickLabel(t[i - 1], step)) + fm.stringWidth(tickLabel(t[i], step))) / 2.0 >= LABEL_GAP;
            }
            if (fits) {
                return step;
            }
            double base = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
            double f = step / base;
            step = base * (f < 1.5 ? 2 : f < 3.5 ? 5 : 10);
        }
        return step;
    }

    /** At most this many ticks per axis; niceStep aims at 4 to 10. */
    static final int MAX_TICKS = 20;

    /**
     * The multiples of {@code step} inside the range, counted by index so the loop ends even where
     * {@code t + step == t} (a range narrower than its values' precision, e.g. 1e16 to 1e16 + 8).
     */
    static double[] ticks(Range r, double step) {
        if (!(step > 0) || !Double.isFinite(step)) {
            return new double[0];
        }
        double first = Math.ceil(r.lo() / step) * step;
        double[] out = new double[MAX_TICKS];
        int n = 0;
        for (int k = 0; k < MAX_TICKS; k++) {
            double t = first + k * step;
            if (t > r.hi() + step * 1e-9) {
                break;
            }
            out[n++] = t;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** {@code t} with as many decimals as the tick step needs, and no "-0"; very small or large ticks in %g. */
    static String tickLabel(double t, double step) {
        if (step < 1e-6 || Math.abs(t) >= 1e9) {
            return String.format(Locale.ROOT, "%.4g", t);
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", t);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
