package deepnets.net;

import deepnets.layers.Mode;

import java.util.List;

/**
 * One step of a {@link Network}: it owns its parameters and the cache of its last training pass, and maps an
 * input (N, D_in) to an output (N, D_out) and an upstream gradient back. The maths lives in
 * {@code deepnets.layers}; a layer only adds the state around it.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb (a network of Affine, BatchNorm and ReLU steps).
 */
interface Layer {

    /**
     * The output (N, D_out). In {@link Mode#TRAIN} the layer keeps what {@link #backward} needs (and batch norm
     * updates its running averages); in {@link Mode#TEST} nothing is modified.
     *
     * @param x input (N, D_in); not modified
     */
    double[][] forward(double[][] x, Mode mode);

    /**
     * The output of a {@link Mode#TEST} pass, written into {@code into} when it has shape (N, D_out) (otherwise into
     * a new array). Nothing of the layer is modified.
     *
     * @param x input (N, D_in); not modified
     * @param into an earlier result of this method, or null; modified (overwritten)
     */
    double[][] test(double[][] x, double[][] into);

    /**
     * The gradient with respect to the input (N, D_in), storing the gradients of this layer's parameters in
     * {@link Parameter#grad()} (modified). Uses the cache of the last {@link Mode#TRAIN} forward pass. The
     * network's first layer returns null: nothing uses the gradient with respect to the data, so it is not computed.
     *
     * @param dout gradient with respect to the output (N, D_out); not modified
     */
    double[][] backward(double[][] dout);

    /** This layer's learnable parameters, in the course's order (W before b, gamma before beta); may be empty. */
    List<Parameter> parameters();
}
