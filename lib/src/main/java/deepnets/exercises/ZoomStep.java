package deepnets.exercises;

import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.check.Probe;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.tuning.ScaledRange;
import deepnets.tuning.Uniform;
import java.util.Arrays;
import java.util.List;

/**
 * Notebook 01, Exercise 1: the zoom step of coarse-to-fine search for one hyperparameter,
 * {@code {max(lo, min(best) - m (hi - lo)), min(hi, max(best) + m (hi - lo))}}; {@code best} comes in no particular
 * order and is not modified.
 */
public final class ZoomStep extends Task<ZoomStep.Fn> {

    /** The student's {@code zoomRange}. */
    @FunctionalInterface
    public interface Fn {
        double[] apply(double lo, double hi, double[] best, double margin);
    }

    // lo, hi, margin, then the best values, never sorted: one case needs no clipping, one clips at lo, one at hi,
    // and one lies below zero (a max that starts at 0 or Double.MIN_VALUE shows there).
    private static final double[][] CASES = {
        {0, 1, 0.1, 0.42, 0.31, 0.36},
        {0, 1, 0.1, 0.11, 0.02, 0.07},
        {2, 6, 0.05, 5.5, 4.8, 5.9},
        {-3, -1, 0.25, -1.8, -2.6, -2.2},
    };

    static final String NO_CLIP = "you do not clip to [lo, hi]: the new range must stay inside the current one";
    static final String SPREAD = "the margin is a fraction of the best values' spread, not of hi - lo";
    static final String NO_MARGIN = "you leave out the margin";
    static final String ABSOLUTE = "you use the margin as an absolute amount, not a fraction of hi - lo";
    static final String FIRST_LAST = "you take the first and last of best as its min and max (best is not sorted)";
    static final String REVERSED = "you return {newHi, newLo} instead of {newLo, newHi}";
    static final String MIN_MAX_SWAPPED = "you clip with Math.min and Math.max swapped: newLo = Math.max(lo, ...) "
            + "keeps it at or above lo, newHi = Math.min(hi, ...) at or below hi";
    static final String START_AT_ZERO = "your min and max start at 0 instead of the first value of best, so they are "
            + "wrong when all the best values lie on one side of 0";
    static final String START_AT_MIN_VALUE = "your max starts at Double.MIN_VALUE, the smallest positive double, not "
            + "the most negative one: start at the first value of best or at Double.NEGATIVE_INFINITY";
    static final String SKIPS_LAST = "your loop over best skips its last value";
    static final String MODIFIES_BEST = "your zoomRange changes the caller's array best (sorting it in place?); "
            + "find the min and max without modifying it, or sort a copy";

    ZoomStep() {
        super("01-tuning-process", "Exercise 1 (zoom step)", 1, Fn.class);
    }

