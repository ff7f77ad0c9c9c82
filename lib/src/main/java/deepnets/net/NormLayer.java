package deepnets.net;

import deepnets.layers.BatchNorm;
import deepnets.layers.Mode;

import java.util.List;

/**
 * A {@link BatchNorm} with its parameters {@code gamma} and {@code beta} and the cache of its last training pass.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb.
 */
final class NormLayer implements Layer {

    private final BatchNorm norm;
    private final List<Parameter> parameters;
    private BatchNorm.Cache cache;

    /** @param index the 1-based layer number of the course's names ({@code gamma1, beta1, ...}) */
    NormLayer(int index, int size) {
        norm = new BatchNorm(size);
        parameters = List.of(new Parameter("gamma" + index, new double[][] {norm.gamma()}),
                new Parameter("beta" + index, new double[][] {norm.beta()}));
    }

    /** The batch-norm state: gamma, beta and the running averages (live). */
    BatchNorm norm() {
        return norm;
    }

    @Override
    public double[][] forward(double[][] x, Mode mode) {
        BatchNorm.Forward f = norm.forward(x, mode);
        if (mode == Mode.TRAIN) {
            cache = f.cache();
        }
        return f.out();
    }

    @Override
    public double[][] backward(double[][] dout) {
        BatchNorm.Gradients g = norm.backward(dout, cache);
        parameters.get(0).setGrad(new double[][] {g.dgamma()});
        parameters.get(1).setGrad(new double[][] {g.dbeta()});
        return g.dx();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
