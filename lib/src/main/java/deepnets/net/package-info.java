/**
 * A fully connected network ({@link deepnets.net.Network}: Affine, optional BatchNorm, ReLU per hidden layer,
 * softmax output) and its mini-batch training loop ({@link deepnets.net.Trainer}) with a per-epoch
 * {@link deepnets.net.History}.
 */
package deepnets.net;
