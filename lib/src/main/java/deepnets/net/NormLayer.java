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
    /** The last training pass's output (with the cache for backward) and gradients, overwritten by the next. */
    private BatchNorm.Forward lastForward;
    private BatchNorm.Gradients lastGradients;

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
        if (mode != Mode.TRAIN) {
            return test(x, null);
        }
        BatchNorm.Forward f = norm.forward(x, mode, lastForward);
        lastForward = f;
        return f.out();
    }

    @Override
    public double[][] test(double[][] x, double[][] into) {
        return norm.forward(x, Mode.TEST, into == null ? null : new BatchNorm.Forward(into, null)).out();
    }

    @Override
    public double[][] backward(double[][] dout) {
        BatchNorm.Gradients g = norm.backward(dout, lastForward.cache(), lastGradients);
        lastGradients = g;
        parameters.get(0).setGrad(g.dgamma());
        parameters.get(1).setGrad(g.dbeta());
        return g.dx();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
