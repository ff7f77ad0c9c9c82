package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.ZoomStep;
import java.util.Arrays;

/**
 * Notebook 01, Exercise 1, held out: other ranges and margins, a single best value, equal best values, best in
 * descending order, best at both ends (clipped on both sides), a range far from [0, 1]; best is never modified and
 * the result is a new array.
 */
final class ZoomStepHeldOut extends HeldOutCheck<ZoomStep.Fn> {

    ZoomStepHeldOut() {
        super(Exercises.zoomStep());
    }

    @Override
    public ZoomStep.Fn solution() {
        return (lo, hi, best, margin) -> {
            double min = Arrays.stream(best).min().getAsDouble();
            double max = Arrays.stream(best).max().getAsDouble();
            double pad = margin * (hi - lo);
            return new double[] {Math.max(lo, min - pad), Math.min(hi, max + pad)};
        };
    }

    @Override
    public String check(ZoomStep.Fn yours) {
        Object[][] cases = {  // what, lo, hi, margin, best
            {"a single best value", 0.0, 10.0, 0.15, new double[] {6.25}},
            {"equal best values", -1.0, 1.0, 0.03, new double[] {0.4, 0.4, 0.4}},
            {"best values in descending order", 0.0, 1.0, 0.07, new double[] {0.83, 0.64, 0.58, 0.37}},
            {"best values at both ends of the range, clipped on both sides", 1.0, 3.0, 0.3,
                new double[] {2.9, 1.05, 2.2}},
            {"a wide range with a small margin", 1e-3, 5e3, 0.013, new double[] {1200.5, 40.25, 310.0, 777.7}},
            {"a range below zero", -9.0, -4.0, 0.05, new double[] {-6.1, -5.3}},
            {"best values in ascending order", 0.5, 0.75, 0.2, new double[] {0.55, 0.6, 0.71}},
        };
        for (Object[] c : cases) {
            String what = (String) c[0];
            double lo = (double) c[1];
            double hi = (double) c[2];
            double margin = (double) c[3];
            double[] best = ((double[]) c[4]).clone();
            double[] before = best.clone();
            double[] got = run(what, () -> yours.apply(lo, hi, best, margin));
            require(Arrays.equals(before, best), "your zoomRange changes its input best (on " + what + ")");
            require(got != null && got.length == 2, "on " + what + " your result is not a pair {newLo, newHi}");
            require(got != best, "on " + what + " your result is the input array best itself; return a new array");
            double min = Arrays.stream(before).min().getAsDouble();
            double max = Arrays.stream(before).max().getAsDouble();
            double pad = margin * (hi - lo);
            double[] want = {Math.max(lo, min - pad), Math.min(hi, max + pad)};
            require(got[0] >= lo && got[1] <= hi, "on " + what + " your range leaves [lo, hi]");
            require(close(got, want, 1e-12), "on " + what + " your zoomed range differs from the expected one");
        }
        return "a single best value, equal values, unsorted orders, clipping on both sides, other ranges and margins, "
                + "best unchanged";
    }
}
