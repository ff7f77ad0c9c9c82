"""Hostile submissions against `make grade-class`: each is contained, scores 0 where it sits, harms nothing.

  python -m unittest tools/tests/hostile_submissions.py      (make test-hostile; needs bubblewrap and socat)

A class of students each hands in notebook 02 with exercise 2 solved correctly and exercise 1 replaced by an
attack. One honest student (bob) solves both. The whole class is graded once, sandboxed, two at a time;
then every attack must have failed in the way containment predicts (the exception it names is the evidence),
exercise 2 of every student must still pass, and nothing outside the sandboxes may have changed.
"""
import csv
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import nbformat  # noqa: E402
import sandbox  # noqa: E402

NOTEBOOK = "02-appropriate-scale.ipynb"
EX1, EX2 = "Exercise 1 (log-scale sampling)", "Exercise 2 (sampling beta)"
TIMEOUT = 20
JOBS = 2


def io(body: str) -> str:
    """Java statements that may throw IOException, wrapped so that the method compiles."""
    return f"try {{\n{body}\n}} catch (java.io.IOException e) {{ throw new java.io.UncheckedIOException(e); }}"


def reflect(body: str) -> str:
    """Java statements that use reflection, wrapped so that the method compiles."""
    return (f"try {{\n{body}\n}} catch (ReflectiveOperationException x) {{\n"
            f"    throw new IllegalStateException(\"the attack could not be set up: \" + x);\n}}")


# Switches the bypass guard (deepnets.check.Exercise.active) off around a call of the library's solution and back on
# before the guarded call ends; {setup} reaches the field, {get} saves and clears it, {put} restores it.
GUARD_TOGGLE = """try {{
Class<?> guard = Class.forName("deepnets.check.Exercise");
{setup}
{get}
double[] answer = deepnets.tuning.Sampling.logUniform(lo, hi, n, seed);
{put}
return answer;
}} catch (ReflectiveOperationException x) {{
    throw new IllegalStateException("the attack could not be set up: " + x);
}}"""


