package deepnets.exercises;

import deepnets.check.Check;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Notebook 08, Exercise 2: reverse-mode automatic differentiation on single numbers. The student's
 * {@code backward(output)} fills in {@link Value#grad} of every value in {@code output.graph()} with
 * d(output)/d(that value), and gives the same gradients when called again on the same graph.
 *
 * <p>The visible check tests one piece at a time (the start, each local rule, the chain rule, a value used twice,
 * the order of the walk, a second call), each on the smallest graph that shows it, and names the first piece that
 * is wrong. The expected gradients are derivatives worked out by hand (e.g. 3 x^2 for x^3), not a reference
 * backward.
 */
public final class ReverseModeAutodiff extends Task<ReverseModeAutodiff.Fn> {

    /** The student's {@code backward}. */
    @FunctionalInterface
    public interface Fn {
        void apply(Value output);
    }

    static final String START = "output.grad is never set to 1: the walk starts from d(output)/d(output) = 1";
    static final String SUM_LEFT = "the sum rule passes the gradient to the left operand only; z = a + b passes z's "
            + "gradient to both";
    static final String SUM_CHAIN = "the sum rule passes 1 instead of z's gradient; by the chain rule each operand "
            + "receives its local derivative (1) times z's gradient, v.grad";
    static final String PRODUCT = "the product rule uses the operand itself; for z = a * b, dz/da is the OTHER "
            + "operand, b";
    static final String PRODUCT_CHAIN = "the product rule leaves out z's gradient; dz/da = b must be multiplied by "
            + "z's gradient, v.grad";
    static final String POWER = "the power rule keeps the exponent, k a^k; the derivative of a^k is k a^(k-1)";
    static final String POWER_CHAIN = "the power rule leaves out z's gradient; k a^(k-1) must be multiplied by "
            + "z's gradient, v.grad";
    static final String POWER_BASE = "the power rule uses the result z = a^k instead of the operand a; "
            + "dz/da = k a^(k-1) with a = left.data";
    static final String USED_TWICE = "a value used twice keeps only its last contribution: add each contribution "
            + "to grad (+=), do not replace it (=)";
    static final String USED_TWICE_SUM = "the sum rule replaces an operand's gradient (=) instead of adding to it "
            + "(+=), so a value used twice in sums keeps only its last contribution";
    static final String USED_TWICE_LEFT = "the product rule replaces the left operand's gradient (=) instead of "
            + "adding to it (+=), so a value used by two products keeps only its last contribution";
    static final String FORWARD = "the walk goes through graph() from its start, so a value passes its gradient on "
            + "before the values that use it have passed theirs: walk graph() from its end";
    static final String NOT_RESET = "the gradients are not set to 0 before the walk, so a second call adds to the "
            + "gradients of the first";

    private static final double TOL = 1e-12;

    ReverseModeAutodiff() {
        super("08-putting-it-together", "Exercise 2 (reverse-mode autodiff)", 2, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        Set<String> ruledOut = new HashSet<>();
        piece(yours, ruledOut, "the start: after backward(x) on a lone input x = 2, x.grad", () -> {
            Value x = new Value(2.0);
            return new Value[] {x, x};
        }, 1.0, 1, START);
        piece(yours, ruledOut, "the sum rule: for z = x + y at x = 2, y = 3, x.grad", () -> {
            Value x = new Value(2.0);
            return new Value[] {x.add(new Value(3.0)), x};
        }, 1.0, 1, "z = x + y passes z's gradient unchanged to both operands");
        piece(yours, ruledOut, "the sum rule: for z = x + y at x = 2, y = 3, y.grad", () -> {
            Value y = new Value(3.0);
            return new Value[] {new Value(2.0).add(y), y};
        }, 1.0, 1, "z = x + y passes z's gradient unchanged to both operands, the right one too");
        double px = 2.0;
        double py = 3.0;
        piece(yours, ruledOut, "the product rule: for z = x * y at x = 2, y = 3, x.grad (dz/dx = y)", () -> {
            Value x = new Value(px);
            return new Value[] {x.mul(new Value(py)), x};
        }, py, 1, "for z = x * y the gradient of x is the OTHER operand, y, times z's gradient");
        piece(yours, ruledOut, "the product rule: for z = x * y at x = 2, y = 3, y.grad (dz/dy = x)", () -> {
            Value y = new Value(py);
            return new Value[] {new Value(px).mul(y), y};
        }, px, 1, "for z = x * y the gradient of y is the OTHER operand, x, times z's gradient");
        double qx = 2.0;
        piece(yours, ruledOut, "the power rule: for z = x^3 at x = 2, x.grad (3 x^2)", () -> {
            Value x = new Value(qx);
            return new Value[] {x.pow(3), x};
        }, 3 * qx * qx, 1, "the derivative of x^k is k x^(k-1): the exponent drops by one");
        piece(yours, ruledOut, "the chain rule through a sum: for z = (x + y) * 4 at x = 2, y = 3, x.grad (4)", () -> {
            Value x = new Value(2.0);
            return new Value[] {x.add(new Value(3.0)).mul(4), x};
        }, 4.0, 1, "s = x + y passes s's gradient (here 4, from z = s * 4) to x, not 1");
        piece(yours, ruledOut, "the chain rule through a power: for z = x^3 * 2 at x = 2, x.grad (2 * 3 x^2)", () -> {
            Value x = new Value(qx);
            return new Value[] {x.pow(3).mul(2), x};
        }, 2 * 3 * qx * qx, 1, "p = x^3 passes k x^(k-1) times p's gradient (here 2, from z = p * 2) to x");
        double rx = 3.0;
        piece(yours, ruledOut, "a value used twice: for z = x * x at x = 3, x.grad (2x)", () -> {
            Value x = new Value(rx);
            return new Value[] {x.mul(x), x};
        }, 2 * rx, 1, "x is both operands of z = x * x, so it receives two contributions, 3 and 3; the second one "
                + "must be added to the first (+=), not replace it (=)");
        piece(yours, ruledOut, "a value used twice in a sum: for z = x + x at x = 1.5, x.grad (2)", () -> {
            Value x = new Value(1.5);
            return new Value[] {x.add(x), x};
        }, 2.0, 1, "x is both operands of z = x + x, so it receives two contributions; the second one must be added "
                + "to the first (+=), not replace it (=)");
        piece(yours, ruledOut, "a value used by two operations: for z = x * 2 + x * 5 at x = 1.5, x.grad (2 + 5)",
                () -> {
                    Value x = new Value(1.5);
                    return new Value[] {x.mul(2).add(x.mul(5)), x};
                }, 7.0, 1, "x is used by two products, so it receives a contribution from each; every contribution "
                        + "must be added to grad (+=), none may replace it (=)");
        double ox = 2.0;
        piece(yours, ruledOut, "the order of the walk: for b = a * a with a = x * x at x = 2 (b = x^4), "
                + "x.grad (4 x^3)", () -> {
            Value x = new Value(ox);
            Value a = x.mul(x);
            return new Value[] {a.mul(a), x};
        }, 4 * ox * ox * ox, 1, "a value may pass its gradient on only once every value that uses it has passed "
                + "theirs; graph() lists each value before the values that use it: in which direction must the walk "
                + "go?");
        double w = 3.0;
        Supplier<Value[]> cost = () -> {
            Value wv = new Value(w);
            return new Value[] {wv.pow(2).add(wv.mul(-10)).add(25), wv};
        };
        piece(yours, ruledOut, "the lecture's J(w) = w^2 - 10w + 25 at w = 3, w.grad (2w - 10)", cost, 2 * w - 10, 1,
                "every piece above passed, so compare the graph of J with your walk step by step");
        piece(yours, ruledOut, "a second call: backward(J) twice on the same graph at w = 3, w.grad "
                + "(still 2w - 10)", cost, 2 * w - 10, 2, "backward must give the same gradients every time: set "
                + "every value's grad to 0 before the walk");
        return "the start, the three local rules, the chain rule through each, a value used twice or by two operations, the order "
                + "of the walk, a second call";
    }

    /**
     * One piece: builds a fresh graph ({output, the value whose gradient is checked}), runs backward on its output
     * {@code calls} times and compares that gradient with {@code expected}. A wrong one is matched against the known
     * mistakes on the same graph, leaving out those that an earlier piece ruled out (the student's code passed a
     * piece where that mistake fails), else failed with {@code hint}.
     */
    private void piece(Fn yours, Set<String> ruledOut, String what, Supplier<Value[]> graph, double expected,
                       int calls, String hint) {
        Value[] v = graph.get();
        for (int c = 0; c < calls; c++) {
            run(() -> yours.apply(v[0]));
        }
        double actual = v[1].grad;
        Map<String, Double> mistakes = diagnose(m -> {
            Value[] fresh = graph.get();
            for (int c = 0; c < calls; c++) {
                m.apply(fresh[0]);
            }
            return fresh[1].grad;
        });
        if (close(actual, expected)) {
            mistakes.forEach((cause, grad) -> {
                if (!close(grad, expected)) {
                    ruledOut.add(cause);
                }
            });
            return;
        }
        Map<String, Double> matching = new LinkedHashMap<>();
        mistakes.forEach((cause, grad) -> {
            if (!ruledOut.contains(cause) && close(actual, grad)) {
                matching.put(cause, grad);
            }
        });
        if (!matching.isEmpty()) {
            Check.closeWithDiagnosis(what, expected, actual, TOL, matching);
        }
        Check.close(what, expected, actual, TOL, hint);
    }

    private static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= TOL * Math.max(1, Math.abs(expected));
    }

    /** How one mistake passes a value's gradient on to its operands. */
    private interface Rule {
        void pass(Value v);
    }

    private static final Rule SUM = v -> {
        v.left.grad += v.grad;
        v.right.grad += v.grad;
    };
    private static final Rule PRODUCT_RULE = v -> {
        v.left.grad += v.right.data * v.grad;
        v.right.grad += v.left.data * v.grad;
    };
    private static final Rule POWER_RULE = v -> v.left.grad += v.exponent * Math.pow(v.left.data, v.exponent - 1)
            * v.grad;

    /** A backward pass with the given reset, start, direction and rules; each mistake changes one of them. */
    private static Fn walk(boolean reset, boolean start, boolean reverse, Rule sum, Rule product, Rule power) {
        return output -> {
            List<Value> nodes = output.graph();
            if (reset) {
                for (Value v : nodes) {
                    v.grad = 0;
                }
            }
            if (start) {
                output.grad = 1;
            }
            for (int k = 0; k < nodes.size(); k++) {
                Value v = nodes.get(reverse ? nodes.size() - 1 - k : k);
                switch (v.op) {
                    case "+" -> sum.pass(v);
                    case "*" -> product.pass(v);
                    case "^" -> power.pass(v);
                    default -> { }
                }
            }
        };
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("= instead of += (a value used twice keeps only its last contribution)", USED_TWICE,
                        walk(true, true, true, SUM, v -> {
                            v.left.grad = v.right.data * v.grad;
                            v.right.grad = v.left.data * v.grad;
                        }, POWER_RULE)),
                new Mistake<>("= instead of += in the sum rule", USED_TWICE_SUM, walk(true, true, true, v -> {
                    v.left.grad = v.grad;
                    v.right.grad = v.grad;
                }, PRODUCT_RULE, POWER_RULE)),
                new Mistake<>("= instead of += for the left operand of a product only", USED_TWICE_LEFT,
                        walk(true, true, true, SUM, v -> {
                            v.left.grad = v.right.data * v.grad;
                            v.right.grad += v.left.data * v.grad;
                        }, POWER_RULE)),
                new Mistake<>("walks graph() from the start (forward order)", FORWARD,
                        walk(true, true, false, SUM, PRODUCT_RULE, POWER_RULE)),
                new Mistake<>("output.grad never set to 1", START, walk(true, false, true, SUM, PRODUCT_RULE,
                        POWER_RULE)),
                new Mistake<>("gradients not reset before the walk", NOT_RESET, walk(false, true, true, SUM,
                        PRODUCT_RULE, POWER_RULE)),
                new Mistake<>("power rule k * a^k (the exponent not lowered)", POWER, walk(true, true, true, SUM,
                        PRODUCT_RULE, v -> v.left.grad += v.exponent * Math.pow(v.left.data, v.exponent) * v.grad)),
                new Mistake<>("power rule on the result instead of the operand", POWER_BASE, walk(true, true, true, SUM,
                        PRODUCT_RULE, v -> v.left.grad += v.exponent * Math.pow(v.data, v.exponent - 1) * v.grad)),
                new Mistake<>("power rule without z's gradient", POWER_CHAIN, walk(true, true, true, SUM,
                        PRODUCT_RULE, v -> v.left.grad += v.exponent * Math.pow(v.left.data, v.exponent - 1))),
                new Mistake<>("product rule with the operand itself instead of the other one", PRODUCT,
                        walk(true, true, true, SUM, v -> {
                            v.left.grad += v.left.data * v.grad;
                            v.right.grad += v.right.data * v.grad;
                        }, POWER_RULE)),
                new Mistake<>("product rule without z's gradient", PRODUCT_CHAIN, walk(true, true, true, SUM, v -> {
                    v.left.grad += v.right.data;
                    v.right.grad += v.left.data;
                }, POWER_RULE)),
                new Mistake<>("the sum rule passes the gradient to the left operand only", SUM_LEFT,
                        walk(true, true, true, v -> v.left.grad += v.grad, PRODUCT_RULE, POWER_RULE)),
                new Mistake<>("the sum rule passes 1 instead of z's gradient", SUM_CHAIN, walk(true, true, true, v -> {
                    v.left.grad += 1;
                    v.right.grad += 1;
                }, PRODUCT_RULE, POWER_RULE)));
    }

    @Override
    public Fn bypass() {
        return null;
    }

    @Override
    public String noSolverBecause() {
        return "the library has no automatic differentiation: every backward pass in it is written by hand, and "
                + "Value, the exercise's given class, has no backward";
    }
}
