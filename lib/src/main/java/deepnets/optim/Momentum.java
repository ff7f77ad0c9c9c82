package deepnets.optim;

import deepnets.core.Require;
/**
 * Gradient descent with momentum, in the course's form: {@code v = beta v + (1 - beta) dw},
 * {@code w = w - alpha v}, with v starting at 0.
 *
 * <p>Used in notebooks/solutions/03-pandas-vs-caviar.ipynb, where the optimizer and its betas are hyperparameters to
 * tune.
 */
public final class Momentum extends AbstractOptimizer {

    /** Default beta, an average over roughly the last 10 gradients. */
    public static final double DEFAULT_BETA = 0.9;

    private final double beta;

    /**
     * With beta = 0.9.
     *
     * @param learningRate alpha, &gt; 0
     */
    public Momentum(double learningRate) {
        this(learningRate, DEFAULT_BETA);
    }

    /**
     * @param learningRate alpha, &gt; 0
     * @param beta weight of the old velocity, in [0, 1)
     */
    public Momentum(double learningRate, double beta) {
        super(learningRate);
        this.beta = Require.inHalfOpen("Momentum", "beta", beta, 0.0, 1.0, "the usual value is 0.9");
    }

    /** The weight of the old velocity. */
    public double beta() {
        return beta;
    }

    @Override
    protected int stateSlots() {
        return 1;
    }

    @Override
    protected void updateRow(double[] w, double[] dw, double[][] state, long iteration) {
        double a = learningRate();
        double[] v = state[0];
        for (int j = 0; j < w.length; j++) {
            v[j] = beta * v[j] + (1.0 - beta) * dw[j];
            w[j] -= a * v[j];
        }
    }
}
