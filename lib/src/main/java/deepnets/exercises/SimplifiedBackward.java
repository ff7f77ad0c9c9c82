package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.gradcheck.GradientCheck;
import deepnets.layers.BatchNorm;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Notebook 05, Exercise 2: the batch-norm backward pass as one formula,
 * {@code dx = r/m (m dxhat - sum_i dxhat - xhat sum_i dxhat xhat)} with {@code dxhat = gamma dout} and
 * {@code r = 1/sqrt(var + eps)}, plus {@code dgamma = sum_i dout xhat} and {@code dbeta = sum_i dout}; neither
 * {@code dout} nor the cache is modified.
 */
public final class SimplifiedBackward extends Task<SimplifiedBackward.Fn> {

    /** The student's {@code bnBackwardSimplified}. */
    @FunctionalInterface
    public interface Fn {
        BatchNorm.Gradients apply(double[][] dout, BatchNorm.Cache cache);
    }

    SimplifiedBackward() {
        super("05-batch-norm-backward", "Exercise 2 (simplified backward)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        check(this, yours, f -> f::apply, BatchNorm::backwardSimplified);
        return "the closed formula gives the same gradients";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("the mean term dropped", "the mean term - sum dxhat is missing (it comes from the path "
                        + "through mu)",
                        (d, c) -> closedForm(d, c, true, true, true, 1, 1, 0, 1)),
                new Mistake<>("the xhat term dropped", "the term - xhat * sum(dxhat * xhat) is missing (it comes from "
                        + "the path through var)",
                        (d, c) -> closedForm(d, c, true, true, true, 1, 1, 1, 0)),
                new Mistake<>("gamma forgotten in dxhat", "gamma is missing from dxhat = gamma * dout",
                        (d, c) -> closedForm(d, c, false, true, true, 1, 1, 1, 1)),
                new Mistake<>("the factor m of dxhat forgotten", "the first term is dxhat instead of m * dxhat",
                        (d, c) -> closedForm(d, c, true, true, true, 1, 1.0 / d.length, 1, 1)),
                new Mistake<>("eps left out", "eps is left out: 1 / sqrt(var) instead of invStd = 1 / sqrt(var + eps)",
                        (d, c) -> closedForm(d, c, true, false, true, 1, 1, 1, 1)),
                new Mistake<>("the 1/m in front forgotten", "the factor 1/m in front is missing",
                        (d, c) -> closedForm(d, c, true, true, true, d.length, 1, 1, 1)),
                new Mistake<>("dbeta summed with xhat", "you sum dout * xhat, which is dgamma",
                        (d, c) -> {
                            BatchNorm.Gradients g = right(d, c);
                            return new BatchNorm.Gradients(g.dx(), g.dgamma(), g.dgamma().clone());
                        }),
                new Mistake<>("dgamma with gamma", "you multiply by gamma as well (dgamma = sum dout * xhat, without "
                        + "gamma)",
                        (d, c) -> {
                            BatchNorm.Gradients g = right(d, c);
                            double[] dgamma = g.dgamma().clone();
                            for (int j = 0; j < dgamma.length; j++) {
                                dgamma[j] *= c.gamma()[j];
                            }
                            return new BatchNorm.Gradients(g.dx(), dgamma, g.dbeta());
                        }),
                new Mistake<>("dbeta summed over the units", "you sum over the units of each example (rows) instead "
                        + "of over the examples (columns)",
                        (d, c) -> {
                            BatchNorm.Gradients g = right(d, c);
                            return new BatchNorm.Gradients(g.dx(), g.dgamma(), rowSums(d));
                        }),
                new Mistake<>("dxhat written into dout", "do not modify dout",
                        (d, c) -> {
                            BatchNorm.Gradients g = right(d, c);
                            for (double[] row : d) {
                                for (int j = 0; j < row.length; j++) {
                                    row[j] *= c.gamma()[j];
                                }
                            }
                            return g;
                        }));
    }

    @Override
    public Fn bypass() {
        return BatchNorm::backwardSimplified;
    }

    // ---- shared with BackwardThroughGraph: the check's input, the check, and the closed form with knobs ----

    /** m = 6 examples, n = 4 units; unit 3 has a tiny variance and eps = 0.1, so leaving eps out shows. */
    static final double EPS = 0.1;
    static final double[] GAMMA = {1.5, 0.5, 2.0, 0.8};
    static final double[] BETA = {0.1, -0.2, 0.3, 0.0};
    static final double[][] X = new double[6][4];
    static final double[][] DOUT = new double[6][4];

