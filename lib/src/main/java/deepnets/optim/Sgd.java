package deepnets.optim;

/**
 * Plain (mini-batch) gradient descent: {@code w = w - alpha dw}. No state.
 *
 * <p>Used in notebooks/solutions/04-batch-norm-forward.ipynb (plain gradient descent with and without batch norm).
 */
public final class Sgd extends AbstractOptimizer {

    /** @param learningRate alpha, &gt; 0 */
    public Sgd(double learningRate) {
        super(learningRate);
    }

    @Override
    protected int stateSlots() {
        return 0;
    }

    @Override
    protected void updateRow(double[] w, double[] dw, double[][] state, long iteration) {
        double a = learningRate();
        for (int j = 0; j < w.length; j++) {
            w[j] -= a * dw[j];
        }
    }
}
