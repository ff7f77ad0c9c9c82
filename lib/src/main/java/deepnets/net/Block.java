package deepnets.net;

/**
 * A hidden layer of a {@link Network} written outside the library: {@code affine -> batch norm -> ReLU} in
 * training mode, {@code out = max(0, gamma * norm(x W) + beta)} with the batch's own statistics (variance divided
 * by m), and its backward pass. {@link #forward} returns the output together with the function that takes the
 * gradient of the output back to the input and the parameters: whatever backward needs (z, xhat, 1/sqrt(var + eps),
 * the ReLU's gate) stays in that function, as a layer keeps its cache. The affine step has no bias, since beta plays
 * its role.
 *
 * <p>{@link Network.Builder#block(Block)} puts one in every hidden layer. The network owns the parameters and
 * passes its live arrays in; the block must not modify x, W, gamma, beta or dout. At test time the network
 * normalizes with the running averages of each unit's batch mean and variance, which it keeps itself (notebook 06).
 *
 * <p>Written by the student in notebooks/solutions/05-batch-norm-backward.ipynb (Exercise 4).
 */
@FunctionalInterface
public interface Block {

    /**
     * The training-mode forward pass.
     *
     * @param x input (m, D); not modified
     * @param w weights (D, H); not modified
     * @param gamma scale (H,); not modified
     * @param beta shift (H,); not modified
     * @param eps added to the batch variance under the square root
     * @return the output (m, H) and the backward pass of this very call
     */
    Pass forward(double[][] x, double[][] w, double[] gamma, double[] beta, double eps);

    /** One forward pass's output and its backward pass. */
    record Pass(double[][] out, Backward backward) {
    }

    /** The backward pass of one forward pass; it may be called more than once, each call on its own dout. */
    @FunctionalInterface
    interface Backward {
        /**
         * @param dout gradient with respect to the output (m, H); not modified
         * @return the gradients with respect to x, W, gamma and beta, new arrays
         */
        Gradients apply(double[][] dout);
    }

    /** The gradients of one backward pass: dx (m, D), dW (D, H), dgamma (H,), dbeta (H,). */
    record Gradients(double[][] dx, double[][] dW, double[] dgamma, double[] dbeta) {
    }
}
