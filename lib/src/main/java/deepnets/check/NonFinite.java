package deepnets.check;

/**
 * NaN and infinities where finite values are expected, for {@link Diagnosis}: how many, the first, and
 * the operation that most likely made them: exp overflow (the input exceeds 709.78), log of 0
 * (-Infinity), a division by 0 (+Infinity), 0/0 (NaN where 0 is expected), or the general NaN causes.
 */
final class NonFinite {

    /** {@code exp(x)} is +Infinity in double precision above this. */
    static final double EXP_OVERFLOW = Math.log(Double.MAX_VALUE);

    private NonFinite() {
    }

    /**
     * A sentence about the entries where {@code a} is NaN or infinite but {@code e} is finite, or null
     * if there are none.
     *
     * @param input  the input of the computation, or null; its largest value reveals an exp overflow
     * @param scalar whether the result is one number
     */
    static String explain(double[][] e, double[][] a, double[][] input, boolean vector, boolean scalar) {
        int nan = 0;
        int posInf = 0;
        int negInf = 0;
        int fi = -1;
        int fj = -1;
        boolean nanWhereZero = true;
        int total = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                total++;
                if (Double.isFinite(a[i][j]) || !Double.isFinite(e[i][j])) {
                    continue;
                }
                if (fi < 0) {
                    fi = i;
                    fj = j;
                }
                if (Double.isNaN(a[i][j])) {
                    nan++;
                    nanWhereZero &= e[i][j] == 0 || Math.abs(e[i][j]) < 1e-12;
                } else if (a[i][j] > 0) {
                    posInf++;
                } else {
                    negInf++;
                }
            }
        }
        int bad = nan + posInf + negInf;
        if (bad == 0) {
            return null;
        }
        String kinds = join(nan > 0 ? "NaN" : null, posInf > 0 ? "Infinity" : null, negInf > 0 ? "-Infinity" : null);
        String what = scalar ? "your result is " + kinds + " where a finite value is expected"
                : bad + " of " + total + " entries of your result are " + kinds + " (the first is "
                        + Numbers.index(vector, fi, fj) + ") where finite values are expected";
        return what + ": " + cause(nan, posInf, negInf, nanWhereZero, input);
    }

    private static String cause(int nan, int posInf, int negInf, boolean nanWhereZero, double[][] input) {
        double max = max(input);
        if (max > EXP_OVERFLOW && nan + posInf > 0) {
            return "exp overflowed. The input reaches " + Numbers.format(max) + ", and exp(x) is Infinity for x above "
                    + Numbers.format(EXP_OVERFLOW) + " (Infinity / Infinity then gives NaN); subtract the maximum "
                    + "before exp, which leaves the result unchanged.";
        }
        if (negInf > 0 && nan + posInf == 0) {
            return "-Infinity comes from log(0): a value that became 0 (e.g. a probability rounded to 0) before its "
                    + "logarithm; take the logarithm in a stable form (log-sum-exp) or keep its argument above 0.";
        }
        if (posInf > 0 && nan == 0) {
            return "Infinity comes from exp of a number above " + Numbers.format(EXP_OVERFLOW)
                    + ", from a nonzero number divided by 0, or from -log(0) in a loss.";
        }
        if (nanWhereZero && posInf + negInf == 0) {
            return "NaN where 0 is expected comes from 0/0, e.g. a zero difference divided by a standard deviation "
                    + "of 0 (eps left out of the square root?), or from 0 * log(0).";
        }
        return "NaN comes from 0/0, Infinity - Infinity or Infinity / Infinity (often after exp overflowed), "
                + "0 * Infinity (e.g. 0 * log(0)), or the square root or logarithm of a negative number "
                + "(a variance that came out negative?).";
    }

    private static double max(double[][] input) {
        double max = Double.NEGATIVE_INFINITY;
        if (input != null) {
            for (double[] row : input) {
                if (row != null) {
                    for (double v : row) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        return max;
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (String p : parts) {
            if (p != null) {
                n++;
            }
        }
        int k = 0;
        for (String p : parts) {
            if (p != null) {
                sb.append(k == 0 ? "" : k == n - 1 ? " or " : ", ").append(p);
                k++;
            }
        }
        return sb.toString();
    }
}
