package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {

    static void assertMessageHas(IllegalArgumentException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "missing \"" + p + "\" in: " + e.getMessage());
        }
    }

    private static Map<String, double[]> curves() {
        Map<String, double[]> s = new LinkedHashMap<>();
        s.put("train", new double[] {3, 2, 1.5, 1.2});
        s.put("validation", new double[] {3.2, 2.4, 2.0, 1.9});
        return s;
    }

    private static List<String> names(XYChart chart) {
        return chart.getSeriesCollection().stream().map(XYSeries::getName).toList();
    }

    @Test
    void learningCurvesPlotEachSeriesAgainstEpochsFromOne() {
        XYChart c = Charts.learningCurves("Loss", "loss", curves());
        assertEquals(640, c.getWidth());
        assertEquals(400, c.getHeight());
        assertEquals("Loss", c.getTitle());
        assertEquals("epoch", c.getXAxisTitle());
        assertEquals("loss", c.getYAxisTitle());
        assertEquals(List.of("train", "validation"), names(c));
        XYSeries train = c.getSeries("train");
        assertArrayEquals(new double[] {1, 2, 3, 4}, train.getXData());
        assertArrayEquals(new double[] {3, 2, 1.5, 1.2}, train.getYData());
    }

    @Test
    void learningCurveMarkersMustLieInsideTheEpochs() {
        assertEquals(2, Charts.learningCurves("Loss", "loss", curves(), Map.of(2, "lr / 10")).getSeriesCollection().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.learningCurves("Loss", "loss", curves(), Map.of(5, "too late")));
        assertMessageHas(e, "epoch 5", "1..4");
    }

    @Test
    void learningCurvesRejectEmptyAndNonFiniteData() {
        assertThrows(IllegalArgumentException.class, () -> Charts.learningCurves("Loss", "loss", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Charts.learningCurves("Loss", "loss", Map.of("a", new double[0])));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.learningCurves("Loss", "loss", Map.of("a", new double[] {1, Double.NaN})));
        assertMessageHas(e, "[1]", "NaN");
    }

    @Test
    void everyChartNeedsTitleAndLabels() {
        assertMessageHas(assertThrows(IllegalArgumentException.class, () -> Charts.learningCurves(" ", "loss", curves())), "title");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("t", "", "y", new double[] {1}, Map.of("a", new double[] {1}), false)), "x-axis label");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Charts.scatter("t", "x", null, false, Points.of("a", new double[] {1}, new double[] {1}))), "y-axis label");
    }

    @Test
    void linesShareOneXAndMayUseALogAxis() {
        Map<String, double[]> ys = new LinkedHashMap<>();
        ys.put("a", new double[] {1, 2, 3});
        ys.put("b", new double[] {3, 2, 1});
        XYChart c = Charts.lines("t", "learning rate", "loss", new double[] {1e-3, 1e-2, 1e-1}, ys, true);
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertEquals(List.of("a", "b"), names(c));
    }

    @Test
    void linesRejectMismatchedLengthsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("t", "x", "y", new double[] {1, 2, 3, 4, 5}, Map.of("acc", new double[] {1, 2, 3, 4}), false));
        assertMessageHas(e, "Charts.lines", "5", "4", "acc");
    }

    @Test
    void logAxesRejectNonPositiveValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.lines("t", "x", "y", new double[] {1, 0}, Map.of("a", new double[] {1, 2}), true));
        assertMessageHas(e, "x[1] is 0.0", "logarithmic");
        assertThrows(IllegalArgumentException.class, () -> Charts.scatter("t", "x", "y", true,
                Points.of("coarse", new double[] {0.1, -0.1}, new double[] {1, 2})));
    }

    @Test
    void scatterDrawsOneSeriesPerGroup() {
        XYChart c = Charts.scatter("Accuracy of trials", "learning rate", "accuracy", true,
                Points.of("coarse", new double[] {1e-3, 1e-2}, new double[] {0.8, 0.9}),
                Points.of("fine", new double[] {2e-3}, new double[] {0.91}));
        assertEquals(List.of("coarse", "fine"), names(c));
        assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, c.getStyler().getDefaultSeriesRenderStyle());
        assertThrows(IllegalArgumentException.class, () -> Charts.scatter("t", "x", "y", false));
    }

    @Test
    void pointsRejectMismatchedLengthsNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Points.of("trials", new double[] {1, 2, 3}, new double[] {1, 2}));
        assertMessageHas(e, "3", "2");
    }
}
