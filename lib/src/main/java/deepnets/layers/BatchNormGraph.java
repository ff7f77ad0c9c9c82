package deepnets.layers;

import deepnets.core.EntryPoints;
import deepnets.core.Require;
import deepnets.core.Solves;
import deepnets.exercises.BatchNormBlock;
import deepnets.exercises.BackwardThroughGraph;
import deepnets.exercises.SimplifiedBackward;

/**
 * Batch norm's backward pass through the computational graph, one node at a time: the lesson that
 * {@link BatchNorm#backwardGraph} exposes and notebook 05 compares with its own loops and with the closed form
 * ({@link BatchNorm#backwardSimplified}). Slow and allocation-heavy on purpose: each step mirrors one node.
 *
 * <p>Forward nodes: {@code xmu = x - mu}, {@code sq = xmu^2}, {@code var = mean(sq)}, {@code sqrtvar = sqrt(var + eps)},
 * {@code ivar = 1 / sqrtvar}, {@code xhat = xmu * ivar}, {@code out = gamma * xhat + beta}.
 *
 * <p>Taught in notebooks/solutions/05-batch-norm-backward.ipynb.
 */
final class BatchNormGraph {

    private BatchNormGraph() {
    }

    /** dx (m, n), dgamma, dbeta (n,) from dout (m, n) and a cache already checked by {@code BatchNorm}. */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class, BatchNormBlock.class})
    static BatchNorm.Gradients backward(double[][] dout, BatchNorm.Cache cache) {
        // Reached by reflection too: the same hook as the public entry point it serves.
        EntryPoints.entered();
        int d = dout[0].length;
        int m = dout.length;
        double[][] x = cache.x();
        double[] gamma = cache.gamma();
        double[][] xmu = new double[m][d];
        double[] sqrtvar = new double[d];
        double[] ivar = new double[d];
        for (int j = 0; j < d; j++) {
            sqrtvar[j] = Math.sqrt(cache.var()[j] + cache.eps());
            ivar[j] = sqrtvar[j] > 0.0 ? 1.0 / sqrtvar[j] : 0.0; // eps = 0 on a constant feature: xhat = 0
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                xmu[i][j] = x[i][j] - cache.mu()[j];
            }
        }
        double[] dbeta = new double[d];
        double[] dgamma = new double[d];
        double[][] dxhat = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                dbeta[j] += dout[i][j];
                dgamma[j] += dout[i][j] * xmu[i][j] * ivar[j];
                dxhat[i][j] = dout[i][j] * gamma[j];
            }
        }
        double[] divar = new double[d];
        double[][] dxmu1 = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                divar[j] += dxhat[i][j] * xmu[i][j];
                dxmu1[i][j] = dxhat[i][j] * ivar[j];
            }
        }
        double[] dsqrtvar = new double[d];
        double[] dvar = new double[d];
        for (int j = 0; j < d; j++) {
            dsqrtvar[j] = sqrtvar[j] > 0.0 ? -divar[j] / (sqrtvar[j] * sqrtvar[j]) : 0.0;
            dvar[j] = sqrtvar[j] > 0.0 ? 0.5 * dsqrtvar[j] / sqrtvar[j] : 0.0;
        }
        double[][] dsq = new double[m][d];
        double[][] dxmu2 = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                dsq[i][j] = dvar[j] / m;
                dxmu2[i][j] = 2.0 * xmu[i][j] * dsq[i][j];
            }
        }
        double[][] dx1 = new double[m][d];
        double[] dmu = new double[d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                dx1[i][j] = dxmu1[i][j] + dxmu2[i][j];
                dmu[j] -= dx1[i][j];
            }
        }
        double[][] dx = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double dx2 = dmu[j] / m;
                dx[i][j] = dx1[i][j] + dx2;
            }
        }
        // A NaN or infinity here comes from dout or cache.x (named), or from sums that overflowed (said so).
        Require.finiteResult("BatchNorm.backwardGraph", dbeta, Require.input("dout", dout));
        Require.finiteResult("BatchNorm.backwardGraph", dgamma, Require.input("dout", dout), Require.input("cache.x", x));
        Require.finiteResult("BatchNorm.backwardGraph", dx, Require.input("dout", dout), Require.input("cache.x", x));
        return new BatchNorm.Gradients(dx, dgamma, dbeta);
    }
}
