package deepnets.heldout;

import deepnets.exercises.BackwardThroughGraph;
import deepnets.exercises.Exercises;
import deepnets.layers.BatchNorm;

/** Notebook 05, Exercise 1, held out: the cases of {@link BatchNormBackwardHeldOutCases}. */
final class BackwardThroughGraphHeldOut extends HeldOutCheck<BackwardThroughGraph.Fn> {

    BackwardThroughGraphHeldOut() {
        super(Exercises.backwardThroughGraph());
    }

    @Override
    public BackwardThroughGraph.Fn solution() {
        return (dout, cache) -> {
            double[][] x = cache.x();
            double[] mu = cache.mu();
            double[] var = cache.var();
            double[] gamma = cache.gamma();
            int m = x.length;
            int n = x[0].length;
            double[] s = new double[n];
            double[] r = new double[n];
            for (int j = 0; j < n; j++) {
                s[j] = Math.sqrt(var[j] + cache.eps());                 // node 5
                r[j] = 1 / s[j];                                        // node 6
            }
            double[][] xmu = new double[m][n];
            double[][] dxhat = new double[m][n];
            double[] dgamma = new double[n];
            double[] dbeta = new double[n];
            double[] dr = new double[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    xmu[i][j] = x[i][j] - mu[j];                        // node 2
                    double xhat = xmu[i][j] * r[j];                     // node 7
                    dbeta[j] += dout[i][j];                             // node 8
                    dgamma[j] += dout[i][j] * xhat;
                    dxhat[i][j] = dout[i][j] * gamma[j];
                    dr[j] += dxhat[i][j] * xmu[i][j];                   // node 7
                }
            }
            double[] dvar = new double[n];
            for (int j = 0; j < n; j++) {
                double ds = -dr[j] / (s[j] * s[j]);                     // node 6
                dvar[j] = ds / (2 * s[j]);                              // node 5
            }
            double[][] dxmu = new double[m][n];
            double[] dmu = new double[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    dxmu[i][j] = dxhat[i][j] * r[j] + 2 * xmu[i][j] * dvar[j] / m;   // nodes 7, 3 and 4
                    dmu[j] -= dxmu[i][j];                               // node 2
                }
            }
            double[][] dx = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    dx[i][j] = dxmu[i][j] + dmu[j] / m;                 // nodes 2 and 1
                }
            }
            return new BatchNorm.Gradients(dx, dgamma, dbeta);
        };
    }

    @Override
    public String check(BackwardThroughGraph.Fn yours) {
        return BatchNormBackwardHeldOutCases.check(this, yours::apply);
    }
}
