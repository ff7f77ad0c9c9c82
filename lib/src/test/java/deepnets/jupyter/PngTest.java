package deepnets.jupyter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

class PngTest {

    @Test
    void chartBecomesADecodablePngOfTheChartsSize() throws IOException {
        XYChart chart = new XYChartBuilder().width(320).height(200).title("squares").build();
        chart.addSeries("x^2", new double[] {1, 2, 3}, new double[] {1, 4, 9});
        byte[] bytes = Base64.getDecoder().decode(Png.base64(chart));
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(320, image.getWidth());
        assertEquals(200, image.getHeight());
        assertTrue(Png.describe(chart).contains("squares"));
    }
}
