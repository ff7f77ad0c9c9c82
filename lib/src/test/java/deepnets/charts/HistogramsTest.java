package deepnets.charts;

import static deepnets.charts.ChartsTest.assertMessageHas;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;

class HistogramsTest {

    @Test
    void countsUseHalfOpenBinsWithTheLastClosed() {
        // Bins [0, 1) and [1, 2]: 0 and 0.5 fall in the first; 1, 1.5 and the maximum 2 in the second.
        assertArrayEquals(new int[] {2, 3}, Histograms.counts(new double[] {0, 0.5, 1, 1.5, 2}, new double[] {0, 1, 2}));
        assertArrayEquals(new int[] {1, 0, 0, 1}, Histograms.counts(new double[] {0.1, 3.9}, new double[] {0, 1, 2, 3, 4}));
    }

    @Test
    void logEdgesAreEquallySpacedInPowersOfTen() {
        double[] e = Histograms.edges(1e-4, 1, 4, true);
        double[] expected = {1e-4, 1e-3, 1e-2, 1e-1, 1};
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], e[k], expected[k] * 1e-12);
        }
        assertArrayEquals(new double[] {-1, 0, 1}, Histograms.edges(-1, 1, 2, false), 1e-15);
    }

    @Test
    void oneDistinctValueStillGetsABin() {
        double[] e = Histograms.edges(3, 3, 2, false);
        assertTrue(e[0] < 3 && e[2] > 3);
        assertArrayEquals(new int[] {0, 1}, Histograms.counts(new double[] {3}, e));
    }

    @Test
    void histogramSeriesHoldsCountsAsSteps() {
        XYChart c = Histograms.histogram("Samples", "value", new double[] {0, 0.5, 1, 1.5, 2}, 2, false);
        assertEquals(640, c.getWidth());
        assertEquals("count", c.getYAxisTitle());
        assertFalse(c.getStyler().isLegendVisible());
        // Edges 0, 1, 2 with counts 2 and 3; the last count is repeated at the right edge.
        assertArrayEquals(new double[] {0, 1, 2}, c.getSeries("count").getXData(), 1e-15);
        assertArrayEquals(new double[] {2, 3, 3}, c.getSeries("count").getYData(), 0);
    }

    @Test
    void overlaidHistogramsShareBins() {
        Map<String, double[]> g = new LinkedHashMap<>();
        g.put("uniform", new double[] {0.5, 0.9});
        g.put("log-uniform", new double[] {1e-3, 2e-3, 0.5});
        XYChart c = Histograms.histograms("Learning rates", "learning rate", g, 3, true);
        assertTrue(c.getStyler().isXAxisLogarithmic());
        assertArrayEquals(c.getSeries("uniform").getXData(), c.getSeries("log-uniform").getXData(), 0);
        // Edges 1e-3, ~9.7e-3, ~9.3e-2, 0.9: the uniform samples both land in the last bin.
        assertArrayEquals(new double[] {0, 0, 2, 2}, c.getSeries("uniform").getYData(), 0);
        assertArrayEquals(new double[] {2, 0, 1, 1}, c.getSeries("log-uniform").getYData(), 0);
    }

    @Test
    void histogramsRejectBadInput() {
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Histograms.histogram("t", "lr", new double[] {0.1, 0}, 3, true)), "[1] is 0.0", "logarithmic");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Histograms.histogram("t", "lr", new double[0], 3, false)), "empty");
        assertMessageHas(assertThrows(IllegalArgumentException.class,
                () -> Histograms.histogram("t", "lr", new double[] {1}, 0, false)), "bins is 0");
    }

    @Test
    void perDecadeCountsValuesByPowerOfTen() {
        Map<String, double[]> g = new LinkedHashMap<>();
        // Decades: 1e-4 -> -4, 5e-4 -> -4, 1e-3 -> -3, 0.5 -> -1, 1 -> 0.
        g.put("log", new double[] {1e-4, 5e-4, 1e-3, 0.5, 1});
        g.put("linear", new double[] {0.2, 0.7});
        CategoryChart c = Histograms.perDecade("Per decade", "learning rate", g);
        CategorySeries log = c.getSeriesCollection().iterator().next();
        assertEquals("log", log.getName());
        assertEquals(List.of("1e-4..1e-3", "1e-3..1e-2", "1e-2..1e-1", "1e-1..1e0", "1e0..1e1"), List.copyOf(log.getXData()));
        assertArrayEquals(new double[] {2, 1, 0, 1, 1}, log.getYData(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 2, 0}, c.getSeries("linear").getYData(), 0);
        assertThrows(IllegalArgumentException.class, () -> Histograms.perDecade("t", "x", Map.of("a", new double[] {-1})));
    }
}
