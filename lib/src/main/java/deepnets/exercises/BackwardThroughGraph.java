package deepnets.exercises;

import deepnets.layers.BatchNorm;
import java.util.List;

/**
 * Notebook 05, Exercise 1: the batch-norm backward pass, node by node through the computational graph (mean,
 * centring, square, variance, square root, inverse, scaling, affine), returning dx, dgamma and dbeta; neither
 * {@code dout} nor the cache is modified. Each known mistake is one node's local rule gone wrong; its effect on the
 * result is written in the closed form of {@link SimplifiedBackward} (the same gradient, collapsed).
 */
public final class BackwardThroughGraph extends Task<BackwardThroughGraph.Fn> {

    /** The student's {@code bnBackwardGraph}. */
    @FunctionalInterface
    public interface Fn {
        BatchNorm.Gradients apply(double[][] dout, BatchNorm.Cache cache);
    }

    BackwardThroughGraph() {
        super("05-batch-norm-backward", "Exercise 1 (backward through the graph)", 3, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        SimplifiedBackward.check(this, yours, f -> f::apply, BatchNorm::backwardGraph);
        return "dbeta, dgamma and dx agree with the library and with the numeric gradient";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                // Node 1 (mu) and node 2 (xmu = x - mu): dx = dxmu + dmu / m.
                new Mistake<>("the path through the mean dropped", "the path through the mean is missing (mu treated "
                        + "as a constant: no dmu / m term)",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 0, 1)),
                new Mistake<>("the mean's gradient with the wrong sign", "dmu has the wrong sign (dmu = -sum dxmu)",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, -1, 1)),
                // Nodes 3 and 4 (q = xmu^2, var = mean q): dxmu += 2 xmu dvar / m.
                new Mistake<>("the path through the variance dropped", "the path through the variance is missing (var "
                        + "treated as a constant)",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 1, 0)),
                new Mistake<>("both paths dropped", "mu and var are both treated as constants (dx = r * dxhat)",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 0, 0)),
                new Mistake<>("the 2 of the square forgotten", "the 2 of d(xmu^2)/dxmu = 2 xmu is missing",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 1, 0.5)),
                // Node 5 (s = sqrt(var + eps)) and node 6 (r = 1 / s).
                new Mistake<>("the 1/2 of the square root forgotten", "the 1/2 of d sqrt(v)/dv = 1/(2 sqrt(v)) is "
                        + "missing",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 1, 2)),
                new Mistake<>("the minus sign of d(1/s) forgotten", "the minus sign of d(1/s)/ds = -1/s^2 is missing",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, true, true, 1, 1, 1, -1)),
                new Mistake<>("eps left out of the square root", "eps is left out of sqrt(var + eps)",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, true, false, false, 1, 1, 1, 1)),
                // Node 8 (out = gamma xhat + beta).
                new Mistake<>("gamma forgotten in dxhat", "gamma is missing from dxhat = gamma * dout",
                        (d, c) -> SimplifiedBackward.closedForm(d, c, false, true, true, 1, 1, 1, 1)),
                new Mistake<>("dgamma summed without xhat", "you sum dout alone, which is dbeta",
                        (d, c) -> {
                            BatchNorm.Gradients g = SimplifiedBackward.right(d, c);
                            return new BatchNorm.Gradients(g.dx(), g.dbeta().clone(), g.dbeta());
                        }),
                new Mistake<>("dgamma and dbeta swapped", "dgamma and dbeta are swapped",
                        (d, c) -> {
                            BatchNorm.Gradients g = SimplifiedBackward.right(d, c);
                            return new BatchNorm.Gradients(g.dx(), g.dbeta(), g.dgamma());
                        }),
                new Mistake<>("dgamma with gamma", "you multiply by gamma as well (dgamma = sum dout * xhat, without "
                        + "gamma)",
                        (d, c) -> {
                            BatchNorm.Gradients g = SimplifiedBackward.right(d, c);
                            double[] dgamma = g.dgamma().clone();
                            for (int j = 0; j < dgamma.length; j++) {
                                dgamma[j] *= c.gamma()[j];
                            }
                            return new BatchNorm.Gradients(g.dx(), dgamma, g.dbeta());
                        }),
                new Mistake<>("dbeta summed over the units", "you sum over the units of each example (rows) instead "
                        + "of over the examples (columns)",
                        (d, c) -> {
                            BatchNorm.Gradients g = SimplifiedBackward.right(d, c);
                            return new BatchNorm.Gradients(g.dx(), g.dgamma(), SimplifiedBackward.rowSums(d));
                        }),
                new Mistake<>("dxhat written into dout", "do not modify dout",
                        (d, c) -> {
                            BatchNorm.Gradients g = SimplifiedBackward.right(d, c);
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
        return BatchNorm::backwardGraph;
    }
}
