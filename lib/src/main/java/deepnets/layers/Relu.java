package deepnets.layers;

import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * The rectified linear unit {@code max(0, x)}, element-wise.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb; no notebook calls it directly.
 */
public final class Relu {

    private Relu() {
    }

    /** {@code out = max(0, x)}, (N, D) -&gt; (N, D). {@code x} finite (NaN or infinity is refused); not modified. */
    public static double[][] forward(double[][] x) {
        return forward(x, null);
    }

    /**
     * {@link #forward(double[][])} writing into {@code reuse} when it has shape (N, D), so that a training loop
     * allocates no new output per batch ({@code Network} calls it). Returns the output; use it, not {@code reuse}.
     *
     * @param reuse an earlier output, or null; modified (overwritten); it must not share rows with x
     */
    public static double[][] forward(double[][] x, double[][] reuse) {
        int d = Shapes.requireMatrix("Relu.forward", "x", x);
        // A pass of its own: checked inside the loop below, the max no longer vectorizes (measured slower).
        Require.finite("Relu.forward", "x", x);
        double[][] out = Buffers.matrix("Relu.forward", reuse, x, x.length, d);
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] oi = out[i] != null ? out[i] : (out[i] = new double[d]);
            for (int j = 0; j < d; j++) {
                oi[j] = Math.max(0.0, xi[j]);
            }
        }
        return out;
    }

    /**
     * {@code dx = dout * [x > 0]}, (N, D) -&gt; (N, D); the kink at 0 gets gradient 0.
     *
     * @param dout upstream gradient (N, D), finite; not modified
     * @param x the input that forward received (N, D), finite; not modified
     */
    public static double[][] backward(double[][] dout, double[][] x) {
        return backward(dout, x, null);
    }

    /**
     * {@link #backward(double[][], double[][])} writing into {@code reuse} when it has shape (N, D). Returns dx;
     * use it, not {@code reuse}.
     *
     * @param reuse an earlier dx, or null; modified (overwritten); it must not share rows with dout
     */
    public static double[][] backward(double[][] dout, double[][] x, double[][] reuse) {
        Shapes.requireSameShape("Relu.backward", "dout", dout, "x", x);
        int d = x[0].length;
        double[][] dx = Buffers.matrix("Relu.backward", reuse, dout, x.length, d);
        boolean bad = false;
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] gi = dout[i];
            double[] di = dx[i] != null ? dx[i] : (dx[i] = new double[d]);
            for (int j = 0; j < d; j++) {
                // di = xi > 0 ? gi : 0 without a branch: after batch norm about half of the x are positive, in no
                // predictable order, and a mispredicted branch per entry cost several times the rest of the loop.
                // keep is all ones when x > 0 (sign bit clear, not +0.0) and all zeros otherwise, -0.0 included.
                long bits = Double.doubleToRawLongBits(xi[j]);
                long keep = (-bits & ~bits) >> 63;
                di[j] = Double.longBitsToDouble(Double.doubleToRawLongBits(gi[j]) & keep);
                bad |= !(Math.abs(xi[j]) <= Double.MAX_VALUE && Math.abs(gi[j]) <= Double.MAX_VALUE);
            }
        }
        if (bad) {
            Require.finite("Relu.backward", "dout", dout);
            Require.finite("Relu.backward", "x", x);
        }
        return dx;
    }
}
