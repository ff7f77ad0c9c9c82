package deepnets.optim;

import deepnets.core.NonFiniteException;
import deepnets.core.Require;
import deepnets.core.Shapes;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Shared bookkeeping for the optimizers: learning rate, step count, and per-parameter state arrays.
 *
 * <p>A subclass says how many state arrays of the parameter's shape it needs ({@link #stateSlots()}) and
 * updates one row at a time ({@link #updateRow}); a (D,) parameter is treated as one row.
 *
 * <p>Library plumbing behind the optimizers of notebooks/solutions/03-pandas-vs-caviar.ipynb; no notebook uses it
 * directly.
 */
public abstract class AbstractOptimizer implements Optimizer {

    private final Map<Object, ParameterState> states = new IdentityHashMap<>();
    /** The name of {@link #update} in messages, built once: building it on every call was measurable. */
    private final String updateOp = getClass().getSimpleName() + ".update";
    private double learningRate;
    private long steps;

    private static final class ParameterState {
        final double[][][] slots;
        long lastIteration;

        ParameterState(int slots, int rows, int cols) {
            this.slots = new double[slots][rows][cols];
        }
    }

    protected AbstractOptimizer(double learningRate) {
        setLearningRate(learningRate);
    }

    /** How many state arrays of the parameter's shape this optimizer keeps (0 for plain SGD). */
    protected abstract int stateSlots();

    /**
     * Updates one row of a parameter.
     *
     * @param w the row, modified
     * @param dw its gradient, not modified
     * @param state this row of each state array, modified
     * @param iteration the iteration being computed, 1 for the first
     */
    protected abstract void updateRow(double[] w, double[] dw, double[][] state, long iteration);

    @Override
    public final void update(double[][] w, double[][] dw) {
        String op = updateOp;
        Shapes.requireSameShape(op, "w", w, "dw", dw);
        // dw before anything changes; each row of w just before and just after its update, while it is in the
        // cache (a pass over memory of its own was measurable in training), so that a NaN or infinity already in
        // w is told apart from a step that overflowed.
        Require.finite(op, "dw", dw);
        ParameterState s = stateOf(op, w, w.length, w[0].length);
        double[][] rowState = new double[s.slots.length][];
        for (int i = 0; i < w.length; i++) {
            for (int k = 0; k < rowState.length; k++) {
                rowState[k] = s.slots[k][i];
            }
            requireFiniteRow(op, w[i], i, true);
            updateRow(w[i], dw[i], rowState, steps + 1);
            requireFiniteStep(op, w[i], dw[i], i, true);
        }
    }

    @Override
    public final void update(double[] w, double[] dw) {
        String op = updateOp;
        if (w == null || dw == null || w.length != dw.length || w.length == 0) {
            throw new IllegalArgumentException(op + ": w and dw must have the same non-empty shape but w is "
                    + Shapes.of(w) + " and dw is " + Shapes.of(dw) + ".");
        }
        Require.finite(op, "dw", dw);
        ParameterState s = stateOf(op, w, 1, w.length);
        double[][] rowState = new double[s.slots.length][];
        for (int k = 0; k < rowState.length; k++) {
            rowState[k] = s.slots[k][0];
        }
        requireFiniteRow(op, w, 0, false);
        updateRow(w, dw, rowState, steps + 1);
        requireFiniteStep(op, w, dw, 0, false);
    }

    /** Whether every entry of {@code v} is finite, by a sum of {@code v * 0} (0, or NaN from a NaN or infinity). */
    private static boolean finite(double[] v) {
        double zero = 0.0;
        for (double e : v) {
            zero += e * 0.0;
        }
        return zero == 0.0;
    }

    /** Refuses a NaN or infinity in row i of w before its update, naming the entry. */
    private static void requireFiniteRow(String op, double[] w, int i, boolean matrix) {
        if (!finite(w)) {
            Require.finite(op, matrix ? "w[" + i + "]" : "w", w);
        }
    }

    /** After the update of row i (finite before): refuses a step that overflowed, naming the entry and its gradient. */
    private void requireFiniteStep(String op, double[] w, double[] dw, int i, boolean matrix) {
        if (finite(w)) {
            return;
        }
        String row = matrix ? "[" + i + "]" : "";
        for (int j = 0; j < w.length; j++) {
            if (!Double.isFinite(w[j])) {
                throw new NonFiniteException(op + ": the step for w" + row + "[" + j + "] overflowed to " + w[j]
                        + " although w and its gradient dw" + row + "[" + j + "] = " + dw[j] + " are finite; lower the "
                        + "learning rate (now " + learningRate + ")" + overflowHint() + ".");
            }
        }
    }

    /**
     * Appended to the message of a step that overflowed, e.g. {@code ", or use eps > 0"}; empty here.
     * Subclasses whose step divides by a running average say when that average can underflow.
     */
    protected String overflowHint() {
        return "";
    }

    private ParameterState stateOf(String op, Object w, int rows, int cols) {
        ParameterState s = states.computeIfAbsent(w, key -> new ParameterState(stateSlots(), rows, cols));
        if (s.slots.length > 0 && (s.slots[0].length != rows || s.slots[0][0].length != cols)) {
            throw new IllegalArgumentException(op + ": this parameter array changed shape from (" + s.slots[0].length
                    + ", " + s.slots[0][0].length + ") to (" + rows + ", " + cols + "); call reset() first.");
        }
        if (s.lastIteration == steps + 1) {
            throw new IllegalStateException(op + ": this parameter was already updated in iteration " + (steps + 1)
                    + "; call step() after updating all parameters of a mini-batch.");
        }
        s.lastIteration = steps + 1;
        return s;
    }

    @Override
    public final void step() {
        steps++;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final void reset() {
        states.clear();
        steps = 0;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        Require.above(getClass().getSimpleName(), "learning rate", learningRate, 0.0, "try 0.01");
        this.learningRate = learningRate;
    }
}
