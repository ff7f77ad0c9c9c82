"""grade-class SHARD=k/N and merge-gradebooks: three shards run as separate processes at the same time, merged, give
the same gradebook, feedback and LMS files as one run over the class, byte for byte apart from the grading time in
Moodle's worksheet; a shard that crashes or never ran is named by the merge, which then writes nothing.

  .venv/bin/python -m unittest tools/tests/test_shards.py       (about a minute on a loaded 2-core machine)

FAKE GRADER: to keep this fast no kernel runs. Each grade_class.py process is started through a small driver that
replaces Run.grade_one (the call that starts a worker process with a kernel) by a function deriving each exercise's
result from the notebook's metadata and writing a feedback file. Everything else is the real code: the command line,
the plan, the shard's share, the state, the gradebook, done.json, the merge and the LMS export. The kernel path
itself is covered by make test-class.
"""
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

DRIVER = r'''
import json, os, sys, time
sys.path[:0] = [{tools!r}, {classroom!r}]
import grade_class

def fake_grade_one(self, slot, env, student, name, path, source):
    if os.environ.get("FAKE_CRASH_ON") == student:
        os._exit(3)          # the shard's process dies as a crashed node would
    solved = json.loads(path.read_text(encoding="utf-8"))["metadata"]["solved"]
    rows = []
    for i, (exercise, points) in enumerate(self.course.exercises[name]):
        ok = i < len(solved) and solved[i]
        rows.append(dict(student=student, notebook=name, exercise=exercise, points=points if ok else 0,
                         max_points=points, status="passed" if ok else "failed",
                         message="" if ok else f"{{exercise}}: wrong"))
    feedback = self.book.feedback_path(student, name)
    feedback.parent.mkdir(parents=True, exist_ok=True)
    feedback.write_text(f"# Feedback: {{name}}\n\n{{student}}: {{sum(r['points'] for r in rows)}} points\n",
                        encoding="utf-8")
    time.sleep(0.05)
    return {{"rows": rows, "seconds": 0.05}}

grade_class.Run.grade_one = fake_grade_one
sys.exit(grade_class.main(sys.argv[1:]))
'''

NOTEBOOKS = ["01-tuning-process.ipynb", "02-appropriate-scale.ipynb", "07-softmax-regression.ipynb"]
STUDENTS = [f"s{k:02d}" for k in range(10)]


def synthetic_class(d: Path):
    for k, student in enumerate(STUDENTS):
        folder = d / student
        folder.mkdir(parents=True)
        for j, name in enumerate(NOTEBOOKS):
            if (k + j) % 4 == 3:
                continue                                   # some notebooks missing
            solved = [(k * 7 + j * 3 + i) % 3 != 0 for i in range(3)]
            nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {"solved": solved}, "cells": []}
            (folder / name).write_text(json.dumps(nb), encoding="utf-8")
    (d / "s03" / "notes.txt").write_text("my notes", encoding="utf-8")
    (d / "s05" / "99-mine.ipynb").write_text("{}", encoding="utf-8")
    (d / "s07" / NOTEBOOKS[0]).write_text("{ not json", encoding="utf-8")
    roster = ["folder,name,email,moodle_participant"]
    roster += [f"{s},Student {s},{s}@uni.example,Participant {9000 + i}" for i, s in enumerate(STUDENTS[:-1])]
    (d / "roster.csv").write_text("\n".join(roster) + "\n", encoding="utf-8")     # s09 is not in the roster


def files(d: Path) -> dict:
    """Every file a run writes for the instructor, relative path -> bytes (the worksheet without its time column)."""
    out = {"gradebook.csv": (d / "gradebook.csv").read_bytes()}
    for f in sorted((d / "feedback").rglob("*")) + sorted((d / "lms").rglob("*")):
        if f.is_file():
            data = f.read_bytes()
            if f.name.startswith("moodle-worksheet-"):
                rows = list(csv.reader(data.decode().splitlines()))
                col = rows[0].index("Last modified (grade)")
                data = json.dumps([r[:col] + r[col + 1:] for r in rows]).encode()
            out[f.relative_to(d).as_posix()] = data
    return out


