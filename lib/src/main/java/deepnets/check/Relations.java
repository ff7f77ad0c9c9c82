package deepnets.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Linear relations between a wrong result and the expected one, for {@link Diagnosis}: one factor
 * ({@code actual = k * expected}) or one offset ({@code actual = expected + c}) for all entries, for
 * each column, or for each row, and the name of a factor when it is a size of the problem, 2, 1/2,
 * ln 10 or {@code m/(m - 1)}.
 *
 * <p>Two numbers count as the same when {@code |x - y| <= 1e-6 * max(|x|, |y|) + abs}, where
 * {@code abs} is a slack for entries that should be zero (rounding noise around 0).
 */
final class Relations {

    /** Relative agreement needed for "the same number". */
    static final double REL = 1e-6;

    private Relations() {
    }

    static boolean same(double x, double y, double abs) {
        return Math.abs(x - y) <= REL * Math.max(Math.abs(x), Math.abs(y)) + abs;
    }

    /**
     * The k with {@code a[i] = k * e[i]} for every i, or NaN if there is none; 1 when both are all
     * zero (any factor fits).
     */
    static double factor(double[] e, double[] a, double abs) {
        double ee = 0;
        double ea = 0;
        boolean eZero = true;
        for (int i = 0; i < e.length; i++) {
            ee += e[i] * e[i];
            ea += e[i] * a[i];
            eZero &= Math.abs(e[i]) <= abs;
        }
        if (eZero) {
            for (double v : a) {
                if (Math.abs(v) > abs) {
                    return Double.NaN;
                }
            }
            return 1;
        }
        double k = ea / ee;
        for (int i = 0; i < e.length; i++) {
            if (!same(a[i], k * e[i], abs)) {
                return Double.NaN;
            }
        }
        return k;
    }