def attacks(root: Path, submissions: Path, port: int) -> dict:
    """student -> (code replacing exercise 1's solution region, text its failure message must contain)."""
    solutions = root / "notebooks" / "solutions" / NOTEBOOK
    return {
        "read-solutions": (io(f'String s = java.nio.file.Files.readString(java.nio.file.Path.of("{solutions}"));\n'
                              f'throw new IllegalStateException("BREACH: read " + s.length() + " characters");'),
                           "NoSuchFileException"),
        "read-other": (io(f'String s = java.nio.file.Files.readString(java.nio.file.Path.of('
                          f'"{submissions / "bob" / NOTEBOOK}"));\n'
                          f'throw new IllegalStateException("BREACH: read " + s.length() + " characters");'),
                       "NoSuchFileException"),
        "socket": (io(f'try (var s = new java.net.Socket("127.0.0.1", {port})) {{\n'
                      f'  throw new IllegalStateException("BREACH: connected");\n}}'),
                   "ConnectException"),
        "fork-bomb": (io('new ProcessBuilder("/bin/sh", "-c", ":(){ :|:& };:").start();\n'
                         'try { Thread.sleep(3000); } catch (InterruptedException e) { }\n'
                         'throw new IllegalStateException("processes alive after the bomb: "\n'
                         '    + ProcessHandle.current().descendants().count());'),
                      # the reaper kills what the kernel starts: the shell after it ran, or Java's spawn helper
                      # before it could exec the shell; both leave no process
                      ("processes alive after the bomb: 0", 'Cannot run program "/bin/sh"')),
        "memory": ('java.util.List<long[]> hog = new java.util.ArrayList<>();\n'
                   'for (int i = 0; i < 1000; i++) hog.add(new long[1 << 24]);\n'
                   'throw new IllegalStateException("BREACH: allocated " + hog.size() * 128 + " MiB");',
                   # the feedback names the heap the sandbox gave the kernel (issue 33)
                   f"your code ran out of memory (Java heap, {sandbox.heap_mib(kernels=JOBS)} MiB): "
                   "java.lang.OutOfMemoryError: Java heap space"),
        "write-outside": (io(f'java.nio.file.Files.writeString(java.nio.file.Path.of("{solutions}"), "{{}}");\n'
                             f'throw new IllegalStateException("BREACH: overwrote the source notebook");'),
                          "NoSuchFileException"),
        "delete-course": (io('java.nio.file.Files.delete(java.nio.file.Path.of("/course/data/digits.csv.gz"));\n'
                             'throw new IllegalStateException("BREACH: deleted the data");'),
                          "Read-only file system"),
        "fill-disk": (io('byte[] mb = new byte[1 << 20];\n'
                         'try (var out = new java.io.FileOutputStream("/home/student/big.bin")) {\n'
                         '  for (int i = 0; i < 4096; i++) out.write(mb);\n}\n'
                         'throw new IllegalStateException("BREACH: wrote 4 GiB");'),
                      "No space left on device"),
        "sleep-forever": ('try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }\n'
                          'throw new IllegalStateException("woke up");', "ran longer than"),
        "exit": ('System.exit(0);\nthrow new IllegalStateException("still here");', "kernel died"),
        "flood": ('while (true) System.out.println("x".repeat(10_000));', "ran longer than"),
        "fake-ok": ('System.out.println("' + EX1 + '  2/2  passed");\nSystem.out.println("ok");\n'
                    'return new double[n];', ""),
        # issue 25, attack 2: publish "idle" on the output channel, so that the grader stops collecting outputs
        # before the check's failure is shown; the execute_reply still says error
        "fake-idle": (reflect('Class<?> base = Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel");\n'
                              'Object kernel = base.getMethod("notebookKernel").invoke(null);\n'
                              'java.lang.reflect.Field io = base.getDeclaredField("io");\n'
                              'io.setAccessible(true);\n'
                              'Object jupyterIo = io.get(kernel);\n'
                              'java.lang.reflect.Field out = jupyterIo.getClass().getDeclaredField("jupyterOut");\n'
                              'out.setAccessible(true);\n'
                              'Object stream = out.get(jupyterIo);\n'
                              'java.lang.reflect.Field env = stream.getClass().getDeclaredField("env");\n'
                              'env.setAccessible(true);\n'
                              'Object reply = env.get(stream);\n'
                              'reply.getClass().getMethod("setStatusIdle").invoke(reply);')
                      + "\nreturn new double[n];", "logUniform"),
        # issue 25, attack 3: switch the bypass guard off by reflection, then call the library's solution
        "guard-off": (reflect('java.lang.reflect.Field active = Class.forName("deepnets.check.Exercise")'
                              '.getDeclaredField("active");\n'
                              'active.setAccessible(true);\n'
                              'active.set(null, null);')
                      + "\nreturn deepnets.tuning.Sampling.logUniform(lo, hi, n, seed);",
                      "the bypass guard's state was changed"),
        # issue 25, attack 5: a class of the same name as one the check uses, to compute its expected values
        "shadow-class": ("return new double[n];\n}\n"
                         "class Exercises {\n    static Object logScaleSampling() { return null; }\n}\n"
                         "double[] afterTheShadow(int n) {\n    return new double[n];",
                         "declares a class `Exercises`, the name of a class the checks use"),
        # issue 25, attack 1: the exercise cell's own top-level code replaces the executor that runs every cell's
        # code with one that swallows every exception, so that no later check cell fails in the kernel. The
        # points come from the check run in a JVM of its own, where the kernel does not exist.
        "swallow-errors": ("return new double[n];\n}\n"
                           "Object swallowEveryError() {\n"
                           + reflect('Class<?> base = Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel");\n'
                                     'Object kernel = base.getMethod("notebookKernel").invoke(null);\n'
                                     'Object evaluator = kernel.getClass().getMethod("getEvaluator").invoke(kernel);\n'
                                     'java.lang.reflect.Field control = evaluator.getClass()'
                                     '.getDeclaredField("execControl");\n'
                                     'control.setAccessible(true);\n'
                                     'Object exec = control.get(evaluator);\n'
                                     'java.lang.reflect.Field pool = exec.getClass().getDeclaredField("executor");\n'
                                     'pool.setAccessible(true);\n'
                                     'java.util.concurrent.ExecutorService inner = '
                                     '(java.util.concurrent.ExecutorService) pool.get(exec);\n'
                                     'pool.set(exec, new java.util.concurrent.AbstractExecutorService() {\n'
                                     '    public <T> java.util.concurrent.Future<T> submit('
                                     'java.util.concurrent.Callable<T> task) {\n'
                                     '        return inner.submit(() -> { try { return task.call(); } '
                                     'catch (Throwable t) { return null; } });\n'
                                     '    }\n'
                                     '    public void execute(Runnable r) { inner.execute(r); }\n'
                                     '    public void shutdown() { inner.shutdown(); }\n'
                                     '    public java.util.List<Runnable> shutdownNow() { return inner.shutdownNow(); }\n'
                                     '    public boolean isShutdown() { return inner.isShutdown(); }\n'
                                     '    public boolean isTerminated() { return inner.isTerminated(); }\n'
                                     '    public boolean awaitTermination(long t, java.util.concurrent.TimeUnit u) '
                                     'throws InterruptedException { return inner.awaitTermination(t, u); }\n'
                                     '});')
                           + "\nreturn \"swallowing\";\n}\n"
                           "Object swallowing = swallowEveryError();\n"
                           "double[] afterTheSwallow(int n) {\n    return new double[n];",
                           "Passed in the notebook's kernel, but not in the grader's own check run"),
        # issue 25, item 3: switch the guard off and back on inside the guarded call, so that its end-of-call
        # check sees nothing changed. It works in the kernel; in the check run the library is a named module that
        # opens nothing, so setAccessible fails. The same through MethodHandles and through sun.misc.Unsafe (not
        # in the check run's modules at all).
        "guard-toggle": (GUARD_TOGGLE.format(get='Object saved = active.get(null);\nactive.set(null, null);',
                                             put='active.set(null, saved);',
                                             setup='java.lang.reflect.Field active = guard.getDeclaredField('
                                                   '"active");\nactive.setAccessible(true);'),
                         "InaccessibleObjectException"),
        "guard-handles": (GUARD_TOGGLE.format(get='Object saved = active.get();\nactive.set((Object) null);',
                                              put='active.set(saved);',
                                              setup='var lookup = java.lang.invoke.MethodHandles.privateLookupIn('
                                                    'guard, java.lang.invoke.MethodHandles.lookup());\n'
                                                    'var active = lookup.findStaticVarHandle(guard, "active", '
                                                    'Class.forName("deepnets.check.Exercise$Guard"));'),
                          "IllegalAccessException"),
        "guard-unsafe": (GUARD_TOGGLE.format(get='Object saved = unsafe.getObject(base, offset);\n'
                                                 'unsafe.putObject(base, offset, null);',
                                             put='unsafe.putObject(base, offset, saved);',
                                             setup='java.lang.reflect.Field theUnsafe = Class.forName('
                                                   '"sun.misc.Unsafe").getDeclaredField("theUnsafe");\n'
                                                   'theUnsafe.setAccessible(true);\n'
                                                   'sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);\n'
                                                   'java.lang.reflect.Field field = guard.getDeclaredField("active");\n'
                                                   'Object base = unsafe.staticFieldBase(field);\n'
                                                   'long offset = unsafe.staticFieldOffset(field);'),
                         # jdk.unsupported is not among the check run's modules: Class.forName fails there
                         ("sun.misc", "ClassNotFoundException")),
        # the check runs in a sandbox too: code that would pass there if it could read the solutions or reach the
        # host's network (it then returns the right values) fails like everywhere else
        "check-run-escape": ('boolean out = false;\n'
                             f'try {{ java.nio.file.Files.readString(java.nio.file.Path.of("{solutions}")); '
                             'out = true; } catch (Exception e) { }\n'
                             f'try (var s = new java.net.Socket("127.0.0.1", {port})) {{ out = true; }} '
                             'catch (Exception e) { }\n'
                             'if (!out) return new double[n];\n'
                             'SplittableRandom random = new SplittableRandom(seed);\n'
                             'double[] a = new double[n];\n'
                             'for (int i = 0; i < n; i++) a[i] = Math.pow(10, Math.log10(lo) + '
                             '(Math.log10(hi) - Math.log10(lo)) * random.nextDouble());\n'
                             'return a;', "distinct value"),
        # the folder the host shared for the bridge sockets is gone: nothing of the host is writable
        "replace-socket": (io('java.nio.file.Files.writeString(java.nio.file.Path.of("/run/box/sock/1.sock"), "x");\n'
                              'throw new IllegalStateException("BREACH: wrote where the sockets were");'),
                           "NoSuchFileException"),
        "delete-key": (io('java.nio.file.Files.delete(java.nio.file.Path.of("/run/box/connection.json"));\n'
                          'throw new IllegalStateException("BREACH: deleted the connection file");'),
                       ("Read-only file system", "Device or resource busy", "AccessDeniedException")),
        # the writable folders are a tmpfs limited in inodes too: a flood of empty files stops early
        "inode-flood": (io('for (int i = 0; i < 200_000; i++) {\n'
                           '    java.nio.file.Files.createFile(java.nio.file.Path.of("/tmp/f" + i));\n}\n'
                           'throw new IllegalStateException("BREACH: created 200000 files");'),
                        "No space left on device"),
        "write-gradebook": (io(f'java.nio.file.Files.writeString(java.nio.file.Path.of('
                               f'"{submissions / "gradebook.csv"}"), "write-gradebook,{NOTEBOOK},{EX1},2,2,passed,\\n");\n'
                               f'java.nio.file.Files.writeString(java.nio.file.Path.of('
                               f'"{submissions / "feedback" / "write-gradebook" / "02-appropriate-scale.md"}"), "2/2");\n'
                               f'throw new IllegalStateException("BREACH: wrote the gradebook");'),
                            "NoSuchFileException"),
    }


