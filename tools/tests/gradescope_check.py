"""`make gradescope`'s autograder.zip works as Gradescope runs it, within Gradescope's limits (make test-gradescope).

Builds the zip for every notebook, lays out a temporary root like /autograder (the zip unpacked into source/,
run_autograder copied to the root, the submission in submission/), runs source/setup.sh once (it installs with
apt-get only what is missing, so nothing here) and then run_autograder three times with AUTOGRADER_ROOT pointing at
the temporary root, and validates results/results.json against the format of Gradescope's autograder specification
(https://gradescope-autograders.readthedocs.io/en/latest/specs/).

The three submissions:
  - partial: notebook 02 with exercise 1 solved (the source's solution) and exercise 2 left as the stub, notebook 00
    corrupted (not JSON), the others missing;
  - full: every notebook with every exercise solved, the heaviest notebooks included: every test passes;
  - out of memory: notebook 02 whose exercise 1 allocates without end and exercise 2 is solved: exercise 1 fails
    with a message that names the Java heap, exercise 2 still passes, and the container is not killed.

Gradescope's limits (its troubleshooting page: 768 MB of memory, half a CPU, 10 minutes by default): every
run_autograder runs in a cgroup with a memory limit of 768 MiB (swap included) and a CPU quota of 50 ms per 100 ms.
cgroup v1 (root, /sys/fs/cgroup/memory and /sys/fs/cgroup/cpu writable) or v2 (root, memory and cpu enabled in
/sys/fs/cgroup/cgroup.subtree_control). On a machine with neither the limited runs are skipped, and say why:
prlimit/ulimit is no substitute (RLIMIT_AS bounds the address space, which a JVM reserves far beyond what it uses:
`prlimit --as=805306368 java -version` fails to start here), and without systemd as PID 1 `systemd-run` has no
manager to ask. The test prints the peak memory and the time of each run (setup.sh runs without limits, as
Gradescope builds its image).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import gradescope  # noqa: E402
import nbformat  # noqa: E402

NOTEBOOKS = [p.name for p in course.solution_notebooks()]
PARTIAL = "02-appropriate-scale.ipynb"
TOP_LEVEL = {"score", "execution_time", "output", "output_format", "test_output_format", "test_name_format",
             "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"}
TEST_KEYS = {"score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags",
             "visibility", "extra_data"}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
MEMORY = 768 * 1024 * 1024        # Gradescope's default memory limit
CPU_QUOTA, CPU_PERIOD = 50_000, 100_000     # half a CPU
TIME_LIMIT = 600                  # Gradescope's default timeout, seconds
ALLOCATE = ("java.util.List<long[]> hog = new java.util.ArrayList<>();\n"
            "while (true) hog.add(new long[1 << 20]);")


def submitted(name: str, replace: dict | None = None, stubs: tuple = ()):
    """The student copy of notebook `name` with every exercise solved as the source solves it, except those in
    `stubs` (left as the stub) and those in `replace` (exercise name -> code in place of the solution)."""
    source = course.SOLUTIONS / name
    nb = course.student_copy(source)
    original = nbformat.read(source, as_version=4)
    for e in course.exercises(original):
        if e.name in stubs:
            continue
        cell = original.cells[e.cell].source
        if replace and e.name in replace:
            cell = course.replace_region(cell, replace[e.name])
        nb.cells[e.cell].source = "\n".join(line for line in cell.split("\n")
                                            if not course.BEGIN.match(line) and not course.END.match(line))
    return nb


def exercise_names(name: str) -> list:
    return [e.name for e in course.exercises(nbformat.read(course.SOLUTIONS / name, as_version=4))]


class Limit:
    """A cgroup with Gradescope's memory limit and CPU quota; `run` starts a command in it. `why_not()` says why
    none can be made here (None when one can)."""

    V1 = Path("/sys/fs/cgroup")

    def __init__(self, name: str):
        self.name, self.folders = name, []
        self.version = 1 if self._v1_usable() else 2

    @classmethod
    def _v1_usable(cls) -> bool:
        return (os.geteuid() == 0 and (cls.V1 / "memory" / "memory.limit_in_bytes").is_file()
                and (cls.V1 / "cpu" / "cpu.cfs_quota_us").is_file()
                and os.access(cls.V1 / "memory", os.W_OK) and os.access(cls.V1 / "cpu", os.W_OK))

    @classmethod
    def _v2_usable(cls) -> bool:
        control = cls.V1 / "cgroup.subtree_control"
        return (os.geteuid() == 0 and control.is_file() and os.access(cls.V1, os.W_OK)
                and {"memory", "cpu"} <= set(control.read_text().split()))

    @classmethod
    def why_not(cls) -> str | None:
        if cls._v1_usable() or cls._v2_usable():
            return None
        return ("no writable cgroup here to limit memory and CPU as Gradescope does (needs root and cgroup v1 "
                "memory and cpu controllers, or v2 with memory and cpu in /sys/fs/cgroup/cgroup.subtree_control); "
                "prlimit cannot stand in: a JVM does not start under RLIMIT_AS=768M")

    def __enter__(self):
        if self.version == 1:
            memory, cpu = self.V1 / "memory" / self.name, self.V1 / "cpu" / self.name
            memory.mkdir()
            self.folders.append(memory)
            (memory / "memory.limit_in_bytes").write_text(str(MEMORY))
            if (memory / "memory.memsw.limit_in_bytes").is_file():
                (memory / "memory.memsw.limit_in_bytes").write_text(str(MEMORY))   # no swapping past it
            cpu.mkdir()
            self.folders.append(cpu)
            (cpu / "cpu.cfs_period_us").write_text(str(CPU_PERIOD))
            (cpu / "cpu.cfs_quota_us").write_text(str(CPU_QUOTA))
        else:
            group = self.V1 / self.name
            group.mkdir()
            self.folders.append(group)
            (group / "memory.max").write_text(str(MEMORY))
            if (group / "memory.swap.max").is_file():
                (group / "memory.swap.max").write_text("0")
            (group / "cpu.max").write_text(f"{CPU_QUOTA} {CPU_PERIOD}")
        return self

    def __exit__(self, *exc):
        for folder in reversed(self.folders):
            for _ in range(50):            # the last processes of a run may take a moment to leave
                try:
                    folder.rmdir()
                    break
                except OSError:
                    time.sleep(0.2)

    def run(self, cmd: list, **kwargs):
        procs = " ".join(str(folder / "cgroup.procs") for folder in self.folders)
        join = f'for f in {procs}; do echo $$ > "$f"; done && exec "$@"'
        return subprocess.run(["sh", "-c", join, "sh", *cmd], **kwargs)

    def peak(self) -> int | None:
        """The most memory the cgroup's processes used at once, in bytes (page cache included, as the limit
        counts it)."""
        peak = self.folders[0] / ("memory.max_usage_in_bytes" if self.version == 1 else "memory.peak")
        return int(peak.read_text()) if peak.is_file() else None    # memory.peak: Linux 5.19 and later

    def oom_kills(self) -> int:
        """How many processes the kernel's OOM killer ended in the cgroup."""
        name = "memory.oom_control" if self.version == 1 else "memory.events"
        for line in (self.folders[0] / name).read_text().splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0


