package deepnets.hostile;

import static deepnets.Hostile.anyDouble;
import static deepnets.Hostile.anyVector;
import static deepnets.Hostile.assertFinite;
import static deepnets.Hostile.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deepnets.Hostile.Outcome;
import deepnets.optim.Adam;
import deepnets.optim.LearningRateDecay;
import deepnets.optim.Momentum;
import deepnets.optim.Optimizer;
import deepnets.optim.RmsProp;
import deepnets.optim.Sgd;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile calls into the rest of deepnets.optim (part 2 of issue 17): the vector update, the learning-rate setter,
 * the life cycle (step, steps, reset) and the schedules' arguments.
 */
class OptimMoreProperties {

    @Provide
    Arbitrary<Double> doubles() {
        return anyDouble();
    }

    @Provide
    Arbitrary<double[]> vectors() {
        return anyVector();
    }

    @Provide
    Arbitrary<Integer> kinds() {
        return Arbitraries.integers().between(0, 3);
    }

    private static Optimizer make(int kind) {
        return switch (kind) {
            case 0 -> new Sgd(0.1);
            case 1 -> new Momentum(0.1);
            case 2 -> new RmsProp(0.1);
            default -> new Adam(0.1);
        };
    }

    @Property(seed = "17")
    void vectorUpdatesAreFiniteOrRefusedBeforeAnythingChanges(@ForAll("kinds") int kind, @ForAll("vectors") double[] w,
            @ForAll("vectors") double[] dw) {
        Optimizer o = make(kind);
        String op = o.getClass().getSimpleName() + ".update";
        double[] before = w == null ? null : w.clone();
        Outcome<Void> u = call(op, () -> {
            o.update(w, dw);
            return null;
        });
        if (u.returned()) {
            assertFinite(op, w);
            if (kind == 0) {
                for (int j = 0; j < w.length; j++) {
                    assertEquals(before[j] - 0.1 * dw[j], w[j], 1e-12 * (1 + Math.abs(w[j])));
                }
            }
        } else if (w != null && before.length > 0 && java.util.Arrays.stream(before).allMatch(Double::isFinite)
                && dw != null && java.util.Arrays.stream(dw).anyMatch(v -> !Double.isFinite(v))) {
            assertArrayEquals(before, w, op + " refused a non-finite dw but changed w");
        }
    }

    @Property(seed = "17")
    void theLearningRateIsSetOrRefused(@ForAll("kinds") int kind, @ForAll("doubles") double rate) {
        Optimizer o = make(kind);
        String op = o.getClass().getSimpleName();
        Outcome<Void> s = call(op + ".setLearningRate", () -> {
            o.setLearningRate(rate);
            return null;
        });
        if (s.returned()) {
            assertTrue(rate > 0 && Double.isFinite(rate));
            assertEquals(rate, o.learningRate(), 0.0);
        } else {
            assertEquals(0.1, o.learningRate(), 0.0);
        }
    }

    @Property(seed = "17", tries = 30)
    void theLifeCycleCountsSteps(@ForAll("kinds") int kind, @ForAll("steps") int steps) {
        Optimizer o = make(kind);
        double[][] w = {{1, 2}};
        for (int k = 0; k < steps; k++) {
            double[][] dw = {{0.5, -0.5}};
            call(o.getClass().getSimpleName() + ".update", () -> {
                o.update(w, dw);
                return null;
            });
            o.step();
        }
        assertEquals(steps, o.steps());
        assertFinite("update", w[0]);
        Outcome<Void> again = call(o.getClass().getSimpleName() + ".update", () -> {
            o.update(w, new double[][] {{1, 1}});
            o.update(w, new double[][] {{1, 1}});
            return null;
        });
        assertTrue(!again.returned(), "a second update of the same array in one step must be refused");
        o.reset();
        assertEquals(0, o.steps());
    }

    @Provide
    Arbitrary<Integer> steps() {
        return Arbitraries.integers().between(0, 50);
    }

    @Property(seed = "17")
    void schedulesRefuseBadArguments(@ForAll("doubles") double alpha0, @ForAll("epochs") int epoch) {
        for (LearningRateDecay d : new LearningRateDecay[] {LearningRateDecay.none(), LearningRateDecay.inverseTime(1.0),
                LearningRateDecay.exponential(0.5)}) {
            Outcome<Double> r = call("LearningRateDecay", () -> d.rate(alpha0, epoch));
            if (r.returned()) {
                assertTrue(r.value() > 0 && Double.isFinite(r.value()), d + " gave " + r.value());
                assertTrue(r.value() <= alpha0, d + " gave " + r.value() + " > alpha0 " + alpha0);
            }
        }
    }

    @Provide
    Arbitrary<Integer> epochs() {
        return Arbitraries.of(-1, 0, 1, 7, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE);
    }
}
