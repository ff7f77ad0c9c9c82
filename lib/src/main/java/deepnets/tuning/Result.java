package deepnets.tuning;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one trial produced: its config, a score (higher is better), optional extra metrics and an
 * optional per-epoch curve for plotting.
 *
 * <p>A NaN score is allowed and ranks last: a trial whose training diverged is a result, not a crash.
 *
 * @param config  the trial's config, exactly as the objective received it
 * @param score   higher is better, e.g. validation accuracy; NaN for a diverged trial
 * @param metrics further numbers to show in tables, e.g. {@code "trainAccuracy"}; copied, unmodifiable
 * @param curve   e.g. validation accuracy per epoch, (E,); copied, may be empty
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
public record Result(Config config, double score, Map<String, Double> metrics, double[] curve) {

    /** Checks the config and copies metrics and curve. */
    public Result {
        if (config == null) {
            throw new IllegalArgumentException("Result: config is null; pass the Config the objective received.");
        }
        if (metrics != null) {
            for (Map.Entry<String, Double> m : metrics.entrySet()) {
                if (m.getKey() == null || m.getValue() == null) {
                    throw new IllegalArgumentException("Result: metric " + m.getKey() + " = " + m.getValue()
                            + "; every metric needs a name and a number (Double.NaN for a missing one).");
                }
            }
        }
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        curve = curve == null ? new double[0] : curve.clone();
    }

    /** A result with only a score. */
    public static Result of(Config config, double score) {
        return new Result(config, score, Map.of(), new double[0]);
    }

    /** A result with a score and a per-epoch curve, (E,). */
    public static Result of(Config config, double score, double[] curve) {
        return new Result(config, score, Map.of(), curve);
    }

    /** The curve, (E,). A copy. */
    @Override
    public double[] curve() {
        return curve.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Result r && r.config.equals(config) && Double.compare(r.score, score) == 0
                && r.metrics.equals(metrics) && Arrays.equals(r.curve, curve);
    }

    @Override
    public int hashCode() {
        return Objects.hash(config, score, metrics) * 31 + Arrays.hashCode(curve);
    }

    @Override
    public String toString() {
        return config + " -> score " + score + (metrics.isEmpty() ? "" : " " + metrics);
    }
}
