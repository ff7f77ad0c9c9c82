package deepnets.jupyter;

import deepnets.check.Exercise;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WarmUpTest {

    @Test
    void touchesNoEntryPointThatAnExerciseCheckWatchesAndPrintsNothing() {
        // Every class with an Exercise.entered hook, forbidden at once: the warm-up must run through without a violation.
        String[] watched = {"Matrices.*", "Standardizer.*", "BatchNorm.*", "CrossEntropy.*", "Softmax.*",
                "SoftmaxCrossEntropy.*", "GradientCheck.*", "Check.*", "ConfusionMatrix.*", "Choice.*", "CoarseToFine.*",
                "EwaBeta.*", "IntRange.*", "LogUniform.*", "Results.*", "Sampling.*", "ScaledRange.*", "Search.*",
                "SearchSpace.*"};
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed));
            System.setErr(new PrintStream(printed));
            Exercise.run("warm-up", WarmUp::run, watched);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", printed.toString());
    }
}