    /** The c with {@code a[i] = e[i] + c} for every i, or NaN if there is none. */
    static double offset(double[] e, double[] a, double abs) {
        double c = 0;
        for (int i = 0; i < e.length; i++) {
            c += (a[i] - e[i]) / e.length;
        }
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(a[i] - e[i] - c) > REL * Math.max(Math.abs(a[i]), Math.abs(e[i])) + abs) {
                return Double.NaN;
            }
        }
        return c;
    }

    /** Whether {@code k} is 1 up to {@link #REL}: no relation worth naming. */
    static boolean isOne(double k) {
        return Math.abs(k - 1) <= REL;
    }

    /**
     * What a factor k means: {" = N (the number of rows)", "a sum where a mean is meant, ...?"}, the first
     * part empty when k is a plain number such as 2; null when k is none of the named constants.
     */
    static String[] nameFactor(double k, List<Diagnosis.Size> sizes) {
        return nameFactor(k, sizes, REL);
    }

    /** {@link #nameFactor(double, List)} with a relative tolerance {@code rel} for the match. */
    static String[] nameFactor(double k, List<Diagnosis.Size> sizes, double rel) {
        List<String[]> matches = new ArrayList<>();
        for (String[] c : candidates(sizes)) {
            double v = Double.parseDouble(c[0]);
            if (Math.abs(Math.abs(k) - v) <= rel * v) {
                matches.add(c);
            }
        }
        if (matches.isEmpty()) {
            return null;
        }
        StringBuilder names = new StringBuilder();
        List<String> causes = new ArrayList<>();
        for (String[] m : matches) {
            if (!m[1].equals(Numbers.format(Math.abs(k)))) {
                names.append(" = ").append(m[1]);
            }
            if (causes.size() < 2 && !causes.contains(m[2])) {
                causes.add(m[2]);
            }
        }
        return new String[] {names.toString(), String.join(" Or ", causes)};
    }

    /** Candidate factors as {value, name, likely cause}; the simplest first. */
    private static List<String[]> candidates(List<Diagnosis.Size> sizes) {
        List<String[]> out = new ArrayList<>();
        for (Diagnosis.Size s : sizes) {
            String n = s.symbol();
            out.add(entry(s.value(), s.describe(), "a sum where a mean is meant, or a division by " + n + " left out?"));
            out.add(entry(1.0 / s.value(), "1/" + s.describe(), "an extra division by " + n
                    + " (divided twice?), or a mean where a sum is meant?"));
        }
        out.add(entry(2, "2", "a factor 2 too many (a term counted twice?)"));
        out.add(entry(0.5, "1/2", "a factor 2 left out, or an extra 1/2 (the derivative of x^2 is 2x; that of "
                + "sqrt(x) is 1/(2 sqrt(x)))?"));
        for (Diagnosis.Size s : sizes) {
            for (Diagnosis.Size t : sizes) {
                if (s.value() != t.value()) {
                    out.add(entry((double) s.value() / t.value(), s.symbol() + "/" + t.symbol(),
                            "a division by " + t.symbol() + " where " + s.symbol() + " is meant?"));
                }
            }
        }
        for (Diagnosis.Size s : sizes) {
            double m = s.value();
            String n = s.symbol();
            if (m < 3) {
                continue;
            }
            String unbiased = "a division by " + n + " - 1 where " + n + " is meant, or the reverse (the variance of "
                    + "a batch divides by " + n + ")?";
            out.add(entry(m / (m - 1), n + "/(" + n + " - 1)", unbiased));
            out.add(entry((m - 1) / m, "(" + n + " - 1)/" + n, unbiased));
            out.add(entry(Math.sqrt(m / (m - 1)), "sqrt(" + n + "/(" + n + " - 1))", unbiased));
            out.add(entry(Math.sqrt((m - 1) / m), "sqrt((" + n + " - 1)/" + n + ")", unbiased));
            for (Diagnosis.Size t : sizes) {
                if (s != t) {
                    out.add(entry(m * t.value(), n + " * " + t.symbol(), "a sum over both axes where a mean is meant?"));
                    out.add(entry(1 / (m * t.value()), "1/(" + n + " * " + t.symbol() + ")",
                            "a mean over both axes where a sum (or a mean over one axis) is meant?"));
                }
            }
        }
        out.add(entry(1 / Math.log(10), "1/ln(10)", "log10 where the natural logarithm Math.log is meant?"));
        out.add(entry(Math.log(10), "ln(10)", "the natural logarithm where log10 is meant?"));
        return out;
    }

    private static String[] entry(double value, String name, String cause) {
        return new String[] {Double.toString(value), name, cause};
    }

    /**
     * A sentence for a factor k that holds for all entries, or null: named constants always, other
     * factors only when {@code anyFactor} (enough distinct entries that the fit means something).
     */
    static String describeFactor(double k, List<Diagnosis.Size> sizes, boolean anyFactor, String subject,
            String noun) {
        if (isOne(k)) {
            return null;
        }
        if (Math.abs(k + 1) <= REL) {
            return subject + " the expected " + noun + " with the opposite sign: a minus "
                    + "sign missing or extra, or a subtraction the wrong way round (a - b where b - a is meant)?";
        }
        String[] named = nameFactor(k, sizes);
        String times = subject + " " + (k < 0 ? "minus " : "") + Numbers.format(Math.abs(k)) + " times the expected "
                + noun;
        if (named != null) {
            String value = named[0].isEmpty() && k > 0 ? "" : " (" + (k < 0 ? "the opposite sign, and " : "")
                    + Numbers.format(Math.abs(k)) + named[0] + ")";
            return times + value + ": " + named[1];
        }
        return anyFactor ? times + ": a factor is missing or extra; it is none of the sizes, 2 or 1/2." : null;
    }

    /**
     * For one number, where any ratio is possible: a sentence when {@code k} or {@code 1/k} is a whole
     * number from 2 to 10000 to 1e-9 (a count of items, almost surely), else null.
     */
    static String countFactor(double k) {
        String sign = k < 0 ? "minus " : "";
        double m = Math.abs(k);
        if (m >= 2 && m <= 10000 && Math.abs(m - Math.rint(m)) <= 1e-9 * m) {
            long n = Math.round(m);
            return "your result is exactly " + sign + n + " times the expected value: a count of " + n
                    + " items where there should be none (a sum where a mean is meant, or a division by " + n
                    + " left out?)";
        }
        double inv = 1 / m;
        if (inv >= 2 && inv <= 10000 && Math.abs(inv - Math.rint(inv)) <= 1e-9 * inv) {
            long n = Math.round(inv);
            return "your result is exactly " + sign + "1/" + n + " times the expected value: an extra division by " + n
                    + " (a mean where a sum is meant, or a mean over more items than intended?)";
        }
        return null;
    }

    /** Per group (column or row): the factors, or null unless every group has one and they differ. */
    static double[] groupFactors(double[][] eGroups, double[][] aGroups, double abs) {
        double[] k = new double[eGroups.length];
        for (int g = 0; g < k.length; g++) {
            k[g] = factor(eGroups[g], aGroups[g], abs);
            if (Double.isNaN(k[g])) {
                return null;
            }
        }
        return allSame(k) ? null : k;
    }

    /** Per group: the offsets, or null unless every group has one and they differ. */
    static double[] groupOffsets(double[][] eGroups, double[][] aGroups, double abs) {
        double[] c = new double[eGroups.length];
        for (int g = 0; g < c.length; g++) {
            c[g] = offset(eGroups[g], aGroups[g], abs);
            if (Double.isNaN(c[g])) {
                return null;
            }
        }
        return allSame(c) ? null : c;
    }

    /** {@code "column 0 times 2, column 1 times 0.5, ..."}: at most three groups. */
    static String list(String group, double[] values, String op) {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < Math.min(3, values.length); g++) {
            sb.append(g == 0 ? "" : ", ").append(group).append(' ').append(g).append(' ').append(op).append(' ')
                    .append(Numbers.format(values[g]));
        }
        return sb + (values.length > 3 ? ", ..." : "");
    }

    private static boolean allSame(double[] v) {
        for (double x : v) {
            if (!same(x, v[0], 1e-12 * Math.abs(v[0]))) {
                return false;
            }
        }
        return true;
    }
}
