package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.BackwardThroughGraph;
import deepnets.exercises.BatchNormForward;
import deepnets.exercises.BatchNormLayer;
import deepnets.exercises.RunningAverages;
import deepnets.exercises.SimplifiedBackward;
import deepnets.exercises.TestTimeNormalization;

/**
 * Batch normalization (Ioffe and Szegedy, 2015) over the rows of a mini-batch, one statistic per feature.
 *
 * <p>Training: {@code mu = (1/m) sum_i x_i}, {@code var = (1/m) sum_i (x_i - mu)^2},
 * {@code xhat = (x - mu) / sqrt(var + eps)}, {@code out = gamma * xhat + beta}, and the running averages
 * move towards the batch statistics: {@code running = b * running + (1 - b) * batch}. Test: the same formula
 * with the running averages in place of the batch statistics.
 *
 * <p>A batch of one example is allowed in training, but its variance is 0, so {@code xhat = 0} and the
 * output is exactly {@code beta}: nothing of the input gets through. Use batches of several examples.
 *
 * <p>An instance holds the learnable {@code gamma} and {@code beta} and the running averages; the static
 * functions are the pure maths, for teaching and for checks. {@link #backwardGraph} is the lesson ({@link BatchNormGraph}, one node of the
 * computational graph at a time); {@link #forwardTrain} and {@link #backwardSimplified} run the tuned
 * {@link BatchNormKernel} on checked arguments.
 *
 * <p>Notation as in the notebooks: a batch {@code x} has shape (m, n), m examples (rows) by n units (columns), the
 * lecture's {@code z^[l]} transposed; the rest of the library writes (N, D). {@code xhat} is the lecture's
 * {@code z_norm} (notebook 04's {@code zNorm}).
 *
 * <p>Taught in notebooks/solutions/04-batch-norm-forward.ipynb (forward), 05-batch-norm-backward.ipynb (backward)
 * and 06-batch-norm-test-time.ipynb (running averages and test time).
 */
public final class BatchNorm {

    /** Default {@code eps} added to the variance before the square root. */
    public static final double DEFAULT_EPS = 1e-5;
    /** Default weight {@code b} of the old value in the running averages. */
    public static final double DEFAULT_AVERAGING_BETA = 0.9;

    private final double[] gamma;
    private final double[] beta;
    private final double[] runningMean;
    private final double[] runningVar;
    private final double averagingBeta;
    private final double eps;

    /**
     * What backward needs from a training forward pass. Arrays are kept by reference; don't modify them.
     * The normalized input is not stored: {@link #xhat()} and the backward pass recompute it from x, mu and
     * invStd, which costs less than writing it in forward and reading it back in backward.
     *
     * @param x the input (m, n)
     * @param mu batch mean (n,)
     * @param var batch variance with 1/m (n,)
     * @param invStd {@code 1 / sqrt(var + eps)}, 0 where {@code var + eps = 0} (n,)
     * @param gamma the scale used (n,)
     * @param eps the eps used
     */
    public record Cache(double[][] x, double[] mu, double[] var, double[] invStd, double[] gamma, double eps) {

