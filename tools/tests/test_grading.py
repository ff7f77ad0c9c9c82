"""Tests of the grader (tools/grading/) and of make test's mutation tests (tools/test_notebooks.py).

  python -m unittest discover -s tools/tests      (make test-tools; about half a minute)

The fixtures are tiny JJava notebooks built below: a source notebook with small exercises, and a student
copy in which each exercise shows one thing students do (a compile error, an exception, an endless loop,
stderr, a huge output, an edited or deleted check cell, a renamed method, a deleted exercise cell, lost
metadata, System.exit). Two kernels run in all: one grades the student copy, one grades the source and
mutation-tests its checks; they run at the same time, in two processes.
"""
import json
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

import course  # noqa: E402
import grading  # noqa: E402
import graded_fixture  # noqa: E402
import test_notebooks  # noqa: E402

TIMEOUT = 6  # seconds per cell: the endless loop costs this much once


def exercise(number, topic, signature, body, points=1, mistakes=()):
    name = f"Exercise {number} ({topic})"
    cell = nbformat.v4.new_code_cell(f"{signature} {{\n    // BEGIN SOLUTION: {name}\n{body}\n"
                                     f"    // END SOLUTION\n}}")
    cell.metadata["deepnets"] = {"exercise": name, "points": points,
                                 "mistakes": [{"name": n, "solution": s} for n, s in mistakes]}
    return cell


def check(number, topic, code):
    cell = nbformat.v4.new_code_cell(code + f'\nSystem.out.println("ok: Exercise {number} passed");')
    cell.metadata["deepnets"] = {"check": f"Exercise {number} ({topic})"}
    return cell


def close(call, expected):
    return f'Check.close("{call}", {expected}, {call}, 1e-9, "look at the formula");'


def source_notebook():
    """Twelve one-line exercises; exercise 1 also lists mistakes of every kind the mutation test tells apart."""
    code = nbformat.v4.new_code_cell
    cells = [nbformat.v4.new_markdown_cell("# 99 · Grader fixture"),
             code("import deepnets.*;\nimport deepnets.check.Check;\nint base = 3;"),
             exercise(1, "twice", "int twice(int x)", "    return 2 * x;", 2, mistakes=[
                 ("adds 2", "    return x + 2;"),
                 ("shifts (right after all)", "    return x << 1;"),
                 ("uses an undefined name", "    return 2 * y;"),
                 ("throws", '    throw new IllegalArgumentException("no " + x);'),
                 ("does not compile", '    return "2x";'),
                 ("left unwritten", '    throw new NotImplementedYet("Exercise 1 (twice)");')]),
             check(1, "twice", close("twice(2)", 4) + "\n" + close("twice(5)", 10)),
             exercise(2, "first", "int first(int[] a)", "    return a[0];"),
             check(2, "first", close("first(new int[] {7, 8})", 7)),
             exercise(3, "spin", "int spin(int x)", "    return x;"),
             check(3, "spin", close("spin(3)", 3)),
             exercise(4, "inc", "int inc(int x)", "    return x + 1;"),
             check(4, "inc", close("inc(1)", 2)),
             exercise(5, "loud", "int loud(int x)", "    return x;"),
             check(5, "loud", close("loud(1)", 1)),
             exercise(6, "neg", "int neg(int x)", "    return -x;"),
             check(6, "neg", close("neg(1)", -1)),
             exercise(7, "sq", "int sq(int x)", "    return x * x;"),
             check(7, "sq", close("sq(3)", 9)),
             exercise(8, "triple", "int triple(int x)", "    return 3 * x;"),
             check(8, "triple", close("triple(2)", 6)),
             exercise(9, "gone", "int gone(int x)", "    return x;"),
             check(9, "gone", close("gone(2)", 2)),
             exercise(10, "plain", "int plain(int x)", "    return x;", 3),
             check(10, "plain", close("plain(2)", 2)),
             exercise(11, "quit", "int quit(int x)", "    return x;"),
             check(11, "quit", close("quit(2)", 2)),
             code("int later = base * 2;"),
             exercise(12, "after", "int after(int x)", "    return x + base;"),
             check(12, "after", close("after(1)", 4)),
             exercise(13, "todo", "int todo(int x)", "    return x;"),
             check(13, "todo", close("todo(1)", 1))]
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:03d}"
    nb.metadata = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}}
    return nb


def body(signature, code):
    return f"{signature} {{\n{code}\n}}"


