package deepnets.charts.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.Test;

class VegaChartTest {

    /** beta in {0.5, 0.9}, k = 0..3, weight = (1 - beta) beta^k: 8 rows, computed here by hand. */
    private static VegaChart ewa() {
        double[] beta = {0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9};
        double[] k = {0, 1, 2, 3, 0, 1, 2, 3};
        double[] weight = {0.5, 0.25, 0.125, 0.0625, 0.1, 0.09, 0.081, 0.0729};
        return VegaChart.named("EWA weights").column("beta", beta).column("k", k).column("weight", weight)
                .mark(VegaChart.Mark.BAR).x("k", "steps back").y("weight", "weight")
                .slider("beta", 0.5, 0.9, 0.4, 0.9, "beta").tooltip("k", "weight").yDomain(0, 1);
    }

    private static VegaChart trials() {
        return VegaChart.named("Search trials").column("rate", new double[] {1e-3, 1e-2, 1e-1})
                .column("score", new double[] {0.8, 0.95, 0.6}).column("config", new String[] {"a", "b", "c"})
                .x("rate", "learning rate").y("score", "accuracy").xLog().tooltip("config", "score")
                .brush(5e-3, 5e-2, 0.7, 1.0);
    }

    @Test
    void specsAreValidVegaLite() {
        for (VegaChart chart : List.of(ewa(), trials(), ewa().color("beta", "beta").panels("k"))) {
            assertEquals(Set0.EMPTY, VegaLiteSchema.problems(chart.spec().toString()), chart.name());
        }
    }

    @Test
    void schemaRejectsStructurallyWrongSpecs() {
        JsonObject unknownMark = ewa().spec();
        unknownMark.getAsJsonObject("mark").addProperty("type", "bars");
        assertFalse(VegaLiteSchema.problems(unknownMark.toString()).isEmpty(), "a mark type Vega-Lite does not know");
        JsonObject badBind = trials().spec();
        badBind.getAsJsonArray("params").get(0).getAsJsonObject().getAsJsonObject("select")
                .addProperty("type", "lasso");
        assertFalse(VegaLiteSchema.problems(badBind.toString()).isEmpty(), "a selection type that does not exist");
        JsonObject noData = ewa().spec();
        noData.add("data", new JsonArray());
        assertFalse(VegaLiteSchema.problems(noData.toString()).isEmpty(), "data given as an array");
    }

    @Test
    void dataRowsCarryEveryColumn() {
        JsonArray rows = ewa().spec().getAsJsonObject("data").getAsJsonArray("values");
        assertEquals(8, rows.size());
        JsonObject row5 = rows.get(5).getAsJsonObject();
        assertEquals(0.9, row5.get("beta").getAsDouble());
        assertEquals(1.0, row5.get("k").getAsDouble());
        assertEquals(0.09, row5.get("weight").getAsDouble());
    }

    @Test
    void sliderIsABoundParameterThatFiltersItsColumn() {
        JsonObject spec = ewa().spec();
        JsonObject param = spec.getAsJsonArray("params").get(0).getAsJsonObject();
        assertEquals("range", param.getAsJsonObject("bind").get("input").getAsString());
        assertEquals(0.9, param.get("value").getAsDouble());
        String filter = spec.getAsJsonArray("transform").get(0).getAsJsonObject().get("filter").getAsString();
        assertEquals("abs(datum['beta'] - slider0) < 0.2", filter);
    }

    @Test
    void fallbackShowsTheRowsAtTheSlidersStartingValue() {
        VegaChart chart = ewa();
        int shown = 0;
        for (int i = 0; i < chart.rows(); i++) {
            shown += Fallback.shownAtStart(chart, i) ? 1 : 0;
        }
        assertEquals(4, shown, "beta starts at 0.9: the 4 rows of beta 0.9");
        assertEquals(4, Fallback.draw(chart).getSeriesCollection().iterator().next().getXData().length);
    }

    /** Issue 32: the still picture uses the interactive chart's Okabe-Ito colours, and each line its own dash. */
    @Test
    void fallbackLinesUseTheCoursePaletteAndDifferByDash() {
        int n = 10;
        double[] group = new double[2 * n];
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            group[i] = i / 2;
            x[i] = i % 2;
            y[i] = i;
        }
        VegaChart chart = VegaChart.named("groups").column("g", group).column("x", x).column("y", y)
                .mark(VegaChart.Mark.LINE).x("x", "x").y("y", "y").color("g", "group");
        org.knowm.xchart.XYChart drawn = Fallback.draw(chart);
        deepnets.charts.Images.toImage(drawn);   // XChart gives the series their colours while drawing
        java.util.Set<String> looks = new java.util.HashSet<>();
        int k = 0;
        for (org.knowm.xchart.XYSeries s : drawn.getSeriesCollection()) {
            assertEquals(java.awt.Color.decode(VegaSpec.OKABE_ITO[k % VegaSpec.OKABE_ITO.length]), s.getLineColor(), s.getName());
            assertTrue(looks.add(s.getLineColor() + java.util.Arrays.toString(s.getLineStyle().getDashArray())),
                    "series " + s.getName() + " has the colour and dash of an earlier one");
            k++;
        }
        assertEquals(n, k);
    }

    @Test
    void bundleHoldsSpecPngAndText() {
        DisplayData d = Bundle.of(trials());
        Object spec = d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(Bundle.VEGA_LITE));
        assertTrue(spec instanceof Map, "the spec is a plain java.util.Map: " + spec.getClass());
        assertEquals("Search trials", ((Map<?, ?>) ((Map<?, ?>) spec).get("title")).get("text"));
        String png = (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG);
        byte[] bytes = java.util.Base64.getDecoder().decode(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        String text = (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("Search trials"), text);
    }

    @Test
    void badInputNamesTheChartAndTheSeries() {
        IllegalArgumentException noData = assertThrows(IllegalArgumentException.class,
                () -> VegaChart.named("Empty").spec());
        assertTrue(noData.getMessage().contains("'Empty'") && noData.getMessage().contains("no data"),
                noData.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> VegaChart.named("Curves")
                .column("epoch", new double[] {1, 2}).column("loss", new double[] {0.5, Double.NaN})
                .x("epoch", "epoch").y("loss", "loss").spec());
        assertTrue(nan.getMessage().contains("'Curves'") && nan.getMessage().contains("series 'loss'")
                && nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> Bundle.of(
                VegaChart.named("Curves").column("epoch", new double[] {1, 2, 3}).column("loss", new double[] {1, 2})
                        .x("epoch", "epoch").y("loss", "loss")));
        assertTrue(lengths.getMessage().contains("'Curves'") && lengths.getMessage().contains("series 'loss'")
                && lengths.getMessage().contains("2") && lengths.getMessage().contains("3"), lengths.getMessage());
        IllegalArgumentException logZero = assertThrows(IllegalArgumentException.class, () -> VegaChart.named("Log")
                .column("rate", new double[] {0, 1}).column("s", new double[] {1, 2}).x("rate", "r").y("s", "s")
                .xLog().spec());
        assertTrue(logZero.getMessage().contains("series 'rate'"), logZero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ewa().slider("missing", 0, 1, 0.1, 0.5, "m").spec());
        assertThrows(IllegalArgumentException.class, () -> ewa().x("nope", "x"));
    }

    /** An empty set, spelled once so that the equality message shows the schema's complaints. */
    private static final class Set0 {
        static final java.util.Set<String> EMPTY = java.util.Set.of();
    }
}
