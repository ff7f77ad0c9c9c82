package deepnets.net;

import deepnets.core.Shapes;
import deepnets.layers.Affine;
import deepnets.layers.BatchNorm;
import deepnets.layers.Mode;
import deepnets.layers.Relu;

import java.util.List;
import java.util.Random;

/**
 * A hidden layer whose training pass is a {@link Block} written outside the library ({@code affine -> batch norm
 * -> ReLU}): it owns W (no bias), gamma and beta and the running averages, hands the block their live arrays in
 * training, and normalizes with the running averages at test time.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/05-batch-norm-backward.ipynb (Exercise 4).
 */
final class BlockLayer implements Layer {

    private final Block code;
    private final double[][] w;
    private final BatchNorm norm;
    private final List<Parameter> parameters;
    private Block.Pass last;

    /** @param index the 1-based layer number of the course's names ({@code W1, gamma1, beta1, ...}) */
    BlockLayer(Block code, int index, double[][] w) {
        this.code = code;
        this.w = w;
        this.norm = new BatchNorm(w[0].length);
        this.parameters = List.of(new Parameter("W" + index, w), new Parameter("gamma" + index,
                new double[][] {norm.gamma()}), new Parameter("beta" + index, new double[][] {norm.beta()}));
    }

    /** The batch-norm state: gamma, beta and the running averages (live). */
    BatchNorm norm() {
        return norm;
    }

    @Override
    public double[][] forward(double[][] x, Mode mode) {
        if (mode != Mode.TRAIN) {
            return test(x, null);
        }
        String op = "Network.forward (your block)";
        Block.Pass pass = code.forward(x, w, norm.gamma(), norm.beta(), norm.eps());
        if (pass == null || pass.out() == null || pass.backward() == null) {
            throw new IllegalStateException(op + ": the block returned " + (pass == null ? "null" : pass.out() == null
                    ? "a Pass whose out is null" : "a Pass whose backward is null") + "; return new Block.Pass(out, "
                    + "dout -> ...), the output and the backward pass of this call.");
        }
        requireShape(op, "its output", pass.out(), x.length, w[0].length);
        // The running averages of z = x W's batch statistics, for test time: the network keeps them itself.
        double[][] z = Affine.forward(x, w, null).out();
        double[] mu = new double[z[0].length];
        double[] var = new double[mu.length];
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j] / z.length;
            }
        }
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                var[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / z.length;
            }
        }
        double b = norm.averagingBeta();
        for (int j = 0; j < mu.length; j++) {
            norm.runningMean()[j] = b * norm.runningMean()[j] + (1 - b) * mu[j];
            norm.runningVar()[j] = b * norm.runningVar()[j] + (1 - b) * var[j];
        }
        last = pass;
        return pass.out();
    }

    /** z = x W, before batch norm, at test time. Nothing modified. */
    double[][] preActivations(double[][] x) {
        return Affine.forward(x, w, null).out();
    }

    @Override
    public double[][] test(double[][] x, double[][] into) {
        double[][] z = Affine.forward(x, w, null).out();
        return Relu.forward(norm.forward(z, Mode.TEST).out(), into);
    }

    @Override
    public double[][] backward(double[][] dout) {
        String op = "Network.backward (your block)";
        Block.Gradients g = last.backward().apply(dout);
        if (g == null || g.dx() == null || g.dW() == null || g.dgamma() == null || g.dbeta() == null) {
            throw new IllegalStateException(op + ": the block's backward returned " + g + "; return new "
                    + "Block.Gradients(dx, dW, dgamma, dbeta), none of them null.");
        }
        requireShape(op, "its dx", g.dx(), dout.length, w.length);
        requireShape(op, "its dW", g.dW(), w.length, w[0].length);
        requireShape(op, "its dgamma", new double[][] {g.dgamma()}, 1, w[0].length);
        requireShape(op, "its dbeta", new double[][] {g.dbeta()}, 1, w[0].length);
        parameters.get(0).setGrad(g.dW());
        parameters.get(1).setGrad(g.dgamma());
        parameters.get(2).setGrad(g.dbeta());
        return g.dx();
    }

    private static void requireShape(String op, String what, double[][] a, int rows, int cols) {
        boolean ok = a.length == rows;
        for (int i = 0; ok && i < rows; i++) {
            ok = a[i] != null && a[i].length == cols;
        }
        if (!ok) {
            throw new IllegalStateException(op + ": " + what + " has shape " + Shapes.of(a) + "; it must have shape ("
                    + rows + ", " + cols + ").");
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Weights (fanIn, fanOut) drawn row by row from N(0, scale^2). */
    static double[][] weights(int fanIn, int fanOut, double scale, Random rng) {
        double[][] w = new double[fanIn][fanOut];
        for (double[] row : w) {
            for (int j = 0; j < fanOut; j++) {
                row[j] = rng.nextGaussian() * scale;
            }
        }
        return w;
    }
}
