package deepnets.heldout;

import deepnets.exercises.Exercises;
import deepnets.exercises.TestTimeNormalization;
import java.util.SplittableRandom;

/** Notebook 06, Exercise 2, held out: other widths and eps, a single unit, tiny variances, nothing modified. */
final class TestTimeNormalizationHeldOut extends HeldOutCheck<TestTimeNormalization.Fn> {

    TestTimeNormalizationHeldOut() {
        super(Exercises.testTimeNormalization());
    }

    @Override
    public TestTimeNormalization.Fn solution() {
        return (x, gamma, beta, mean, var, eps) -> {
            double[] out = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                out[j] = gamma[j] * (x[j] - mean[j]) / Math.sqrt(var[j] + eps) + beta[j];
            }
            return out;
        };
    }

    @Override
    public String check(TestTimeNormalization.Fn yours) {
        SplittableRandom random = new SplittableRandom(20261207);
        int[] widths = {1, 7, 33};
        double[] epsilons = {1e-5, 0.3, 1e-3};
        for (int c = 0; c < widths.length; c++) {
            int n = widths[c];
            double eps = epsilons[c];
            double[] x = values(random, n, -4, 4);
            double[] gamma = values(random, n, -2, 2);
            double[] beta = values(random, n, -1, 1);
            double[] mean = values(random, n, -1, 1);
            double[] var = values(random, n, 1e-4, 9);
            double[][] before = {x.clone(), gamma.clone(), beta.clone(), mean.clone(), var.clone()};
            String what = "an example with " + n + (n == 1 ? " unit" : " units") + " and eps = " + eps;
            double[] got = run(what, () -> yours.apply(x, gamma, beta, mean, var, eps));
            double[] want = TestTimeNormalization.reference(before[0], before[1], before[2], before[3], before[4], eps);
            require(got != null && got.length == n, "on " + what + " your result does not have one entry per unit");
            require(got != x, "on " + what + " your result is the input array x itself; return a new array");
            require(close(got, want, 1e-9), "on " + what + " your result differs from the expected one");
            String[] names = {"x", "gamma", "beta", "runningMean", "runningVar"};
            double[][] after = {x, gamma, beta, mean, var};
            for (int k = 0; k < names.length; k++) {
                require(java.util.Arrays.equals(before[k], after[k]), "your function changes its input "
                        + names[k] + " (on " + what + "); nothing may change at test time");
            }
        }
        return "other widths (1, 7 and 33 units), other eps, inputs unchanged";
    }

    private static double[] values(SplittableRandom random, int n, double lo, double hi) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }
}
