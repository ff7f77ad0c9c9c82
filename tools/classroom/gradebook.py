"""What a class run knows and writes: the plan of a submissions folder, the state that lets a run resume
(content hashes and results in DIR/.grading/state.json), the gradebook, the feedback files and the summary.

The scheduler that grades the notebooks is grade_class.py; this module runs no kernel.
"""
import csv
import hashlib
import io
import json
import os
from pathlib import Path

import course

HERE = Path(__file__).resolve().parent
FIELDS = ["student", "notebook", "exercise", "points", "max_points", "status", "message"]
RESERVED = {"feedback", "gradebook.csv", "lms", "shards", "similarity"}
STATE_DIR = ".grading"
GRADER_FILES = [*sorted((HERE.parent / "grading").glob("*.py")), *sorted((HERE.parent / "course").glob("*.py")),
                HERE / "grade_class.py", HERE / "gradebook.py", HERE / "sandbox.py", HERE / "processes.py"]
DONE = "done.json"   # written by a shard when it finished: which students it graded


def parse_shard(text: str) -> tuple[int, int]:
    """'k/N' (1 <= k <= N) -> (k, N); ValueError with the fix otherwise."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise ValueError(f"SHARD={text!r}: give it as k/N, e.g. SHARD=2/8 for the second of eight shares") from None
    if not (n >= 1 and 1 <= k <= n):
        raise ValueError(f"SHARD={text!r}: k must be between 1 and N (N >= 1), e.g. 1/{max(n, 1)} to {max(n, 1)}/{max(n, 1)}")
    return k, n


def shard_dir(submissions: Path, k: int, n: int) -> Path:
    return submissions / "shards" / f"{k}-of-{n}"


def student_folders(submissions: Path) -> list[Path]:
    return sorted(p for p in submissions.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and p.name not in RESERVED)


def in_shard(index: int, shard) -> bool:
    """Student number index (in name order) belongs to shard (k, N): round robin, so the shares differ by one at
    most and depend only on the folder names."""
    return shard is None or index % shard[1] == shard[0] - 1


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


def plan(submissions: Path, c: Course, shard=None):
    """Yields (student, notebook name, kind, path): kind is grade | missing | unknown | stray. shard (k, N): only
    that share of the students."""
    students = [p for i, p in enumerate(student_folders(submissions)) if in_shard(i, shard)]
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


def gradebook_text(entries, state) -> str:
    """The gradebook CSV: the rows of every entry, in the order of entries."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for key in entries:
        for row in state.get(key, {}).get("rows", []):
            writer.writerow(row)
    return out.getvalue()


def fmt(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Gradebook:
    """The state of a class run and the files it writes into the submissions folder."""

    def __init__(self, submissions: Path, force: bool, shard=None):
        self.submissions, self.shard = submissions, shard
        # A shard keeps everything it writes in a folder of its own; merge_gradebooks.py puts them together.
        self.dir = shard_dir(submissions, *shard) if shard else submissions
        self.state_dir = self.dir / STATE_DIR
        self.state_path = self.state_dir / "state.json"
        self.state = {}
        if self.state_path.is_file() and not force:
            try:
                self.state = json.loads(self.state_path.read_text(encoding="utf-8"))
            except ValueError:
                self.state = {}
        self.entries = []

    def prepare(self, c: Course):
        """Plans the folder, records every entry that needs no kernel and writes the gradebook.

        Returns (todo, reused): todo lists (key, student, notebook name, path, content hash) to grade; reused counts
        the notebooks unchanged since the last run."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        (self.dir / DONE).unlink(missing_ok=True)   # a shard is finished only once this run finished
        version = grader_version()
        todo, reused = [], 0
        for student, name, kind, path in plan(self.submissions, c, self.shard):
            key = f"{student}/{name}"
            self.entries.append(key)
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
            if key not in self.entries:
                del self.state[key]
        self.save()
        return todo, reused

    def record(self, key: str, entry: dict):
        """Keeps one graded notebook's entry and rewrites the gradebook."""
        self.state[key] = entry
        self.save()

    def save(self):
        """Writes the state and the gradebook (rows of every known entry, in plan order), atomically."""
        write_atomic(self.state_path, json.dumps(self.state, indent=0, ensure_ascii=False) + "\n")
        write_atomic(self.dir / "gradebook.csv", gradebook_text(self.entries, self.state))

    def finish(self):
        """Marks a shard as finished: merge_gradebooks.py takes only finished shards."""
        if self.shard:
            students = sorted({e.split("/", 1)[0] for e in self.entries})
            write_atomic(self.dir / DONE, json.dumps({"shard": self.shard[0], "of": self.shard[1],
                                                      "students": students, "entries": self.entries,
                                                      "grader": grader_version()}, indent=1) + "\n")

    def feedback_path(self, student: str, name: str) -> Path:
        return self.dir / "feedback" / student / (Path(name).stem + ".md")

    def write_feedback(self, student, name, text):
        path = self.feedback_path(student, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# Feedback: {name}\n\n{text}\n", encoding="utf-8")

    def summary(self, graded, elapsed):
        rows = [r for key in self.entries for r in self.state.get(key, {}).get("rows", [])]
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
