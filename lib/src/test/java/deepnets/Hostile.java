package deepnets;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The contract every public entry point keeps under hostile input: within a second it either returns
 * or throws an IllegalArgumentException / IllegalStateException whose message names the class of the
 * operation. Anything else (a raw NullPointerException, ArrayIndexOutOfBounds, NegativeArraySize,
 * OutOfMemoryError, a third-party exception, more than a second of CPU time, a hang) fails the test with the operation's name.
 */
public final class Hostile {

    /** The most CPU time one call may use. CPU time, not wall time, so a loaded machine does not fail the test. */
    public static final Duration LIMIT = Duration.ofSeconds(1);
    /** Wall time after which a call counts as hung whatever the load. */
    public static final Duration HANG = Duration.ofSeconds(15);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Hostile() {
    }

    /** The outcome of one hostile call: its value, or the refusal. */
    public record Outcome<T>(T value, RuntimeException refusal) {
        public boolean returned() {
            return refusal == null;
        }
    }

    /**
     * Runs {@code call}; fails unless it returns or is refused properly within {@link #LIMIT}.
     *
     * @param op e.g. {@code "Images.grid"}; a refusal's message must contain its class name ("Images")
     */
    public static <T> Outcome<T> call(String op, Supplier<T> call) {
        AtomicReference<Outcome<T>> out = new AtomicReference<>();
        assertTimeoutPreemptively(HANG, () -> {
            long start = THREADS.getCurrentThreadCpuTime();
            try {
                out.set(new Outcome<>(call.get(), null));
            } catch (IllegalArgumentException | IllegalStateException e) {
                String owner = op.contains(".") ? op.substring(0, op.indexOf('.')) : op;
                if (e.getMessage() == null || !e.getMessage().contains(owner)) {
                    fail(op + " was refused but the message does not name " + owner + ": " + e, e);
                }
                out.set(new Outcome<>(null, e));
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                fail(op + " threw a raw " + t.getClass().getName() + " instead of a clear refusal: " + t, t);
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - start;
            if (cpu > LIMIT.toNanos()) {
                fail(op + " used " + cpu / 1_000_000 + " ms of CPU time, more than " + LIMIT.toMillis() + " ms");
            }
        }, () -> op + " did not finish within " + HANG.toSeconds() + " s (a hang)");
        return out.get();
    }

    /** Like {@link #call(String, Supplier)} for a call without a result. */
    public static Outcome<Void> run(String op, Runnable call) {
        return call(op, () -> {
            call.run();
            return null;
        });
    }

    /** Fails if any entry is NaN or infinite. */
    public static void assertFinite(String op, double... v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                fail(op + " returned " + v[i] + " at index " + i + " from finite input");
            }
        }
    }

    /** Doubles with the edge cases weighted in: NaN, infinities, extremes, zero, subnormals. */
    public static Arbitrary<Double> anyDouble() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.doubles().between(-10, 10)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 0.0, -0.0, 1e300, -1e300, 1e-300, 1e16)));
    }

    /** Ints with the edge cases weighted in: 0, negatives, Integer.MAX_VALUE and MIN_VALUE. */
    public static Arbitrary<Integer> anyInt() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(-3, 12)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 16, 1 << 30, 46341)));
    }

    /** Double arrays: null, empty, short, with edge-case entries. */
    public static Arbitrary<double[]> anyVector() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((double[]) null)),
                net.jqwik.api.Tuple.of(6, anyDouble().array(double[].class).ofMaxSize(6)),
                net.jqwik.api.Tuple.of(3, Arbitraries.doubles().between(-5, 5).array(double[].class).ofMinSize(1).ofMaxSize(6)));
    }

    /** Matrices: null, empty, ragged, null rows, edge-case entries. */
    public static Arbitrary<double[][]> anyMatrix(int maxCols) {
        Arbitrary<double[]> row = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((double[]) null)),
                net.jqwik.api.Tuple.of(3, anyDouble().array(double[].class).ofMaxSize(maxCols)),
                net.jqwik.api.Tuple.of(8, Arbitraries.doubles().between(-5, 5).array(double[].class).ofSize(maxCols)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((double[][]) null)),
                net.jqwik.api.Tuple.of(8, row.array(double[][].class).ofMaxSize(5)));
    }

    /** Int label arrays: null, empty, out-of-range entries. */
    public static Arbitrary<int[]> anyLabels() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((int[]) null)),
                net.jqwik.api.Tuple.of(8, anyInt().array(int[].class).ofMaxSize(6)),
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 2).array(int[].class).ofMinSize(1).ofMaxSize(6)));
    }

    /** Strings: null, blank, ordinary. */
    public static Arbitrary<String> anyText() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "  ")),
                net.jqwik.api.Tuple.of(8, Arbitraries.of("a", "loss", "accuracy", "x", "<b>&\"")));
    }
}
