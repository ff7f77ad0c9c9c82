package deepnets.exercises;

import deepnets.tuning.Config;
import java.util.Random;

/**
 * One trial of a hyperparameter search: trains (or simulates training) a model for a config and returns its score,
 * drawing every random number it needs (initial weights, the order of the mini-batches) from {@code rng}. The given
 * type of notebook 03, Exercise 1 (parallel trials), where the student writes
 * {@code runInParallel(configs, trial, threads)}; it is here, in the library, so that the exercise's check can hand
 * its trials to the student's code.
 */
@FunctionalInterface
public interface Trial {

    /** The score of {@code config}, with every random number drawn from {@code rng}. */
    double run(Config config, Random rng);
}