    static {
        Random rnd = new Random(21);
        double[] spread = {1.0, 2.0, 0.5, 0.05};
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                X[i][j] = j + spread[j] * rnd.nextGaussian();
                DOUT[i][j] = rnd.nextGaussian();
            }
        }
    }

    /** A backward pass, as the two exercises and the library give it. */
    interface Backward {
        BatchNorm.Gradients apply(double[][] dout, BatchNorm.Cache cache);
    }

    /**
     * The visible check of both backward exercises: dout and the cache unchanged, then dbeta, dgamma and dx against
     * {@code reference} (the library, called outside the guard), each with the task's known mistakes for diagnosis,
     * then dx against a centred-difference estimate, which does not depend on the library's backward.
     */
    static <F> void check(Task<F> task, F yours, Function<F, Backward> asBackward, Backward reference) {
        BatchNorm.Cache cache = cache();
        double[][] dout = Matrices.copy(DOUT);
        BatchNorm.Gradients got = task.call(() -> asBackward.apply(yours).apply(dout, cache));
        Check.allClose("dout after the call", DOUT, dout, 0, "do not modify dout; compute dxhat = gamma * dout into "
                + "a new array");
        BatchNorm.Cache fresh = cache();
        Check.allClose("cache.x() after the call", fresh.x(), cache.x(), 0, "do not modify the cache's arrays");
        Check.allClose("cache.mu() after the call", fresh.mu(), cache.mu(), 0, "do not modify the cache's arrays");
        Check.allClose("cache.var() after the call", fresh.var(), cache.var(), 0, "do not modify the cache's arrays");
        Check.allClose("cache.invStd() after the call", fresh.invStd(), cache.invStd(), 0,
                "do not modify the cache's arrays");
        Check.allClose("cache.gamma() after the call", fresh.gamma(), cache.gamma(), 0,
                "do not modify the cache's arrays");
        Check.isTrue("the result holds dx, dgamma and dbeta", got != null && got.dx() != null && got.dgamma() != null
                && got.dbeta() != null, "return new BatchNorm.Gradients(dx, dgamma, dbeta), none of them null");
        BatchNorm.Gradients want = reference.apply(Matrices.copy(DOUT), cache());
        Check.allCloseWithDiagnosis("dbeta", want.dbeta(), got.dbeta(), 1e-9,
                task.diagnose(m -> asBackward.apply(m).apply(Matrices.copy(DOUT), cache()).dbeta()));
        Check.allCloseWithDiagnosis("dgamma", want.dgamma(), got.dgamma(), 1e-9,
                task.diagnose(m -> asBackward.apply(m).apply(Matrices.copy(DOUT), cache()).dgamma()));
        Check.allCloseWithDiagnosis("dx", want.dx(), got.dx(), 1e-9,
                task.diagnose(m -> asBackward.apply(m).apply(Matrices.copy(DOUT), cache()).dx()));
        double[][] numeric = GradientCheck.numericGradient(
                xp -> BatchNorm.forwardTrain(xp, GAMMA, BETA, EPS).out(), Matrices.copy(X), DOUT);
        Check.gradient("dx (against the numeric gradient)", got.dx(), numeric, 1e-6);
    }

    /** A fresh cache of the check's batch. */
    static BatchNorm.Cache cache() {
        return BatchNorm.forwardTrain(Matrices.copy(X), GAMMA.clone(), BETA.clone(), EPS).cache();
    }

    /** The right gradients, from the closed form. */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class})
    static BatchNorm.Gradients right(double[][] dout, BatchNorm.Cache c) {
        EntryPoints.entered();
        return closedForm(dout, c, true, true, true, 1, 1, 1, 1);
    }

    /**
     * {@code dx = front * r/m * (direct * m * dxhat - meanTerm * sum dxhat - xhatTerm * xhat * sum(dxhat xhat))},
     * {@code dgamma = sum dout xhat}, {@code dbeta = sum dout}; the right gradients with every knob true or 1. A
     * knob changed makes one known mistake: {@code gammaInDxhat} false uses dxhat = dout, {@code epsInR} false uses
     * r = 1/sqrt(var), {@code epsInXhat} false uses xhat = (x - mu)/sqrt(var).
     */
    @Solves({BackwardThroughGraph.class, SimplifiedBackward.class})
    static BatchNorm.Gradients closedForm(double[][] dout, BatchNorm.Cache c, boolean gammaInDxhat, boolean epsInR,
                                          boolean epsInXhat, double front, double direct, double meanTerm,
                                          double xhatTerm) {
        EntryPoints.entered();
        int m = dout.length;
        int n = dout[0].length;
        double[] r = new double[n];
        double[] rXhat = new double[n];
        for (int j = 0; j < n; j++) {
            r[j] = 1 / Math.sqrt(c.var()[j] + (epsInR ? c.eps() : 0));
            rXhat[j] = 1 / Math.sqrt(c.var()[j] + (epsInXhat ? c.eps() : 0));
        }
        double[][] xhat = new double[m][n];
        double[][] dxhat = new double[m][n];
        double[] sumDxhat = new double[n];
        double[] sumDxhatXhat = new double[n];
        double[] dgamma = new double[n];
        double[] dbeta = new double[n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                xhat[i][j] = (c.x()[i][j] - c.mu()[j]) * rXhat[j];
                dxhat[i][j] = (gammaInDxhat ? c.gamma()[j] : 1) * dout[i][j];
                sumDxhat[j] += dxhat[i][j];
                sumDxhatXhat[j] += dxhat[i][j] * xhat[i][j];
                dgamma[j] += dout[i][j] * xhat[i][j];
                dbeta[j] += dout[i][j];
            }
        }
        double[][] dx = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                dx[i][j] = front * r[j] / m * (direct * m * dxhat[i][j] - meanTerm * sumDxhat[j]
                        - xhatTerm * xhat[i][j] * sumDxhatXhat[j]);
            }
        }
        return new BatchNorm.Gradients(dx, dgamma, dbeta);
    }

    /** The sum of each row (over the units of each example), a known mistake for dbeta. */
    static double[] rowSums(double[][] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (double v : a[i]) {
                out[i] += v;
            }
        }
        return out;
    }
}