def student_notebook(source_path):
    """The generated student copy, then one thing a student does per exercise."""
    nb = course.student_copy(source_path)
    cells = nb.cells

    def answer(number, code):
        for cell in cells:
            if course.deepnets_metadata(cell).get("exercise", "").startswith(f"Exercise {number} "):
                cell.source = code
                return cell
        raise KeyError(number)

    answer(1, body("int twice(int x)", "    return 2 * y"))                              # compile error
    answer(2, body("int first(int[] a)", "    int[] b = new int[1];\n    return b[a.length];"))  # exception
    answer(3, body("int spin(int x)", "    while (true) { }"))                            # endless loop
    answer(4, body("int inc(int x)", '    System.err.println("debug " + x);\n    return x + 1;'))  # stderr
    answer(5, body("int loud(int x)", '    System.out.println("x".repeat(250_000));\n    return x;'))  # huge
    answer(6, body("int neg(int x)", "    return x;"))                                    # wrong, check edited
    next(c for c in cells if course.deepnets_metadata(c).get("check") == "Exercise 6 (neg)").source = \
        'System.out.println("ok: Exercise 6 passed");'
    answer(7, body("int sq(int x)", "    return x * x;"))                                 # right, check deleted
    cells[:] = [c for c in cells if course.deepnets_metadata(c).get("check") != "Exercise 7 (sq)"]
    answer(8, body("int times3(int x)", "    return 3 * x;"))                             # renamed
    cells[:] = [c for c in cells if course.deepnets_metadata(c).get("exercise") != "Exercise 9 (gone)"]
    lost = answer(10, body("int plain(int x)", "    return x;"))                         # metadata lost
    lost.metadata = {}
    lost["id"] = "pasted"
    answer(11, body("int quit(int x)", "    System.exit(1);\n    return x;"))            # kills the kernel
    answer(12, body("int after(int x)", "    return x + base;"))                          # right, after the crash
    cells[1].source = cells[1].source.replace("int base = 3;", "int base = 100;")         # edited other cell
    cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="saved output\n")]
    cells[1].execution_count = 1
    return nb


RUNS = {}


def setUpModule():
    RUNS.update(graded_fixture.graded_runs("99-fixture", source_notebook(), student_notebook, TIMEOUT))


def tearDownModule():
    RUNS.pop("tmp").cleanup()


class GradeStudentCopy(unittest.TestCase):
    """One kernel grades a student copy that does everything students do."""

    @classmethod
    def setUpClass(cls):
        cls.result, cls.finished = RUNS["student"]
        cls.by_number = {int(e.name.split()[1]): e for e in cls.result.exercises}
        cls.feedback = grading.feedback_markdown(cls.result, "now")

    def assertFailed(self, number, kind, *parts):
        e = self.by_number[number]
        self.assertEqual(("failed", 0, kind), (e.status, e.earned, e.kind), e.message)
        for part in parts:
            self.assertIn(part, e.message)
        return e

    def assertPassed(self, number):
        e = self.by_number[number]
        self.assertEqual(("passed", e.points), (e.status, e.earned), e.message)
        return e

    def test_every_exercise_is_reported_once_in_order(self):
        self.assertEqual([e.name for e in self.result.exercises], self.finished)

    def test_compile_error(self):
        self.assertFailed(1, "compile", "Your exercise cell does not compile: line 2, column ", "';' expected",
                          "    return 2 * y")

    def test_exception_names_the_method_and_line(self):
        self.assertFailed(2, "exception", "ArrayIndexOutOfBoundsException", "in first, line 3 counting")

    def test_endless_loop_times_out_and_later_exercises_are_graded(self):
        self.assertFailed(3, "timeout", f"The check ran longer than {TIMEOUT} s")
        self.assertPassed(4)

    def test_stderr_is_a_note_not_a_failure(self):
        e = self.assertPassed(4)
        self.assertIn("Your code wrote to stderr: debug 1", e.notes)

    def test_huge_output_is_capped(self):
        e = self.assertPassed(5)
        self.assertLess(len(e.output), grading.MAX_SHOWN + 200)
        self.assertIn("more characters not shown", e.output)
        self.assertLess(len(self.feedback), 30_000)

    def test_edited_check_cell_is_replaced_by_the_original(self):
        e = self.assertFailed(6, "check", "neg(1): expected -1 but got 1")
        self.assertTrue(any("edited" in note for note in e.notes), e.notes)

    def test_deleted_check_cell_runs_the_original(self):
        e = self.assertPassed(7)
        self.assertTrue(any("deleted" in note for note in e.notes), e.notes)
        self.assertIn("ok: Exercise 7 passed", e.output)

    def test_renamed_method(self):
        self.assertFailed(8, "compile", "The check cell does not compile: line 1, column 29: cannot find symbol",
                          "symbol:   method triple(int)", "Did you rename",
                          "triple")

    def test_deleted_exercise_cell_fails(self):
        self.assertFailed(9, "missing", "no cell of your notebook holds this exercise")

    def test_lost_metadata_is_matched_by_signature(self):
        e = self.assertPassed(10)
        self.assertTrue(any("method signature" in note for note in e.notes), e.notes)

    def test_dead_kernel_is_restarted_and_grading_goes_on(self):
        self.assertFailed(11, "died", "System.exit")
        self.assertPassed(12)  # also proves the original `int base = 3;` ran, not the student's edit
        self.assertTrue(any("restarted 1 time" in note for note in self.result.notes), self.result.notes)

    def test_untouched_stub_is_not_implemented_yet(self):
        e = self.by_number[13]
        self.assertEqual(("not implemented yet", 0), (e.status, e.earned))
        self.assertIn("not implemented yet: Exercise 13 (todo)", e.message)

    def test_score_and_notes(self):
        self.assertEqual((7, 16), (self.result.points, self.result.total))  # 4, 5, 7, 10 (3 points), 12
        self.assertTrue(any("saved with outputs" in note for note in self.result.notes), self.result.notes)
        self.assertFalse(any("does not have" in note for note in self.result.notes), self.result.notes)

    def test_feedback_file(self):
        self.assertIn("**Score: 7 / 16 points**", self.feedback)
        self.assertIn("| Exercise 6 (neg) | 0 / 1 | failed: neg(1): expected -1 but got 1", self.feedback)
        self.assertIn("## Exercise 3 (spin): failed (0 / 1)", self.feedback)

    def test_json(self):
        data = json.loads(grading.to_json([self.result]))
        self.assertEqual((7, 16, 13), (data[0]["points"], data[0]["total"], len(data[0]["exercises"])))


