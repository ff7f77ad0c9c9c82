package deepnets.layers;

import deepnets.core.Shapes;

/**
 * The result arrays of the layers: the optional output buffers that the reuse overloads accept (checked here),
 * and new matrices allocated row by row.
 *
 * <p>Library plumbing of {@code Affine}, {@code Relu}, {@code BatchNormKernel}, {@code SoftmaxCrossEntropy} and
 * {@code RowProducts}; no notebook uses it.
 */
final class Buffers {

    private Buffers() {
    }

    /**
     * A new (m, d) matrix of zeros, allocated row by row. HotSpot compiles {@code new double[m][d]} into a call to the
     * runtime that is measurably slower for the course's small matrices (a 64 x 64 one: 6.3 against 4.9 us here) than a
     * loop of one-dimensional allocations, which it inlines.
     */
    static double[][] rows(int m, int d) {
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = new double[d];
        }
        return a;
    }

    /** {@code v} if it has {@code d} entries, else a new (D,) array. */
    static double[] vector(double[] v, int d) {
        return v != null && v.length == d ? v : new double[d];
    }

    /**
     * {@code buffer} if it has shape (m, D), else an (m, D) array of null rows for the caller to allocate just before
     * writing each one. A buffer that shares rows with {@code input} is a mistake, since results would overwrite
     * the input that the cache still needs.
     */
    static double[][] matrix(String op, double[][] buffer, double[][] input, int m, int d) {
        if (buffer == null || buffer.length != m) {
            return new double[m][];
        }
        for (int i = 0; i < m; i++) {
            if (buffer[i] == null || buffer[i].length != d) {
                return new double[m][];
            }
            if (buffer[i] == input[i]) {
                throw new IllegalArgumentException(op + ": the reuse buffer shares row " + i + " with the input "
                        + "(shape " + Shapes.of(input) + "); pass the result of an earlier call, not the input itself.");
            }
        }
        return buffer;
    }
}
