"""Grades a student's notebook exercise by exercise against its source notebook.

Used by tools/grade.py (`make grade`) and tools/test_notebooks.py (`make test`).

What is run
  The grading notebook is the SOURCE notebook (notebooks/solutions/NN-name.ipynb) in which every exercise
  cell is replaced by the student's version of that cell. Every other cell, the check cells included, is
  the original: a student who edits or deletes a check cell, or changes any other cell, changes nothing.
  The student's exercise cell is found by its metadata (deepnets.exercise), else by its cell id, else by
  the exercise's name or stub in its text, else by the signature of the exercise's method, else by its
  position when the notebook has as many cells as the source. An exercise cell that is not found fails.

How it is run
  A fresh kernel runs the grading notebook top to bottom, whatever order the student ran cells in. Each
  cell has a time limit; a cell that exceeds it is interrupted (JJava stops busy loops and sleeps) and
  grading goes on. A kernel that dies (System.exit, out of memory) or stays stuck after an interrupt is
  restarted and the cells that ran before are replayed, so later exercises are still graded.

What counts
  An exercise passes when its exercise cell runs without an error and its original check cell passes;
  it earns its points (deepnets.points) or none. An error in another cell, output on stderr, a notebook
  saved with outputs, an edited or deleted check cell are reported as notes in the feedback.
"""
import contextlib
import copy
import json
import logging
import re
import time
from dataclasses import dataclass, field, asdict
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, CellTimeoutError, DeadKernelError

import course

TIMEOUT_ENAME = "GraderCellTimeout"
MAX_KEPT = 200_000       # characters of output kept in memory per cell; the rest is counted, not stored
MAX_SHOWN = 3_000        # characters of a message or an output shown in the feedback
MAX_RESTARTS = 3         # kernel restarts per notebook before the remaining cells are given up
PROBE_TIMEOUT = 15       # seconds an interrupted kernel has to answer again before it is restarted

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FRAME = re.compile(r"^\s*at \.(?P<method>[\w$]*)\(#\d+:(?P<line>\d+)\)")
SIGNATURE = re.compile(r"^\s*(?:(?:public|private|protected|static|final)\s+)*[\w<>\[\],.? ]+?\s+(?P<name>\w+)\s*\(")

QUIET = logging.getLogger("grading.nbclient")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False
QUIET.setLevel(logging.CRITICAL)


class GradingError(RuntimeError):
    """Grading itself could not run (no source notebook, no kernel): not the student's fault."""


def cap(text: str, limit: int = MAX_SHOWN) -> str:
    text = text or ""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + f"\n... ({len(text) - limit} more characters not shown)"


def first_line(text: str) -> str:
    text = (text or "").strip()
    return text.splitlines()[0] if text else ""


@dataclass
class ErrorInfo:
    """An error as a student should read it.

    kind: compile | unresolved | check | not-implemented | exception | timeout | died | missing | not-run
    """
    kind: str
    message: str
    exception: str = ""


@dataclass
class CellRun:
    index: int
    error: ErrorInfo | None = None
    stdout: str = ""
    stderr: str = ""
    dropped: int = 0
    seconds: float = 0.0
    images: int = 0     # image/png outputs (charts) the cell showed
    tables: int = 0     # HTML tables the cell showed


