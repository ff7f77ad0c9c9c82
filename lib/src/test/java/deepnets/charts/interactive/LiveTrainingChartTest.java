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
        public String show(VegaChart chart) {
            calls.add("show");
            charts.add(chart);
            return "id-1";
        }

        @Override
        public void update(String id, VegaChart chart) {
            calls.add("update " + id);
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
    void showsOnceThenRedrawsInPlaceEveryEpoch() {
        Recorder recorder = new Recorder();
        LiveTrainingChart live = new LiveTrainingChart("Blobs", 4, recorder);
        Trainer t = trainer(4).addListener(live.run("sgd"));
        History h = t.train();
        assertEquals(List.of("show", "update id-1", "update id-1", "update id-1"), recorder.calls);
        assertEquals(4, live.draws());
        VegaChart last = recorder.charts.get(3);
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
        assertEquals(1, recorder.calls.stream().filter("show"::equals).count());
        assertEquals(16, live.chart().rows());
        assertThrows(IllegalArgumentException.class, () -> live.run("a"));
        assertTrue(Bundle.text(live.chart()).contains("Two runs"));
    }
}
