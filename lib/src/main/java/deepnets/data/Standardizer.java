package deepnets.data;

import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Shapes;
import deepnets.core.Solves;
import deepnets.exercises.BatchNormForward;
import deepnets.exercises.BatchNormLayer;

/**
 * Per-feature standardization {@code (x - mean) / std}, with mean and std measured on the training set.
 *
 * <p>Fit on training data only, then transform train, validation and test with the same statistics:
 * statistics taken from validation or test data would leak them into training.
 *
 * <p>A feature that is constant on the training set (std 0, e.g. a border pixel of the digits that is
 * always blank) would divide by zero and produce NaN. Such features keep std 1 instead: they are only
 * centred, which maps them to 0 on the training set, where they carry no information anyway.
 *
 * <p>Used from notebooks/solutions/03-pandas-vs-caviar.ipynb on (normalizing the inputs, the idea batch norm extends
 * in 04).
 */
public final class Standardizer {

    /** Standard deviations below this count as zero (constant feature up to rounding). */
    public static final double MIN_STD = 1e-12;

    private final double[] mean;
    private final double[] std;

    private Standardizer(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Measures {@code mean[j] = (1/N) sum_i x[i][j]} and {@code std[j] = sqrt((1/N) sum_i (x[i][j] - mean[j])^2)},
     * with std replaced by 1 where it is below {@link #MIN_STD}.
     *
     * @param x training features, shape (N, D), N &ge; 1, finite; not modified
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class})
    public static Standardizer fit(double[][] x) {
        EntryPoints.entered();
        int d = Shapes.requireMatrix("Standardizer.fit", "x", x);
        Require.finite("Standardizer.fit", "x", x);
        double[] mean;
        double[] std;
        try {
            mean = Matrices.columnMeans(x);
            std = Matrices.columnVariances(x);
        } catch (IllegalArgumentException overflow) {
            throw new NonFiniteException("Standardizer.fit: " + overflow.getMessage());
        }
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(std[j]);
            std[j] = s < MIN_STD ? 1.0 : s;
        }
        return new Standardizer(mean, std);
    }

    /**
     * {@code out[i][j] = (x[i][j] - mean[j]) / std[j]}: (N, D) -&gt; (N, D).
     *
     * @param x features with the same D as the training set, finite; not modified
     * @return a new array
     */
    @Solves({BatchNormForward.class, BatchNormLayer.class})
    public double[][] transform(double[][] x) {
        EntryPoints.entered();
        int d = Shapes.requireMatrix("Standardizer.transform", "x", x);
        if (d != mean.length) {
            throw new IllegalArgumentException("Standardizer.transform: x has shape " + Shapes.of(x) + " but the standardizer was fitted on "
                    + mean.length + " features; transform data with the same features as the training set.");
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = 1.0 / std[j];
        }
        double[][] out = new double[x.length][d];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i];
            double[] o = out[i];
            for (int j = 0; j < d; j++) {
                o[j] = (row[j] - mean[j]) * scale[j];
            }
        }
        // One pass over the output finds a NaN or infinity in x, or an overflow of huge values.
        return Require.finiteResult("Standardizer.transform", out, Require.input("x", x));
    }

    /** The data set with its features transformed; labels unchanged. Not modified. */
    @Solves({BatchNormForward.class, BatchNormLayer.class})
    public Dataset transform(Dataset data) {
        EntryPoints.entered();
        Require.notNull("Standardizer.transform", "data", data);
        return data.withX(transform(data.x()));
    }

    /** The per-feature training means, (D,). A copy. */
    public double[] mean() {
        return mean.clone();
    }

    /** The per-feature training standard deviations (1 for constant features), (D,). A copy. */
    public double[] std() {
        return std.clone();
    }
}
