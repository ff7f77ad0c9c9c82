package deepnets.net;

import deepnets.core.Matrices;
import deepnets.core.Shapes;
import deepnets.layers.Affine;
import deepnets.layers.BatchNorm;
import deepnets.layers.Mode;
import deepnets.layers.Relu;
import deepnets.layers.SoftmaxCrossEntropy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fully connected classifier. Each hidden layer is {@code Affine -> BatchNorm (optional) -> ReLU}; the output
 * layer is an Affine layer whose logits go through softmax. With batch norm a hidden layer has no bias, since
 * beta plays its role. Weights use He initialization, {@code W ~ N(0, 2 / fanIn)}, from the builder's seed.
 *
 * <p>Parameters are named as in the course: {@code W1, b1, gamma1, beta1, ..., WL, bL}.
 */
public final class Network {

    private final int inputSize;
    private final int classes;
    private final double[][][] weights;
    private final double[][] biases;
    private final BatchNorm[] norms;
    private final List<Parameter> parameters;
    private final Parameter[] weightParams;
    private final Parameter[] biasParams;
    private final Parameter[] gammaParams;
    private final Parameter[] betaParams;

    private Affine.Cache[] affineCaches;
    private BatchNorm.Cache[] normCaches;
    private double[][][] reluInputs;

    /** Loss and accuracy of a data set, computed in one forward pass. */
    public record Evaluation(double loss, double accuracy) {
    }

    private Network(Builder b) {
        this.inputSize = b.inputSize;
        this.classes = b.classes;
        int hidden = b.hiddenSizes.length;
        this.weights = new double[hidden + 1][][];
        this.biases = new double[hidden + 1][];
        this.norms = new BatchNorm[hidden];
        this.weightParams = new Parameter[hidden + 1];
        this.biasParams = new Parameter[hidden + 1];
        this.gammaParams = new Parameter[hidden];
        this.betaParams = new Parameter[hidden];
        List<Parameter> params = new ArrayList<>();
        Random rng = new Random(b.seed);
        int fanIn = inputSize;
        for (int l = 0; l <= hidden; l++) {
            int fanOut = l < hidden ? b.hiddenSizes[l] : classes;
            double scale = Math.sqrt(2.0 / fanIn);
            double[][] w = new double[fanIn][fanOut];
            for (double[] row : w) {
                for (int j = 0; j < fanOut; j++) {
                    row[j] = rng.nextGaussian() * scale;
                }
            }
            weights[l] = w;
            weightParams[l] = new Parameter("W" + (l + 1), w);
            params.add(weightParams[l]);
            boolean normalized = l < hidden && b.batchNorm[l];
            if (normalized) {
                norms[l] = new BatchNorm(fanOut);
                gammaParams[l] = new Parameter("gamma" + (l + 1), new double[][] {norms[l].gamma()});
                betaParams[l] = new Parameter("beta" + (l + 1), new double[][] {norms[l].beta()});
                params.add(gammaParams[l]);
                params.add(betaParams[l]);
            } else {
                biases[l] = new double[fanOut];
                biasParams[l] = new Parameter("b" + (l + 1), new double[][] {biases[l]});
                params.add(biasParams[l]);
            }
            fanIn = fanOut;
        }
        this.parameters = Collections.unmodifiableList(params);
    }

    /** A builder; input size, hidden sizes and number of classes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of input features D. */
    public int inputSize() {
        return inputSize;
    }

    /** Number of classes C. */
    public int classes() {
        return classes;
    }

    /** Number of hidden layers. */
    public int hiddenLayers() {
        return norms.length;
    }

    /** The batch-norm layer of hidden layer {@code layerIndex} (0-based), or null if it has none. */
    public BatchNorm batchNorm(int layerIndex) {
        requireLayer("Network.batchNorm", layerIndex);
        return norms[layerIndex];
    }

