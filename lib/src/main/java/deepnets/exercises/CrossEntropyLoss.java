package deepnets.exercises;

import deepnets.check.Check;
import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.data.OneHot;
import deepnets.layers.SoftmaxCrossEntropy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    /** A probe: z and y, what it tests and how the right loss comes about. */
    private record Piece(String piece, double[][] z, double[][] y, String rule) {

        String show() {
            return "z = " + Probe.show(z) + ", y = " + Probe.show(y);
        }
    }

    // Simplest first; each lets one piece be wrong alone.
    private static final Piece[] PIECES = {
        new Piece("one example with equal logits", new double[][] {{0, 0}}, new double[][] {{1, 0}},
                "-log(1/2) = ln 2, the natural log,"),
        new Piece("the maximum in log-sum-exp", new double[][] {{3, 3}}, new double[][] {{1, 0}},
                "-(z_0 - logsumexp(z)) = -(3 - (3 + ln 2)) = ln 2"),
        new Piece("the mean over the examples", new double[][] {{0, 0}, {2, 0}}, new double[][] {{1, 0}, {0, 1}},
                "the mean over N = 2 examples of their losses ln 2 and 2 + ln(1 + e^-2) (not their sum, not a "
                        + "division by N * C)"),
        new Piece("the labelled class", new double[][] {{1, 0}}, new double[][] {{0, 1}},
                "-log softmax(z)_1 for the label y = class 1: 1 + ln(1 + e^-1)"),
    };

    /** Runs the student's code on copies with the hazards: z and y unchanged. */
    private double run(Fn yours, double[][] z, double[][] y, String piece) {
        double[][] zz = Matrices.copy(z);
        double[][] yy = Matrices.copy(y);
        double got = Probe.run(piece, "z = " + Probe.show(z) + ", y = " + Probe.show(y),
                () -> call(() -> yours.apply(zz, yy)));
        Probe.unchanged("z", z, zz, "do not modify z: compute the shifted logits in local variables, the caller "
                + "still needs its logits");
        Probe.unchanged("y", y, yy, "do not modify y");
        return got;
    }

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, f -> new double[][] {{f.apply(Matrices.copy(Z),
                Matrices.copy(Y)), f.apply(Matrices.copy(Z_CONFIDENT), Matrices.copy(Y_CONFIDENT))}});
        Piece p0 = PIECES[0];
        double first = run(yours, p0.z(), p0.y(), p0.piece());
        Probe.sameOnRepeat("crossEntropy(z, y)", p0.show(), first, run(yours, p0.z(), p0.y(), "a second call"));
        for (Piece p : PIECES) {
            Probe.scalar("crossEntropy(z, y)", p.show(), p.rule(), reference(p.z(), p.y()),
                    run(yours, p.z(), p.y(), p.piece()), 1e-10, only(diagnose(m -> m.apply(Matrices.copy(p.z()),
                            Matrices.copy(p.y()))), consistent));
        }
        double got = run(yours, Z, Y, "a batch of 5 examples, 4 classes");
        if (!(Math.abs(got - reference(Z, Y)) <= 1e-10 * Math.max(1, Math.abs(reference(Z, Y))))) {
            Map<String, Double> known = only(diagnose(m -> m.apply(Matrices.copy(Z), Matrices.copy(Y))), consistent);
            if (known.values().stream().anyMatch(k -> Math.abs(k - got) <= 1e-10 * Math.max(1, Math.abs(k)))) {
                Probe.scalar("crossEntropy(z, y)", "z = " + Probe.show(Z) + ", y = " + Probe.show(Y),
                        "the mean cross-entropy", reference(Z, Y), got, 1e-10, known);
            }
            double[][][] small = Probe.shrink(new double[][][] {Z, Y}, c -> {
                List<double[][][]> out = new ArrayList<>();
                for (int i = 0; c[0].length > 1 && i < c[0].length; i++) {
                    out.add(new double[][][] {Probe.withoutRow(c[0], i), Probe.withoutRow(c[1], i)});
                }
                for (double[][] z : Probe.smallerMatrices(c[0], c[0].length, c[0][0].length)) {
                    out.add(new double[][][] {z, c[1]});
                }
                return out;
            }, c -> !(Math.abs(run(yours, c[0], c[1], "a smaller batch") - reference(c[0], c[1]))
                    <= 1e-10 * Math.max(1, Math.abs(reference(c[0], c[1])))), 400);
            Probe.scalar("crossEntropy(z, y)", "z = " + Probe.show(small[0]) + ", y = " + Probe.show(small[1])
                    + " (the smallest batch found on which yours is wrong)", "the mean cross-entropy",
                    reference(small[0], small[1]), run(yours, small[0], small[1], "the smallest batch"), 1e-10,
                    Map.of());
        }
        double[][] zc = Matrices.copy(Z_CONFIDENT);
        double[][] yc = Matrices.copy(Y_CONFIDENT);
        double confident = run(yours, zc, yc, "logits of -800 and 800");
        String what = "crossEntropy of a confident right and a confident wrong example";
        Check.isTrue(what + " is a finite number (yours: " + confident + ")", Double.isFinite(confident), LOG_OF_ZERO);
        Check.closeWithDiagnosis(what, reference(Z_CONFIDENT, Y_CONFIDENT), confident, 1e-12,
                diagnose(m -> m.apply(Matrices.copy(Z_CONFIDENT), Matrices.copy(Y_CONFIDENT))));
        return "ln 2 for equal logits, the mean over examples, the labelled class, the mean loss of 5 examples, "
                + "and a finite loss for logits of +-800";
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
                new Mistake<>("the predicted class instead of the label", "you take the loss of the predicted "
                        + "class (the largest logit) instead of the labelled one",
                        (z, y) -> {
                            double[][] predicted = new double[z.length][z[0].length];
                            for (int i = 0; i < z.length; i++) {
                                int best = 0;
                                for (int c = 1; c < z[i].length; c++) {
                                    best = z[i][c] > z[i][best] ? c : best;
                                }
                                predicted[i][best] = 1;
                            }
                            return loss(z, predicted, false);
                        }),
                new Mistake<>("z and y swapped", "z and y are swapped: the labels go in the log-softmax and the "
                        + "logits weigh it",
                        (z, y) -> loss(y, z, false)),
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
