package deepnets.exercises;

import deepnets.check.Check;
import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.layers.Softmax;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Notebook 07, Exercise 1: the softmax of every row of z, (N, C) -&gt; (N, C), with each row's maximum subtracted so
 * that logits of +-1000 neither overflow nor underflow; z is not modified.
 */
public final class StableSoftmax extends Task<StableSoftmax.Fn> {

    /** The student's {@code softmax}. */
    @FunctionalInterface
    public interface Fn {
        double[][] apply(double[][] z);
    }

    // (3, 4): rows and columns differ, so normalizing the wrong way shows.
    private static final double[][] BATCH = {{1, 2, 3, 4}, {-1, 0.5, 0, 2}, {3, 3, 3, 3}};

    /** Extreme logits, with the hint that names what a NaN there means. */
    private record Extreme(String what, double[][] z, String hint) {
    }

    private static final Extreme[] EXTREMES = {
        new Extreme("softmax of logits near +1000", new double[][] {{1000, 999, 998}},
            "NaN here means e^1000 overflowed to Infinity (Infinity / Infinity = NaN): subtract each row's maximum "
                    + "before exp"),
        new Extreme("softmax of logits near -1000", new double[][] {{-1000, -1001, -1002}},
            "NaN here means every e^-1000 underflowed to 0 (0 / 0 = NaN): subtract each row's maximum, then the "
                    + "largest term is e^0 = 1"),
        new Extreme("softmax of logits (1000, 0, -1000)", new double[][] {{1000, 0, -1000}},
            "NaN here means the shifted logits still overflow: subtract the maximum (not the minimum or the mean), "
                    + "so that the largest is 0"),
        new Extreme("softmax of logits (-1000, 0, 1000)", new double[][] {{-1000, 0, 1000}},
            "NaN here means the largest logit, in the last column, was not subtracted: does your search for the "
                    + "maximum look at every column?"),
        new Extreme("softmax of a batch with one row near +1000 and one near -1000",
            new double[][] {{1000, 999, 998}, {-1000, -1001, -1002}},
            "NaN in row 1 means you subtracted the maximum of the whole batch (1000) from every row: take each "
                    + "row's own maximum"),
    };

    StableSoftmax() {
        super("07-softmax-regression", "Exercise 1 (stable softmax)", 2, Fn.class);
    }

    /** The reference: the library's softmax on a copy of z. */
    @Solves(StableSoftmax.class)
    public static double[][] reference(double[][] z) {
        EntryPoints.entered();
        return Softmax.forward(Matrices.copy(z));
    }

    /** A probe: a small z, what it tests and how the right answer comes about. */
    private record Piece(String piece, double[][] z, String rule) {
    }

    // Simplest first; each lets one piece be wrong alone.
    private static final Piece[] PIECES = {
        new Piece("equal logits", new double[][] {{0, 0}, {3, 3}}, "with equal logits every class gets 1 / C = 0.5,"),
        new Piece("one large logit", new double[][] {{1000, 0}}, "a logit 1000 above the other gets "
                + "probability 1 (e^-1000 is 0 next to 1),"),
        new Piece("rows independent of each other", new double[][] {{0, 0}, {1, 2}}, "each row's own softmax "
                + "(row 0 is {0.5, 0.5}, whatever the other rows hold)"),
        new Piece("a row near -1000", new double[][] {{-1000, -1001}}, "e^0 / (e^0 + e^-1) and "
                + "e^-1 / (e^0 + e^-1), after subtracting the row's maximum,"),
    };

    /** Runs the student's code on a copy of z with the standard hazards: z unchanged, no shared rows. */
    private double[][] run(Fn yours, double[][] z, String piece) {
        double[][] given = Matrices.copy(z);
        double[][] got = Probe.run(piece, "z = " + Probe.show(z), () -> call(() -> yours.apply(given)));
        Probe.unchanged("z", z, given, "write the shifted exponentials into a new array: the caller still needs "
                + "its logits");
        Probe.noSharedRows("softmax(z)", got, "z", given);
        Probe.distinctRows("softmax(z)", got);
        return got;
    }

