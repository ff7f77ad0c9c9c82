package deepnets.hostile;

import static deepnets.Hostile.anyInt;
import static deepnets.Hostile.anyLabels;
import static deepnets.Hostile.anyMatrix;
import static deepnets.Hostile.anyText;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static deepnets.Hostile.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.Hostile.Outcome;
import deepnets.layers.Mode;
import deepnets.net.Network;
import deepnets.net.Parameter;
import deepnets.net.TrainingDivergedException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile calls into the rest of deepnets.net (part 2 of issue 17): every public method of Network with generated
 * inputs, labels and indices, checked against sums written out here.
 */
class NetMoreProperties {

    @Provide
    Arbitrary<double[][]> matrices() {
        return anyMatrix(2);
    }

    @Provide
    Arbitrary<int[]> labels() {
        return anyLabels();
    }

    @Provide
    Arbitrary<Integer> ints() {
        return anyInt();
    }

    @Provide
    Arbitrary<String> texts() {
        return anyText();
    }

    @Provide
    Arbitrary<Double> doubles() {
        return deepnets.Hostile.anyDouble();
    }

    private static Network withNorm() {
        return Network.builder().inputSize(2).hiddenSizes(4).batchNorm(true).classes(3).seed(3).build();
    }

    /** -mean log softmax(z)[y], written out here from the test-time logits. */
    private static double crossEntropy(double[][] z, int[] y) {
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double s = 0;
            for (double v : z[i]) {
                s += Math.exp(v - max);
            }
            sum += Math.log(s) + max - z[i][y[i]];
        }
        return sum / z.length;
    }

    @Property(seed = "17")
    void evaluateIsTheMeanCrossEntropyAndTheFractionCorrect(@ForAll("matrices") double[][] x, @ForAll("labels") int[] y) {
        Network net = withNorm();
        Outcome<Network.Evaluation> e = call("Network.evaluate", () -> net.evaluate(x, y));
        Outcome<Double> a = call("Network.accuracy", () -> net.accuracy(x, y));
        Outcome<Double> l = call("Network.loss", () -> net.loss(x, y));
        assertEquals(e.returned(), a.returned());
        assertEquals(e.returned(), l.returned());
        if (e.returned()) {
            double[][] z = net.forward(x, Mode.TEST);
            int correct = 0;
            for (int i = 0; i < z.length; i++) {
                int best = 0;
                for (int j = 1; j < z[i].length; j++) {
                    best = z[i][j] > z[i][best] ? j : best;
                }
                correct += best == y[i] ? 1 : 0;
            }
            assertEquals((double) correct / y.length, a.value(), 0.0);
            assertEquals(crossEntropy(z, y), l.value(), 1e-12 * (1 + Math.abs(l.value())));
            assertFinite("Network.evaluate", e.value().loss(), e.value().accuracy());
        }
    }

    @Property(seed = "17")
    void badLabelsLeaveTheRunningAveragesAlone(@ForAll("matrices") double[][] x, @ForAll("labels") int[] y) {
        Network net = withNorm();
        double[] mean = net.batchNorm(0).runningMean().clone();
        double[] var = net.batchNorm(0).runningVar().clone();
        Outcome<Double> g = call("Network.computeGradients", () -> net.computeGradients(x, y));
        if (!g.returned()) {
            assertArrayEquals(mean, net.batchNorm(0).runningMean(), "refused, but the running mean moved");
            assertArrayEquals(var, net.batchNorm(0).runningVar(), "refused, but the running variance moved");
        } else {
            assertFinite("Network.computeGradients", g.value());
            for (Parameter p : net.parameters()) {
                for (double[] row : p.grad()) {
                    assertFinite("Network.computeGradients", row);
                }
            }
        }
    }

    @Example
    void aTestPassKeepsTheCachesOfTheLastTrainingPass() {
        double[][] x = {{1, 2}, {-1, 0.5}, {0.3, -2}};
        double[][] dlogits = {{0.1, -0.2, 0.1}, {0.0, 0.3, -0.3}, {-0.1, 0.0, 0.1}};
        Network a = withNorm();
        a.forward(x, Mode.TRAIN);
        a.backward(dlogits);
        double[][] expected = a.parameter("W1").grad();
        Network b = withNorm();
        b.forward(x, Mode.TRAIN);
        b.forward(new double[][] {{5, 5}}, Mode.TEST);
        run("Network.backward", () -> b.backward(dlogits));
        assertArrayEquals(expected, b.parameter("W1").grad());
    }

    @Property(seed = "17")
    void hiddenPreActivationsAreXTimesW1(@ForAll("matrices") double[][] x, @ForAll("ints") int layer) {
        Network net = withNorm();
        Outcome<double[][]> z = call("Network.hiddenPreActivations", () -> net.hiddenPreActivations(x, layer));
        if (z.returned()) {
            double[][] w = net.parameter("W1").value();
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < w[0].length; j++) {
                    double s = 0;
                    for (int k = 0; k < w.length; k++) {
                        s += x[i][k] * w[k][j];
                    }
                    assertEquals(s, z.value()[i][j], 1e-12 * (1 + Math.abs(s)));
                }
            }
        }
        call("Network.batchNorm", () -> net.batchNorm(layer));
    }

    @Property(seed = "17", tries = 50)
    void parametersAreFoundByNameOrTheNamesAreListed(@ForAll("texts") String name) {
        Network net = withNorm();
        Outcome<Parameter> p = call("Network.parameter", () -> net.parameter(name));
        if (p.returned()) {
            assertEquals(name, p.value().name());
        } else {
            assertTrue(p.refusal().getMessage().contains("W1"), p.refusal().getMessage());
        }
        assertEquals(5, net.parameters().size()); // W1, gamma1, beta1, W2, b2
    }

    @Example
    void builderRefusesNullArrays() {
        assertFalse(call("Network.builder", () -> Network.builder().hiddenSizes((int[]) null)).returned());
        assertFalse(call("Network.builder", () -> Network.builder().batchNorm((boolean[]) null)).returned());
        assertFalse(call("Network.builder", () -> Network.builder().inputSize(2).hiddenSizes(3, 3).batchNorm(true, false, true)
                .classes(2).build()).returned());
    }

    @Property(seed = "17")
    void divergenceIsDecidedForAnyLoss(@ForAll("doubles") double loss, @ForAll("doubles") double start) {
        Outcome<Boolean> d = call("TrainingDivergedException.diverged", () -> TrainingDivergedException.diverged(loss, start));
        assertTrue(d.returned());
        if (!Double.isFinite(loss)) {
            assertTrue(d.value(), "a loss of " + loss + " is divergence");
        } else if (start > 0 && Double.isFinite(start)) {
            assertEquals(loss > 10 * start, d.value());
        }
    }
}
