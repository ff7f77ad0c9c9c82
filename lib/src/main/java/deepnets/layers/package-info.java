/**
 * Layers as forward/backward pairs on row arrays: {@link deepnets.layers.Affine}, {@link deepnets.layers.Relu},
 * {@link deepnets.layers.BatchNorm}, {@link deepnets.layers.Softmax} and the softmax cross-entropy loss.
 *
 * <p>Each {@code forward} returns the output together with a small cache record; the matching
 * {@code backward} takes the upstream gradient and that cache and returns the gradients.
 */
package deepnets.layers;
