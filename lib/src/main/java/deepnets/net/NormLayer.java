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
    /** The last training pass's output and gradients, whose arrays the next training pass overwrites. */
    private BatchNorm.Forward lastForward;
    private BatchNorm.Gradients lastGradients;
    private double[][] dgammaRows;
    private double[][] dbetaRows;

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
        cache = f.cache();
        return f.out();
    }

    @Override
    public double[][] test(double[][] x, double[][] into) {
        return norm.forward(x, Mode.TEST, into == null ? null : new BatchNorm.Forward(into, null)).out();
    }

    @Override
    public double[][] backward(double[][] dout) {
        BatchNorm.Gradients g = norm.backward(dout, cache, lastGradients);
        lastGradients = g;
        if (dgammaRows == null || dgammaRows[0] != g.dgamma()) {
            dgammaRows = new double[][] {g.dgamma()};
        }
        if (dbetaRows == null || dbetaRows[0] != g.dbeta()) {
            dbetaRows = new double[][] {g.dbeta()};
        }
        parameters.get(0).setGrad(dgammaRows);
        parameters.get(1).setGrad(dbetaRows);
        return g.dx();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
