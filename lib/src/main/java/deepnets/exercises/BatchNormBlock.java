package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.layers.Affine;
import deepnets.layers.BatchNorm;
import deepnets.layers.Relu;
import deepnets.net.Block;
import java.util.List;
import java.util.Random;

/**
 * Notebook 05, Exercise 4: a hidden layer {@code affine -> batch norm -> ReLU} as a {@link Block}, in training
 * mode: {@code z = x W}, {@code y = gamma (z - mu) / sqrt(var + eps) + beta} with the batch's mean and variance
 * (divided by m), {@code out = max(0, y)}; and its backward pass, which the forward returns. Nothing is modified.
 */
public final class BatchNormBlock extends Task<BatchNormBlock.Fn> {

    /** The student's {@code affineBatchNormRelu(x, w, gamma, beta, eps)}: a {@link Block}. */
    @FunctionalInterface
    public interface Fn extends Block {
    }

    private static final double EPS = 1e-3;
    private static final int M = 6;
    private static final int D = 4;
    private static final int H = 3;

    static final String GATE_ON_Z = "the ReLU gate is taken on z = x W, before batch norm; ReLU acts on the "
            + "batch-norm output y, so its gate is y > 0";
    static final String NO_GATE = "the backward pass forgets the ReLU gate: dout must be zeroed where the output "
            + "was cut to 0 (y <= 0) before it goes back through batch norm";
    static final String DW_SKIPS_BN = "dW skips batch norm: dW = x^T dz uses the gradient with respect to z = x W, "
            + "after the batch-norm backward, not the gradient with respect to its output";
    static final String MU_CONSTANT = "the batch-norm backward leaves out the path through the batch mean mu "
            + "(dz misses -mean(dxhat) * invStd)";
    static final String UNBIASED = "the batch variance is divided by m - 1; batch norm divides by m";
    static final String ACCUMULATES = "a second call of the same backward adds to the gradients of the first: "
            + "each call must start from new, zeroed arrays";
    static final String KEEP = "the block must not modify its inputs: write into new arrays";

    BatchNormBlock() {
        super("05-batch-norm-backward", "Exercise 4 (batch norm inside a network)", 3, Fn.class);
    }

    /**
     * The reference: the library's affine, training-mode batch norm and ReLU, and their backward passes, on
     * copies of the inputs.
     */
    @Solves(BatchNormBlock.class)
    public static Block.Pass reference(double[][] x, double[][] w, double[] gamma, double[] beta, double eps) {
        EntryPoints.entered();
        Affine.Forward affine = Affine.forward(Matrices.copy(x), Matrices.copy(w), null);
        BatchNorm.Forward bn = BatchNorm.forwardTrain(affine.out(), gamma.clone(), beta.clone(), eps);
        double[][] y = bn.out();
        double[][] out = Relu.forward(y);
        return new Block.Pass(out, dout -> {
            double[][] dy = Relu.backward(dout, y);
            BatchNorm.Gradients g = BatchNorm.backwardSimplified(dy, bn.cache());
            Affine.Gradients a = Affine.backward(g.dx(), affine.cache());
            return new Block.Gradients(a.dx(), a.dW(), g.dgamma(), g.dbeta());
        });
    }

    /** Inputs of one case: x (m, d), W (d, h), gamma, beta, two upstream gradients. */
    record Case(double[][] x, double[][] w, double[] gamma, double[] beta, double[][] dout, double[][] dout2) {
        Case copy() {
            return new Case(Matrices.copy(x), Matrices.copy(w), gamma.clone(), beta.clone(), Matrices.copy(dout),
                    Matrices.copy(dout2));
        }
    }

