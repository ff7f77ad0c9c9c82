package deepnets.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import deepnets.charts.Charts;
import deepnets.charts.Describe;
import deepnets.charts.Images;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Issue 32: what the kernel publishes for a chart or a picture: PNG, the text alternative as text and as alt. */
class CourseExtensionTest {

    /** The display bundle as the kernel serializes it ({@code data}, {@code metadata}). */
    private static JsonObject published(Object value) {
        Renderer renderer = new Renderer();
        CourseExtension.register(renderer);
        DisplayData data = renderer.render(value);
        return new Gson().toJsonTree(data).getAsJsonObject();
    }

    private static XYChart chart() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("sgd", new double[] {2, 1});
        return Charts.learningCurves("Loss", "loss", m);
    }

    @Test
    void aChartCarriesItsTextAlternativeAsPlainTextAndAsThePngsAltText() {
        XYChart chart = chart();
        JsonObject bundle = published(chart);
        String text = Describe.of(chart);
        assertTrue(text.startsWith("Line chart \"Loss\""), text);
        assertTrue(bundle.getAsJsonObject("data").get("image/png").getAsString().length() > 1000);
        assertEquals(text, bundle.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(text, bundle.getAsJsonObject("metadata").getAsJsonObject("image/png").get("alt").getAsString());
    }

    @Test
    void aPictureIsNoLongerDescribedAsBufferedImageAt() {
        JsonObject bundle = published(Images.sideBySide(chart()));
        String plain = bundle.getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(plain.startsWith("Line chart \"Loss\". x axis: epoch, 1 to 2."), plain);
        assertTrue(!plain.contains("BufferedImage@"), plain);
        assertEquals(plain, bundle.getAsJsonObject("metadata").getAsJsonObject("image/png").get("alt").getAsString());
    }
}
