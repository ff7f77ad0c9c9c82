"""Tests of the bypass guard as `make grade` and `make test` see it: an exercise that calls the library's own
version of itself earns 0 points with "your code calls ...", however the call is written; the mutation
tester runs every exercise's "calls the library" mutant; the metadata rules (solvedBy, hints, guarded
check cells) fail `make test` naming the notebook and the exercise.

The fixture is a tiny JJava notebook on the course library: six copies of one exercise (the column means
of a matrix, solved by the library's Matrices.columnMeans), each answered differently in the student copy.
Two kernels run, at the same time: one grades the student copy, one grades the source with mutation tests.
"""
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

TIMEOUT = 20
SOLVED_BY = ["Matrices.columnMeans", "Matrices.columnVariances"]
REFUSED = ("your code calls Matrices.columnMeans, the library's version of this exercise; "
           "write the computation yourself")
LOOP = """    double[] mean = new double[a[0].length];
    for (double[] row : a) {
        for (int j = 0; j < row.length; j++) {
            mean[j] += row[j] / a.length;
        }
    }
    return mean;"""
MISTAKES = [("sums instead of averaging", "    double[] s = new double[a[0].length];\n"
             "    for (double[] row : a) for (int j = 0; j < row.length; j++) s[j] += row[j];\n    return s;"),
            ("means of the rows", "    double[] m = new double[a.length];\n"
             "    for (int i = 0; i < a.length; i++) m[i] = (a[i][0] + a[i][1]) / 2;\n    return m;"),
            ("first row only", "    return a[0].clone();")]


def name(k):
    return f"Exercise {k} (means {k})"


def hints(k):
    return nbformat.v4.new_markdown_cell(
        f"## Exercise {k}: column means\n\n<details><summary>Hint 1</summary>\n\nOne sum per column.\n\n</details>"
        f"\n\n<details><summary>Hint 2</summary>\n\nDivide each sum by the number of rows.\n\n</details>")


def exercise(k, guarded=True):
    cell = nbformat.v4.new_code_cell(f"double[] means{k}(double[][] a) {{\n    // BEGIN SOLUTION: {name(k)}\n"
                                     f"{LOOP}\n    // END SOLUTION\n}}")
    cell.metadata["deepnets"] = {"exercise": name(k), "points": 2,
                                 "mistakes": [{"name": n, "solution": s} for n, s in MISTAKES],
                                 "solvedBy": SOLVED_BY, "bypass": "    return Matrices.columnMeans(a);"}
    call = f"means{k}(new double[][] {{{{1, 2}}, {{3, 6}}, {{5, 1}}}})"
    if guarded:
        call = f'Exercise.call("{name(k)}", () -> {call}, "Matrices.columnMeans", "Matrices.columnVariances")'
    # expected: (1 + 3 + 5) / 3 = 3 and (2 + 6 + 1) / 3 = 3, by hand; a (3, 2) input so rows and columns differ
    check = nbformat.v4.new_code_cell(f"double[] got{k} = {call};\n"
                                      f'Check.allClose("means{k}", new double[] {{3, 3}}, got{k}, 1e-12, '
                                      f'"the mean of each column");')
    check.metadata["deepnets"] = {"check": name(k)}
    return [hints(k), cell, check]


