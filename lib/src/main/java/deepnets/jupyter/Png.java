package deepnets.jupyter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.awt.image.RenderedImage;
import java.util.Base64;

import deepnets.charts.Describe;
import javax.imageio.ImageIO;
import deepnets.charts.Images;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns an XChart chart into the base64 PNG that Jupyter's {@code image/png} output expects.
 *
 * <p>Shows charts as images in every notebook; no notebook calls it.
 */
public final class Png {

    /** The most pixels a chart may have to be encoded (64 MB of RGB). */
    static final long MAX_PIXELS = 16_000_000L;

    private Png() {
    }

    private static void requireChart(String op, Chart<?, ?> chart) {
        if (chart == null) {
            throw new IllegalArgumentException(op + ": chart is null; pass an XChart chart.");
        }
        long pixels = (long) chart.getWidth() * chart.getHeight();
        if (chart.getWidth() < 1 || chart.getHeight() < 1 || pixels > MAX_PIXELS) {
            throw new IllegalArgumentException(op + ": the chart '" + chart.getTitle() + "' is " + chart.getWidth() + " x "
                    + chart.getHeight() + " pixels; use a size of at least 1 x 1 and at most " + MAX_PIXELS + " pixels.");
        }
    }

    /**
     * The chart drawn at its own width and height, as base64-encoded PNG bytes. Not modified.
     *
     * @throws IllegalStateException naming the chart if XChart cannot draw it
     */
    public static String base64(Chart<?, ?> chart) {
        requireChart("Png.base64", chart);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // Images.toImage draws with the course's legible ticks (deepnets.charts.Ticks).
            ImageIO.write(Images.toImage(chart), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Png.base64: could not encode the chart '" + chart.getTitle() + "' as PNG", e);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Png.base64: XChart could not draw the chart '" + chart.getTitle() + "': " + cause, cause);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * The chart's text alternative, made from its data ({@link deepnets.charts.Describe#of}): the stand-in for
     * front ends that cannot show images, and the image's alt text.
     */
    public static String describe(Chart<?, ?> chart) {
        requireChart("Png.describe", chart);
        return Describe.of(chart);
    }

    /** The picture as base64-encoded PNG bytes. Not modified. */
    public static String ofPicture(RenderedImage image) {
        if (image == null) {
            throw new IllegalArgumentException("Png.ofPicture: image is null; pass a picture.");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Png.ofPicture: could not encode the picture as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
