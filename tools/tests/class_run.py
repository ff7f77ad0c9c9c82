"""`make grade-class` on a synthetic class: right scores, bad input, interruption, resume, re-grading by hash.

  python -m unittest tools/tests/class_run.py      (make test-class; a few minutes; sandboxed if bubblewrap
                                                     is present, else UNSANDBOXED)

34 students hand in notebook 02. For each exercise a seeded generator picks the source's solution (full
points), the stub (0, "not implemented yet") or one of the mistakes listed in the source's metadata (0,
failed: make test proves every listed mistake fails its check). So the expected gradebook is known without
running the grader. Four more students hand in bad input: a stray file, a notebook with an unknown name,
a file that is not JSON, an nbformat 3 notebook.

Run 1 is interrupted (SIGINT, as Ctrl-C) after 4 notebooks are graded: it must exit 130, leave no kernel or
sandbox running and a valid gradebook. Run 2 resumes and grades only the rest (its summary gives the
throughput, printed for the docs). Run 3, after two submissions changed, grades exactly those two.
"""
import csv
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import nbformat  # noqa: E402
import sandbox  # noqa: E402

NOTEBOOK = "02-appropriate-scale.ipynb"
STUDENTS = 34
SEED = 15
# Realistic wrong answers for the solution regions of notebook 02's exercises (their known mistakes live in the
# library as Java lambdas, deepnets.exercises, and cannot be pasted into a cell).
MISTAKES = {
    "Exercise 1 (log-scale sampling)": [
        # uniform on the linear scale
        "    SplittableRandom random = new SplittableRandom(seed);\n    double[] out = new double[n];\n"
        "    for (int i = 0; i < n; i++) {\n        out[i] = lo + (hi - lo) * random.nextDouble();\n    }\n"
        "    return out;",
        # returns the exponent r instead of 10^r
        "    SplittableRandom random = new SplittableRandom(seed);\n    double[] out = new double[n];\n"
        "    for (int i = 0; i < n; i++) {\n"
        "        out[i] = Math.log10(lo) + (Math.log10(hi) - Math.log10(lo)) * random.nextDouble();\n    }\n"
        "    return out;"],
    "Exercise 2 (sampling beta)": [
        # beta sampled uniformly
        "    SplittableRandom random = new SplittableRandom(seed);\n    double[] out = new double[n];\n"
        "    for (int i = 0; i < n; i++) {\n        out[i] = lo + (hi - lo) * random.nextDouble();\n    }\n"
        "    return out;",
        # 10^r without the 1 - ...
        "    SplittableRandom random = new SplittableRandom(seed);\n    double a = Math.log10(1 - hi);\n"
        "    double b = Math.log10(1 - lo);\n    double[] out = new double[n];\n"
        "    for (int i = 0; i < n; i++) {\n        out[i] = Math.pow(10, a + (b - a) * random.nextDouble());\n    }\n"
        "    return out;"],
}


def synthetic_class(folder: Path):
    """Writes the class; returns {(student, exercise): (points, status)} expected."""
    source = course.SOLUTIONS / NOTEBOOK
    original = nbformat.read(source, as_version=4)
    exercises = course.exercises(original)
    rng = random.Random(SEED)
    expected = {}
    for k in range(STUDENTS):
        student = f"student{k:02d}"
        nb = course.student_copy(source)
        for e in exercises:
            choice = rng.choice(["solution", "stub", "mistake"])
            cell = original.cells[e.cell].source
            if choice == "stub":
                expected[(student, e.name)] = (0, "not implemented yet")
                continue
            if choice == "mistake":
                cell = course.replace_region(cell, rng.choice(MISTAKES[e.name]))
                expected[(student, e.name)] = (0, "failed")
            else:
                expected[(student, e.name)] = (e.points, "passed")
            nb.cells[e.cell].source = "\n".join(line for line in cell.split("\n")
                                                if not course.BEGIN.match(line) and not course.END.match(line))
        (folder / student).mkdir(parents=True)
        nbformat.write(nb, folder / student / NOTEBOOK)
    for name in ("stray", "unknown", "notjson", "nbformat3"):
        (folder / name).mkdir()
    (folder / "stray" / "notes.txt").write_text("my notes", encoding="utf-8")
    nbformat.write(course.student_copy(source), folder / "unknown" / "99-my-own.ipynb")
    (folder / "notjson" / NOTEBOOK).write_text("{ this is not json", encoding="utf-8")
    (folder / "nbformat3" / NOTEBOOK).write_text('{"nbformat": 3, "nbformat_minor": 0, "cells": []}',
                                                 encoding="utf-8")
    return expected


