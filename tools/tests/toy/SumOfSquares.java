package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.Squares;
import java.util.List;

/**
 * The toy exercise of tools/tests/test_toy_exercise.py (issue 24): notebook 99-toy, Exercise 1, the sum of squares
 * of a vector. Added to a copy of the course exactly as docs/instructors.md ("Adding an exercise") says, then taken
 * through the library's tests, grading and the release.
 */
public final class SumOfSquares extends Task<SumOfSquares.Fn> {

    /** The student's {@code sumOfSquares}. */
    @FunctionalInterface
    public interface Fn {
        double apply(double[] x);
    }

    SumOfSquares() {
        super("99-toy", "Exercise 1 (sum of squares)", 1, Fn.class);
    }

    @Override
    protected String visible(Fn yours) {
        double[] x = {1.5, -2.0, 3.5};   // chosen so that no two mistakes give the same number
        double want = Squares.sumOfSquares(x.clone());
        double got = call(() -> yours.apply(x.clone()));
        Check.closeWithDiagnosis("sumOfSquares(x)", want, got, 1e-12, diagnose(m -> m.apply(x.clone())));
        return "a sum of squares";
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                Mistake.of("you sum the values, not their squares", x -> x[0] + x[1] + x[2]),
                Mistake.of("you square the sum instead of summing the squares",
                        x -> (x[0] + x[1] + x[2]) * (x[0] + x[1] + x[2])),
                Mistake.of("the loop skips the last entry", x -> x[0] * x[0] + x[1] * x[1]));
    }

    @Override
    public Fn bypass() {
        return Squares::sumOfSquares;
    }
}
