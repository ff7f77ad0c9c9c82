package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Issue 32: every picture's text alternative is made from its data; expected values worked out by hand. */
class DescribeTest {

    private static Map<String, double[]> curves() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("sgd", new double[] {2.3, 1.1, 0.7, 0.75});
        m.put("momentum", new double[] {2.3, 0.6, 0.4, 0.41});
        return m;
    }

    @Test
    void learningCurvesNameTitleAxesRangesAndEachSeriesStartEndAndLowest() {
        assertEquals("Line chart \"Loss per epoch\". x axis: epoch, 1 to 4. y axis: loss, 0.4 to 2.3. 2 series: "
                + "\"sgd\" 4 points, from 2.3 at x = 1 to 0.75 at x = 4, lowest 0.7 at x = 3, highest 2.3 at x = 1; "
                + "\"momentum\" 4 points, from 2.3 at x = 1 to 0.41 at x = 4, lowest 0.4 at x = 3, highest 2.3 at x = 1.",
                Describe.of(Charts.learningCurves("Loss per epoch", "loss", curves())));
    }

    @Test
    void scatterSaysWhereTheBestPointIsAndThatTheAxisIsLogarithmic() {
        XYChart chart = Charts.scatter("Trials", "learning rate", "accuracy", true,
                Points.of("coarse", new double[] {1e-4, 1e-2, 1}, new double[] {0.3, 0.9, 0.1}));
        assertEquals("Scatter chart \"Trials\". x axis: learning rate, 0.0001 to 1 (logarithmic). y axis: accuracy, "
                + "0.1 to 0.9. 1 series: \"coarse\" 3 points, highest y 0.9 at x = 0.01, lowest y 0.1 at x = 1.",
                Describe.of(chart));
    }

    @Test
    void histogramCountsItsValuesAndNamesTheTallestBin() {
        // 4 bins of width 0.5 over 0..2: {0, 0.1, 0.2} | {} | {1} | {1.5, 2}
        Map<String, double[]> h = new LinkedHashMap<>();
        h.put("z", new double[] {0, 0.1, 0.2, 1, 1.5, 2});
        String text = Describe.of(Histograms.histograms("Values", "z", h, 4, false));
        assertTrue(text.startsWith("Histogram \"Values\". x axis: z, 0 to 2."), text);
        assertTrue(text.endsWith("\"z\" 6 values in 4 bins, the tallest bin (3) from 0 to 0.5."), text);
    }

    @Test
    void confusionMatrixCountsTheDiagonalAndTheLargestConfusions() {
        String text = Describe.of(ConfusionMatrix.draw("Digits", new int[][] {{5, 1}, {2, 7}}));
        assertEquals("Confusion matrix \"Digits\": 2 classes, rows the true class, columns the predicted class, "
                + "15 examples, 12 on the diagonal (80% correct). Largest confusions: true 1 predicted as 0: 2 times, "
                + "true 0 predicted as 1: once.", text);
    }

    @Test
    void decisionRegionsGiveEachClassesShareAndThePointsInTheirOwnRegion() {
        // The classifier splits the plane at x = 0: the padded x range -1.2..1.2 is cut in half. Of the points,
        // (-1, 0) class 0, (1, 0) class 1 and (-0.5, 1) class 0 are on their side, (0.5, 1) class 0 is not.
        String text = Describe.of(Images.decisionRegions("Regions", "x1", "x2", p -> {
            int[] r = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                r[i] = p[i][0] > 0 ? 1 : 0;
            }
            return r;
        }, new double[][] {{-1, 0}, {1, 0}, {0.5, 1}, {-0.5, 1}}, new int[] {0, 1, 0, 0}, 50));
        assertTrue(text.contains("class 0 on 50%, class 1 on 50% of the area"), text);
        assertTrue(text.contains("4 labelled points on top (class 0: 3, class 1: 1), 3 of them (75%) inside"), text);
    }

    @Test
    void landscapeGivesTheObjectivesRangeAndEachGroupsDistinctValues() {
        String text = Describe.of(Images.landscape("Grid", "h1", "h2", (x, y) -> x, Range.of(0, 1), Range.of(0, 1),
                Points.of("grid", new double[] {0.5, 0.5, 0.9}, new double[] {0.1, 0.2, 0.2})));
        assertTrue(text.startsWith("Colour map \"Grid\". x axis: h1, 0 to 1. y axis: h2, 0 to 1."), text);
        assertTrue(text.contains("\"grid\" 3 points with 2 distinct x and 2 distinct y values, the highest value 0.9 "
                + "at (0.9, 0.2)"), text);
    }

    @Test
    void combinedPicturesDescribeEveryPartAndATakeawayEndsTheText() {
        BufferedImage both = Images.sideBySide(Charts.learningCurves("A", "loss", curves()),
                Charts.learningCurves("B", "loss", curves()));
        String text = Describe.of(both);
        assertTrue(text.startsWith("2 charts side by side, left to right: 1) Line chart \"A\"."), text);
        assertTrue(text.contains(" 2) Line chart \"B\"."), text);
        assertSame(both, Describe.takeaway(both, "Both curves fall"));
        assertTrue(Describe.of(both).endsWith("lowest 0.4 at x = 3, highest 2.3 at x = 1. Both curves fall."));
        BufferedImage grid = Images.grid(1, Images.digits("D", new double[1][64], new String[] {"7"}, 1));
        assertEquals("Digit images \"D\": 1 greyscale digit image of 8 x 8 pixels, 1 per row, dark ink on white; "
                + "captions in order: 7.", Describe.of(grid));
    }

    @Test
    void aChartWithoutTakeawayStillGetsAFullTextAndBadInputIsRefused() {
        String text = Describe.of(Charts.lines("Curves", "x", "y", new double[] {1, 2}, curvesOfTwo(), false));
        assertFalse(text.isBlank());
        assertTrue(text.contains("x axis: x, 1 to 2. y axis: y, 3 to 6."), text);
        assertThrows(IllegalArgumentException.class, () -> Describe.of(null));
        assertThrows(IllegalArgumentException.class, () -> Describe.of("a string"));
        assertThrows(IllegalArgumentException.class, () -> Describe.takeaway(new BufferedImage(2, 2, 1), " "));
        String foreign = Describe.of(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        assertTrue(foreign.contains("3 x 2 pixels"), foreign);
    }

    @Test
    void theDataBehindALineChartIsATableOfSeriesXAndY() {
        tech.tablesaw.api.Table t = Describe.table(Charts.learningCurves("Loss per epoch", "loss", curves()));
        assertEquals(8, t.rowCount());
        assertEquals(java.util.List.of("series", "epoch", "loss"), t.columnNames());
        assertEquals("momentum", t.stringColumn("series").get(5));
        assertEquals(2.0, t.doubleColumn("epoch").get(5));
        assertEquals(0.6, t.doubleColumn("loss").get(5));
    }

    private static Map<String, double[]> curvesOfTwo() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("a", new double[] {3, 4});
        m.put("b", new double[] {5, 6});
        return m;
    }
}
