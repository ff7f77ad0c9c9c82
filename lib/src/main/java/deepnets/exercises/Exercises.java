package deepnets.exercises;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Every exercise of the course, in notebook order: one instance of each exercise's class. A check cell reaches its
 * exercise here, e.g. {@code Exercises.testTimeNormalization().check(...)}; the grader and the tests read the list
 * ({@link Catalog} prints it as JSON).
 */
public final class Exercises {

    private static final List<Task<?>> ALL = List.of(
            new AveragingWindow(),
            new ZoomStep(),
            new CoarseToFineLoop(),
            new LogScaleSampling(),
            new SamplingBeta(),
            new ParallelTrials(),
            new BatchNormForward(),
            new BackwardThroughGraph(),
            new SimplifiedBackward(),
            new NumericGradientCheck(),
            new BatchNormBlock(),
            new RunningAverages(),
            new TestTimeNormalization(),
            new BatchNormLayer(),
            new StableSoftmax(),
            new CrossEntropyLoss(),
            new SoftmaxBackward(),
            new ConfusionMatrixCount(),
            new ReverseModeAutodiff());

    private Exercises() {
    }

    /** Every exercise, in notebook order. */
    public static List<Task<?>> all() {
        return ALL;
    }

    /**
     * The exercise the notebooks call {@code name}.
     *
     * @throws IllegalArgumentException naming the known exercises if there is none of that name
     */
    public static Task<?> named(String name) {
        for (Task<?> task : ALL) {
            if (task.name().equals(name)) {
                return task;
            }
        }
        throw new IllegalArgumentException("Exercises.named: no exercise is called \"" + name + "\"; the known ones "
                + "are " + ALL.stream().map(t -> "\"" + t.name() + "\"").collect(Collectors.joining(", ")) + ".");
    }

    /** Exercise 1 (averaging window) (00-start-here). */
    public static AveragingWindow averagingWindow() {
        return (AveragingWindow) ALL.get(0);
    }

    /** Exercise 1 (zoom step) (01-tuning-process). */
    public static ZoomStep zoomStep() {
        return (ZoomStep) ALL.get(1);
    }

    /** Exercise 2 (coarse-to-fine loop) (01-tuning-process). */
    public static CoarseToFineLoop coarseToFineLoop() {
        return (CoarseToFineLoop) ALL.get(2);
    }

    /** Exercise 1 (log-scale sampling) (02-appropriate-scale). */
    public static LogScaleSampling logScaleSampling() {
        return (LogScaleSampling) ALL.get(3);
    }

    /** Exercise 2 (sampling beta) (02-appropriate-scale). */
    public static SamplingBeta samplingBeta() {
        return (SamplingBeta) ALL.get(4);
    }

    /** Exercise 1 (parallel trials) (03-pandas-vs-caviar). */
    public static ParallelTrials parallelTrials() {
        return (ParallelTrials) ALL.get(5);
    }

    /** Exercise 1 (batch-norm forward) (04-batch-norm-forward). */
    public static BatchNormForward batchNormForward() {
        return (BatchNormForward) ALL.get(6);
    }

    /** Exercise 1 (backward through the graph) (05-batch-norm-backward). */
    public static BackwardThroughGraph backwardThroughGraph() {
        return (BackwardThroughGraph) ALL.get(7);
    }

    /** Exercise 2 (simplified backward) (05-batch-norm-backward). */
    public static SimplifiedBackward simplifiedBackward() {
        return (SimplifiedBackward) ALL.get(8);
    }

    /** Exercise 3 (gradient check) (05-batch-norm-backward). */
    public static NumericGradientCheck numericGradientCheck() {
        return (NumericGradientCheck) ALL.get(9);
    }

    /** Exercise 4 (batch norm inside a network) (05-batch-norm-backward). */
    public static BatchNormBlock batchNormBlock() {
        return (BatchNormBlock) ALL.get(10);
    }

    /** Exercise 1 (running averages) (06-batch-norm-test-time). */
    public static RunningAverages runningAverages() {
        return (RunningAverages) ALL.get(11);
    }

    /** Exercise 2 (test-time normalization) (06-batch-norm-test-time). */
    public static TestTimeNormalization testTimeNormalization() {
        return (TestTimeNormalization) ALL.get(12);
    }

    /** Exercise 3 (batch-norm layer) (06-batch-norm-test-time). */
    public static BatchNormLayer batchNormLayer() {
        return (BatchNormLayer) ALL.get(13);
    }

    /** Exercise 1 (stable softmax) (07-softmax-regression). */
    public static StableSoftmax stableSoftmax() {
        return (StableSoftmax) ALL.get(14);
    }

    /** Exercise 2 (cross-entropy loss) (07-softmax-regression). */
    public static CrossEntropyLoss crossEntropyLoss() {
        return (CrossEntropyLoss) ALL.get(15);
    }

    /** Exercise 3 (softmax backward) (07-softmax-regression). */
    public static SoftmaxBackward softmaxBackward() {
        return (SoftmaxBackward) ALL.get(16);
    }

    /** Exercise 1 (confusion matrix) (08-putting-it-together). */
    public static ConfusionMatrixCount confusionMatrixCount() {
        return (ConfusionMatrixCount) ALL.get(17);
    }

    /** Exercise 2 (reverse-mode autodiff) (08-putting-it-together). */
    public static ReverseModeAutodiff reverseModeAutodiff() {
        return (ReverseModeAutodiff) ALL.get(18);
    }
}
