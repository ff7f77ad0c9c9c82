package deepnets.charts.interactive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The text alternative of a {@link VegaChart}, made from its data: the title, each axis with its range, the
 * series as drawn at the sliders' starting values, the interactions, and the takeaway if the chart has one.
 * It is the spec's {@code description} (the SVG's label), the bundle's {@code text/plain} and the PNG's alt text.
 *
 * <p>Library plumbing of the interactive charts; no notebook uses it directly.
 */
final class VegaText {

    /** The most series named one by one; the rest are counted. */
    static final int MAX_LISTED = 8;

    private VegaText() {
    }

    static String of(VegaChart chart) {
        Map<String, VegaChart.Channel> ch = chart.channels();
        StringBuilder out = new StringBuilder("Interactive chart \"").append(chart.name()).append('"');
        if (chart.subtitle() != null) {
            out.append(" (").append(chart.subtitle()).append(')');
        }
        out.append('.');
        List<Integer> shown = new ArrayList<>();
        for (int i = 0; i < chart.rows(); i++) {
            if (Fallback.shownAtStart(chart, i)) {
                shown.add(i);
            }
        }
        axis(out, "x", ch.get("x"), chart, chart.xDomain(), chart.xLogarithmic());
        axis(out, "y", ch.get("y"), chart, chart.yDomain(), chart.yLogarithmic());
        String marks = switch (chart.markType()) {
            case LINE -> "Lines";
            case BAR -> "Bars";
            case TICK -> "Ticks";
            default -> "Points";
        };
        out.append(' ').append(marks);
        List<String> by = new ArrayList<>();
        for (String channel : List.of("color", "strokeDash", "column")) {
            VegaChart.Channel c = ch.get(channel);
            if (c != null) {
                String what = channel.equals("color") ? "colour and marker by " : channel.equals("strokeDash")
                        ? "dash by " : "one panel per ";
                by.add(what + title(c) + (c.numeric() ? "" : " (" + list(new ArrayList<>(distinct(chart, c.field()))) + ")"));
            }
        }
        out.append(by.isEmpty() ? "" : ", " + String.join(", ", by)).append('.');
        out.append(' ').append(groups(chart, shown));
        for (VegaChart.Slider s : chart.sliders()) {
            out.append(" A slider \"").append(s.label()).append("\" from ").append(num(s.min())).append(" to ")
                    .append(num(s.max())).append(" in steps of ").append(num(s.step())).append(", starting at ")
                    .append(num(s.initial())).append(", picks the rows whose ").append(s.column())
                    .append(" equals its value.");
        }
        if (chart.hasBrush()) {
            out.append(" Dragging a rectangle selects points; the rest turn grey.");
        }
        if (!chart.tooltips().isEmpty()) {
            out.append(" Each mark's tooltip shows ").append(String.join(", ", chart.tooltips())).append('.');
        }
        if (chart.takeaway() != null) {
            String t = chart.takeaway().strip();
            out.append(' ').append(t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".");
        }
        return out.toString();
    }

    private static void axis(StringBuilder out, String name, VegaChart.Channel c, VegaChart chart, double[] domain,
            boolean log) {
        double[] v = chart.numbers().get(c.field());
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (domain != null) {
            lo = domain[0];
            hi = domain[1];
        }
        out.append(' ').append(name).append(" axis: ").append(title(c)).append(", ")
                .append(lo == hi ? "at " + num(lo) : num(lo) + " to " + num(hi)).append(log ? " (logarithmic)." : ".");
    }

    /** Each series as drawn at the start: its name, how many points and the range of its y values. */
    private static String groups(VegaChart chart, List<Integer> shown) {
        Map<String, VegaChart.Channel> ch = chart.channels();
        double[] x = chart.numbers().get(ch.get("x").field());
        double[] y = chart.numbers().get(ch.get("y").field());
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i : shown) {
            List<String> parts = new ArrayList<>();
            for (String channel : List.of("column", "color", "strokeDash")) {
                VegaChart.Channel c = ch.get(channel);
                if (c != null && !c.numeric()) {
                    parts.add(chart.texts().get(c.field())[i]);
                }
            }
            groups.computeIfAbsent(String.join(", ", parts), g -> new ArrayList<>()).add(i);
        }
        if (groups.isEmpty()) {
            return "No row is shown at the sliders' starting values.";
        }
        StringBuilder out = new StringBuilder(groups.size() == 1 ? "One series" : groups.size() + " series")
                .append(" at the start:");
        int listed = 0;
        for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
            if (listed == MAX_LISTED) {
                out.append(" and ").append(groups.size() - MAX_LISTED).append(" more");
                break;
            }
            List<Integer> rows = g.getValue();
            int lo = rows.get(0);
            int hi = rows.get(0);
            for (int i : rows) {
                lo = y[i] < y[lo] ? i : lo;
                hi = y[i] > y[hi] ? i : hi;
            }
            out.append(listed == 0 ? " " : "; ").append(g.getKey().isEmpty() ? "" : g.getKey() + ": ")
                    .append(rows.size()).append(rows.size() == 1 ? " point" : " points").append(", lowest y ")
                    .append(num(y[lo])).append(" at x = ").append(num(x[lo])).append(", highest y ").append(num(y[hi]))
                    .append(" at x = ").append(num(x[hi]));
            listed++;
        }
        return out.append('.').toString();
    }

    private static Set<String> distinct(VegaChart chart, String column) {
        Set<String> seen = new LinkedHashSet<>();
        for (String s : chart.texts().get(column)) {
            seen.add(s);
        }
        return seen;
    }

    private static String title(VegaChart.Channel c) {
        return c.title() != null ? c.title() : c.field();
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return String.join(", ", items);
        }
        return String.join(", ", items.subList(0, MAX_LISTED)) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.valueOf((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        if (s.contains("e")) {
            return s.replaceFirst("\\.?0+e", "e").replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }
}
