package deepnets;

import java.util.Random;

/** Seeded random arrays for tests. */
public final class TestData {

    private TestData() {
    }

    /** (rows, cols) entries drawn from N(mean, std^2). */
    public static double[][] gaussian(Random rng, int rows, int cols, double mean, double std) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = mean + std * rng.nextGaussian();
            }
        }
        return a;
    }

    /** (n,) entries drawn from N(mean, std^2). */
    public static double[] gaussian(Random rng, int n, double mean, double std) {
        double[] a = new double[n];
        for (int j = 0; j < n; j++) {
            a[j] = mean + std * rng.nextGaussian();
        }
        return a;
    }

    /** (n,) labels uniform in [0, c). */
    public static int[] labels(Random rng, int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(c);
        }
        return y;
    }
}
