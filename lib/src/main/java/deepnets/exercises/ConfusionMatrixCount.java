package deepnets.exercises;

import deepnets.charts.ConfusionMatrix;
import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Notebook 08, Exercise 1: the confusion matrix, {@code counts[t][p]} = how many examples of true class {@code t}
 * were predicted as {@code p}, every example counted once; arrays of different lengths and labels outside
 * {@code 0..classes-1} are refused with an {@link IllegalArgumentException} naming the problem; nothing is modified.
 */
public final class ConfusionMatrixCount extends Task<ConfusionMatrixCount.Fn> {

    /** The student's {@code confusionMatrix}. */
    @FunctionalInterface
    public interface Fn {
        int[][] apply(int[] truth, int[] predicted, int classes);
    }

    // 3 classes, 7 examples, labels 0 and 2 (both ends) in both arrays; no two off-diagonal counts mirror each
    // other, so a transpose shows.
    private static final int[] TRUTH = {0, 0, 1, 2, 2, 2, 1};
    private static final int[] PREDICTED = {0, 1, 1, 2, 0, 0, 1};
    private static final int CLASSES = 3;

    // A larger case: 10 classes, 300 examples from a fixed seed, about 70% on the diagonal.
    private static final int LARGE_CLASSES = 10;
    private static final int LARGE_N = 300;
    private static final long LARGE_SEED = 8;

    static final String SWAPPED = "rows and columns are swapped: entry [t][p] counts the examples of true class t "
            + "predicted as p";
    static final String SKIPS_DIAGONAL = "the correct predictions are skipped: they belong on the diagonal, every "
            + "example is counted once";
    static final String TRUE_TWICE = "the true class is used as both indices: the column is predicted[i]";
    static final String NO_LABEL_CHECK = "a label is used as an index without being checked first";
    static final String OFF_BY_ONE = "your label check is off by one at the top: it lets the label `classes` "
            + "through, but the labels go from 0 to classes - 1";
    static final String TOO_STRICT = "your label check is off by one: it refuses a valid label; the labels go from "
            + "0 to classes - 1, both ends included";
    static final String NO_NEGATIVE_CHECK = "a negative label is not refused";
    static final String ONLY_TRUTH = "the predicted labels are not checked";
    static final String NO_LENGTH_CHECK = "the two lengths are not compared before the loop";
    static final String WRONG_TYPE = "the exception must be an IllegalArgumentException, the one Java has for a "
            + "bad argument";
    static final String UNNAMED = "the message does not name the bad label and its position";

    ConfusionMatrixCount() {
        super("08-putting-it-together", "Exercise 1 (confusion matrix)", 1, Fn.class);
    }

    /** The reference: the library's count, on copies. */
    @Solves(ConfusionMatrixCount.class)
    public static int[][] reference(int[] truth, int[] predicted, int classes) {
        EntryPoints.entered();
        return ConfusionMatrix.count(truth.clone(), predicted.clone(), classes);
    }

    @Override
    protected String visible(Fn yours) {
        counts(yours, "confusionMatrix on 7 examples of 3 classes", TRUTH, PREDICTED, CLASSES);
        SplittableRandom random = new SplittableRandom(LARGE_SEED);
        int[] truth = new int[LARGE_N];
        int[] predicted = new int[LARGE_N];
        for (int i = 0; i < LARGE_N; i++) {
            truth[i] = random.nextInt(LARGE_CLASSES);
            predicted[i] = random.nextDouble() < 0.7 ? truth[i] : random.nextInt(LARGE_CLASSES);
        }
        counts(yours, "confusionMatrix on " + LARGE_N + " examples of " + LARGE_CLASSES + " classes", truth,
                predicted, LARGE_CLASSES);

        lengths(yours, new int[] {0, 1}, new int[] {0, 1, 2, 1, 0});
        lengths(yours, new int[] {0, 1, 2, 1, 0}, new int[] {0, 1});

        // A label just past each end of 0..classes-1, in each array, at a position other than 0.
        badLabel(yours, "truth", new int[] {0, 1, 2, 1, 3, 0}, new int[] {0, 1, 2, 1, 2, 0}, 4, 3);
        badLabel(yours, "predicted", new int[] {0, 1, 2, 1, 2, 0}, new int[] {0, 1, 2, 1, 2, 3}, 5, 3);
        badLabel(yours, "predicted", new int[] {0, 1, 2, 1, 2, 0}, new int[] {0, 1, -1, 1, 2, 0}, 2, -1);
        badLabel(yours, "truth", new int[] {0, 1, 2, -1, 2, 0}, new int[] {0, 1, 2, 1, 2, 0}, 3, -1);
        return "every example counted once at [true][predicted], different lengths and labels just outside "
                + "0..classes-1 refused with IllegalArgumentException, inputs unchanged";
    }