    /** All learnable parameters in layer order; their values are live and their gradients come from {@link #backward}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The logits {@code z_L}, (N, D) -&gt; (N, C). In {@link Mode#TRAIN} batch norm uses batch statistics and updates
     * its running averages (modified), and the caches for {@link #backward} are kept; in {@link Mode#TEST} nothing
     * is modified.
     *
     * @param x inputs (N, D), finite; not modified
     */
    public double[][] forward(double[][] x, Mode mode) {
        return forward(x, mode, null);
    }

    private double[][] forward(double[][] x, Mode mode, Workspace workspace) {
        requireInput("Network.forward", x);
        boolean train = mode == Mode.TRAIN;
        int hidden = norms.length;
        Affine.Cache[] aCaches = new Affine.Cache[hidden + 1];
        BatchNorm.Cache[] nCaches = new BatchNorm.Cache[hidden];
        double[][][] rIn = new double[hidden][][];
        double[][] a = x;
        for (int l = 0; l < hidden; l++) {
            Affine.Forward f = Affine.forward(a, weights[l], biases[l]);
            aCaches[l] = f.cache();
            double[][] z = f.out();
            if (norms[l] != null) {
                BatchNorm.Forward bf = norms[l].forward(z, mode, workspace == null ? null : workspace.norms[l]);
                if (workspace != null) {
                    workspace.norms[l] = bf;
                }
                nCaches[l] = bf.cache();
                z = bf.out();
            }
            rIn[l] = z;
            a = Relu.forward(z);
        }
        Affine.Forward out = Affine.forward(a, weights[hidden], biases[hidden]);
        aCaches[hidden] = out.cache();
        if (train) {
            affineCaches = aCaches;
            normCaches = nCaches;
            reluInputs = rIn;
        } else {
            affineCaches = null;
        }
        return out.out();
    }

    /**
     * Backpropagates {@code dlogits} (N, C) through the last {@link Mode#TRAIN} forward pass and stores each
     * parameter's gradient in {@link Parameter#grad()} (modified). Parameter values are not modified.
     *
     * @param dlogits gradient of the loss with respect to the logits (N, C); not modified
     */
    public void backward(double[][] dlogits) {
        backward(dlogits, null);
    }

    private void backward(double[][] dlogits, Workspace workspace) {
        if (affineCaches == null) {
            throw new IllegalStateException("Network.backward: no forward pass in Mode.TRAIN to backpropagate through; "
                    + "call forward(x, Mode.TRAIN) first (a Mode.TEST pass keeps no caches).");
        }
        int hidden = norms.length;
        Affine.Gradients g = Affine.backward(dlogits, affineCaches[hidden]);
        setAffineGrads(hidden, g);
        double[][] da = g.dx();
        for (int l = hidden - 1; l >= 0; l--) {
            double[][] dz = Relu.backward(da, reluInputs[l]);
            if (norms[l] != null) {
                BatchNorm.Gradients reuse = null;
                if (workspace != null) {
                    BatchNorm.Gradients last = workspace.normGrads[l];
                    // dz is this step's own new array, so batch norm may write dx over it.
                    reuse = new BatchNorm.Gradients(dz, last == null ? null : last.dgamma(),
                            last == null ? null : last.dbeta());
                }
                BatchNorm.Gradients bg = norms[l].backward(dz, normCaches[l], reuse);
                if (workspace != null) {
                    workspace.normGrads[l] = bg;
                }
                setRowGrad(gammaParams[l], bg.dgamma());
                setRowGrad(betaParams[l], bg.dbeta());
                dz = bg.dx();
            }
            g = Affine.backward(dz, affineCaches[l]);
            setAffineGrads(l, g);
            da = g.dx();
        }
    }

    /** Points a (1, D) parameter's gradient at {@code row}, wrapping it only if it is not already there. */
    private static void setRowGrad(Parameter p, double[] row) {
        if (p.grad()[0] != row) {
            p.setGrad(new double[][] {row});
        }
    }

    private void setAffineGrads(int l, Affine.Gradients g) {
        weightParams[l].setGrad(g.dW());
        if (biasParams[l] != null) {
            biasParams[l].setGrad(new double[][] {g.db()});
        }
    }

