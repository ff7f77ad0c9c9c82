"""The student distribution (`make release`) works on its own, as a student uses it.

  python -m unittest tools/tests/release_check.py      (make test-release; about ten minutes on 2 cores)

Builds the release into a temporary folder and unpacks the zip into a fresh folder (it must hold one folder,
named after the course). There, as a student would: `make setup`, `make check` (the quick set-up check),
`make test` on the pristine notebooks (only the stubs' checks may fail). Then a student's copy with one
solved exercise (00, Exercise 1) and one broken one (02, Exercise 1: a compile error): `make grade` for
those two notebooks (the per-exercise lines, the whole message with the compiler's line and column, once;
the feedback file; the note on held-out checks), `make submit` with a corrupt notebook (refused, named, the
file untouched, no zip), `make fresh` (without NB: the list; with NB: a backup, then the pristine copy),
`make submit` again (the hand-in zip: the notebooks flat under their names, as saved; the visible score).
It also runs `make lab` (JupyterLab must answer HTTP on its port), checks what the release must not hold,
and scans the README, the notebooks and the feedback text for `make` commands and README sections: every
command must be a target of the release's Makefile (`make -n` succeeds) and every section must exist.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import nbformat  # noqa: E402
import release  # noqa: E402

SOLVED = "00-start-here.ipynb"
BROKEN = "02-appropriate-scale.ipynb"
CORRUPT = "05-batch-norm-backward.ipynb"
SOLUTION_00 = ("double averagingWindow(double beta) {\n"
               "    if (!(beta >= 0 && beta < 1)) {\n"
               "        throw new IllegalArgumentException(\"beta must be in [0, 1), got \" + beta);\n"
               "    }\n"
               "    return 1 / (1 - beta);\n"
               "}\n")
COMMAND = re.compile(r"`(?:[A-Z_]+=\S+ )*make ([a-z][a-z-]*)[^`]*`")      # `make grade NB=...` in any text
COMMAND_LINE = re.compile(r"^\s*make ([a-z][a-z-]*)", re.M)               # make lab  # ... in the README, make help
SECTION = re.compile(r"\"([^\"\n]{3,80})\" in the README")


def set_exercise(path: Path, exercise: str, source: str):
    nb = json.loads(path.read_text(encoding="utf-8"))
    cells = [c for c in nb["cells"] if c.get("metadata", {}).get("deepnets", {}).get("exercise", "")
             .startswith(exercise)]
    assert len(cells) == 1, f"{path.name}: {exercise} not found"
    cells[0]["source"] = source
    path.write_text(json.dumps(nb, indent=1) + "\n", encoding="utf-8")


class Release(unittest.TestCase):
    @classmethod
    def make(cls, *args, cwd=None, timeout=1800):
        started = time.monotonic()
        run = subprocess.run(["make", *args], cwd=cwd or cls.root, env=cls.env, capture_output=True, text=True,
                             timeout=timeout)
        cls.seconds[" ".join(args)] = time.monotonic() - started
        return run

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="release-")
        out = Path(cls.tmp.name) / "out"
        cls.archive = release.release(out)
        cls.built = out / release.NAME
        cls.copy = Path(cls.tmp.name) / "fresh"
        with zipfile.ZipFile(cls.archive) as z:
            cls.tops = {name.split("/")[0] for name in z.namelist()}
            z.extractall(cls.copy)
            for info in z.infolist():   # zipfile drops the mode bits; restore them (mvnw is executable)
                mode = info.external_attr >> 16
                if mode:
                    os.chmod(cls.copy / info.filename, mode & 0o7777)
        cls.root = cls.copy / release.NAME
        cls.env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "MAKEFLAGS", "MAKELEVEL")}
        cls.seconds = {}
        cls.setup = cls.make("setup")
        cls.check = cls.make("check")
        cls.test = cls.make("test")
        notebooks = cls.root / "notebooks"
        set_exercise(notebooks / SOLVED, "Exercise 1", SOLUTION_00)
        cls.broken_source = (notebooks / BROKEN)
        set_exercise(notebooks / BROKEN, "Exercise 1",
                     "double[] logUniform(double lo, double hi, int n, long seed) {\n"
                     "    double[] out = new double[n];\n"
                     "    int count = \"n\";\n"
                     "    return out;\n"
                     "}\n")
        cls.grade = cls.make("grade", f"NB=notebooks/{SOLVED} notebooks/{BROKEN}")
        corrupt = notebooks / CORRUPT
        corrupt.write_text('{"cells": [', encoding="utf-8")
        cls.corrupt_bytes = corrupt.read_bytes()
        cls.refused = cls.make("submit")
        cls.corrupt_after = corrupt.read_bytes()
        cls.zip_after_refusal = (cls.root / "hand-in.zip").exists()
        cls.fresh_list = cls.make("fresh")
        cls.fresh = cls.make("fresh", f"NB=notebooks/{CORRUPT}")
        cls.submit = cls.make("submit")
        cls.in_notebooks = cls.make("grade", cwd=notebooks)
        print("\nrelease_check: seconds per command: " + ", ".join(f"make {k}: {v:.0f}" for k, v in cls.seconds.items()),
              file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def assertRan(self, run, status=0):
        self.assertEqual(run.returncode, status, run.stdout[-4000:] + run.stderr[-4000:])

    def test_unpacks_into_one_folder_named_after_the_course(self):
        self.assertEqual(self.tops, {release.NAME})
        self.assertEqual(self.archive.name, release.NAME + ".zip")
        readme = (self.root / "README.md").read_text(encoding="utf-8")
        first = [line for line in readme.split("\n")[1:] if line.strip()][:3]
        self.assertEqual(first[0], "```bash")
        self.assertTrue(first[1].startswith("make lab ") and first[2].startswith("make check "), first)

    def test_holds_no_solutions_mistakes_or_instructor_docs(self):
        self.assertEqual(release.problems(self.built), [])   # as built (the student's copy is changed below)
        names = {p.relative_to(self.built).as_posix() for p in self.built.rglob("*")}
        self.assertFalse([n for n in names if "solutions" in n or n.startswith("docs")])
        self.assertEqual(sorted(p.name for p in (self.built / "tools" / "originals").glob("*.ipynb")),
                         sorted(p.name for p in course.solution_notebooks()))
        for must in ("README.md", "Makefile", "lib/pom.xml", "lib/mvnw", "lib/src/main", "lib/deepnets.jar",
                     "data/digits.csv.gz", "environment/requirements.txt", "tools/grade.py", "tools/submit.py"):
            self.assertIn(must, names)
        # issue 24: no answer in plain text: the solving methods ship compiled only, the checks and tests not at all
        self.assertFalse([n for n in names if n.startswith(("lib/src/test", "lib/src/heldout"))
                          or n.endswith("exercises/TestTimeNormalization.java")])
        self.assertIn("lib/src/main/java/deepnets/exercises/Value.java", names)   # given to the student: readable
        batch_norm = (self.built / "lib/src/main/java/deepnets/layers/BatchNormKernel.java").read_text(encoding="utf-8")
        self.assertIn("Compiled only in the student release: you write this computation yourself in", batch_norm)
        self.assertIn("//   notebook 06-batch-norm-test-time, Exercise 2 (test-time normalization)", batch_norm)
        self.assertNotIn("Math.sqrt(runningVar", batch_norm)
        means = (self.built / "lib/src/main/java/deepnets/core/Matrices.java").read_text(encoding="utf-8")
        self.assertNotIn("Compiled only", means.split("columnMeans(")[1].split("columnVariances(")[0])  # a helper

    def test_make_check_is_the_quick_set_up_check(self):
        self.assertRan(self.setup)
        self.assertRan(self.check)
        self.assertIn(f"{SOLVED}: passed", self.check.stdout)
        self.assertIn("1 notebook(s) passed, 0 failed", self.check.stdout)
        self.assertNotIn("Tests run:", self.check.stdout)    # the library's unit tests stay in the course's make test

    def test_make_test_passes_on_the_pristine_notebooks(self):
        self.assertRan(self.test)
        count = len(course.solution_notebooks())
        self.assertIn(f"{count} notebook(s) passed, 0 failed", self.test.stdout)
        self.assertIn("wait for your exercise", self.test.stdout)   # the stubs' checks did fail, as they must

    def test_make_grade_prints_each_exercise_and_the_whole_message_once(self):
        self.assertRan(self.grade)
        out = self.grade.stdout
        self.assertRegex(out, r"Exercise 1 \(averaging window\)\s+1/1\s+passed")
        self.assertRegex(out, r"Exercise 1 \(log-scale sampling\)\s+0/2\s+FAILED\n"
                              r"\s+Your exercise cell does not compile: line 3, column 17: incompatible types: "
                              r"java.lang.String cannot be converted to int\n"
                              r"\s+int count = \"n\";\n\s+\^\^\^\n")
        self.assertEqual(out.count("cannot be converted to int"), 1, out)
        self.assertRegex(out, r"Exercise 2 \(sampling beta\)\s+0/\d\s+not implemented yet")
        # 00's one point plus all of 02's, as the notebooks' metadata gives them
        possible = sum(e.points for name in ("00-start-here.ipynb", "02-appropriate-scale.ipynb")
                       for e in course.exercises(nbformat.read(course.SOLUTIONS / name, as_version=4)))
        self.assertIn(f"total: 1/{possible} points in 2 notebook(s)", out)
        self.assertIn("held-out checks", out)
        feedback = (self.root / "notebooks" / "feedback" / "02-appropriate-scale.md").read_text(encoding="utf-8")
        self.assertIn("line 3, column 17: incompatible types", feedback)

    def test_make_submit_refuses_a_corrupt_notebook_and_leaves_it_untouched(self):
        self.assertRan(self.refused, 2)   # submit.py exits 1; make then exits 2
        self.assertIn(f"notebooks/{CORRUPT} is not a readable notebook", self.refused.stdout)
        self.assertIn("nothing was handed in", self.refused.stdout)
        self.assertEqual(self.corrupt_bytes, self.corrupt_after)
        self.assertFalse(self.zip_after_refusal)

    def test_make_fresh_lists_then_restores_with_a_backup(self):
        self.assertRan(self.fresh_list)
        for path in course.solution_notebooks():
            self.assertIn(f"notebooks/{path.name}", self.fresh_list.stdout)
        self.assertRegex(self.fresh_list.stdout, rf"notebooks/{SOLVED}\s+changed by you")
        self.assertRan(self.fresh)
        backups = list((self.root / "notebooks" / "backups").glob(CORRUPT.replace(".ipynb", ".*.ipynb")))
        self.assertEqual([b.read_bytes() for b in backups], [self.corrupt_bytes])
        self.assertEqual((self.root / "notebooks" / CORRUPT).read_bytes(),
                         (self.root / "tools" / "originals" / CORRUPT).read_bytes())

    def test_make_submit_writes_the_hand_in_zip(self):
        self.assertRan(self.submit)
        possible = sum(e.points for path in course.solution_notebooks()
                       for e in course.exercises(nbformat.read(path, as_version=4)))
        self.assertIn(f"visible score: 1/{possible} points", self.submit.stdout)
        self.assertIn("held-out checks", self.submit.stdout)
        with zipfile.ZipFile(self.root / "hand-in.zip") as z:
            self.assertEqual(sorted(z.namelist()), sorted(p.name for p in course.solution_notebooks()))
            for name in z.namelist():
                self.assertEqual(z.read(name), (self.root / "notebooks" / name).read_bytes(), name)

    def test_make_outside_the_course_folder_says_where(self):
        self.assertRan(self.in_notebooks, 2)
        self.assertIn("run make in the course folder", self.in_notebooks.stderr)
        self.assertIn("cd .. && make grade", self.in_notebooks.stderr)
        elsewhere = subprocess.run(["make", "-f", str(self.root / "Makefile"), "grade"], cwd=self.tmp.name,
                                   env=self.env, capture_output=True, text=True, timeout=60)
        self.assertNotEqual(elsewhere.returncode, 0)
        self.assertIn(f"run make in the course folder: cd {self.root}", elsewhere.stderr)

    def test_every_command_and_section_named_to_the_student_exists(self):
        texts = {"README.md": (self.root / "README.md").read_text(encoding="utf-8")}
        for path in sorted((self.root / "notebooks").glob("*.ipynb")):
            nb = json.loads(path.read_text(encoding="utf-8"))
            texts[path.name] = "\n".join("".join(cell["source"]) for cell in nb["cells"])
        for path in (self.root / "notebooks" / "feedback").glob("*.md"):
            texts[f"feedback/{path.name}"] = path.read_text(encoding="utf-8")
        texts["make help"] = self.make("help").stdout
        commands, sections = {}, {}
        for where, text in texts.items():
            for match in COMMAND.finditer(text):
                commands.setdefault(match.group(1), where)
            if where in ("README.md", "make help"):
                for match in COMMAND_LINE.finditer(text):
                    commands.setdefault(match.group(1), where)
            for match in SECTION.finditer(text):
                sections.setdefault(match.group(1), where)
        self.assertTrue({"lab", "check", "test", "grade", "submit", "fresh"} <= set(commands), commands)
        for target, where in sorted(commands.items()):
            dry = self.make("-n", target, "NB=notebooks/00-start-here.ipynb", timeout=120)
            self.assertEqual(dry.returncode, 0, f"{where} names make {target}, which the release does not have: "
                                                f"{dry.stderr[-500:]}")
        headings = {line.lstrip("#").strip() for line in texts["README.md"].split("\n") if line.startswith("#")}
        self.assertIn("Getting a fresh copy of a notebook", sections)
        for section, where in sections.items():
            self.assertIn(section, headings, f"{where} points to the README's \"{section}\", which it lacks")
        if "full index" in texts[SOLVED]:
            self.assertIn("full index", texts["README.md"])
            for path in course.solution_notebooks():
                self.assertIn(f"(notebooks/{path.name})", texts["README.md"])

    def check_submit_refuses_a_notebook_run_after_its_last_save(self, port):
        """A kernel of JupyterLab's that ran after the notebook's file was saved: make submit refuses."""
        listed = subprocess.run([str(self.root / ".venv" / "bin" / "jupyter"), "server", "list", "--json"],
                                env=self.env, capture_output=True, text=True, timeout=60).stdout
        server = next(json.loads(line) for line in listed.splitlines() if json.loads(line).get("port") == port)
        body = json.dumps({"path": SOLVED, "type": "notebook", "name": SOLVED, "kernel": {"name": "java"}}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions?token={server['token']}", data=body,
                                         headers={"Content-Type": "application/json"}, method="POST")
        self.assertEqual(urllib.request.urlopen(request, timeout=60).status, 201)
        notebook = self.root / "notebooks" / SOLVED
        saved = time.time() - 3600
        os.utime(notebook, (saved, saved))
        before = notebook.read_bytes()
        refused = self.make("submit", timeout=300)
        self.assertRan(refused, 2)   # make exits 2 when a recipe fails
        self.assertIn(f"notebooks/{SOLVED} may have unsaved changes", refused.stdout)
        self.assertEqual(before, notebook.read_bytes())

    def test_make_lab_serves(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(self.env, BROWSER="true")
        lab = subprocess.Popen(["make", "lab", f"PORT={port}"], cwd=self.root, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            answer = None
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and answer is None and lab.poll() is None:
                try:
                    answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/api", timeout=5).status
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(1)
            self.assertEqual(answer, 200, "make lab did not serve JupyterLab")
            self.check_submit_refuses_a_notebook_run_after_its_last_save(port)
        finally:
            os.killpg(lab.pid, signal.SIGTERM)
            try:
                lab.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(lab.pid, signal.SIGKILL)
                lab.wait()


if __name__ == "__main__":
    unittest.main()
