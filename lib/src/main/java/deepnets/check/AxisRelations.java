package deepnets.check;

import java.util.List;

/**
 * Relations along one axis, for {@link Diagnosis}: each column (or row) of the result is the expected
 * one times a factor of its own, plus an amount of its own, or a linear function of it (a scale and a
 * shift per column, as when gamma, beta, the mean or the variance of a normalization is wrong); or every
 * entry is scaled by a row factor times a column factor (a normalization over the wrong axis).
 */
final class AxisRelations {

    private AxisRelations() {
    }

    /** A factor or offset of its own in each column, then in each row. */
    static String explain(double[][] e, double[][] a, double abs, List<Diagnosis.Size> sizes) {
        double[][] et = Diagnosis.transpose(e);
        double[][] at = Diagnosis.transpose(a);
        double[] k = Relations.groupFactors(et, at, abs);
        if (k != null) {
            return "each column of your result is the expected column times a factor of its own (" + Relations.list(
                    "column", k, "times") + "): a per-column scale such as gamma or 1/sqrt(var + eps) is missing, "
                    + "extra or wrong.";
        }
        double[] c = Relations.groupOffsets(et, at, abs);
        if (c != null) {
            return "each column of your result is the expected column plus an amount of its own (" + Relations.list(
                    "column", c, "plus") + "): a per-column term such as beta or the mean is missing, extra or wrong.";
        }
        k = Relations.groupFactors(e, a, abs);
        if (k != null) {
            return "each row of your result is the expected row times a factor of its own (" + Relations.list("row", k,
                    "times") + "): a per-row normalization is missing or wrong (e.g. the division by the row's sum).";
        }
        c = Relations.groupOffsets(e, a, abs);
        if (c != null) {
            return "each row of your result is the expected row plus an amount of its own (" + Relations.list("row", c,
                    "plus") + "): a per-row term (e.g. the row's maximum or its log-sum-exp) is missing or extra.";
        }
        String scaled = rowsAndColumnsScaled(e, a, abs);
        if (scaled != null) {
            return scaled;
        }
        return e.length >= 3 ? perColumnLinear(et, at, abs, sizes) : null;
    }


    /** {@code a[i][j] = e[i][j] * r[i] * c[j]} with factors that vary along both axes; all entries nonzero. */
    private static String rowsAndColumnsScaled(double[][] e, double[][] a, double abs) {
        int n = e.length;
        int d = e[0].length;
        double[][] ratio = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (Math.abs(e[i][j]) <= abs || Math.abs(a[i][j]) <= abs) {
                    return null;
                }
                ratio[i][j] = a[i][j] / e[i][j];
            }
        }
        boolean rowsVary = false;
        boolean colsVary = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (!Relations.same(ratio[i][j] * ratio[0][0], ratio[i][0] * ratio[0][j], 0)) {
                    return null;
                }
                rowsVary |= !Relations.same(ratio[i][0], ratio[0][0], 0);
                colsVary |= !Relations.same(ratio[0][j], ratio[0][0], 0);
            }
        }
        return rowsVary && colsVary ? "each entry of your result is the expected one times a factor of its row and "
                + "a factor of its column: a normalization over the wrong axis (each column where each row is meant, "
                + "or the reverse)?" : null;
    }

    /**
     * {@code a[.][j] = k[j] * e[.][j] + c[j]} for every column j (given as rows of the transposes); when the
     * scales agree to 1e-4 and are a named constant, that constant is named.
     */
    private static String perColumnLinear(double[][] et, double[][] at, double abs, List<Diagnosis.Size> sizes) {
        int d = et.length;
        double[] k = new double[d];
        double[] c = new double[d];
        for (int j = 0; j < d; j++) {
            double[] e = et[j];
            double[] a = at[j];
            double me = 0;
            double ma = 0;
            for (int i = 0; i < e.length; i++) {
                me += e[i] / e.length;
                ma += a[i] / e.length;
            }
            double see = 0;
            double sea = 0;
            for (int i = 0; i < e.length; i++) {
                see += (e[i] - me) * (e[i] - me);
                sea += (e[i] - me) * (a[i] - ma);
            }
            if (see <= abs * abs * e.length) {
                return null;
            }
            k[j] = sea / see;
            c[j] = ma - k[j] * me;
            for (int i = 0; i < e.length; i++) {
                if (!Relations.same(a[i], k[j] * e[i] + c[j], abs)) {
                    return null;
                }
            }
        }
        StringBuilder cols = new StringBuilder();
        for (int j = 0; j < Math.min(2, d); j++) {
            cols.append(j == 0 ? "" : ", ").append("column ").append(j).append(": ").append(Numbers.format(k[j]))
                    .append(" e ").append(c[j] < 0 ? "- " : "+ ").append(Numbers.format(Math.abs(c[j])));
        }
        String common = "";
        boolean same = true;
        for (double kj : k) {
            same &= Math.abs(kj - k[0]) <= 1e-4 * Math.abs(k[0]);
        }
        String[] named = same ? Relations.nameFactor(k[0], sizes, 1e-4) : null;
        if (named != null) {
            common = " The scale is the same in every column, about " + Numbers.format(k[0]) + named[0] + ": "
                    + named[1];
        }
        return "each column of your result is a linear function of the expected column, a scale and a shift of its "
                + "own (" + cols + (d > 2 ? ", ..." : "") + ", with e the expected value): a per-column scale or shift "
                + "is wrong, such as gamma, beta, the mean, the variance or eps (inside the square root?)." + common;
    }
}
