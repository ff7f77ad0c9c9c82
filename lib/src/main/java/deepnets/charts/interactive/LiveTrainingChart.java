package deepnets.charts.interactive;

import deepnets.net.History;
import deepnets.net.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loss and accuracy curves that grow while a network trains: one output, redrawn in place after every epoch
 * (the first epoch shows it, later ones replace it), which ends as the final chart. Several runs can share the
 * chart, each through its own listener.
 *
 * <p>Every epoch sends the Vega-Lite chart, which JupyterLab draws in the browser; the PNG fallback (for
 * front ends without Vega-Lite) is drawn only when a call of {@code Trainer.train} ends, so the output holds
 * both once training stops, and a run of many epochs does not spend a PNG drawing on each one.
 *
 * <pre>{@code
 * LiveTrainingChart live = new LiveTrainingChart("Training the panda", 20);
 * trainer.addListener(live.run("momentum 0.9"));
 * trainer.train();
 * }</pre>
 *
 * <p>Points that are not finite (a run that diverged) are left out of the picture rather than failing the run.
 * A live chart never stops training: if a drawing fails (e.g. values the PNG fallback cannot draw), the chart
 * says so once on standard error, keeps the reason in {@link #failure()}, and the run goes on.
 *
 * <p>It needs a notebook: outside one, the constructor throws IllegalStateException before any training starts.
 */
public final class LiveTrainingChart {

    /** Where the chart goes: the notebook (through {@link Bundle}) or, in tests, a recorder. */
    interface Publisher {
        /** Shows the chart, with its PNG fallback if {@code withPng}; returns the display id. */
        String show(VegaChart chart, boolean withPng);

        void update(String id, VegaChart chart, boolean withPng);
    }

    private static final Publisher NOTEBOOK = new Publisher() {
        @Override
        public String show(VegaChart chart, boolean withPng) {
            return Bundle.show(chart, withPng);
        }

        @Override
        public void update(String id, VegaChart chart, boolean withPng) {
            Bundle.update(id, chart, withPng);
        }
    };

    private final String title;
    private final int epochs;
    private final Publisher publisher;
    private final Map<String, History> runs = new LinkedHashMap<>();
    private String displayId;
    private int draws;
    private int pngDraws;
    private String failure;

    /**
     * A chart with this title, its epoch axis fixed to 1..epochs so that the curves grow into it.
     *
     * @throws IllegalStateException outside a notebook (no JJava kernel running): chart the History with
     *                               {@code Charts.learningCurves} after training instead
     */
    public LiveTrainingChart(String title, int epochs) {
        this(title, epochs, NOTEBOOK);
        Bundle.kernel("LiveTrainingChart '" + title + "'");
    }

    LiveTrainingChart(String title, int epochs, Publisher publisher) {
        if (epochs < 1) {
            throw new IllegalArgumentException("LiveTrainingChart '" + title + "': epochs must be at least 1, got "
                    + epochs);
        }
        VegaChart.named(title);
        this.title = title;
        this.epochs = epochs;
        this.publisher = publisher;
    }

    /** A listener that draws the run {@code name}; add it to the run's Trainer. */
    public TrainingListener run(String name) {
        if (runs.containsKey(name)) {
            throw new IllegalArgumentException("LiveTrainingChart '" + title + "': the run '" + name
                    + "' is already on the chart; give each run its own name");
        }
        runs.put(name, null);
        return new TrainingListener() {
            @Override
            public void epochEnded(int epoch, History history) {
                runs.put(name, history);
                redraw(false);
            }

            @Override
            public void trainingEnded(History history) {
                runs.put(name, history);
                redraw(true);
            }
        };
    }

    /** How often the chart has been drawn so far (shown once, then updated in place). */
    public int draws() {
        return draws;
    }

    /** How many of those drawings carried the PNG fallback: one per finished call of {@code Trainer.train}. */
    public int pngDraws() {
        return pngDraws;
    }

    /** The chart as it stands: every run's curves so far. */
    public VegaChart chart() {
        List<Double> epoch = new ArrayList<>();
        List<Double> value = new ArrayList<>();
        List<String> metric = new ArrayList<>();
        List<String> set = new ArrayList<>();
        List<String> run = new ArrayList<>();
        runs.forEach((name, h) -> {
            if (h == null) {
                return;
            }
            add(h.trainLoss(), "loss", "training", name, epoch, value, metric, set, run);
            add(h.valLoss(), "loss", "validation", name, epoch, value, metric, set, run);
            add(h.trainAccuracy(), "accuracy", "training", name, epoch, value, metric, set, run);
            add(h.valAccuracy(), "accuracy", "validation", name, epoch, value, metric, set, run);
        });
        int maxEpoch = Math.max(epochs, epoch.stream().mapToInt(Double::intValue).max().orElse(1));
        return VegaChart.named(title)
                .column("epoch", epoch.stream().mapToDouble(Double::doubleValue).toArray())
                .column("value", value.stream().mapToDouble(Double::doubleValue).toArray())
                .column("metric", metric.toArray(String[]::new))
                .column("set", set.toArray(String[]::new))
                .column("run", run.toArray(String[]::new))
                .mark(VegaChart.Mark.LINE).x("epoch", "epoch").y("value", "loss | accuracy")
                .xDomain(1, maxEpoch).color("run", "run").strokeDash("set", "set").panels("metric")
                .tooltip("run", "set", "epoch", "value").size(300, 200);
    }

    /** Why a drawing failed (the first failure), or null if every drawing succeeded. */
    public String failure() {
        return failure;
    }

    /** Draws the chart; a failure is reported once and never reaches the trainer. */
    private void redraw(boolean withPng) {
        try {
            draw(withPng);
        } catch (RuntimeException e) {
            if (withPng) {
                // The PNG fallback is the likelier part to fail (it refuses axes it cannot tick): try without it.
                try {
                    draw(false);
                } catch (RuntimeException ignored) {
                    // reported below with the first cause
                }
            }
            if (failure == null) {
                failure = e.getMessage();
                System.err.println("LiveTrainingChart '" + title + "': the chart could not be drawn (" + failure
                        + "); training goes on");
            }
        }
    }

    private void draw(boolean withPng) {
        VegaChart chart = chart();
        if (chart.rows() == 0) {
            return;
        }
        if (displayId == null) {
            displayId = publisher.show(chart, withPng);
        } else {
            publisher.update(displayId, chart, withPng);
        }
        draws++;
        if (withPng) {
            pngDraws++;
        }
    }

    private static void add(double[] series, String metricName, String setName, String runName, List<Double> epoch,
            List<Double> value, List<String> metric, List<String> set, List<String> run) {
        for (int i = 0; i < series.length; i++) {
            if (Double.isFinite(series[i])) {
                epoch.add((double) (i + 1));
                value.add(series[i]);
                metric.add(metricName);
                set.add(setName);
                run.add(runName);
            }
        }
    }
}
