package deepnets.optim;

import deepnets.core.Require;
/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015): momentum and RMSprop with
 * bias correction. At iteration t: {@code m = b1 m + (1 - b1) dw}, {@code v = b2 v + (1 - b2) dw^2},
 * {@code mhat = m / (1 - b1^t)}, {@code vhat = v / (1 - b2^t)}, {@code w = w - alpha mhat / (sqrt(vhat) + eps)}.
 * Defaults from the paper: b1 = 0.9, b2 = 0.999, eps = 1e-8.
 *
 * <p>Used in notebooks/solutions/03-pandas-vs-caviar.ipynb and 08-putting-it-together.ipynb, where its learning rate
 * and betas are tuned.
 */
public final class Adam extends AbstractOptimizer {

    /** Default beta1 (Kingma and Ba, 2015). */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default beta2 (Kingma and Ba, 2015). */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default eps (Kingma and Ba, 2015). */
    public static final double DEFAULT_EPS = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;
    // The bias corrections of the last iteration seen: one pair of Math.pow per step, not per row of every parameter.
    private long correctedIteration = -1;
    private double c1;
    private double c2;

    /**
     * With the paper's defaults.
     *
     * @param learningRate alpha, &gt; 0
     */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
    }

    /**
     * @param learningRate alpha, &gt; 0
     * @param beta1 weight of the old first moment, in [0, 1)
     * @param beta2 weight of the old second moment, in [0, 1)
     * @param eps added to the root, &gt;= 0; with 0 (allowed), a weight whose gradients have all been 0 takes a step of
     *     0 (the limit as eps goes to 0) instead of 0 / 0
     */
    public Adam(double learningRate, double beta1, double beta2, double eps) {
        super(learningRate);
        this.beta1 = Require.inHalfOpen("Adam", "beta1", beta1, 0.0, 1.0, "the usual value is 0.9");
        this.beta2 = Require.inHalfOpen("Adam", "beta2", beta2, 0.0, 1.0, "the usual value is 0.999");
        this.eps = Require.atLeast("Adam", "eps", eps, 0.0, "the usual value is 1e-8");
    }

    @Override
    protected int stateSlots() {
        return 2;
    }

    @Override
    protected void updateRow(double[] w, double[] dw, double[][] state, long iteration) {
        double a = learningRate();
        if (iteration != correctedIteration) {
            c1 = 1.0 / (1.0 - Math.pow(beta1, iteration));
            c2 = 1.0 / (1.0 - Math.pow(beta2, iteration));
            correctedIteration = iteration;
        }
        double[] m = state[0];
        double[] v = state[1];
        if (eps > 0) {
            for (int j = 0; j < w.length; j++) {
                double g = dw[j];
                m[j] = beta1 * m[j] + (1.0 - beta1) * g;
                v[j] = beta2 * v[j] + (1.0 - beta2) * g * g;
                w[j] -= a * (m[j] * c1) / (Math.sqrt(v[j] * c2) + eps);
            }
            return;
        }
        // eps = 0: a weight whose gradients were all 0 has m = v = 0, and its step is 0 (the limit as eps goes
        // to 0), not 0 / 0 = NaN.
        for (int j = 0; j < w.length; j++) {
            double g = dw[j];
            m[j] = beta1 * m[j] + (1.0 - beta1) * g;
            v[j] = beta2 * v[j] + (1.0 - beta2) * g * g;
            w[j] -= m[j] == 0.0 ? 0.0 : a * (m[j] * c1) / Math.sqrt(v[j] * c2);
        }
    }

    @Override
    protected String overflowHint() {
        return eps > 0 ? "" : ", or, with eps = 0, the average of squared gradients underflowed to 0 (gradients "
                + "below about 1e-154 in magnitude): use eps > 0, e.g. 1e-8";
    }
}
