package deepnets.charts;

import static deepnets.charts.ChartsTest.assertMessageHas;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ImagesTest {

    /** Class 0 left of x1 = 0, class 1 right of it. */
    private static final Function<double[][], int[]> SIGN_OF_X1 = p -> {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i][0] < 0 ? 0 : 1;
        }
        return out;
    };

    private static final double[][] TWO_POINTS = {{-1, -1}, {1, 1}};

    private static Color at(BufferedImage im, int x, int y) {
        return new Color(im.getRGB(x, y));
    }

    @Test
    void decisionRegionsColourEachSideByItsClassAndCallTheClassifierOnce() {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger rows = new AtomicInteger();
        Function<double[][], int[]> counted = p -> {
            calls.incrementAndGet();
            rows.set(p.length);
            return SIGN_OF_X1.apply(p);
        };
        BufferedImage im = Images.decisionRegions("Regions", "x1", "x2", counted, TWO_POINTS, new int[] {0, 1}, 200);
        assertEquals(640, im.getWidth());
        assertEquals(400, im.getHeight());
        assertEquals(1, calls.get());
        assertEquals(200 * 200, rows.get());
        // Near the top-left corner of the plot x1 < 0 (class 0, blue); near the bottom-right x1 > 0 (class 1, vermillion).
        Color left = at(im, Frame.LEFT + 5, Frame.TOP + 5);
        Color right = at(im, 640 - 20 - 5, 400 - Frame.BOTTOM - 5);
        assertTrue(left.getBlue() > left.getRed(), left::toString);
        assertTrue(right.getRed() > right.getBlue(), right::toString);
    }

    @Test
    void decisionRegionsPutLargerX2AtTheTop() {
        Function<double[][], int[]> byX2 = p -> {
            int[] out = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[i][1] > 0 ? 1 : 0;
            }
            return out;
        };
        BufferedImage im = Images.decisionRegions("Regions", "x1", "x2", byX2, TWO_POINTS, new int[] {0, 1}, 50);
        Color top = at(im, Frame.LEFT + 5, Frame.TOP + 5);
        Color bottom = at(im, Frame.LEFT + 5, 400 - Frame.BOTTOM - 5);
        assertTrue(top.getRed() > top.getBlue(), top::toString);
        assertTrue(bottom.getBlue() > bottom.getRed(), bottom::toString);
    }

    @Test
    void decisionRegionsRejectBadInput() {
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Images.decisionRegions("t", "x1", "x2",
                SIGN_OF_X1, TWO_POINTS, new int[] {0, 1, 1}, 50)), "2 points", "3 entries");
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Images.decisionRegions("t", "x1", "x2",
                p -> new int[3], TWO_POINTS, new int[] {0, 1}, 50)), "2500 points", "returned 3");
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Images.decisionRegions("t", "x1", "x2",
                SIGN_OF_X1, new double[][] {{1, 2, 3}}, new int[] {0}, 50)), "shape (N, 2)");
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Images.decisionRegions("t", "x1", "x2",
                SIGN_OF_X1, TWO_POINTS, new int[] {0, -1}, 50)), "labels[1] is -1");
        assertThrows(IllegalArgumentException.class, () -> Images.decisionRegions("t", "x1", "x2",
                SIGN_OF_X1, new double[0][], new int[0], 50));
    }

    @Test
    void landscapeShowsLowValuesDarkAndHighValuesBright() {
        BufferedImage im = Images.landscape("Objective", "learning rate", "momentum", (x, y) -> x,
                Range.of(0, 1), Range.of(0, 1),
                Points.of("grid", new double[] {0.5}, new double[] {0.5}));
        assertEquals(640, im.getWidth());
        assertEquals(400, im.getHeight());
        int y = 400 - Frame.BOTTOM - 20;
        Color low = at(im, Frame.LEFT + 3, y);
        Color high = at(im, 640 - 90 - 3, y);
        int lowSum = low.getRed() + low.getGreen() + low.getBlue();
        int highSum = high.getRed() + high.getGreen() + high.getBlue();
        assertTrue(highSum > lowSum + 200, () -> low + " vs " + high);
    }

    @Test
    void landscapeRejectsNonFiniteObjectiveAndBadRanges() {
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Images.landscape("t", "x", "y",
                (x, y) -> Math.log(x), Range.of(-1, 1), Range.of(0, 1))), "must be finite");
        assertThrows(IllegalArgumentException.class, () -> Range.of(1, 1));
    }

    @Test
    void digitsAreDarkInkOnWhiteScaledPerImage() {
        double[][] images = new double[3][64];
        images[0][0] = 16;
        Arrays.fill(images[1], 7);
        for (int p = 0; p < 64; p++) {
            images[2][p] = p % 2 == 0 ? -1 : 1;
        }
        BufferedImage im = Images.digits("Digits", images, new String[] {"true 0 / pred 8", "a", "b"}, 2);
        // Only ink at a picture's maximum is pure black: one pixel of image 0 and 32 of image 2, each 8 x 8 on screen.
        int black = 0;
        for (int y = 0; y < im.getHeight(); y++) {
            for (int x = 0; x < im.getWidth(); x++) {
                if ((im.getRGB(x, y) & 0xFFFFFF) == 0) {
                    black++;
                }
            }
        }
        assertEquals(33 * 64, black);
        assertTrue(im.getWidth() >= 2 * 64 && im.getHeight() >= 2 * 64);
    }

    @Test
    void digitsRejectBadInput() {
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Images.digits("t", new double[][] {new double[63]}, null, 1)), "63 pixels", "64");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Images.digits("t", new double[2][64], new String[] {"one"}, 1)), "2 images", "1 captions");
        assertThrows(IllegalArgumentException.class, () -> Images.digits("t", new double[0][], null, 1));
        assertThrows(IllegalArgumentException.class, () -> Images.digits("", new double[1][64], null, 1));
    }

    @Test
    void gridPlacesPicturesRowByRowWithGaps() {
        BufferedImage a = new BufferedImage(10, 20, BufferedImage.TYPE_INT_RGB);
        BufferedImage out = Images.grid(2, a, a, a);
        assertEquals(2 * 10 + 12, out.getWidth());
        assertEquals(2 * 20 + 12, out.getHeight());
        // The empty fourth cell stays white; the pictures themselves are black.
        assertEquals(Color.WHITE, at(out, 25, 35));
        assertEquals(Color.BLACK, at(out, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Images.grid(0, a));
    }

    @Test
    void sideBySidePutsChartsInOneRow() {
        BufferedImage out = Images.sideBySide(
                Charts.scatter("Grid", "x", "y", false, Points.of("grid", new double[] {1, 2}, new double[] {1, 2})),
                Charts.scatter("Random", "x", "y", false, Points.of("random", new double[] {1, 3}, new double[] {2, 1})));
        assertEquals(2 * 640 + 12, out.getWidth());
        assertEquals(400, out.getHeight());
    }

    @Test
    void confusionMatrixCountsAHandMadeCase() {
        int[] truth = {0, 0, 1, 2, 2, 2};
        int[] pred = {0, 1, 1, 2, 0, 2};
        int[][] expected = {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}};
        int[][] counts = ConfusionMatrix.count(truth, pred, 3);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], counts[t]);
        }
        BufferedImage im = ConfusionMatrix.draw("Confusion", counts);
        assertTrue(im.getWidth() > 200 && im.getHeight() > 200);
    }

    @Test
    void confusionMatrixRejectsBadInput() {
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.count(new int[3], new int[2], 2)), "3 labels", "pred has 2");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.count(new int[] {0, 3}, new int[] {0, 1}, 3)), "truth[1] is 3", "0..2");
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.draw("t", new int[][] {{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.draw("t", new int[][] {{-1}}));
    }

    @Test
    void ticksAreNiceNumbers() {
        assertEquals(0.2, Frame.niceStep(1), 1e-15);
        assertEquals(2, Frame.niceStep(10), 1e-15);
        assertEquals(0.5, Frame.niceStep(2.5), 1e-15);
        assertEquals("0.6", Frame.tickLabel(0.6000000001, 0.2));
        assertEquals("0.0", Frame.tickLabel(-1e-17, 0.2));
        assertEquals("20", Frame.tickLabel(20, 5));
    }

    @Test
    void overlayPointsAreDrawnInTheirGroupColours() {
        BufferedImage im = Images.landscape("t", "x", "y", (x, y) -> 0, Range.of(0, 1), Range.of(0, 1),
                Points.of("a", new double[] {0.5}, new double[] {0.5}), Points.of("b", new double[] {0.2}, new double[] {0.2}));
        // The plot spans x pixels 78..550 (472 wide, 90 kept for the colour bar) and y pixels 44..342 (298 high).
        assertEquals(Color.WHITE, at(im, 78 + 236, 44 + 149));
        assertEquals(Style.PALETTE[1], at(im, (int) (78 + 0.2 * 472), (int) (44 + 0.8 * 298)));
    }
}
