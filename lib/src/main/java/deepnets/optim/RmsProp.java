package deepnets.optim;

import deepnets.core.Require;
/**
 * RMSprop (Hinton's lecture notes, 2012): {@code s = beta s + (1 - beta) dw^2},
 * {@code w = w - alpha dw / (sqrt(s) + eps)}, with s starting at 0.
 *
 * <p>One of the optimizers a search may pick; not used directly by a notebook (see notebooks/solutions/03-pandas-vs-
 * caviar.ipynb for the others).
 */
public final class RmsProp extends AbstractOptimizer {

    /** Default beta, as Adam's beta2. */
    public static final double DEFAULT_BETA = 0.999;
    /** Default eps, which keeps the division finite. */
    public static final double DEFAULT_EPS = 1e-8;

    private final double beta;
    private final double eps;

    /**
     * With beta = 0.999 and eps = 1e-8.
     *
     * @param learningRate alpha, &gt; 0
     */
    public RmsProp(double learningRate) {
        this(learningRate, DEFAULT_BETA, DEFAULT_EPS);
    }

    /**
     * @param learningRate alpha, &gt; 0
     * @param beta weight of the old average of squares, in [0, 1)
     * @param eps added to the root, &gt;= 0; with 0 (allowed), a zero gradient takes a step of 0 (the limit as eps
     *     goes to 0), also while the average of squares is still 0, instead of 0 / 0
     */
    public RmsProp(double learningRate, double beta, double eps) {
        super(learningRate);
        this.beta = Require.inHalfOpen("RmsProp", "beta", beta, 0.0, 1.0, "the usual value is " + DEFAULT_BETA + ", the default");
        this.eps = Require.atLeast("RmsProp", "eps", eps, 0.0, "the usual value is 1e-8");
    }

    @Override
    protected int stateSlots() {
        return 1;
    }

    @Override
    protected void updateRow(double[] w, double[] dw, double[][] state, long iteration) {
        double a = learningRate();
        double[] s = state[0];
        if (eps > 0) {
            for (int j = 0; j < w.length; j++) {
                double g = dw[j];
                s[j] = beta * s[j] + (1.0 - beta) * g * g;
                w[j] -= a * g / (Math.sqrt(s[j]) + eps);
            }
            return;
        }
        // eps = 0: a zero gradient gives a step of 0 (the limit as eps goes to 0), also while s is still 0,
        // not 0 / 0 = NaN.
        for (int j = 0; j < w.length; j++) {
            double g = dw[j];
            s[j] = beta * s[j] + (1.0 - beta) * g * g;
            w[j] -= g == 0.0 ? 0.0 : a * g / Math.sqrt(s[j]);
        }
    }

    @Override
    protected String overflowHint() {
        return eps > 0 ? "" : ", or, with eps = 0, the average of squared gradients underflowed to 0 (gradients "
                + "below about 1e-154 in magnitude): use eps > 0, e.g. 1e-8";
    }
}
