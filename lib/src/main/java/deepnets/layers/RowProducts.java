package deepnets.layers;

/**
 * Matrix products written as row updates {@code out_i += a_ik b_k}, which HotSpot vectorizes over row arrays.
 * Measured on the course's shapes ({@code make bench}, the product table) they are faster than EJML's
 * {@code CommonOps_DDRM.mult} and its multi-threaded version, whose inner loops index one flat array with row
 * offsets. Callers check shapes.
 *
 * <p>Two things make them fast. Four rows of {@code b} are added to an output row in one pass, so each output
 * entry is loaded and stored once per four multiply-adds instead of once per one. And zero entries of {@code a}
 * are skipped: after a ReLU about half of a layer's inputs are exactly zero, so the products that consume them
 * do about half the work. The order of the additions is fixed by the data, so results are the same on every run.
 *
 * <p>Library plumbing of {@code Affine} (04-batch-norm-forward.ipynb); no notebook uses it directly.
 */
final class RowProducts {

    private RowProducts() {
    }

    /** {@code a b}: (N, K) x (K, M) -&gt; (N, M). Not modified. */
    static double[][] multiply(double[][] a, double[][] b) {
        int m = b[0].length;
        double[][] out = Buffers.rows(a.length, m);
        int[] rows = new int[b.length];
        double[] scales = new double[b.length];
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            int count = 0;
            for (int k = 0; k < ai.length; k++) {
                // Written always, kept only when nonzero: no branch to mispredict on ReLU's random zeros.
                rows[count] = k;
                scales[count] = ai[k];
                count += ai[k] != 0.0 ? 1 : 0;
            }
            addRows(out[i], b, rows, scales, count);
        }
        return out;
    }

    /** {@code a^T b}: (N, K)^T x (N, M) -&gt; (K, M), without forming {@code a^T}. Not modified. */
    static double[][] multiplyTransA(double[][] a, double[][] b) {
        int k = a[0].length;
        int m = b[0].length;
        double[][] out = Buffers.rows(k, m);
        int[] rows = new int[a.length];
        double[] scales = new double[a.length];
        for (int r = 0; r < k; r++) {
            // Output row r is the sum over examples i of a[i][r] b[i]: column r of a picks the rows of b.
            int count = 0;
            for (int i = 0; i < a.length; i++) {
                double s = a[i][r];
                rows[count] = i;
                scales[count] = s;
                count += s != 0.0 ? 1 : 0;
            }
            addRows(out[r], b, rows, scales, count);
        }
        return out;
    }

    /** {@code a b^T}: (N, M) x (K, M)^T -&gt; (N, K). Not modified. */
    static double[][] multiplyTransB(double[][] a, double[][] b) {
        int k = b.length;
        int m = b[0].length;
        double[][] bt = Buffers.rows(m, k);
        for (int r = 0; r < k; r++) {
            double[] br = b[r];
            for (int j = 0; j < m; j++) {
                bt[j][r] = br[j];
            }
        }
        return multiply(a, bt);
    }

    /** {@code out += sum over t < count of scales[t] b[rows[t]]}, four rows of b per pass over out. */
    private static void addRows(double[] out, double[][] b, int[] rows, double[] scales, int count) {
        int m = out.length;
        int t = 0;
        for (; t + 3 < count; t += 4) {
            double s0 = scales[t];
            double s1 = scales[t + 1];
            double s2 = scales[t + 2];
            double s3 = scales[t + 3];
            double[] b0 = b[rows[t]];
            double[] b1 = b[rows[t + 1]];
            double[] b2 = b[rows[t + 2]];
            double[] b3 = b[rows[t + 3]];
            for (int j = 0; j < m; j++) {
                out[j] += s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
            }
        }
        for (; t < count; t++) {
            double s = scales[t];
            double[] bt = b[rows[t]];
            for (int j = 0; j < m; j++) {
                out[j] += s * bt[j];
            }
        }
    }
}
