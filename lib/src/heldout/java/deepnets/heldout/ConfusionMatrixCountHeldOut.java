package deepnets.heldout;

import deepnets.exercises.ConfusionMatrixCount;
import deepnets.exercises.Exercises;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Notebook 08, Exercise 1, held out: one class, one example, 2 and 7 classes with skewed counts, labels exactly at
 * both ends, bad labels at the first and the last position, inputs unchanged.
 */
final class ConfusionMatrixCountHeldOut extends HeldOutCheck<ConfusionMatrixCount.Fn> {

    ConfusionMatrixCountHeldOut() {
        super(Exercises.confusionMatrixCount());
    }

    @Override
    public ConfusionMatrixCount.Fn solution() {
        return (truth, predicted, classes) -> {
            if (truth.length != predicted.length) {
                throw new IllegalArgumentException("confusionMatrix: " + truth.length + " true labels but "
                        + predicted.length + " predictions; pass one prediction per example.");
            }
            int[][] counts = new int[classes][classes];
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] < 0 || truth[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                    throw new IllegalArgumentException("confusionMatrix: example " + i + " has true label " + truth[i]
                            + " and prediction " + predicted[i] + "; labels must be in 0.." + (classes - 1) + ".");
                }
                counts[truth[i]][predicted[i]]++;
            }
            return counts;
        };
    }

    @Override
    public String check(ConfusionMatrixCount.Fn yours) {
        counts(yours, "one class", new int[] {0, 0, 0}, new int[] {0, 0, 0}, 1);
        counts(yours, "a single example", new int[] {1}, new int[] {0}, 2);
        counts(yours, "2 classes, every prediction wrong", new int[] {0, 1, 1, 0, 1}, new int[] {1, 0, 0, 1, 0}, 2);
        SplittableRandom random = new SplittableRandom(20261208);
        int n = 57;
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(10) < 6 ? 6 : random.nextInt(7);   // class 6, the top label, most often
            predicted[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(7); // class 0, the bottom label, often
        }
        truth[0] = 0;
        predicted[n - 1] = 6;
        counts(yours, "7 classes with skewed counts and labels at both ends", truth, predicted, 7);

        refused(yours, "a label equal to classes in predicted, at the last position", new int[] {0, 1, 1, 0},
                new int[] {1, 0, 1, 2}, 2);
        refused(yours, "a label equal to classes in truth, at the first position", new int[] {7, 1, 6, 0},
                new int[] {1, 0, 6, 6}, 7);
        refused(yours, "a negative label in truth, at the last position", new int[] {4, 1, 2, -3},
                new int[] {1, 0, 4, 2}, 5);
        refused(yours, "a label far above classes in predicted", new int[] {0, 1, 2},
                new int[] {0, 1000, 2}, 3);
        refused(yours, "one label and no prediction", new int[] {0}, new int[0], 2);
        return "one class, one example, 2 and 7 classes, labels at both ends, bad labels at both ends refused";
    }

    private void counts(ConfusionMatrixCount.Fn yours, String what, int[] truth, int[] predicted, int classes) {
        int[] t = truth.clone();
        int[] p = predicted.clone();
        int[][] got = run(what, () -> yours.apply(t, p, classes));
        int[][] want = ConfusionMatrixCount.reference(truth, predicted, classes);
        require(got != null && got.length == classes && Arrays.stream(got).allMatch(r -> r != null
                && r.length == classes), "on " + what + " your result is not a classes x classes array");
        require(Arrays.deepEquals(got, want), "on " + what + " your counts differ from the expected ones");
        require(Arrays.equals(t, truth) && Arrays.equals(p, predicted), "your function changes truth or "
                + "predicted (on " + what + ")");
    }

    private void refused(ConfusionMatrixCount.Fn yours, String what, int[] truth, int[] predicted, int classes) {
        RuntimeException thrown = null;
        try {
            task().call(() -> yours.apply(truth.clone(), predicted.clone(), classes));
        } catch (deepnets.check.CheckFailure | deepnets.NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            thrown = e;
        }
        require(thrown instanceof IllegalArgumentException, "on " + what + " your code "
                + (thrown == null ? "returns a result" : "throws " + thrown.getClass().getSimpleName())
                + " instead of an IllegalArgumentException");
    }
}
