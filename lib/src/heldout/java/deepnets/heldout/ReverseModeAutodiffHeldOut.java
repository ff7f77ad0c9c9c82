package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.ReverseModeAutodiff;
import deepnets.exercises.Value;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Notebook 08, Exercise 2, held out: other graphs than the visible check's (fractional and negative exponents, a
 * value used three times, a diamond, a chain of 60 steps, an output that is an input), gradients that are not
 * whole numbers, compared with central differences of the same function written with plain doubles; a second call
 * on the same graph, and a call on an inner value before the call on the output.
 */
final class ReverseModeAutodiffHeldOut extends HeldOutCheck<ReverseModeAutodiff.Fn> {

    ReverseModeAutodiffHeldOut() {
        super(Exercises.reverseModeAutodiff());
    }

    @Override
    public ReverseModeAutodiff.Fn solution() {
        return output -> {
            List<Value> nodes = output.graph();
            for (Value v : nodes) {
                v.grad = 0;
            }
            output.grad = 1;
            for (int i = nodes.size() - 1; i >= 0; i--) {
                Value v = nodes.get(i);
                switch (v.op) {
                    case "+" -> {
                        v.left.grad += v.grad;
                        v.right.grad += v.grad;
                    }
                    case "*" -> {
                        v.left.grad += v.right.data * v.grad;
                        v.right.grad += v.left.data * v.grad;
                    }
                    case "^" -> v.left.grad += v.exponent * Math.pow(v.left.data, v.exponent - 1) * v.grad;
                    default -> { }
                }
            }
        };
    }

    /** One function, twice: as a graph of values and with plain doubles (for the central differences). */
    private record Case(String what, double[] at, Function<Value[], Value> graph, ToDoubleFunction<double[]> f) {
    }

    @Override
    public String check(ReverseModeAutodiff.Fn yours) {
        List<Case> cases = List.of(
                new Case("a square root, sqrt(x * y + 3)", new double[] {1.3, 2.1},
                        v -> v[0].mul(v[1]).add(3).pow(0.5), x -> Math.sqrt(x[0] * x[1] + 3)),
                new Case("a negative exponent, y / (x + 2)", new double[] {0.7, -1.9},
                        v -> v[0].add(2).pow(-1).mul(v[1]), x -> x[1] / (x[0] + 2)),
                new Case("a value used three times, x * x * x + x", new double[] {-1.45},
                        v -> v[0].mul(v[0]).mul(v[0]).add(v[0]), x -> x[0] * x[0] * x[0] + x[0]),
                new Case("a diamond, a = x * y, (a * (a + x))^2", new double[] {0.6, -1.2},
                        v -> {
                            Value a = v[0].mul(v[1]);
                            return a.mul(a.add(v[0])).pow(2);
                        }, x -> Math.pow(x[0] * x[1] * (x[0] * x[1] + x[0]), 2)),
                new Case("a chain of 60 steps, s = 0.97 s + 0.05 x y", new double[] {0.8, 1.1},
                        v -> {
                            Value s = v[0];
                            for (int k = 0; k < 60; k++) {
                                s = s.mul(0.97).add(v[0].mul(v[1]).mul(0.05));
                            }
                            return s;
                        }, x -> {
                            double s = x[0];
                            for (int k = 0; k < 60; k++) {
                                s = s * 0.97 + x[0] * x[1] * 0.05;
                            }
                            return s;
                        }),
                new Case("an output that is an input", new double[] {-3.5}, v -> v[0], x -> x[0]));
        for (Case c : cases) {
            Value[] in = inputs(c.at());
            Value out = c.graph().apply(in);
            run(c.what(), () -> {
                yours.apply(out);
                return null;
            });
            requireGradients(c, in, out, "on " + c.what());
            run(c.what(), () -> {
                yours.apply(out);
                return null;
            });
            requireGradients(c, in, out, "on a second call on " + c.what());
        }
        // backward on an inner value first, then on the output that uses it
        Case diamond = cases.get(3);
        Value[] in = inputs(diamond.at());
        Value a = in[0].mul(in[1]);
        Value out = a.mul(a.add(in[0])).pow(2);
        run("an inner value, then the output", () -> {
            yours.apply(a);
            yours.apply(out);
            return null;
        });
        requireGradients(diamond, in, out, "after a call on an inner value and then on the output of "
                + diamond.what());
        return "square roots, negative exponents, a value used three times, a diamond, a 60-step chain, a second "
                + "call and a call on an inner value first";
    }

    private static Value[] inputs(double[] at) {
        Value[] in = new Value[at.length];
        for (int i = 0; i < at.length; i++) {
            in[i] = new Value(at[i]);
        }
        return in;
    }

    private void requireGradients(Case c, Value[] in, Value out, String when) {
        require(out.grad == 1, when + ", the output's own gradient is not 1");
        double[] got = new double[in.length];
        double[] numeric = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            got[i] = in[i].grad;
            double h = 1e-5 * Math.max(1, Math.abs(c.at()[i]));
            double[] plus = c.at().clone();
            double[] minus = c.at().clone();
            plus[i] += h;
            minus[i] -= h;
            numeric[i] = (c.f().applyAsDouble(plus) - c.f().applyAsDouble(minus)) / (2 * h);
        }
        require(close(got, numeric, 1e-6), when + ", the inputs' gradients differ from the derivatives");
    }
}
