package deepnets.jupyter;

import deepnets.data.Digits;
import deepnets.layers.Affine;
import deepnets.layers.Relu;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import java.util.SplittableRandom;

/**
 * Warms a fresh kernel's JVM up on a background thread while the first cells compile: it draws one small chart
 * as a PNG (Java2D, the fonts and the PNG encoder load once per JVM, 0.5 to 0.8 s), reads the digits once
 * (Tablesaw's CSV reader) and runs the affine and ReLU layers on a mini-batch a few hundred times, so that the
 * JIT compiles the matrix products before the first training cell needs them.
 *
 * <p>It shares nothing with the notebook: its own arrays, its own seeded random numbers, and no entry point
 * that an exercise check watches ({@code deepnets.check.Exercise}), so it cannot change a result or trip a check.
 * A daemon thread at minimum priority; every failure is swallowed, since it only costs the speed-up, and it prints
 * nothing. {@code COURSE_NO_WARM_UP=1} in the kernel's environment turns it off.
 *
 * <p>Started by {@link CourseExtension} when the kernel loads the library; no notebook calls it.
 */
final class WarmUp {

    /** The environment variable that turns the warm-up off. */
    static final String OFF_VARIABLE = "COURSE_NO_WARM_UP";

    private WarmUp() {
    }

    /** Starts the warm-up thread, unless {@link #OFF_VARIABLE} is set; returns it, or null. */
    static Thread start() {
        String off = System.getenv(OFF_VARIABLE);
        if (off != null && !off.isBlank() && !off.equals("0")) {
            return null;
        }
        Thread thread = new Thread(WarmUp::run, "course-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    static void run() {
        try {
            XYChart chart = new XYChartBuilder().width(160).height(120).title("warm-up").build();
            chart.addSeries("s", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.25});
            Png.base64(chart);
        } catch (RuntimeException | LinkageError ignored) {
            // only the speed-up is lost
        }
        try {
            Digits.load();
        } catch (RuntimeException ignored) {
            // no data here (another working folder): only the speed-up is lost
        }
        try {
            SplittableRandom rng = new SplittableRandom(1);
            double[][] x = new double[32][64], w1 = new double[64][64], w2 = new double[64][10];
            for (double[][] a : new double[][][] {x, w1, w2}) {
                for (double[] row : a) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] = rng.nextDouble() - 0.5;
                    }
                }
            }
            double[] b1 = new double[64], b2 = new double[10];
            for (int step = 0; step < 300; step++) {
                Affine.Forward f1 = Affine.forward(x, w1, b1);
                double[][] h = Relu.forward(f1.out());
                Affine.Forward f2 = Affine.forward(h, w2, b2);
                Affine.Gradients g2 = Affine.backward(f2.out(), f2.cache());
                Affine.backward(Relu.backward(g2.dx(), f1.out()), f1.cache());
            }
        } catch (RuntimeException ignored) {
            // only the speed-up is lost
        }
    }
}
