package deepnets.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files of the wrong content never reach Tablesaw through {@link Digits#load(Path)} (their SHA-256
 * differs), but the parser behind it also refuses them with a message naming the file.
 */
class DigitsCsvTest {

    private static final String ROW = "0,".repeat(64) + "3\n";

    @TempDir
    Path dir;

    private Path gzip(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return file;
    }

    private static void assertRefusedNaming(Path file) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Digits.parse(file));
        assertTrue(e.getMessage().startsWith("Digits"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        IllegalStateException viaLoad = assertThrows(IllegalStateException.class, () -> Digits.load(file));
        assertTrue(viaLoad.getMessage().contains(file.toAbsolutePath().toString()), viaLoad.getMessage());
    }

    @Test
    void aWellFormedFileParses() throws IOException {
        Dataset d = Digits.parse(gzip("ok.csv.gz", ROW + ROW.replace("3\n", "9\n")));
        assertEquals(2, d.size());
        assertEquals(64, d.features());
        assertEquals(9, d.labels()[1]);
    }

    @Test
    void emptyFile() throws IOException {
        assertRefusedNaming(gzip("empty.csv.gz", ""));
    }

    @Test
    void blankLinesOnly() throws IOException {
        assertRefusedNaming(gzip("blank.csv.gz", "\n\n\n"));
    }

    @Test
    void binaryContent() throws IOException {
        assertRefusedNaming(gzip("binary.csv.gz", "\u0000\u0001\u0002\u00ff\u0080 binary"));
    }

    @Test
    void headerOnly() throws IOException {
        StringBuilder header = new StringBuilder();
        for (int j = 0; j < 64; j++) {
            header.append('p').append(j).append(',');
        }
        assertRefusedNaming(gzip("header.csv.gz", header + "label\n"));
    }

    @Test
    void tooFewColumns() throws IOException {
        assertRefusedNaming(gzip("narrow.csv.gz", "0,1,2\n"));
    }

    @Test
    void raggedRows() throws IOException {
        assertRefusedNaming(gzip("ragged.csv.gz", ROW + "0,1\n"));
    }

    @Test
    void missingOrTextValues() throws IOException {
        assertRefusedNaming(gzip("text.csv.gz", ROW.replace("3\n", "x\n")));
        assertRefusedNaming(gzip("missing.csv.gz", ROW + ",".repeat(64) + "\n"));
    }

    @Test
    void valuesOutsideTheirRange() throws IOException {
        assertRefusedNaming(gzip("label.csv.gz", ROW.replace("3\n", "10\n")));
        assertRefusedNaming(gzip("pixel.csv.gz", "17," + ROW.substring(2)));
    }

    @Test
    void notGzipped() throws IOException {
        Path plain = dir.resolve("plain.csv.gz");
        Files.writeString(plain, ROW);
        assertRefusedNaming(plain);
    }
}
