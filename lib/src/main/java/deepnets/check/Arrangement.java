package deepnets.check;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Right values in the wrong places, for {@link Diagnosis}: the transpose of the expected matrix, the
 * expected vector reversed, its rows or columns in another order, or any permutation of its entries.
 * Equality is {@link Relations#same} with the given slack.
 */
final class Arrangement {

    private Arrangement() {
    }

    /** Whether {@code a} (C, N) is the transpose of {@code e} (N, C), for square and non-square shapes. */
    static boolean transposed(double[][] e, double[][] a, double abs) {
        if (e.length == 0 || a.length != e[0].length || a[0].length != e.length) {
            return false;
        }
        boolean symmetric = true;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                if (!Relations.same(a[i][j], e[j][i], abs)) {
                    return false;
                }
                symmetric &= a.length == e.length && Relations.same(a[i][j], e[i][j], abs);
            }
        }
        return !symmetric;
    }

    /** A sentence when {@code a}, of the same shape as {@code e}, holds e's entries in another order; else null. */
    static String explain(double[][] e, double[][] a, boolean vector, double abs) {
        if (!vector && transposed(e, a, abs)) {
            return Diagnosis.TRANSPOSED;
        }
        double[] fe = Diagnosis.flatten(e);
        double[] fa = Diagnosis.flatten(a);
        if (vector || e.length == 1 || e[0].length == 1) {
            if (reversed(fe, fa, abs)) {
                return "your result holds the expected entries in reverse order (e.g. {hi, lo} where {lo, hi} is "
                        + "meant): check the order in which you fill or return them.";
            }
        } else {
            int[] rows = matching(e, a, abs);
            if (rows != null) {
                return "your result holds the expected rows in another order (row " + first(rows) + " is expected row "
                        + rows[first(rows)] + "): an index mixed up when choosing the row, or rows reordered?";
            }
            int[] cols = matching(Diagnosis.transpose(e), Diagnosis.transpose(a), abs);
            if (cols != null) {
                return "your result holds the expected columns in another order (column " + first(cols)
                        + " is expected column " + cols[first(cols)] + "): an index mixed up when choosing the "
                        + "column, or two swapped?";
            }
        }
        double[] se = fe.clone();
        double[] sa = fa.clone();
        Arrays.sort(se);
        Arrays.sort(sa);
        for (int i = 0; i < se.length; i++) {
            if (!Relations.same(se[i], sa[i], abs)) {
                return null;
            }
        }
        return "your result holds the expected values, but in other places: an index mixed up where you write "
                + "the result (e.g. [j][i] for [i][j]), or values reordered?";
    }

    private static boolean reversed(double[] e, double[] a, double abs) {
        boolean palindrome = true;
        for (int i = 0; i < e.length; i++) {
            if (!Relations.same(a[i], e[e.length - 1 - i], abs)) {
                return false;
            }
            palindrome &= Relations.same(a[i], e[i], abs);
        }
        return !palindrome;
    }

    /**
     * For each row i of {@code a}, the row of {@code e} it equals, when the rows of a are those of e in
     * another order (not the same order); else null.
     */
    private static int[] matching(double[][] e, double[][] a, double abs) {
        Integer[] ie = order(e);
        Integer[] ia = order(a);
        int[] of = new int[a.length];
        boolean identity = true;
        for (int k = 0; k < ie.length; k++) {
            if (!sameRow(e[ie[k]], a[ia[k]], abs)) {
                return null;
            }
            of[ia[k]] = ie[k];
        }
        for (int i = 0; i < of.length; i++) {
            identity &= sameRow(e[i], a[i], abs);
        }
        return identity ? null : of;
    }

    private static boolean sameRow(double[] x, double[] y, double abs) {
        for (int j = 0; j < x.length; j++) {
            if (!Relations.same(x[j], y[j], abs)) {
                return false;
            }
        }
        return true;
    }

    /** Row indices sorted by the rows' lexicographic order. */
    private static Integer[] order(double[][] m) {
        Integer[] idx = new Integer[m.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparing(i -> m[i], Arrays::compare));
        return idx;
    }

    private static int first(int[] of) {
        for (int i = 0; i < of.length; i++) {
            if (of[i] != i) {
                return i;
            }
        }
        return 0;
    }
}
