"""`make gradescope`'s autograder.zip works as Gradescope runs it (make test-gradescope; a few minutes).

Builds the zip for three notebooks, lays out a temporary root like /autograder (the zip unpacked into
source/, run_autograder copied to the root, the submission in submission/), runs source/setup.sh (it
installs with apt-get only what is missing, so nothing here) and then run_autograder with
AUTOGRADER_ROOT pointing at the temporary root, and validates results/results.json against the format of
Gradescope's autograder specification (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
The submission: notebook 02 with exercise 1 solved (the source's solution) and exercise 2 left as the stub,
notebook 00 corrupted (not JSON), notebook 01 missing.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import gradescope  # noqa: E402
import nbformat  # noqa: E402

NOTEBOOKS = ["00-start-here.ipynb", "01-tuning-process.ipynb", "02-appropriate-scale.ipynb"]
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
             "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST_KEYS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
             "visibility", "extra_data"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def solved_first_exercise():
    source = course.SOLUTIONS / "02-appropriate-scale.ipynb"
    nb = course.student_copy(source)
    original = nbformat.read(source, as_version=4)
    first = course.exercises(original)[0]
    cell = original.cells[first.cell].source
    nb.cells[first.cell].source = "\n".join(line for line in cell.split("\n")
                                            if not course.BEGIN.match(line) and not course.END.match(line))
    return nb, first.name


class Gradescope(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="gradescope-")
        tmp = Path(cls.tmp.name)
        tmp.chmod(0o755)   # like /autograder; the sandbox's unprivileged user must reach the course's folders
        archive = gradescope.build(tmp / "build", NOTEBOOKS)
        cls.root = tmp / "autograder"
        with zipfile.ZipFile(archive) as z:
            cls.names = z.namelist()
            z.extractall(cls.root / "source")
            for info in z.infolist():
                if info.external_attr >> 16:
                    os.chmod(cls.root / "source" / info.filename, (info.external_attr >> 16) & 0o7777)
        shutil.copy2(cls.root / "source" / "run_autograder", cls.root / "run_autograder")
        submission = cls.root / "submission"
        submission.mkdir()
        nb, cls.solved = solved_first_exercise()
        nbformat.write(nb, submission / "02-appropriate-scale.ipynb")
        (submission / "00-start-here.ipynb").write_text("this is not a notebook", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "MAKEFLAGS", "MAKELEVEL")}
        cls.setup = subprocess.run(["bash", str(cls.root / "source" / "setup.sh")], env=env, capture_output=True,
                                   text=True, timeout=1200)
        cls.proc = subprocess.run([str(cls.root / "run_autograder")], cwd=cls.root,
                                 env=dict(env, AUTOGRADER_ROOT=str(cls.root)), capture_output=True, text=True,
                                 timeout=900)
        path = cls.root / "results" / "results.json"
        cls.results = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_zip_layout(self):
        self.assertIn("setup.sh", self.names)
        self.assertIn("run_autograder", self.names)
        self.assertTrue(any(n.startswith("course/notebooks/solutions/") for n in self.names))

    def test_setup_and_run_succeed(self):
        self.assertEqual(self.setup.returncode, 0, self.setup.stdout[-2000:] + self.setup.stderr[-2000:])
        self.assertEqual(self.proc.returncode, 0, self.proc.stdout[-2000:] + self.proc.stderr[-2000:])

    def test_sandbox_used_where_available(self):
        import sandbox
        if sandbox.probe() is None:
            self.assertIn("runs in a bubblewrap sandbox", self.proc.stdout)

    def test_results_follow_the_documented_format(self):
        r = self.results
        self.assertIsNotNone(r, self.proc.stdout + self.proc.stderr)
        self.assertLessEqual(set(r), TOP_LEVEL)
        self.assertIsInstance(r["tests"], list)
        for t in r["tests"]:
            self.assertLessEqual(set(t), TEST_KEYS, t)
            self.assertIsInstance(t["name"], str)
            self.assertIsInstance(t["output"], str)
            for key in ("score", "max_score"):
                self.assertIsInstance(t[key], (int, float))
            self.assertTrue(0 <= t["score"] <= t["max_score"], t)
            self.assertIn(t["visibility"], VISIBILITIES)
            self.assertIn(t["status"], ("passed", "failed"))
        self.assertIn(r["visibility"], VISIBILITIES)
        self.assertIn(r["stdout_visibility"], VISIBILITIES)
        self.assertEqual(r["score"], sum(t["score"] for t in r["tests"]))

    def test_one_test_per_exercise_with_the_right_scores(self):
        tests = {t["name"]: t for t in self.results["tests"]}
        held_out = {n: tests.pop(n) for n in list(tests) if n.endswith(" (held-out check)")}
        # A held-out check's own test (issue 24) carries no points and is shown after the due date; its exercise
        # earns its points only if the held-out check passes too.
        for n, t in held_out.items():
            self.assertEqual((t["max_score"], t["visibility"]), (0, "after_due_date"), t)
            self.assertIn(n[:-len(" (held-out check)")], tests)
        expected = []
        for name in NOTEBOOKS:
            nb = nbformat.read(course.SOLUTIONS / name, as_version=4)
            expected += [(f"{name}: {e.name}", e.points) for e in course.exercises(nb)]
        self.assertEqual(sorted(tests), sorted(n for n, _ in expected))
        for name, points in expected:
            t = tests[name]
            self.assertEqual(t["max_score"], points)
            if name == f"02-appropriate-scale.ipynb: {self.solved}":
                self.assertEqual((t["score"], t["status"]), (points, "passed"), t)
            else:
                self.assertEqual(t["score"], 0, t)
            if name.startswith("00-"):
                self.assertIn("not valid JSON", t["output"])
            if name.startswith("01-"):
                self.assertIn("was not in your submission", t["output"])
        other = [t for n, t in tests.items() if n.startswith("02-") and not n.endswith(self.solved)]
        self.assertTrue(other and all("not implemented yet" in t["output"] for t in other), other)


if __name__ == "__main__":
    unittest.main()