    /** The counts on one valid input, diagnosed against the known mistakes; the inputs must stay as they were. */
    private void counts(Fn yours, String what, int[] truth, int[] predicted, int classes) {
        int[] t = truth.clone();
        int[] p = predicted.clone();
        int[][] got;
        try {
            got = call(() -> yours.apply(t, p, classes));
        } catch (IllegalArgumentException e) {
            throw new deepnets.check.CheckFailure(what + ": every label is in 0.." + (classes - 1) + ", yet your "
                    + "code refuses them: " + e.getMessage() + "\nHint: " + TOO_STRICT + ".");
        }
        Check.isTrue(what + ": the result is a " + classes + " x " + classes + " array", got != null
                && got.length == classes && Arrays.stream(got).allMatch(row -> row != null && row.length == classes),
                "return new int[classes][classes], filled in");
        double[][] want = doubles(reference(truth, predicted, classes));
        double[][] yoursAsDoubles = doubles(got);
        if (!Arrays.deepEquals(want, yoursAsDoubles)) {
            // Only the mistakes whose counts are the student's are named; a message never lists those it is not.
            Map<String, double[][]> matching = new LinkedHashMap<>();
            diagnose(m -> doubles(m.apply(truth.clone(), predicted.clone(), classes))).forEach((cause, counts) -> {
                if (Arrays.deepEquals(counts, yoursAsDoubles)) {
                    matching.put(cause, counts);
                }
            });
            String shown = what + " (yours " + Arrays.deepToString(got) + ")";
            if (!matching.isEmpty()) {
                Check.allCloseWithDiagnosis(shown, want, yoursAsDoubles, 0, matching);
            }
            long total = Arrays.stream(got).flatMapToInt(Arrays::stream).asLongStream().sum();
            Check.isTrue(shown + ": the counts add up to the " + truth.length + " examples (yours add up to " + total
                    + ")", total == truth.length, "every example is counted exactly once: your loop "
                    + (total < truth.length ? "skips" : "repeats") + " examples; look at its first and last index");
            Check.allClose(shown, want, yoursAsDoubles, 0, "each example adds 1 to exactly one entry, "
                    + "counts[its true class][its prediction]; compare your loop with that, entry by entry");
        }
        Check.isTrue(what + ": truth and predicted are unchanged after the call", Arrays.equals(truth, t)
                && Arrays.equals(predicted, p), "count the labels; do not modify the arrays you are given");
    }

    private void lengths(Fn yours, int[] truth, int[] predicted) {
        String what = "confusionMatrix with " + truth.length + " true labels and " + predicted.length + " predictions";
        RuntimeException e = refusal(yours, truth, predicted, CLASSES);
        if (e == null) {
            throw new deepnets.check.CheckFailure(what + ": your code returns a result instead of refusing the "
                    + "input, so " + Math.abs(truth.length - predicted.length) + " labels are silently ignored.\nHint: "
                    + NO_LENGTH_CHECK + ": throw an IllegalArgumentException naming both.");
        }
        Check.isTrue(what + ": an IllegalArgumentException (yours: " + e.getClass().getSimpleName() + ")",
                e instanceof IllegalArgumentException, e instanceof IndexOutOfBoundsException
                        ? NO_LENGTH_CHECK + ": throw an IllegalArgumentException naming both lengths, before the "
                                + "first label is used"
                        : WRONG_TYPE + ": arrays of different lengths are the caller's bad arguments");
        String message = String.valueOf(e.getMessage());
        Check.isTrue(what + ": the message names both lengths, " + truth.length + " and " + predicted.length
                + " (yours: \"" + message + "\")", message.contains(String.valueOf(truth.length))
                && message.contains(String.valueOf(predicted.length)), "name both lengths in the message");
    }

    private void badLabel(Fn yours, String array, int[] truth, int[] predicted, int position, int label) {
        String what = "confusionMatrix with " + array + "[" + position + "] = " + label + " among " + CLASSES
                + " classes";
        RuntimeException e = refusal(yours, truth, predicted, CLASSES);
        if (e instanceof IllegalArgumentException) {
            String message = String.valueOf(e.getMessage());
            Check.isTrue(what + ": the message names the label " + label + " and its position " + position
                    + " (yours: \"" + message + "\")", message.contains(String.valueOf(label))
                    && message.contains(String.valueOf(position)), UNNAMED + ": say which example has which label");
            return;
        }
        String yoursDid = e == null ? "returns a result" : "throws " + e.getClass().getSimpleName();
        String cause;
        if (e != null && !(e instanceof IndexOutOfBoundsException)) {
            cause = WRONG_TYPE + ": a label outside 0..classes-1 is the caller's bad argument";
        } else if (label < 0) {
            cause = NO_NEGATIVE_CHECK + ": check label < 0 as well as label >= classes";
        } else if (refusal(yours, plus(truth, array.equals("truth") ? position : -1),
                plus(predicted, array.equals("predicted") ? position : -1), CLASSES)
                instanceof IllegalArgumentException) {
            cause = OFF_BY_ONE;
        } else if (array.equals("predicted") && refusal(yours, predicted, truth, CLASSES)
                instanceof IllegalArgumentException) {
            cause = ONLY_TRUTH + ": check predicted[i] as well as truth[i]";
        } else {
            cause = NO_LABEL_CHECK + ": check every label against 0..classes-1 and throw an "
                    + "IllegalArgumentException naming it and its position";
        }
        throw new deepnets.check.CheckFailure(what + ": an IllegalArgumentException should be thrown, but your code "
                + yoursDid + (e == null || e.getMessage() == null ? "" : " (" + e.getMessage() + ")")
                + ".\nHint: " + cause + ".");
    }

