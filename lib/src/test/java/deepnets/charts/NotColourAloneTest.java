package deepnets.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Issue 32: series differ by dash pattern or marker shape, not by colour alone. */
class NotColourAloneTest {

    private static Map<String, double[]> three(int length) {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (String name : new String[] {"a", "b", "c"}) {
            double[] v = new double[length];
            for (int i = 0; i < length; i++) {
                v[i] = name.charAt(0) + i;
            }
            m.put(name, v);
        }
        return m;
    }

    /** How many different (dash, marker) pairs the chart's series use. */
    private static int looks(XYChart chart) {
        Set<String> seen = new HashSet<>();
        for (XYSeries s : chart.getSeriesCollection()) {
            seen.add(java.util.Arrays.toString(s.getLineStyle() == null ? null : s.getLineStyle().getDashArray())
                    + "/" + (s.getMarker() == null ? "none" : s.getMarker().getClass().getSimpleName()));
        }
        return seen.size();
    }

    @Test
    void curvesDifferByDashAndMarkerEvenWhenTooLongForMarkers() {
        assertEquals(3, looks(Charts.learningCurves("Short", "loss", three(5))));
        assertEquals(3, looks(Charts.learningCurves("Long", "loss", three(100))), "no markers: the dashes differ");
        assertEquals(3, looks(Charts.lines("Lines", "x", "y", new double[] {1, 2, 3}, three(3), false)));
    }

    @Test
    void scatterGroupsDifferByMarkerShape() {
        XYChart chart = Charts.scatter("Groups", "x", "y", false, Points.of("a", new double[] {1}, new double[] {1}),
                Points.of("b", new double[] {2}, new double[] {2}), Points.of("c", new double[] {3}, new double[] {3}));
        assertEquals(3, looks(chart));
    }
}
