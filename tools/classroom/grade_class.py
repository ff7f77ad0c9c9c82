"""Grades a whole class: every DIR/<student>/NN-name.ipynb, in parallel, each kernel in a sandbox.

  python tools/classroom/grade_class.py DIR [--jobs N] [--timeout SECONDS] [--unsandboxed] [--force]
                                             [--shard k/N] [--roster FILE] [--assignments FILE]

Layout (any LMS download unpacked so that each student has a folder):
  DIR/<student>/NN-name.ipynb        the submissions (NN-name as in notebooks/solutions/)
Writes:
  DIR/gradebook.csv                  one row per student, notebook and exercise (UTF-8, header row):
                                     student, notebook, exercise, points, max_points, status, message
  DIR/feedback/<student>/NN-name.md  the feedback file for that student and notebook
  DIR/.grading/                      state (content hashes and results) and the kernels' logs
  DIR/lms/                           imports for Canvas and Moodle and a feedback bundle per student (lms.py;
                                     the roster is DIR/roster.csv or --roster, see lms.py)
With --shard k/N only the k-th of N shares of the students (round robin over the folder names in order) is
graded, and everything goes to DIR/shards/k-of-N/ instead, with done.json once the share is finished;
merge_gradebooks.py (make merge-gradebooks) then writes DIR/gradebook.csv, DIR/feedback/ and DIR/lms/ as one
run would have.

Each notebook is graded exactly as `make grade` does (tools/grading/), by a worker process of its own,
JOBS at a time. The student's kernel runs in a bubblewrap sandbox (tools/classroom/sandbox.py); without
bubblewrap the run stops with an install hint unless --unsandboxed. A notebook whose content, source
notebook and grader are unchanged since the last run is not graded again: its rows are reused. The
gradebook is rewritten (atomically) after every notebook, so an interrupted run leaves a valid gradebook
and the next run resumes where it stopped. Statuses besides passed / failed / not implemented yet:
missing notebook, corrupted notebook, unknown notebook, ignored file, not graded (the grader failed).
Exit status: 0 when the run finished (whatever the scores), 2 when it could not run, 130 when interrupted.

This file is the scheduler (worker threads, one worker process per notebook, stopping them on Ctrl-C);
gradebook.py holds the plan, the state, the gradebook and the feedback files.
"""
import argparse
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
import lms  # noqa: E402
from gradebook import Course, Gradebook, fmt, parse_shard, rows_for, write_atomic  # noqa: E402


