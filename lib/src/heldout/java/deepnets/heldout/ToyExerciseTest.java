package deepnets.heldout;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.check.Check;
import deepnets.check.CheckFailure;
import deepnets.core.EntryPoints;
import deepnets.core.Solves;
import deepnets.exercises.Mistake;
import deepnets.exercises.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A toy exercise added the way docs/instructors.md says ("Adding an exercise"): its class, a library method that
 * solves it declared with {@code @Solves}, its mistakes, its bypass and its held-out check; then taken through
 * the same end-to-end test as the course's exercises.
 */
class ToyExerciseTest {

    /** The toy: the sum of squares of a vector. */
    static final class SumOfSquares extends Task<SumOfSquares.Fn> {

        @FunctionalInterface
        interface Fn {
            double apply(double[] x);
        }

        static final SumOfSquares TASK = new SumOfSquares();

        private SumOfSquares() {
            super("99-toy", "Exercise 1 (sum of squares)", 1, Fn.class);
        }

        @Override
        protected String visible(Fn yours) {
            double[] x = {1.5, -2.0, 3.5};   // chosen so that no two mistakes give the same number
            double got = call(() -> yours.apply(x.clone()));
            Check.closeWithDiagnosis("sumOfSquares(x)", Library.sumOfSquares(x), got, 1e-12,
                    diagnose(m -> m.apply(x.clone())));
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
            return Library::sumOfSquares;
        }
    }

    /** The toy's library solution. */
    static final class Library {
        @Solves(SumOfSquares.class)
        static double sumOfSquares(double[] x) {
            EntryPoints.entered();
            double s = 0;
            for (double v : x) {
                s += v * v;
            }
            return s;
        }
    }

    /** Its held-out check: other lengths, a single entry, the input unchanged. */
    static final class SumOfSquaresHeldOut extends HeldOutCheck<SumOfSquares.Fn> {
        SumOfSquaresHeldOut() {
            super(SumOfSquares.TASK);
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
                require(java.util.Arrays.equals(before, x), "your function changes its input x");
            }
            return "other lengths";
        }
    }

    @Test
    void aToyExerciseAddedAsTheDocsSayPassesTheWholeHomeTest() {
        ExerciseHomesTest.home(SumOfSquares.TASK, new SumOfSquaresHeldOut());
    }

    @Test
    void theToysCheckNamesTheMistakeAndItsHeldOutCheckTheProperty() {
        CheckFailure f = assertThrows(CheckFailure.class, () -> SumOfSquares.TASK.check(x -> x[0] + x[1] + x[2]));
        assertTrue(f.getMessage().contains("you sum the values, not their squares"), f.getMessage());
        HeldOutFailure h = assertThrows(HeldOutFailure.class, () -> new SumOfSquaresHeldOut().check(x -> {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += x[i] * x[i];
                x[i] = 0;
            }
            return s;
        }));
        assertTrue(h.getMessage().contains("your function changes its input x"), h.getMessage());
        assertTrue(!h.getMessage().contains("expected:"), h.getMessage());
    }
}
