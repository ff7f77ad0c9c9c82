package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.Matrices;
import deepnets.layers.BatchNorm;
import deepnets.check.CheckFailure;
import deepnets.check.Probe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * Notebook 04, Exercise 1: the batch-norm forward pass in training mode. For {@code z} (m, n): per unit (column)
 * the batch mean and variance (with 1/m), {@code zNorm = (z - mu) / sqrt(var + eps)} and
 * {@code out = gamma * zNorm + beta}, returned as a {@link BnForward}; {@code z} is not modified.
 */
public final class BatchNormForward extends Task<BatchNormForward.Fn> {

    /** The student's {@code batchNormForward}. */
    @FunctionalInterface
    public interface Fn {
        BnForward apply(double[][] z, double[] gamma, double[] beta, double eps);
    }

    // m = 8 examples, n = 3 units on different scales; unit 2 has a tiny spread, so where eps goes shows.
    private static final double[][] Z = gaussian(new Random(7), 8, new double[] {0.0, -2.0, 5.0},
            new double[] {1.0, 3.0, 0.01});
    private static final double[] GAMMA = {1.5, 0.5, 2.0};
    private static final double[] BETA = {0.3, -1.0, 0.7};
    private static final double EPS = 1e-3;
    // For the properties: m = 64 examples, n = 5 units with means -4..8 and spreads 1..5.
    private static final double[][] BIG = gaussian(new Random(8), 64, new double[] {-4, -1, 2, 5, 8},
            new double[] {1, 2, 3, 4, 5});

    BatchNormForward() {
        super("04-batch-norm-forward", "Exercise 1 (batch-norm forward)", 2, Fn.class);
    }

    /** One input of the check: z (m, n), gamma and beta (n,), eps. */
    private record Case(double[][] z, double[] gamma, double[] beta, double eps) {

        String show() {
            return "z = " + Probe.show(z) + ", gamma = " + Probe.show(gamma) + ", beta = " + Probe.show(beta)
                    + ", eps = " + eps;
        }

        Case copy() {
            return new Case(Matrices.copy(z), gamma.clone(), beta.clone(), eps);
        }
    }

    private static final String KEEP_Z = "do not modify the input z; write zNorm and out into new arrays";

    /**
     * Runs the student's code on a copy of {@code c} through the guard, with the standard hazards: an exception
     * names the input; z, gamma and beta must be unchanged; out and zNorm must not share rows with z.
     */
    private BnForward run(Fn yours, Case c, String piece) {
        Case given = c.copy();
        BnForward got = Probe.run(piece, c.show(), () -> call(() -> yours.apply(given.z(), given.gamma(),
                given.beta(), given.eps())));
        Probe.unchanged("z", c.z(), given.z(), KEEP_Z);
        Probe.unchanged("gamma", c.gamma(), given.gamma(), "do not modify gamma");
        Probe.unchanged("beta", c.beta(), given.beta(), "do not modify beta");
        Check.isTrue("batchNormForward returns a BnForward with out, mu, var and zNorm", got != null
                && got.out() != null && got.mu() != null && got.var() != null && got.zNorm() != null,
                "return new BnForward(out, mu, var, zNorm), none of them null");
        Probe.noSharedRows("zNorm", got.zNorm(), "z", given.z());
        Probe.noSharedRows("out", got.out(), "z", given.z());
        Probe.distinctRows("zNorm", got.zNorm());
        Probe.distinctRows("out", got.out());
        return got;
    }

    private static BatchNorm.Forward right(Case c) {
        return BatchNorm.forwardTrain(Matrices.copy(c.z()), c.gamma().clone(), c.beta().clone(), c.eps());
    }

    /** What each known mistake returns on {@code c}. */
    private Map<String, BnForward> known(Case c) {
        return diagnose(m -> m.apply(Matrices.copy(c.z()), c.gamma().clone(), c.beta().clone(), c.eps()));
    }

    private static <T> Map<String, T> piece(Map<String, BnForward> known, Function<BnForward, T> part) {
        Map<String, T> out = new LinkedHashMap<>();
        known.forEach((cause, f) -> out.put(cause, f == null ? null : part.apply(f)));
        return out;
    }

