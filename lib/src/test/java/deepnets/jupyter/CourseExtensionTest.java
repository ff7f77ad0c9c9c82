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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The one img tag of a text/html part: its src and its alt, the alt's entities decoded. */
    private static String[] imgParts(String html) {
        Matcher m = Pattern.compile("^<img src=\"([^\"]*)\" alt=\"([^\"]*)\">$").matcher(html);
        assertTrue(m.matches(), html.length() > 300 ? html.substring(0, 150) + " ... " + html.substring(html.length() - 150) : html);
        String alt = m.group(2).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
        return new String[] {m.group(1), alt};
    }

    @Test
    void jupyterLabGetsTheSamePngAsAnHtmlImageWithTheTextAlternativeAsItsAlt() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("lr \"0.1\" <fast> & 'odd'", new double[] {2, 1});
        XYChart chart = Charts.learningCurves("Loss", "loss", m);
        JsonObject data = published(chart).getAsJsonObject("data");
        String text = Describe.of(chart);
        assertTrue(text.contains("<fast> & 'odd'"), text);
        String[] img = imgParts(data.get("text/html").getAsString());
        assertEquals("data:image/png;base64," + data.get("image/png").getAsString(), img[0]);
        assertEquals(text, img[1]);
    }

    @Test
    void aPictureAlsoComesAsAnHtmlImageWithItsDescription() {
        JsonObject data = published(Images.sideBySide(chart())).getAsJsonObject("data");
        String[] img = imgParts(data.get("text/html").getAsString());
        assertEquals("data:image/png;base64," + data.get("image/png").getAsString(), img[0]);
        assertEquals(data.get("text/plain").getAsString(), img[1]);
    }
}
