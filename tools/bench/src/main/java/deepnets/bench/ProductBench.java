package deepnets.bench;

import deepnets.layers.Affine;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The matrix product {@code x W} (N, K) x (K, M) on the course's shapes: the library's own row-update product
 * (through {@code Affine.forward} without a bias, row arrays in and out) against EJML's {@code CommonOps_DDRM.mult}
 * and its multi-threaded {@code CommonOps_MT_DDRM.mult} on flat row-major matrices (no copying counted, which
 * favours EJML: the library would have to copy its row arrays in and out).
 */
@State(Scope.Thread)
public class ProductBench {

    /** N x K x M: a mini-batch of the digits network (64 -> 128 and 128 -> 64), a whole training set, a large layer. */
    @Param({"64x64x128", "64x128x64", "1258x64x64", "1024x512x512"})
    public String shape;

    private double[][] x;
    private double[][] w;
    private DMatrixRMaj xm;
    private DMatrixRMaj wm;
    private DMatrixRMaj out;

    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), k = Integer.parseInt(s[1]), m = Integer.parseInt(s[2]);
        Random rng = new Random(0);
        x = new double[n][k];
        w = new double[k][m];
        for (double[] row : x) {
            for (int j = 0; j < k; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        for (double[] row : w) {
            for (int j = 0; j < m; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        xm = new DMatrixRMaj(x);
        wm = new DMatrixRMaj(w);
        out = new DMatrixRMaj(n, m);
    }

    @Benchmark
    public Object library() {
        return Affine.forward(x, w, null).out();
    }

    @Benchmark
    public Object ejml() {
        CommonOps_DDRM.mult(xm, wm, out);
        return out;
    }

    @Benchmark
    public Object ejmlMultiThreaded() {
        CommonOps_MT_DDRM.mult(xm, wm, out);
        return out;
    }
}
