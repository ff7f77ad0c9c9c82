package deepnets.exercises;

import deepnets.check.Check;
import deepnets.core.EntryPoints;
import deepnets.core.Matrices;
import deepnets.core.Solves;
import deepnets.gradcheck.GradientCheck;
import deepnets.layers.Softmax;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Notebook 07, Exercise 3: backward through the softmax alone, row by row,
 * {@code dz_c = sum_k dyhat_k yhat_k (delta_kc - yhat_c)}, without building the C x C Jacobian; the inputs are not
 * modified.
 *
 * <p>The check tests one property at a time, each on the smallest input that shows it; the expected values come
 * from a numeric Jacobian-vector product of the library's softmax, not from the formula the student derives; and it
 * measures what the student's code allocates with 2,000 classes, where one C x C Jacobian is 32 MB.
 */
public final class SoftmaxBackward extends Task<SoftmaxBackward.Fn> {

    /** The student's {@code softmaxBackward}. */
    @FunctionalInterface
    public interface Fn {
        double[][] apply(double[][] yhat, double[][] dyhat);
    }

    /** Bytes the student's code may allocate for 2 x 2,000 classes: the result is 32 kB, one Jacobian 32 MB. */
    public static final long ALLOCATION_LIMIT = 4_000_000L;
    private static final int MANY_CLASSES = 2000;

    private static final double[][] Z;
    private static final double[][] DY;
    // Two examples: only example 1's dyhat differs between A and B.
    private static final double[][] TWO_ROWS = {{0.5, 0.3, 0.2}, {0.1, 0.1, 0.8}};
    private static final double[][] UP_A = {{0.4, -1.0, 2.0}, {1.0, 0.5, -0.3}};
    private static final double[][] UP_B = {{0.4, -1.0, 2.0}, {-2.0, 3.0, 0.7}};
    private static final double[][] P = {{0.5, 0.3, 0.2}};
    private static final double[][] ON_CLASS_0 = {{1.0, 0.0, 0.0}};
    private static final double[][] ON_EVERY_CLASS = {{1.0, 1.0, 1.0}};
    private static final double[][] BIG_Z;
    private static final double[][] BIG_UP;

