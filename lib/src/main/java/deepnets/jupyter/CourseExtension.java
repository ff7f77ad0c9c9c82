package deepnets.jupyter;

import org.dflib.jjava.jupyter.Extension;
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

    @Override
    public void install(BaseKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("CourseExtension.install: kernel is null; the JJava kernel passes itself.");
        }
        QuickReplies.install();
        kernel.getRenderer()
                .createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    context.renderIfRequested(MIMEType.IMAGE_PNG, () -> Png.base64(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> Png.describe(chart));
                });
        kernel.getRenderer()
                .createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((table, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.render(table));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
    }
}
