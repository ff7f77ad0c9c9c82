package deepnets.charts.interactive;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The Vega-Lite v5 spec of a {@link VegaChart}: the data inline, every slider and the brush as a parameter, a
 * filter per slider, the mark and the encodings. Reads the chart; never changes it.
 */
final class VegaSpec {

    /** Okabe-Ito colours, as in the static charts (deepnets.charts.Style). */
    static final String[] OKABE_ITO = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
        "#000000"};

    private VegaSpec() {
    }

    /** The spec of a chart that {@link VegaChart#validate()} accepted. */
    static JsonObject of(VegaChart chart) {
        JsonObject spec = new JsonObject();
        spec.addProperty("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
        JsonObject title = new JsonObject();
        title.addProperty("text", chart.name());
        if (chart.subtitle() != null) {
            title.addProperty("subtitle", chart.subtitle());
        }
        spec.add("title", title);
        // The text alternative: Vega uses it as the aria-label of the drawn SVG.
        spec.addProperty("description", VegaText.of(chart));
        spec.addProperty("width", chart.width());
        spec.addProperty("height", chart.height());
        spec.add("data", data(chart));

        JsonArray params = new JsonArray();
        JsonArray transforms = new JsonArray();
        List<VegaChart.Slider> sliders = chart.sliders();
        for (int k = 0; k < sliders.size(); k++) {
            VegaChart.Slider s = sliders.get(k);
            String param = "slider" + k;
            JsonObject p = new JsonObject();
            p.addProperty("name", param);
            p.addProperty("value", s.initial());
            JsonObject bind = new JsonObject();
            bind.addProperty("input", "range");
            bind.addProperty("min", s.min());
            bind.addProperty("max", s.max());
            bind.addProperty("step", s.step());
            bind.addProperty("name", s.label() + " ");
            p.add("bind", bind);
            params.add(p);
            JsonObject filter = new JsonObject();
            filter.addProperty("filter", "abs(datum[" + quote(s.column()) + "] - " + param + ") < " + (s.step() / 2));
            transforms.add(filter);
        }
        if (chart.hasBrush()) {
            params.add(brush(chart.brushInitial()));
        }
        if (!params.isEmpty()) {
            spec.add("params", params);
        }
        if (!transforms.isEmpty()) {
            spec.add("transform", transforms);
        }
        spec.add("mark", mark(chart.markType(), chart.tooltips().isEmpty()));
        spec.add("encoding", encoding(chart));
        if (chart.channels().containsKey("column")) {
            JsonObject resolve = new JsonObject();
            JsonObject scale = new JsonObject();
            scale.addProperty("y", "independent");
            resolve.add("scale", scale);
            spec.add("resolve", resolve);
        }
        return spec;
    }

    private static JsonObject brush(double[] initial) {
        JsonObject p = new JsonObject();
        p.addProperty("name", "brush");
        JsonObject select = new JsonObject();
        select.addProperty("type", "interval");
        JsonArray encodings = new JsonArray();
        encodings.add("x");
        encodings.add("y");
        select.add("encodings", encodings);
        p.add("select", select);
        if (initial != null) {
            JsonObject value = new JsonObject();
            value.add("x", pair(initial[0], initial[1]));
            value.add("y", pair(initial[2], initial[3]));
            p.add("value", value);
        }
        return p;
    }

    private static JsonObject mark(VegaChart.Mark mark, boolean defaultTooltip) {
        JsonObject markDef = new JsonObject();
        markDef.addProperty("type", mark.vega);
        if (mark == VegaChart.Mark.POINT) {
            markDef.addProperty("filled", true);
            markDef.addProperty("size", 60);
        }
        if (mark == VegaChart.Mark.LINE) {
            markDef.addProperty("point", true);
        }
        markDef.addProperty("tooltip", defaultTooltip);
        return markDef;
    }

    private static JsonObject encoding(VegaChart chart) {
        JsonObject encoding = new JsonObject();
        Map<String, double[]> numbers = chart.numbers();
        boolean brush = chart.hasBrush();
        chart.channels().forEach((channel, c) -> {
            JsonObject def = new JsonObject();
            def.addProperty("field", field(c.field()));
            def.addProperty("type", c.numeric() ? "quantitative" : "nominal");
            // Always a title: Vega-Lite would otherwise show the escaped field name.
            def.addProperty("title", c.title() != null ? c.title() : c.field());
            if (channel.equals("x") || channel.equals("y")) {
                boolean log = channel.equals("x") ? chart.xLogarithmic() : chart.yLogarithmic();
                double[] domain = channel.equals("x") ? chart.xDomain() : chart.yDomain();
                JsonObject scale = new JsonObject();
                if (log) {
                    scale.addProperty("type", "log");
                }
                if (domain != null) {
                    scale.add("domain", pair(domain[0], domain[1]));
                } else if (!log) {
                    scale.addProperty("zero", false);
                }
                def.add("scale", scale);
            }
            if (channel.equals("color") && !c.numeric()) {
                // The static charts' colour-blind-safe Okabe-Ito palette, in the same order.
                JsonObject scale = new JsonObject();
                JsonArray range = new JsonArray();
                for (String hex : OKABE_ITO) {
                    range.add(hex);
                }
                scale.add("range", range);
                def.add("scale", scale);
            }
            if (brush && channel.equals("color")) {
                JsonObject conditional = new JsonObject();
                conditional.addProperty("param", "brush");
                for (String key : def.keySet()) {
                    conditional.add(key, def.get(key));
                }
                JsonObject wrapped = new JsonObject();
                wrapped.add("condition", conditional);
                wrapped.addProperty("value", "lightgray");
                def = wrapped;
            }
            encoding.add(channel, def);
        });
        VegaChart.Channel colored = chart.channels().get("color");
        if (colored != null && !colored.numeric() && !chart.channels().containsKey("shape")
                && (chart.markType() == VegaChart.Mark.POINT || chart.markType() == VegaChart.Mark.LINE)) {
            // Colour is never the only channel: each series also gets its own marker shape.
            JsonObject shape = new JsonObject();
            shape.addProperty("field", field(colored.field()));
            shape.addProperty("type", "nominal");
            shape.addProperty("title", colored.title() != null ? colored.title() : colored.field());
            encoding.add("shape", shape);
        }
        if (brush) {
            // Selected marks are also fully opaque and unselected ones faint, not only coloured differently.
            JsonObject conditional = new JsonObject();
            conditional.addProperty("param", "brush");
            conditional.addProperty("value", 1);
            JsonObject opacity = new JsonObject();
            opacity.add("condition", conditional);
            opacity.addProperty("value", 0.35);
            encoding.add("opacity", opacity);
        }
        if (brush && !chart.channels().containsKey("color")) {
            JsonObject conditional = new JsonObject();
            conditional.addProperty("param", "brush");
            conditional.addProperty("value", OKABE_ITO[0]);
            JsonObject color = new JsonObject();
            color.add("condition", conditional);
            color.addProperty("value", "lightgray");
            encoding.add("color", color);
        }
        if (!chart.tooltips().isEmpty()) {
            JsonArray tips = new JsonArray();
            for (String t : chart.tooltips()) {
                JsonObject tip = new JsonObject();
                tip.addProperty("field", field(t));
                tip.addProperty("type", numbers.containsKey(t) ? "quantitative" : "nominal");
                tip.addProperty("title", t);
                if (numbers.containsKey(t)) {
                    tip.addProperty("format", ".4~g");
                }
                tips.add(tip);
            }
            encoding.add("tooltip", tips);
        }
        return encoding;
    }

    private static JsonObject data(VegaChart chart) {
        int rows = chart.rows();
        JsonArray values = new JsonArray();
        for (int i = 0; i < rows; i++) {
            JsonObject row = new JsonObject();
            for (Map.Entry<String, double[]> e : chart.numbers().entrySet()) {
                row.addProperty(e.getKey(), e.getValue()[i]);
            }
            for (Map.Entry<String, String[]> e : chart.texts().entrySet()) {
                row.addProperty(e.getKey(), e.getValue()[i]);
            }
            values.add(row);
        }
        JsonObject data = new JsonObject();
        data.add("values", values);
        return data;
    }

    private static JsonArray pair(double a, double b) {
        JsonArray pair = new JsonArray();
        pair.add(a);
        pair.add(b);
        return pair;
    }

    /**
     * A column name as a Vega-Lite field: a dot or brackets would otherwise read as access into nested data
     * ({@code val.acc}, {@code w[0]}), so they, the backslash and quotes are escaped with a backslash. The data
     * rows keep the plain name.
     */
    static String field(String column) {
        StringBuilder out = new StringBuilder(column.length() + 4);
        for (char ch : column.toCharArray()) {
            if (ch == '\\' || ch == '.' || ch == '[' || ch == ']' || ch == '\'' || ch == '"') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
