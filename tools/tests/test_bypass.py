"""Tests of the bypass guard as `make grade` sees it: an exercise whose code calls the library's own version of
itself earns 0 points with "your code calls ...", however the call is written; and the rules that `make test`
applies to an exercise's notebook cells now that its check lives in deepnets.exercises.

The fixture is a tiny JJava notebook with one real exercise of the course, notebook 06's Exercise 2
(test-time normalization), whose library version is BatchNorm.forwardTest (declared with @Solves). Each way of
calling the library is a student copy of its own, graded in its own kernel, two at a time. The Java side of the
guard (every solving method refused, reflection, threads, wrappers) is tested in lib/ (ExerciseTest, HooksTest,
ExerciseHomesTest).
"""
import sys
import tempfile
import unittest
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

import course  # noqa: E402
import grading  # noqa: E402

TIMEOUT = 30
NAME = "Exercise 2 (test-time normalization)"
SIGNATURE = ("double[] batchNormTest(double[] x, double[] gamma, double[] beta, double[] runningMean, "
             "double[] runningVar, double eps)")
ARGS = "new double[][] {x}, gamma, beta, runningMean, runningVar, eps"
REFUSED = ("your code calls BatchNorm.forwardTest, the library's version of this exercise; "
           "write the computation yourself")
SOLUTION = """    double[] out = new double[x.length];
    for (int j = 0; j < x.length; j++) {
        out[j] = gamma[j] * (x[j] - runningMean[j]) / Math.sqrt(runningVar[j] + eps) + beta[j];
    }
    return out;"""
CHECK = ("import deepnets.exercises.Exercises;\n"
         "// The exact import above: a class of the same name declared elsewhere in the notebook cannot stand in.\n"
         "Exercises.testTimeNormalization().check((x, gamma, beta, runningMean, runningVar, eps) -> "
         "batchNormTest(x, gamma, beta, runningMean, runningVar, eps));")


def source_notebook():
    nb = nbformat.v4.new_notebook()
    hints = nbformat.v4.new_markdown_cell(
        "## Exercise 2: one example at test time\n\n<details><summary>Hint 1</summary>\n\nUse the running "
        "averages.\n\n</details>\n\n<details><summary>Hint 2</summary>\n\n`out[j] = ___ * xhat + ___`\n\n</details>")
    exercise = nbformat.v4.new_code_cell(f"{SIGNATURE} {{\n    // BEGIN SOLUTION: {NAME}\n{SOLUTION}\n"
                                         f"    // END SOLUTION\n}}")
    exercise.metadata["deepnets"] = {"exercise": NAME}
    check = nbformat.v4.new_code_cell(CHECK)
    check.metadata["deepnets"] = {"check": NAME}
    nb.cells = [nbformat.v4.new_markdown_cell("# 98 · Bypass fixture"),
                nbformat.v4.new_code_cell("import deepnets.layers.BatchNorm;"), hints, exercise, check]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:03d}"
    nb.metadata = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}}
    return nb


ANSWERS = {
    "direct": f"{SIGNATURE} {{\n    return BatchNorm.forwardTest({ARGS})[0];\n}}",
    "helper": f"double[][] helper(double[][] x, double[] g, double[] b, double[] m, double[] v, double e) {{\n"
              f"    return BatchNorm.forwardTest(x, g, b, m, v, e);\n}}\n\n"
              f"{SIGNATURE} {{\n    return helper({ARGS})[0];\n}}",
    "qualified": f"{SIGNATURE} {{\n    return deepnets.layers.BatchNorm.forwardTest({ARGS})[0];\n}}",
    "static import": f"import static deepnets.layers.BatchNorm.forwardTest;\n\n"
                     f"{SIGNATURE} {{\n    return forwardTest({ARGS})[0];\n}}",
    "caught": f"{SIGNATURE} {{\n    try {{\n        return BatchNorm.forwardTest({ARGS})[0];\n"
              f"    }} catch (RuntimeException | AssertionError refused) {{\n        return x.clone();\n    }}\n}}",
    "home's reference": f"{SIGNATURE} {{\n    return deepnets.exercises.TestTimeNormalization.reference(x, gamma, beta, "
                        f"runningMean, runningVar, eps);\n}}",
    "comment only": f"{SIGNATURE} {{\n    // not BatchNorm.forwardTest(...): that is the library's version\n"
                    f'    String note = "BatchNorm.forwardTest(x)";\n{SOLUTION}\n}}',
}


def grade(folder: str, label: str):
    folder = Path(folder)
    nb = course.student_copy(folder / "solutions" / "98-bypass.ipynb")
    for cell in nb.cells:
        if course.deepnets_metadata(cell).get("exercise") == NAME:
            cell.source = ANSWERS[label]
    path = folder / f"98-bypass-{label.replace(' ', '-')}.ipynb"
    path.write_text(course.serialize(nb), encoding="utf-8")
    result = grading.grade(path, folder / "solutions" / "98-bypass.ipynb", timeout=TIMEOUT,
                           log_path=folder / f"{path.stem}.log")
    return result


RESULTS = {}