        /** The normalized input {@code xhat = (x - mu) invStd}, (m, n), as a new array on each call. */
        public double[][] xhat() {
            BatchNormChecks.cache("BatchNorm.Cache.xhat", this);
            double[][] xhat = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                double[] xi = x[i];
                double[] hi = new double[xi.length];
                for (int j = 0; j < xi.length; j++) {
                    hi[j] = (xi[j] - mu[j]) * invStd[j];
                }
                xhat[i] = hi;
            }
            // A cache built by hand may hold a NaN or infinity in x, or values whose xhat overflows.
            return Require.finiteResult("BatchNorm.Cache.xhat", xhat, Require.input("cache.x", x),
                    Require.input("cache.mu", mu), Require.input("cache.invStd", invStd));
        }
    }

    /** The output (m, n) and the cache (null after a {@link Mode#TEST} pass, which has no backward). */
    public record Forward(double[][] out, Cache cache) {
    }

    /** Gradients: dx (m, n), dgamma (n,), dbeta (n,). */
    public record Gradients(double[][] dx, double[] dgamma, double[] dbeta) {
    }

    /** A layer for {@code d} features with gamma = 1, beta = 0, running mean 0, running variance 1 and the defaults. */
    public BatchNorm(int d) {
        this(d, DEFAULT_AVERAGING_BETA, DEFAULT_EPS);
    }

    /**
     * A layer for {@code d} features with gamma = 1, beta = 0, running mean 0 and running variance 1.
     *
     * @param d number of features, at least 1
     * @param averagingBeta weight of the old value in the running averages, in [0, 1)
     * @param eps added to the variance, at least 0 (see {@link #forwardTrain} for eps = 0; at test time, eps = 0
     *     with a running variance of 0 is refused, since that feature cannot be normalized)
     */
    public BatchNorm(int d, double averagingBeta, double eps) {
        Require.positiveCount("BatchNorm", "d", d, "a layer needs at least one unit");
        Require.inHalfOpen("BatchNorm", "averagingBeta", averagingBeta, 0.0, 1.0, "the usual value is 0.9");
        Require.atLeast("BatchNorm", "eps", eps, 0.0, "the usual value is 1e-5");
        this.gamma = new double[d];
        this.beta = new double[d];
        this.runningMean = new double[d];
        this.runningVar = new double[d];
        java.util.Arrays.fill(gamma, 1.0);
        java.util.Arrays.fill(runningVar, 1.0);
        this.averagingBeta = averagingBeta;
        this.eps = eps;
    }

    /** Number of units n. */
    public int size() {
        return gamma.length;
    }

    /** The scale gamma (n,); the live array, which an optimizer modifies. */
    public double[] gamma() {
        return gamma;
    }

    /** The shift beta (n,); the live array, which an optimizer modifies. */
    public double[] beta() {
        return beta;
    }

    /** The running mean (n,); the live array. */
    public double[] runningMean() {
        return runningMean;
    }

    /** The running variance (n,); the live array. */
    public double[] runningVar() {
        return runningVar;
    }

    /** The weight of the old value in the running averages. */
    public double averagingBeta() {
        return averagingBeta;
    }

    /** The eps added to the variance. */
    public double eps() {
        return eps;
    }

    /**
     * Normalizes {@code x} (m, n) -&gt; (m, n). In {@link Mode#TRAIN} with the batch statistics, updating the
     * running averages (modified); in {@link Mode#TEST} with the running averages (not modified).
     *
     * @param x input (m, n); not modified
     * @param mode {@link Mode#TRAIN} or {@link Mode#TEST}; null is refused
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, RunningAverages.class, TestTimeNormalization.class,
            BatchNormBlock.class})
    public Forward forward(double[][] x, Mode mode) {
        EntryPoints.entered();
        return forward(x, mode, null);
    }

    /**
     * {@link #forward(double[][], Mode)} writing into the arrays of {@code reuse} where their shapes fit, so that
     * a training loop allocates nothing per batch (see {@link #forwardTrain(double[][], double[], double[], double,
     * Forward)}). In {@link Mode#TEST} only {@code reuse.out()} is used, and the cache is null.
     *
     * @param x input (m, n); not modified
     * @param reuse a result of an earlier call, or null; its arrays are modified (overwritten)
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, RunningAverages.class, TestTimeNormalization.class,
            BatchNormBlock.class})
    public Forward forward(double[][] x, Mode mode, Forward reuse) {
        EntryPoints.entered();
        if (mode == null) {
            throw new IllegalArgumentException("BatchNorm.forward: mode is null; pass Mode.TRAIN (batch statistics, "
                    + "updates the running averages) or Mode.TEST (running averages).");
        }
        if (mode == Mode.TRAIN) {
            Forward f = forwardTrain(x, gamma, beta, eps, reuse);
            updateRunning(runningMean, f.cache().mu(), averagingBeta);
            updateRunning(runningVar, f.cache().var(), averagingBeta);
            return f;
        }
        int d = BatchNormChecks.input("BatchNorm.forward", x, gamma, beta);
        double[][] out = Buffers.matrix("BatchNorm.forward", reuse == null ? null : reuse.out(), x, x.length, d);
        BatchNormChecks.running(runningMean, runningVar, eps, d);
        return new Forward(normalizeTest("BatchNorm.forward", x, gamma, beta, runningMean, runningVar, eps, out), null);
    }

    /**
     * Gradients of a training pass, by {@link #backwardSimplified}.
     *
     * @param dout upstream gradient (m, n); not modified
     * @param cache from a {@link Mode#TRAIN} forward; not modified
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    public Gradients backward(double[][] dout, Cache cache) {
        EntryPoints.entered();
        return backward(dout, cache, null);
    }

    /**
     * {@link #backward(double[][], Cache)} writing into the arrays of {@code reuse} where their shapes fit
     * (see {@link #backwardSimplified(double[][], Cache, Gradients)}).
     *
     * @param dout upstream gradient (m, n); not modified
     * @param cache from a {@link Mode#TRAIN} forward; not modified
     * @param reuse a result of an earlier call, or null; its arrays are modified (overwritten)
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    public Gradients backward(double[][] dout, Cache cache, Gradients reuse) {
        EntryPoints.entered();
        if (cache == null) {
            throw new IllegalArgumentException("BatchNorm.backward: cache is null; backward needs the cache of a "
                    + "forward pass in Mode.TRAIN (a Mode.TEST pass keeps none).");
        }
        return backwardSimplified(dout, cache, reuse);
    }

    /**
     * Training forward with batch statistics: {@code out = gamma (x - mu) / sqrt(var + eps) + beta}, (m, n) -&gt; (m, n).
     *
     * @param x input (m, n); not modified (kept by reference in the cache)
     * @param gamma scale (n,); not modified (kept by reference in the cache)
     * @param beta shift (n,); not modified
     * @param eps at least 0; with 0, a feature whose batch variance is 0 gets {@code invStd = 0}, so its xhat is 0
     *     (the limit as eps goes to 0) instead of 0 / 0
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, BatchNormBlock.class})
    public static Forward forwardTrain(double[][] x, double[] gamma, double[] beta, double eps) {
        EntryPoints.entered();
        return forwardTrain(x, gamma, beta, eps, null);
    }

    /**
     * {@link #forwardTrain(double[][], double[], double[], double)} writing its results into the arrays of
     * {@code reuse}, a result of an earlier call, instead of new ones: {@code out} if it has shape (m, n), and
     * {@code mu}, {@code var}, {@code invStd} of its cache if they have n entries. An array whose shape does not
     * fit is replaced by a new one (as after a smaller last batch), so use the returned record, not
     * {@code reuse}, and pass it to the next call. Only the two small records are new on every call.
     *
     * @param x input (m, n); not modified (kept by reference in the cache); must not be {@code reuse.out()}
     * @param gamma scale (n,); not modified (kept by reference in the cache)
     * @param beta shift (n,); not modified
     * @param eps at least 0; with 0, a feature whose batch variance is 0 gets {@code invStd = 0}, so its xhat is 0
     *     (the limit as eps goes to 0) instead of 0 / 0
     * @param reuse an earlier result whose arrays are modified (overwritten), or null to allocate new ones
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, BatchNormBlock.class})
    public static Forward forwardTrain(double[][] x, double[] gamma, double[] beta, double eps, Forward reuse) {
        EntryPoints.entered();
        String op = "BatchNorm.forwardTrain";
        BatchNormChecks.input(op, x, gamma, beta);
        Require.atLeast(op, "eps", eps, 0.0, "the usual value is 1e-5");
        // x is checked inside the kernel, from its column statistics (no extra pass over x).
        return BatchNormKernel.forwardTrain(op, x, gamma, beta, eps, reuse);
    }

    /**
     * Test-time forward: {@code out = gamma (x - runningMean) / sqrt(runningVar + eps) + beta}, (m, n) -&gt; (m, n).
     * Nothing is modified.
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, TestTimeNormalization.class})
    public static double[][] forwardTest(double[][] x, double[] gamma, double[] beta, double[] runningMean,
                                         double[] runningVar, double eps) {
        EntryPoints.entered();
        BatchNormChecks.input("BatchNorm.forwardTest", x, gamma, beta);
        BatchNormChecks.running(runningMean, runningVar, eps, gamma.length);
        return normalizeTest("BatchNorm.forwardTest", x, gamma, beta, runningMean, runningVar, eps,
                new double[x.length][]);
    }

    /** The kernel's test-time pass, with its output checked: one pass over it finds a NaN or infinity in x. */
    private static double[][] normalizeTest(String op, double[][] x, double[] gamma, double[] beta,
                                            double[] runningMean, double[] runningVar, double eps, double[][] out) {
        return Require.finiteResult(op, BatchNormKernel.normalizeTest(op, x, gamma, beta, runningMean, runningVar, eps,
                out), Require.input("x", x), Require.input("gamma", gamma), Require.input("beta", beta),
                Require.input("runningMean", runningMean), Require.input("runningVar", runningVar));
    }

    /**
     * Exponentially weighted average {@code running = b * running + (1 - b) * batch}, (n,).
     *
     * @param running finite; modified
     * @param batch finite; not modified
     * @param b weight of the old value, in [0, 1)
     */
    @Solves({BatchNormLayer.class, RunningAverages.class})
    public static void updateRunning(double[] running, double[] batch, double b) {
        EntryPoints.entered();
        Require.finite("BatchNorm.updateRunning", "running", running);
        Shapes.requireLength("BatchNorm.updateRunning", "batch", batch, running.length);
        Require.finite("BatchNorm.updateRunning", "batch", batch);
        Require.inHalfOpen("BatchNorm.updateRunning", "b", b, 0.0, 1.0, "the usual value is 0.9");
        for (int j = 0; j < running.length; j++) {
            running[j] = b * running[j] + (1.0 - b) * batch[j];
        }
    }

    /**
     * Backward through the computational graph, one node at a time ({@link BatchNormGraph}): (m, n) -&gt; dx (m, n),
     * dgamma, dbeta (n,). Slow and allocation-heavy on purpose: each step mirrors one node of the graph.
     *
     * @param dout upstream gradient (m, n); not modified
     * @param cache from {@link #forwardTrain}; not modified
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    public static Gradients backwardGraph(double[][] dout, Cache cache) {
        EntryPoints.entered();
        BatchNormChecks.gradient("BatchNorm.backwardGraph", dout, cache);
        return BatchNormGraph.backward(dout, cache);
    }

    /**
     * Backward in closed form: {@code dx = (1/m) invStd [m dxhat - sum_i dxhat - xhat sum_i (dxhat xhat)]}
     * with {@code dxhat = gamma dout}; {@code dgamma = sum_i dout xhat}, {@code dbeta = sum_i dout}.
     * Shapes (m, n) -&gt; dx (m, n), dgamma, dbeta (n,).
     *
     * @param dout upstream gradient (m, n); not modified
     * @param cache from {@link #forwardTrain}; not modified
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    public static Gradients backwardSimplified(double[][] dout, Cache cache) {
        EntryPoints.entered();
        return backwardSimplified(dout, cache, null);
    }

    /**
     * {@link #backwardSimplified(double[][], Cache)} writing its results into the arrays of {@code reuse}, a result
     * of an earlier call, instead of new ones: {@code dx} if it has shape (m, n), {@code dgamma} and {@code dbeta}
     * if they have n entries. An array whose shape does not fit is replaced by a new one, so use the returned
     * record. {@code reuse.dx()} may be {@code dout} itself (dx then overwrites dout), but no other array of the
     * cache. Besides the record, only two (n,) scratch arrays are new on every call.
     *
     * @param dout upstream gradient (m, n); not modified unless it is {@code reuse.dx()}
     * @param cache from {@link #forwardTrain}; not modified
     * @param reuse an earlier result whose arrays are modified (overwritten), or null to allocate new ones
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    public static Gradients backwardSimplified(double[][] dout, Cache cache, Gradients reuse) {
        EntryPoints.entered();
        String op = "BatchNorm.backwardSimplified";
        BatchNormChecks.gradient(op, dout, cache);
        // dout is checked inside the kernel, from dbeta and dgamma (no extra pass over dout), and so is dx.
        return BatchNormKernel.backwardSimplified(op, dout, cache, reuse);
    }
}
