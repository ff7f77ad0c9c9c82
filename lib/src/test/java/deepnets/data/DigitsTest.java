package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tech.tablesaw.api.Table;

class DigitsTest {

    private static Path file;
    private static Dataset digits;

    @BeforeAll
    static void load() {
        file = Digits.locate();
        digits = Digits.load();
    }

    @Test
    void hasTheKnownShapeAndRange() {
        assertEquals(1797, digits.size());
        assertEquals(64, digits.features());
        assertEquals(10, digits.numClasses());
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : digits.x()) {
            for (double v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                assertEquals(Math.rint(v), v, "pixels are whole numbers");
            }
        }
        assertEquals(0.0, min);
        assertEquals(16.0, max);
    }

    @Test
    void everyClassIsPresentInRoughlyEqualShare() {
        int[] counts = digits.classCounts();
        int sum = 0;
        for (int c : counts) {
            assertTrue(c >= 170 && c <= 190, "each digit has about 180 images, got " + c);
            sum += c;
        }
        assertEquals(1797, sum);
    }

    @Test
    void matchesAPlainParseOfTheFile() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            String line;
            int i = 0;
            while ((line = in.readLine()) != null) {
                String[] cells = line.split(",");
                assertEquals(65, cells.length);
                for (int j = 0; j < 64; j++) {
                    assertEquals(Double.parseDouble(cells[j]), digits.x()[i][j], "row " + i + " pixel " + j);
                }
                assertEquals(Integer.parseInt(cells[64]), digits.labels()[i], "label of row " + i);
                i++;
            }
            assertEquals(1797, i);
        }
    }

    @Test
    void tableHasNamedColumns() {
        Table table = Digits.table();
        assertEquals(65, table.columnCount());
        assertEquals(1797, table.rowCount());
        assertEquals("p0", table.column(0).name());
        assertEquals("p63", table.column(63).name());
        assertEquals("label", table.column(64).name());
    }

    @Test
    void detectsAFlippedByte(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Path damaged = dir.resolve(Digits.FILE_NAME);
        Files.write(damaged, bytes);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Digits.load(damaged));
        assertTrue(e.getMessage().contains(damaged.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(Digits.SHA256), e.getMessage());
        assertTrue(e.getMessage().contains(actual), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout data/digits.csv.gz"), e.getMessage());
    }

    @Test
    void expectedHashIsTheHashOfTheCommittedFile() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertEquals("09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22", actual);
    }

    @Test
    void missingFileNamesThePathAndTheFix(@TempDir Path dir) {
        Path missing = dir.resolve("nothing-here.csv.gz");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Digits.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("git checkout"), e.getMessage());
    }

    @Test
    void dataFolderPropertyIsHonoured(@TempDir Path dir) throws IOException {
        String before = System.getProperty(Digits.DATA_DIR_VARIABLE);
        try {
            System.setProperty(Digits.DATA_DIR_VARIABLE, dir.toString());
            IllegalStateException e = assertThrows(IllegalStateException.class, Digits::locate);
            assertTrue(e.getMessage().contains(Digits.DATA_DIR_VARIABLE), e.getMessage());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());

            Files.copy(file, dir.resolve(Digits.FILE_NAME));
            assertEquals(dir.resolve(Digits.FILE_NAME).toAbsolutePath(), Digits.locate());
        } finally {
            if (before == null) {
                System.clearProperty(Digits.DATA_DIR_VARIABLE);
            } else {
                System.setProperty(Digits.DATA_DIR_VARIABLE, before);
            }
        }
    }

    @Test
    void imageIsRowMajor() {
        double[] row = digits.x()[5];
        double[][] img = Digits.image(row);
        for (int r = 0; r < 8; r++) {
            assertArrayEquals(new double[] {row[8 * r], row[8 * r + 1], row[8 * r + 2], row[8 * r + 3],
                    row[8 * r + 4], row[8 * r + 5], row[8 * r + 6], row[8 * r + 7]}, img[r]);
        }
        assertThrows(IllegalArgumentException.class, () -> Digits.image(new double[63]));
    }
}