def source_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# 98 · Bypass fixture"),
                nbformat.v4.new_code_cell("import deepnets.*;\nimport deepnets.check.*;\nimport deepnets.core.Matrices;")]
    for k in range(1, 7):
        nb.cells += exercise(k)
    nb.cells += exercise(7, guarded=False)
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i:03d}"
    nb.metadata = {"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}}
    return nb


ANSWERS = {
    1: "double[] means1(double[][] a) {\n    return Matrices.columnMeans(a);\n}",
    2: "double[] spread2(double[][] a) {\n    return Matrices.columnMeans(a);\n}\n\n"
       "double[] means2(double[][] a) {\n    return spread2(a);\n}",
    3: "double[] means3(double[][] a) {\n    return deepnets.core.Matrices.columnMeans(a);\n}",
    4: "import static deepnets.core.Matrices.columnMeans;\n\n"
       "double[] means4(double[][] a) {\n    return columnMeans(a);\n}",
    5: "double[] means5(double[][] a) {\n    // not Matrices.columnMeans(a): that is the library's version\n"
       '    String note = "Matrices.columnMeans(a)";\n    /* Matrices.columnMeans(a) */\n' + LOOP + "\n}",
    6: "double[] means6(double[][] a) {\n    try {\n        return Matrices.columnMeans(a);\n"
       "    } catch (RuntimeException refused) {\n        return new double[] {3, 3};\n    }\n}",
}


def student_notebook(source_path):
    nb = course.student_copy(source_path)
    for cell in nb.cells:
        k = int(course.deepnets_metadata(cell).get("exercise", "Exercise 0").split()[1])
        if k in ANSWERS:
            cell.source = ANSWERS[k]
    return nb


RUNS = {}


def setUpModule():
    RUNS.update(graded_fixture.graded_runs("98-bypass", source_notebook(), student_notebook, TIMEOUT))


def tearDownModule():
    RUNS.pop("tmp").cleanup()


class GradeABypass(unittest.TestCase):
    """make grade: a call of the library's version earns 0 points with a message that names it."""

    @classmethod
    def setUpClass(cls):
        cls.result, _ = RUNS["student"]
        cls.by_number = {int(e.name.split()[1]): e for e in cls.result.exercises}
        cls.feedback = grading.feedback_markdown(cls.result, "now")

    def assertRefused(self, k):
        e = self.by_number[k]
        self.assertEqual(("failed", 0, "check"), (e.status, e.earned, e.kind), e.message)
        self.assertIn(f"{name(k)}: {REFUSED}", e.message)
        line = grading.exercise_line(e)
        self.assertIn(REFUSED, line)
        self.assertIn(f"(see the hints under Exercise {k} in the notebook)", line)
        self.assertIn(f"Stuck? See the hints under Exercise {k} in the notebook", self.feedback)

    def test_a_direct_call(self):
        self.assertRefused(1)

    def test_a_call_through_a_helper_in_the_same_cell(self):
        self.assertRefused(2)

    def test_a_fully_qualified_call(self):
        self.assertRefused(3)

    def test_a_static_import(self):
        self.assertRefused(4)

    def test_a_refusal_the_code_catches_still_fails(self):
        self.assertRefused(6)

    def test_a_call_only_in_a_comment_or_a_string_is_not_refused(self):
        e = self.by_number[5]
        self.assertEqual(("passed", 2), (e.status, e.earned), e.message)
        self.assertNotIn("see the hints", grading.exercise_line(e))

    def test_the_score(self):
        self.assertEqual((2, 14), (self.result.points, self.result.total))  # exercise 5; 7 is left unwritten
        self.assertIn("| Exercise 1 (means 1) | 0 / 2 | failed: Exercise 1 (means 1): your code calls "
                      "Matrices.columnMeans", self.feedback)


class BypassMutants(unittest.TestCase):
    """make test: every exercise with solvedBy gets a "calls the library" mutant from its bypass."""

    @classmethod
    def setUpClass(cls):
        cls.result, cls.mutations = RUNS["source"]
        cls.bypass = {m.exercise: m for m in cls.mutations if m.mistake == course.BYPASS_MUTANT}

    def test_the_solutions_get_full_marks(self):
        self.assertEqual((14, 14), (self.result.points, self.result.total))

    def test_every_exercise_gets_the_mutant(self):
        self.assertEqual({name(k) for k in range(1, 8)}, set(self.bypass))

    def test_a_guarded_check_catches_it_with_the_message(self):
        for k in range(1, 7):
            m = self.bypass[name(k)]
            self.assertEqual((True, "check"), (m.caught, m.how), m.message)
            self.assertIn(REFUSED, m.message)

    def test_an_unguarded_check_lets_it_through_and_that_is_a_failure(self):
        m = self.bypass[name(7)]
        self.assertEqual((False, "passed"), (m.caught, m.how))
        self.assertIn("PASSES", m.message)

    def test_the_listed_mistakes_still_run(self):
        listed = [m for m in self.mutations if m.exercise == name(1) and m.mistake != course.BYPASS_MUTANT]
        self.assertEqual([n for n, _ in MISTAKES], [m.mistake for m in listed])
        self.assertTrue(all(m.caught for m in listed), [m.message for m in listed])


class MetadataRules(unittest.TestCase):
    """What `make test` refuses in an exercise's metadata and check cell, without a kernel."""

    def setUp(self):
        self.nb = source_notebook()
        self.hooks = course.hooked_entry_points()

    def cell(self, k):
        return next(c for c in self.nb.cells if course.deepnets_metadata(c).get("exercise") == name(k))

    def check_cell(self, k):
        return next(c for c in self.nb.cells if course.deepnets_metadata(c).get("check") == name(k))

    def problems(self):
        return course.guard_problems(self.nb, course.exercises(self.nb, "98-bypass.ipynb", strict=False),
                                     "98-bypass.ipynb", self.hooks)

    def test_the_library_has_its_hooks(self):
        for entry in ["BatchNorm.forwardTrain", "Softmax.forward", "Matrices.columnMeans", "Search.run",
                      "ScaledRange.zoom", "GradientCheck.numericGradient", "ConfusionMatrix.count"]:
            self.assertIn(entry, self.hooks)
        self.assertNotIn("Matrices.copy", self.hooks)

    def test_the_fixture_breaks_only_the_unguarded_check(self):
        self.assertEqual(["98-bypass.ipynb, cell 22 (the check of Exercise 7 (means 7)): the check calls the "
                          "student's code outside the guard; wrap the call as Exercise.call(\"Exercise 7 (means 7)\", "
                          "() -> ..., \"Matrices.columnMeans\", \"Matrices.columnVariances\")",
                          "98-bypass.ipynb, cell 22 (the check of Exercise 7 (means 7)): the check calls means7(...) "
                          "outside Exercise.call/run, where a call of the library's version would not be refused; "
                          "call it only inside the guard"], self.problems())

    def test_no_solved_by_fails_naming_the_notebook_and_exercise(self):
        del self.cell(2).metadata["deepnets"]["solvedBy"]
        with self.assertRaisesRegex(course.ConventionError, r"98-bypass.ipynb, cell 6 \(Exercise 2 \(means 2\)\): "
                                                            r"no deepnets.solvedBy"):
            course.exercises(self.nb, "98-bypass.ipynb")

    def test_an_empty_list_needs_a_reason(self):
        meta = self.cell(2).metadata["deepnets"]
        meta["solvedBy"] = []
        with self.assertRaisesRegex(course.ConventionError, r"Exercise 2 \(means 2\)\): solvedBy is empty; say why"):
            course.exercises(self.nb, "98-bypass.ipynb")
        meta["solvedByNone"] = "nothing in the library computes it"
        self.check_cell(2).source = self.check_cell(2).source.replace(
            ', "Matrices.columnMeans", "Matrices.columnVariances")', ")")
        solved = [e for e in course.exercises(self.nb, "98-bypass.ipynb", strict=False) if e.name == name(2)]
        self.assertEqual(([], None), (solved[0].solved_by, solved[0].bypass_mistake()))
        self.assertFalse([p for p in self.problems() if "Exercise 2" in p])

    def test_a_list_without_a_bypass(self):
        del self.cell(3).metadata["deepnets"]["bypass"]
        with self.assertRaisesRegex(course.ConventionError, r"Exercise 3 \(means 3\)\): solvedBy lists .* no "
                                                            r"deepnets.bypass"):
            course.exercises(self.nb, "98-bypass.ipynb")

    def test_too_few_hints(self):
        hints_cell = self.nb.cells[self.nb.cells.index(self.cell(4)) - 1]
        hints_cell.source = hints_cell.source.split("<details>")[0] + "<details><summary>Hint 1</summary>x</details>"
        with self.assertRaisesRegex(course.ConventionError, r"Exercise 4 \(means 4\)\): 1 hints in the markdown"):
            course.exercises(self.nb, "98-bypass.ipynb")

    def test_a_name_that_is_not_hooked(self):
        self.cell(1).metadata["deepnets"]["solvedBy"] = SOLVED_BY + ["Matrices.copy"]
        self.assertTrue(any("solvedBy names Matrices.copy, but no library entry point starts with "
                            "EntryPoints.entered(\"Matrices.copy\")" in p for p in self.problems()), self.problems())

    def test_a_class_wildcard_needs_a_hooked_class(self):
        self.cell(1).metadata["deepnets"]["solvedBy"] = ["Search.*"]
        self.cell(2).metadata["deepnets"]["solvedBy"] = ["Nowhere.*"]
        problems = self.problems()
        self.assertFalse([p for p in problems if "solvedBy names Search.*" in p], problems)
        self.assertTrue([p for p in problems if "solvedBy names Nowhere.*" in p], problems)

    def test_the_check_must_forbid_exactly_the_list(self):
        self.check_cell(1).source = self.check_cell(1).source.replace(', "Matrices.columnVariances"', "")
        self.assertIn("98-bypass.ipynb, cell 4 (the check of Exercise 1 (means 1)): guarded call 1 forbids "
                      "['Matrices.columnMeans'], but the exercise's solvedBy is ['Matrices.columnMeans', "
                      "'Matrices.columnVariances']; they must be the same", self.problems())

    def test_the_check_must_not_call_the_student_outside_the_guard(self):
        self.check_cell(1).source += "\ndouble[] again1 = means1(new double[][] {{1, 2}});"
        self.assertIn("98-bypass.ipynb, cell 4 (the check of Exercise 1 (means 1)): the check calls means1(...) outside "
                      "Exercise.call/run, where a call of the library's version would not be refused; call it only "
                      "inside the guard", self.problems())
        self.assertEqual({"means1"}, course.declared_methods(self.cell(1).source))
        self.assertEqual([], course.unguarded_calls('// means1(x)\nString s = "means1(x)";\n'
                                                    'var o = new means1(2);', {"means1"}))

    def test_the_check_must_name_its_exercise(self):
        self.check_cell(1).source = self.check_cell(1).source.replace(f'"{name(1)}"', f'"{name(2)}"')
        self.assertTrue(any("guarded call 1 names the exercise 'Exercise 2 (means 2)', not 'Exercise 1 (means 1)'"
                            in p for p in self.problems()), self.problems())

    def test_forbidden_names_may_be_a_string_array_and_comments_do_not_count(self):
        self.check_cell(1).source = (
            '// Exercise.call("Exercise 9 (elsewhere)", () -> 0, "X.y") is only a comment\n'
            'String[] forbidden = {"Matrices.columnVariances", "Matrices.columnMeans"};\n'
            f'String what = "Exercise.call(\\"{name(2)}\\")";\n'
            f'double[] got1 = Exercise.call("{name(1)}", () -> means1(new double[][] {{{{1, 2}}}}), forbidden);')
        self.assertEqual([(name(1), ["Matrices.columnVariances", "Matrices.columnMeans"])],
                         course.guarded_calls(self.check_cell(1).source))
        self.assertFalse([p for p in self.problems() if "Exercise 1 " in p], self.problems())

    def test_the_student_copy_keeps_neither_mistakes_nor_bypass(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "98-bypass.ipynb"
            path.write_text(course.serialize(self.nb), encoding="utf-8")
            meta = course.deepnets_metadata(next(c for c in course.student_copy(path).cells
                                                 if course.deepnets_metadata(c).get("exercise") == name(1)))
        self.assertEqual({"exercise": name(1), "points": 2, "solvedBy": SOLVED_BY}, meta)


if __name__ == "__main__":
    unittest.main()
