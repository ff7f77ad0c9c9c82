"""Grades a whole class: every DIR/<student>/NN-name.ipynb, in parallel, each kernel in a sandbox.

  python tools/classroom/grade_class.py DIR [--jobs N] [--timeout SECONDS] [--unsandboxed] [--force]

Layout (any LMS download unpacked so that each student has a folder):
  DIR/<student>/NN-name.ipynb        the submissions (NN-name as in notebooks/solutions/)
Writes:
  DIR/gradebook.csv                  one row per student, notebook and exercise (UTF-8, header row):
                                     student, notebook, exercise, points, max_points, status, message
  DIR/feedback/<student>/NN-name.md  the feedback file for that student and notebook
  DIR/.grading/                      state (content hashes and results) and the kernels' logs

Each notebook is graded exactly as `make grade` does (tools/grading/), by a worker process of its own,
JOBS at a time. The student's kernel runs in a bubblewrap sandbox (tools/classroom/sandbox.py); without
bubblewrap the run stops with an install hint unless --unsandboxed. A notebook whose content, source
notebook and grader are unchanged since the last run is not graded again: its rows are reused. The
gradebook is rewritten (atomically) after every notebook, so an interrupted run leaves a valid gradebook
and the next run resumes where it stopped. Statuses besides passed / failed / not implemented yet:
missing notebook, corrupted notebook, unknown notebook, ignored file, not graded (the grader failed).
Exit status: 0 when the run finished (whatever the scores), 2 when it could not run, 130 when interrupted.
"""
import argparse
import csv
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import course  # noqa: E402
import sandbox  # noqa: E402

