package deepnets.tuning;

import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.LogScaleSampling;
import deepnets.exercises.SamplingBeta;
import deepnets.exercises.ZoomStep;
import java.util.SplittableRandom;

/**
 * A continuous range {@code [lo, hi]} searched uniformly on a transformed axis: a value v sits at
 * position {@code toAxis(v)}, and sampling draws the position uniformly between {@code toAxis(lo)} and
 * {@code toAxis(hi)}. The axis decides where samples are dense: linear for {@link Uniform},
 * {@code log10 v} for {@link LogUniform}, {@code log10(1 - v)} for {@link EwaBeta}.
 *
 * <p>Taught in notebooks/solutions/02-appropriate-scale.ipynb.
 */
public interface ScaledRange extends Hyperparameter {

    /** The smallest value. */
    double lo();

    /** The largest value. */
    double hi();

    /** The position of {@code value} on this range's axis (monotonic in value). */
    double toAxis(double value);

    /** The value at axis position {@code r}, the inverse of {@link #toAxis(double)}. */
    double fromAxis(double r);

    /** The same kind of range with the same name and new bounds (validated). */
    ScaledRange withBounds(double lo, double hi);

    /** {@code fromAxis(r)} with r uniform between {@code toAxis(lo)} and {@code toAxis(hi)}. Modified: random advances. */
    @Override
    @Solves({LogScaleSampling.class, SamplingBeta.class})
    default double sample(SplittableRandom random) {
        EntryPoints.entered();
        double a = toAxis(lo());
        double b = toAxis(hi());
        return clamp(fromAxis(between(a, b, random.nextDouble())));
    }

    /** {@code fromAxis} of n evenly spaced axis positions; the ends are exactly lo and hi. */
    @Override
    default double[] grid(int n) {
        Checks.count(Checks.op(this, "grid"), "n", n);
        double a = toAxis(lo());
        double b = toAxis(hi());
        if (n == 1) {
            return new double[] {clamp(fromAxis(Double.isFinite(a + b) ? (a + b) / 2 : a / 2 + b / 2))};
        }
        double[] out = new double[Checks.gridSize(this, n)];
        for (int i = 0; i < n; i++) {
            out[i] = clamp(fromAxis(between(a, b, (double) i / (n - 1))));
        }
        out[0] = lo();
        out[n - 1] = hi();
        return out;
    }

    @Override
    default boolean contains(double value) {
        return value >= lo() && value <= hi();
    }

    /** Widens {@code [min, max]} by {@code margin * |toAxis(hi) - toAxis(lo)|} on the axis, then clips to [lo, hi]. */
    @Override
    @Solves(ZoomStep.class)
    default ScaledRange zoom(double min, double max, double margin) {
        EntryPoints.entered();
        Checks.margin(Checks.op(this, "zoom"), margin);
        Checks.zoomBounds(this, min, max);
        double a = toAxis(lo());
        double b = toAxis(hi());
        // pad has the sign of the axis direction (log10(1 - beta) falls as beta rises), so -pad always steps towards lo
        double pad = margin * (b - a);
        double newLo = Math.max(lo(), fromAxis(toAxis(min) - pad));
        double newHi = Math.min(hi(), fromAxis(toAxis(max) + pad));
        if (!(newLo < newHi)) {
            // a margin too small to move min or max by one rounding step: keep the narrowest range around them
            newLo = Math.min(newLo, min);
            newHi = Math.max(newHi, max);
            if (!(newLo < newHi)) {
                if (newHi < hi()) {
                    newHi = Math.nextUp(newHi);
                } else {
                    newLo = Math.nextDown(newLo);
                }
            }
        }
        return withBounds(newLo, newHi);
    }

    /**
     * {@code a + (b - a) t}; where {@code b - a} overflows (a range such as [-Double.MAX_VALUE, Double.MAX_VALUE])
     * the same point as a weighted mean, which stays finite.
     */
    private static double between(double a, double b, double t) {
        double width = b - a;
        return Double.isFinite(width) ? a + width * t : a * (1 - t) + b * t;
    }

    /** {@code value} moved into [lo, hi]: the axis round trip can land one rounding step outside. */
    private double clamp(double value) {
        return Math.min(hi(), Math.max(lo(), value));
    }
}
