"""A toy exercise added to a copy of the course exactly as docs/instructors.md ("Adding an exercise") says, then
taken end to end (issue 24): its home's tests, grading, and the release.

The toy (tools/tests/toy/): notebook 99-toy, "Exercise 1 (sum of squares)", 1 point. Its home SumOfSquares (check,
known mistakes, bypass), the library method that solves it (deepnets.core.Squares, @Solves), its held-out check,
one line in Exercises.java and its accessor, and a notebook with the exercise cell, hints and a one-call check cell.

In the copy:
  1. the library is built offline and ExerciseHomesTest runs over every exercise, the toy among them: its worked
     solution passes the visible and the held-out check, the stub fails with NotImplementedYet, each known mistake
     fails naming its cause, the bypass is refused, the hard-coded visible answers fail the held-out check;
  2. the grader, on a kernel pointed at the copy's library, grades the toy notebook: the worked solution 1/1 with
     its held-out check passed; the student copy, a known mistake, the library's own method, the hard-coded
     visible answer and a version that changes its input 0/1, each with the message that names why;
  3. the release built from the copy ships the toy's student notebook, the toy compiled in lib/deepnets.jar, its
     library method's body stubbed, and neither its home nor its held-out check in source form.

Needs the course's Maven dependencies in ~/.m2 (make setup) and a JDK; about two minutes on 2 cores.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
import zlib
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
ROOT = TOOLS.parent
TOY = Path(__file__).resolve().parent / "toy"
NAME = "Exercise 1 (sum of squares)"
SOLUTION = ("double sumOfSquares(double[] x) {\n"
            f"    // BEGIN SOLUTION: {NAME}\n"
            "    double s = 0;\n"
            "    for (double v : x) {\n"
            "        s += v * v;\n"
            "    }\n"
            "    return s;\n"
            "    // END SOLUTION\n"
            "}")
CHECK = ("import deepnets.exercises.Exercises;\n"
         "// The exact import above: a class of the same name declared elsewhere in the notebook cannot stand in "
         "for it.\n"
         "Exercises.sumOfSquares().check(x -> sumOfSquares(x));")
ACCESSOR = f"""
    /** {NAME} (99-toy). */
    public static SumOfSquares sumOfSquares() {{
        return (SumOfSquares) named("{NAME}");
    }}
"""
# What the grader runs for each submission, in the copy (its tools, its library, its kernel).
GRADE = """
import json, sys
from pathlib import Path
sys.path.insert(0, "tools")
import grading
r = grading.grade(Path(sys.argv[1]), Path("notebooks/solutions/99-toy.ipynb"), timeout=60)
e = r.exercises[0]
print(json.dumps({"points": r.points, "total": r.total, "held_out": e.held_out, "message": e.message,
                  "output": e.output}))