    static {
        // 3 examples, 4 classes, several non-zero upstream entries per row.
        Random random = new Random(13);
        Z = new double[3][4];
        DY = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 4; c++) {
                Z[i][c] = 1.5 * random.nextGaussian();
                DY[i][c] = random.nextGaussian();
            }
        }
        BIG_Z = new double[2][MANY_CLASSES];
        BIG_UP = new double[2][MANY_CLASSES];
        for (int i = 0; i < 2; i++) {
            for (int c = 0; c < MANY_CLASSES; c++) {
                BIG_Z[i][c] = random.nextGaussian();
                BIG_UP[i][c] = random.nextGaussian();
            }
        }
    }

    private static final String ONLY_DIAGONAL = "you use only the diagonal of the Jacobian: every probability also "
            + "depends on the other logits, so an upstream gradient on class 0 alone moves every logit";
    private static final String ELEMENT_WISE = "you treat the softmax as an element-wise exp (dz = yhat * dyhat) and "
            + "forget its shared denominator: raising logit 1 lowers the probability of class 0 too";
    private static final String PLUS_SIGN = "a positive one usually means a plus sign where the sum is subtracted";
    private static final String NOT_WEIGHTED = "A non-zero dz here usually means the sum over k is not weighted by "
            + "yhat";
    private static final String OVER_THE_BATCH = "you sum over the batch (a column) instead of over the classes of "
            + "one row";
    private static final String DYHAT_MODIFIED = "dyhat was modified: write dz into a new array, the caller still "
            + "needs its upstream gradient";
    private static final String JACOBIAN = "you build a C x C matrix (or arrays of that size): work the sum out so "
            + "that each row needs one extra number";

    SoftmaxBackward() {
        super("07-softmax-regression", "Exercise 3 (softmax backward)", 2, Fn.class);
    }

    /**
     * The reference: a numeric Jacobian-vector product of the library's softmax at the logits {@code z},
     * {@code J^T dyhat}, row by row. It does not use the formula the student derives.
     */
    @Solves(SoftmaxBackward.class)
    public static double[][] reference(double[][] z, double[][] dyhat) {
        EntryPoints.entered();
        return GradientCheck.numericGradient(zz -> Softmax.forward(zz), Matrices.copy(z), Matrices.copy(dyhat));
    }

    @Override
    protected String visible(Fn yours) {
        // 1. The inputs stay as they were.
        double[][] yhat = Softmax.forward(Z);
        double[][] y = Matrices.copy(yhat);
        double[][] dy = Matrices.copy(DY);
        double[][] got = call(() -> yours.apply(y, dy));
        Check.allClose("yhat after the call", yhat, y, 0, "do not modify the inputs: write dz into a new array");
        Check.allClose("dyhat after the call", DY, dy, 0, DYHAT_MODIFIED);
        Check.isTrue("softmaxBackward returns a 3 x 4 array", got != null && got.length == 3 && got[0] != null
                && got[0].length == 4, "dz has the shape of yhat: one row per example, one column per class");

        // 2. Rows are independent: changing example 1 must not change the answer for example 0.
        double[][] dzA = call(() -> yours.apply(Matrices.copy(TWO_ROWS), Matrices.copy(UP_A)));
        double[][] dzB = call(() -> yours.apply(Matrices.copy(TWO_ROWS), Matrices.copy(UP_B)));
        Check.allClose("dz of example 0 when only example 1's dyhat changes", dzA[0], dzB[0], 1e-12,
                "example 0 changed with example 1: " + OVER_THE_BATCH);

        // 3. An upstream gradient on class 0 alone, probabilities (0.5, 0.3, 0.2): the other logits must move too.
        double[] one = call(() -> yours.apply(Matrices.copy(P), Matrices.copy(ON_CLASS_0)))[0];
        String yours3 = "yours (" + one[0] + ", " + one[1] + ", " + one[2] + ")";
        if (Math.abs(one[1]) < 1e-15 && Math.abs(one[2]) < 1e-15) {
            Check.isTrue("for yhat = (0.5, 0.3, 0.2) and dyhat = (1, 0, 0), dz of classes 1 and 2 is not 0 ("
                    + yours3 + ")", false, Math.abs(one[0] - 0.5) < 1e-12 ? ELEMENT_WISE : ONLY_DIAGONAL);
        }
        Check.isTrue("for yhat = (0.5, 0.3, 0.2) and dyhat = (1, 0, 0), dz of classes 1 and 2 is negative ("
                + yours3 + ")", one[1] < 0 && one[2] < 0, "raising logit 1 or 2 lowers the probability of class 0 "
                + "(the probabilities sum to 1), so with a positive upstream gradient on class 0 their dz is "
                + "negative; " + PLUS_SIGN);

        // 4. The same upstream gradient on every class: the probabilities cannot all rise, so nothing changes.
        double[] ones = call(() -> yours.apply(Matrices.copy(P), Matrices.copy(ON_EVERY_CLASS)))[0];
        Check.isTrue("for dyhat = (1, 1, 1), dz is 0 (yours (" + ones[0] + ", " + ones[1] + ", " + ones[2] + "))",
                Math.abs(ones[0]) + Math.abs(ones[1]) + Math.abs(ones[2]) < 1e-12, "the probabilities always sum to "
                        + "1, so a loss that rises equally with every one of them cannot change: dz must be 0. "
                        + NOT_WEIGHTED);

        // 5. The values, against a numeric Jacobian-vector product of the library's softmax.
        Check.allCloseWithDiagnosis("dz = J^T dyhat for 3 examples of 4 classes (expected: a numeric derivative of "
                + "the softmax)", reference(Z, DY), got, 1e-6, diagnose(m -> m.apply(Softmax.forward(Z),
                Matrices.copy(DY))));

        // 6. No C x C matrix: 2 examples of 2,000 classes.
        double[][] bigY = Softmax.forward(BIG_Z);
        double[][] bigUp = Matrices.copy(BIG_UP);
        long allocated = allocatedBy(() -> call(() -> yours.apply(bigY, bigUp)));
        Check.isTrue(String.format("softmaxBackward with 2,000 classes allocates well under the 32 MB of one C x C "
                + "Jacobian (yours: %.1f MB)", allocated / 1e6), allocated < ALLOCATION_LIMIT, JACOBIAN);
        return String.format("the softmax's Jacobian-vector product, %.2f MB for 2 x 2,000 classes", allocated / 1e6);
    }

    /** The bytes this thread allocates while {@code code} runs. */
    public static long allocatedBy(Runnable code) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        code.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Override
    public List<Mistake<Fn>> mistakes() {
        return List.of(
                new Mistake<>("diagonal of the Jacobian only", ONLY_DIAGONAL,
                        (p, d) -> each(p, d, (pi, di, s, c) -> pi[c] * (1 - pi[c]) * di[c])),
                new Mistake<>("plus instead of minus", PLUS_SIGN,
                        (p, d) -> each(p, d, (pi, di, s, c) -> pi[c] * (di[c] + s))),
                new Mistake<>("sum not weighted by yhat", NOT_WEIGHTED,
                        (p, d) -> each(p, d, (pi, di, s, c) -> pi[c] * (di[c] - Arrays.stream(di).sum()))),
                new Mistake<>("softmax treated as element-wise exp", ELEMENT_WISE,
                        (p, d) -> each(p, d, (pi, di, s, c) -> pi[c] * di[c])),
                new Mistake<>("sum over the batch instead of the classes", OVER_THE_BATCH,
                        (p, d) -> {
                            double[][] dz = new double[p.length][p[0].length];
                            for (int c = 0; c < p[0].length; c++) {
                                double s = 0;
                                for (int i = 0; i < p.length; i++) {
                                    s += p[i][c] * d[i][c];
                                }
                                for (int i = 0; i < p.length; i++) {
                                    dz[i][c] = p[i][c] * (d[i][c] - s);
                                }
                            }
                            return dz;
                        }),
                new Mistake<>("overwrites dyhat", DYHAT_MODIFIED,
                        (p, d) -> {
                            double[][] dz = each(p, d, (pi, di, s, c) -> pi[c] * (di[c] - s));
                            for (int i = 0; i < d.length; i++) {
                                System.arraycopy(dz[i], 0, d[i], 0, d[i].length);
                            }
                            return d;
                        }),
                new Mistake<>("builds the C x C Jacobian of each row", JACOBIAN,
                        (p, d) -> {
                            double[][] dz = new double[p.length][];
                            for (int i = 0; i < p.length; i++) {
                                int classes = p[i].length;
                                double[][] jacobian = new double[classes][classes];
                                for (int k = 0; k < classes; k++) {
                                    for (int c = 0; c < classes; c++) {
                                        jacobian[k][c] = p[i][k] * ((k == c ? 1 : 0) - p[i][c]);
                                    }
                                }
                                dz[i] = new double[classes];
                                for (int c = 0; c < classes; c++) {
                                    for (int k = 0; k < classes; k++) {
                                        dz[i][c] += d[i][k] * jacobian[k][c];
                                    }
                                }
                            }
                            return dz;
                        }));
    }

    /** One entry of dz from row i's yhat, dyhat and {@code s = sum_k yhat_k dyhat_k}, for the mistakes. */
    @FunctionalInterface
    private interface Entry {
        double of(double[] yhat, double[] dyhat, double s, int c);
    }

    private static double[][] each(double[][] p, double[][] d, Entry entry) {
        double[][] dz = new double[p.length][];
        for (int i = 0; i < p.length; i++) {
            double s = 0;
            for (int k = 0; k < p[i].length; k++) {
                s += p[i][k] * d[i][k];
            }
            dz[i] = new double[p[i].length];
            for (int c = 0; c < p[i].length; c++) {
                dz[i][c] = entry.of(p[i], d[i], s, c);
            }
        }
        return dz;
    }

    @Override
    public Fn bypass() {
        return (yhat, dyhat) -> {
            double[][] z = new double[yhat.length][];
            for (int i = 0; i < yhat.length; i++) {
                z[i] = Arrays.stream(yhat[i]).map(Math::log).toArray();
            }
            return GradientCheck.numericGradient(zz -> Softmax.forward(zz), z, dyhat);
        };
    }
}
