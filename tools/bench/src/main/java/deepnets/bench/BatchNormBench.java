package deepnets.bench;

import deepnets.layers.BatchNorm;
import deepnets.layers.Mode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One training step of a batch-norm layer: forward in train mode (with the running averages), then backward,
 * through the reuse overloads that {@code Trainer} uses, so that each call writes into the previous call's arrays.
 */
@State(Scope.Thread)
public class BatchNormBench {

    /** (N, D) of the mini-batch. */
    @Param({"256x1024", "1024x1024", "4096x512"})
    public String shape;

    private BatchNorm layer;
    private double[][] x;
    private double[][] dout;
    private BatchNorm.Forward forward;
    private BatchNorm.Gradients gradients;

    @Setup
    public void setUp() {
        int[] s = Inputs.shape(shape);
        layer = new BatchNorm(s[1]);
        x = Inputs.gaussian(1, s[0], s[1]);
        dout = Inputs.gaussian(2, s[0], s[1]);
    }

    @Benchmark
    public void forwardBackward(Blackhole sink) {
        forward = layer.forward(x, Mode.TRAIN, forward);
        sink.consume(forward.out());
        gradients = layer.backward(dout, forward.cache(), gradients);
        sink.consume(gradients);
    }
}
