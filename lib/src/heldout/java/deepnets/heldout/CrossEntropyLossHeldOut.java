package deepnets.heldout;

import deepnets.core.Matrices;
import deepnets.data.OneHot;
import deepnets.exercises.CrossEntropyLoss;
import deepnets.exercises.Exercises;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 07, Exercise 2, held out: one example, labels at the first and the last class, equal logits (the loss is
 * log C, not a whole number), a (7, 3) batch, confident wrong answers at +-1000 and a sure right one; z and y never
 * modified.
 */
final class CrossEntropyLossHeldOut extends HeldOutCheck<CrossEntropyLoss.Fn> {

    CrossEntropyLossHeldOut() {
        super(Exercises.crossEntropyLoss());
    }

    @Override
    public CrossEntropyLoss.Fn solution() {
        return (z, y) -> {
            double total = 0;
            for (int i = 0; i < z.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z[i]) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : z[i]) {
                    sum += Math.exp(v - max);
                }
                double logSumExp = max + Math.log(sum);
                for (int c = 0; c < z[i].length; c++) {
                    total -= y[i][c] * (z[i][c] - logSumExp);
                }
            }
            return total / z.length;
        };
    }

    @Override
    public String check(CrossEntropyLoss.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261211);
        double[][] batch = new double[7][3];
        int[] labels = new int[7];
        for (int i = 0; i < 7; i++) {
            for (int c = 0; c < 3; c++) {
                batch[i][c] = random.nextDouble(-4, 4);
            }
            labels[i] = i % 3;
        }
        Object[][] cases = {
            {"one example whose label is the last of 5 classes", new double[][] {{0.2, -1.0, 0.4, 1.1, -0.6}},
                new int[] {4}, 5},
            {"one example whose label is the first of 3 classes", new double[][] {{-0.5, 2.0, 0.3}}, new int[] {0}, 3},
            {"equal logits over 6 classes (the loss is log 6)", new double[][] {{1.5, 1.5, 1.5, 1.5, 1.5, 1.5}},
                new int[] {2}, 6},
            {"a (7, 3) batch with labels in every class", batch, labels, 3},
            {"confident wrong answers with logits of +-1000", new double[][] {{-1000, 1000}, {1000, -1000}},
                new int[] {0, 1}, 2},
            {"a sure right answer and a confident wrong one", new double[][] {{900, 0, -900}, {-900, 0, 900}},
                new int[] {0, 0}, 3},
        };
        for (Object[] c : cases) {
            String what = (String) c[0];
            double[][] z = (double[][]) c[1];
            double[][] y = OneHot.encode((int[]) c[2], (int) c[3]);
            double[][] zBefore = Matrices.copy(z);
            double[][] yBefore = Matrices.copy(y);
            double got = run(what, () -> yours.apply(z, y));
            require(Arrays.deepEquals(zBefore, z), "your function changes its input z (on " + what + ")");
            require(Arrays.deepEquals(yBefore, y), "your function changes its input y (on " + what + ")");
            require(Double.isFinite(got), "on " + what + " your loss is NaN or infinite");
            double want = CrossEntropyLoss.reference(zBefore, yBefore);
            require(Math.abs(got - want) <= 1e-10 * Math.max(1, Math.abs(want)), "on " + what + " your loss differs "
                    + "from the expected one");
        }
        return "one example, labels at the first and the last class, equal logits, a (7, 3) batch, logits of +-1000";
    }
}
