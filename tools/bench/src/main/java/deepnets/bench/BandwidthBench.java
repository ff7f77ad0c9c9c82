package deepnets.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The single-thread memory bandwidth, by the STREAM triad {@code a = b + s c} over three arrays of 64 MB
 * each, twice the 32 MB last-level cache of the machine it was written on, so they come from memory.
 * It moves {@code 3 * 8 * length} bytes per call: read b and c, write a (the read of a that a write can
 * cause is not counted, as in STREAM).
 */
@State(Scope.Thread)
public class BandwidthBench {

    /** Doubles per array, 2^23; run_bench.py reads it from JMH's results to count the bytes. */
    @Param("8388608")
    public int length;

    private double[] a;
    private double[] b;
    private double[] c;

    @Setup
    public void setUp() {
        a = new double[length];
        b = new double[length];
        c = new double[length];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
    }

    @Benchmark
    public double[] triad() {
        double s = 3.0;
        for (int i = 0; i < a.length; i++) {
            a[i] = b[i] + s * c[i];
        }
        return a;
    }
}
