package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.ZoomStep;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An integer hyperparameter, every value in {@code lo..hi} (inclusive) equally likely, e.g. the number of
 * hidden units or layers. Values are whole doubles; read them with {@link Config#getInt(String)}.
 *
 * @param name the hyperparameter's name
 * @param lo   smallest value
 * @param hi   largest value, &gt; lo
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public record IntRange(String name, int lo, int hi) implements Hyperparameter {

    /** Checks {@code lo < hi}. */
    public IntRange {
        Checks.name("IntRange", name);
        if (lo >= hi) {
            throw new IllegalArgumentException("IntRange(" + name + "): lo = " + lo + " must be less than hi = " + hi
                    + "; for a fixed value, leave it out of the search.");
        }
        if ((long) hi - lo >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("IntRange(" + name + "): [" + lo + ", " + hi + "] is too wide to sample; narrow it.");
        }
    }

    /** {@code lo + k}, k uniform in {@code 0 .. hi - lo}. Modified: random advances. */
    @Override
    public double sample(SplittableRandom random) {
        return lo + random.nextInt(hi - lo + 1);
    }

    /** {@code round(lo + (hi - lo) i / (n - 1))} without repeats: all integers when n exceeds their count. */
    @Override
    public double[] grid(int n) {
        Checks.count(Checks.op(this, "grid"), "n", n);
        if (n == 1) {
            return new double[] {Math.round((lo + (double) hi) / 2)};
        }
        Checks.gridSize(this, gridSize(n));
        if (n > (long) hi - lo) {
            // every integer of the range: n points would only repeat them
            n = hi - lo + 1;
        }
        double[] out = new double[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            double v = Math.round(lo + (hi - (double) lo) * i / (n - 1));
            // rounding is monotonic, so a repeat can only equal the previous value
            if (count == 0 || v != out[count - 1]) {
                out[count++] = v;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** {@code min(n, hi - lo + 1)}: the grid never repeats an integer. */
    @Override
    public long gridSize(int n) {
        return Math.min(n, (long) hi - lo + 1);
    }

    @Override
    public boolean contains(double value) {
        return value >= lo && value <= hi && value == Math.rint(value);
    }

    /**
     * {@code [floor(min - pad), ceil(max + pad)]} with {@code pad = margin (hi - lo)}, clipped to [lo, hi]; at least
     * two integers wide (a pad below one step around a single value would otherwise leave an empty range).
     */
    @Override
    @Solves(ZoomStep.class)
    public IntRange zoom(double min, double max, double margin) {
        EntryPoints.entered();
        Checks.margin(Checks.op(this, "zoom"), margin);
        Checks.zoomBounds(this, min, max);
        double pad = margin * ((double) hi - lo);
        int newLo = (int) Math.max(lo, Math.floor(min - pad));
        int newHi = (int) Math.min(hi, Math.ceil(max + pad));
        if (newLo == newHi) {
            if (newHi < hi) {
                newHi++;
            } else {
                newLo--;
            }
        }
        return new IntRange(name, newLo, newHi);
    }
}