    /**
     * One training pass on a mini-batch: forward in {@link Mode#TRAIN}, softmax cross-entropy, backward.
     * Gradients are stored in the parameters and batch-norm running averages are updated (modified).
     *
     * @param x inputs (N, D); not modified
     * @param labels classes (N,) in [0, C); not modified
     * @return the mini-batch loss before any update
     */
    public double computeGradients(double[][] x, int[] labels) {
        SoftmaxCrossEntropy.Forward f = SoftmaxCrossEntropy.forward(forward(x, Mode.TRAIN), labels);
        backward(SoftmaxCrossEntropy.backward(f.cache()));
        return f.loss();
    }

    /**
     * {@link #computeGradients(double[][], int[])} with the batch-norm and softmax results written into the
     * buffers of {@code workspace} instead of new arrays, as {@link Trainer} does for every mini-batch. The
     * gradients of gamma and beta in {@link Parameter#grad()} are then workspace arrays, which the next call with
     * the same workspace overwrites. Loss and gradients are identical to those of the allocating method.
     *
     * @param x inputs (N, D); not modified
     * @param labels classes (N,) in [0, C); not modified
     * @param workspace from {@link #newWorkspace()} of this network; modified
     * @return the mini-batch loss before any update
     */
    public double computeGradients(double[][] x, int[] labels, Workspace workspace) {
        if (workspace == null || workspace.owner != this) {
            throw new IllegalArgumentException("Network.computeGradients: the workspace is "
                    + (workspace == null ? "null" : "another network's")
                    + "; create it with newWorkspace() of this network.");
        }
        SoftmaxCrossEntropy.Forward f = SoftmaxCrossEntropy.forward(forward(x, Mode.TRAIN, workspace), labels,
                workspace.loss);
        workspace.loss = f;
        // The probabilities are not needed after the loss, so the gradient overwrites them (as NumPy code does).
        backward(SoftmaxCrossEntropy.backward(f.cache(), f.probs()), workspace);
        return f.loss();
    }

    /** Empty buffers for {@link #computeGradients(double[][], int[], Workspace)}, filled by its first call. */
    public Workspace newWorkspace() {
        return new Workspace(this);
    }

    /**
     * The arrays that {@link #computeGradients(double[][], int[], Workspace)} reuses from one mini-batch to the next:
     * batch norm's outputs, statistics and gradients, and the softmax probabilities, which their gradient overwrites. Arrays are
     * replaced when the batch size changes (as for a smaller last batch). Opaque on purpose: use one workspace per
     * training loop and read results through the network and its parameters.
     */
    public static final class Workspace {
        private final Network owner;
        private final BatchNorm.Forward[] norms;
        private final BatchNorm.Gradients[] normGrads;
        private SoftmaxCrossEntropy.Forward loss;

        private Workspace(Network owner) {
            this.owner = owner;
            this.norms = new BatchNorm.Forward[owner.norms.length];
            this.normGrads = new BatchNorm.Gradients[owner.norms.length];
        }
    }

    /** Mean cross-entropy at test time, {@code -(1/N) sum_i log yhat[i][y_i]}, (N, D) -&gt; scalar. Nothing modified. */
    public double loss(double[][] x, int[] labels) {
        return evaluate(x, labels).loss();
    }

    /** Predicted classes {@code argmax_c z_ic} at test time, (N, D) -&gt; (N,). Nothing modified. */
    public int[] predict(double[][] x) {
        return Matrices.argmaxRows(forward(x, Mode.TEST));
    }

    /** Fraction of correct predictions at test time, in [0, 1]. Nothing modified. */
    public double accuracy(double[][] x, int[] labels) {
        return evaluate(x, labels).accuracy();
    }

    /** Test-time loss and accuracy from one forward pass. Nothing modified. */
    public Evaluation evaluate(double[][] x, int[] labels) {
        double[][] logits = forward(x, Mode.TEST);
        double loss = SoftmaxCrossEntropy.forward(logits, labels).loss();
        int[] predicted = Matrices.argmaxRows(logits);
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return new Evaluation(loss, (double) correct / labels.length);
    }

