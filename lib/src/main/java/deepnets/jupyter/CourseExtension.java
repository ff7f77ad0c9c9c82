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
 * the plain-text table as a fallback for consoles and for {@code nbconvert --to markdown}). A chart or a
 * picture also carries its text alternative: as {@code text/plain}, as the alt of the PNG in the metadata, and as
 * an HTML {@code <img alt>} of the same PNG, the one JupyterLab shows ({@link #imgTag}).
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

    /**
     * The same PNG as an HTML image with the text alternative as its alt attribute. JupyterLab (4.6.6) draws an
     * {@code image/png} output with its image renderer, which writes no alt attribute whatever the metadata
     * holds ({@code renderImage} in {@code @jupyterlab/rendermime}); it prefers {@code text/html} to
     * {@code image/png}, and its HTML sanitizer (for untrusted notebooks) keeps an img's {@code src} data URL
     * and its {@code alt}. So a screen reader in JupyterLab, and nbconvert's HTML (which prefers text/html as
     * well), read the chart's text alternative; {@code image/png} stays for tools that look for the picture.
     */
    static String imgTag(String base64Png, String alt) {
        return "<img src=\"data:image/png;base64," + base64Png + "\" alt=\"" + escapeAttribute(alt) + "\">";
    }

    /** Text made safe inside a double-quoted HTML attribute. */
    static String escapeAttribute(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
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
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    String text = Png.describe(chart);
                    String[] png = new String[1];
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png[0] = Png.base64(chart));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> imgTag(png[0] != null ? png[0] : Png.base64(chart), text));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> text);
                    altText(context.getOutputContainer(), text);
                });
        // Pictures drawn by Images and ConfusionMatrix (and any other BufferedImage, which JJava would
        // otherwise show with the text "BufferedImage@1a2b3c: type = 1 ...").
        renderer
                .createRegistration(BufferedImage.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((image, context) -> {
                    String text = Describe.of(image);
                    String[] png = new String[1];
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> png[0] = Png.ofPicture(image));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> imgTag(png[0] != null ? png[0] : Png.ofPicture(image), text));
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
