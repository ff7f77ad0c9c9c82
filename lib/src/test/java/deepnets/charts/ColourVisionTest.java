package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/**
 * Issue 32, item 3: the series of every chart stay distinguishable for readers with the two common red-green
 * colour-vision deficiencies. Each chart is drawn as a notebook shows it; the drawn picture goes through the
 * deuteranopia and protanopia matrices of Machado, Oliveira and Fernandes (2009, severity 1.0, applied to
 * linear RGB); then every two series of different colours must be at least {@link #MIN_DELTA_E} apart in
 * CIELAB (CIE76 distance), as they are for normal vision. Series that share a colour (a chart of more series than
 * the palette has colours) differ by dash and marker instead, which {@link LegibilityTest} checks.
 */
class ColourVisionTest {

    /**
     * About 2.3 is a just-noticeable difference between large patches; thin lines and small markers need far
     * more, and 10 is a usual lower bound for colours that must be told apart as categories.
     */
    static final double MIN_DELTA_E = 10;

    static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    static final double[][] DEUTERANOPIA = {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881}};
    static final double[][] PROTANOPIA = {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
        {-0.003882, -0.048116, 1.051998}};

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static int encoded(double v) {
        v = Math.min(1, Math.max(0, v));
        return (int) Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.pow(v, 1 / 2.4) - 0.055));
    }

    /** The colour as seen through {@code m} (in linear RGB), back in sRGB. */
    static int simulate(int rgb, double[][] m) {
        double[] in = {linear((rgb >> 16) & 255), linear((rgb >> 8) & 255), linear(rgb & 255)};
        int out = 0;
        for (int i = 0; i < 3; i++) {
            out = (out << 8) | encoded(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2]);
        }
        return out;
    }

    private static double labF(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    /** CIELAB (D65 white) of an sRGB colour. */
    static double[] lab(int rgb) {
        double r = linear((rgb >> 16) & 255);
        double g = linear((rgb >> 8) & 255);
        double b = linear(rgb & 255);
        double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        return new double[] {116 * labF(y) - 16, 500 * (labF(x) - labF(y)), 200 * (labF(y) - labF(z))};
    }

    static double deltaE(int a, int b) {
        double[] p = lab(a);
        double[] q = lab(b);
        return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
    }

    private static Color colourOf(Series s) {
        if (s instanceof XYSeries xy) {
            return xy.getLineColor();
        }
        if (s instanceof CategorySeries c) {
            return c.getFillColor();
        }
        throw new AssertionError("no colour for " + s.getClass());
    }

    /** Problems of one chart: pairs of differently coloured series that come closer than MIN_DELTA_E. */
    private static List<String> problems(String name, Chart<?, ?> chart) {
        BufferedImage image = Images.toImage(chart);
        // The series' colours as drawn: each must appear in the picture, so that the test looks at what is shown.
        Map<String, Integer> drawn = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Series s : chart.getSeriesCollection()) {
            int rgb = colourOf(s).getRGB() & 0xFFFFFF;
            int found = -1;
            for (int y = 0; y < image.getHeight() && found < 0; y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                        found = image.getRGB(x, y) & 0xFFFFFF;
                        break;
                    }
                }
            }
            if (found < 0) {
                problems.add(name + ": the colour of series \"" + s.getName() + "\" is nowhere in the picture");
            } else {
                drawn.put(s.getName(), found);
            }
        }
        String[] vision = {"normal vision", "deuteranopia", "protanopia"};
        double[][][] matrices = {NORMAL, DEUTERANOPIA, PROTANOPIA};
        List<String> names = new ArrayList<>(drawn.keySet());
        for (int v = 0; v < matrices.length; v++) {
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++) {
                    int a = drawn.get(names.get(i));
                    int b = drawn.get(names.get(j));
                    if (a == b) {
                        continue;
                    }
                    double d = deltaE(simulate(a, matrices[v]), simulate(b, matrices[v]));
                    if (d < MIN_DELTA_E) {
                        problems.add(String.format("%s, %s: series \"%s\" (#%06X) and \"%s\" (#%06X) are %.1f apart", name,
                                vision[v], names.get(i), a, names.get(j), b, d));
                    }
                }
            }
        }
        return problems;
    }

    @Test
    void seriesStayDistinguishableWithDeuteranopiaAndProtanopia() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, Chart<?, ?>> e : LegibilityTest.charts().entrySet()) {
            if (e.getValue().getSeriesCollection().size() > 1) {
                problems.addAll(problems(e.getKey(), e.getValue()));
                checked++;
            }
        }
        assertTrue(checked >= 8, "only " + checked + " charts with several series");
        if (!problems.isEmpty()) {
            fail(problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    @Test
    void theWholePaletteStaysApartUnderEachSimulation() {
        double[][][] matrices = {NORMAL, DEUTERANOPIA, PROTANOPIA};
        for (double[][] m : matrices) {
            for (int i = 0; i < Style.PALETTE.length; i++) {
                for (int j = i + 1; j < Style.PALETTE.length; j++) {
                    int a = Style.PALETTE[i].getRGB() & 0xFFFFFF;
                    int b = Style.PALETTE[j].getRGB() & 0xFFFFFF;
                    double d = deltaE(simulate(a, m), simulate(b, m));
                    assertTrue(d >= MIN_DELTA_E, String.format("palette colours %d and %d are %.1f apart", i, j, d));
                }
            }
        }
    }

    /** The interactive charts (Vega-Lite, and their still pictures) use the same palette, so the test above covers them. */
    @Test
    void theInteractiveChartsUseThePaletteCheckedHere() throws ReflectiveOperationException {
        java.lang.reflect.Field f = Class.forName("deepnets.charts.interactive.VegaSpec").getDeclaredField("OKABE_ITO");
        f.setAccessible(true);
        String[] hex = (String[]) f.get(null);
        org.junit.jupiter.api.Assertions.assertEquals(Style.PALETTE.length, hex.length);
        for (int i = 0; i < hex.length; i++) {
            org.junit.jupiter.api.Assertions.assertEquals(Style.PALETTE[i], Color.decode(hex[i]), "colour " + i);
        }
    }

    /** The check can fail: pairs that differ plainly for normal vision but merge for one deficiency. */
    @Test
    void redGreenPairsAreCaught() {
        int red = 0xD62728;
        int olive = 0x6B8E23;
        assertTrue(deltaE(simulate(red, NORMAL), simulate(olive, NORMAL)) > 50);
        assertFalse(deltaE(simulate(red, DEUTERANOPIA), simulate(olive, DEUTERANOPIA)) >= MIN_DELTA_E);
        int salmon = 0xF46D43;
        int green = 0x1A9850;
        assertTrue(deltaE(simulate(salmon, NORMAL), simulate(green, NORMAL)) > 50);
        assertFalse(deltaE(simulate(salmon, PROTANOPIA), simulate(green, PROTANOPIA)) >= MIN_DELTA_E);
    }

    /** The simulation leaves greys grey and moves a pure red (a sanity check of the matrices). */
    @Test
    void theMatricesKeepGreysAndMoveRed() {
        for (double[][] m : new double[][][] {DEUTERANOPIA, PROTANOPIA}) {
            for (int grey : new int[] {0x000000, 0x777777, 0xFFFFFF}) {
                assertTrue(deltaE(simulate(grey, m), grey) < 1.5, String.format("#%06X", grey));
            }
            assertTrue(deltaE(simulate(0xFF0000, m), 0xFF0000) > 30);
        }
    }
}
