package deepnets.jupyter;

import deepnets.charts.Describe;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Teaches the JJava kernel to show the course's objects inline.
 *
 * <p>The kernel finds this class through {@code META-INF/services/org.dflib.jjava.jupyter.Extension}
 * when the library is on its classpath. After that, a cell whose last expression is an XChart
 * chart shows the chart as a PNG image, and a Tablesaw {@link Table} shows as an HTML table (with
 * the plain-text table as a fallback for consoles and for {@code nbconvert --to markdown}).
 *
 * <p>Makes charts and tables display in every notebook; no notebook calls it.
 */
public final class CourseExtension implements Extension {

    /**
     * Puts the text alternative where notebook front ends look for image options: the output's metadata under
     * {@code image/png}, key {@code alt} (the course's site template writes it as the img's alt attribute).
     */
    static void altText(DisplayData data, String text) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("alt", text);
        data.putMetaData(MIMEType.IMAGE_PNG, options);
    }

    @Override
    public void install(BaseKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("CourseExtension.install: kernel is null; the JJava kernel passes itself.");
        }
        QuickReplies.install();
        register(kernel.getRenderer());
    }

    /** Registers the course's renderers: charts and pictures as PNG with their text alternative, tables as HTML. */
    static void register(Renderer renderer) {
        renderer
                .createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    String text = Png.describe(chart);
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Png.base64(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
                    altText(context.getOutputContainer(), text);
                });
        // Pictures drawn by Images and ConfusionMatrix (and any other BufferedImage, which JJava would
        // otherwise show with the text "BufferedImage@1a2b3c: type = 1 ...").
        renderer
                .createRegistration(BufferedImage.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((image, context) -> {
                    String text = Describe.of(image);
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Png.ofPicture(image));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
                    altText(context.getOutputContainer(), text);
                });
        renderer
                .createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
    }
}
