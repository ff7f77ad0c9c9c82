package deepnets.layers;

import deepnets.core.Require;
import deepnets.core.Shapes;

import java.util.Arrays;

/**
 * The fully connected layer {@code out = x W + b}.
 *
 * <p>Used in notebooks/solutions/04-batch-norm-forward.ipynb, 06 and 08 (the layer before batch norm).
 */
public final class Affine {

    private Affine() {
    }

    /**
     * What backward needs from forward.
     *
     * @param x the input (N, D)
     * @param w the weights (D, H)
     * @param hasBias whether forward added a bias
     */
    public record Cache(double[][] x, double[][] w, boolean hasBias) {
    }

    /** The output (N, H) and the cache. */
    public record Forward(double[][] out, Cache cache) {
    }

    /**
     * Gradients of the loss.
     *
     * @param dx (N, D), or null from {@link #weightGradients}
     * @param dW (D, H)
     * @param db (H,), or null when forward had no bias
     */
    public record Gradients(double[][] dx, double[][] dW, double[] db) {
    }

    /**
     * {@code out = x W + b}: (N, D) x (D, H) + (H,) -&gt; (N, H).
     *
     * @param x input (N, D), finite (NaN or infinity is refused, as is an output that overflows); not modified
     *     (kept by reference in the cache)
     * @param w weights (D, H), finite (checked before the product, which skips zero inputs, so that {@code 0 * Inf}
     *     cannot go unnoticed); not modified (kept by reference in the cache)
     * @param b bias (H,), or null for no bias (as before batch norm, whose beta plays its role); not modified
     */
    public static Forward forward(double[][] x, double[][] w, double[] b) {
        return forward(x, w, b, null);
    }

    /**
     * {@link #forward(double[][], double[][], double[])} writing into {@code reuse.out()} when it has shape (N, H),
     * so that a training loop allocates no new output per batch ({@code Network} calls it). Use the returned
     * record, not {@code reuse}.
     *
     * @param reuse a result of an earlier call, or null; its output is modified (overwritten); it must not share
     *     rows with x
     */
    public static Forward forward(double[][] x, double[][] w, double[] b, Forward reuse) {
        int d = Shapes.requireMatrix("Affine.forward", "x", x);
        int h = Shapes.requireMatrix("Affine.forward", "W", w);
        if (w.length != d) {
            throw new IllegalArgumentException("Affine.forward: x has " + d + " features (shape " + Shapes.of(x)
                    + ") but W has shape " + Shapes.of(w) + "; W needs one row per input feature, shape (" + d + ", H).");
        }
        // The product skips zero entries of x (RowProducts), so 0 * Inf would never show in the output: W is
        // checked here, a (D, H) pass that costs little next to the (N, D) x (D, H) product. A NaN or infinity in
        // x is never skipped (it is not zero), and one in b reaches every row of the output.
        Require.finite("Affine.forward", "W", w);
        double[][] out = RowProducts.multiply(x, w,
                Buffers.matrix("Affine.forward", reuse == null ? null : reuse.out(), x, x.length, h));
        if (b != null) {
            if (b.length != h) {
                throw new IllegalArgumentException("Affine.forward: W has shape " + Shapes.of(w) + " but b has shape "
                        + Shapes.of(b) + "; b needs one entry per output, shape (" + h + ",).");
            }
            for (double[] row : out) {
                for (int j = 0; j < h; j++) {
                    row[j] += b[j];
                }
            }
        }
        // One pass over the output (N, H) instead of over x and W: a NaN or infinity in any input reaches it.
        Require.finiteResult("Affine.forward", out, Require.input("x", x), Require.input("W", w), Require.input("b", b));
        return new Forward(out, new Cache(x, w, b != null));
    }

    /**
     * {@code dx = dout W^T}, {@code dW = x^T dout}, {@code db = sum_i dout_i}.
     *
     * @param dout upstream gradient (N, H), finite; not modified
     * @param cache from {@link #forward} (a hand-built one is checked when used); not modified
     */
    public static Gradients backward(double[][] dout, Cache cache) {
        return backward(dout, cache, true, null);
    }

    /**
     * {@link #backward(double[][], Cache)} writing into the arrays of {@code reuse} where their shapes fit, so that
     * a training loop allocates no new gradients per batch ({@code Network} calls it). Use the returned record.
     *
     * @param reuse a result of an earlier call, or null; its arrays are modified (overwritten); its dx must not
     *     share rows with dout
     */
    public static Gradients backward(double[][] dout, Cache cache, Gradients reuse) {
        return backward(dout, cache, true, reuse);
    }

    /**
     * As {@link #backward(double[][], Cache)} but without {@code dx}, which is null in the result: for the first
     * layer of a network, whose input gradient nobody uses ({@code Network} calls it; a (N, D) x (D, H) product
     * saved per step).
     */
    public static Gradients weightGradients(double[][] dout, Cache cache) {
        return backward(dout, cache, false, null);
    }

    /** {@link #weightGradients(double[][], Cache)} writing into the arrays of {@code reuse} where their shapes fit. */
    public static Gradients weightGradients(double[][] dout, Cache cache, Gradients reuse) {
        return backward(dout, cache, false, reuse);
    }

    private static Gradients backward(double[][] dout, Cache cache, boolean inputGradient, Gradients reuse) {
        int h = Shapes.requireMatrix("Affine.backward", "dout", dout);
        Require.notNull("Affine.backward", "cache", cache);
        int d = Shapes.requireMatrix("Affine.backward", "cache.x", cache.x());
        Shapes.requireShape("Affine.backward", "cache.w", cache.w(), d, -1);
        if (dout.length != cache.x().length || h != cache.w()[0].length) {
            throw new IllegalArgumentException("Affine.backward: dout has shape " + Shapes.of(dout)
                    + " but forward produced shape (" + cache.x().length + ", " + cache.w()[0].length
                    + "); pass the gradient of this layer's output.");
        }
        String op = "Affine.backward";
        // The products skip zero entries (RowProducts): dW = x^T dout skips the rows of dout where x is 0, and
        // dx = dout W^T skips the entries of W where dout is 0. So dout and cache.w are checked here, passes of
        // (N, H) and (D, H) that cost little next to the products; a NaN or infinity in cache.x is never skipped.
        Require.finite(op, "dout", dout);
        Require.finite(op, "cache.w", cache.w());
        // dW before dx, so that a reused dx that was the cache's x (a mistake) cannot change dW.
        double[][] dW = RowProducts.multiplyTransA(cache.x(), dout,
                Buffers.matrix(op, reuse == null ? null : reuse.dW(), cache.w(), d, h));
        double[][] dx = inputGradient ? RowProducts.multiplyTransB(dout, cache.w(),
                Buffers.matrix(op, reuse == null ? null : reuse.dx(), dout, dout.length, d)) : null;
        Require.Input[] inputs = {Require.input("dout", dout), Require.input("cache.x", cache.x()),
                Require.input("cache.w", cache.w())};
        Require.finiteResult("Affine.backward", dW, inputs);
        if (dx != null) {
            Require.finiteResult("Affine.backward", dx, inputs);
        }
        double[] db = null;
        if (cache.hasBias()) {
            db = Buffers.vector(reuse == null ? null : reuse.db(), h);
            Arrays.fill(db, 0.0);
            for (double[] row : dout) {
                for (int j = 0; j < h; j++) {
                    db[j] += row[j];
                }
            }
            Require.finiteResult(op, db, Require.input("dout", dout));
        }
        return new Gradients(dx, dW, db);
    }
}
