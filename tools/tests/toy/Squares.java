package deepnets.core;

/** The toy exercise's library solution (tools/tests/test_toy_exercise.py): it solves 99-toy's Exercise 1. */
public final class Squares {

    private Squares() {
    }

    /** The sum of the squares of {@code x}'s entries. */
    @Solves(deepnets.exercises.SumOfSquares.class)
    public static double sumOfSquares(double[] x) {
        EntryPoints.entered();
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }
}
