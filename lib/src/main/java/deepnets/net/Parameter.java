package deepnets.net;

/**
 * A learnable array of a network with its gradient. A (D,) parameter such as gamma is viewed as one row
 * of a (1, D) matrix whose row is the layer's own array, so updating {@link #value()} updates the layer.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb (which parameters a layer with batch norm has).
 */
public final class Parameter {

    private final String name;
    private final double[][] value;
    private double[][] grad;

    Parameter(String name, double[][] value) {
        this.name = name;
        this.value = value;
        this.grad = new double[value.length][value[0].length];
    }

    /** A readable name such as {@code "W1"}, {@code "gamma2"}, {@code "b3"}. */
    public String name() {
        return name;
    }

    /** The live values, (R, C); modifying them modifies the network. */
    public double[][] value() {
        return value;
    }

    /**
     * The gradient from the last {@link Network#backward}, (R, C). The network writes each backward pass into the
     * same arrays, so copy them to keep the gradient of one step past the next.
     */
    public double[][] grad() {
        return grad;
    }

    void setGrad(double[][] grad) {
        this.grad = grad;
    }

    /** Sets the gradient of a (1, C) parameter to {@code row}, wrapped once and kept while the row is the same. */
    void setGrad(double[] row) {
        if (grad.length != 1 || grad[0] != row) {
            grad = new double[][] {row};
        }
    }

    /** The name and shape as the notebooks print them, e.g. {@code "W1 (64, 32)"} or {@code "gamma1 (1, 32)"}. */
    @Override
    public String toString() {
        return name + " (" + value.length + ", " + value[0].length + ")";
    }
}