    // The probes, simplest first; each lets one piece be wrong alone. gamma = 1, beta = 0 until the last.
    // A constant column and a column (1, 3) for the mean.
    // Two examples and three units, so that m and n differ.
    private static final Case MEAN = new Case(new double[][] {{2, 1, 0}, {2, 3, 0}}, new double[] {1, 1, 1},
            new double[] {0, 0, 0}, 1e-3);
    // A column (0, 4) for the variance: 4 with m, 8 with m - 1, 2 as a standard deviation.
    private static final Case VARIANCE = new Case(new double[][] {{0}, {4}}, new double[] {1}, new double[] {0}, 1e-3);
    // A large eps next to a variance of 4 (sqrt(4 + 5) = 3, sqrt(4) + 5 = 7, 4 + 5 = 9) and a zero-variance column.
    private static final Case EPS_PLACE = new Case(new double[][] {{0, 5}, {4, 5}}, new double[] {1, 1},
            new double[] {0, 0}, 5);
    // Then gamma and beta, different per column.
    private static final Case SCALE_SHIFT = new Case(new double[][] {{0, 1}, {4, 3}}, new double[] {3, 2},
            new double[] {10, -1}, 5);

    /** The whole output on the check's batch, as rows of numbers: out, mu, var, zNorm. */
    private static double[][] fingerprint(Fn code) {
        BnForward f = code.apply(Matrices.copy(Z), GAMMA.clone(), BETA.clone(), EPS);
        List<double[]> rows = new ArrayList<>(List.of(f.out()));
        rows.add(f.mu());
        rows.add(f.var());
        rows.addAll(List.of(f.zNorm()));
        return rows.toArray(double[][]::new);
    }

