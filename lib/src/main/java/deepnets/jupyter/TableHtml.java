package deepnets.jupyter;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An HTML view of a Tablesaw table (Tablesaw's core has no HTML writer).
 *
 * <p>Long tables show their first and last rows with a marker in between, so a student never
 * floods the notebook by displaying a whole dataset.
 *
 * <p>Shows Tablesaw tables in notebooks/solutions/03-pandas-vs-caviar.ipynb and 08; no notebook calls it.
 */
public final class TableHtml {

    /** Tables longer than this show only their head and tail. */
    static final int MAX_ROWS = 20;
    private static final int TAIL_ROWS = 5;

    private TableHtml() {
    }

    /** The table as an HTML {@code <table>} with a caption giving its name and shape. Not modified. */
    public static String render(Table table) {
        requireTable("TableHtml.render", table);
        StringBuilder html = new StringBuilder(256);
        html.append("<table class=\"deepnets-table\">\n<caption>")
                .append(escape(table.name() == null ? "" : table.name()))
                .append(" (").append(table.rowCount()).append(" rows &times; ").append(table.columnCount())
                .append(" columns)</caption>\n<thead><tr>");
        for (String name : table.columnNames()) {
            html.append("<th>").append(escape(name)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int rows = table.rowCount();
        boolean elide = rows > MAX_ROWS;
        int head = elide ? MAX_ROWS - TAIL_ROWS : rows;
        for (int r = 0; r < head; r++) {
            row(html, table, r);
        }
        if (elide) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\">&hellip; ")
                    .append(rows - head - TAIL_ROWS).append(" more rows &hellip;</td></tr>\n");
            for (int r = rows - TAIL_ROWS; r < rows; r++) {
                row(html, table, r);
            }
        }
        return html.append("</tbody>\n</table>").toString();
    }

    /** The plain-text fallback: Tablesaw's own printout, limited like the HTML view. */
    public static String text(Table table) {
        requireTable("TableHtml.text", table);
        return table.rowCount() > MAX_ROWS ? table.print(MAX_ROWS) : table.printAll();
    }

    private static void requireTable(String op, Table table) {
        if (table == null) {
            throw new IllegalArgumentException(op + ": table is null; pass a Tablesaw table.");
        }
    }

    private static void row(StringBuilder html, Table table, int r) {
        html.append("<tr>");
        for (Column<?> column : table.columns()) {
            html.append("<td>").append(escape(column.getString(r))).append("</td>");
        }
        html.append("</tr>\n");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
