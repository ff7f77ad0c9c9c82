package deepnets.layers;

import java.util.Arrays;

/**
 * Matrix products written as row updates {@code out_i += a_ik b_k}, which HotSpot vectorizes over row arrays.
 * Measured on the course's shapes ({@code make bench}, the product table) they are faster than EJML's
 * {@code CommonOps_DDRM.mult} and its multi-threaded version, whose inner loops index one flat array with row
 * offsets. Callers check shapes.
 *
 * <p>Three things make them fast. Four rows of {@code b} are added to an output row in one pass, so each output
 * entry is loaded and stored once per four multiply-adds instead of once per one. Each multiply-add is one fused
 * instruction ({@code Math.fma}) where the processor has it ({@link FusedMultiplyAdd}). And zero entries of
 * {@code a} are skipped: after a ReLU about half of a layer's inputs are exactly zero, so the products that consume
 * them do about half the work. The order of the additions is fixed by the data, so results are the same on every
 * run.
 *
 * <p>Library plumbing of {@code Affine} (04-batch-norm-forward.ipynb); no notebook uses it directly.
 */
final class RowProducts {

    private RowProducts() {
    }

    /** {@code a b}: (N, K) x (K, M) -&gt; (N, M). Not modified. */
    static double[][] multiply(double[][] a, double[][] b) {
        return multiply(a, b, new double[a.length][]);
    }

    /**
     * {@code a b} into {@code out} (N, M), whose rows are either null (allocated here, just before they are written)
     * or of length M (zeroed here, then overwritten). Returns {@code out}.
     */
    static double[][] multiply(double[][] a, double[][] b, double[][] out) {
        int m = b[0].length;
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
            addRows(zeroRow(out, i, m), b, rows, scales, count);
        }
        return out;
    }

    /** {@code a^T b}: (N, K)^T x (N, M) -&gt; (K, M), without forming {@code a^T}. Not modified. */
    static double[][] multiplyTransA(double[][] a, double[][] b) {
        return multiplyTransA(a, b, new double[a[0].length][]);
    }

    /** {@code a^T b} into {@code out} (K, M), whose rows are null or of length M, as in {@link #multiply}. */
    static double[][] multiplyTransA(double[][] a, double[][] b, double[][] out) {
        int k = a[0].length;
        int m = b[0].length;
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
            addRows(zeroRow(out, r, m), b, rows, scales, count);
        }
        return out;
    }

    /** {@code a b^T}: (N, M) x (K, M)^T -&gt; (N, K). Not modified. */
    static double[][] multiplyTransB(double[][] a, double[][] b) {
        return multiplyTransB(a, b, new double[a.length][]);
    }

    /** {@code a b^T} into {@code out} (N, K), whose rows are null or of length K, as in {@link #multiply}. */
    static double[][] multiplyTransB(double[][] a, double[][] b, double[][] out) {
        int k = b.length;
        int m = b[0].length;
        double[][] bt = Buffers.rows(m, k);
        for (int r = 0; r < k; r++) {
            double[] br = b[r];
            for (int j = 0; j < m; j++) {
                bt[j][r] = br[j];
            }
        }
        return multiply(a, bt, out);
    }

    /** Row i of out, new or zeroed, of length m. */
    private static double[] zeroRow(double[][] out, int i, int m) {
        double[] row = out[i];
        if (row == null) {
            row = new double[m];
            out[i] = row;
        } else {
            Arrays.fill(row, 0.0);
        }
        return row;
    }

    /**
     * {@code out += sum over t < count of scales[t] b[rows[t]]}, four rows of b per pass over out. With fused
     * multiply-adds where the processor has them (one rounding each, half the floating-point instructions);
     * otherwise with a multiply and an add per term. The test is of a constant, which the JIT removes.
     */
    private static void addRows(double[] out, double[][] b, int[] rows, double[] scales, int count) {
        boolean fused = FusedMultiplyAdd.IN_HARDWARE;
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
                out[j] = fused
                        ? Math.fma(s3, b3[j], Math.fma(s2, b2[j], Math.fma(s1, b1[j], Math.fma(s0, b0[j], out[j]))))
                        : out[j] + (s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j]);
            }
        }
        for (; t < count; t++) {
            double s = scales[t];
            double[] bt = b[rows[t]];
            for (int j = 0; j < m; j++) {
                out[j] = fused ? Math.fma(s, bt[j], out[j]) : out[j] + s * bt[j];
            }
        }
    }
}
