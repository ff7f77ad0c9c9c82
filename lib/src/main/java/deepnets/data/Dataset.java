package deepnets.data;

import deepnets.core.Require;
import deepnets.core.Shapes;

/**
 * A labelled data set: N examples with D features each, and one class label per example.
 *
 * <p>The arrays are shared, not copied: treat a data set as read-only.
 *
 * @param x          features, shape (N, D), one row per example
 * @param labels     class of each example, shape (N,), each in {@code 0 .. numClasses - 1}
 * @param numClasses C, the number of classes, 2..{@value #MAX_CLASSES}
 *
 * <p>Used from notebooks/solutions/03-pandas-vs-caviar.ipynb on.
 */
public record Dataset(double[][] x, int[] labels, int numClasses) {

    /** The most classes a data set may have (per-class arrays are allocated from it). */
    public static final int MAX_CLASSES = 1_000_000;

    /** Checks the shapes, that labels lie in {@code 0 .. numClasses - 1}, and that x is finite. */
    public Dataset {
        Shapes.requireMatrix("Dataset", "x", x);
        Require.finite("Dataset", "x", x);
        if (labels == null) {
            throw new IllegalArgumentException("Dataset: labels is null; pass one label per row of x (" + x.length + " labels).");
        }
        if (labels.length != x.length) {
            throw new IllegalArgumentException("Dataset: x has shape " + Shapes.of(x) + " but labels has shape ("
                    + labels.length + ",); pass one label per row of x.");
        }
        if (numClasses < 2 || numClasses > MAX_CLASSES) {
            throw new IllegalArgumentException("Dataset: numClasses is " + numClasses
                    + "; a classification data set needs 2.." + MAX_CLASSES + " classes.");
        }
        Require.labels("Dataset", "labels", labels, labels.length, numClasses);
    }

    /** N, the number of examples. */
    public int size() {
        return x.length;
    }

    /** D, the number of features per example. */
    public int features() {
        return x[0].length;
    }

    /** The labels as one-hot rows, (N,) -&gt; (N, C). Not modified. */
    public double[][] oneHot() {
        return OneHot.encode(labels, numClasses);
    }

    /** How many examples each class has, (C,); the entries sum to N. Not modified. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * The examples at {@code indices}, in that order: {@code x[indices[k]]} becomes row k.
     * Rows are copied, so the subset does not share rows with this data set. Not modified.
     *
     * @param indices positions in {@code 0 .. N - 1}, at least one
     */
    public Dataset subset(int[] indices) {
        if (indices == null || indices.length == 0) {
            throw new IllegalArgumentException("Dataset.subset: no indices given; pass at least one row index.");
        }
        double[][] xs = new double[indices.length][];
        int[] ys = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= x.length) {
                throw new IllegalArgumentException("Dataset.subset: indices[" + k + "] is " + i + " but the data set has "
                        + x.length + " rows; indices must lie in 0.." + (x.length - 1) + ".");
            }
            xs[k] = x[i].clone();
            ys[k] = labels[i];
        }
        return new Dataset(xs, ys, numClasses);
    }

    /**
     * This data set's examples followed by {@code other}'s, e.g. training plus validation data to retrain
     * the chosen configuration on everything but the test set. Rows are copied. Not modified.
     *
     * @param other the same number of features and classes
     * @return a data set of {@code size() + other.size()} examples
     */
    public Dataset concat(Dataset other) {
        if (other == null) {
            throw new IllegalArgumentException("Dataset.concat: other is null; pass the data set to append.");
        }
        if (other.features() != features() || other.numClasses != numClasses) {
            throw new IllegalArgumentException("Dataset.concat: this data set has " + features() + " features and "
                    + numClasses + " classes but the other has " + other.features() + " features and "
                    + other.numClasses + " classes; only data sets of the same kind can be joined.");
        }
        double[][] xs = new double[size() + other.size()][];
        int[] ys = new int[xs.length];
        for (int i = 0; i < size(); i++) {
            xs[i] = x[i].clone();
            ys[i] = labels[i];
        }
        for (int i = 0; i < other.size(); i++) {
            xs[size() + i] = other.x[i].clone();
            ys[size() + i] = other.labels[i];
        }
        return new Dataset(xs, ys, numClasses);
    }

    /** A copy with the features replaced by {@code newX} (same N), keeping labels and classes. Not modified. */
    public Dataset withX(double[][] newX) {
        Require.notNull("Dataset.withX", "newX", newX);
        return new Dataset(newX, labels, numClasses);
    }

    @Override
    public String toString() {
        return "Dataset[N=" + size() + ", D=" + features() + ", C=" + numClasses + "]";
    }
}
