package deepnets.heldout;

import deepnets.core.Matrices;
import deepnets.exercises.Exercises;
import deepnets.exercises.StableSoftmax;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 07, Exercise 1, held out: one class, two classes, a wide batch, equal logits, logits near the ends of the
 * range of exp (+-750), rows of very different size in one batch, the maximum in the first or the last column; z
 * never modified, rows that sum to 1.
 */
final class StableSoftmaxHeldOut extends HeldOutCheck<StableSoftmax.Fn> {

    StableSoftmaxHeldOut() {
        super(Exercises.stableSoftmax());
    }

    @Override
    public StableSoftmax.Fn solution() {
        return z -> {
            double[][] out = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z[i]) {
                    max = Math.max(max, v);
                }
                out[i] = new double[z[i].length];
                double sum = 0;
                for (int c = 0; c < z[i].length; c++) {
                    out[i][c] = Math.exp(z[i][c] - max);
                    sum += out[i][c];
                }
                for (int c = 0; c < z[i].length; c++) {
                    out[i][c] /= sum;
                }
            }
            return out;
        };
    }

    @Override
    public String check(StableSoftmax.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261210);
        double[][] wide = new double[6][9];
        for (double[] row : wide) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble(-3, 3);
            }
        }
        Object[][] cases = {
            {"a batch of one example with one class", new double[][] {{0.7}}},
            {"one example with two classes", new double[][] {{-0.3, 1.2}}},
            {"a (6, 9) batch of random logits", wide},
            {"equal logits", new double[][] {{2.5, 2.5, 2.5, 2.5, 2.5}}},
            {"logits near +750 with the maximum in the first column", new double[][] {{750, 749.5, 748, 740}}},
            {"logits near -750 with the maximum in the last column", new double[][] {{-760, -755, -751, -750}}},
            {"logits from -800 to 800 with the maximum in the last column", new double[][] {{-800, 0, 800}}},
            {"a batch whose rows are of very different size", new double[][] {{900, 880, 899}, {0.5, -0.5, 0},
                {-900, -890, -905}}},
        };
        for (Object[] c : cases) {
            String what = (String) c[0];
            double[][] z = (double[][]) c[1];
            double[][] before = Matrices.copy(z);
            double[][] got = run(what, () -> yours.apply(z));
            require(Arrays.deepEquals(before, z), "your function changes its input z (on " + what + ")");
            require(got != null && got.length == z.length, "on " + what + " your result does not have one row per "
                    + "example");
            for (int i = 0; i < got.length; i++) {
                require(got[i] != null && got[i].length == z[i].length && got[i] != z[i], "on " + what + " row "
                        + i + " of your result is missing, of the wrong length or the input row itself");
                double sum = 0;
                for (double p : got[i]) {
                    require(p >= 0 && p <= 1, "on " + what + " your result has an entry that is not a probability "
                            + "(NaN, negative or above 1)");
                    sum += p;
                }
                require(Math.abs(sum - 1) < 1e-12, "on " + what + " a row of your result does not sum to 1");
            }
            require(close(got, StableSoftmax.reference(before), 1e-12), "on " + what + " your result differs from "
                    + "the expected one");
        }
        return "1 to 9 classes, equal logits, logits near +-750 and +-900, the maximum in any column, z unchanged";
    }
}