    /** The reference: the formula of the task. */
    @Solves(ZoomStep.class)
    static double[] reference(double lo, double hi, double[] best, double margin) {
        EntryPoints.entered();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : best) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double pad = margin * (hi - lo);
        return new double[] {Math.max(lo, min - pad), Math.min(hi, max + pad)};
    }

    /** A probe: lo, hi, best, margin, what it tests and how the right range comes about. */
    private record Piece(String piece, double lo, double hi, double[] best, double margin, String rule) {

        String show() {
            return "zoomRange(" + lo + ", " + hi + ", " + Probe.show(best) + ", " + margin + ")";
        }
    }

    // Simplest first; each lets one piece be wrong alone.
    private static final Piece[] PIECES = {
        new Piece("the margin", 0, 10, new double[] {5}, 0.1, "with one best value 5 and a margin of 0.1 * (10 - 0) "
                + "= 1 on each side, the range"),
        new Piece("the min and max of best", 0, 10, new double[] {5, 3, 7}, 0.1, "the range from the smallest best "
                + "value 3 minus 1 to the largest, 7 (the last), plus 1,"),
        new Piece("the clipping to [lo, hi]", 0, 10, new double[] {0.5, 9.5}, 0.1, "the range from 0.5 - 1 to 9.5 + 1, "
                + "clipped to [0, 10],"),
        new Piece("best values below zero", -10, 0, new double[] {-5, -3}, 0.1, "the range from -5 - 1 to -3 + 1"),
    };

    @Override
    protected String visible(Fn yours) {
        java.util.Set<String> consistent = consistent(yours, f -> new double[][] {allCases(f)});
        for (Piece p : PIECES) {
            double[] best = p.best().clone();
            double[] got = Probe.run(p.piece(), p.show(), () -> call(() -> yours.apply(p.lo(), p.hi(), best,
                    p.margin())));
            Probe.unchanged("best", p.best(), best, MODIFIES_BEST);
            Probe.notTheInput("result", got, "best", best);
            Probe.vector("{newLo, newHi}", p.show(), p.rule(), reference(p.lo(), p.hi(), p.best(), p.margin()), got, 1e-12,
                    only(diagnose(m -> m.apply(p.lo(), p.hi(), p.best().clone(), p.margin())), consistent));
        }
        double[] want = new double[2 * CASES.length];
        double[] got = new double[2 * CASES.length];
        for (int k = 0; k < CASES.length; k++) {
            double lo = CASES[k][0];
            double hi = CASES[k][1];
            double m = CASES[k][2];
            double[] best = Arrays.copyOfRange(CASES[k], 3, CASES[k].length);
            double[] before = best.clone();
            String call = "zoomRange(" + lo + ", " + hi + ", " + Arrays.toString(before) + ", " + m + ")";
            double[] yoursK;
            try {
                yoursK = call(() -> yours.apply(lo, hi, best, m));
            } catch (deepnets.NotImplementedYet e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CheckFailure(call + " returns {newLo, newHi}, but yours threw " + e + ".");
            }
            Check.isTrue(call + " returns {newLo, newHi}", yoursK != null && yoursK.length == 2,
                    "return a new double[] {newLo, newHi}");
            Check.isTrue("best is unchanged after " + call + " (it is now " + Arrays.toString(best) + ")",
                    Arrays.equals(before, best), MODIFIES_BEST);
            double[] wantK = reference(lo, hi, before, m);
            System.arraycopy(wantK, 0, want, 2 * k, 2);
            System.arraycopy(yoursK, 0, got, 2 * k, 2);
        }
        StringBuilder cases = new StringBuilder();
        for (int k = 0; k < CASES.length; k++) {
            cases.append("\n  [").append(2 * k).append("], [").append(2 * k + 1).append("]: zoomRange(")
                    .append(CASES[k][0]).append(", ").append(CASES[k][1]).append(", ")
                    .append(Arrays.toString(Arrays.copyOfRange(CASES[k], 3, CASES[k].length))).append(", ")
                    .append(CASES[k][2]).append(")");
        }
        try {
            Check.allCloseWithDiagnosis("zoomRange", want, got, 1e-12, diagnose(ZoomStep::allCases));
        } catch (CheckFailure e) {
            throw new CheckFailure(e.getMessage() + "\nThe entries are {newLo, newHi} of four calls:" + cases);
        }
        return "four ranges (no clipping, clipped at lo, clipped at hi, below zero), best unsorted and unchanged";
    }

    private static double[] allCases(Fn f) {
        double[] out = new double[2 * CASES.length];
        for (int k = 0; k < CASES.length; k++) {
            double[] r = f.apply(CASES[k][0], CASES[k][1], Arrays.copyOfRange(CASES[k], 3, CASES[k].length),
                    CASES[k][2]);
            System.arraycopy(r, 0, out, 2 * k, 2);
        }
        return out;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("does not clip to [lo, hi]", NO_CLIP, (lo, hi, best, m) ->
                        new double[] {min(best) - m * (hi - lo), max(best) + m * (hi - lo)}),
                new Mistake<>("margin relative to the spread of the best values", SPREAD, (lo, hi, best, m) -> {
                    double pad = m * (max(best) - min(best));
                    return new double[] {Math.max(lo, min(best) - pad), Math.min(hi, max(best) + pad)};
                }),
                new Mistake<>("leaves out the margin", NO_MARGIN, (lo, hi, best, m) ->
                        new double[] {min(best), max(best)}),
                new Mistake<>("margin as an absolute amount", ABSOLUTE, (lo, hi, best, m) ->
                        new double[] {Math.max(lo, min(best) - m), Math.min(hi, max(best) + m)}),
                new Mistake<>("first and last of best as min and max", FIRST_LAST, (lo, hi, best, m) ->
                        new double[] {Math.max(lo, best[0] - m * (hi - lo)),
                            Math.min(hi, best[best.length - 1] + m * (hi - lo))}),
                new Mistake<>("returns {newHi, newLo}", REVERSED, (lo, hi, best, m) -> {
                    double[] r = reference(lo, hi, best, m);
                    return new double[] {r[1], r[0]};
                }),
                new Mistake<>("Math.min and Math.max swapped in the clipping", MIN_MAX_SWAPPED, (lo, hi, best, m) ->
                        new double[] {Math.min(lo, min(best) - m * (hi - lo)), Math.max(hi, max(best) + m * (hi - lo))}),
                new Mistake<>("min and max start at 0", START_AT_ZERO, (lo, hi, best, m) -> {
                    double min = 0;
                    double max = 0;
                    for (double v : best) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    double pad = m * (hi - lo);
                    return new double[] {Math.max(lo, min - pad), Math.min(hi, max + pad)};
                }),
                new Mistake<>("max starts at Double.MIN_VALUE", START_AT_MIN_VALUE, (lo, hi, best, m) -> {
                    double min = Double.MAX_VALUE;
                    double max = Double.MIN_VALUE;
                    for (double v : best) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    double pad = m * (hi - lo);
                    return new double[] {Math.max(lo, min - pad), Math.min(hi, max + pad)};
                }),
                new Mistake<>("loop skips the last value of best", SKIPS_LAST, (lo, hi, best, m) ->
                        reference(lo, hi, Arrays.copyOf(best, best.length - 1), m)),
                new Mistake<>("sorts best in place", MODIFIES_BEST, (lo, hi, best, m) -> {
                    Arrays.sort(best);
                    double pad = m * (hi - lo);
                    return new double[] {Math.max(lo, best[0] - pad), Math.min(hi, best[best.length - 1] + pad)};
                }));
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().getAsDouble();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().getAsDouble();
    }

    @Override
    public Fn bypass() {
        return (lo, hi, best, m) -> {
            ScaledRange zoomed = new Uniform("h", lo, hi).zoom(min(best), max(best), m);
            return new double[] {zoomed.lo(), zoomed.hi()};
        };
    }
}
