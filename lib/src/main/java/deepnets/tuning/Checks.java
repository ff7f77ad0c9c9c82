package deepnets.tuning;

import deepnets.core.Require;

/**
 * Argument checks shared by the tuning classes; messages name the operation and the fix.
 *
 * <p>Library plumbing of the classes taught in notebooks/solutions/01-tuning-process.ipynb and 02-appropriate-
 * scale.ipynb.
 */
final class Checks {

    private Checks() {
    }

    /** How messages name a method of a hyperparameter, e.g. {@code "LogUniform(learningRate).grid"}. */
    static String op(Hyperparameter h, String method) {
        return h.getClass().getSimpleName() + "(" + h.name() + ")." + method;
    }

    /** A grid of {@code size} values must fit {@link SearchSpace#MAX_GRID}; refused before allocating. */
    static int gridSize(Hyperparameter h, long size) {
        if (size > SearchSpace.MAX_GRID) {
            throw new IllegalArgumentException(op(h, "grid") + ": " + size + " values is more than "
                    + SearchSpace.MAX_GRID + "; use fewer.");
        }
        return (int) size;
    }

    static void name(String op, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(op + ": the name is empty; give every hyperparameter a name, e.g. \"learningRate\".");
        }
    }

    static void range(String op, double lo, double hi) {
        Require.finiteRange(op, lo, hi);
    }

    static void count(String op, String what, int n) {
        Require.atLeast(op, what, n, 1);
    }

    static void margin(String op, double margin) {
        Require.above(op, "margin", margin, 0.0, "a positive fraction of the range, e.g. 0.1 for 10% on each side");
    }

    static void zoomBounds(Hyperparameter h, double min, double max) {
        if (!(min <= max) || !h.contains(min) || !h.contains(max)) {
            throw new IllegalArgumentException(op(h, "zoom") + ": [" + min + ", " + max + "] must be an ordered range of values of "
                    + h + "; zoom with results of a search over this same space.");
        }
    }
}
