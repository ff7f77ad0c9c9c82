package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Renders one picture of each kind to PNG, headless, and reads it back. */
class EncodingTest {

    @TempDir
    Path dir;

    @Test
    void testsRunHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    @Test
    void everyKindEncodesToPngOfTheExpectedSize() throws IOException {
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("train", new double[] {1, 0.5, 0.3});
        curves.put("validation", new double[] {1.1, 0.7, 0.6});
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("uniform", new double[] {0.2, 0.5, 0.9});
        samples.put("log", new double[] {1e-3, 1e-2, 0.3});
        List<Chart<?, ?>> charts = List.of(
                Charts.learningCurves("Loss", "loss", curves, Map.of(2, "lr / 10")),
                Charts.lines("Loss vs step", "step", "loss", new double[] {1, 2, 3}, curves, false),
                Charts.scatter("Trials", "learning rate", "accuracy", true,
                        Points.of("coarse", new double[] {1e-3, 1e-1}, new double[] {0.8, 0.7})),
                Histograms.histograms("Samples", "learning rate", samples, 5, true),
                Histograms.perDecade("Per decade", "learning rate", samples));
        int k = 0;
        for (Chart<?, ?> c : charts) {
            Path file = dir.resolve("chart" + k++ + ".png");
            Files.write(file, ChartEncoder.getBytes(c, "png"));
            BufferedImage back = ImageIO.read(file.toFile());
            assertEquals(640, back.getWidth(), c.getTitle());
            assertEquals(400, back.getHeight(), c.getTitle());
        }
        List<BufferedImage> images = List.of(
                Images.decisionRegions("Regions", "x1", "x2", p -> new int[p.length],
                        new double[][] {{0, 0}, {1, 1}}, new int[] {0, 0}, 40),
                Images.landscape("Objective", "x", "y", (x, y) -> x * x + 0.1 * y, Range.of(-1, 1), Range.of(0, 1)),
                Images.digits("Digits", new double[2][64], new String[] {"true 1 / pred 7", "true 4 / pred 9"}, 2),
                ConfusionMatrix.draw("Confusion", ConfusionMatrix.count(new int[] {0, 1}, new int[] {1, 1}, 2)),
                Images.sideBySide(charts.get(0), charts.get(2)));
        for (BufferedImage im : images) {
            Path file = dir.resolve("image" + k++ + ".png");
            assertTrue(ImageIO.write(im, "png", file.toFile()));
            BufferedImage back = ImageIO.read(file.toFile());
            assertEquals(im.getWidth(), back.getWidth());
            assertEquals(im.getHeight(), back.getHeight());
        }
    }
}