class MutationTests(unittest.TestCase):
    """One kernel grades the source notebook (full marks) and mutation-tests exercise 1's check."""

    @classmethod
    def setUpClass(cls):
        cls.result, cls.mutations = RUNS["source"]
        cls.by_name = {m.mistake: m for m in cls.mutations}

    def test_the_solutions_get_full_marks(self):
        self.assertEqual((16, 16), (self.result.points, self.result.total))
        self.assertIsNone(test_notebooks.first_failure(self.result, student=False))

    def test_a_caught_mistake_names_the_check_message(self):
        m = self.by_name["adds 2"]
        self.assertEqual((True, "check"), (m.caught, m.how))
        self.assertIn("twice(5): expected 10 but got 7", m.message)

    def test_an_exception_from_the_mistake_counts_as_caught(self):
        self.assertEqual((True, "exception"), (self.by_name["throws"].caught, self.by_name["throws"].how))

    def test_a_mistake_that_passes_is_a_failure(self):
        m = self.by_name["shifts (right after all)"]
        self.assertEqual((False, "passed"), (m.caught, m.how))
        self.assertIn("PASSES", m.message)

    def test_a_mistake_that_does_not_compile_is_a_failure(self):
        self.assertFalse(self.by_name["does not compile"].caught)
        self.assertIn("fails in the exercise cell itself", self.by_name["does not compile"].message)

    def test_an_undefined_name_is_the_wrong_reason(self):
        m = self.by_name["uses an undefined name"]
        self.assertEqual((False, "unresolved"), (m.caught, m.how))

    def test_not_implemented_yet_is_the_wrong_reason(self):
        m = self.by_name["left unwritten"]
        self.assertEqual((False, "not-implemented"), (m.caught, m.how))

    def test_the_solution_is_restored_after_the_mistakes(self):
        self.assertNotIn("(restoring the solution)", self.by_name)
        self.assertEqual("passed", self.result.exercises[0].status)


class WithoutKernel(unittest.TestCase):
    """The parts that need no kernel."""

    def test_unreadable_notebook_fails_every_exercise_without_a_kernel(self):
        with tempfile.TemporaryDirectory() as tmp:
            source, student = Path(tmp) / "source.ipynb", Path(tmp) / "student.ipynb"
            source.write_text(course.serialize(source_notebook()), encoding="utf-8")
            student.write_text("{ not json", encoding="utf-8")
            result = grading.grade(student, source)
        self.assertEqual((0, 16), (result.points, result.total))
        self.assertTrue(all("could not be read" in e.message for e in result.exercises))

    def test_missing_source_cannot_be_graded(self):
        with self.assertRaises(grading.GradingError):
            grading.grade(Path("student.ipynb"), Path("/nonexistent/source.ipynb"))

    def test_kinds_and_statuses_read_as_their_words(self):
        self.assertEqual("compile not implemented yet", f"{grading.Kind.COMPILE} {grading.Status.NOT_IMPLEMENTED}")
        self.assertEqual('["not-run", "passed"]', json.dumps([grading.Kind.NOT_RUN, grading.Status.PASSED]))

    def test_exercise_convention(self):
        nb = source_notebook()
        course.exercises(nb, strict=False)
        with self.assertRaisesRegex(course.ConventionError, "at least 3"):
            course.exercises(nb)
        nb.cells = [c for c in nb.cells if course.deepnets_metadata(c).get("check") != "Exercise 2 (first)"]
        with self.assertRaisesRegex(course.ConventionError, r"cell 4 \(Exercise 2 \(first\)\): no check cell"):
            course.exercises(nb)

    def test_replace_region(self):
        source = "int f() {\n    // BEGIN SOLUTION: Exercise 1 (f)\n    return 1;\n    // END SOLUTION\n}"
        self.assertEqual("int f() {\n    return 2;\n}", course.replace_region(source, "    return 2;"))

    def test_signature(self):
        source = "/** doc */\ndouble[] f(int a, double[] b) {\n    // BEGIN SOLUTION: Exercise 1 (f)\n    x\n"
        self.assertEqual("double[] f(int a, double[] b)", grading.signature_of(source))


if __name__ == "__main__":
    unittest.main()