def sandbox_processes():
    out = subprocess.run(["ps", "-eo", "uid=,comm=,args="], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.split() and (
        sandbox.BASE_UID <= int(line.split()[0]) < sandbox.BASE_UID + 64 or "grade_class.py --worker" in line
        or "jjava-launcher" in line and "class-run-" in line)]


class ClassRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="class-run-")
        cls.dir = Path(cls.tmp.name) / "class"
        cls.expected = synthetic_class(cls.dir)
        cls.cmd = [sys.executable, str(TOOLS / "classroom" / "grade_class.py"), str(cls.dir), "--jobs", "2",
                   "--timeout", "60"] + (["--unsandboxed"] if sandbox.probe() else [])
        # Run 1: interrupted after 4 notebooks.
        # As from a terminal: a shell without job control starts background commands with SIGINT ignored, and
        # Python then never turns Ctrl-C into KeyboardInterrupt; the grader is started with SIGINT at its default.
        first = subprocess.Popen(cls.cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        lines = []
        for line in first.stdout:
            lines.append(line)
            if line.startswith("[4/"):
                first.send_signal(signal.SIGINT)
                break
        lines += first.stdout.readlines()
        first.stdout.close()
        cls.first_code = first.wait(120)
        cls.first_out = "".join(lines)
        time.sleep(1)
        cls.left_running = sandbox_processes()
        cls.after_first = cls.read()
        # Run 2: resumes.
        cls.second = subprocess.run(cls.cmd, capture_output=True, text=True, timeout=3600)
        cls.after_second = cls.read()
        print("\n" + "".join(line + "\n" for line in cls.second.stdout.splitlines() if line.startswith("grade-class")),
              file=sys.stderr)
        # Run 3: two submissions changed.
        for student in ("student00", "student01"):
            path = cls.dir / student / NOTEBOOK
            nb = nbformat.read(path, as_version=4)
            nb.cells[0].source += "\n"
            nbformat.write(nb, path)
        cls.third = subprocess.run(cls.cmd, capture_output=True, text=True, timeout=1800)

    @classmethod
    def read(cls):
        with open(cls.dir / "gradebook.csv", encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_interrupted_run_stops_cleanly_and_leaves_a_valid_gradebook(self):
        self.assertEqual(self.first_code, 130, self.first_out)
        self.assertEqual(self.left_running, [])
        graded = [r for r in self.after_first if r["status"] in ("passed", "failed", "not implemented yet")]
        self.assertGreaterEqual(len(graded), 4 * 2)
        for r in graded:
            self.assertEqual((int(r["points"]), r["status"]), self.expected[(r["student"], r["exercise"])], r)

    def test_resumed_run_grades_only_the_rest(self):
        self.assertEqual(self.second.returncode, 0, self.second.stdout + self.second.stderr)
        done = sum(line.startswith("[") for line in self.first_out.splitlines())
        self.assertIn(f"{STUDENTS - done} notebooks to grade", self.second.stdout)
        self.assertIn("per minute", self.second.stdout)

    def test_gradebook_matches_the_expected_scores(self):
        rows = {(r["student"], r["exercise"]): r for r in self.after_second if r["student"].startswith("student")
                and r["notebook"] == NOTEBOOK}
        self.assertEqual(set(rows), set(self.expected))
        for key, (points, status) in self.expected.items():
            self.assertEqual((int(rows[key]["points"]), rows[key]["status"]), (points, status), rows[key])
            self.assertEqual(int(rows[key]["max_points"]) > 0, True)
        self.assertEqual(len(list((self.dir / "feedback").glob(f"student*/{Path(NOTEBOOK).stem}.md"))), STUDENTS)

    def test_bad_input_is_recorded(self):
        status = {(r["student"], r["notebook"]): r for r in self.after_second}
        self.assertEqual(status[("stray", "notes.txt")]["status"], "ignored file")
        self.assertEqual(status[("unknown", "99-my-own.ipynb")]["status"], "unknown notebook")
        self.assertEqual(status[("notjson", NOTEBOOK)]["status"], "corrupted notebook")
        self.assertIn("not valid JSON", status[("notjson", NOTEBOOK)]["message"])
        self.assertEqual(status[("nbformat3", NOTEBOOK)]["status"], "corrupted notebook")
        self.assertEqual(status[("stray", NOTEBOOK)]["status"], "missing notebook")

    def test_rerun_grades_only_changed_submissions(self):
        self.assertEqual(self.third.returncode, 0, self.third.stdout + self.third.stderr)
        self.assertIn("2 notebooks to grade", self.third.stdout)
        self.assertEqual(self.read(), self.after_second)


if __name__ == "__main__":
    unittest.main()
