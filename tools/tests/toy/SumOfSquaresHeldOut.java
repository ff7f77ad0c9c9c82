package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.SumOfSquares;
import java.util.Arrays;

/** The toy exercise's held-out check: other lengths, a single entry, the input left unchanged. */
final class SumOfSquaresHeldOut extends HeldOutCheck<SumOfSquares.Fn> {

    SumOfSquaresHeldOut() {
        super(Exercises.sumOfSquares());
    }

    @Override
    public SumOfSquares.Fn solution() {
        return x -> {
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        };
    }

    @Override
    public String check(SumOfSquares.Fn yours) {
        for (double[] x : new double[][] {{0.25}, {1, 2, 3, 4, 5, 6, 7}}) {
            double[] before = x.clone();
            double got = run("a vector of length " + x.length, () -> yours.apply(x));
            require(Math.abs(got - solution().apply(before)) < 1e-12,
                    "on a vector of length " + x.length + " your result differs from the expected one");
            require(Arrays.equals(before, x), "your function changes its input x");
        }
        return "other lengths";
    }
}