class Run:
    def __init__(self, submissions: Path, jobs: int, timeout: int, sandboxed: bool, force: bool, shard=None,
                 roster: Path | None = None, assignments: Path | None = None):
        self.jobs, self.timeout, self.sandboxed = jobs, timeout, sandboxed
        self.roster, self.assignments = roster, assignments
        self.book = Gradebook(submissions, force, shard)
        self.lock = threading.Lock()
        self.procs = {}
        self.interrupted = False

    def kernel_env(self, slot: int) -> dict:
        env = dict(os.environ)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        if self.sandboxed:
            spec_root = course.ROOT / "build" / "classroom" / f"slot-{slot}"
            sandbox.kernel_spec(course.ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java", spec_root, slot,
                                kernels=self.jobs)
            env["DEEPNETS_KERNEL_HEAP_MIB"] = str(sandbox.heap_mib(kernels=self.jobs))   # named by an OutOfMemoryError
            env["JUPYTER_PATH"] = os.pathsep.join([str(spec_root), env.get("JUPYTER_PATH", "")]).rstrip(os.pathsep)
        return env

    def grade_one(self, slot: int, env: dict, student: str, name: str, path: Path, source: Path) -> dict | None:
        """Grades one notebook in a worker process; returns its state entry, or None when interrupted first."""
        result_path = self.book.state_dir / "work" / f"{student}--{name}.json"
        result_path.parent.mkdir(parents=True, exist_ok=True)
        result_path.unlink(missing_ok=True)
        feedback = self.book.feedback_path(student, name)
        log = self.book.state_dir / "logs" / student / (Path(name).stem + ".log")
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(path), str(source), str(feedback),
               str(log), str(result_path), str(self.timeout),
               sandbox.KERNEL_NAME if self.sandboxed else "java"]
        with self.lock:
            # Started and registered under the lock that stop_workers takes for its snapshot, after the flag is
            # set: a process is either in the snapshot (and stopped there) or never started. Ctrl-C may come after
            # this thread took its notebook; a process started then, outside the lock, was missed by the
            # snapshot and could outlive the grader.
            if self.interrupted:
                return None
            proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                    start_new_session=True)
            self.procs[slot] = proc
        _, err = proc.communicate()
        if self.sandboxed:
            sandbox.wait_gone(sandbox.BASE_UID + slot)   # the slot's next sandbox starts with a clean uid
            sandbox.remove_boxes(slot)                   # its folder, also when its wrapper was SIGKILLed
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
        if not self.book.shard:
            lms.check(self.book.dir, list(c.exercises), self.roster, self.assignments)
        todo, reused = self.book.prepare(c)
        students = len({e.split("/", 1)[0] for e in self.book.entries})
        share = f"shard {self.book.shard[0]}/{self.book.shard[1]}: " if self.book.shard else ""
        print(f"grade-class: {share}{students} students, {len(todo)} notebooks to grade, {reused} unchanged since the last "
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
                    self.book.record(key, entry)
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
                    sandbox.remove_boxes(slot)
            with self.lock:
                self.book.save()
            print(f"grade-class: {done[0]} of {len(todo)} notebooks graded; the gradebook holds them; run again to "
                  f"grade the rest", flush=True)
            return 130
        elapsed = time.monotonic() - started
        self.book.summary(len(todo), elapsed)
        self.book.finish()
        if self.book.shard:
            print(f"grade-class: shard {self.book.shard[0]}/{self.book.shard[1]} finished; when every shard has, "
                  f"make merge-gradebooks SUBMISSIONS={self.book.submissions}", flush=True)
        else:
            lms.export(self.book.dir, {nb: sum(p for _, p in ex) for nb, ex in c.exercises.items()}, self.roster,
                       self.assignments, graded_at=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()))
        return 0


def worker_main(args) -> int:
    """Grades one notebook (in its own process) and writes its state entry as JSON."""
    import grading
    path, source, feedback, log, out, timeout, kernel = args
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # leave through the kernels' context managers
    student = Path(path).parent.name
    result = grading.grade(Path(path), Path(source), timeout=int(timeout), log_path=Path(log), kernel_name=kernel,
                           held_out=course.heldout_jar_for(kernel))
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
    parser.add_argument("--shard", help="k/N: grade only the k-th of N shares of the students")
    parser.add_argument("--roster", type=Path, help="roster CSV (default DIR/roster.csv if present)")
    parser.add_argument("--assignments", type=Path, help="notebook-to-assignment CSV (default DIR/assignments.csv)")
    args = parser.parse_args(argv)
    try:
        shard = parse_shard(args.shard) if args.shard else None
    except ValueError as e:
        print(f"grade-class: {e}", file=sys.stderr)
        return 2
    for given in (args.roster, args.assignments):
        if given is not None and not given.is_file():
            print(f"grade-class: {given} does not exist (ROSTER= / ASSIGNMENTS= name a CSV file)", file=sys.stderr)
            return 2
    if not args.submissions.is_dir():
        print(f"grade-class: {args.submissions} is not a folder; SUBMISSIONS=DIR must hold one folder per student",
              file=sys.stderr)
        return 2
    if not args.unsandboxed:
        why = sandbox.probe()
        if why:
            print(f"grade-class: cannot sandbox the students' code ({why}): {sandbox.INSTALL_HINT}", file=sys.stderr)
            return 2
    try:
        return Run(args.submissions.resolve(), max(1, args.jobs), args.timeout, not args.unsandboxed, args.force, shard,
                   args.roster, args.assignments).run()
    except lms.LmsError as e:
        print(f"grade-class: the gradebook is written, but not the LMS imports: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