def setUpModule():
    tmp = tempfile.TemporaryDirectory()
    RESULTS["tmp"] = tmp
    source = Path(tmp.name) / "solutions" / "98-bypass.ipynb"
    source.parent.mkdir()
    source.write_text(course.serialize(source_notebook()), encoding="utf-8")
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {label: pool.submit(grade, tmp.name, label) for label in ANSWERS}
        RESULTS.update({label: f.result() for label, f in futures.items()})


def tearDownModule():
    RESULTS.pop("tmp").cleanup()


class GradeABypass(unittest.TestCase):
    """make grade: a call of the library's version earns 0 points with a message that names it."""

    def assertRefused(self, label):
        result = RESULTS[label]
        e = result.exercises[0]
        self.assertEqual(("failed", 0, "check"), (e.status, e.earned, e.kind), e.message)
        self.assertIn(f"{NAME}: {REFUSED}", e.message)
        line = grading.exercise_line(e)
        self.assertIn(REFUSED, line)
        self.assertIn("(see the hints under Exercise 2 in the notebook)", line)
        self.assertIn("Stuck? See the hints under Exercise 2 in the notebook",
                      grading.feedback_markdown(result, "now"))

    def test_a_direct_call(self):
        self.assertRefused("direct")

    def test_a_call_through_a_helper_in_the_same_cell(self):
        self.assertRefused("helper")

    def test_a_fully_qualified_call(self):
        self.assertRefused("qualified")

    def test_a_static_import(self):
        self.assertRefused("static import")

    def test_a_refusal_the_code_catches_still_fails(self):
        self.assertRefused("caught")

    def test_a_call_of_the_exercise_homes_own_reference_code(self):
        e = RESULTS["home's reference"].exercises[0]
        self.assertEqual(("failed", 0, "check"), (e.status, e.earned, e.kind), e.message)
        self.assertIn("your code calls TestTimeNormalization.reference, the library's version of this exercise",
                      e.message)

    def test_a_call_only_in_a_comment_or_a_string_is_not_refused_and_the_held_out_check_runs(self):
        e = RESULTS["comment only"].exercises[0]
        self.assertEqual(("passed", 1, "passed"), (e.status, e.earned, e.held_out), e.message)
        self.assertNotIn("see the hints", grading.exercise_line(e))


class CheckCellRules(unittest.TestCase):
    """What `make test` refuses in the notebook cells of an exercise whose home is in deepnets.exercises."""

    def setUp(self):
        self.nb = source_notebook()

    def problems(self):
        return course.guard_problems(self.nb, course.exercises(self.nb, "98-bypass.ipynb", strict=False),
                                     "98-bypass.ipynb")

    def test_the_fixture_breaks_no_rule(self):
        self.assertEqual([], self.problems())
        self.assertEqual(1, course.exercises(self.nb, "98-bypass.ipynb")[0].points)   # from the library

    def test_a_check_cell_that_computes_in_the_open(self):
        self.nb.cells[4].source = CHECK + ("\ndouble[] want = new double[4];\nfor (int j = 0; j < 4; j++) {\n"
                                           "    want[j] = 1;\n}")
        problems = self.problems()
        self.assertTrue(any("lines of code after the imports; a check cell holds at most 3" in p for p in problems),
                        problems)
        self.assertTrue(any("a loop in the check cell" in p for p in problems), problems)

    def test_a_check_cell_that_hands_the_code_to_another_exercise(self):
        self.nb.cells[4].source = CHECK.replace("testTimeNormalization", "runningAverages")
        self.assertTrue(any("Exercises.testTimeNormalization().check(...)" in p for p in self.problems()),
                        self.problems())

    def test_an_unknown_exercise_is_named_with_the_known_ones(self):
        for cell in self.nb.cells:
            meta = course.deepnets_metadata(cell)
            for key in ("exercise", "check"):
                if key in meta:
                    meta[key] = "Exercise 9 (nowhere)"
        self.nb.cells[3].source = self.nb.cells[3].source.replace(NAME, "Exercise 9 (nowhere)")
        problems = self.problems()
        self.assertTrue(any("no exercise in deepnets.exercises is called 'Exercise 9 (nowhere)'; the known ones are"
                            in p and repr(NAME) in p for p in problems), problems)

    def test_too_few_hints(self):
        self.nb.cells[2].source = self.nb.cells[2].source.split("<details>")[0] + \
            "<details><summary>Hint 1</summary>x</details>"
        with self.assertRaisesRegex(course.ConventionError, r"\(Exercise 2 \(test-time normalization\)\): 1 hints"):
            course.exercises(self.nb, "98-bypass.ipynb")

    def test_the_student_copy_keeps_only_the_exercise_name(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "98-bypass.ipynb"
            path.write_text(course.serialize(self.nb), encoding="utf-8")
            copy = course.student_copy(path)
        self.assertEqual({"exercise": NAME}, course.deepnets_metadata(copy.cells[3]))
        self.assertIn('throw new NotImplementedYet("Exercise 2 (test-time normalization)")', copy.cells[3].source)


if __name__ == "__main__":
    unittest.main()
