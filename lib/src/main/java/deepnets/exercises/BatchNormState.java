package deepnets.exercises;

import java.util.Arrays;

/**
 * What a batch-norm layer keeps between two forward passes, given to notebook 06's Exercise 3 ({@link BatchNormLayer}):
 * its parameters {@code gamma} and {@code beta}, its running averages of each unit's mean and variance, the weight
 * {@code averagingBeta} of the old value in those averages, and {@code eps}. The running mean starts at 0, the
 * running variance at 1, gamma at 1 and beta at 0. The arrays are public so that the student's forward pass reads
 * and updates them; this class computes nothing.
 */
public final class BatchNormState {

    /** The scale, one entry per unit; starts at 1. */
    public final double[] gamma;
    /** The shift, one entry per unit; starts at 0. */
    public final double[] beta;
    /** The running average of each unit's batch mean; starts at 0. */
    public final double[] runningMean;
    /** The running average of each unit's batch variance; starts at 1. */
    public final double[] runningVar;
    /** The weight of the old value in the running averages, in [0, 1). */
    public final double averagingBeta;
    /** Added to the variance under the square root, &gt; 0. */
    public final double eps;

    /**
     * A layer of {@code units} units with gamma 1, beta 0, running mean 0 and running variance 1.
     *
     * @throws IllegalArgumentException if {@code units < 1}, {@code averagingBeta} is outside [0, 1) or {@code eps}
     *                                  is not a positive number
     */
    public BatchNormState(int units, double averagingBeta, double eps) {
        if (units < 1) {
            throw new IllegalArgumentException("BatchNormState: units is " + units + "; a layer needs at least one "
                    + "unit.");
        }
        if (!(averagingBeta >= 0 && averagingBeta < 1)) {
            throw new IllegalArgumentException("BatchNormState: averagingBeta is " + averagingBeta + "; it must be in "
                    + "[0, 1), the weight of the old value (the usual value is 0.9).");
        }
        if (!(eps > 0) || eps == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("BatchNormState: eps is " + eps + "; it must be a positive number "
                    + "(the usual value is 1e-5).");
        }
        gamma = new double[units];
        beta = new double[units];
        runningMean = new double[units];
        runningVar = new double[units];
        Arrays.fill(gamma, 1);
        Arrays.fill(runningVar, 1);
        this.averagingBeta = averagingBeta;
        this.eps = eps;
    }

    /** The number of units. */
    public int units() {
        return gamma.length;
    }

    /** A copy with the same values and its own arrays. */
    public BatchNormState copy() {
        BatchNormState out = new BatchNormState(units(), averagingBeta, eps);
        System.arraycopy(gamma, 0, out.gamma, 0, units());
        System.arraycopy(beta, 0, out.beta, 0, units());
        System.arraycopy(runningMean, 0, out.runningMean, 0, units());
        System.arraycopy(runningVar, 0, out.runningVar, 0, units());
        return out;
    }

    @Override
    public String toString() {
        return "BatchNormState(" + units() + " units, averagingBeta " + averagingBeta + ", eps " + eps + ", gamma "
                + Arrays.toString(gamma) + ", beta " + Arrays.toString(beta) + ", runningMean "
                + Arrays.toString(runningMean) + ", runningVar " + Arrays.toString(runningVar) + ")";
    }
}
