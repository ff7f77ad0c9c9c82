package deepnets.check;

import java.util.Locale;

/**
 * Formatting of numbers and shapes in check messages.
 *
 * <p>Plumbing of {@code Check}, used in every notebook from notebooks/solutions/00-start-here.ipynb on.
 */
final class Numbers {

    private Numbers() {
    }

    /** {@code v} with up to 8 significant digits and no trailing zeros: 0.25, 1e-06, 3, NaN. */
    static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.8g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        String exponent = e < 0 ? "" : s.substring(e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    /** The index as a student writes it: {@code [j]} for a vector, {@code [i][j]} for a matrix. */
    static String index(boolean vector, int i, int j) {
        return vector ? "[" + j + "]" : "[" + i + "][" + j + "]";
    }
}
