package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Halves;
import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Solves;
import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.BackwardThroughGraph;
import deepnets.exercises.BatchNormForward;
import deepnets.exercises.BatchNormLayer;
import deepnets.exercises.SimplifiedBackward;
import deepnets.exercises.TestTimeNormalization;
import java.util.Arrays;

/**
 * The tuned kernel behind {@link BatchNorm}: the same formulas as its Javadoc, fused into few passes over memory,
 * writing into reused arrays where the caller passes them. Arguments are checked by {@code BatchNorm} before they
 * get here, except the values of x and dout, which the passes check (below). The readable versions are {@link BatchNorm#backwardGraph} (one node of the graph at a time) and the
 * notebooks' own loops; the tests check this kernel against both and against numeric gradients, and
 * {@code bench/} measures it ({@code make bench}).
 *
 * <p>Shapes as in the notebooks: m examples (rows), n units (columns).
 *
 * <p>Passes over memory: forward reads x twice (the statistics, then the normalization) and writes out; backward
 * reads dout and x twice (dbeta and dgamma, then dx) and writes dx. The checks of x, dout and dx ride along: a NaN
 * or infinity in x shows in its column's mean or variance, one in dout in dbeta, and one in dx in a column sum of
 * {@code 0 * dx}; only then is the array scanned to name the first bad entry. Measured and rejected (docs/benchmarks.md):
 * blocks of columns that stay in the L2 cache between the passes, so that each array is read once per direction.
 * Each row then gives a short piece to each block (256 bytes at (4096, 512)), and short pieces are slow here: a
 * column sum over pieces of 32 to 64 columns ran 2 to 4 times slower per byte than over whole rows, both from
 * memory and from the cache, and the whole step ran 1.1 to 5 times slower.
 *
 * <p>Behind {@code BatchNorm}, taught in notebooks/solutions/04, 05 and 06; no notebook uses it directly.
 */
final class BatchNormKernel {

    /** Bytes per block of rows of {@link #statistics}: it stays in the L2 cache while it is read twice. */
    private static final int BLOCK_BYTES = 256 * 1024;
    /**
     * From this many entries (4 MB of doubles) on, each pass runs in two halves on two cores: the column sums split
     * by columns and the element-wise passes by rows, so every entry is computed as on one core, bit for bit.
     * Below it the arrays stay in the caches and the hand-off costs more than the second core saves: at
     * (256, 1024), 2^18 entries, two cores took 1.04 ms against 0.81 ms on one (make bench, 2026-12-02). The
     * course's own mini-batches are far below.
     */
    private static final long PARALLEL_ENTRIES = 1L << 19;

    private BatchNormKernel() {
    }

