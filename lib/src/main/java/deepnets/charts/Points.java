package deepnets.charts;

/**
 * A named group of points for a scatter chart: {@code (x[i], y[i])}.
 *
 * @param name the legend entry, e.g. {@code "coarse round"}
 * @param x    shape (N,); not modified
 * @param y    shape (N,), same N as x; not modified
 *
 * <p>Used from notebooks/solutions/01-tuning-process.ipynb on.
 */
public record Points(String name, double[] x, double[] y) {

    /** Rejects a blank name, empty or non-finite data, and x and y of different lengths. */
    public Points {
        Inputs.requireText("Points", "name", name);
        Inputs.requireValues("Points", "x", x);
        Inputs.requireValues("Points", "y", y);
        Inputs.requireSameLength("Points", "x", x, "y", y);
    }

    /** Shorthand for {@code new Points(name, x, y)}. */
    public static Points of(String name, double[] x, double[] y) {
        return new Points(name, x, y);
    }
}