    /**
     * The pre-activations {@code z = a W (+ b)} of hidden layer {@code layerIndex} (0-based), before batch norm,
     * at test time: (N, D) -&gt; (N, H). Useful for a histogram. Nothing modified.
     */
    public double[][] hiddenPreActivations(double[][] x, int layerIndex) {
        requireInput("Network.hiddenPreActivations", x);
        requireLayer("Network.hiddenPreActivations", layerIndex);
        double[][] a = x;
        for (int l = 0; ; l++) {
            double[][] z = Affine.forward(a, weights[l], biases[l]).out();
            if (l == layerIndex) {
                return z;
            }
            if (norms[l] != null) {
                z = norms[l].forward(z, Mode.TEST).out();
            }
            a = Relu.forward(z);
        }
    }

    private void requireInput(String op, double[][] x) {
        int d = Shapes.requireMatrix(op, "x", x);
        if (d != inputSize) {
            throw new IllegalArgumentException(op + ": x has shape " + Shapes.of(x) + " but the network expects "
                    + inputSize + " features per example, shape (N, " + inputSize + ").");
        }
        Shapes.requireFinite(op, "x", x);
    }

    private void requireLayer(String op, int layerIndex) {
        if (layerIndex < 0 || layerIndex >= norms.length) {
            throw new IllegalArgumentException(op + ": layerIndex = " + layerIndex + " but the network has "
                    + norms.length + " hidden layers; use 0 to " + (norms.length - 1) + ".");
        }
    }

    /** Collects the architecture; {@link #build()} validates it. */
    public static final class Builder {
        private int inputSize = -1;
        private int[] hiddenSizes;
        private int classes = -1;
        private boolean[] batchNorm;
        private boolean batchNormAll;
        private long seed;

        private Builder() {
        }

        /** Number of input features D &gt;= 1. */
        public Builder inputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /** Units of each hidden layer, each &gt;= 1; none for softmax regression. */
        public Builder hiddenSizes(int... hiddenSizes) {
            this.hiddenSizes = hiddenSizes.clone();
            return this;
        }

        /** Number of classes C &gt;= 2. */
        public Builder classes(int classes) {
            this.classes = classes;
            return this;
        }

        /** Batch norm on every hidden layer, or on none. Default: none. */
        public Builder batchNorm(boolean on) {
            this.batchNormAll = on;
            this.batchNorm = null;
            return this;
        }

        /** Batch norm per hidden layer; one entry per hidden layer. */
        public Builder batchNorm(boolean... perLayer) {
            this.batchNorm = perLayer.clone();
            return this;
        }

        /** Seed of the He initialization. Default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The network, with validated sizes. */
        public Network build() {
            if (inputSize < 1) {
                throw new IllegalArgumentException("Network.builder: inputSize = " + inputSize
                        + "; set inputSize(D) with D >= 1, the number of features.");
            }
            if (classes < 2) {
                throw new IllegalArgumentException("Network.builder: classes = " + classes
                        + "; set classes(C) with C >= 2.");
            }
            if (hiddenSizes == null) {
                throw new IllegalArgumentException("Network.builder: hiddenSizes not set; call hiddenSizes(64) "
                        + "or hiddenSizes() for no hidden layer.");
            }
            for (int l = 0; l < hiddenSizes.length; l++) {
                if (hiddenSizes[l] < 1) {
                    throw new IllegalArgumentException("Network.builder: hiddenSizes[" + l + "] = " + hiddenSizes[l]
                            + " in " + Arrays.toString(hiddenSizes) + "; every hidden layer needs at least one unit.");
                }
            }
            if (batchNorm == null) {
                batchNorm = new boolean[hiddenSizes.length];
                Arrays.fill(batchNorm, batchNormAll);
            } else if (batchNorm.length != hiddenSizes.length) {
                throw new IllegalArgumentException("Network.builder: batchNorm has " + batchNorm.length
                        + " entries but there are " + hiddenSizes.length + " hidden layers "
                        + Arrays.toString(hiddenSizes) + "; give one entry per hidden layer.");
            }
            return new Network(this);
        }
    }
}
