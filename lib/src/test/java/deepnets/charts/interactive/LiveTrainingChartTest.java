package deepnets.charts.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.net.History;
import deepnets.net.Network;
import deepnets.net.Trainer;
import deepnets.net.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveTrainingChartTest {

    /** Records what would be published: the first call shows, every later call updates the same id. */
    private static final class Recorder implements LiveTrainingChart.Publisher {
        final List<String> calls = new ArrayList<>();
        final List<VegaChart> charts = new ArrayList<>();

        @Override
        public String show(VegaChart chart, boolean withPng) {
            calls.add("show" + (withPng ? " +png" : ""));
            charts.add(chart);
            return "id-1";
        }

        @Override
        public void update(String id, VegaChart chart, boolean withPng) {
            calls.add("update " + id + (withPng ? " +png" : ""));
            charts.add(chart);
        }
    }

    private static Trainer trainer(int epochs) {
        Random rng = new Random(3);
        double[][] x = new double[60][2];
        int[] y = new int[60];
        for (int i = 0; i < 60; i++) {
            y[i] = i % 2;
            x[i][0] = (y[i] == 0 ? -2 : 2) + rng.nextGaussian();
            x[i][1] = rng.nextGaussian();
        }
        Network net = Network.builder().inputSize(2).hiddenSizes(4).classes(2).seed(4).build();
        TrainingConfig config = TrainingConfig.builder().epochs(epochs).batchSize(20).learningRate(0.1).seed(5).build();
        return new Trainer(net, config, x, y, x, y);
    }

    @Test
    void showsOnceThenRedrawsInPlaceEveryEpochWithThePngAtTheEnd() {
        Recorder recorder = new Recorder();
        LiveTrainingChart live = new LiveTrainingChart("Blobs", 4, recorder);
        Trainer t = trainer(4).addListener(live.run("sgd"));
        History h = t.train();
        assertEquals(List.of("show", "update id-1", "update id-1", "update id-1", "update id-1 +png"),
                recorder.calls);
        assertEquals(5, live.draws());
        assertEquals(1, live.pngDraws());
        VegaChart last = recorder.charts.get(4);
        // 4 epochs x (train, val) x (loss, accuracy) points.
        assertEquals(16, last.rows());
        assertEquals(h.valLoss()[3], last.numbers().get("value")[4 + 3]);
        assertEquals(java.util.Set.of(), VegaLiteSchema.problems(last.spec().toString()));
        assertEquals(4, recorder.charts.get(0).rows(), "after epoch 1: one point per curve");
    }

    @Test
    void runsShareOneChart() {
        Recorder recorder = new Recorder();
        LiveTrainingChart live = new LiveTrainingChart("Two runs", 2, recorder);
        trainer(2).addListener(live.run("a")).train();
        trainer(2).addListener(live.run("b")).train();
        assertEquals(1, recorder.calls.stream().filter(c -> c.startsWith("show")).count());
        assertEquals(2, live.pngDraws(), "one PNG per finished train() call");
        assertTrue(recorder.calls.get(recorder.calls.size() - 1).endsWith("+png"), "the last drawing has the PNG");
        assertEquals(16, live.chart().rows());
        assertThrows(IllegalArgumentException.class, () -> live.run("a"));
        assertTrue(Bundle.text(live.chart()).contains("Two runs"));
    }

    @Test
    void aRunThatStopsWithAnExceptionStillEndsWithThePng() {
        Recorder recorder = new Recorder();
        LiveTrainingChart live = new LiveTrainingChart("Stops", 4, recorder);
        Trainer t = trainer(4).addListener(live.run("sgd")).addListener((epoch, h) -> {
            if (epoch == 1) {
                throw new IllegalStateException("stop after epoch 2");
            }
        });
        IllegalStateException stopped = assertThrows(IllegalStateException.class, t::train);
        assertEquals("stop after epoch 2", stopped.getMessage());
        assertEquals(List.of("show", "update id-1", "update id-1 +png"), recorder.calls);
        assertEquals(8, recorder.charts.get(2).rows(), "the final picture holds both epochs");
    }

    @Test
    void bundleWithoutPngCarriesTheSameVegaLiteAndTheTextOnly() {
        LiveTrainingChart live = new LiveTrainingChart("Blobs", 2, new Recorder());
        trainer(2).addListener(live.run("sgd")).train();
        var without = Bundle.of(live.chart(), false);
        var with = Bundle.of(live.chart(), true);
        var png = org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG;
        var vega = org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.parse(Bundle.VEGA_LITE);
        var text = org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN;
        assertEquals(null, without.getData(png));
        assertTrue(((String) with.getData(png)).length() > 1000, "the full bundle has a PNG");
        assertEquals(with.getData(vega), without.getData(vega));
        assertEquals(with.getData(text), without.getData(text));
    }
}
