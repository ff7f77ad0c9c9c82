package deepnets.charts.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import deepnets.net.Network;
import deepnets.net.Trainer;
import deepnets.net.TrainingConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Issue 31, items 4 and 5: no hang in the PNG fallback, escaped field names, no non-finite JSON, no kernel. */
class InteractiveHostileTest {

    /** A generous bound: a hang never ends, a normal drawing takes well under a second. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private static VegaChart pair(double[] x, double[] y) {
        return VegaChart.named("hostile").column("x", x).column("y", y).x("x", "x").y("y", "y");
    }

    @Test
    void narrowRangesTheFallbackCannotTickAreRefusedNotHung() {
        List<double[][]> cases = List.of(
                new double[][] {{1e15, 1e15 + 1}, {0, 1}},
                new double[][] {{0, 1}, {1e20, 1e20 + 16384}},
                new double[][] {{-1e16, -1e16 - 8}, {2, 3}});
        for (double[][] c : cases) {
            IllegalArgumentException e = assertTimeoutPreemptively(HANG,
                    () -> assertThrows(IllegalArgumentException.class, () -> Bundle.of(pair(c[0], c[1]))));
            assertTrue(e.getMessage().startsWith("chart 'hostile', series '"), e.getMessage());
            assertTrue(e.getMessage().contains("differences"), "names the fix: " + e.getMessage());
        }
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> Bundle.of(pair(new double[] {0, 1e305}, new double[] {0, 1})));
        assertTrue(huge.getMessage().contains("1.0E305"), huge.getMessage());
    }

    /** Every pair of these values as the two x values: each call draws or refuses, and never hangs. */
    @Test
    void everyPairOfAwkwardFiniteValuesDrawsOrRefusesWithTheCoursesMessage() {
        double[] values = {0, -0.0, Double.MIN_VALUE, 1e-300, 1e-9, 1, 1 + Math.ulp(1.0), 1e9, 1e15, 1e15 + 1, 1e300,
            -1e300, Double.MAX_VALUE};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int drawn = 0;
            for (double a : values) {
                for (double b : values) {
                    try {
                        Bundle.of(pair(new double[] {a, b}, new double[] {0, 1}));
                        drawn++;
                    } catch (IllegalArgumentException e) {
                        assertTrue(e.getMessage().startsWith("chart 'hostile', series 'x': "), e.getMessage());
                    }
                }
            }
            assertTrue(drawn >= 40, "ordinary pairs still draw, " + drawn + " did");
        });
    }

    @Test
    void fieldNamesWithDotsAndBracketsAreEscapedInEveryEncoding() {
        VegaChart chart = VegaChart.named("escaped").column("val.acc", new double[] {0.5, 0.7})
                .column("w[0]", new double[] {1, 2}).column("it's", new String[] {"a", "b"})
                .x("w[0]", null).y("val.acc", "validation accuracy").color("it's", null).tooltip("val.acc", "it's");
        JsonObject spec = chart.spec();
        JsonObject enc = spec.getAsJsonObject("encoding");
        assertEquals("w\\[0\\]", enc.getAsJsonObject("x").get("field").getAsString());
        assertEquals("w[0]", enc.getAsJsonObject("x").get("title").getAsString(), "the title shows the plain name");
        assertEquals("val\\.acc", enc.getAsJsonObject("y").get("field").getAsString());
        assertEquals("it\\'s", enc.getAsJsonObject("color").get("field").getAsString());
        assertEquals("val\\.acc", enc.getAsJsonArray("tooltip").get(0).getAsJsonObject().get("field").getAsString());
        JsonObject row = spec.getAsJsonObject("data").getAsJsonArray("values").get(1).getAsJsonObject();
        assertEquals(0.7, row.get("val.acc").getAsDouble(), "the data keeps the plain column name");
        assertEquals(Set.of(), VegaLiteSchema.problems(spec.toString()));
    }

    @Test
    void nonFiniteDomainsSlidersAndBrushesAreRefusedBeforeAnyJson() {
        VegaChart chart = pair(new double[] {1, 2}, new double[] {3, 4});
        List<Executable> calls = List.of(
                () -> chart.xDomain(Double.NaN, 1),
                () -> chart.yDomain(0, Double.POSITIVE_INFINITY),
                () -> chart.xDomain(2, 1),
                () -> chart.slider("x", 0, Double.POSITIVE_INFINITY, 1, 1, "x"),
                () -> chart.slider("x", 0, 2, Double.POSITIVE_INFINITY, 1, "x"),
                () -> chart.slider("x", 0, 2, 1, Double.NaN, "x"),
                () -> chart.brush(Double.NaN, 1, 0, 1),
                () -> chart.brush(0, 1, Double.NEGATIVE_INFINITY, 1),
                () -> chart.column("labels", new String[] {"a", null}));
        for (Executable call : calls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().startsWith("chart 'hostile'"), e.getMessage());
        }
        // Nothing was recorded by the refused calls: the spec has no domain, slider, brush or extra column.
        String json = chart.spec().toString();
        assertTrue(!json.contains("NaN") && !json.contains("Infinity") && !json.contains("params")
                && !json.contains("domain") && !json.contains("labels"), json);
        VegaChart logWithZero = pair(new double[] {1, 2}, new double[] {3, 4}).xLog().xDomain(0, 10);
        assertThrows(IllegalArgumentException.class, logWithZero::spec);
    }

    @Test
    void outsideANotebookShowUpdateAndTheLiveChartThrowTheDocumentedException() {
        VegaChart chart = pair(new double[] {1, 2}, new double[] {3, 4});
        for (Executable call : List.<Executable>of(() -> Bundle.show(chart), () -> Bundle.update("some-id", chart),
                () -> new LiveTrainingChart("Live", 3))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, call);
            assertTrue(e.getMessage().contains("no notebook kernel is running"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Bundle.update(null, chart));
    }

    /** A publisher that fails like a notebook whose front end went away, or a fallback that refuses its axis. */
    private static final class Failing implements LiveTrainingChart.Publisher {
        final List<Boolean> pngs = new ArrayList<>();

        @Override
        public String show(VegaChart chart, boolean withPng) {
            pngs.add(withPng);
            throw new IllegalStateException("the front end is gone");
        }

        @Override
        public void update(String id, VegaChart chart, boolean withPng) {
            fail("never shown, so never updated");
        }
    }

    @Test
    void aLiveChartThatCannotDrawNeverAbortsTraining() {
        double[][] x = {{-2, 0}, {-1, 1}, {1, 0}, {2, 1}};
        int[] y = {0, 0, 1, 1};
        Network net = Network.builder().inputSize(2).hiddenSizes(3).classes(2).seed(1).build();
        TrainingConfig config = TrainingConfig.builder().epochs(3).batchSize(2).learningRate(0.1).seed(2).build();
        Failing publisher = new Failing();
        LiveTrainingChart live = new LiveTrainingChart("Fails", 3, publisher);
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertEquals(3, new Trainer(net, config, x, y, x, y).addListener(live.run("sgd")).train().epochs());
        } finally {
            System.setErr(saved);
        }
        assertEquals("the front end is gone", live.failure());
        assertEquals(0, live.draws());
        String said = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, said.lines().count(), "reported once, not once per epoch: " + said);
        assertTrue(said.contains("LiveTrainingChart 'Fails'") && said.contains("training goes on"), said);
        assertEquals(List.of(false, false, false, true, false), publisher.pngs,
                "each epoch tries, and the last drawing retries without its PNG");
    }
}
