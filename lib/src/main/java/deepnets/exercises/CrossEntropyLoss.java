package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.data.OneHot;
import deepnets.layers.SoftmaxCrossEntropy;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Notebook 07, Exercise 2: the mean cross-entropy of softmax(z) against one-hot labels y, both (N, C),
 * {@code J = -(1/N) sum_i sum_c y_ic log softmax(z)_ic}, with {@code log softmax} computed as
 * {@code z - logsumexp(z)} so that logits of +-1000 give the right, finite loss; z and y are not modified.
 */
public final class CrossEntropyLoss extends Task<CrossEntropyLoss.Fn> {

    /** The student's {@code crossEntropy}. */
    @FunctionalInterface
    public interface Fn {
        double apply(double[][] z, double[][] y);
    }

    private static final double[][] Z;
    private static final double[][] Y;
    // A confident right and a confident wrong example: softmax rounds e^-800 to 0.
    private static final double[][] Z_CONFIDENT = {{0, -800}, {0, 800}};
    private static final double[][] Y_CONFIDENT = {{1, 0}, {1, 0}};

    private static final String LOG_OF_ZERO = "NaN or Infinity means a log of 0: softmax rounds e^-800 to 0. Compute "
            + "log yhat_c as z_c - logsumexp(z), never log(softmax(z))";

    static {
        // 5 examples, 4 classes: N and C differ, so a division by N * C or by C shows.
        Random random = new Random(11);
        Z = new double[5][4];
        int[] labels = new int[5];
        for (int i = 0; i < 5; i++) {
            for (int c = 0; c < 4; c++) {
                Z[i][c] = 2 * random.nextGaussian();
            }
            labels[i] = random.nextInt(4);
        }
        Y = OneHot.encode(labels, 4);
    }

    CrossEntropyLoss() {
        super("07-softmax-regression", "Exercise 2 (cross-entropy loss)", 2, Fn.class);
    }

    /** The reference: the library's softmax cross-entropy, the labels read from the one-hot rows of y. */
    @Solves(CrossEntropyLoss.class)
    public static double reference(double[][] z, double[][] y) {
        EntryPoints.entered();
        return SoftmaxCrossEntropy.forward(Matrices.copy(z), Matrices.argmaxRows(y)).loss();
    }

    @Override
    protected String visible(Fn yours) {
        double[][] z = Matrices.copy(Z);
        double[][] y = Matrices.copy(Y);
        double got = call(() -> yours.apply(z, y));
        Check.closeWithDiagnosis("crossEntropy of a batch of 5 examples, 4 classes", reference(Z, Y), got, 1e-10,
                diagnose(m -> m.apply(Matrices.copy(Z), Matrices.copy(Y))));
        Check.isTrue("crossEntropy leaves z and y unchanged", Arrays.deepEquals(Z, z) && Arrays.deepEquals(Y, y),
                "do not modify z: compute the shifted logits in local variables, the caller still needs its logits");
        double[][] zc = Matrices.copy(Z_CONFIDENT);
        double[][] yc = Matrices.copy(Y_CONFIDENT);
        double confident = call(() -> yours.apply(zc, yc));
        String what = "crossEntropy of a confident right and a confident wrong example";
        Check.isTrue(what + " is a finite number (yours: " + confident + ")", Double.isFinite(confident), LOG_OF_ZERO);
        Check.closeWithDiagnosis(what, reference(Z_CONFIDENT, Y_CONFIDENT), confident, 1e-12,
                diagnose(m -> m.apply(Matrices.copy(Z_CONFIDENT), Matrices.copy(Y_CONFIDENT))));
        return "the mean loss of 5 examples, and a finite loss for logits of +-800";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("sums over the batch instead of averaging",
                        "you sum over the examples instead of taking the mean",
                        (z, y) -> z.length * loss(z, y, false)),
                new Mistake<>("leaves out the minus sign", "you leave out the minus sign",
                        (z, y) -> -loss(z, y, false)),
                new Mistake<>("divides by N * C, averaging over the classes too",
                        "you divide by N * C, averaging over the classes too",
                        (z, y) -> loss(z, y, false) / z[0].length),
                new Mistake<>("takes the log of the softmax output (log of zero)",
                        LOG_OF_ZERO,
                        (z, y) -> {
                            double total = 0;
                            for (int i = 0; i < z.length; i++) {
                                double max = Arrays.stream(z[i]).max().orElse(0);
                                double sum = Arrays.stream(z[i]).map(v -> Math.exp(v - max)).sum();
                                for (int c = 0; c < z[i].length; c++) {
                                    total -= y[i][c] * Math.log(Math.exp(z[i][c] - max) / sum);
                                }
                            }
                            return total / z.length;
                        }),
                new Mistake<>("uses log10 instead of the natural log", "you use log10 instead of the natural log",
                        (z, y) -> loss(z, y, false) / Math.log(10)),
                new Mistake<>("the maximum left out of log-sum-exp", "your log-sum-exp leaves out the maximum: it is "
                        + "zmax + log(sum of exp(z - zmax))",
                        (z, y) -> loss(z, y, true)),
                new Mistake<>("shifts z in place", "do not modify z",
                        (z, y) -> {
                            for (double[] row : z) {
                                double max = Arrays.stream(row).max().orElse(0);
                                for (int c = 0; c < row.length; c++) {
                                    row[c] -= max;
                                }
                            }
                            return loss(z, y, false);
                        }));
    }

    /** The mean loss, written out for the mistakes; {@code dropMax} leaves zmax out of the log-sum-exp. */
    private static double loss(double[][] z, double[][] y, boolean dropMax) {
        double total = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Arrays.stream(z[i]).max().orElse(0);
            double logSumExp = (dropMax ? 0 : max) + Math.log(Arrays.stream(z[i]).map(v -> Math.exp(v - max)).sum());
            for (int c = 0; c < z[i].length; c++) {
                total -= y[i][c] * (z[i][c] - logSumExp);
            }
        }
        return total / z.length;
    }

    @Override
    public Fn bypass() {
        return (z, y) -> SoftmaxCrossEntropy.forward(z, Matrices.argmaxRows(y)).loss();
    }
}