    // For telling which known mistake the student's code agrees with: the batch and two extreme rows.
    private static final double[][] TELL = {{1000, 0, -1000}, {-1000, -1001, -1002}};

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, f -> {
            double[][] a = f.apply(Matrices.copy(BATCH));
            double[][] b = f.apply(Matrices.copy(TELL));
            double[][] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        });
        double[][] first = run(yours, PIECES[0].z(), PIECES[0].piece());
        Probe.sameOnRepeat("softmax(z)", "z = " + Probe.show(PIECES[0].z()), first,
                run(yours, PIECES[0].z(), "a second call on the same z"));
        for (Piece p : PIECES) {
            double[][] got = run(yours, p.z(), p.piece());
            Probe.matrix("softmax(z)", "z = " + Probe.show(p.z()), p.rule(), reference(p.z()), got, 1e-12,
                    only(diagnose(m -> m.apply(Matrices.copy(p.z()))), consistent));
        }
        double[][] got = run(yours, BATCH, "a (3, 4) batch");
        if (!Probe.same(reference(BATCH), got, 1e-12)) {
            Map<String, double[][]> known = only(diagnose(m -> m.apply(Matrices.copy(BATCH))), consistent);
            if (known.values().stream().anyMatch(k -> Probe.same(k, got, 1e-12))) {
                Probe.matrix("softmax(z)", "z = " + Probe.show(BATCH), "the softmax of each row", reference(BATCH),
                        got, 1e-12, known);
            }
            double[][] small = Probe.shrink(BATCH, z -> Probe.smallerMatrices(z, 1, 1),
                    z -> !Probe.same(reference(z), run(yours, z, "a smaller z"), 1e-12), 400);
            Probe.matrix("softmax(z)", "z = " + Probe.show(small) + " (the smallest input found on which yours is "
                    + "wrong)", "the softmax of each row", reference(small), run(yours, small, "the smallest z"),
                    1e-12, Map.of());
        }
        for (Extreme extreme : EXTREMES) {
            Check.allClose(extreme.what(), reference(extreme.z()), run(yours, extreme.z(), extreme.what()), 1e-12,
                    extreme.hint());
        }
        return "rows of a (3, 4) batch, and logits of +-1000 without overflow or underflow";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("no max subtraction (the naive formula)", "e^1000 overflowed to Infinity",
                        z -> rows(z, row -> 0)),
                new Mistake<>("normalizes each column instead of each row",
                        "you normalize each column instead of each row",
                        z -> transpose(rows(transpose(z), StableSoftmax::max))),
                new Mistake<>("does not divide by the row sum", "you forget to divide by the row sum",
                        z -> {
                            double[][] out = new double[z.length][];
                            for (int i = 0; i < z.length; i++) {
                                double max = max(z[i]);
                                out[i] = Arrays.stream(z[i]).map(v -> Math.exp(v - max)).toArray();
                            }
                            return out;
                        }),
                new Mistake<>("subtracts the maximum of the whole batch",
                        "you subtracted the maximum of the whole batch",
                        z -> {
                            double max = Arrays.stream(z).mapToDouble(StableSoftmax::max).max().orElse(0);
                            return rows(z, row -> max);
                        }),
                new Mistake<>("subtracts the row minimum", "subtract the row's maximum, not its minimum",
                        z -> rows(z, row -> Arrays.stream(row).min().orElse(0))),
                new Mistake<>("subtracts the row mean", "subtract the maximum (not the minimum or the mean)",
                        z -> rows(z, row -> Arrays.stream(row).average().orElse(0))),
                new Mistake<>("the maximum search skips the last column",
                        "the largest logit, in the last column, was not subtracted",
                        z -> rows(z, row -> max(Arrays.copyOf(row, row.length - 1)))),
                new Mistake<>("the sum is not reset for each row", "the sum is not reset for each row: a row is "
                        + "divided by the sums of the rows before it too",
                        z -> {
                            double[][] out = new double[z.length][];
                            double sum = 0;
                            for (int i = 0; i < z.length; i++) {
                                double max = max(z[i]);
                                out[i] = Arrays.stream(z[i]).map(v -> Math.exp(v - max)).toArray();
                                sum += Arrays.stream(out[i]).sum();
                                for (int c = 0; c < out[i].length; c++) {
                                    out[i][c] /= sum;
                                }
                            }
                            return out;
                        }),
                new Mistake<>("the maximum starts at 0", "the maximum starts at 0 instead of the row's first logit, "
                        + "so for a row whose logits are all below 0 nothing is subtracted",
                        z -> rows(z, row -> Math.max(0, max(row)))),
                new Mistake<>("modifies z in place", "write the shifted exponentials into a new array",
                        z -> {
                            double[][] out = rows(z, StableSoftmax::max);
                            for (int i = 0; i < z.length; i++) {
                                System.arraycopy(out[i], 0, z[i], 0, z[i].length);
                            }
                            return z;
                        }));
    }

    @Override
    public Fn bypass() {
        return z -> Softmax.forward(z);
    }

    /** Row-wise exp(z - shift(row)) / sum: the softmax with a chosen shift, for the mistakes. */
    private static double[][] rows(double[][] z, java.util.function.ToDoubleFunction<double[]> shift) {
        double[][] out = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double s = shift.applyAsDouble(z[i]);
            out[i] = Arrays.stream(z[i]).map(v -> Math.exp(v - s)).toArray();
            double sum = Arrays.stream(out[i]).sum();
            for (int c = 0; c < out[i].length; c++) {
                out[i][c] /= sum;
            }
        }
        return out;
    }

    private static double max(double[] row) {
        return Arrays.stream(row).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int c = 0; c < a[i].length; c++) {
                t[c][i] = a[i][c];
            }
        }
        return t;
    }
}
