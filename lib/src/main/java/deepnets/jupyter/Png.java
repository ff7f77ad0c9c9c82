package deepnets.jupyter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns an XChart chart into the base64 PNG that Jupyter's {@code image/png} output expects.
 *
 * <p>Shows charts as images in every notebook; no notebook calls it.
 */
public final class Png {

    private Png() {
    }

    /** The chart drawn at its own width and height, as base64-encoded PNG bytes. Not modified. */
    public static String base64(Chart<?, ?> chart) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Png.base64: could not encode the chart '" + chart.getTitle() + "' as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** A one-line text stand-in for frontends that cannot show images. */
    public static String describe(Chart<?, ?> chart) {
        return chart.getClass().getSimpleName() + " \"" + chart.getTitle() + "\" (" + chart.getWidth() + "x"
                + chart.getHeight() + ")";
    }
}