class Shards(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        root = Path(cls.tmp.name)
        cls.driver = root / "driver.py"
        cls.driver.write_text(DRIVER.format(tools=str(TOOLS), classroom=str(TOOLS / "classroom")), encoding="utf-8")
        cls.single, cls.sharded = root / "single", root / "sharded"
        synthetic_class(cls.single)
        synthetic_class(cls.sharded)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def grade(self, d: Path, *args, env=None, wait=True):
        cmd = [sys.executable, str(self.driver), str(d), "--unsandboxed", "--jobs", "2", *args]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=dict(os.environ, **(env or {})))
        return proc.communicate(timeout=300) + (proc.returncode,) if wait else proc

    def merge(self, d: Path):
        done = subprocess.run([sys.executable, str(TOOLS / "classroom" / "merge_gradebooks.py"), str(d)],
                              capture_output=True, text=True, timeout=300)
        return done.stdout, done.stderr, done.returncode

    def test_1_three_shards_merge_to_the_single_run(self):
        out, err, code = self.grade(self.single)
        self.assertEqual(code, 0, out + err)
        self.assertIn("s09: not in the roster", out)
        procs = [self.grade(self.sharded, "--shard", f"{k}/3", wait=False) for k in (1, 2, 3)]   # at the same time
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            self.assertEqual(proc.returncode, 0, out + err)
        self.assertFalse((self.sharded / "gradebook.csv").exists())
        shares = [json.loads((self.sharded / "shards" / f"{k}-of-3" / "done.json").read_text())["students"]
                  for k in (1, 2, 3)]
        self.assertEqual(sorted(s for share in shares for s in share), STUDENTS)       # a partition of the class
        self.assertEqual([len(share) for share in shares], [4, 3, 3])
        out, err, code = self.merge(self.sharded)
        self.assertEqual(code, 0, out + err)
        single, merged = files(self.single), files(self.sharded)
        self.assertEqual(sorted(merged), sorted(single))
        for name in single:
            self.assertEqual(merged[name], single[name], name)
        rows = list(csv.DictReader((self.single / "gradebook.csv").read_text(encoding="utf-8").splitlines()))
        self.assertEqual(sorted({r["student"] for r in rows}), STUDENTS)
        self.assertEqual({r["status"] for r in rows}, {"passed", "failed", "missing notebook", "corrupted notebook",
                                                       "ignored file", "unknown notebook"})

    def test_2_a_crashed_shard_is_named_and_nothing_is_written(self):
        d = Path(self.tmp.name) / "crash"
        synthetic_class(d)
        before = b"an older gradebook\n"
        (d / "gradebook.csv").write_bytes(before)
        for k in (1, 3):
            out, err, code = self.grade(d, "--shard", f"{k}/3")
            self.assertEqual(code, 0, out + err)
        out, err, code = self.grade(d, "--shard", "2/3", env={"FAKE_CRASH_ON": "s04"})   # s04 is in shard 2
        self.assertNotEqual(code, 0)
        out, err, code = self.merge(d)
        self.assertEqual(code, 1, out + err)
        self.assertIn("shard 2/3 did not finish", err)
        self.assertIn("3 students missing: s01, s04, s07", err)
        self.assertEqual((d / "gradebook.csv").read_bytes(), before)
        self.assertFalse((d / "lms").exists())
        shutil.rmtree(d / "shards" / "2-of-3")
        out, err, code = self.merge(d)
        self.assertEqual(code, 1, out + err)
        self.assertIn("shard 2/3 never ran", err)
        out, err, code = self.grade(d, "--shard", "2/3")            # run again: now it merges
        self.assertEqual(code, 0, out + err)
        out, err, code = self.merge(d)
        self.assertEqual(code, 0, out + err)
        self.assertNotEqual((d / "gradebook.csv").read_bytes(), before)

    def test_3_bad_shard_argument(self):
        out, err, code = self.grade(self.single, "--shard", "4/3")
        self.assertEqual(code, 2)
        self.assertIn("SHARD='4/3': k must be between 1 and N", err)
        out, err, code = self.grade(self.single, "--shard", "half")
        self.assertEqual(code, 2)
        self.assertIn("give it as k/N", err)


if __name__ == "__main__":
    unittest.main()
