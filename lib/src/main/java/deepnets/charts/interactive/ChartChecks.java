package deepnets.charts.interactive;

import java.util.List;
import java.util.Map;

/**
 * The checks of {@link VegaChart#validate()}: data present, columns of one length, all numbers finite, encodings
 * naming existing columns of the right kind. Each refusal is an IllegalArgumentException naming the chart and the
 * series.
 *
 * <p>Library plumbing of the interactive charts (01, 02, 03, 08); no notebook uses it directly.
 */
final class ChartChecks {

    private ChartChecks() {
    }

    static void validate(VegaChart chart) {
        if (chart.numbers().isEmpty() && chart.texts().isEmpty()) {
            throw new IllegalArgumentException(chart.where(null) + "has no data: add columns with column(name, values)");
        }
        int rows = -1;
        String first = null;
        for (Map.Entry<String, Integer> e : chart.lengths().entrySet()) {
            if (rows < 0) {
                rows = e.getValue();
                first = e.getKey();
            } else if (e.getValue() != rows) {
                throw new IllegalArgumentException(chart.where(e.getKey()) + "has " + e.getValue() + " values but series '"
                        + first + "' has " + rows + ": all series of a chart need the same length");
            }
        }
        if (rows == 0) {
            throw new IllegalArgumentException(chart.where(first) + "is empty: the chart has no data to show");
        }
        chart.numbers().forEach((column, values) -> {
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new IllegalArgumentException(chart.where(column) + "value " + i + " is " + values[i]
                            + ": every value must be finite (drop or replace diverged entries before charting)");
                }
            }
        });
        for (String axis : List.of("x", "y")) {
            VegaChart.Channel c = chart.channels().get(axis);
            if (c == null) {
                throw new IllegalArgumentException(chart.where(null) + "has no " + axis + " encoding: call " + axis
                        + "(column, title)");
            }
            if (!c.numeric()) {
                throw new IllegalArgumentException(chart.where(c.field()) + "is text; the " + axis + " axis needs a numeric "
                        + "series");
            }
        }
        checkPositive(chart, "x", chart.xLogarithmic());
        checkPositive(chart, "y", chart.yLogarithmic());
        for (VegaChart.Slider s : chart.sliders()) {
            if (!chart.numbers().containsKey(s.column())) {
                throw new IllegalArgumentException(chart.where(s.column()) + "is not a numeric series of the chart; a slider "
                        + "filters a numeric column of the same name (columns: " + chart.columnNames() + ")");
            }
        }
        for (String t : chart.tooltips()) {
            if (!chart.numbers().containsKey(t) && !chart.texts().containsKey(t)) {
                throw new IllegalArgumentException(chart.where(t) + "is not a series of the chart (columns: "
                        + chart.columnNames() + ")");
            }
        }
    }

    private static void checkPositive(VegaChart chart, String axis, boolean log) {
        if (!log) {
            return;
        }
        String column = chart.channels().get(axis).field();
        double[] domain = axis.equals("x") ? chart.xDomain() : chart.yDomain();
        if (domain != null && !(domain[0] > 0)) {
            throw new IllegalArgumentException(chart.where(null) + "the " + axis + " range starts at " + domain[0]
                    + " on a logarithmic axis: both ends must be positive");
        }
        for (double v : chart.numbers().get(column)) {
            if (v <= 0) {
                throw new IllegalArgumentException(chart.where(column) + "has the value " + v + " on a logarithmic " + axis
                        + " axis: every value must be positive");
            }
        }
    }
}