    /** What the student's code throws on this input, or null if it returns. */
    private RuntimeException refusal(Fn yours, int[] truth, int[] predicted, int classes) {
        try {
            call(() -> yours.apply(truth.clone(), predicted.clone(), classes));
            return null;
        } catch (deepnets.check.CheckFailure | deepnets.NotImplementedYet e) {
            throw e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A copy with the entry at {@code position} one further from the valid range (none if position < 0). */
    private static int[] plus(int[] labels, int position) {
        int[] out = labels.clone();
        if (position >= 0) {
            out[position] += out[position] < 0 ? -1 : 1;
        }
        return out;
    }

    private static double[][] doubles(int[][] counts) {
        if (counts == null) {
            return null;
        }
        double[][] out = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i] == null ? null : Arrays.stream(counts[i]).asDoubleStream().toArray();
        }
        return out;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("rows and columns swapped", SWAPPED, (t, p, k) -> count(t, p, k, true, true,
                        (c, ti, pi) -> c[pi][ti]++)),
                new Mistake<>("skips the correct predictions", SKIPS_DIAGONAL, (t, p, k) -> count(t, p, k, true, true,
                        (c, ti, pi) -> {
                            if (ti != pi) {
                                c[ti][pi]++;
                            }
                        })),
                new Mistake<>("counts the true class twice", TRUE_TWICE, (t, p, k) -> count(t, p, k, true, true,
                        (c, ti, pi) -> c[ti][ti]++)),
                new Mistake<>("no check of the labels", NO_LABEL_CHECK, (t, p, k) -> count(t, p, k, true, false,
                        (c, ti, pi) -> c[ti][pi]++)),
                new Mistake<>("label check off by one (label > classes)", OFF_BY_ONE, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] < 0 || t[i] > k || p[i] < 0 || p[i] > k) {
                            throw new IllegalArgumentException("example " + i + " has label " + t[i] + " / " + p[i]);
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("label check refuses classes - 1", TOO_STRICT, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] < 0 || t[i] >= k - 1 || p[i] < 0 || p[i] >= k - 1) {
                            throw new IllegalArgumentException("example " + i + " has label " + t[i] + " / " + p[i]);
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("negative labels not checked", NO_NEGATIVE_CHECK, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] >= k || p[i] >= k) {
                            throw new IllegalArgumentException("example " + i + " has label " + t[i] + " / " + p[i]);
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("only the true labels checked", ONLY_TRUTH, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] < 0 || t[i] >= k) {
                            throw new IllegalArgumentException("example " + i + " has true label " + t[i]);
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("message without the label's position", UNNAMED, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] < 0 || t[i] >= k || p[i] < 0 || p[i] >= k) {
                            throw new IllegalArgumentException("confusionMatrix: a label is outside the range");
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("IllegalStateException for a bad label", WRONG_TYPE, (t, p, k) -> {
                    for (int i = 0; i < Math.min(t.length, p.length); i++) {
                        if (t[i] < 0 || t[i] >= k || p[i] < 0 || p[i] >= k) {
                            throw new IllegalStateException("confusionMatrix: example " + i + " has true label " + t[i]
                                    + " and prediction " + p[i]);
                        }
                    }
                    return count(t, p, k, true, false, (c, ti, pi) -> c[ti][pi]++);
                }),
                new Mistake<>("no check of the lengths", NO_LENGTH_CHECK, (t, p, k) -> count(t, p, k, false, true,
                        (c, ti, pi) -> c[ti][pi]++)));
    }

    /** How one mistake adds example i to the counts. */
    private interface Add {
        void add(int[][] counts, int truth, int predicted);
    }

    /** A confusion matrix with the given checks and the given way of adding one example. */
    private static int[][] count(int[] t, int[] p, int k, boolean lengths, boolean labels, Add add) {
        if (lengths && t.length != p.length) {
            throw new IllegalArgumentException("confusionMatrix: " + t.length + " true labels but " + p.length
                    + " predictions");
        }
        int[][] counts = new int[k][k];
        for (int i = 0; i < t.length; i++) {
            if (labels && (t[i] < 0 || t[i] >= k || p[i] < 0 || p[i] >= k)) {
                throw new IllegalArgumentException("confusionMatrix: example " + i + " has true label " + t[i]
                        + " and prediction " + p[i]);
            }
            add.add(counts, t[i], p[i]);
        }
        return counts;
    }

    @Override
    public Fn bypass() {
        return (truth, predicted, classes) -> ConfusionMatrix.count(truth, predicted, classes);
    }
}
