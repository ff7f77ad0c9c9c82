package deepnets.optim;

/** Makes an optimizer for a learning rate, e.g. {@code Adam::new} or {@code lr -> new Momentum(lr, 0.95)}. */
@FunctionalInterface
public interface OptimizerFactory {

    /** A fresh optimizer with learning rate {@code learningRate} &gt; 0. */
    Optimizer create(double learningRate);
}
