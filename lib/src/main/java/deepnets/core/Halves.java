package deepnets.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Work split into two halves run on two cores, or done in one piece. Meant for computations whose parts are
 * independent (rows of an element-wise pass, columns of a column sum): they give the same bits either way.
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
     * When there are two cores, {@code body.run(0, n / 2)} on this thread and {@code body.run(n / 2, n)} on the
     * common fork-join pool, rethrowing an exception of either after both have ended; otherwise {@code body.run(0, n)}
     * on this thread (whole rows run faster than halves on one core). Callers decide whether the work is large
     * enough to be worth a second core.
     */
    public static void run(int n, Range body) {
        int half = n / 2;
        if (!TWO_CORES) {
            body.run(0, n);
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
