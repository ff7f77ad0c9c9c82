package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.ZoomStep;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A hyperparameter taking one of a few listed values, each equally likely, e.g. a mini-batch size of
 * 32, 64, 128 or 256. The values are kept sorted ascending.
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public final class Choice implements Hyperparameter {

    private final String name;
    private final double[] values;

    /**
     * @param name   the hyperparameter's name
     * @param values at least one finite value, no repeats; not modified
     */
    public Choice(String name, double... values) {
        Checks.name("Choice", name);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("Choice(" + name + "): no values given; list at least one, e.g. new Choice(\"batchSize\", 32, 64, 128).");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            if (!Double.isFinite(sorted[i])) {
                throw new IllegalArgumentException("Choice(" + name + "): value " + sorted[i] + " is not finite.");
            }
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("Choice(" + name + "): " + sorted[i] + " is listed twice; list each value once.");
            }
        }
        this.name = name;
        this.values = sorted;
    }

    @Override
    public String name() {
        return name;
    }

    /** The values, ascending. A copy. */
    public double[] values() {
        return values.clone();
    }

    /** One of the values, each with probability 1/K. Modified: random advances. */
    @Override
    public double sample(SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }

    /** All values if {@code n >= K}, else the values at n evenly spaced positions of the sorted list. */
    @Override
    public double[] grid(int n) {
        Checks.count(Checks.op(this, "grid"), "n", n);
        if (n >= values.length) {
            return values.clone();
        }
        if (n == 1) {
            return new double[] {values[(values.length - 1) / 2]};
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[(int) Math.round((values.length - 1.0) * i / (n - 1))];
        }
        return out;
    }

    @Override
    public long gridSize(int n) {
        return Math.min(n, values.length);
    }

    @Override
    public boolean contains(double value) {
        return Arrays.binarySearch(values, value) >= 0;
    }

    /** The listed values inside {@code [lo, hi]}; at least one must remain. */
    private Choice shrinkTo(double lo, double hi) {
        double[] kept = Arrays.stream(values).filter(v -> v >= lo && v <= hi).toArray();
        if (kept.length == 0) {
            throw new IllegalArgumentException(Checks.op(this, "shrinkTo") + ": none of " + Arrays.toString(values) + " lies in [" + lo + ", " + hi + "].");
        }
        return new Choice(name, kept);
    }

    /**
     * The listed values from {@code min} to {@code max}. A list has no scale between its values, so the
     * margin only has to be valid: widening would just add the neighbouring values back.
     */
    @Override
    @Solves(ZoomStep.class)
    public Choice zoom(double min, double max, double margin) {
        EntryPoints.entered();
        Checks.margin(Checks.op(this, "zoom"), margin);
        Checks.zoomBounds(this, min, max);
        return shrinkTo(min, max);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Choice c && c.name.equals(name) && Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Choice[name=" + name + ", values=" + Arrays.toString(values) + "]";
    }
}