FIELDS = ["student", "notebook", "exercise", "points", "max_points", "status", "message"]
RESERVED = {"feedback", "gradebook.csv"}
STATE_DIR = ".grading"
GRADER_FILES = [*sorted((HERE.parent / "grading").glob("*.py")), *sorted((HERE.parent / "course").glob("*.py")),
                HERE / "grade_class.py", HERE / "sandbox.py"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def grader_version() -> str:
    """Changes whenever the grader, the library or the kernel setup changes: every notebook is graded again."""
    h = hashlib.sha256()
    for path in GRADER_FILES + [course.ROOT / "lib" / "target" / "deepnets.jar",
                                course.ROOT / "environment" / "jvm.options"]:
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def write_atomic(path: Path, text: str):
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def check_notebook(data: bytes) -> str | None:
    """None if data is a notebook the grader can read, else why not (for the 'corrupted notebook' status)."""
    try:
        nb = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return f"not a Jupyter notebook: not valid JSON ({str(e)[:120]})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return "not a Jupyter notebook: no list of cells"
    if nb.get("nbformat") != 4:
        return f"nbformat {nb.get('nbformat')!r}; the course's notebooks are nbformat 4 (save it from JupyterLab)"
    return None


class Course:
    """The source notebooks and their exercises (name, points), by file name."""

    def __init__(self):
        import nbformat
        self.sources, self.exercises = {}, {}
        for path in course.solution_notebooks():
            nb = nbformat.read(path, as_version=4)
            found = course.exercises(nb, course.display(path), strict=False)
            if found:
                self.sources[path.name] = path
                self.exercises[path.name] = [(e.name, e.points) for e in found]
        self.hashes = {name: sha256(path.read_bytes()) for name, path in self.sources.items()}

    @staticmethod
    def exercises_of(path: Path):
        import nbformat
        nb = nbformat.read(path, as_version=4)
        return [(e.name, e.points) for e in course.exercises(nb, course.display(path), strict=False)]


def rows_for(student, notebook, exercises, status, message):
    return [dict(student=student, notebook=notebook, exercise=name, points=0, max_points=points, status=status,
                 message=message) for name, points in exercises]


def plan(submissions: Path, c: Course):
    """Yields (student, notebook name, kind, path): kind is grade | missing | unknown | stray."""
    students = sorted(p for p in submissions.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and p.name not in RESERVED)
    for folder in students:
        present = set()
        for path in sorted(folder.rglob("*")):
            if path.is_dir() or any(part.startswith(".") for part in path.relative_to(folder).parts):
                continue
            rel = path.relative_to(folder).as_posix()
            if path.suffix == ".ipynb" and path.parent == folder and path.name in c.sources:
                present.add(path.name)
                yield folder.name, path.name, "grade", path
            elif path.suffix == ".ipynb":
                yield folder.name, rel, "unknown", path
            else:
                yield folder.name, rel, "stray", path
        for name in c.sources:
            if name not in present:
                yield folder.name, name, "missing", folder / name


def fmt(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Run:
    def __init__(self, submissions: Path, jobs: int, timeout: int, sandboxed: bool, force: bool):
        self.dir, self.jobs, self.timeout, self.sandboxed = submissions, jobs, timeout, sandboxed
        self.state_dir = submissions / STATE_DIR
        self.state_path = self.state_dir / "state.json"
        self.state = {}
        if self.state_path.is_file() and not force:
            try:
                self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            except ValueError:
                self.state = {}
        self.lock = threading.Lock()
        self.procs = {}
        self.interrupted = False

    def save(self, entries):
        """Writes the state and the gradebook (rows of every known entry, in plan order), atomically."""
        write_atomic(self.state_path, json.dumps(self.state, indent=0, ensure_ascii=False) + "\n")
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        for key in entries:
            for row in self.state.get(key, {}).get("rows", []):
                writer.writerow(row)
        write_atomic(self.dir / "gradebook.csv", out.getvalue())

    def kernel_env(self, slot: int) -> dict:
        env = dict(os.environ)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        if self.sandboxed:
            spec_root = course.ROOT / "build" / "classroom" / f"slot-{slot}"
            sandbox.kernel_spec(course.ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java", spec_root, slot)
            env["JUPYTER_PATH"] = os.pathsep.join([str(spec_root), env.get("JUPYTER_PATH", "")]).rstrip(os.pathsep)
        return env

    def grade_one(self, slot: int, env: dict, student: str, name: str, path: Path, source: Path) -> dict:
        """Grades one notebook in a worker process; returns its state entry."""
        result_path = self.state_dir / "work" / f"{student}--{name}.json"
        result_path.parent.mkdir(parents=True, exist_ok=True)
        result_path.unlink(missing_ok=True)
        feedback = self.dir / "feedback" / student / (Path(name).stem + ".md")
        log = self.state_dir / "logs" / student / (Path(name).stem + ".log")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), str(source), str(feedback),
               str(log), str(result_path), str(self.timeout),
               sandbox.KERNEL_NAME if self.sandboxed else "java"]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        with self.lock:
            self.procs[slot] = proc
        _, err = proc.communicate()
        if self.sandboxed:
            sandbox.wait_gone(sandbox.BASE_UID + slot)   # the slot's next sandbox starts with a clean uid
        with self.lock:
            self.procs.pop(slot, None)
        if proc.returncode == 0 and result_path.is_file():
            return json.loads(result_path.read_text(encoding="utf-8"))
        why = (err.strip().splitlines() or [f"worker exit status {proc.returncode}"])[-1]
        return {"rows": rows_for(student, name, self.course.exercises[name], "not graded",
                                 f"the grader failed: {why[:200]}"), "seconds": 0, "failed": True}

    def stop_workers(self):
        with self.lock:
            procs = list(self.procs.values())
        for proc in procs:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def run(self) -> int:
        self.course = c = Course()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        version = grader_version()
        entries, todo = [], []
        reused = 0
        for student, name, kind, path in plan(self.dir, c):
            key = f"{student}/{name}"
            entries.append(key)
            if kind == "grade":
                data = path.read_bytes()
                digest = sha256(data + c.hashes[name].encode() + version.encode())
                old = self.state.get(key)
                if old and old.get("hash") == digest and not old.get("failed"):
                    reused += 1
                    continue
                problem = check_notebook(data)
                if problem:
                    self.state[key] = {"hash": digest, "rows": rows_for(student, name, c.exercises[name],
                                                                       "corrupted notebook", problem)}
                    self.write_feedback(student, name, f"Your notebook `{name}` could not be graded: {problem}. "
                                                       f"Start from a fresh copy and paste your code in.")
                    continue
                todo.append((key, student, name, path, digest))
            elif kind == "missing":
                self.state[key] = {"rows": rows_for(student, name, c.exercises[name], "missing notebook",
                                                    f"no {name} in the submission")}
            elif kind == "unknown":
                self.state[key] = {"rows": [dict(student=student, notebook=name, exercise="", points=0, max_points=0,
                                                 status="unknown notebook",
                                                 message="not a notebook of this course (check its file name)")]}
            else:
                self.state[key] = {"rows": [dict(student=student, notebook=name, exercise="", points=0, max_points=0,
                                                 status="ignored file", message="not a notebook; not graded")]}
        for key in list(self.state):
            if key not in entries:
                del self.state[key]
        self.save(entries)
        students = len({e.split("/", 1)[0] for e in entries})
        print(f"grade-class: {students} students, {len(todo)} notebooks to grade, {reused} unchanged since the last "
              f"run (reused), {self.jobs} at a time, {'sandboxed (bubblewrap)' if self.sandboxed else 'UNSANDBOXED'}",
              flush=True)
        started = time.monotonic()
        queue = list(todo)
        done = [0]

        def worker(slot):
            env = self.kernel_env(slot)
            while not self.interrupted:
                with self.lock:
                    if not queue:
                        return
                    key, student, name, path, digest = queue.pop(0)
                entry = self.grade_one(slot, env, student, name, path, c.sources[name])
                if self.interrupted:
                    return
                entry["hash"] = digest
                with self.lock:
                    self.state[key] = entry
                    self.save(entries)
                    done[0] += 1
                    elapsed = time.monotonic() - started
                    left = elapsed / done[0] * (len(todo) - done[0])
                    points = sum(r["points"] for r in entry["rows"])
                    total = sum(r["max_points"] for r in entry["rows"])
                    print(f"[{done[0]}/{len(todo)}] {student} {name}: {points}/{total} points "
                          f"({entry.get('seconds', 0):.1f} s)  elapsed {fmt(elapsed)}, about {fmt(left)} left",
                          flush=True)

        threads = [threading.Thread(target=worker, args=(slot,), daemon=True) for slot in range(self.jobs)]
        for t in threads:
            t.start()
        try:
            while any(t.is_alive() for t in threads):
                for t in threads:
                    t.join(0.2)
        except KeyboardInterrupt:
            self.interrupted = True
            print("grade-class: interrupted; stopping the workers and their kernels", flush=True)
            self.stop_workers()
            for t in threads:
                t.join(15)
            if self.sandboxed:
                for slot in range(self.jobs):
                    sandbox.wait_gone(sandbox.BASE_UID + slot)
            with self.lock:
                self.save(entries)
            print(f"grade-class: {done[0]} of {len(todo)} notebooks graded; the gradebook holds them; run again to "
                  f"grade the rest", flush=True)
            return 130
        elapsed = time.monotonic() - started
        self.summary(entries, len(todo), elapsed)
        return 0

    def write_feedback(self, student, name, text):
        path = self.dir / "feedback" / student / (Path(name).stem + ".md")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Feedback: {name}\n\n{text}\n", encoding="utf-8")

    def summary(self, entries, graded, elapsed):
        rows = [r for key in entries for r in self.state.get(key, {}).get("rows", [])]
        counts = {}
        for r in rows:
            counts[r["status"]] = counts.get(r["status"], 0) + 1
        by_student = {}
        for r in rows:
            got, total = by_student.get(r["student"], (0, 0))
            by_student[r["student"]] = (got + int(r["points"]), total + int(r["max_points"]))
        rate = graded / elapsed * 60 if graded and elapsed else 0
        print(f"grade-class: graded {graded} notebooks in {fmt(elapsed)}"
              + (f" ({rate:.1f} per minute)" if rate else ""))
        print("grade-class: exercises by status: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if by_student:
            scores = sorted(got / total if total else 0 for got, total in by_student.values())
            print(f"grade-class: {len(by_student)} students; score median {scores[len(scores) // 2]:.0%}, "
                  f"lowest {scores[0]:.0%}, highest {scores[-1]:.0%}")
        print(f"grade-class: gradebook {self.dir / 'gradebook.csv'}; feedback in {self.dir / 'feedback'}/")


def worker_main(args) -> int:
    """Grades one notebook (in its own process) and writes its state entry as JSON."""
    import grading
    path, source, feedback, log, out, timeout, kernel = args
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # leave through the kernels' context managers
    student = Path(path).parent.name
    result = grading.grade(Path(path), Path(source), timeout=int(timeout), log_path=Path(log), kernel_name=kernel)
    Path(feedback).parent.mkdir(parents=True, exist_ok=True)
    Path(feedback).write_text(grading.feedback_markdown(result, time.strftime("%Y-%m-%d %H:%M")), encoding="utf-8")
    rows = [dict(student=student, notebook=Path(path).name, exercise=e.name, points=e.earned, max_points=e.points,
                 status=e.status, message=grading.first_line(e.message)[:300]) for e in result.exercises]
    write_atomic(Path(out), json.dumps({"rows": rows, "seconds": round(result.seconds, 2)}, ensure_ascii=False))
    return 0


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        return worker_main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=60, help="seconds a single cell may run (default 60)")
    parser.add_argument("--unsandboxed", action="store_true", help="run student code without a sandbox")
    parser.add_argument("--force", action="store_true", help="grade every notebook again, changed or not")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        print(f"grade-class: {args.submissions} is not a folder; SUBMISSIONS=DIR must hold one folder per student",
              file=sys.stderr)
        return 2
    if not args.unsandboxed:
        why = sandbox.probe()
        if why:
            print(f"grade-class: cannot sandbox the students' code ({why}): {sandbox.INSTALL_HINT}", file=sys.stderr)
            return 2
    return Run(args.submissions.resolve(), max(1, args.jobs), args.timeout, not args.unsandboxed, args.force).run()


if __name__ == "__main__":
    sys.exit(main())
