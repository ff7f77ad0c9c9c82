package deepnets.data;

import deepnets.core.Require;
import java.util.Arrays;
import java.util.Random;

/**
 * A data set cut into disjoint train, validation and test parts after a seeded shuffle.
 *
 * <p>Train is for fitting parameters, validation for choosing hyperparameters, test for the one final
 * estimate: a number measured on data that took part in a choice is optimistic.
 *
 * @param train      the training examples
 * @param validation the examples for choosing hyperparameters ("dev set")
 * @param test       the examples held out for the final estimate
 *
 * <p>Used from notebooks/solutions/03-pandas-vs-caviar.ipynb on.
 */
public record Split(Dataset train, Dataset validation, Dataset test) {

    /** Refuses a missing part. */
    public Split {
        Require.notNull("Split", "train", train);
        Require.notNull("Split", "validation", validation);
        Require.notNull("Split", "test", test);
    }

    /**
     * Shuffles the examples with {@code new Random(seed)} and cuts them:
     * {@code round(N * trainFraction)} for train, {@code round(N * validationFraction)} for validation,
     * the rest for test. The same seed always gives the same split.
     *
     * @param data               the full data set; not modified (rows are copied)
     * @param trainFraction      in (0, 1)
     * @param validationFraction in (0, 1); {@code trainFraction + validationFraction < 1} so test is not empty;
     *     fractions that leave a part without examples after rounding are refused
     * @param seed               seed of the shuffle
     */
    public static Split of(Dataset data, double trainFraction, double validationFraction, long seed) {
        Require.notNull("Split.of", "data", data);
        Require.inOpen("Split.of", "trainFraction", trainFraction, 0.0, 1.0, null);
        Require.inOpen("Split.of", "validationFraction", validationFraction, 0.0, 1.0, null);
        if (trainFraction + validationFraction >= 1.0) {
            throw new IllegalArgumentException("Split.of: trainFraction " + trainFraction + " + validationFraction "
                    + validationFraction + " = " + (trainFraction + validationFraction)
                    + " leaves nothing for the test set; the two must sum to less than 1 (e.g. 0.6 and 0.2).");
        }
        int n = data.size();
        int nTrain = (int) Math.round(n * trainFraction);
        int nValidation = (int) Math.round(n * validationFraction);
        int nTest = n - nTrain - nValidation;
        if (nTrain < 1 || nValidation < 1 || nTest < 1) {
            throw new IllegalArgumentException("Split.of: " + n + " examples with fractions " + trainFraction + " and "
                    + validationFraction + " give parts of " + nTrain + ", " + nValidation + " and " + nTest
                    + " examples; every part needs at least one. Use larger fractions or more data.");
        }
        int[] order = shuffledIndices(n, seed);
        return new Split(
                data.subset(Arrays.copyOfRange(order, 0, nTrain)),
                data.subset(Arrays.copyOfRange(order, nTrain, nTrain + nValidation)),
                data.subset(Arrays.copyOfRange(order, nTrain + nValidation, n)));
    }

    /** A random permutation of {@code 0 .. n - 1} (Fisher-Yates with {@code new Random(seed)}). */
    static int[] shuffledIndices(int n, long seed) {
        Random random = new Random(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
