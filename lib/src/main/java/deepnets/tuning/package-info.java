/**
 * Hyperparameter search: sampling each hyperparameter on the scale where it matters (learning rates
 * on a log scale, EWA betas on a log scale of {@code 1 - beta}), grid and random search over a
 * {@link deepnets.tuning.SearchSpace}, coarse-to-fine zooming, and a runner that gives identical
 * results sequentially and in parallel.
 *
 * <p>Scores are higher-is-better (e.g. validation accuracy); to minimize a loss, return its negative.
 */
package deepnets.tuning;
