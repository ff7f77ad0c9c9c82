package deepnets.bench;

import java.util.SplittableRandom;

/** Seeded inputs and the shape strings of the benchmarks' parameters. */
final class Inputs {

    private Inputs() {
    }

    /** {@code "1024x512"} -&gt; {1024, 512}. */
    static int[] shape(String rowsByCols) {
        String[] parts = rowsByCols.split("x");
        if (parts.length != 2) {
            throw new IllegalArgumentException("Inputs.shape: '" + rowsByCols + "' is not a shape; write it as NxD, e.g. 1024x512.");
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }

    /** Standard normal entries, (rows, cols). */
    static double[][] gaussian(long seed, int rows, int cols) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = gaussian(rng);
            }
        }
        return a;
    }

    /** Uniform labels in [0, classes), (n,). */
    static int[] labels(long seed, int n, int classes) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
        }
        return y;
    }

    // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
    private static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * rng.nextDouble());
    }
}