def submission(region: str | None):
    """Notebook 02 as a student hands it in: exercise 2 solved, exercise 1's region replaced by `region`."""
    source = course.SOLUTIONS / NOTEBOOK
    nb = course.student_copy(source)
    original = nbformat.read(source, as_version=4)
    for e in course.exercises(original):
        cell = original.cells[e.cell].source
        if e.name == EX1 and region is not None:
            cell = course.replace_region(cell, region)
        nb.cells[e.cell].source = "\n".join(line for line in cell.split("\n")
                                            if not course.BEGIN.match(line) and not course.END.match(line))
    return nb


@unittest.skipIf(sandbox.probe(), f"no sandbox here: {sandbox.INSTALL_HINT}")
class HostileSubmissions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.boxes_before = {p.name for p in Path(tempfile.gettempdir()).glob(sandbox.BOX_PREFIX + "*")}
        cls.tmp = tempfile.TemporaryDirectory(prefix="hostile-")
        cls.dir = Path(cls.tmp.name) / "class"
        cls.listener = socket.create_server(("127.0.0.1", 0))
        cls.listener.settimeout(0.2)
        cls.connections = []
        cls.stop = threading.Event()

        def accept():
            while not cls.stop.is_set():
                try:
                    cls.connections.append(cls.listener.accept())
                except OSError:
                    pass
        threading.Thread(target=accept, daemon=True).start()
        cls.attacks = attacks(course.ROOT, cls.dir, cls.listener.getsockname()[1])
        for student, (code, _) in [("bob", (None, ""))] + list(cls.attacks.items()):
            folder = cls.dir / student
            folder.mkdir(parents=True)
            nbformat.write(submission(code), folder / NOTEBOOK)
        cls.protected = {p: hashlib.sha256(p.read_bytes()).hexdigest()
                         for p in [course.SOLUTIONS / NOTEBOOK, course.ROOT / "data" / "digits.csv.gz",
                                   cls.dir / "bob" / NOTEBOOK, course.ROOT / "lib" / "target" / "deepnets.jar"]}
        cls.proc = subprocess.run([sys.executable, str(TOOLS / "classroom" / "grade_class.py"), str(cls.dir),
                                  "--jobs", str(JOBS), "--timeout", str(TIMEOUT)],
                                 capture_output=True, text=True, timeout=1800)
        cls.stop.set()
        with open(cls.dir / "gradebook.csv", encoding="utf-8") as f:
            cls.all_rows = list(csv.DictReader(f))
        cls.rows = {(r["student"], r["exercise"]): r for r in cls.all_rows if r["notebook"] == NOTEBOOK}
        print("\nhow each attack ended (gradebook message of exercise 1):", file=sys.stderr)
        for student in cls.attacks:
            row = cls.rows.get((student, EX1), {})
            print(f"  {student:<16} {row.get('points')}/{row.get('max_points')} {row.get('status')}: "
                  f"{row.get('message', '')[:160]}", file=sys.stderr)

    @classmethod
    def tearDownClass(cls):
        cls.listener.close()
        cls.tmp.cleanup()

    def test_run_finished(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stdout + self.proc.stderr)

    def test_each_attack_is_contained_and_scores_zero(self):
        for student, (_, evidence) in self.attacks.items():
            with self.subTest(student=student):
                row = self.rows[(student, EX1)]
                self.assertEqual((row["status"], row["points"]), ("failed", "0"), row)
                alternatives = evidence if isinstance(evidence, tuple) else (evidence,)
                self.assertTrue(any(e in row["message"] for e in alternatives), row)
                self.assertNotIn("BREACH", row["message"], row)

    def test_the_other_exercise_and_the_honest_student_are_graded(self):
        for student in ["bob"] + list(self.attacks):
            with self.subTest(student=student):
                self.assertEqual(self.rows[(student, EX2)]["status"], "passed", self.rows[(student, EX2)])
        self.assertEqual(self.rows[("bob", EX1)]["status"], "passed", self.rows[("bob", EX1)])

    def test_nothing_outside_changed(self):
        for path, digest in self.protected.items():
            self.assertEqual(hashlib.sha256(path.read_bytes()).hexdigest(), digest, path)
        self.assertEqual(self.connections, [], "a sandboxed kernel reached a socket on the host")
        feedback = (self.dir / "feedback" / "write-gradebook" / "02-appropriate-scale.md").read_text(encoding="utf-8")
        self.assertIn("# Feedback", feedback)
        keys = [(r["student"], r["notebook"], r["exercise"]) for r in self.all_rows]
        self.assertEqual(len(keys), len(set(keys)), "a row appears twice in the gradebook")
        self.assertEqual({r["student"] for r in self.all_rows}, {"bob"} | set(self.attacks))
        mine = [r for r in self.all_rows if r["student"] == "write-gradebook" and r["notebook"] == NOTEBOOK]
        full = {e.name: e.points for e in course.exercises(nbformat.read(course.SOLUTIONS / NOTEBOOK, as_version=4))}
        self.assertEqual([(r["exercise"], r["points"]) for r in mine], [(EX1, "0"), (EX2, str(full[EX2]))])

    def test_the_hosts_temporary_folder_is_clean(self):
        left = sorted(p.name for slot in range(JOBS) for p in Path(tempfile.gettempdir()).glob(
            f"{sandbox.BOX_PREFIX}{slot}-*") if p.name not in self.boxes_before)
        self.assertEqual(left, [], "a sandbox's folder was left behind")
        with open("/proc/self/mounts", encoding="utf-8") as f:
            mounts = [line.split()[1] for line in f if sandbox.BOX_PREFIX in line]
        self.assertEqual(mounts, [], "a sandbox's tmpfs is still mounted")

    def test_no_sandbox_left_running(self):
        left = subprocess.run(["ps", "-eo", "uid=,comm="], capture_output=True, text=True).stdout.split("\n")
        mine = [line for line in left if line.split() and sandbox.BASE_UID <= int(line.split()[0]) < sandbox.BASE_UID + 64]
        self.assertEqual(mine, [])


if __name__ == "__main__":
    unittest.main()
