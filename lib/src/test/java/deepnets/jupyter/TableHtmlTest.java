package deepnets.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableHtmlTest {

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void smallTableShowsEveryRowHeaderAndCaption() {
        Table t = Table.create("trials", IntColumn.create("trial", 1, 2, 3),
                DoubleColumn.create("score", 0.5, 0.25, 0.125));
        String html = TableHtml.render(t);
        assertTrue(html.contains("<caption>trials (3 rows &times; 2 columns)</caption>"), html);
        assertTrue(html.contains("<th>trial</th><th>score</th>"), html);
        assertEquals(3 + 1, count(html, "<tr>"), "a header row and three body rows");
        assertTrue(html.contains("<td>0.125</td>"), html);
    }

    @Test
    void markupInCellsIsEscaped() {
        Table t = Table.create("x<y", StringColumn.create("a&b", "<script>\"hi\"</script>"));
        String html = TableHtml.render(t);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;&quot;hi&quot;&lt;/script&gt;"), html);
        assertTrue(html.contains("<th>a&amp;b</th>"), html);
        assertTrue(html.contains("x&lt;y"), html);
    }

    @Test
    void longTableShowsHeadAndTailWithTheCountOfHiddenRows() {
        int[] values = new int[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1000 + i;
        }
        String html = TableHtml.render(Table.create("long", IntColumn.create("v", values)));
        // 15 head rows + 5 tail rows + the marker row + the header row.
        assertEquals(15 + 5 + 1 + 1, count(html, "<tr>"));
        assertTrue(html.contains("<td>1014</td>") && !html.contains("<td>1015</td>"), "head ends at row 14");
        assertTrue(html.contains("<td>1095</td>") && !html.contains("<td>1094</td>"), "tail starts at row 95");
        assertTrue(html.contains("80 more rows"), html);
    }

    @Test
    void textFallbackListsTheValues() {
        String text = TableHtml.text(Table.create("t", IntColumn.create("v", 7, 8)));
        assertTrue(text.contains("7") && text.contains("8") && text.contains("v"), text);
    }
}
