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

    @Override
    public double[][] forward(double[][] x, Mode mode) {
        if (mode == Mode.TRAIN) {
            input = x;
        }
        return Relu.forward(x);
    }

    @Override
    public double[][] backward(double[][] dout) {
        return Relu.backward(dout, input);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