class Gradescope(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="gradescope-")
        tmp = Path(cls.tmp.name)
        tmp.chmod(0o755)   # like /autograder; the sandbox's unprivileged user must reach the course's folders
        archive = gradescope.build(tmp / "build", [])
        cls.root = tmp / "autograder"
        with zipfile.ZipFile(archive) as z:
            cls.names = z.namelist()
            z.extractall(cls.root / "source")
            for info in z.infolist():
                if info.external_attr >> 16:
                    os.chmod(cls.root / "source" / info.filename, (info.external_attr >> 16) & 0o7777)
        shutil.copy2(cls.root / "source" / "run_autograder", cls.root / "run_autograder")
        cls.env = {k: v for k, v in os.environ.items() if k not in ("JUPYTER_PATH", "MAKEFLAGS", "MAKELEVEL")}
        cls.setup = subprocess.run(["bash", str(cls.root / "source" / "setup.sh")], env=cls.env, capture_output=True,
                                   text=True, timeout=1200)
        cls.no_limit = Limit.why_not()
        if cls.no_limit:
            print(f"\ngradescope: {cls.no_limit}; only the partial submission runs, without limits", file=sys.stderr)
        cls.solved, cls.stub = exercise_names(PARTIAL)[:2]
        partial = {PARTIAL: submitted(PARTIAL, stubs=(cls.stub,)), "00-start-here.ipynb": "this is not a notebook"}
        cls.partial = cls.autograde("partial submission", partial)
        if not cls.no_limit:
            cls.full = cls.autograde("full submission", {name: submitted(name) for name in NOTEBOOKS})
            bomb = {PARTIAL: submitted(PARTIAL, replace={cls.solved: ALLOCATE})}
            cls.oom = cls.autograde("out-of-memory submission", bomb)
            # Gradescope's container may not allow the sandbox: there the kernel's JVM reads the limit itself
            cls.oom_unsandboxed = cls.autograde("out-of-memory submission, no sandbox", bomb, UNSANDBOXED="1")

    @classmethod
    def autograde(cls, label: str, files: dict, **env) -> dict:
        """Runs run_autograder on `files` (notebook name -> notebook, or text), in Gradescope's limits where the
        machine allows; returns what it did and results.json."""
        for folder in ("submission", "results"):
            shutil.rmtree(cls.root / folder, ignore_errors=True)
        (cls.root / "submission").mkdir()
        for name, content in files.items():
            if isinstance(content, str):
                (cls.root / "submission" / name).write_text(content, encoding="utf-8")
            else:
                nbformat.write(content, cls.root / "submission" / name)
        cmd = [str(cls.root / "run_autograder")]
        kwargs = dict(cwd=cls.root, env=dict(cls.env, AUTOGRADER_ROOT=str(cls.root), **env), capture_output=True,
                      text=True, timeout=2 * TIME_LIMIT)
        started = time.monotonic()
        run = {"peak": None, "oom_kills": None}
        if cls.no_limit:
            run["proc"] = subprocess.run(cmd, **kwargs)
        else:
            with Limit(f"deepnets-gradescope-{os.getpid()}") as limit:
                run["proc"] = limit.run(cmd, **kwargs)
                run["peak"], run["oom_kills"] = limit.peak(), limit.oom_kills()
        run["seconds"] = time.monotonic() - started
        path = cls.root / "results" / "results.json"
        run["results"] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
        peak = f"peak memory {run['peak'] / 2**20:.0f} MiB of 768 MiB, " if run["peak"] is not None else ""
        tests = (run["results"] or {}).get("tests", [])
        failed = [f"{t['name']}: {t['output'].splitlines()[0][:240]}" for t in tests
                  if t["status"] != "passed" and t["output"] and "was not in your submission" not in t["output"]]
        print(f"\ngradescope: {label}: {peak}{run['seconds']:.0f} s (returned {run['proc'].returncode}); "
              f"its stdout:\n  "
              + "\n  ".join(run["proc"].stdout.strip().splitlines())
              + "".join(f"\n  failed: {line}" for line in failed[:4]), file=sys.stderr)
        return run

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def _tests(self, run) -> dict:
        """The run's tests by name, one per exercise; a held-out check's own test (issue 24) is checked here and left
        out: it carries no points and is shown after the due date, its exercise earning its points only if the
        held-out check passes too."""
        self.assertIsNotNone(run["results"], run["proc"].stdout[-2000:] + run["proc"].stderr[-2000:])
        tests = {t["name"]: t for t in run["results"]["tests"]}
        for name in [n for n in tests if n.endswith(" (held-out check)")]:
            t = tests.pop(name)
            self.assertEqual((t["max_score"], t["visibility"]), (0, "after_due_date"), t)
            self.assertIn(name[:-len(" (held-out check)")], tests)
        return tests

    def test_zip_layout(self):
        self.assertIn("setup.sh", self.names)
        self.assertIn("run_autograder", self.names)
        self.assertTrue(any(n.startswith("course/notebooks/solutions/") for n in self.names))

    def test_setup_and_run_succeed(self):
        self.assertEqual(self.setup.returncode, 0, self.setup.stdout[-2000:] + self.setup.stderr[-2000:])
        self.assertIn("--heap-from-container", (self.root / "source" / "setup.sh").read_text(encoding="utf-8"))
        proc = self.partial["proc"]
        self.assertEqual(proc.returncode, 0, proc.stdout[-2000:] + proc.stderr[-2000:])

    def test_sandbox_used_where_available(self):
        import sandbox
        if sandbox.probe() is None:
            self.assertIn("runs in a bubblewrap sandbox", self.partial["proc"].stdout)

    def test_results_follow_the_documented_format(self):
        r = self.partial["results"]
        self.assertIsNotNone(r, self.partial["proc"].stdout + self.partial["proc"].stderr)
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
        tests = self._tests(self.partial)
        expected = []
        for name in NOTEBOOKS:
            nb = nbformat.read(course.SOLUTIONS / name, as_version=4)
            expected += [(f"{name}: {e.name}", e.points) for e in course.exercises(nb)]
        self.assertEqual(sorted(tests), sorted(n for n, _ in expected))
        for name, points in expected:
            t = tests[name]
            self.assertEqual(t["max_score"], points)
            if name == f"{PARTIAL}: {self.solved}":
                self.assertEqual((t["score"], t["status"]), (points, "passed"), t)
            else:
                self.assertEqual(t["score"], 0, t)
            if name.startswith("00-"):
                self.assertIn("not valid JSON", t["output"])
            elif not name.startswith(PARTIAL):
                self.assertIn("was not in your submission", t["output"])
        self.assertIn("not implemented yet", tests[f"{PARTIAL}: {self.stub}"]["output"])

    def test_the_kernel_is_told_the_limits(self):
        if self.no_limit:
            self.skipTest(self.no_limit)
        self.assertIn("container limits: memory 768 MiB, CPU 0.5; the kernel's heap at most 384 MiB",
                      self.full["proc"].stdout)

    def test_a_full_submission_passes_within_gradescopes_limits(self):
        if self.no_limit:
            self.skipTest(self.no_limit)
        run = self.full
        self.assertEqual(run["proc"].returncode, 0, run["proc"].stdout[-2000:] + run["proc"].stderr[-2000:])
        self.assertEqual(run["oom_kills"], 0, "a process was killed for want of memory")
        tests = self._tests(run)
        failed = {n: t["output"][:300] for n, t in tests.items() if t["status"] != "passed"}
        self.assertEqual(failed, {})
        self.assertEqual(run["results"]["score"], sum(t["max_score"] for t in tests.values()))
        self.assertLess(run["seconds"], TIME_LIMIT, "slower than Gradescope's default timeout")

    def test_running_out_of_memory_is_a_message_not_a_killed_container(self):
        if self.no_limit:
            self.skipTest(self.no_limit)
        for label, run in (("sandboxed", self.oom), ("without the sandbox", self.oom_unsandboxed)):
            with self.subTest(label):
                out = run["proc"].stdout
                self.assertEqual(run["proc"].returncode, 0, out[-2000:] + run["proc"].stderr[-2000:])
                self.assertEqual(run["oom_kills"], 0, "a process was killed for want of memory")
                self.assertIn("no sandbox in this container (UNSANDBOXED is set)" if run is self.oom_unsandboxed
                              else "runs in a bubblewrap sandbox", out)
                tests = self._tests(run)
                bomb, other = tests[f"{PARTIAL}: {self.solved}"], tests[f"{PARTIAL}: {self.stub}"]
                self.assertEqual((bomb["score"], bomb["status"]), (0, "failed"), bomb)
                self.assertIn("your code ran out of memory (Java heap, 384 MiB): "
                              "java.lang.OutOfMemoryError: Java heap space", bomb["output"])
                self.assertEqual(other["status"], "passed", other)

if __name__ == "__main__":
    unittest.main()
