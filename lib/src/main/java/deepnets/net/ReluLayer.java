package deepnets.net;

import deepnets.layers.Mode;
import deepnets.layers.Relu;

import java.util.List;

/**
 * The activation {@code a = max(0, z)}; it has no parameters and caches its input z. See {@link Relu}.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb.
 */
final class ReluLayer implements Layer {

    private double[][] input;
    /** The last training pass's output and input gradient, which the next training pass overwrites. */
    private double[][] lastOut;
    private double[][] lastDx;

    @Override
    public double[][] forward(double[][] x, Mode mode) {
        if (mode != Mode.TRAIN) {
            return test(x, null);
        }
        input = x;
        lastOut = Relu.forward(x, lastOut);
        return lastOut;
    }

    @Override
    public double[][] test(double[][] x, double[][] into) {
        return Relu.forward(x, into);
    }

    @Override
    public double[][] backward(double[][] dout) {
        lastDx = Relu.backward(dout, input, lastDx);
        return lastDx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