def describe_error(output) -> ErrorInfo:
    """Turns a JJava error output into an ErrorInfo.

    JJava reports a compile error as ename CompilationException (the traceback shows the offending code and
    the compiler's messages), and every Java exception as ename RuntimeException whose first traceback line
    is "<exception class>: <message>", followed by frames like "at .method(#snippet:line)".
    """
    ename = output.get("ename", "")
    lines = [ANSI.sub("", line).rstrip() for line in output.get("traceback", []) or []]
    lines = [line for line in lines if line.strip()]
    if ename == "CompilationException":
        # The traceback alternates the offending code (lines starting with "|") and the compiler's messages.
        code = [line.replace("|", "", 1).strip() for line in lines if line.startswith("|")]
        said = [line for line in lines if not line.startswith("|")]
        head = first_line(said[0]) if said else output.get("evalue", "")
        body = "\n".join(line.replace("|   ", "", 1) if line.startswith("|") else line for line in lines)
        return ErrorInfo("compile", f"does not compile: {head}" + (f" (in: {code[0]})" if code else "")
                         + "\n" + cap(body))
    if ename == "EvaluationInterruptedException":
        return ErrorInfo("timeout", "the cell was interrupted")
    head = lines[0] if lines else f"{ename}: {output.get('evalue', '')}"
    head = re.sub(r"^\|\s*", "", head)
    match = re.match(r"(?s)\s*([\w$.]+)(?::\s?(.*))?\Z", head)
    cls, text = (match.group(1), match.group(2) or "") if match else (ename, head)
    if "UnresolvedReferenceException" in head:
        snippet = re.search(r"(?s)Snippet:\S*?-(.*)\Z", head)
        where = first_line(snippet.group(1)) if snippet else ""
        return ErrorInfo("unresolved", "uses a name that is not defined (a typo, or a method or variable that no "
                         "cell defines?)" + (f" in: {where}" if where else ""), "UnresolvedReferenceException")
    if cls.endswith("CheckFailure") or cls == "java.lang.AssertionError":
        return ErrorInfo("check", cap(text.strip() or cls), cls)
    if cls.endswith("." + course.STUB_ERROR):
        return ErrorInfo("not-implemented", cap(text.strip()), cls)
    frames = []
    for line in lines[1:]:
        frame = FRAME.match(line)
        if frame and frame.group("method") and len(frames) < 3:
            frames.append(f"  in {frame.group('method')}, line {frame.group('line')} counting from its declaration")
    message = f"{cls}: {text.strip()}" if text.strip() else cls
    return ErrorInfo("exception", cap(message + ("\n" + "\n".join(frames) if frames else "")), cls)


