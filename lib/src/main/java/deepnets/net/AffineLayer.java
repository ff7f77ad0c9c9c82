package deepnets.net;

import deepnets.layers.Affine;
import deepnets.layers.Mode;

import java.util.List;
import java.util.Random;

/**
 * The layer {@code z = a W (+ b)} with He-initialized weights {@code W ~ N(0, 2 / fanIn)}; without a bias when batch
 * norm follows (its beta plays the role of b). See {@link Affine} for the maths.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb.
 */
final class AffineLayer implements Layer {

    private final double[][] w;
    private final double[] b;
    private final List<Parameter> parameters;
    private final boolean first;
    /** Whether this is the network's output layer, whose logits are returned to callers and so always new. */
    private final boolean output;
    /** The last training pass's output (with the cache for backward) and gradients, overwritten by the next. */
    private Affine.Forward lastForward;
    private Affine.Gradients lastGradients;

    /**
     * @param index the 1-based layer number of the course's names ({@code W1, b1, ...})
     * @param rng draws the weights row by row (modified)
     */
    AffineLayer(int index, int fanIn, int fanOut, boolean hasBias, boolean output, Random rng) {
        this(index, fanIn, fanOut, hasBias, output, Math.sqrt(2.0 / fanIn), rng);
    }

    /** The same with weights {@code W ~ N(0, scale^2)} instead of He's scale. */
    AffineLayer(int index, int fanIn, int fanOut, boolean hasBias, boolean output, double scale, Random rng) {
        this.first = index == 1;
        this.output = output;
        w = BlockLayer.weights(fanIn, fanOut, scale, rng);
        Parameter weights = new Parameter("W" + index, w);
        if (hasBias) {
            b = new double[fanOut];
            parameters = List.of(weights, new Parameter("b" + index, new double[][] {b}));
        } else {
            b = null;
            parameters = List.of(weights);
        }
    }

    @Override
    public double[][] forward(double[][] x, Mode mode) {
        if (mode != Mode.TRAIN) {
            return test(x, null);
        }
        Affine.Forward f = Affine.forward(x, w, b, output ? null : lastForward);
        lastForward = f;
        return f.out();
    }

    @Override
    public double[][] test(double[][] x, double[][] into) {
        return Affine.forward(x, w, b, into == null ? null : new Affine.Forward(into, null)).out();
    }

    @Override
    public double[][] backward(double[][] dout) {
        // The first layer's dx would be the gradient with respect to the data, which nothing uses.
        Affine.Cache cache = lastForward.cache();
        Affine.Gradients g = first ? Affine.weightGradients(dout, cache, lastGradients)
                : Affine.backward(dout, cache, lastGradients);
        lastGradients = g;
        parameters.get(0).setGrad(g.dW());
        if (b != null) {
            parameters.get(1).setGrad(g.db());
        }
        return g.dx();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
