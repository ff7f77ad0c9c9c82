package deepnets.net;

import deepnets.TestData;
import deepnets.gradcheck.GradientCheck;
import deepnets.layers.Mode;
import deepnets.layers.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    private static Network small(boolean batchNorm) {
        return Network.builder().inputSize(4).hiddenSizes(6, 5).classes(3).batchNorm(batchNorm).seed(11).build();
    }

    private static void checkAllGradients(Network net) {
        Random rng = new Random(12);
        double[][] x = TestData.gaussian(rng, 8, 4, 0, 1);
        int[] y = TestData.labels(rng, 8, 3);
        net.computeGradients(x, y);
        List<Parameter> params = net.parameters();
        double[][][] analytic = new double[params.size()][][];
        for (int k = 0; k < params.size(); k++) {
            analytic[k] = params.get(k).grad();
        }
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            double[][] numeric = GradientCheck.numericGradient(
                    (double[][] ignored) -> SoftmaxCrossEntropy.forward(net.forward(x, Mode.TRAIN), y).loss(), p.value());
            double error = GradientCheck.relativeError(numeric, analytic[k]);
            assertTrue(error < 1e-7, p.name() + ": relative error " + error);
        }
    }

    @Test
    void gradientsOfEveryParameterMatchNumericGradientsWithoutBatchNorm() {
        checkAllGradients(small(false));
    }

    @Test
    void gradientsOfEveryParameterMatchNumericGradientsWithBatchNorm() {
        checkAllGradients(small(true));
    }

    @Test
    void parametersAreNamedInLayerOrderAndBatchNormDropsTheBias() {
        Network net = Network.builder().inputSize(4).hiddenSizes(3, 2).classes(5).batchNorm(true, false).build();
        List<String> names = net.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("W1", "gamma1", "beta1", "W2", "b2", "W3", "b3"), names);
        assertEquals(4, net.parameters().get(0).value().length);
        assertEquals(3, net.parameters().get(0).value()[0].length);
        assertTrue(net.parameters().get(1).value()[0] == net.batchNorm(0).gamma(), "gamma must be the layer's array");
    }

    @Test
    void heInitializationHasStdSqrtTwoOverFanIn() {
        Network net = Network.builder().inputSize(200).hiddenSizes(300).classes(2).seed(13).build();
        double[][] w = net.parameters().get(0).value();
        double sumSq = 0;
        for (double[] row : w) {
            for (double v : row) {
                sumSq += v * v;
            }
        }
        // 60000 draws: the sample std is within about 0.3% of sqrt(2 / 200) = 0.1.
        assertEquals(0.1, Math.sqrt(sumSq / (200 * 300)), 0.002);
    }

    @Test
    void preActivationsOfTheFirstLayerAreXTimesW1() {
        Network net = small(true);
        double[][] x = TestData.gaussian(new Random(14), 3, 4, 0, 1);
        double[][] w = net.parameters().get(0).value();
        double[][] z = net.hiddenPreActivations(x, 0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += x[i][k] * w[k][j];
                }
                assertEquals(s, z[i][j], 1e-12);
            }
        }
        assertEquals(5, net.hiddenPreActivations(x, 1)[0].length);
    }

    @Test
    void predictionsAreTheArgmaxOfTheLogits() {
        Network net = small(false);
        double[][] x = TestData.gaussian(new Random(15), 20, 4, 0, 1);
        double[][] logits = net.forward(x, Mode.TEST);
        int[] predicted = net.predict(x);
        for (int i = 0; i < 20; i++) {
            for (int c = 0; c < 3; c++) {
                assertTrue(logits[i][predicted[i]] >= logits[i][c]);
            }
        }
        assertEquals(1.0, net.accuracy(x, predicted), 0.0);
        int[] wrong = predicted.clone();
        wrong[0] = (wrong[0] + 1) % 3;
        assertEquals(19.0 / 20, net.accuracy(x, wrong), 1e-15);
    }

    @Test
    void testModeDoesNotChangeTheNetwork() {
        Network net = small(true);
        double[][] x = TestData.gaussian(new Random(16), 10, 4, 3, 2);
        double[][] first = net.forward(x, Mode.TEST);
        net.loss(x, new int[10]);
        double[][] second = net.forward(x, Mode.TEST);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(first[i], second[i], 0.0);
        }
    }

    @Test
    void rejectsBadInputsAndConfigurations() {
        Network net = small(false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new double[2][5], Mode.TEST));
        assertTrue(e.getMessage().contains("(2, 5)") && e.getMessage().contains("4 features"), e.getMessage());
        double[][] nan = new double[2][4];
        nan[1][2] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(nan, Mode.TRAIN));
        assertTrue(e.getMessage().contains("x[1][2] is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.hiddenPreActivations(new double[1][4], 2));
        assertTrue(e.getMessage().contains("layerIndex = 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().inputSize(4).hiddenSizes(3, 0).classes(2).build());
        assertTrue(e.getMessage().contains("hiddenSizes[1] = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder().inputSize(4).hiddenSizes(3, 3).classes(2).batchNorm(true).batchNorm(true, true, true).build());
        assertTrue(e.getMessage().contains("3 entries") && e.getMessage().contains("2 hidden layers"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> small(false).backward(new double[1][3]));
        assertTrue(s.getMessage().contains("Mode.TRAIN"), s.getMessage());
    }

    @Test
    void printsItsParametersWithShapesAndFindsThemByName() {
        Network net = Network.builder().inputSize(3).hiddenSizes(4).classes(2).batchNorm(true).build();
        assertEquals("W1 (3, 4)  gamma1 (1, 4)  beta1 (1, 4)  W2 (4, 2)  b2 (1, 2)", net.toString());
        assertEquals("gamma1 (1, 4)", net.parameter("gamma1").toString());
        assertSame(net.batchNorm(0).gamma(), net.parameter("gamma1").value()[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.parameter("b1"));
        assertTrue(e.getMessage().contains("[W1, gamma1, beta1, W2, b2]"), e.getMessage());
    }

    @Test
    void testPassOverManyRowsMatchesOneRowAtATimeBitForBit() {
        // 600 rows take the two-core path, in blocks of rows; a one-row pass never does, so each row's logits from it
        // are the reference.
        Network net = Network.builder().inputSize(8).hiddenSizes(16, 12).classes(4).batchNorm(true).seed(3).build();
        Random rng = new Random(5);
        double[][] x = new double[600][8];
        for (double[] row : x) {
            for (int j = 0; j < row.length; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        net.computeGradients(x, new int[600]); // moves the running averages away from (0, 1)
        double[][] all = net.forward(x, Mode.TEST);
        assertEquals(600, all.length);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(net.forward(new double[][] {x[i]}, Mode.TEST)[0], all[i], 0.0, "row " + i);
        }
    }

    @Test
    void trainingPassesThatReuseTheirArraysStillGiveTheNumericGradients() {
        // The layers write each training pass into the arrays of the last one; batches of other sizes in between
        // (as the last, smaller batch of an epoch) must not leave stale numbers behind.
        Network net = small(true);
        Random rng = new Random(13);
        for (int size : new int[] {8, 5, 8, 3}) {
            net.computeGradients(TestData.gaussian(rng, size, 4, 0, 1), TestData.labels(rng, size, 3));
        }
        checkAllGradients(net);
    }

    @Test
    void logitsOfATrainingPassAreNotOverwrittenByTheNext() {
        Network net = small(true);
        Random rng = new Random(14);
        double[][] x = TestData.gaussian(rng, 6, 4, 0, 1);
        double[][] first = net.forward(x, Mode.TRAIN);
        double[][] copy = new double[first.length][];
        for (int i = 0; i < first.length; i++) {
            copy[i] = first[i].clone();
        }
        net.forward(TestData.gaussian(rng, 6, 4, 5, 3), Mode.TRAIN);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(copy[i], first[i], 0.0, "row " + i);
        }
    }
}
