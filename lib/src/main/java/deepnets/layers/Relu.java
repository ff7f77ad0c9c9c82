package deepnets.layers;

import deepnets.core.Shapes;

/**
 * The rectified linear unit {@code max(0, x)}, element-wise.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb; no notebook calls it directly.
 */
public final class Relu {

    private Relu() {
    }

    /** {@code out = max(0, x)}, (N, D) -&gt; (N, D). {@code x} not modified. */
    public static double[][] forward(double[][] x) {
        int d = Shapes.requireMatrix("Relu.forward", "x", x);
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] oi = out[i];
            for (int j = 0; j < d; j++) {
                oi[j] = Math.max(0.0, xi[j]);
            }
        }
        return out;
    }

    /**
     * {@code dx = dout * [x > 0]}, (N, D) -&gt; (N, D); the kink at 0 gets gradient 0.
     *
     * @param dout upstream gradient (N, D); not modified
     * @param x the input that forward received (N, D); not modified
     */
    public static double[][] backward(double[][] dout, double[][] x) {
        Shapes.requireSameShape("Relu.backward", "dout", dout, "x", x);
        int d = x[0].length;
        double[][] dx = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] gi = dout[i];
            double[] di = dx[i];
            for (int j = 0; j < d; j++) {
                di[j] = xi[j] > 0.0 ? gi[j] : 0.0;
            }
        }
        return dx;
    }
}
