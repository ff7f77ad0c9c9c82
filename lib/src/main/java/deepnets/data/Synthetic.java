package deepnets.data;

import java.util.Random;

import deepnets.core.NonFiniteException;
import deepnets.core.Require;

/**
 * Seeded 2-D classification sets, small enough to draw a network's decision regions over the plane.
 *
 * <p>Rows are grouped by class (all of class 0, then class 1, ...); shuffle or split before mini-batching.
 *
 * <p>Used in notebooks/solutions/07-softmax-regression.ipynb.
 */
public final class Synthetic {

    /** The largest blob spread: points stay far from overflowing to infinity. */
    public static final double MAX_SPREAD = 1e100;

    private Synthetic() {
    }

    /**
     * Gaussian blobs: class k is centred at {@code (cos(2 pi k / C), sin(2 pi k / C))} on the unit circle,
     * each point is the centre plus {@code spread * N(0, I)}.
     *
     * @param nPerClass  examples per class, at least 1
     * @param numClasses C, at least 2
     * @param spread     standard deviation of each blob, 0..{@value #MAX_SPREAD} (about 0.2 keeps blobs apart)
     * @param seed       seed of the noise
     * @return x (C * nPerClass, 2), labels (C * nPerClass,); C * nPerClass at most 2^24
     */
    public static Dataset blobs(int nPerClass, int numClasses, double spread, long seed) {
        check("blobs", nPerClass, numClasses, "spread", spread);
        if (spread > MAX_SPREAD) {
            throw new IllegalArgumentException("Synthetic.blobs: spread is " + spread + "; use at most " + MAX_SPREAD
                    + " (about 0.2 keeps the blobs apart).");
        }
        Random random = new Random(seed);
        double[][] x = new double[nPerClass * numClasses][2];
        int[] labels = new int[x.length];
        for (int k = 0; k < numClasses; k++) {
            double angle = 2 * Math.PI * k / numClasses;
            double cx = Math.cos(angle);
            double cy = Math.sin(angle);
            for (int i = 0; i < nPerClass; i++) {
                int row = k * nPerClass + i;
                x[row][0] = cx + spread * random.nextGaussian();
                x[row][1] = cy + spread * random.nextGaussian();
                labels[row] = k;
            }
        }
        return new Dataset(x, labels, numClasses);
    }

    /**
     * Interleaved spirals: point i of class k has radius {@code r = (i + 1) / nPerClass} and angle
     * {@code 2 pi k / C + 1.5 * 2 pi * r}, plus {@code noise * N(0, 1)} on the angle. Not linearly
     * separable: a linear model fails, a small network with a hidden layer succeeds.
     *
     * @param nPerClass  examples per class, at least 1
     * @param numClasses C, at least 2
     * @param noise      standard deviation of the angle noise in radians, &ge; 0 (about 0.2); a noise so large
     *                   (from about 1e307 on) that an angle overflows is refused
     * @param seed       seed of the noise
     * @return x (C * nPerClass, 2) inside the unit disc, labels (C * nPerClass,)
     */
    public static Dataset spirals(int nPerClass, int numClasses, double noise, long seed) {
        check("spirals", nPerClass, numClasses, "noise", noise);
        Random random = new Random(seed);
        double[][] x = new double[nPerClass * numClasses][2];
        int[] labels = new int[x.length];
        for (int k = 0; k < numClasses; k++) {
            for (int i = 0; i < nPerClass; i++) {
                int row = k * nPerClass + i;
                double r = (i + 1.0) / nPerClass;
                double angle = 2 * Math.PI * k / numClasses + 3 * Math.PI * r + noise * random.nextGaussian();
                if (!Double.isFinite(angle)) {
                    throw new NonFiniteException("Synthetic.spirals: noise = " + noise + " times a standard normal "
                            + "draw overflowed (angle " + angle + " for point " + i + " of class " + k + "); use a noise "
                            + "below 1e307 (about 0.2 is usual).");
                }
                x[row][0] = r * Math.cos(angle);
                x[row][1] = r * Math.sin(angle);
                labels[row] = k;
            }
        }
        return new Dataset(x, labels, numClasses);
    }

    /** The most points a synthetic set may have (2^24: 256 MB of rows). */
    static final long MAX_POINTS = 1L << 24;

    private static void check(String op, int nPerClass, int numClasses, String noiseName, double noise) {
        if (nPerClass < 1) {
            throw new IllegalArgumentException("Synthetic." + op + ": nPerClass is " + nPerClass + "; it must be at least 1.");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("Synthetic." + op + ": numClasses is " + numClasses + "; it must be at least 2.");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("Synthetic." + op + ": " + noiseName + " is " + noise + "; it must be finite and >= 0.");
        }
        Require.size("Synthetic." + op, "nPerClass x numClasses = " + nPerClass + " x " + numClasses,
                (long) nPerClass * numClasses, MAX_POINTS);
    }
}