class CappedClient(NotebookClient):
    """An nbclient that keeps at most MAX_KEPT characters of stream output per cell (the rest is counted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept, self.dropped, self.last_reply = {}, {}, None

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "stream":
            size = len(msg["content"].get("text", ""))
            kept = self.kept.get(cell_index, 0)
            if kept + size > MAX_KEPT or len(outs) > 1000:
                self.dropped[cell_index] = self.dropped.get(cell_index, 0) + size
                return None
            self.kept[cell_index] = kept + size
        return super().output(outs, msg, display_id, cell_index)


def collect(cell, dropped: int) -> CellRun:
    run = CellRun(index=-1, dropped=dropped)
    out, err = [], []
    for output in cell.outputs:
        kind = output.get("output_type")
        if kind == "error" and run.error is None:
            run.error = describe_error(output)
        elif kind == "stream":
            (err if output.get("name") == "stderr" else out).append(output.get("text", ""))
        if kind == "execute_result":
            out.append(str(output.get("data", {}).get("text/plain", "")) + "\n")
        if kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            run.images += "image/png" in data
            run.tables += "<table" in "".join(data.get("text/html", ""))
    run.stdout, run.stderr = "".join(out), "".join(err)
    return run


class Session:
    """One kernel that runs the cells of one notebook by index, and survives timeouts and a dying kernel.

    A cell that times out is interrupted; if the kernel does not answer again within PROBE_TIMEOUT s, or it
    dies, a new kernel replays the cells that ran before (except the culprit), at most MAX_RESTARTS times.
    """

    def __init__(self, nb, cwd: Path, timeout: int, log_path: Path, kernel_name: str = "java"):
        self.nb, self.cwd, self.timeout, self.log_path = nb, cwd, timeout, log_path
        self.kernel_name = kernel_name  # hook (issue 15): tools/classroom grades with a sandboxed kernel spec
        self.history, self.restarts, self.broken = [], 0, None
        self.client, self.stack, self.log = None, None, None

    def __enter__(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "w", encoding="utf-8")
        try:
            self._start()
        except Exception:
            self.log.close()
            raise
        return self

    def __exit__(self, *exc):
        self._stop()
        self.log.close()
        return False

    def _start(self):
        self.client = CappedClient(
            self.nb, timeout=self.timeout, kernel_name=self.kernel_name, allow_errors=True, shutdown_kernel="immediate",
            interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "timeout", "traceback": []},
            timeout_func=lambda cell: PROBE_TIMEOUT if cell.metadata.get("probe") else self.timeout,
            resources={"metadata": {"path": str(self.cwd)}}, log=QUIET,
            on_cell_executed=self._on_executed)
        self.stack = contextlib.ExitStack()
        try:
            self.stack.enter_context(self.client.setup_kernel(stdout=self.log, stderr=self.log))
        except Exception as e:
            self.stack.close()
            raise GradingError(f"could not start the Java kernel: {first_line(str(e)) or type(e).__name__} "
                               f"(kernel log: {self.log_path})") from e

    def _stop(self):
        if self.stack is not None:
            with contextlib.suppress(Exception):
                self.stack.close()
            self.stack = None

    def _on_executed(self, cell, cell_index, execute_reply):
        self.client.last_reply = execute_reply

    def _execute(self, cell, index):
        """Runs one cell; returns (CellRun, 'ok' | 'timeout' | 'died')."""
        self.client.last_reply = None
        self.client.kept.pop(index, None)
        self.client.dropped.pop(index, None)
        started = time.monotonic()
        state = "ok"
        try:
            self.client.execute_cell(cell, index)
        except DeadKernelError:
            state = "died"
        except CellTimeoutError:
            state = "timeout"
        except CellControlSignal:
            raise
        except Exception as e:  # a kernel that stops answering in an unexpected way: treat as dead
            state = "died"
            self.log.write(f"grader: {type(e).__name__}: {e}\n")
        reply = (self.client.last_reply or {}).get("content", {})
        if state == "ok" and reply.get("ename") == TIMEOUT_ENAME:
            state = "timeout"
        run = collect(cell, self.client.dropped.get(index, 0))
        run.index, run.seconds = index, time.monotonic() - started
        return run, state

    def run(self, index: int, source: str | None = None, remember: bool = True) -> CellRun:
        """Runs cell `index` of the notebook, with `source` in place of its own if given."""
        if self.broken:
            return CellRun(index, ErrorInfo("not-run", self.broken))
        run, state = self._execute(self._cell(index, source), index)
        if state == "timeout":
            run.error = ErrorInfo("timeout", f"ran longer than {self.timeout} s (the time limit per cell) and was "
                                  f"stopped: an endless loop, or far too much work?")
            if not self._responsive():
                self._restart(f"the kernel did not stop after cell {index} timed out")
        elif state == "died":
            run.error = ErrorInfo("died", "the Java kernel died while running this cell (does the code call "
                                  "System.exit, or run out of memory?); the grader started a new one")
            self._restart(f"the kernel died in cell {index}")
        elif remember:
            self.history.append((index, source))
        return run

    def _cell(self, index: int, source: str | None):
        cell = copy.deepcopy(self.nb.cells[index])
        cell.outputs = []
        if source is not None:
            cell.source = source
        return cell

    def _responsive(self) -> bool:
        probe = nbformat.v4.new_code_cell("")
        probe.metadata["probe"] = True
        _, state = self._execute(probe, len(self.nb.cells))
        return state == "ok"

    def _restart(self, why: str):
        while not self.broken:
            self._stop()
            if self.restarts >= MAX_RESTARTS:
                self.broken = f"not run: {why}, and the kernel was already restarted {MAX_RESTARTS} times"
                return
            self.restarts += 1
            self.log.write(f"grader: restarting the kernel ({why})\n")
            try:
                self._start()
            except GradingError as e:
                self.broken = f"not run: {why}, and {e}"
                return
            if self._replay():
                return
            why = "the kernel died or hung again while the earlier cells were replayed"

    def _replay(self) -> bool:
        for index, source in self.history:
            _, state = self._execute(self._cell(index, source), index)
            if state != "ok":
                return False
        return True


@dataclass
class ExerciseResult:
    name: str
    points: int
    earned: int = 0
    status: str = "failed"      # passed | failed | not implemented yet
    message: str = ""           # why it failed, for the student
    kind: str = ""              # the ErrorInfo kind behind the message
    output: str = ""            # what the exercise and check cells printed (capped)
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    cell: int | None = None     # the exercise cell's index in the grading notebook
    check: int | None = None


@dataclass
class NotebookResult:
    path: str
    source: str
    exercises: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    cell_errors: list = field(default_factory=list)    # (index, kind, message, label): failed non-exercise cells
    stderr: list = field(default_factory=list)         # (cell index, first line) of every write to stderr
    seconds: float = 0.0
    cells: int = 0
    title: str = ""
    shown: dict = field(default_factory=dict)          # cell index -> {"images": n, "tables": n} it displayed

    @property
    def points(self) -> int:
        return sum(e.earned for e in self.exercises)

    @property
    def total(self) -> int:
        return sum(e.points for e in self.exercises)

    @property
    def passed(self) -> int:
        return sum(e.status == "passed" for e in self.exercises)


def _normal(text: str) -> str:
    return " ".join(text.split())


def signature_of(source: str) -> str | None:
    """The declaration line of the method that holds the solution region, whitespace-normalised."""
    lines = source.split("\n")
    begin = next((i for i, line in enumerate(lines) if course.BEGIN.match(line)), None)
    for line in reversed(lines[:begin] if begin is not None else []):
        if SIGNATURE.match(line) and "(" in line and not line.strip().startswith(("//", "*", "return", "throw")):
            return _normal(line.split("{")[0])
    return None


def match_exercises(exercises, source_nb, student_nb):
    """Maps each exercise name to (student cell index, how it was found), or (None, why) if not found."""
    cells = student_nb.cells
    code = [i for i, c in enumerate(cells) if c.cell_type == "code"]
    checks = {i for i in code if course.deepnets_metadata(cells[i]).get("check")}
    taken, found = set(), {}

    def take(exercise, index, how):
        taken.add(index)
        found[exercise.name] = (index, how)

    for exercise in exercises:
        for i in code:
            if i not in taken and course.deepnets_metadata(cells[i]).get("exercise") == exercise.name:
                take(exercise, i, "metadata")
                break
    for exercise in exercises:
        if exercise.name in found:
            continue
        cell_id = source_nb.cells[exercise.cell].get("id")
        by_id = [i for i in code if cells[i].get("id") == cell_id and i not in taken and i not in checks
                 and not course.deepnets_metadata(cells[i]).get("exercise")]
        texts = [i for i in code if i not in taken and i not in checks
                 and not course.deepnets_metadata(cells[i]).get("exercise")
                 and (f'{course.STUB_ERROR}("{exercise.name}")' in cells[i].source
                      or f"// {exercise.name}:" in cells[i].source
                      or f"BEGIN SOLUTION: {exercise.name}" in cells[i].source)]
        signature = signature_of(source_nb.cells[exercise.cell].source)
        by_signature = [i for i in code if signature and i not in taken and i not in checks
                        and not course.deepnets_metadata(cells[i]).get("exercise")
                        and any(_normal(line.split("{")[0]) == signature for line in cells[i].source.split("\n"))]
        same_place = (len(cells) == len(source_nb.cells) and exercise.cell in code and exercise.cell not in taken
                      and exercise.cell not in checks
                      and not course.deepnets_metadata(cells[exercise.cell]).get("exercise"))
        if by_id:
            take(exercise, by_id[0], "cell id")
        elif texts:
            take(exercise, texts[0], "exercise name in the cell")
        elif len(by_signature) == 1:
            take(exercise, by_signature[0], "method signature")
        elif same_place:
            take(exercise, exercise.cell, "cell position")
        else:
            found[exercise.name] = (None, "no cell of your notebook holds this exercise (deleted, moved into "
                                          "another cell, or turned into a Markdown cell?)")
    return found


def find_check(exercise, source_nb, student_nb):
    """The student's copy of an exercise's check cell, by metadata or cell id; None if deleted."""
    for cell in student_nb.cells:
        if cell.cell_type == "code" and course.deepnets_metadata(cell).get("check") == exercise.name:
            return cell
    cell_id = source_nb.cells[exercise.check].get("id")
    return next((c for c in student_nb.cells if c.cell_type == "code" and cell_id and c.get("id") == cell_id), None)


def cell_label(nb, index: int) -> str:
    """How the feedback names a cell: its number and its first line of code."""
    code = next((line.strip() for line in nb.cells[index].source.split("\n") if line.strip()), "")
    return f"Cell {index} (`{code[:60]}`)"


def notebook_title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            line = first_line(cell.source)
            if line.startswith("#"):
                return line.lstrip("#").strip()
    return ""


display_path = course.display


def read_notebook(path: Path):
    with open(path, encoding="utf-8") as f:
        return nbformat.read(f, as_version=4)


def assemble(exercises, source_nb, student_nb, results, notes):
    """The grading notebook: the source with the student's exercise cells in place of its own.

    Returns (notebook, exercise by exercise-cell index, exercise by check-cell index); marks exercises that
    cannot be graded (kind "missing") in `results` and adds what the student should know to `notes`.
    """
    nb = copy.deepcopy(source_nb)
    course.strip_outputs(nb)
    matched = match_exercises(exercises, source_nb, student_nb)
    by_cell, by_check = {}, {}
    for exercise in exercises:
        index, how = matched[exercise.name]
        r = results[exercise.name]
        if exercise.check is None:
            r.kind = "missing"
            r.message = ("the source notebook has no check cell for this exercise, so it cannot be graded "
                         "(tell your instructor)")
        if index is None:
            r.kind, r.message = "missing", how
        else:
            nb.cells[exercise.cell].source = student_nb.cells[index].source
            if how != "metadata":
                r.notes.append(f"Your exercise cell was found by its {how} (its metadata was lost).")
        if exercise.check is not None:
            mine = find_check(exercise, source_nb, student_nb)
            if mine is None:
                r.notes.append("You deleted this exercise's check cell; the grader ran the original check.")
            elif mine.source != source_nb.cells[exercise.check].source:
                r.notes.append("You edited this exercise's check cell; the grader ran the original check.")
            by_check[exercise.check] = exercise
        by_cell[exercise.cell] = exercise
    if course.has_outputs(student_nb):
        notes.append("Your notebook was saved with outputs; the grader ignored them and ran every cell afresh, "
                     "in order, in a new kernel.")
    known = {c.get("id") for c in source_nb.cells}
    used = {index for index, _ in matched.values()}
    unknown = sum(1 for i, c in enumerate(student_nb.cells)
                  if c.cell_type == "code" and c.get("id") and c.get("id") not in known and i not in used)
    if unknown:
        notes.append(f"Your notebook has {unknown} code cell(s) that the source notebook does not have; the "
                     f"grader ignores them (keep your code, helper methods included, inside the exercise cells).")
    return nb, by_cell, by_check


def grade(student: Path, source: Path, timeout: int = 60, log_path: Path | None = None, on_exercise=None,
          after_check=None, stop_on_error: bool = False, kernel_name: str = "java") -> NotebookResult:
    """Grades one notebook; see the module docstring.

    on_exercise(ExerciseResult) is called as each exercise finishes; after_check(session, exercise,
    ExerciseResult) right after a check cell ran (make test's mutation tests use it). stop_on_error ends the
    run at the first failing cell (make test on the source notebooks). Raises GradingError if grading
    cannot run at all. kernel_name (hook for tools/classroom, issue 15) picks the kernel spec, e.g. a
    sandboxed one.
    """
    started = time.monotonic()
    student, source = Path(student), Path(source)
    if not source.exists():
        raise GradingError(f"no source notebook {display_path(source)} for {display_path(student)}")
    try:
        source_nb = read_notebook(source)
    except Exception as e:
        raise GradingError(f"cannot read the source notebook {display_path(source)}: {first_line(str(e))}") from e
    exercises = course.exercises(source_nb, display_path(source), strict=False)
    result = NotebookResult(display_path(student), display_path(source), title=notebook_title(source_nb),
                            cells=sum(c.cell_type == "code" for c in source_nb.cells))
    results = {e.name: ExerciseResult(e.name, e.points, cell=e.cell, check=e.check) for e in exercises}
    result.exercises = [results[e.name] for e in exercises]

    def finish(exercise):
        r = results[exercise.name]
        if on_exercise:
            on_exercise(r)

    try:
        student_nb = read_notebook(student)
    except Exception as e:
        for exercise in exercises:
            results[exercise.name].message = f"your notebook could not be read: {first_line(str(e))}"
            results[exercise.name].kind = "missing"
            finish(exercise)
        result.notes.append(f"The notebook could not be read as a Jupyter notebook ({first_line(str(e))}). "
                            f"If it is broken, start from a fresh copy (see the README) and paste your code in.")
        result.seconds = time.monotonic() - started
        return result

    nb, by_cell, by_check = assemble(exercises, source_nb, student_nb, results, result.notes)

    log_path = log_path or course.ROOT / "build" / "notebook-logs" / (student.stem + ".grade.log")
    runs = {}
    stopped = None
    with Session(nb, source.parent, timeout, log_path, kernel_name=kernel_name) as session:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            exercise = by_check.get(index) or by_cell.get(index)
            if exercise and results[exercise.name].kind == "missing":
                if index == exercise.check or exercise.check is None:
                    finish(exercise)
                continue
            if stopped:
                run = CellRun(index, ErrorInfo("not-run", stopped))
            else:
                run = session.run(index)
            runs[index] = run
            result.shown[str(index)] = {"images": run.images, "tables": run.tables}
            if run.stderr.strip():
                result.stderr.append((index, first_line(run.stderr)))
            if run.dropped:
                note = f"printed more than {MAX_KEPT:,} characters; the last {run.dropped:,} were not kept"
                if exercise:
                    results[exercise.name].notes.append(f"Your code {note}.")
                else:
                    result.notes.append(f"{cell_label(nb, index)} {note}.")
            if exercise is None and run.error and run.error.kind != "not-run":
                result.cell_errors.append((index, run.error.kind, run.error.message, cell_label(nb, index)))
            if run.error and stop_on_error and not stopped:
                stopped = f"not run: cell {index} failed earlier"
            if exercise is not None and index == exercise.check:
                _settle(results[exercise.name], runs.get(exercise.cell), run)
                if after_check and not stopped:
                    after_check(session, exercise, results[exercise.name])
                finish(exercise)
        if session.restarts:
            result.notes.append(f"The kernel was restarted {session.restarts} time(s) during grading (a cell "
                                f"died or would not stop); the cells before it were replayed.")
    for index, line in result.stderr:
        exercise = by_check.get(index) or by_cell.get(index)
        if exercise:
            results[exercise.name].notes.append(f"Your code wrote to stderr: {line}")
        else:
            result.notes.append(f"{cell_label(nb, index)} wrote to stderr: {line}")
    result.seconds = time.monotonic() - started
    return result


def _settle(r: ExerciseResult, exercise_run: CellRun | None, check_run: CellRun):
    """Decides one exercise from its exercise cell's run and its check cell's run."""
    r.seconds = (exercise_run.seconds if exercise_run else 0.0) + check_run.seconds
    r.output = cap(((exercise_run.stdout if exercise_run else "") + check_run.stdout).strip())
    if exercise_run and exercise_run.error:
        e = exercise_run.error
        r.kind = e.kind
        prefix = "Your exercise cell " if e.kind in ("compile", "unresolved", "timeout") else ""
        r.message = prefix + e.message if prefix else f"Your exercise cell failed: {e.message}"
    elif check_run.error:
        e = check_run.error
        r.kind = e.kind
        if e.kind == "compile":
            r.message = ("The check cell " + e.message.replace("\n", " - did you rename the method, or change its "
                         "parameters or return type?\n", 1))
        elif e.kind == "not-implemented":
            r.status, r.message = "not implemented yet", e.message
        elif e.kind == "check":
            r.message = e.message
        elif e.kind == "unresolved":
            r.message = "Your exercise cell " + e.message
        elif e.kind in ("timeout", "died", "not-run"):
            r.message = "The check " + e.message if e.kind == "timeout" else e.message
        else:
            r.message = "An exception was thrown while the check ran your code: " + e.message
    else:
        r.status, r.earned, r.kind = "passed", r.points, ""


def to_json(results) -> str:
    return json.dumps([{**{k: v for k, v in asdict(r).items() if k != "exercises"},
                        "points": r.points, "total": r.total,
                        "exercises": [asdict(e) for e in r.exercises]} for r in results], indent=1)


def feedback_markdown(r: NotebookResult, when: str) -> str:
    """The feedback file a student opens: the score, a table, then each exercise's check message."""
    lines = [f"# Feedback: {r.title or Path(r.path).stem}", "",
             f"Graded {when} from `{r.path}`: in a new kernel, every cell in order, with the original check "
             f"cells of `{r.source}`.", "",
             f"**Score: {r.points} / {r.total} points** ({r.passed} of {len(r.exercises)} exercises passed).", "",
             "| exercise | points | result |", "|---|---|---|"]
    for e in r.exercises:
        result = e.status if e.status != "failed" else "failed: " + _md_cell(first_line(e.message))
        lines.append(f"| {_md_cell(e.name)} | {e.earned} / {e.points} | {result} |")
    for e in r.exercises:
        lines += ["", f"## {e.name}: {e.status} ({e.earned} / {e.points})", ""]
        if e.status == "passed":
            lines.append("The check passed.")
        elif e.status == "not implemented yet":
            lines.append("You have not written this exercise yet: replace the line "
                         "`throw new NotImplementedYet(...)` in the exercise cell with your code.")
        else:
            lines += ["What the check says:", "", _fence(e.message)]
        if e.output:
            lines += ["", "Output of your exercise and its check:", "", _fence(e.output)]
        for note in e.notes:
            lines += ["", f"Note: {note}"]
    other = [f"{label}: {first_line(message)}" for i, kind, message, label in r.cell_errors]
    if r.notes or other:
        lines += ["", "## Notes on the whole notebook", ""]
        lines += [f"- {note}" for note in r.notes]
        if other:
            lines.append("- These cells, which are not exercises, failed when run with your code "
                         "(cell numbers count every cell from 0):")
            lines += [f"  - {_md_cell(o)}" for o in other[:20]]
    lines += ["", "## How to use this", "",
              "Fix one exercise at a time: change your exercise cell, run it, then run its check cell, which "
              "gives the same message as above. Then grade again with `make grade` (or "
              f"`make grade NB={r.path}`). Only your exercise cells count: every other cell, the checks "
              "included, is taken from the original notebook.", ""]
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return cap(text, 200).replace("|", "\\|").replace("\n", " ")


def _fence(text: str) -> str:
    text = cap(text)
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"