"""


def cell(kind: str, source: str, deepnets: dict | None = None) -> dict:
    c = {"cell_type": kind, "id": f"toy-{zlib.crc32(source.encode()):08x}", "metadata": {}, "source": source}
    if deepnets:
        c["metadata"]["deepnets"] = deepnets
    if kind == "code":
        c.update(execution_count=None, outputs=[])
    return c


def toy_notebook() -> dict:
    """The toy's source notebook, as an author writes it: a title, the task, two hints, the imports, the exercise,
    the check."""
    kernel = json.loads((ROOT / "notebooks" / "solutions" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    return {"cells": [
        cell("markdown", "# 99: a toy\n\n## Exercise 1: the sum of squares\n\nWrite `sumOfSquares(x)`, the sum of "
                         "the squares of the entries of `x`. Do not change `x`."),
        cell("markdown", "<details><summary>Hint 1</summary>\n\nSquare each entry, then add.\n</details>\n\n"
                         "<details><summary>Hint 2</summary>\n\n`for (double v : x) { s += ___; }`\n</details>"),
        cell("code", "import deepnets.*;"),
        cell("code", SOLUTION, {"exercise": NAME}),
        cell("code", CHECK, {"check": NAME}),
    ], "metadata": kernel["metadata"], "nbformat": 4, "nbformat_minor": 5}


def submission(body: str) -> dict:
    """The toy's student notebook with `body` as the method's body."""
    nb = toy_notebook()
    nb["cells"][3]["source"] = "double sumOfSquares(double[] x) {\n" + body + "\n}"
    return nb


def run(args, cwd: Path, env=None, timeout=900) -> subprocess.CompletedProcess:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} failed ({done.returncode}):\n"
                             f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done


class ToyExercise(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="toy-exercise-")
        tmp = Path(cls.tmp.name)
        cls.copy = copy = tmp / "course"
        ignore = shutil.ignore_patterns("target", "node_modules", "__pycache__", "*.pyc", ".ipynb_checkpoints")
        for folder in ("lib", "tools", "environment", "data"):
            shutil.copytree(ROOT / folder, copy / folder, ignore=ignore)
        shutil.copy2(ROOT / "README.md", copy / "README.md")
        # The steps of "Adding an exercise": the home, the library method that solves it, the held-out check,
        # the exercise listed in Exercises.all() with its accessor, the notebook.
        java = copy / "lib" / "src"
        shutil.copy2(TOY / "SumOfSquares.java", java / "main/java/deepnets/exercises/SumOfSquares.java")
        shutil.copy2(TOY / "Squares.java", java / "main/java/deepnets/core/Squares.java")
        shutil.copy2(TOY / "SumOfSquaresHeldOut.java", java / "heldout/java/deepnets/heldout/SumOfSquaresHeldOut.java")
        exercises = java / "main/java/deepnets/exercises/Exercises.java"
        text = exercises.read_text(encoding="utf-8")
        listed = re.sub(r"(new \w+\(\))\);", r"\1,\n            new SumOfSquares());", text, count=1)
        assert listed != text, "Exercises.java: the list of exercises (List.of(..., new X());) was not found"
        last = listed.rstrip().rindex("}")
        exercises.write_text(listed[:last] + ACCESSOR + "}\n", encoding="utf-8")
        solutions = copy / "notebooks" / "solutions"
        solutions.mkdir(parents=True)
        (solutions / "99-toy.ipynb").write_text(json.dumps(toy_notebook(), indent=1) + "\n", encoding="utf-8")

        mvnw = copy / "lib" / "mvnw"
        cls.homes = run([str(mvnw), "--offline", "--batch-mode", "--no-transfer-progress", "package",
                         "-Dtest=ExerciseHomesTest", "-Dsurefire.failIfNoSpecifiedTests=false"], cwd=copy / "lib")

        # A kernel like make setup's, pointed at the copy's library (no class-data-sharing archive: it is slow
        # to write and only makes the start faster).
        kernel_dir = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"
        venv = tmp / "venv"
        shutil.copytree(kernel_dir, venv / "share" / "jupyter" / "kernels" / "java",
                        ignore=shutil.ignore_patterns("*.jsa", "*.log"))
        cls.env = {**os.environ, "COURSE_NO_CDS": "1", "JUPYTER_PATH": str(venv / "share" / "jupyter")}
        run([sys.executable, "environment/install_kernel.py", str(venv), "lib/target"], cwd=copy, env=cls.env)
        (copy / "notebooks" / "99-toy.ipynb").write_text(
            run([sys.executable, "-c", "import sys; sys.path.insert(0, 'tools'); import course; "
                                       "sys.stdout.write(course.serialize(course.student_copy("
                                       "course.solution_notebooks()[0])))"], cwd=copy).stdout, encoding="utf-8")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def grade(self, nb_or_path) -> dict:
        if isinstance(nb_or_path, Path):
            path = nb_or_path
        else:
            path = Path(self.tmp.name) / f"submission-{zlib.crc32(json.dumps(nb_or_path).encode()):08x}.ipynb"
            path.write_text(json.dumps(nb_or_path, indent=1) + "\n", encoding="utf-8")
        done = run([sys.executable, "-c", GRADE, str(path)], cwd=self.copy, env=self.env, timeout=300)
        return json.loads(done.stdout.strip().splitlines()[-1])

    def test_1_the_home_test_takes_the_toy_through_its_solution_stub_mistakes_bypass_and_hard_coded_answers(self):
        report = next((self.copy / "lib" / "target" / "surefire-reports").glob("*ExerciseHomesTest.xml"))
        text = report.read_text(encoding="utf-8")
        self.assertIn(f"ok: {NAME} passed", text, "ExerciseHomesTest did not run the toy")
        self.assertRegex(text, r'<testsuite [^>]*errors="0" skipped="0" failures="0"')

    def test_2_the_worked_solution_earns_the_point_with_its_held_out_check(self):
        r = self.grade(self.copy / "notebooks" / "solutions" / "99-toy.ipynb")
        self.assertEqual((r["points"], r["total"], r["held_out"]), (1, 1, "passed"), r)

    def test_3_the_student_copy_fails_only_because_it_is_not_implemented(self):
        r = self.grade(self.copy / "notebooks" / "99-toy.ipynb")
        self.assertEqual((r["points"], r["total"]), (0, 1), r)
        self.assertIn("not implemented yet", r["message"].lower())

    def test_4_a_known_mistake_is_named(self):
        r = self.grade(submission("    double s = 0;\n    for (double v : x) s += v;\n    return s;"))
        self.assertEqual(r["points"], 0, r)
        self.assertIn("you sum the values, not their squares", r["message"])

    def test_5_the_librarys_own_method_is_refused(self):
        r = self.grade(submission("    return deepnets.core.Squares.sumOfSquares(x);"))
        self.assertEqual(r["points"], 0, r)
        self.assertIn("Squares.sumOfSquares", r["message"])

    def test_6_the_hard_coded_visible_answer_passes_the_visible_check_and_fails_the_held_out_one(self):
        r = self.grade(submission("    return 18.5;"))   # 1.5^2 + 2^2 + 3.5^2, the visible check's one answer
        self.assertEqual((r["points"], r["held_out"]), (0, "failed"), r)
        self.assertIn("on a vector of length 1 your result differs from the expected one", r["message"])
        self.assertNotIn("0.0625", r["message"], "the held-out check must not show its expected values")

    def test_7_changing_the_input_fails_the_held_out_check_naming_the_property(self):
        r = self.grade(submission("    double s = 0;\n    for (int i = 0; i < x.length; i++) {\n"
                                  "        s += x[i] * x[i];\n        x[i] = 0;\n    }\n    return s;"))
        self.assertEqual((r["points"], r["held_out"]), (0, "failed"), r)
        self.assertIn("your function changes its input x", r["message"])

    def test_8_the_release_ships_the_toy_compiled_only(self):
        out = Path(self.tmp.name) / "release"
        run([sys.executable, "tools/classroom/release.py", "--out", str(out)], cwd=self.copy, env=self.env)
        built = out / "improving-deep-networks"
        student = json.loads((built / "notebooks" / "99-toy.ipynb").read_text(encoding="utf-8"))
        exercise = "".join(student["cells"][3]["source"])
        self.assertIn(f'throw new NotImplementedYet("{NAME}")', exercise)
        self.assertNotIn("s += v * v", exercise)
        sources = built / "lib" / "src"
        self.assertFalse((sources / "main/java/deepnets/exercises/SumOfSquares.java").exists(),
                         "the toy's home (its check and mistakes) is in the release in source form")
        self.assertFalse(list(built.rglob("*HeldOut*")), "a held-out check is in the release")
        squares = (sources / "main/java/deepnets/core/Squares.java").read_text(encoding="utf-8")
        self.assertIn("99-toy", squares, "the stub should say where the student writes the method")
        self.assertNotIn("s += v * v", squares, "the solving method's body is in the release")
        with zipfile.ZipFile(built / "lib" / "deepnets.jar") as jar:
            names = set(jar.namelist())
        self.assertIn("deepnets/exercises/SumOfSquares.class", names)
        self.assertIn("deepnets/core/Squares.class", names)
        self.assertFalse([n for n in names if "heldout" in n.lower()], "held-out classes in the release's jar")


if __name__ == "__main__":
    unittest.main()
