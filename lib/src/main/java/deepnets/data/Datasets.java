package deepnets.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Turns tables into {@link Dataset}s: every numeric column is a feature, one column holds the class. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Reads a CSV file with a header row through Tablesaw and calls {@link #fromTable(Table, String)}.
     *
     * @param file        the CSV file; not modified
     * @param labelColumn the header of the class column
     */
    public static Dataset fromCsv(Path file, String labelColumn) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Datasets.fromCsv: " + file.toAbsolutePath() + " does not exist; check the path.");
        }
        return fromTable(Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).header(true)), labelColumn);
    }

    /**
     * A data set from a table: the other columns, in order, become x (N, D); the label column becomes
     * labels (N,). Integer labels must be &ge; 0 and give C = max + 1; text labels are numbered in
     * sorted order (the first name in alphabetical order is class 0).
     *
     * @param table       every column other than the label must be numeric without missing values; not modified
     * @param labelColumn the name of the class column
     */
    public static Dataset fromTable(Table table, String labelColumn) {
        if (!table.columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException("Datasets.fromTable: no column named '" + labelColumn + "'; the columns are "
                    + table.columnNames() + ".");
        }
        int n = table.rowCount();
        List<NumericColumn<?>> features = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            if (column.name().equals(labelColumn)) {
                continue;
            }
            if (!(column instanceof NumericColumn<?> numeric)) {
                throw new IllegalArgumentException("Datasets.fromTable: column '" + column.name() + "' has type " + column.type()
                        + "; every feature must be numeric. Remove or encode it first (table.removeColumns(\"" + column.name() + "\")).");
            }
            features.add(numeric);
        }
        double[][] x = new double[n][features.size()];
        for (int j = 0; j < features.size(); j++) {
            NumericColumn<?> column = features.get(j);
            for (int i = 0; i < n; i++) {
                x[i][j] = column.getDouble(i);
            }
        }
        Column<?> label = table.column(labelColumn);
        int[] labels = new int[n];
        int numClasses;
        if (label instanceof NumericColumn<?> numeric) {
            int max = 0;
            for (int i = 0; i < n; i++) {
                double v = numeric.getDouble(i);
                if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Datasets.fromTable: row " + i + " of label column '" + labelColumn + "' is " + v
                            + "; numeric labels must be whole numbers >= 0.");
                }
                labels[i] = (int) v;
                max = Math.max(max, labels[i]);
            }
            numClasses = Math.max(2, max + 1);
        } else if (label instanceof StringColumn text) {
            List<String> names = new ArrayList<>(new TreeSet<>(text.asList()));
            for (int i = 0; i < n; i++) {
                labels[i] = names.indexOf(text.get(i));
            }
            numClasses = Math.max(2, names.size());
        } else {
            throw new IllegalArgumentException("Datasets.fromTable: label column '" + labelColumn + "' has type " + label.type()
                    + "; it must hold whole numbers or text.");
        }
        return new Dataset(x, labels, numClasses);
    }
}
