package deepnets.check;

import deepnets.gradcheck.GradientCheck;

/**
 * The element-wise comparison of two same-shaped arrays: how many entries fail and the worst one.
 *
 * @param failures  entries whose error exceeds the tolerance (NaN counts as a failure)
 * @param total     entries compared
 * @param row       row of the worst entry
 * @param col       column of the worst entry
 * @param expected  expected value at the worst entry
 * @param actual    actual value at the worst entry
 * @param error     error at the worst entry (NaN if either value is NaN)
 *
 * <p>Plumbing of {@code Check}, used in every notebook from notebooks/solutions/00-start-here.ipynb on.
 */
record Comparison(int failures, int total, int row, int col, double expected, double actual, double error) {

    /** Errors of the kind used by {@link Check#allClose}: |a - e| scaled by max(1, |e|). */
    static final int SCALED = 0;
    /** Errors of the kind used by {@link Check#gradient}: {@link GradientCheck#relativeError(double, double)}. */
    static final int RELATIVE = 1;

    boolean passed() {
        return failures == 0;
    }

    /**
     * Compares two arrays of the same shape entry by entry. NaN on either side is a failure and
     * the worst of all; equal infinities agree.
     */
    static Comparison of(double[][] expected, double[][] actual, double tol, int kind) {
        int failures = 0;
        int total = 0;
        int wi = 0;
        int wj = 0;
        double worst = -1;
        boolean worstIsNaN = false;
        for (int i = 0; i < expected.length; i++) {
            double[] e = expected[i];
            double[] a = actual[i];
            for (int j = 0; j < e.length; j++) {
                total++;
                double err = error(e[j], a[j], kind);
                boolean nan = Double.isNaN(err);
                if (nan || err > tol) {
                    failures++;
                }
                if (!worstIsNaN && (nan || err > worst)) {
                    worst = err;
                    worstIsNaN = nan;
                    wi = i;
                    wj = j;
                }
            }
        }
        return new Comparison(failures, total, wi, wj, expected[wi][wj], actual[wi][wj], worst);
    }

    static double error(double e, double a, int kind) {
        if (kind == RELATIVE) {
            return GradientCheck.relativeError(e, a);
        }
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.NaN;
        }
        return e == a ? 0 : Math.abs(a - e) / Math.max(1, Math.abs(e));
    }
}
