package deepnets.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;

import static deepnets.charts.Describe.count;
import static deepnets.charts.Describe.list;
import static deepnets.charts.Describe.num;

/**
 * The text alternatives of the pictures drawn straight into a BufferedImage, each made from the data it draws;
 * {@link Describe} hands them out.
 *
 * <p>Plumbing of the picture classes; no notebook uses it.
 */
final class PictureText {

    private PictureText() {
    }

    static String axes(String xLabel, Range x, String yLabel, Range y) {
        return " x axis: " + xLabel + ", " + num(x.lo()) + " to " + num(x.hi()) + ". y axis: " + yLabel + ", "
                + num(y.lo()) + " to " + num(y.hi()) + ".";
    }

    /** Decision regions: the share of the plane each class gets, and how many points lie in their own region. */
    static String decisionRegions(String title, String xLabel, String yLabel, Range xr, Range yr, int resolution,
            int[] predicted, double[][] x, int[] labels) {
        Map<Integer, Integer> area = new TreeMap<>();
        for (int p : predicted) {
            area.merge(p, 1, Integer::sum);
        }
        List<String> shares = new ArrayList<>();
        area.forEach((k, n) -> shares.add("class " + k + " on " + percent(n, predicted.length)));
        Map<Integer, Integer> perClass = new TreeMap<>();
        int inOwn = 0;
        for (int i = 0; i < x.length; i++) {
            perClass.merge(labels[i], 1, Integer::sum);
            int c = cellOf(xr, x[i][0], resolution);
            int r = resolution - 1 - cellOf(yr, x[i][1], resolution);
            if (predicted[r * resolution + c] == labels[i]) {
                inOwn++;
            }
        }
        List<String> counts = new ArrayList<>();
        perClass.forEach((k, n) -> counts.add("class " + k + ": " + n));
        return "Decision regions \"" + title + "\"." + axes(xLabel, xr, yLabel, yr)
                + " The background is coloured by the class the classifier predicts: " + list(shares) + " of the area. "
                + count(x.length, "labelled point", "labelled points") + " on top (" + list(counts) + "), " + inOwn
                + " of them (" + percent(inOwn, x.length) + ") inside the region of their own class.";
    }

    private static int cellOf(Range r, double v, int resolution) {
        int c = (int) Math.floor(r.fraction(v) * resolution);
        return Math.max(0, Math.min(resolution - 1, c));
    }

    /** A colour map of f with groups of points: the range of f, where it peaks, and each group's spread. */
    static String landscape(String title, String xLabel, String yLabel, Range xr, Range yr, double min,
            double[] argMin, double max, double[] argMax, Points[] groups, DoubleBinaryOperator f) {
        StringBuilder out = new StringBuilder("Colour map \"").append(title).append("\".")
                .append(axes(xLabel, xr, yLabel, yr))
                .append(" The colour shows the objective, from ").append(num(min)).append(" at (").append(num(argMin[0]))
                .append(", ").append(num(argMin[1])).append(") to ").append(num(max)).append(" at (")
                .append(num(argMax[0])).append(", ").append(num(argMax[1])).append("), with a colour bar.");
        if (groups != null && groups.length > 0) {
            out.append(" Points on top:");
            for (int k = 0; k < groups.length; k++) {
                Points p = groups[k];
                int best = 0;
                double bestValue = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < p.x().length; i++) {
                    double v = f.applyAsDouble(p.x()[i], p.y()[i]);
                    if (v > bestValue) {
                        bestValue = v;
                        best = i;
                    }
                }
                out.append(k == 0 ? " " : "; ").append('"').append(p.name()).append("\" ")
                        .append(count(p.x().length, "point", "points")).append(" with ").append(distinct(p.x()))
                        .append(" distinct x and ").append(distinct(p.y())).append(" distinct y values");
                if (p.x().length > 0) {
                    out.append(", the highest value ").append(num(bestValue)).append(" at (").append(num(p.x()[best]))
                            .append(", ").append(num(p.y()[best])).append(')');
                }
            }
            out.append('.');
        }
        return out.toString();
    }

    private static long distinct(double[] v) {
        return Arrays.stream(v).distinct().count();
    }

    static String digits(String title, int n, int columns, String[] captions) {
        String text = "Digit images \"" + title + "\": " + count(n, "greyscale digit image", "greyscale digit images")
                + " of 8 x 8 pixels"
                + ", " + Math.min(columns, n) + " per row, dark ink on white";
        if (captions != null) {
            text += "; captions in order: " + list(Arrays.asList(captions));
        }
        return text + ".";
    }

    /** A confusion matrix: the total, how many are correct, and the largest confusions. */
    static String confusion(String title, int[][] counts) {
        int k = counts.length;
        long total = 0;
        long correct = 0;
        List<int[]> off = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                total += counts[t][p];
                if (t == p) {
                    correct += counts[t][p];
                } else if (counts[t][p] > 0) {
                    off.add(new int[] {t, p, counts[t][p]});
                }
            }
        }
        off.sort((a, b) -> b[2] != a[2] ? Integer.compare(b[2], a[2]) : a[0] != b[0] ? Integer.compare(a[0], b[0])
                : Integer.compare(a[1], b[1]));
        List<String> top = new ArrayList<>();
        for (int i = 0; i < Math.min(3, off.size()); i++) {
            int[] c = off.get(i);
            top.add("true " + c[0] + " predicted as " + c[1] + ": " + (c[2] == 1 ? "once" : c[2] + " times"));
        }
        return "Confusion matrix \"" + title + "\": " + count(k, "class", "classes") + ", rows the true class, columns "
                + "the predicted class, " + total + " examples, " + correct + " on the diagonal (" + percent(correct, total)
                + " correct). " + (top.isEmpty() ? "No example is confused." : "Largest confusions: " + list(top) + ".");
    }

    static String percent(long part, long whole) {
        return whole == 0 ? "0%" : num(Math.round(1000.0 * part / whole) / 10.0) + "%";
    }

    /** Several pictures in one: each one's own description, numbered. */
    static String combined(String what, List<String> parts) {
        StringBuilder out = new StringBuilder(what);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i == 0 ? " " : " ").append(i + 1).append(") ").append(parts.get(i));
        }
        return out.toString();
    }
}
