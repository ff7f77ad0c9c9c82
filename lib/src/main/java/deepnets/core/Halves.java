package deepnets.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Work split into two halves, run on two cores when there are two. The split is the same on every machine, so a
 * computation whose halves are independent (rows of an element-wise pass, columns of a column sum) gives the same
 * bits whether the halves ran at once or one after the other.
 *
 * <p>Library plumbing for the test-time passes of {@code Network} and the large batch-norm passes
 * (04-batch-norm-forward.ipynb, 08-putting-it-together.ipynb); no notebook uses it directly.
 */
public final class Halves {

    /** Whether this machine has a second core to give the second half to. */
    public static final boolean TWO_CORES = Runtime.getRuntime().availableProcessors() > 1;

    /** A piece of work over the indices {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private Halves() {
    }

    /**
     * {@code body.run(0, n / 2)} and {@code body.run(n / 2, n)}: the second on the common fork-join pool and the first
     * on this thread when {@code parallel} and there are two cores, else one after the other on this thread. An
     * exception of either half is rethrown here after both have ended.
     */
    public static void run(int n, boolean parallel, Range body) {
        int half = n / 2;
        if (!parallel || !TWO_CORES) {
            body.run(0, half);
            body.run(half, n);
            return;
        }
        ForkJoinTask<?> second = ForkJoinPool.commonPool().submit(() -> body.run(half, n));
        try {
            body.run(0, half);
        } finally {
            second.join();
        }
    }
}
