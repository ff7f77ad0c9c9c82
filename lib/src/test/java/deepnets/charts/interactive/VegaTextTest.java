package deepnets.charts.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

/** Issue 32: an interactive chart's text alternative, palette and second channel. */
class VegaTextTest {

    /** Two runs of 3 epochs; the loss values are chosen so that each run's lowest and highest are clear. */
    private static VegaChart runs() {
        return VegaChart.named("Loss by run").column("epoch", new double[] {1, 2, 3, 1, 2, 3})
                .column("loss", new double[] {2.0, 1.0, 0.5, 2.2, 1.5, 1.2})
                .column("run", new String[] {"adam", "adam", "adam", "sgd", "sgd", "sgd"})
                .mark(VegaChart.Mark.LINE).x("epoch", "epoch").y("loss", "loss").color("run", "run")
                .tooltip("run", "loss");
    }

    @Test
    void theDescriptionComesFromTheDataAndEndsWithTheTakeaway() {
        String text = runs().description();
        assertEquals("Interactive chart \"Loss by run\". x axis: epoch, 1 to 3. y axis: loss, 0.5 to 2.2. Lines, "
                + "colour and marker by run (adam, sgd). 2 series at the start: adam: 3 points, lowest y 0.5 at x = 3, "
                + "highest y 2 at x = 1; sgd: 3 points, lowest y 1.2 at x = 3, highest y 2.2 at x = 1. Each mark's "
                + "tooltip shows run, loss.", text);
        assertTrue(runs().takeaway("Adam ends lower").description().endsWith("tooltip shows run, loss. Adam ends lower."));
        assertThrows(IllegalArgumentException.class, () -> runs().takeaway(" "));
    }

    @Test
    void aSliderChartDescribesTheRowsShownAtTheSlidersStart() {
        VegaChart chart = VegaChart.named("EWA").column("beta", new double[] {0.5, 0.5, 0.9, 0.9})
                .column("k", new double[] {0, 1, 0, 1}).column("w", new double[] {0.5, 0.25, 0.1, 0.09})
                .mark(VegaChart.Mark.BAR).x("k", "k").y("w", "weight").slider("beta", 0.5, 0.9, 0.4, 0.9, "beta");
        String text = chart.description();
        assertTrue(text.contains("One series at the start: 2 points, lowest y 0.09 at x = 1, highest y 0.1 at x = 0."),
                text);
        assertTrue(text.contains("A slider \"beta\" from 0.5 to 0.9 in steps of 0.4, starting at 0.9"), text);
    }

    @Test
    void theSpecCarriesTheDescriptionTheOkabeItoPaletteAndAShapePerSeries() {
        JsonObject spec = runs().spec();
        assertEquals(runs().description(), spec.get("description").getAsString());
        JsonArray range = spec.getAsJsonObject("encoding").getAsJsonObject("color").getAsJsonObject("scale")
                .getAsJsonArray("range");
        assertEquals("#0072B2", range.get(0).getAsString());
        assertEquals("#D55E00", range.get(1).getAsString());
        assertEquals("run", spec.getAsJsonObject("encoding").getAsJsonObject("shape").get("field").getAsString());
        assertEquals(Set.of(), VegaLiteSchema.problems(spec.toString()));
        JsonObject brushed = runs().brush().spec();
        assertEquals(Set.of(), VegaLiteSchema.problems(brushed.toString()));
        assertEquals(0.35, brushed.getAsJsonObject("encoding").getAsJsonObject("opacity").get("value").getAsDouble(),
                "unselected marks are also faint, not only grey");
    }

    @Test
    void theBundlesPlainTextAndPngAltTextAreTheDescription() {
        DisplayData data = Bundle.of(runs());
        JsonObject json = new com.google.gson.Gson().toJsonTree(data).getAsJsonObject();
        String text = runs().description();
        assertEquals(text, json.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(text, json.getAsJsonObject("metadata").getAsJsonObject("image/png").get("alt").getAsString());
        assertEquals("svg", json.getAsJsonObject("metadata").getAsJsonObject(Bundle.VEGA_LITE)
                .getAsJsonObject("embed_options").get("renderer").getAsString(), "JupyterLab draws an SVG, not a canvas");
        assertEquals(false, json.getAsJsonObject("metadata").getAsJsonObject(Bundle.VEGA_LITE)
                .getAsJsonObject("embed_options").get("actions").getAsBoolean(), "no unnamed actions menu");
    }

    @Test
    void aBrushChartTellsVegaEmbedToHideTheBrushRectanglesFromScreenReadersOnlyWhereVegaLitePutsThem() {
        JsonObject gson = new com.google.gson.Gson().toJsonTree(Bundle.of(runs().brush())).getAsJsonObject();
        JsonArray patch = gson.getAsJsonObject("metadata").getAsJsonObject(Bundle.VEGA_LITE)
                .getAsJsonObject("embed_options").getAsJsonArray("patch");
        assertEquals("[{\"op\":\"test\",\"path\":\"/marks/0/name\",\"value\":\"brush_brush_bg\"},"
                + "{\"op\":\"add\",\"path\":\"/marks/0/aria\",\"value\":false},"
                + "{\"op\":\"test\",\"path\":\"/marks/2/name\",\"value\":\"brush_brush\"},"
                + "{\"op\":\"add\",\"path\":\"/marks/2/aria\",\"value\":false}]", patch.toString());
        for (VegaChart noBrush : new VegaChart[] {runs(), runs().panels("run").brush()}) {
            JsonObject options = new com.google.gson.Gson().toJsonTree(Bundle.of(noBrush)).getAsJsonObject()
                    .getAsJsonObject("metadata").getAsJsonObject(Bundle.VEGA_LITE).getAsJsonObject("embed_options");
            assertTrue(!options.has("patch"), "no patch for a chart whose compiled marks are elsewhere: " + options);
        }
    }

    @Test
    void theTableHoldsEveryRowOfTheChartsData() {
        tech.tablesaw.api.Table t = runs().table();
        assertEquals(6, t.rowCount());
        assertEquals(java.util.List.of("epoch", "loss", "run"), t.columnNames());
        assertEquals("sgd", t.stringColumn("run").get(4));
        assertEquals(1.5, t.doubleColumn("loss").get(4));
    }
}
