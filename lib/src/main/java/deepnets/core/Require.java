package deepnets.core;

/**
 * Argument checks for the public boundary: each throws an {@link IllegalArgumentException} whose
 * message names the operation ({@code op}, e.g. {@code "Images.grid"}), the argument, the bad value
 * and the fix. Every method returns its checked argument so a check can sit inside an expression.
 */
public final class Require {

    /** The most entries a single array built from the caller's sizes may have (200 MB of doubles). */
    public static final long MAX_ENTRIES = 25_000_000L;

    private Require() {
    }

    /** {@code x} itself; refuses null. */
    public static <T> T requireNonNull(String op, String name, T x) {
        if (x == null) {
            throw new IllegalArgumentException(op + ": " + name + " is null; pass a value.");
        }
        return x;
    }

    /** {@code xs} itself; refuses a null array and null elements, naming the first null index. */
    public static <T> T[] requireNoNulls(String op, String name, T[] xs) {
        requireNonNull(op, name, xs);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == null) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is null; pass " + xs.length
                        + " non-null entries.");
            }
        }
        return xs;
    }

    /** {@code v} itself; refuses NaN and infinity. */
    public static double requireFinite(String op, String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(op + ": " + name + " is " + v + "; pass a finite number.");
        }
        return v;
    }

    /** {@code v} itself; refuses null and the first NaN or infinite entry, naming its index. */
    public static double[] requireFinite(String op, String name, double[] v) {
        requireNonNull(op, name, v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(op + ": " + name + "[" + i + "] is " + v[i]
                        + "; every entry must be finite (did an earlier step diverge?).");
            }
        }
        return v;
    }

    /** {@code a} itself; refuses null rows and the first NaN or infinite entry, naming its indices. */
    public static double[][] requireFinite(String op, String name, double[][] a) {
        requireNonNull(op, name, a);
        for (int i = 0; i < a.length; i++) {
            requireNonNull(op, name + "[" + i + "]", a[i]);
            for (int j = 0; j < a[i].length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(op + ": " + name + "[" + i + "][" + j + "] is " + a[i][j]
                            + "; every entry must be finite (did an earlier step diverge?).");
                }
            }
        }
        return a;
    }

    /** {@code n} itself; refuses {@code n < min}. */
    public static int requireAtLeast(String op, String name, int n, int min) {
        if (n < min) {
            throw new IllegalArgumentException(op + ": " + name + " is " + n + "; it must be at least " + min + ".");
        }
        return n;
    }

    /** {@code n} itself; refuses n outside {@code min..max}. */
    public static int requireInRange(String op, String name, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(op + ": " + name + " is " + n + "; it must lie in " + min + ".." + max + ".");
        }
        return n;
    }

    /** {@code index} itself; refuses an index outside {@code 0..size-1}, naming the index and the size. */
    public static int requireIndex(String op, String what, int index, int size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(op + ": " + what + " " + index + " is out of range; there are " + size
                    + (size == 0 ? "" : ", so it must lie in 0.." + (size - 1)) + ".");
        }
        return index;
    }

    /**
     * {@code size} as an int; refuses a size (computed in {@code long}, so a product of counts cannot wrap)
     * above {@code limit}, before anything is allocated.
     *
     * @param what what is counted, e.g. {@code "rows x classes"}
     */
    public static int requireSize(String op, String what, long size, long limit) {
        if (size < 0 || size > limit || size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": " + what + " is " + size + ", more than the limit of "
                    + Math.min(limit, Integer.MAX_VALUE - 8) + "; use smaller sizes.");
        }
        return (int) size;
    }
}