    /**
     * A case with x of nonzero mean (so that z and its normalized value differ in sign here and there) and beta of
     * both signs (so that y and z do too, and some outputs are cut to 0).
     */
    static Case randomCase(long seed, int m, int d, int h) {
        Random r = new Random(seed);
        double[][] x = new double[m][d];
        double[][] w = new double[d][h];
        double[][] dout = new double[m][h];
        double[][] dout2 = new double[m][h];
        double[] gamma = new double[h];
        double[] beta = new double[h];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = 1.5 * r.nextGaussian() + 0.8;
            }
        }
        for (double[] row : w) {
            for (int j = 0; j < h; j++) {
                row[j] = r.nextGaussian() / Math.sqrt(d);
            }
        }
        for (int j = 0; j < h; j++) {
            gamma[j] = 0.5 + r.nextDouble();
            beta[j] = j % 2 == 0 ? 0.3 * r.nextDouble() : -0.3 * r.nextDouble();
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < h; j++) {
                dout[i][j] = r.nextGaussian();
                dout2[i][j] = r.nextGaussian();
            }
        }
        return new Case(x, w, gamma, beta, dout, dout2);
    }

    @Override
    protected String visible(Fn yours) {
        Case c = randomCase(20261208L, M, D, H);
        Case kept = c.copy();
        Block.Pass want = reference(c.x(), c.w(), c.gamma(), c.beta(), EPS);
        Block.Pass pass = call(() -> yours.forward(c.x(), c.w(), c.gamma(), c.beta(), EPS));
        Check.isTrue("the block's result", pass != null && pass.out() != null && pass.backward() != null,
                "return new Block.Pass(out, dout -> ...): the output and the backward pass, neither null");
        Check.allCloseWithDiagnosis("out = relu(batchnorm(x W)) on a batch of " + M + " examples", want.out(),
                pass.out(), 1e-10, diagnose(m -> m.forward(c.x(), c.w(), c.gamma(), c.beta(), EPS).out()));
        Block.Gradients g1 = want.backward().apply(kept.dout());
        Block.Gradients got1 = call(() -> pass.backward().apply(c.dout()));
        gradients("backward(dout)", g1, got1, c, 1);
        Block.Gradients g2 = want.backward().apply(kept.dout2());
        Block.Gradients got2 = call(() -> pass.backward().apply(c.dout2()));
        gradients("a second backward(dout2) of the same forward pass", g2, got2, c, 2);
        Check.allClose("x after the calls", kept.x(), c.x(), 0, KEEP);
        Check.allClose("W after the calls", kept.w(), c.w(), 0, KEEP);
        Check.allClose("gamma after the calls", kept.gamma(), c.gamma(), 0, KEEP);
        Check.allClose("beta after the calls", kept.beta(), c.beta(), 0, KEEP);
        Check.allClose("dout after the calls", kept.dout(), c.dout(), 0, KEEP);
        return "out, dx, dW, dgamma and dbeta of affine -> batch norm -> ReLU, twice from one forward pass";
    }

    /** Compares one backward's gradients, naming a known mistake that gives the same. */
    private void gradients(String what, Block.Gradients want, Block.Gradients got, Case c, int calls) {
        Check.isTrue(what + ": the gradients", got != null && got.dx() != null && got.dW() != null
                && got.dgamma() != null && got.dbeta() != null,
                "return new Block.Gradients(dx, dW, dgamma, dbeta), none of them null");
        Check.allCloseWithDiagnosis(what + ": dbeta", want.dbeta(), got.dbeta(), 1e-10,
                diagnose(m -> mistaken(m, c, calls).dbeta()));
        Check.allCloseWithDiagnosis(what + ": dgamma", want.dgamma(), got.dgamma(), 1e-10,
                diagnose(m -> mistaken(m, c, calls).dgamma()));
        Check.allCloseWithDiagnosis(what + ": dW", want.dW(), got.dW(), 1e-10,
                diagnose(m -> mistaken(m, c, calls).dW()));
        Check.allCloseWithDiagnosis(what + ": dx", want.dx(), got.dx(), 1e-10,
                diagnose(m -> mistaken(m, c, calls).dx()));
    }

    /** What one implementation's backward gives on its {@code calls}-th call, on fresh copies of the case. */
    private static Block.Gradients mistaken(Fn code, Case c, int calls) {
        Case fresh = c.copy();
        Block.Pass p = code.forward(fresh.x(), fresh.w(), fresh.gamma(), fresh.beta(), EPS);
        Block.Gradients g = p.backward().apply(fresh.dout());
        return calls == 1 ? g : p.backward().apply(fresh.dout2());
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("ReLU gate on z, before batch norm", GATE_ON_Z, sketch(Slip.GATE_ON_Z)),
                new Mistake<>("ReLU gate forgotten in backward", NO_GATE, sketch(Slip.NO_GATE)),
                new Mistake<>("dW from the gradient before batch norm", DW_SKIPS_BN, sketch(Slip.DW_SKIPS_BN)),
                new Mistake<>("path through mu left out", MU_CONSTANT, sketch(Slip.MU_CONSTANT)),
                new Mistake<>("variance divided by m - 1", UNBIASED, sketch(Slip.UNBIASED)),
                new Mistake<>("gradients accumulate across backward calls", ACCUMULATES, sketch(Slip.ACCUMULATES)));
    }

    /** The one thing a mistake gets wrong; {@link #sketch} is the correct block with that one change. */
    enum Slip {
        NONE, GATE_ON_Z, NO_GATE, DW_SKIPS_BN, MU_CONSTANT, UNBIASED, ACCUMULATES
    }

    /** The block written out with plain loops, with one slip (or none: a correct solution, for the tests). */
    static Fn sketch(Slip slip) {
        return (x, w, gamma, beta, eps) -> {
            int m = x.length;
            int d = w.length;
            int h = w[0].length;
            double[][] z = new double[m][h];
            for (int i = 0; i < m; i++) {
                for (int k = 0; k < d; k++) {
                    for (int j = 0; j < h; j++) {
                        z[i][j] += x[i][k] * w[k][j];
                    }
                }
            }
            double[] mu = new double[h];
            double[] var = new double[h];
            for (double[] row : z) {
                for (int j = 0; j < h; j++) {
                    mu[j] += row[j] / m;
                }
            }
            for (double[] row : z) {
                for (int j = 0; j < h; j++) {
                    var[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / (slip == Slip.UNBIASED ? m - 1 : m);
                }
            }
            double[] invStd = new double[h];
            for (int j = 0; j < h; j++) {
                invStd[j] = 1 / Math.sqrt(var[j] + eps);
            }
            double[][] xhat = new double[m][h];
            double[][] out = new double[m][h];
            boolean[][] gate = new boolean[m][h];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < h; j++) {
                    xhat[i][j] = (z[i][j] - mu[j]) * invStd[j];
                    double y = gamma[j] * xhat[i][j] + beta[j];
                    out[i][j] = Math.max(0, y);
                    gate[i][j] = slip == Slip.GATE_ON_Z ? z[i][j] > 0 : y > 0;
                }
            }
            double[][] dW = new double[d][h];
            double[] dgamma = new double[h];
            double[] dbeta = new double[h];
            return new Block.Pass(out, dout -> {
                double[][] dWs = slip == Slip.ACCUMULATES ? dW : new double[d][h];
                double[] dg = slip == Slip.ACCUMULATES ? dgamma : new double[h];
                double[] db = slip == Slip.ACCUMULATES ? dbeta : new double[h];
                double[][] dy = new double[m][h];
                double[] sumDxhat = new double[h];
                double[] sumDxhatXhat = new double[h];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        dy[i][j] = slip == Slip.NO_GATE || gate[i][j] ? dout[i][j] : 0;
                        db[j] += dy[i][j];
                        dg[j] += dy[i][j] * xhat[i][j];
                        double dxh = gamma[j] * dy[i][j];
                        sumDxhat[j] += dxh;
                        sumDxhatXhat[j] += dxh * xhat[i][j];
                    }
                }
                double[][] dz = new double[m][h];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < h; j++) {
                        double mean = slip == Slip.MU_CONSTANT ? 0 : sumDxhat[j];
                        dz[i][j] = invStd[j] / m * (m * gamma[j] * dy[i][j] - mean - xhat[i][j] * sumDxhatXhat[j]);
                    }
                }
                double[][] toW = slip == Slip.DW_SKIPS_BN ? dy : dz;
                double[][] dx = new double[m][d];
                for (int i = 0; i < m; i++) {
                    for (int k = 0; k < d; k++) {
                        for (int j = 0; j < h; j++) {
                            dWs[k][j] += x[i][k] * toW[i][j];
                            dx[i][k] += dz[i][j] * w[k][j];
                        }
                    }
                }
                return new Block.Gradients(dx, dWs, dg, db);
            });
        };
    }

    @Override
    public Fn bypass() {
        return (x, w, gamma, beta, eps) -> {
            Affine.Forward affine = Affine.forward(x, w, null);
            BatchNorm.Forward bn = BatchNorm.forwardTrain(affine.out(), gamma, beta, eps);
            return new Block.Pass(Relu.forward(bn.out()), dout -> {
                BatchNorm.Gradients g = BatchNorm.backwardSimplified(Relu.backward(dout, bn.out()), bn.cache());
                Affine.Gradients a = Affine.backward(g.dx(), affine.cache());
                return new Block.Gradients(a.dx(), a.dW(), g.dgamma(), g.dbeta());
            });
        };
    }
}
