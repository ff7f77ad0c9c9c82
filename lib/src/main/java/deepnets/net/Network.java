package deepnets.net;

import deepnets.core.Matrices;
import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.layers.BatchNorm;
import deepnets.layers.Mode;
import deepnets.layers.SoftmaxCrossEntropy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A fully connected classifier: a list of {@link Layer}s, each owning its parameters and its cache. Each hidden
 * layer is {@code Affine -> BatchNorm (optional) -> ReLU}; the output layer is an Affine layer whose logits go
 * through softmax. With batch norm a hidden layer has no bias, since beta plays its role. Weights use He
 * initialization, {@code W ~ N(0, 2 / fanIn)}, from the builder's seed.
 *
 * <p>Parameters are named as in the course: {@code W1, b1, gamma1, beta1, ..., WL, bL}; {@link #parameters()}
 * collects them from the layers in that order.
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb; trained in 03-pandas-vs-caviar.ipynb,
 * 06-batch-norm-test-time.ipynb and 08-putting-it-together.ipynb.
 */
public final class Network {


    private final int inputSize;
    private final int classes;
    private final List<Layer> layers = new ArrayList<>();
    /** Per hidden layer: the index in {@link #layers} of its Affine layer. */
    private final int[] hiddenStart;
    /** Per hidden layer: its batch norm, or null. */
    private final NormLayer[] norms;
    /** Per hidden layer: the block written outside the library that computes it ({@link Builder#block}), or null. */
    private final BlockLayer[] blocks;
    private final List<Parameter> parameters;
    /** Whether the last forward pass was in {@link Mode#TRAIN}, so that the layers' caches fit it. */
    private boolean trained;

    /** Loss and accuracy of a data set, computed in one forward pass. */
    public record Evaluation(double loss, double accuracy) {
    }

    private Network(Builder b) {
        this.inputSize = b.inputSize;
        this.classes = b.classes;
        int hidden = b.hiddenSizes.length;
        this.hiddenStart = new int[hidden];
        this.norms = new NormLayer[hidden];
        this.blocks = new BlockLayer[hidden];
        Random rng = new Random(b.seed);
        int fanIn = inputSize;
        for (int l = 0; l <= hidden; l++) {
            int fanOut = l < hidden ? b.hiddenSizes[l] : classes;
            boolean normalized = l < hidden && b.batchNorm[l];
            double scale = Double.isNaN(b.weightScale) || l == hidden ? Math.sqrt(2.0 / fanIn) : b.weightScale;
            if (l < hidden) {
                hiddenStart[l] = layers.size();
            }
            if (l < hidden && b.block != null) {
                blocks[l] = new BlockLayer(b.block, l + 1, BlockLayer.weights(fanIn, fanOut, scale, rng));
                layers.add(blocks[l]);
                fanIn = fanOut;
                continue;
            }
            layers.add(new AffineLayer(l + 1, fanIn, fanOut, !normalized, l == hidden, scale, rng));
            if (normalized) {
                norms[l] = new NormLayer(l + 1, fanOut);
                layers.add(norms[l]);
            }
            if (l < hidden) {
                layers.add(new ReluLayer());
            }
            fanIn = fanOut;
        }
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : layers) {
            params.addAll(layer.parameters());
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
        return blocks[layerIndex] != null ? blocks[layerIndex].norm()
                : norms[layerIndex] == null ? null : norms[layerIndex].norm();
    }

    /** All learnable parameters in layer order; their values are live and their gradients come from {@link #backward}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameter called {@code name}, e.g. {@code "W1"} or {@code "gamma2"}.
     *
     * @throws IllegalArgumentException listing the names this network has
     */
    public Parameter parameter(String name) {
        for (Parameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        for (Parameter p : parameters) {
            names.add(p.name());
        }
        throw new IllegalArgumentException("Network.parameter: no parameter called \"" + name + "\"; this network has "
                + names + ".");
    }

    /** The parameters with their shapes, in layer order: {@code "W1 (64, 32)  gamma1 (1, 32)  beta1 (1, 32)  ..."}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (Parameter p : parameters) {
            s.append(s.length() == 0 ? "" : "  ").append(p);
        }
        return s.toString();
    }

    /**
     * The logits {@code z_L}, (N, D) -&gt; (N, C). In {@link Mode#TRAIN} batch norm uses batch statistics and updates
     * its running averages (modified), and the caches for {@link #backward} are kept; in {@link Mode#TEST} nothing
     * is modified.
     *
     * @param x inputs (N, D), finite; not modified
     */
    public double[][] forward(double[][] x, Mode mode) {
        requireInput("Network.forward", x);
        Require.notNull("Network.forward", "mode", mode);
        try {
            if (mode == Mode.TEST) {
                return TestPass.run(layers, x);
            }
            double[][] a = x;
            for (Layer layer : layers) {
                a = layer.forward(a, mode);
            }
            // A test pass keeps the layers' caches, so backward still fits the last training pass.
            trained = true;
            return a;
        } catch (NonFiniteException refused) {
            // x is finite (checked above): the parameters hold a NaN or infinity, or a layer's result overflowed.
            throw NonFiniteException.in("Network.forward", refused);
        }
    }

    /**
     * Backpropagates {@code dlogits} (N, C) through the last {@link Mode#TRAIN} forward pass and stores each
     * parameter's gradient in {@link Parameter#grad()} (modified). Parameter values are not modified.
     *
     * @param dlogits gradient of the loss with respect to the logits (N, C); not modified
     */
    public void backward(double[][] dlogits) {
        if (!trained) {
            throw new IllegalStateException("Network.backward: no forward pass in Mode.TRAIN to backpropagate through; "
                    + "call forward(x, Mode.TRAIN) first (a Mode.TEST pass keeps no caches).");
        }
        double[][] d = dlogits;
        try {
            for (int i = layers.size() - 1; i >= 0; i--) {
                d = layers.get(i).backward(d);
            }
        } catch (NonFiniteException refused) {
            throw NonFiniteException.in("Network.backward", refused);
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
        Shapes.requireMatrix("Network.computeGradients", "x", x);
        // Before the forward pass, which moves the batch-norm running averages.
        Require.labels("Network.computeGradients", "labels", labels, x.length, classes);
        double[][] logits = forward(x, Mode.TRAIN);
        SoftmaxCrossEntropy.Forward f;
        try {
            f = SoftmaxCrossEntropy.forward(logits, labels);
        } catch (NonFiniteException refused) {
            throw NonFiniteException.in("Network.computeGradients", refused);
        }
        backward(SoftmaxCrossEntropy.backward(f.cache()));
        return f.loss();
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
        Shapes.requireMatrix("Network.evaluate", "x", x);
        Require.labels("Network.evaluate", "labels", labels, x.length, classes);
        double[][] logits = forward(x, Mode.TEST);
        double loss;
        try {
            loss = SoftmaxCrossEntropy.forward(logits, labels).loss();
        } catch (NonFiniteException refused) {
            throw NonFiniteException.in("Network.evaluate", refused);
        }
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
        try {
            for (int i = 0; ; i++) {
                if (i == hiddenStart[layerIndex] && blocks[layerIndex] != null) {
                    return blocks[layerIndex].preActivations(a);
                }
                a = layers.get(i).forward(a, Mode.TEST);
                if (i == hiddenStart[layerIndex]) {
                    return a;
                }
            }
        } catch (NonFiniteException refused) {
            throw NonFiniteException.in("Network.hiddenPreActivations", refused);
        }
    }

    private void requireInput(String op, double[][] x) {
        int d = Shapes.requireMatrix(op, "x", x);
        if (d != inputSize) {
            throw new IllegalArgumentException(op + ": x has shape " + Shapes.of(x) + " but the network expects "
                    + inputSize + " features per example, shape (N, " + inputSize + ").");
        }
        Require.finite(op, "x", x);
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
        private double weightScale = Double.NaN;
        private Block block;

        private Builder() {
        }

        /** Number of input features D &gt;= 1. */
        public Builder inputSize(int inputSize) {
            this.inputSize = inputSize;
            return this;
        }

        /** Units of each hidden layer, each &gt;= 1; none for softmax regression. */
        public Builder hiddenSizes(int... hiddenSizes) {
            this.hiddenSizes = Require.notNull("Network.builder.hiddenSizes", "hiddenSizes", hiddenSizes).clone();
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
            this.batchNorm = Require.notNull("Network.builder.batchNorm", "perLayer", perLayer).clone();
            return this;
        }

        /**
         * Every hidden layer computed by {@code block} ({@code affine -> batch norm -> ReLU}, written outside the
         * library, e.g. in a notebook), instead of the library's layers; it implies batch norm on every hidden layer.
         * The network keeps the running averages for test time itself. Default: the library's layers.
         */
        public Builder block(Block block) {
            this.block = Require.notNull("Network.builder.block", "block", block);
            return this;
        }

        /**
         * Initial weights {@code W ~ N(0, scale^2)} in every hidden layer, instead of He's {@code N(0, 2 / fanIn)},
         * for experiments with the initial scale; the output layer keeps He's. Finite and &gt; 0.
         */
        public Builder weightScale(double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("Network.builder.weightScale: scale = " + scale + "; give a finite "
                        + "standard deviation > 0 for the initial weights, e.g. 0.01.");
            }
            this.weightScale = scale;
            return this;
        }

        /** Seed of the He initialization. Default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The network, with validated sizes: at most {@link Require#MAX_ENTRIES} parameters in all (a larger
         * architecture is refused before anything is allocated).
         */
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
            long entries = 0;
            long fanIn = inputSize;
            for (int l = 0; l <= hiddenSizes.length; l++) {
                long fanOut = l < hiddenSizes.length ? hiddenSizes[l] : classes;
                entries += fanIn * fanOut + 3 * fanOut;
                fanIn = fanOut;
            }
            Require.size("Network.builder", "the number of parameters (sum of fanIn x fanOut over the layers)",
                    entries, Require.MAX_ENTRIES);
            if (batchNorm == null) {
                batchNorm = new boolean[hiddenSizes.length];
                Arrays.fill(batchNorm, batchNormAll);
            } else if (block != null) {
                throw new IllegalArgumentException("Network.builder: both block(...) and batchNorm(per layer) are set; "
                        + "a block is batch norm on every hidden layer, so leave batchNorm out.");
            } else if (batchNorm.length != hiddenSizes.length) {
                throw new IllegalArgumentException("Network.builder: batchNorm has " + batchNorm.length
                        + " entries but there are " + hiddenSizes.length + " hidden layers "
                        + Arrays.toString(hiddenSizes) + "; give one entry per hidden layer.");
            }
            return new Network(this);
        }
    }
}
