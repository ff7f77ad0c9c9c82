package deepnets.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;

import deepnets.core.Require;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The UCI optical-recognition handwritten digits: 1797 images of 8x8 pixels with values 0..16, and
 * their digit 0..9 (Alpaydin and Kaynak, 1998, UCI Machine Learning Repository, CC BY 4.0).
 *
 * <p>The file {@code data/digits.csv.gz} is a gzipped CSV without header: 65 integer columns per row,
 * the 64 pixels in row-major order, then the label. Its SHA-256 is checked before every load, so a
 * damaged or replaced file fails with a message instead of silently training on wrong data.
 *
 * <p>Where the file is looked for: the folder named by the system property or environment variable
 * {@value #DATA_DIR_VARIABLE} if set; otherwise {@code data/digits.csv.gz} in the working directory or
 * any of its parents (notebooks run in {@code notebooks/} or deeper, the file lives at the project root).
 *
 * <p>Used from notebooks/solutions/03-pandas-vs-caviar.ipynb on.
 */
public final class Digits {

    /** Name of the system property and environment variable that point at the data folder. */
    public static final String DATA_DIR_VARIABLE = "DEEPNETS_DATA";
    /** The file name inside the data folder. */
    public static final String FILE_NAME = "digits.csv.gz";
    /** SHA-256 of the committed {@code data/digits.csv.gz}, lower-case hex. */
    public static final String SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22";
    /** Pixels per image (8 x 8). */
    public static final int PIXELS = 64;
    /** Side of an image in pixels. */
    public static final int SIDE = 8;
    /** Number of classes, the digits 0..9. */
    public static final int CLASSES = 10;
    /** The largest pixel value (the smallest is 0). */
    public static final int MAX_PIXEL = 16;

    private Digits() {
    }

    /** The data set from the file found by {@link #locate()}: x (1797, 64) with values 0..16, labels (1797,), C = 10. */
    public static Dataset load() {
        return load(locate());
    }

    /**
     * The data set from an explicit file, after checking its SHA-256.
     *
     * @param file the gzipped CSV; not modified
     * @return x (N, 64) with the raw pixel values 0..16 as doubles, labels (N,), C = 10
     * @throws IllegalStateException naming the file if it is missing, damaged or not the digits CSV
     */
    public static Dataset load(Path file) {
        Require.notNull("Digits.load", "file", file);
        verify(file);
        return parse(file);
    }

    /**
     * The data set in {@code file} without the hash check; every value is checked, and errors name the file.
     * The CSV is read line by line here rather than through Tablesaw ({@link #table(Path)}): the data is 65
     * integers per line, and a fresh kernel pays Tablesaw's CSV machinery (about 0.2 s) for nothing.
     */
    static Dataset parse(Path file) {
        List<double[]> rows = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.US_ASCII))) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != PIXELS + 1) {
                    throw new IllegalStateException("Digits: " + file + " line " + lineNumber + " has " + cells.length
                            + " columns but " + (PIXELS + 1) + " are expected (64 pixels and the label); restore it with: git checkout data/" + FILE_NAME);
                }
                double[] row = new double[PIXELS];
                for (int j = 0; j <= PIXELS; j++) {
                    int max = j == PIXELS ? CLASSES - 1 : MAX_PIXEL;
                    String cell = cells[j].strip();
                    int v = -1;
                    if (!cell.isEmpty() && cell.length() <= 2 && cell.chars().allMatch(c -> c >= '0' && c <= '9')) {
                        v = Integer.parseInt(cell);
                    }
                    if (v < 0 || v > max) {
                        throw new IllegalStateException("Digits: " + file + " line " + lineNumber + " column " + (j + 1) + " is "
                                + (cell.isEmpty() ? "empty" : "\"" + cell + "\"") + " but " + (j == PIXELS ? "labels" : "pixels")
                                + " are integers in 0.." + max + "; restore the file with: git checkout data/" + FILE_NAME);
                    }
                    if (j == PIXELS) {
                        labelList.add(v);
                    } else {
                        row[j] = v;
                    }
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException("Digits: could not read " + file + " as the gzipped digits CSV (65 integer columns, "
                    + "no header): " + e + ". Restore it with: git checkout data/" + FILE_NAME, e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("Digits: " + file + " has no rows; restore it with: git checkout data/" + FILE_NAME);
        }
        int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        return new Dataset(rows.toArray(new double[0][]), labels, CLASSES);
    }

    /** The raw table from the file found by {@link #locate()}: integer columns p0..p63 and label. */
    public static Table table() {
        return table(locate());
    }

    /**
     * The raw table read through Tablesaw, after checking the file's SHA-256.
     *
     * @param file the gzipped CSV; not modified
     * @return a table with integer columns p0..p63 (row-major pixels) and label
     * @throws IllegalStateException naming the file if it is missing, damaged or not the digits CSV
     */
    public static Table table(Path file) {
        Require.notNull("Digits.table", "file", file);
        verify(file);
        return read(file);
    }

    /** The file read through Tablesaw without the hash check; any failure names the file. */
    static Table read(Path file) {
        ColumnType[] types = new ColumnType[PIXELS + 1];
        Arrays.fill(types, ColumnType.INTEGER);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Table table = Table.read().usingOptions(CsvReadOptions.builder(in)
                    .header(false)
                    .columnTypes(types)
                    .tableName("digits"));
            if (table.columnCount() != PIXELS + 1) {
                throw new IllegalStateException("Digits: " + file + " has " + table.columnCount() + " columns but "
                        + (PIXELS + 1) + " are expected (64 pixels and the label).");
            }
            if (table.rowCount() == 0) {
                throw new IllegalStateException("Digits: " + file + " has no rows; restore it with: git checkout data/" + FILE_NAME);
            }
            for (int j = 0; j < PIXELS; j++) {
                table.column(j).setName("p" + j);
            }
            table.column(PIXELS).setName("label");
            return table;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().startsWith("Digits: " + file)) {
                throw (IllegalStateException) e;
            }
            throw new IllegalStateException("Digits: could not read " + file + " as the gzipped digits CSV (65 integer columns, "
                    + "no header): " + e + ". Restore it with: git checkout data/" + FILE_NAME, e);
        }
    }

    /**
     * Finds {@code digits.csv.gz}: in the folder named by {@value #DATA_DIR_VARIABLE} (system property
     * first, then environment variable) if set, else in {@code data/} of the working directory or a parent.
     *
     * @return the path of an existing file
     * @throws IllegalStateException naming every place searched and how to fix it
     */
    public static Path locate() {
        String folder = System.getProperty(DATA_DIR_VARIABLE);
        String source = "system property";
        if (folder == null || folder.isBlank()) {
            folder = System.getenv(DATA_DIR_VARIABLE);
            source = "environment variable";
        }
        if (folder != null && !folder.isBlank()) {
            Path file = Paths.get(folder).toAbsolutePath().resolve(FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("Digits: the " + source + " " + DATA_DIR_VARIABLE + " points at " + folder
                        + " but " + file + " does not exist. Point " + DATA_DIR_VARIABLE
                        + " at the project's data/ folder, or unset it to search from the working directory.");
            }
            return file;
        }
        Path cwd = Paths.get("").toAbsolutePath();
        List<Path> searched = new ArrayList<>();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("data").resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                return file;
            }
            searched.add(file);
        }
        throw new IllegalStateException("Digits: could not find data/" + FILE_NAME + " in " + cwd
                + " or any parent folder (searched " + searched + "). Run from inside the project, set "
                + DATA_DIR_VARIABLE + " to the folder holding " + FILE_NAME
                + ", or restore the file with: git checkout data/" + FILE_NAME);
    }

    /**
     * Checks that {@code file} exists and has the expected SHA-256.
     *
     * @throws IllegalStateException if the file is missing or its hash differs, with the fix
     */
    public static void verify(Path file) {
        Require.notNull("Digits.verify", "file", file);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Digits: " + file.toAbsolutePath() + " does not exist. Restore it with: git checkout data/"
                    + FILE_NAME + " (or pass the path of your copy to Digits.load(Path)).");
        }
        String actual = sha256(file);
        if (!actual.equals(SHA256)) {
            throw new IllegalStateException("Digits: " + file.toAbsolutePath() + " is damaged or not the expected file: SHA-256 is "
                    + actual + " but expected " + SHA256 + ". Restore it with: git checkout data/" + FILE_NAME);
        }
    }

    /** The SHA-256 of a file's bytes as lower-case hex. Not modified. */
    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("Digits: could not read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Digits: this JVM has no SHA-256, which every Java platform must provide.", e);
        }
    }

    /** The reshaped image of one example: (64,) -&gt; (8, 8), row-major. Not modified. */
    public static double[][] image(double[] pixels) {
        if (pixels == null || pixels.length != PIXELS) {
            throw new IllegalArgumentException("Digits.image: pixels has shape " + (pixels == null ? "null" : "(" + pixels.length + ",)")
                    + " but an image needs (64,); pass one row of Digits.load().x().");
        }
        double[][] img = new double[SIDE][SIDE];
        for (int r = 0; r < SIDE; r++) {
            System.arraycopy(pixels, r * SIDE, img[r], 0, SIDE);
        }
        return img;
    }
}
