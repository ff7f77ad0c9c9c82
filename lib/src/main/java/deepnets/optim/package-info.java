/**
 * Optimizers in the order the lecture builds them up: {@link deepnets.optim.Sgd}, {@link deepnets.optim.Momentum},
 * {@link deepnets.optim.RmsProp}, {@link deepnets.optim.Adam}; and {@link deepnets.optim.LearningRateDecay}.
 *
 * <p>Life cycle of an {@link deepnets.optim.Optimizer}: for every mini-batch, call {@code update(w, dw)} once per
 * parameter array, then {@code step()} once; {@code reset()} forgets all state and starts again at step 0.
 */
package deepnets.optim;
