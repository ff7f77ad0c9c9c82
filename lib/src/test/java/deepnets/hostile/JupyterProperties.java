package deepnets.hostile;

import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import deepnets.Hostile.Outcome;
import deepnets.jupyter.CourseExtension;
import deepnets.jupyter.Png;
import deepnets.jupyter.TableHtml;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Hostile calls into deepnets.jupyter: charts of any size, tables with nulls. */
class JupyterProperties {

    @Provide
    Arbitrary<Integer> ints() {
        return anyInt();
    }

    @Property(seed = "17", tries = 10)
    void chartsOfAnySizeEncodeOrAreRefused(@ForAll("ints") int width, @ForAll("ints") int height) {
        int w = Math.min(width, 1 << 16);
        int h = Math.min(height, 1 << 16);
        XYChart chart = new XYChart(w, h);
        chart.addSeries("y", new double[] {1, 2}, new double[] {3, 4});
        Outcome<String> png = call("Png.base64", () -> Png.base64(chart));
        if (png.returned()) {
            byte[] bytes = Base64.getDecoder().decode(png.value());
            assertTrue(bytes.length > 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G');
        }
        call("Png.describe", () -> Png.describe(chart));
    }

    @Example
    void nullsAreRefusedNamingTheMethod() {
        assertFalse(call("Png.base64", () -> Png.base64(null)).returned());
        assertFalse(call("Png.describe", () -> Png.describe(null)).returned());
        assertFalse(call("TableHtml.render", () -> TableHtml.render(null)).returned());
        assertFalse(call("TableHtml.text", () -> TableHtml.text(null)).returned());
        assertFalse(call("CourseExtension.install", () -> {
            new CourseExtension().install(null);
            return null;
        }).returned());
    }

    @Example
    void aTableWithMissingCellsAndNoNameRenders() {
        Table t = Table.create(StringColumn.create("s", new String[] {"<a>", null, ""}));
        Outcome<String> html = call("TableHtml.render", () -> TableHtml.render(t));
        assertTrue(html.value().contains("&lt;a&gt;"));
        call("TableHtml.text", () -> TableHtml.text(t));
    }
}
