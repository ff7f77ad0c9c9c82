package deepnets.tuning;

import java.util.function.ToDoubleFunction;

/**
 * What a search optimizes: trains with one config and reports how good it was (higher is better).
 *
 * <p>Use only {@link Config#seed()} for randomness, and share no mutable state between calls:
 * a parallel search calls the objective from several threads at once.
 *
 * <p>Taught in notebooks/solutions/01-tuning-process.ipynb.
 */
@FunctionalInterface
public interface Objective {

    /** Runs one trial. Return {@code Result.of(config, score)} built from the config given. */
    Result evaluate(Config config);

    /** An objective from a function that only returns the score, e.g. {@code Objective.ofScore(c -> accuracy(c))}. */
    static Objective ofScore(ToDoubleFunction<Config> score) {
        if (score == null) {
            throw new IllegalArgumentException("Objective.ofScore: score is null; pass a function from Config to a number.");
        }
        return config -> Result.of(config, score.applyAsDouble(config));
    }
}