    /**
     * Checks the four pieces on one probe, in the order they are computed: mu, var, zNorm, out. Only the known
     * mistakes in {@code consistent} are named.
     */
    private void pieces(BnForward got, Case c, java.util.Set<String> consistent, String zNormRule, String outRule) {
        BatchNorm.Forward lib = right(c);
        Map<String, BnForward> known = new LinkedHashMap<>();
        known(c).forEach((cause, f) -> {
            if (consistent.contains(cause)) {
                known.put(cause, f);
            }
        });
        int m = c.z().length;
        Probe.vector("mu", c.show(), "the mean of each column over the m = " + m + " examples", lib.cache().mu(),
                got.mu(), 1e-9, piece(known, BnForward::mu));
        Probe.vector("var", c.show(), "the variance of each column, the mean of (z - mu)^2 over the m = " + m
                + " examples,", lib.cache().var(), got.var(), 1e-9, piece(known, BnForward::var));
        Probe.matrix("zNorm", c.show(), zNormRule, lib.cache().xhat(), got.zNorm(), 1e-9, piece(known,
                BnForward::zNorm));
        Probe.matrix("out", c.show(), outRule, lib.out(), got.out(), 1e-9, piece(known, BnForward::out));
    }

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, BatchNormForward::fingerprint);
        BnForward got = run(yours, MEAN, "the mean");
        BnForward again = run(yours, MEAN, "the mean");
        Probe.sameOnRepeat("batchNormForward(z, gamma, beta, eps).mu", MEAN.show(), new double[][] {got.mu()},
                new double[][] {again.mu()});
        Probe.sameOnRepeat("batchNormForward(z, gamma, beta, eps).out", MEAN.show(), got.out(), again.out());
        String rule = "(z - mu) / sqrt(var + eps)";
        pieces(got, MEAN, consistent, rule, "gamma * zNorm + beta, here zNorm itself,");
        pieces(run(yours, VARIANCE, "the variance"), VARIANCE, consistent, rule,
                "gamma * zNorm + beta, here zNorm itself,");
        pieces(run(yours, EPS_PLACE, "where eps goes"), EPS_PLACE, consistent, rule + " with eps = 5",
                "gamma * zNorm + beta, here zNorm itself,");
        pieces(run(yours, SCALE_SHIFT, "gamma and beta"), SCALE_SHIFT, consistent, rule + ", before gamma and beta,",
                "gamma * zNorm + beta, per column,");

        // The check's batch: a known mistake is named; anything else is shown on the smallest input that fails.
        Case main = new Case(Z, GAMMA, BETA, EPS);
        BnForward first = run(yours, main, "a batch of 8 examples and 3 units");
        if (wrong(first, main)) {
            Map<String, BnForward> known = known(main);
            known.keySet().retainAll(consistent);
            for (Map.Entry<String, BnForward> k : known.entrySet()) {
                if (k.getValue() != null && !wrong(first, k.getValue())) {
                    throw new CheckFailure(Probe.sentence(k.getKey()) + "\n(on the check's batch " + main.show()
                            + ")");
                }
            }
            Case small = Probe.shrink(main, BatchNormForward::smaller, c -> wrong(run(yours, c, "a smaller batch"),
                    c), 400);
            BnForward mine = run(yours, small, "the smallest batch found");
            BatchNorm.Forward lib = right(small);
            String input = small.show() + " (the smallest input found on which yours is wrong)";
            Probe.vector("mu", input, "the right value", lib.cache().mu(), mine.mu(), 1e-9, Map.of());
            Probe.vector("var", input, "the right value", lib.cache().var(), mine.var(), 1e-9, Map.of());
            Probe.matrix("zNorm", input, "the right value", lib.cache().xhat(), mine.zNorm(), 1e-9, Map.of());
            Probe.matrix("out", input, "the right value", lib.out(), mine.out(), 1e-9, Map.of());
        }
        Probe.sameOnRepeat("batchNormForward(z, gamma, beta, eps).out", main.show(), first.out(),
                run(yours, main, "a second call on the same batch").out());

        // Properties on a larger batch, each a consequence of the four formulas.
        int n = BIG[0].length;
        double[] ones = {1, 1, 1, 1, 1};
        double[] zeros = new double[n];
        double[][] big1 = Matrices.copy(BIG);
        double[][] plain = call(() -> yours.apply(big1, ones.clone(), zeros.clone(), 1e-5)).out();
        Check.allClose("per-unit mean of out with gamma = 1, beta = 0", zeros, means(plain), 1e-9,
                "each column (unit) of out must average to 0 over the examples");
        Check.allClose("per-unit variance of out with gamma = 1, beta = 0", ones, variances(plain), 1e-4,
                "each column of out must have variance 1 (up to eps); (m - 1) / m means the variance divided by m - 1");
        double[] g = {0.5, 1, 2, 3, 4};
        double[] b = {-1, 0, 1, 2, 3};
        double[][] big2 = Matrices.copy(BIG);
        double[][] shifted = call(() -> yours.apply(big2, g.clone(), b.clone(), 1e-5)).out();
        double[] sd = each(n, j -> Math.sqrt(variances(shifted)[j]));
        Check.allClose("per-unit mean of out = beta", b, means(shifted), 1e-9,
                "after normalizing, out = gamma * zNorm + beta has mean beta");
        Check.allClose("per-unit standard deviation of out = gamma", g, sd, 1e-4,
                "after normalizing, out = gamma * zNorm + beta has standard deviation gamma");
        double[] bigMu = means(BIG);
        double[] undoGamma = each(n, j -> Math.sqrt(variances(BIG)[j] + 1e-5));
        double[][] big3 = Matrices.copy(BIG);
        double[][] undone = call(() -> yours.apply(big3, undoGamma.clone(), bigMu.clone(), 1e-5)).out();
        Check.allClose("out with gamma = sqrt(var + eps), beta = mu", BIG, undone, 1e-9,
                "these gamma and beta undo the normalization exactly, so out must equal z");
        return "mean 0 and variance 1 per unit, then mean beta and spread gamma";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        double[][] kept = {null};
        return List.of(
                new Mistake<>("variance divided by m - 1", "the variance divides by m - 1 instead of m",
                        (z, g, b, eps) -> {
                            double[] var = each(z[0].length, j -> variances(z)[j] * z.length / (z.length - 1));
                            return forward(z, g, b, means(z), var, j -> Math.sqrt(var[j] + eps));
                        }),
                new Mistake<>("eps outside the square root", "eps is added outside the square root, sqrt(var) + eps",
                        (z, g, b, eps) -> forward(z, g, b, means(z), variances(z),
                                j -> Math.sqrt(variances(z)[j]) + eps)),
                new Mistake<>("divides by the variance", "you divide by the variance instead of the standard "
                        + "deviation sqrt(var + eps)",
                        (z, g, b, eps) -> forward(z, g, b, means(z), variances(z), j -> variances(z)[j] + eps)),
                new Mistake<>("mean not subtracted", "the mean is not subtracted",
                        (z, g, b, eps) -> {
                            BnForward f = forward(z, g, b, new double[z[0].length], variances(z),
                                    j -> Math.sqrt(variances(z)[j] + eps));
                            return new BnForward(f.out(), means(z), variances(z), f.zNorm());
                        }),
                new Mistake<>("statistics over the features of each example",
                        "you normalize each example over its features (rows) instead of each feature over the "
                                + "examples (columns)",
                        (z, g, b, eps) -> {
                            double[][] t = transpose(z);
                            double[] mu = means(t);
                            double[] var = variances(t);
                            double[][] zNorm = transpose(forward(t, ones(t[0].length), new double[t[0].length], mu,
                                    var, i -> Math.sqrt(var[i] + eps)).zNorm());
                            return new BnForward(scaleShift(zNorm, g, b), mu, var, zNorm);
                        }),
                new Mistake<>("gamma left out", "gamma is left out: out = zNorm + beta",
                        (z, g, b, eps) -> right(z, ones(g.length), b, eps)),
                new Mistake<>("beta left out", "beta is left out: out = gamma * zNorm",
                        (z, g, b, eps) -> right(z, g, new double[b.length], eps)),
                new Mistake<>("gamma and beta swapped", "gamma and beta are swapped: out = beta * zNorm + gamma",
                        (z, g, b, eps) -> right(z, b, g, eps)),
                new Mistake<>("returns the standard deviation", "you return the standard deviation instead of the "
                        + "variance",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), each(g.length, j -> Math.sqrt(f.var()[j])), f.zNorm());
                        }),
                new Mistake<>("returns var + eps", "you return var + eps instead of the variance",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), each(g.length, j -> f.var()[j] + eps), f.zNorm());
                        }),
                new Mistake<>("returns out as zNorm", "you return out = gamma * zNorm + beta in place of zNorm",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            return new BnForward(f.out(), f.mu(), f.var(), f.out());
                        }),
                new Mistake<>("eps left out", "eps is left out of the square root: a column whose values are all "
                        + "equal has variance 0, and (z - mu) / sqrt(0) is 0 / 0 = NaN",
                        (z, g, b, eps) -> forward(z, g, b, means(z), variances(z),
                                j -> Math.sqrt(variances(z)[j]))),
                new Mistake<>("the mean's loop skips the last example", "the sum over the examples for the mean skips "
                        + "the last example (a loop bound of m - 1?)",
                        (z, g, b, eps) -> {
                            double[] mu = means(java.util.Arrays.copyOf(z, z.length - 1));
                            for (int j = 0; j < mu.length; j++) {
                                mu[j] = mu[j] * (z.length - 1) / z.length;
                            }
                            double[] var = variances(z);
                            return forward(z, g, b, mu, var, j -> Math.sqrt(var[j] + eps));
                        }),
                new Mistake<>("zNorm shares its rows with z", "zNorm shares its row arrays with the input z",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            double[][] zNorm = new double[z.length][];
                            for (int i = 0; i < z.length; i++) {
                                zNorm[i] = z[i];
                            }
                            return new BnForward(f.out(), f.mu(), f.var(), zNorm);
                        }),
                new Mistake<>("column sums kept between calls", "keeps state between calls",
                        (z, g, b, eps) -> {
                            // as a field "static double[] sums", allocated when the number of units changes
                            if (kept[0] == null || kept[0].length != z[0].length) {
                                kept[0] = new double[z[0].length];
                            }
                            double[] mu = new double[z[0].length];
                            for (int j = 0; j < mu.length; j++) {
                                for (double[] row : z) {
                                    kept[0][j] += row[j];
                                }
                                mu[j] = kept[0][j] / z.length;
                            }
                            double[] var = variances(z);
                            return forward(z, g, b, mu, var, j -> Math.sqrt(var[j] + eps));
                        }),
                new Mistake<>("normalizes z in place", "do not modify the input z",
                        (z, g, b, eps) -> {
                            BnForward f = right(z, g, b, eps);
                            for (int i = 0; i < z.length; i++) {
                                z[i] = f.zNorm()[i];
                            }
                            return new BnForward(f.out(), f.mu(), f.var(), z);
                        }));
    }

    /** Whether {@code got} differs from the right answer on {@code c} in any of its four parts. */
    private static boolean wrong(BnForward got, Case c) {
        BatchNorm.Forward lib = right(c);
        return wrong(got, new BnForward(lib.out(), lib.cache().mu(), lib.cache().var(), lib.cache().xhat()));
    }

    private static boolean wrong(BnForward got, BnForward want) {
        return got == null || differ(want.mu(), got.mu()) || differ(want.var(), got.var())
                || differ(want.zNorm(), got.zNorm()) || differ(want.out(), got.out());
    }

    private static boolean differ(double[] want, double[] got) {
        return differ(new double[][] {want}, got == null ? null : new double[][] {got});
    }

    private static boolean differ(double[][] want, double[][] got) {
        if (got == null || got.length != want.length) {
            return true;
        }
        for (int i = 0; i < want.length; i++) {
            if (got[i] == null || got[i].length != want[i].length) {
                return true;
            }
            for (int j = 0; j < want[i].length; j++) {
                if (!(Math.abs(got[i][j] - want[i][j]) <= 1e-9 * Math.max(1, Math.abs(want[i][j])))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Smaller cases, simplest first: a row or a unit left out, gamma 1, beta 0, simpler entries of z. */
    private static List<Case> smaller(Case c) {
        List<Case> out = new ArrayList<>();
        int m = c.z().length;
        int n = c.gamma().length;
        if (m > 2) {
            for (int i = 0; i < m; i++) {
                out.add(new Case(Probe.withoutRow(c.z(), i), c.gamma(), c.beta(), c.eps()));
            }
        }
        if (n > 1) {
            for (int j = 0; j < n; j++) {
                out.add(new Case(Probe.withoutColumn(c.z(), j), Probe.without(c.gamma(), j), Probe.without(c.beta(),
                        j), c.eps()));
            }
        }
        for (int j = 0; j < n; j++) {
            if (c.gamma()[j] != 1) {
                double[] g = c.gamma().clone();
                g[j] = 1;
                out.add(new Case(c.z(), g, c.beta(), c.eps()));
            }
            if (c.beta()[j] != 0) {
                double[] b = c.beta().clone();
                b[j] = 0;
                out.add(new Case(c.z(), c.gamma(), b, c.eps()));
            }
        }
        for (double[][] z : Probe.smallerMatrices(c.z(), m, n)) {
            out.add(new Case(z, c.gamma(), c.beta(), c.eps()));
        }
        return out;
    }

    @Override
    public Fn bypass() {
        return (z, g, b, eps) -> {
            BatchNorm.Forward f = BatchNorm.forwardTrain(z, g, b, eps);
            return new BnForward(f.out(), f.cache().mu(), f.cache().var(), f.cache().xhat());
        };
    }

    /** The right answer computed from {@code z}, for mistakes that go wrong elsewhere; {@code gamma}, {@code beta} as given. */
    private static BnForward right(double[][] z, double[] gamma, double[] beta, double eps) {
        double[] var = variances(z);
        return forward(z, gamma, beta, means(z), var, j -> Math.sqrt(var[j] + eps));
    }

    /** zNorm = (z - mu) / divisor(j), out = gamma zNorm + beta; returns mu and var as given. */
    private static BnForward forward(double[][] z, double[] gamma, double[] beta, double[] mu, double[] var,
                                     IntToDoubleFunction divisor) {
        double[][] zNorm = new double[z.length][z[0].length];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < z[0].length; j++) {
                zNorm[i][j] = (z[i][j] - mu[j]) / divisor.applyAsDouble(j);
            }
        }
        return new BnForward(scaleShift(zNorm, gamma, beta), mu, var, zNorm);
    }

    private static double[][] scaleShift(double[][] zNorm, double[] gamma, double[] beta) {
        double[][] out = new double[zNorm.length][zNorm[0].length];
        for (int i = 0; i < zNorm.length; i++) {
            for (int j = 0; j < zNorm[0].length; j++) {
                out[i][j] = gamma[j] * zNorm[i][j] + beta[j];
            }
        }
        return out;
    }

    /** Column means. */
    private static double[] means(double[][] z) {
        double[] mu = new double[z[0].length];
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j] / z.length;
            }
        }
        return mu;
    }

    /** Column variances with 1/m. */
    private static double[] variances(double[][] z) {
        double[] mu = means(z);
        double[] var = new double[mu.length];
        for (double[] row : z) {
            for (int j = 0; j < mu.length; j++) {
                var[j] += (row[j] - mu[j]) * (row[j] - mu[j]) / z.length;
            }
        }
        return var;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    private static double[] ones(int n) {
        return each(n, j -> 1.0);
    }

    private static double[] each(int n, IntToDoubleFunction f) {
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = f.applyAsDouble(j);
        }
        return out;
    }

    private static double[][] gaussian(Random random, int m, double[] centre, double[] spread) {
        double[][] z = new double[m][centre.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < centre.length; j++) {
                z[i][j] = centre[j] + spread[j] * random.nextGaussian();
            }
        }
        return z;
    }
}
