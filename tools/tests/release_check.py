"""The student distribution (`make release`) works on its own.

  python -m unittest tools/tests/release_check.py      (make test-release; a few minutes)

Builds the release into a temporary folder, unpacks the zip into a fresh folder, and there runs `make test`
(the library's tests and every student notebook: only the stubs' checks may fail) and `make lab` (JupyterLab
must answer HTTP on its port). It also checks what the release must not hold.
"""
import os
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
import release  # noqa: E402


class Release(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="release-")
        out = Path(cls.tmp.name) / "out"
        cls.archive = release.release(out)
        cls.copy = Path(cls.tmp.name) / "fresh"
        with zipfile.ZipFile(cls.archive) as z:
            z.extractall(cls.copy)
            for info in z.infolist():   # zipfile drops the mode bits; restore them (mvnw is executable)
                mode = info.external_attr >> 16
                if mode:
                    os.chmod(cls.copy / info.filename, mode & 0o7777)
        cls.root = cls.copy / release.NAME
        env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "MAKEFLAGS", "MAKELEVEL")}
        cls.env = env
        cls.test = subprocess.run(["make", "test"], cwd=cls.root, env=env, capture_output=True, text=True,
                                  timeout=1800)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_holds_no_solutions_mistakes_or_instructor_docs(self):
        self.assertEqual(release.problems(self.root), [])
        names = {p.relative_to(self.root).as_posix() for p in self.root.rglob("*")}
        self.assertFalse([n for n in names if "solutions" in n or n.startswith("docs")])
        self.assertEqual(sorted(p.name for p in (self.root / "notebooks").glob("*.ipynb")),
                         sorted(p.name for p in course.solution_notebooks()))
        for must in ("README.md", "Makefile", "lib/pom.xml", "lib/mvnw", "lib/src/main", "lib/src/test",
                     "data/digits.csv.gz", "environment/requirements.txt"):
            self.assertIn(must, names)

    def test_make_test_passes_in_a_fresh_copy(self):
        self.assertEqual(self.test.returncode, 0, self.test.stdout[-3000:] + self.test.stderr[-3000:])
        count = len(course.solution_notebooks())
        self.assertIn(f"{count} notebook(s) passed, 0 failed", self.test.stdout)
        self.assertIn("Tests run:", self.test.stdout)
        self.assertIn("wait for your exercise", self.test.stdout)   # the stubs' checks did fail, as they must

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
        finally:
            os.killpg(lab.pid, signal.SIGTERM)
            try:
                lab.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(lab.pid, signal.SIGKILL)
                lab.wait()


if __name__ == "__main__":
    unittest.main()
