package deepnets.charts;

/**
 * An interval {@code [lo, hi]} of an axis, with {@code lo < hi}.
 *
 * @param lo the smallest value shown
 * @param hi the largest value shown
 *
 * <p>Used in notebooks/solutions/01-tuning-process.ipynb and 04-batch-norm-forward.ipynb.
 */
public record Range(double lo, double hi) {

    /** Rejects {@code lo >= hi}, non-finite bounds, and a width {@code hi - lo} too large for a double. */
    public Range {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(lo < hi)) {
            throw new IllegalArgumentException("Range: [" + lo + ", " + hi + "] is not an interval; "
                    + "pass finite bounds with lo < hi.");
        }
        if (!Double.isFinite(hi - lo)) {
            throw new IllegalArgumentException("Range: [" + lo + ", " + hi + "] is wider than a double can measure "
                    + "(hi - lo overflows); pass a narrower range.");
        }
    }

    /** Shorthand for {@code new Range(lo, hi)}. */
    public static Range of(double lo, double hi) {
        return new Range(lo, hi);
    }

    /** The point at fraction {@code t} of the way from lo ({@code t = 0}) to hi ({@code t = 1}). */
    double at(double t) {
        return lo + (hi - lo) * t;
    }

    /** Where {@code v} lies between lo (0) and hi (1). */
    double fraction(double v) {
        return (v - lo) / (hi - lo);
    }
}
