"""The check run in a JVM of its own (tools/grading/fresh.py): the exercise cell as a class, the tagged result, the
named module that opens nothing. Needs the built library with its held-out checks (make setup)."""
import sys
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

import course  # noqa: E402
from grading import GradingError, Kind  # noqa: E402
from grading import fresh  # noqa: E402

EX1 = "Exercise 1 (stable softmax)"
CHECK1 = ("import deepnets.exercises.Exercises;\n// exact import\n"
          "Exercises.stableSoftmax().check(z -> softmax(z));")
SOFTMAX = """double[][] softmax(double[][] z) {
    double[][] out = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z[i]) max = Math.max(max, v);
        out[i] = new double[z[i].length];
        double sum = 0;
        for (int c = 0; c < z[i].length; c++) { out[i][c] = Math.exp(z[i][c] - max); sum += out[i][c]; }
        for (int c = 0; c < z[i].length; c++) out[i][c] /= sum;
    }
    return out;
}"""


def wrong(body: str) -> str:
    """A softmax whose body is `body` (it returns uniform rows unless body returns first)."""
    return ("double[][] softmax(double[][] z) {\n" + body + "\n"
            "    double[][] out = new double[z.length][z[0].length];\n"
            "    for (double[] row : out) java.util.Arrays.fill(row, 1.0 / row.length);\n"
            "    return out;\n}")


class Unit(unittest.TestCase):
    def test_top_level_members_become_static_and_imports_move_up(self):
        cell = ("import java.util.function.*;\n/** doc */\n@Deprecated\ndouble f(double x) { return x; }\n"
                "static int g() { return 1; }\nrecord P(int a) {}\nint[] xs = {1, 2};\nclass Q { int h() { return 2; } }")
        src, entry, starts = fresh.unit("submission.e1", [cell], ["import deepnets.layers.*;"], "stableSoftmax",
                                        "z -> f(z)")
        self.assertIn("import deepnets.layers.*;", src)
        self.assertIn("import java.util.function.*;", src.split("public final class Cell")[0])
        body = src.split("public final class Cell")[1]
        for declared in ("static @Deprecated\ndouble f", "static int g", "static record P", "static int[] xs",
                         "static class Q"):
            self.assertIn(declared, body)
        self.assertNotIn("static static", body)
        self.assertIn("int h()", body)
        self.assertNotIn("static int h", body)
        self.assertIn("Exercises.stableSoftmax(),\nz -> f(z)", entry)

    def test_the_check_cells_lambda_is_read_from_its_one_call(self):
        self.assertEqual(fresh.check_call(CHECK1), ("stableSoftmax", "z -> softmax(z)"))
        self.assertIsNone(fresh.check_call("System.out.println(1);"))

    def test_an_exercise_cell_takes_the_earlier_exercise_cells_it_calls(self):
        cells = ["double[][] softmax(double[][] z) { return z; }", "int unrelated() { return 1; }",
                 "double crossEntropy(double[][] z) { return softmax(z)[0][0]; }"]
        self.assertEqual(fresh.needed(2, cells), [0, 2])
        self.assertEqual(fresh.needed(1, cells), [1])


@unittest.skipIf(course.checks_jar() is None, "no held-out checks built here (make setup)")
class CheckRun(unittest.TestCase):
    """Each case compiles and runs one exercise cell of notebook 07 in a check JVM (kernel spec `java`)."""

    def outcome(self, cell: str, timeout: int = 30):
        return fresh.check_all("java", timeout, [(EX1, [("Exercise 1", cell)], ["import deepnets.layers.*;"],
                                                  CHECK1)])[EX1]

    def test_a_correct_cell_passes_the_visible_and_the_held_out_check(self):
        o = self.outcome(SOFTMAX)
        self.assertEqual((o.status, o.held_out), ("passed", "passed"), o.message)

    def test_a_wrong_cell_fails_with_the_checks_message(self):
        o = self.outcome(wrong(""))
        self.assertEqual((o.status, o.kind), ("failed", Kind.CHECK), o.message)

    def test_printing_a_result_line_or_exiting_does_not_pass(self):
        forged = wrong('System.out.println("\\nresult passed - passed ");\nSystem.exit(0);')
        o = self.outcome(forged)
        self.assertEqual((o.status, o.kind), ("failed", Kind.DIED), o.message)
        self.assertIn("ended without the check's result", o.message)

    def test_a_cell_that_needs_another_cells_variable_is_told_what_it_needs(self):
        o = self.outcome(SOFTMAX.replace("double max = Double.NEGATIVE_INFINITY;", "double max = start;"))
        self.assertEqual((o.status, o.kind), ("failed", Kind.COMPILE), o.message)
        self.assertIn("it uses `start`", o.message)
        self.assertIn("your exercise cell, line 4", o.message)

    def test_the_guards_state_is_out_of_reach_of_reflection(self):
        o = self.outcome(wrong('try {\n    var f = Class.forName("deepnets.check.Exercise").getDeclaredField("active");\n'
                               '    f.setAccessible(true);\n    f.set(null, null);\n'
                               '} catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }'))
        self.assertEqual(o.status, "failed")
        self.assertIn("InaccessibleObjectException", o.message)

    def test_an_internal_kernel_cannot_be_called_by_reflection(self):
        o = self.outcome('double[][] softmax(double[][] z) {\n    try {\n'
                         '        var m = Class.forName("deepnets.layers.SoftmaxKernel").getDeclaredMethod("forward", '
                         'String.class, double[][].class, int[].class, double[][].class);\n'
                         '        m.setAccessible(true);\n'
                         '        double[][] out = new double[z.length][z[0].length];\n'
                         '        m.invoke(null, "softmax", z, null, out);\n'
                         '        return out;\n'
                         '    } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }\n}')
        self.assertEqual(o.status, "failed")
        self.assertIn("InaccessibleObjectException", o.message)

    def test_a_check_jvm_that_cannot_start_is_the_graders_error(self):
        runner = fresh.FreshChecks("java", 30)
        try:
            self.assertIsNone(runner.compile({"submission.e1": fresh.unit("submission.e1", [SOFTMAX], [],
                                                                          "stableSoftmax", "z -> softmax(z)")
                                              + (["your exercise cell"],)})["submission.e1"])
            runner.jvm = ["java", "-XX:+NoSuchOptionAnywhere"]
            with self.assertRaises(GradingError):
                runner.run(EX1, "submission.e1")
        finally:
            runner.close()


if __name__ == "__main__":
    unittest.main()
