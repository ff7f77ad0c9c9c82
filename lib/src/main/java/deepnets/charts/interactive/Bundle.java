package deepnets.charts.interactive;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import deepnets.jupyter.Png;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * Publishes a {@link VegaChart} in a notebook as one display bundle: {@value #VEGA_LITE} (the spec),
 * {@code image/png} (the XChart fallback, with the text alternative as its alt text in the metadata) and
 * {@code text/plain} (the text alternative, {@link VegaChart#description()}). JupyterLab draws the richest type
 * it knows, Vega-Lite; a static export shows the PNG.
 *
 * <pre>{@code
 * Bundle.show(chart);                       // a new output
 * String id = Bundle.show(chart);           // ... whose display id lets
 * Bundle.update(id, changedChart);          // a later call redraw it in place
 * }</pre>
 */
public final class Bundle {

    /** The MIME type JupyterLab 4 renders with its bundled Vega-Lite 5. */
    public static final String VEGA_LITE = "application/vnd.vegalite.v5+json";

    private static final AtomicLong NEXT_ID = new AtomicLong();

    private Bundle() {
    }

    /**
     * The display bundle of the chart. Validates the chart first, so bad input fails before anything is
     * published. The spec is carried as plain {@code java.util} maps and lists, which the kernel sends as JSON.
     */
    public static DisplayData of(VegaChart chart) {
        return of(chart, true);
    }

    /**
     * The bundle with or without its PNG fallback. Drawing the PNG costs a few hundred milliseconds in a
     * notebook's JVM, so a chart redrawn many times in a row ({@link LiveTrainingChart}) leaves it out of the
     * intermediate pictures and puts it into the last one.
     */
    static DisplayData of(VegaChart chart, boolean withPng) {
        JsonObject spec = chart.spec();
        String text = text(chart);
        DisplayData data = new DisplayData(text);
        data.putData(VEGA_LITE, plain(spec));
        // JupyterLab passes these options to vega-embed: an SVG, which carries the description as its label and
        // which a screen reader can read, instead of the default canvas; and no actions menu, whose icon-only
        // <summary> has no accessible name.
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("renderer", "svg");
        embed.put("actions", false);
        if (chart.hasBrush() && !chart.channels().containsKey("column")) {
            embed.put("patch", hideBrushRectangles());
        }
        Map<String, Object> vegaOptions = new LinkedHashMap<>();
        vegaOptions.put("embed_options", embed);
        data.putMetaData(VEGA_LITE, vegaOptions);
        if (withPng) {
            data.putData("image/png", Png.base64(Fallback.draw(chart)));
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("alt", text);
            data.putMetaData("image/png", options);
        }
        return data;
    }

    /**
     * A JSON Patch for vega-embed ({@code embed_options.patch}, applied to the Vega spec that Vega-Lite compiles):
     * hides the brush's two rectangles from screen readers ({@code aria: false}). Vega-Lite draws an interval
     * brush as rect marks with the role graphics-symbol and no label, and has no property to change that; the
     * chart's description already says what dragging does. A unit spec with a brush named "brush" compiles to
     * the marks {@code brush_brush_bg}, the data's marks and {@code brush_brush}, in this order (Vega-Lite 5,
     * as bundled by JupyterLab 4.6.6); the {@code test} operations check the names first, so a Vega-Lite that
     * compiled them elsewhere fails to draw the chart with an error instead of hiding other marks.
     */
    static List<Object> hideBrushRectangles() {
        List<Object> patch = new ArrayList<>();
        String[][] marks = {{"/marks/0", "brush_brush_bg"}, {"/marks/2", "brush_brush"}};
        for (String[] mark : marks) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("op", "test");
            test.put("path", mark[0] + "/name");
            test.put("value", mark[1]);
            Map<String, Object> hide = new LinkedHashMap<>();
            hide.put("op", "add");
            hide.put("path", mark[0] + "/aria");
            hide.put("value", false);
            patch.add(test);
            patch.add(hide);
        }
        return patch;
    }

    /**
     * Shows the chart as a new output of the running cell; returns its display id for {@link #update}.
     *
     * @throws IllegalStateException outside a notebook (no JJava kernel running)
     * @throws IllegalArgumentException naming the chart and the series if the chart is invalid
     */
    public static String show(VegaChart chart) {
        return show(chart, true);
    }

    /** {@link #show(VegaChart)}, with or without the PNG fallback (see {@link #of(VegaChart, boolean)}). */
    static String show(VegaChart chart, boolean withPng) {
        DisplayData data = of(chart, withPng);
        String id = "deepnets-chart-" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet();
        // Not setDisplayId: its return type differs between JJava releases (void in 1.0a6, DisplayData in 1.0a8).
        data.putTransientData("display_id", id);
        kernel(chart).display(data);
        return id;
    }

    /**
     * Replaces the output shown under {@code id} with this chart, wherever it is in the notebook.
     *
     * @throws IllegalStateException outside a notebook (no JJava kernel running)
     * @throws IllegalArgumentException naming the chart and the series if the chart is invalid
     */
    public static void update(String id, VegaChart chart) {
        update(id, chart, true);
    }

    /** {@link #update(String, VegaChart)}, with or without the PNG fallback. */
    static void update(String id, VegaChart chart, boolean withPng) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Bundle.update: the display id is " + (id == null ? "null" : "blank")
                    + "; pass the id that Bundle.show returned");
        }
        DisplayData data = of(chart, withPng);
        kernel(chart).getIO().display.updateDisplay(id, data);
    }

    /** The text/plain stand-in and the PNG's alt text: the chart's text alternative, from its data. */
    static String text(VegaChart chart) {
        return chart.description();
    }

    private static BaseKernel kernel(VegaChart chart) {
        return kernel("chart '" + chart.name() + "'");
    }

    /**
     * The running notebook kernel, or the documented IllegalStateException naming {@code what}: JJava itself
     * throws a NullPointerException ("No kernel running") outside a notebook, and without JJava on the class
     * path its classes are missing altogether.
     */
    static BaseKernel kernel(String what) {
        BaseKernel kernel;
        try {
            kernel = BaseKernel.notebookKernel();
        } catch (NullPointerException | NoClassDefFoundError e) {
            kernel = null;
        }
        if (kernel == null) {
            throw new IllegalStateException(what + ": no notebook kernel is running; Bundle.show, Bundle.update and "
                    + "LiveTrainingChart work inside a JJava notebook (outside one, use Bundle.of for the bundle, or "
                    + "Charts.learningCurves on the History after training)");
        }
        return kernel;
    }

    /** The JSON tree as JDK maps, lists, strings, numbers and booleans (no Gson classes cross into the kernel). */
    static Object plain(JsonElement e) {
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                map.put(entry.getKey(), plain(entry.getValue()));
            }
            return map;
        }
        if (e.isJsonArray()) {
            JsonArray array = e.getAsJsonArray();
            List<Object> list = new ArrayList<>(array.size());
            for (JsonElement item : array) {
                list.add(plain(item));
            }
            return list;
        }
        if (e.isJsonNull()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            Number n = p.getAsNumber();
            return n instanceof Integer || n instanceof Long ? n.longValue() : n.doubleValue();
        }
        return p.getAsString();
    }
}
