package deepnets.charts;

/**
 * A perceptually even dark-blue to yellow colour scale (anchors close to matplotlib's viridis).
 *
 * <p>Plumbing of the chart classes; no notebook uses it directly.
 */
final class Colormap {

    private static final int[][] ANCHORS = {
        {68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37},
    };

    private Colormap() {
    }

    /** The colour at {@code t} in [0, 1] (clamped) as packed RGB. */
    static int rgb(double t) {
        double s = Math.min(1, Math.max(0, t)) * (ANCHORS.length - 1);
        int i = Math.min((int) s, ANCHORS.length - 2);
        double f = s - i;
        int[] a = ANCHORS[i];
        int[] b = ANCHORS[i + 1];
        int r = (int) Math.round(a[0] + (b[0] - a[0]) * f);
        int g = (int) Math.round(a[1] + (b[1] - a[1]) * f);
        int bl = (int) Math.round(a[2] + (b[2] - a[2]) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
