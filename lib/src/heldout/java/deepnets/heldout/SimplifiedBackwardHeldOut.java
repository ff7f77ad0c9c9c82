package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.SimplifiedBackward;
import deepnets.layers.BatchNorm;

/** Notebook 05, Exercise 2, held out: the cases of {@link BatchNormBackwardHeldOutCases}. */
final class SimplifiedBackwardHeldOut extends HeldOutCheck<SimplifiedBackward.Fn> {

    SimplifiedBackwardHeldOut() {
        super(Exercises.simplifiedBackward());
    }

    @Override
    public SimplifiedBackward.Fn solution() {
        return (dout, cache) -> {
            double[][] xhat = cache.xhat();
            double[] gamma = cache.gamma();
            double[] r = cache.invStd();
            int m = dout.length;
            int n = dout[0].length;
            double[] dgamma = new double[n];
            double[] dbeta = new double[n];
            double[] sumDxhat = new double[n];
            double[] sumDxhatXhat = new double[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    dbeta[j] += dout[i][j];
                    dgamma[j] += dout[i][j] * xhat[i][j];
                    double dxh = gamma[j] * dout[i][j];
                    sumDxhat[j] += dxh;
                    sumDxhatXhat[j] += dxh * xhat[i][j];
                }
            }
            double[][] dx = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    dx[i][j] = r[j] / m * (m * gamma[j] * dout[i][j] - sumDxhat[j] - xhat[i][j] * sumDxhatXhat[j]);
                }
            }
            return new BatchNorm.Gradients(dx, dgamma, dbeta);
        };
    }

    @Override
    public String check(SimplifiedBackward.Fn yours) {
        return BatchNormBackwardHeldOutCases.check(this, yours::apply);
    }
}
