package deepnets.bench;

import deepnets.layers.SoftmaxCrossEntropy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The loss of a classifier: softmax cross-entropy forward from the logits, then its gradient, through the reuse
 * overloads as {@code Trainer} uses them: each call writes the probabilities into the previous call's array,
 * and the gradient overwrites them.
 */
@State(Scope.Thread)
public class SoftmaxCrossEntropyBench {

    /** (N, C): examples by classes. */
    @Param({"1024x10", "4096x1000"})
    public String shape;

    private double[][] z;
    private int[] labels;
    private SoftmaxCrossEntropy.Forward forward;

    @Setup
    public void setUp() {
        int[] s = Inputs.shape(shape);
        z = Inputs.gaussian(3, s[0], s[1]);
        labels = Inputs.labels(4, s[0], s[1]);
    }

    @Benchmark
    public void forwardBackward(Blackhole sink) {
        forward = SoftmaxCrossEntropy.forward(z, labels, forward);
        sink.consume(forward.loss());
        sink.consume(SoftmaxCrossEntropy.backward(forward.cache(), forward.probs()));
    }
}
