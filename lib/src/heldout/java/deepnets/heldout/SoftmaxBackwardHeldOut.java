package deepnets.heldout;

import deepnets.core.Matrices;
import deepnets.exercises.Exercises;
import deepnets.exercises.SoftmaxBackward;
import deepnets.layers.Softmax;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 07, Exercise 3, held out: one class (dz is 0), two classes, a (5, 6) batch, a confident row (one
 * probability near 1), rows that do not interact, inputs never modified, and no C x C array for 3 rows of 3,000
 * classes.
 */
final class SoftmaxBackwardHeldOut extends HeldOutCheck<SoftmaxBackward.Fn> {

    SoftmaxBackwardHeldOut() {
        super(Exercises.softmaxBackward());
    }

    @Override
    public SoftmaxBackward.Fn solution() {
        return (yhat, dyhat) -> {
            double[][] dz = new double[yhat.length][];
            for (int i = 0; i < yhat.length; i++) {
                double s = 0;
                for (int k = 0; k < yhat[i].length; k++) {
                    s += yhat[i][k] * dyhat[i][k];
                }
                dz[i] = new double[yhat[i].length];
                for (int c = 0; c < yhat[i].length; c++) {
                    dz[i][c] = yhat[i][c] * (dyhat[i][c] - s);
                }
            }
            return dz;
        };
    }

    @Override
    public String check(SoftmaxBackward.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261212);
        Object[][] cases = {
            {"one example with one class", new double[][] {{0.4}}, new double[][] {{2.5}}},
            {"one example with two classes", new double[][] {{0.3, -0.9}}, new double[][] {{-1.5, 0.25}}},
            {"a (5, 6) batch", values(random, 5, 6, 2), values(random, 5, 6, 1)},
            {"a confident example (one probability near 1)", new double[][] {{9.0, -2.0, -3.0, 0.5}},
                new double[][] {{0.3, -2.0, 1.0, 0.7}}},
        };
        for (Object[] c : cases) {
            String what = (String) c[0];
            double[][] z = (double[][]) c[1];
            double[][] dyhat = (double[][]) c[2];
            double[][] yhat = Softmax.forward(z);
            double[][] yBefore = Matrices.copy(yhat);
            double[][] dyBefore = Matrices.copy(dyhat);
            double[][] got = run(what, () -> yours.apply(yhat, dyhat));
            require(Arrays.deepEquals(yBefore, yhat), "your function changes its input yhat (on " + what + ")");
            require(Arrays.deepEquals(dyBefore, dyhat), "your function changes its input dyhat (on " + what + ")");
            require(got != null && got != dyhat && got.length == yhat.length, "on " + what + " your result is "
                    + "missing, is the input dyhat itself or does not have one row per example");
            require(close(got, SoftmaxBackward.reference(z, dyBefore), 1e-6), "on " + what + " your dz differs "
                    + "from J^T dyhat");
        }
        // Rows do not interact: each row of a 4-row batch equals the same row computed alone.
        double[][] z = values(random, 4, 5, 1.5);
        double[][] yhat = Softmax.forward(z);
        double[][] dyhat = values(random, 4, 5, 1);
        double[][] together = run("a (4, 5) batch", () -> yours.apply(Matrices.copy(yhat), Matrices.copy(dyhat)));
        for (int i = 0; i < 4; i++) {
            int row = i;
            double[][] alone = run("one row of a (4, 5) batch alone", () -> yours.apply(new double[][] {
                yhat[row].clone()}, new double[][] {dyhat[row].clone()}));
            require(together != null && alone != null && close(together[i], alone[0], 1e-12), "your dz of one "
                    + "example changes with the other examples of the batch; every sum runs over the classes of "
                    + "one row");
        }
        // No C x C array: 3 rows of 3,000 classes (one Jacobian is 72 MB; the result 72 kB).
        double[][] bigZ = values(random, 3, 3000, 1);
        double[][] bigY = Softmax.forward(bigZ);
        double[][] bigUp = values(random, 3, 3000, 1);
        long allocated = SoftmaxBackward.allocatedBy(() -> run("3 examples of 3,000 classes",
                () -> yours.apply(bigY, bigUp)));
        require(allocated < SoftmaxBackward.ALLOCATION_LIMIT, "with 3,000 classes your function allocates an array "
                + "of the size of a C x C Jacobian; each row needs only one extra number");
        return "1 to 6 classes, a confident example, rows independent, inputs unchanged, 3,000 classes without a "
                + "C x C array";
    }

    private static double[][] values(SplittableRandom random, int m, int n, double scale) {
        double[][] out = new double[m][n];
        for (double[] row : out) {
            for (int j = 0; j < n; j++) {
                row[j] = scale * random.nextGaussian();
            }
        }
        return out;
    }
}
