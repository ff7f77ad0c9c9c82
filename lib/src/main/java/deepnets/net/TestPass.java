package deepnets.net;

import deepnets.core.Halves;

import java.util.Arrays;
import java.util.List;

/**
 * A {@link Network}'s forward pass in {@code Mode.TEST}, made fast without changing a bit of its result. At test
 * time every layer treats each row on its own (batch norm uses its running averages, not the batch's statistics),
 * so the rows can be taken in any grouping:
 * <ul>
 * <li>from {@link #PARALLEL_ROWS} twice over on, the two halves of x run on two cores;</li>
 * <li>each half goes through all the layers {@link #BLOCK} rows at a time, every layer writing each block into
 * the same array, so the intermediate results stay in the processor's cache instead of filling memory with (N, H)
 * arrays.</li>
 * </ul>
 * The logits' rows are new arrays. NetworkTest checks the result against one row at a time, bit for bit.
 *
 * <p>Part of the {@code Network} of notebooks/solutions/04-batch-norm-forward.ipynb; the evaluations after every
 * epoch of 03, 06 and 08 run through it.
 */
final class TestPass {

    /** Passes over at least twice this many rows run in two halves on two cores (a measured break-even). */
    private static final int PARALLEL_ROWS = 128;
    /** Rows per block: a block's intermediate results fit in the processor's cache (16 to 128 measured alike). */
    private static final int BLOCK = 32;

    private TestPass() {
    }

    /** The logits of x (N, D) through {@code layers}; nothing is modified. */
    static double[][] run(List<Layer> layers, double[][] x) {
        if (x.length < 2 * PARALLEL_ROWS || !Halves.TWO_CORES) {
            return inBlocks(layers, x);
        }
        double[][][] halves = new double[2][][];
        Halves.run(x.length, (from, to) ->
                halves[from == 0 ? 0 : 1] = inBlocks(layers, Arrays.copyOfRange(x, from, to)));
        if (halves[1] == null) { // done in one piece
            return halves[0];
        }
        double[][] out = Arrays.copyOf(halves[0], x.length);
        System.arraycopy(halves[1], 0, out, halves[0].length, halves[1].length);
        return out;
    }

    private static double[][] inBlocks(List<Layer> layers, double[][] x) {
        double[][] logits = new double[x.length][];
        double[][][] buffers = new double[layers.size() - 1][][];
        for (int from = 0; from < x.length; from += BLOCK) {
            double[][] a = Arrays.copyOfRange(x, from, Math.min(x.length, from + BLOCK));
            for (int l = 0; l < buffers.length; l++) {
                a = buffers[l] = layers.get(l).test(a, buffers[l]);
            }
            a = layers.get(buffers.length).test(a, null);
            System.arraycopy(a, 0, logits, from, a.length);
        }
        return logits;
    }
}
