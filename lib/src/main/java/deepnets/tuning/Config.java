package deepnets.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hyperparameter values of one trial, and the trial's own seed.
 *
 * <p>Use {@link #seed()} for everything random inside the trial (weight initialization, mini-batch
 * shuffling): then a trial gives the same score whether it runs alone, in a loop or in parallel.
 *
 * @param trial  the trial's index in its search, from 0
 * @param seed   the trial's seed, derived from the search seed and the index
 * @param values hyperparameter name to value, in the search space's order; copied, unmodifiable
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public record Config(int trial, long seed, Map<String, Double> values) {

    /** Copies the values, keeping their order, and checks that they are finite. */
    public Config {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("Config: no values; a config needs at least one hyperparameter.");
        }
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException("Config: a value has no name (null key); name every hyperparameter.");
            }
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("Config: " + e.getKey() + " = " + e.getValue() + "; every value must be a finite number.");
            }
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The value of hyperparameter {@code name}.
     *
     * @throws IllegalArgumentException listing the known names if {@code name} is not one of them
     */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Config.get: no hyperparameter named '" + name + "'; the known names are "
                    + values.keySet() + ".");
        }
        return v;
    }

    /**
     * The value of hyperparameter {@code name} as an int, for {@link IntRange} and whole-number {@link Choice}s.
     *
     * @throws IllegalArgumentException if the name is unknown or the value is not a whole number
     */
    public int getInt(String name) {
        double v = get(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Config.getInt: " + name + " = " + v
                    + " is not a whole number; use get(\"" + name + "\"), or search it with IntRange.");
        }
        return (int) v;
    }

    /** The hyperparameter names, in the search space's order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** E.g. {@code "trial 3: learningRate=0.001234, beta=0.9"}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("trial ").append(trial).append(':');
        String sep = " ";
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.4g", e.getValue()));
            sep = ", ";
        }
        return sb.toString();
    }
}