    /** {@link BatchNorm#forwardTrain(double[][], double[], double[], double, BatchNorm.Forward)} on checked arguments. */
    @Solves({BatchNormForward.class, BatchNormLayer.class, BatchNormBlock.class})
    static BatchNorm.Forward forwardTrain(String op, double[][] x, double[] gamma, double[] beta, double eps,
                                          BatchNorm.Forward reuse) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        int d = gamma.length;
        int m = x.length;
        BatchNorm.Cache old = reuse == null ? null : reuse.cache();
        double[] mu = Buffers.vector(old == null ? null : old.mu(), d);
        double[] var = Buffers.vector(old == null ? null : old.var(), d);
        double[] invStd = Buffers.vector(old == null ? null : old.invStd(), d);
        double[][] out = Buffers.matrix(op, reuse == null ? null : reuse.out(), x, m, d);
        boolean parallel = (long) m * d >= PARALLEL_ENTRIES;
        if (parallel) {
            Halves.run(d, (from, to) -> statistics(x, mu, var, invStd, from, to));
        } else {
            statistics(x, mu, var, invStd, 0, d);
        }
        for (int j = 0; j < d; j++) {
            var[j] /= m;
            // eps = 0 on a feature constant in the batch: xhat = 0 (the limit as eps goes to 0), not 0 / 0.
            invStd[j] = var[j] + eps > 0.0 ? 1.0 / Math.sqrt(var[j] + eps) : 0.0;
        }
        // A NaN or infinity in x reaches mu or var: the check of x costs O(n) here instead of a pass over x. With
        // x finite, a NaN or infinity there means the sums overflowed, and the message says so.
        Require.finiteResult(op, mu, Require.input("x", x));
        Require.finiteResult(op, var, Require.input("x", x));
        requireRepresentable(op, x, gamma, beta, var, eps);
        // Ascending rows: last rows first, to use what statistics() left in the cache, measured slower.
        // The loops are plain static methods, called directly on one core: run through a lambda they measured
        // 25% slower at (256, 1024).
        if (parallel) {
            Halves.run(m, (from, to) -> normalizeRows(x, gamma, beta, mu, invStd, out, from, to));
        } else {
            normalizeRows(x, gamma, beta, mu, invStd, out, 0, m);
        }
        return new BatchNorm.Forward(out, new BatchNorm.Cache(x, mu, var, invStd, gamma, eps));
    }

    /**
     * Refuses, before anything is written, a training pass whose result double precision cannot hold: with
     * eps = 0, a feature whose variance underflowed to 0 although its values differ (its xhat would be +-1, not
     * the 0 of a constant feature), and an output {@code gamma xhat + beta} that could overflow. The latter
     * costs no pass over x: the variance is taken with 1/m, so {@code |xhat| <= sqrt(m - 1)}, and
     * {@code |gamma| (sqrt(m) + 1) + |beta|} bounds every output of feature j.
     */
    private static void requireRepresentable(String op, double[][] x, double[] gamma, double[] beta, double[] var,
                                             double eps) {
        int m = x.length;
        double bound = Math.sqrt(m) + 1.0;
        for (int j = 0; j < gamma.length; j++) {
            if (var[j] + eps == 0.0) {
                for (int i = 1; i < m; i++) {
                    if (x[i][j] != x[0][j]) {
                        throw new NonFiniteException(op + ": the variance of feature " + j + " underflowed to 0 although"
                                + " its values differ (x[0][" + j + "] = " + x[0][j] + ", x[" + i + "][" + j + "] = "
                                + x[i][j] + "), so with eps = 0 it cannot be normalized; scale x up or use eps > 0, "
                                + "e.g. 1e-5.");
                    }
                }
            }
            if (!(Math.abs(gamma[j]) * bound + Math.abs(beta[j]) <= Double.MAX_VALUE)) {
                throw new NonFiniteException(op + ": the output of feature " + j + " can overflow: gamma[" + j + "] = "
                        + gamma[j] + " and beta[" + j + "] = " + beta[j] + " are too large for a batch of " + m
                        + " rows (|gamma| sqrt(m) + |beta| must stay below 1.8e308); scale them down (did an earlier "
                        + "step diverge?).");
            }
        }
    }

    /** Rows {@code [from, to)} of {@code out = gamma xhat + beta}; a null row is allocated just before it is written. */
    private static void normalizeRows(double[][] x, double[] gamma, double[] beta, double[] mu, double[] invStd,
                                      double[][] out, int from, int to) {
        int d = gamma.length;
        for (int i = from; i < to; i++) {
            double[] xi = x[i];
            double[] oi = out[i] != null ? out[i] : (out[i] = new double[d]);
            for (int j = 0; j < d; j++) {
                oi[j] = gamma[j] * ((xi[j] - mu[j]) * invStd[j]) + beta[j];
            }
        }
    }

    /**
     * The column means into {@code mu} and the sums of squared deviations into {@code m2} (both modified), reading
     * x from memory once: each block of rows gets its own two-pass mean and squared deviations (the second pass hits
     * the cache), and blocks are merged with Chan et al.'s update, {@code M2 += M2_B + delta^2 n_A n_B / n}. Unlike
     * {@code E[x^2] - mu^2} this stays accurate for features with a large mean. With one block (m D 8 bytes up to
     * 256 KB) it is exactly the textbook two-pass computation. {@code blockMean} (D,) is scratch, modified.
     */
    private static void statistics(double[][] x, double[] mu, double[] m2, double[] blockMean, int from, int to) {
        int d = mu.length;
        int m = x.length;
        int rows = Math.max(1, BLOCK_BYTES / (8 * d));
        Arrays.fill(mu, from, to, 0.0);
        Arrays.fill(m2, from, to, 0.0);
        for (int start = 0; start < m; start += rows) {
            int end = Math.min(m, start + rows);
            int nb = end - start;
            Arrays.fill(blockMean, from, to, 0.0);
            for (int i = start; i < end; i++) {
                double[] xi = x[i];
                for (int j = from; j < to; j++) {
                    blockMean[j] += xi[j];
                }
            }
            for (int j = from; j < to; j++) {
                blockMean[j] /= nb;
            }
            for (int i = start; i < end; i++) {
                double[] xi = x[i];
                for (int j = from; j < to; j++) {
                    double c = xi[j] - blockMean[j];
                    m2[j] += c * c;
                }
            }
            double weightB = (double) nb / end;
            double weightAB = (double) start * nb / end;
            for (int j = from; j < to; j++) {
                double delta = blockMean[j] - mu[j];
                mu[j] += delta * weightB;
                m2[j] += delta * delta * weightAB;
            }
        }
    }

    /**
     * Test-time normalization into {@code out} (m, n), whose null rows are allocated; returns out (modified).
     * Refuses a per-feature scale {@code gamma / sqrt(runningVar + eps)} or shift that overflows (e.g. a large
     * gamma over a tiny running variance); the output itself is checked by the caller.
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class, TestTimeNormalization.class})
    static double[][] normalizeTest(String op, double[][] x, double[] gamma, double[] beta, double[] runningMean,
                                    double[] runningVar, double eps, double[][] out) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        int d = gamma.length;
        double[] scale = new double[d];
        double[] shift = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = gamma[j] / Math.sqrt(runningVar[j] + eps);
            shift[j] = beta[j] - runningMean[j] * scale[j];
            if (!Double.isFinite(scale[j]) || !Double.isFinite(shift[j])) {
                throw new NonFiniteException(op + ": the test-time scale or shift of feature " + j + " overflowed: "
                        + "gamma[" + j + "] / sqrt(runningVar[" + j + "] + eps) = " + scale[j] + " with gamma[" + j
                        + "] = " + gamma[j] + ", runningVar[" + j + "] = " + runningVar[j] + ", eps = " + eps
                        + ", runningMean[" + j + "] = " + runningMean[j] + ", beta[" + j + "] = " + beta[j]
                        + "; use eps > 0 (e.g. 1e-5) or smaller gamma.");
            }
        }
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double[] oi = out[i] != null ? out[i] : (out[i] = new double[d]);
            for (int j = 0; j < d; j++) {
                oi[j] = xi[j] * scale[j] + shift[j];
            }
        }
        return out;
    }

    /** {@link BatchNorm#backwardSimplified(double[][], BatchNorm.Cache, BatchNorm.Gradients)} on checked arguments. */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    static BatchNorm.Gradients backwardSimplified(String op, double[][] dout, BatchNorm.Cache cache,
                                                  BatchNorm.Gradients reuse) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        int d = cache.mu().length;
        int m = dout.length;
        double[][] x = cache.x();
        double[] mu = cache.mu();
        double[] invStd = cache.invStd();
        double[] dbeta = Buffers.vector(reuse == null ? null : reuse.dbeta(), d);
        double[] dgamma = Buffers.vector(reuse == null ? null : reuse.dgamma(), d);
        double[][] dx = Buffers.matrix(op, reuse == null ? null : reuse.dx(), x, m, d);
        boolean parallel = (long) m * d >= PARALLEL_ENTRIES;
        if (parallel) {
            Halves.run(d, (from, to) -> parameterGradients(dout, x, mu, invStd, dbeta, dgamma, from, to));
        } else {
            parameterGradients(dout, x, mu, invStd, dbeta, dgamma, 0, d);
        }
        // With dxhat = gamma dout: sum dxhat = gamma dbeta and sum dxhat xhat = gamma dgamma, so
        // dx = (gamma invStd / m) (m dout - dbeta - xhat dgamma).
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = cache.gamma()[j] * invStd[j] / m;
        }
        // dbeta sums dout, so a NaN or infinity in dout shows there, before anything is written to dx.
        if (!finite(dbeta) || !finite(dgamma)) {
            // A cache built by hand may hold a NaN or infinity in x (forwardTrain's own never does): named too.
            Require.finiteResult(op, dbeta, Require.input("dout", dout));
            Require.finiteResult(op, dgamma, Require.input("dout", dout), Require.input("cache.x", x));
        }
        // nan[j] collects 0 * dx[i][j]: 0 while dx is finite, NaN from its first NaN or infinity on.
        // One per half of the rows (a half may run on another core; in one piece, only nans[1]); a NaN in either
        // is a NaN in dx.
        double[][] nans = {new double[0], new double[0]};
        // A new dx is allocated row by row: the JVM zeroes every new array, and a row zeroed just before it is
        // written is still in the cache, while new double[m][d] would zero all of dx first, in memory.
        if (parallel) {
            Halves.run(m, (from, to) ->
                    nans[to == m ? 1 : 0] = dxRows(dout, x, mu, invStd, scale, dbeta, dgamma, dx, from, to));
        } else {
            nans[1] = dxRows(dout, x, mu, invStd, scale, dbeta, dgamma, dx, 0, m);
        }
        // dx may overflow although dout is finite: the full scan then finds the NaN or infinity and names the cause.
        if (!finite(nans[0]) || !finite(nans[1])) {
            Require.finiteResult(op, dx, Require.input("dout", dout), Require.input("cache.x", x));
        }
        return new BatchNorm.Gradients(dx, dgamma, dbeta);
    }

    /** Columns {@code [from, to)} of {@code dbeta = sum_i dout_i} and {@code dgamma = sum_i dout_i xhat_i}. */
    private static void parameterGradients(double[][] dout, double[][] x, double[] mu, double[] invStd, double[] dbeta,
                                           double[] dgamma, int from, int to) {
        Arrays.fill(dbeta, from, to, 0.0);
        Arrays.fill(dgamma, from, to, 0.0);
        for (int i = 0; i < x.length; i++) {
            double[] gi = dout[i];
            double[] xi = x[i];
            for (int j = from; j < to; j++) {
                dbeta[j] += gi[j];
                dgamma[j] += gi[j] * ((xi[j] - mu[j]) * invStd[j]);
            }
        }
    }

    /** Rows {@code [from, to)} of dx; returns the column sums of {@code 0 * dx} over them (NaN where dx is not finite). */
    private static double[] dxRows(double[][] dout, double[][] x, double[] mu, double[] invStd, double[] scale,
                                   double[] dbeta, double[] dgamma, double[][] dx, int from, int to) {
        int d = mu.length;
        int m = x.length;
        // Allocated here: HotSpot vectorizes the loop only when it can tell this array from the others.
        double[] nan = new double[d];
        for (int i = from; i < to; i++) {
            double[] gi = dout[i];
            double[] xi = x[i];
            double[] di = dx[i] != null ? dx[i] : (dx[i] = new double[d]);
            for (int j = 0; j < d; j++) {
                double v = scale[j] * (m * gi[j] - dbeta[j] - ((xi[j] - mu[j]) * invStd[j]) * dgamma[j]);
                di[j] = v;
                nan[j] += v * 0.0;
            }
        }
        return nan;
    }

    /** Whether {@code v} is free of NaN and infinities. */
    private static boolean finite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }
}
