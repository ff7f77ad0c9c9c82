package deepnets.layers;

import deepnets.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernels on a JVM without a fused multiply-add instruction ({@code -XX:-UseFMA}, as on an old x86 processor),
 * where {@code Math.fma} would be computed in software: they must take their plain paths, finish as quickly, and
 * give the products and the softmax of textbook loops. Runs {@link Probe} in a JVM of its own.
 */
class FusedMultiplyAddFallbackTest {

    /** Compares the kernels with textbook loops in this JVM; prints the findings as {@code key=value} lines. */
    static final class Probe {
        public static void main(String[] args) {
            Random rng = new Random(21);
            double[][] x = TestData.gaussian(rng, 40, 30, 0, 1);
            double[][] w = TestData.gaussian(rng, 30, 20, 0, 1);
            double[][] out = Affine.forward(x, w, null).out();
            double worstProduct = 0;
            for (int i = 0; i < 40; i++) {
                for (int j = 0; j < 20; j++) {
                    double s = 0;
                    for (int k = 0; k < 30; k++) {
                        s += x[i][k] * w[k][j];
                    }
                    worstProduct = Math.max(worstProduct, Math.abs(out[i][j] - s));
                }
            }
            double[][] z = TestData.gaussian(rng, 50, 10, 0, 1);
            double[][] p = Softmax.forward(z);
            double worstSoftmax = 0;
            for (int i = 0; i < 50; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z[i]) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                for (double v : z[i]) {
                    sum += StrictMath.exp(v - max);
                }
                for (int c = 0; c < 10; c++) {
                    worstSoftmax = Math.max(worstSoftmax, Math.abs(p[i][c] - StrictMath.exp(z[i][c] - max) / sum));
                }
            }
            String refusal = "none";
            z[3][4] = Double.NEGATIVE_INFINITY;
            try {
                Softmax.forward(z);
            } catch (IllegalArgumentException e) {
                refusal = e.getMessage();
            }
            System.out.println("fma=" + FusedMultiplyAdd.IN_HARDWARE);
            System.out.println("product=" + worstProduct);
            System.out.println("softmax=" + worstSoftmax);
            System.out.println("refusal=" + refusal);
        }

    }

    @Test
    void withoutFusedMultiplyAddTheKernelsTakeTheirPlainPathsAndAgreeWithTextbookLoops() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:-UseFMA", "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()).redirectErrorStream(true).start();
        // Software fma would make this take minutes; the plain paths take well under a second.
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertTrue(finished, "the probe JVM without fused multiply-add did not finish within 120 s");
        List<String> lines = output(process).lines().toList();
        assertEquals(0, process.exitValue(), String.join("\n", lines));
        assertEquals("fma=false", lines.get(0), String.join("\n", lines));
        assertTrue(Double.parseDouble(lines.get(1).substring("product=".length())) < 1e-12, lines.get(1));
        assertTrue(Double.parseDouble(lines.get(2).substring("softmax=".length())) < 1e-15, lines.get(2));
        assertTrue(lines.get(3).contains("-Infinity"), lines.get(3));
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
