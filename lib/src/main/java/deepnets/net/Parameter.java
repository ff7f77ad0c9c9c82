package deepnets.net;

/**
 * A learnable array of a network with its gradient. A (D,) parameter such as gamma is viewed as one row
 * of a (1, D) matrix whose row is the layer's own array, so updating {@link #value()} updates the layer.
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

    /** The gradient from the last {@link Network#backward}, (R, C). */
    public double[][] grad() {
        return grad;
    }

    void setGrad(double[][] grad) {
        this.grad = grad;
    }
}
