package deepnets.exercises;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A number that remembers how it was computed: the operation, its operands, and (after a backward pass) its
 * gradient. The given class of notebook 08, Exercise 2 (reverse-mode autodiff), where the student writes
 * {@code backward(output)}; it is here, in the library, so that the exercise's check can build graphs of it.
 *
 * <p>{@code w.pow(2).add(w.mul(-10)).add(25)} computes {@code J(w) = w^2 - 10w + 25} and records its graph.
 */
public final class Value {

    /** The number. */
    public final double data;
    /** How it was made: {@code "input"}, {@code "+"}, {@code "*"} or {@code "^"}. */
    public final String op;
    /** The left operand; null for {@code "input"}. */
    public final Value left;
    /** The right operand; null for {@code "input"} and {@code "^"}. */
    public final Value right;
    /** The k of {@code left^k}, for {@code "^"}; 0 otherwise. */
    public final double exponent;
    /** d(output)/d(this value), filled in by a backward pass from an output. */
    public double grad;

    /** An input. */
    public Value(double data) {
        this(data, "input", null, null, 0);
    }

    private Value(double data, String op, Value left, Value right, double exponent) {
        this.data = data;
        this.op = op;
        this.left = left;
        this.right = right;
        this.exponent = exponent;
    }

    /** this + other. */
    public Value add(Value other) {
        return new Value(data + other.data, "+", this, other, 0);
    }

    /** this + c, with c a new input. */
    public Value add(double c) {
        return add(new Value(c));
    }

    /** this * other. */
    public Value mul(Value other) {
        return new Value(data * other.data, "*", this, other, 0);
    }

    /** this * c, with c a new input. */
    public Value mul(double c) {
        return mul(new Value(c));
    }

    /** this^k. */
    public Value pow(double k) {
        return new Value(Math.pow(data, k), "^", this, null, k);
    }

    /** Every value this one was computed from, and itself last: each value comes after its operands. */
    public List<Value> graph() {
        List<Value> order = new ArrayList<>();
        visit(this, Collections.newSetFromMap(new IdentityHashMap<>()), order);
        return order;
    }

    private static void visit(Value v, Set<Value> seen, List<Value> order) {
        if (v == null || !seen.add(v)) {
            return;
        }
        visit(v.left, seen, order);
        visit(v.right, seen, order);
        order.add(v);
    }

    @Override
    public String toString() {
        return String.format("Value(%s, data=%.6g, grad=%.6g)", op, data, grad);
    }
}
