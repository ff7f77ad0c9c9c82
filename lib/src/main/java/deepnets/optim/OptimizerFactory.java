package deepnets.optim;

/**
 * Makes an optimizer for a learning rate, e.g. {@code Adam::new} or {@code lr -> new Momentum(lr, 0.95)}.
 *
 * <p>Used through {@code TrainingConfig.optimizer(Adam::new)} in notebooks/solutions/03-pandas-vs-caviar.ipynb and
 * later notebooks.
 */
@FunctionalInterface
public interface OptimizerFactory {

    /** A fresh optimizer with learning rate {@code learningRate} &gt; 0. */
    Optimizer create(double learningRate);
}
