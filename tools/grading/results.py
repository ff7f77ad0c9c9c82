"""What grading produces: the kinds of error, the statuses of an exercise, and the result records."""
import enum
from dataclasses import dataclass, field

MAX_SHOWN = 3_000        # characters of a message or an output shown in the feedback


class _Word(str, enum.Enum):
    """An enum whose members read as their value in messages, JSON and comparisons with text."""

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


class Kind(_Word):
    """Why a cell failed."""
    COMPILE = "compile"                  # the cell does not compile
    UNRESOLVED = "unresolved"            # the cell uses a name no cell defines
    CHECK = "check"                      # a check failed (CheckFailure or AssertionError)
    NOT_IMPLEMENTED = "not-implemented"  # the exercise stub's NotImplementedYet
    EXCEPTION = "exception"              # any other Java exception
    TIMEOUT = "timeout"                  # the cell ran past its time limit
    DIED = "died"                        # the kernel died while running the cell
    MISSING = "missing"                  # the exercise (or its check) cannot be graded
    NOT_RUN = "not-run"                  # the cell was not run (kernel given up, or stopped at an earlier error)


class Status(_Word):
    """An exercise's result."""
    PASSED = "passed"
    FAILED = "failed"
    NOT_IMPLEMENTED = "not implemented yet"


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
    """An error as a student should read it."""
    kind: Kind
    message: str
    exception: str = ""
    compile_errors: list = field(default_factory=list)   # Kind.COMPILE: (code line, column, width, text) each


@dataclass
class CellRun:
    """What one cell did when it ran."""
    index: int
    error: ErrorInfo | None = None
    stdout: str = ""
    stderr: str = ""
    dropped: int = 0    # characters of output not kept
    dropped_displays: int = 0  # characters of display data (images, HTML, charts) not kept
    seconds: float = 0.0
    images: int = 0     # image/png outputs (charts) the cell showed
    charts: int = 0     # interactive Vega-Lite charts (their PNG fallback is not counted in images)
    chart_kinds: list = field(default_factory=list)  # per chart: its interactions, e.g. ["brush", "tooltip"]
    tables: int = 0     # HTML tables the cell showed


@dataclass
class CellError:
    """A cell that is not part of an exercise failed."""
    index: int
    kind: Kind
    message: str
    label: str          # how the feedback names the cell (cell_label)


@dataclass
class StderrLine:
    """A cell wrote to stderr: its first line."""
    index: int
    line: str


@dataclass
class ExerciseResult:
    name: str
    points: int
    earned: int = 0
    status: Status = Status.FAILED
    message: str = ""           # why it failed, for the student
    kind: Kind | None = None    # the ErrorInfo kind behind the message
    output: str = ""            # what the exercise and check cells printed (capped)
    notes: list = field(default_factory=list)
    seconds: float = 0.0
    cell: int | None = None     # the exercise cell's index in the grading notebook
    check: int | None = None
    hints: str = ""             # where the notebook's hints are, e.g. "Exercise 2"; "" if it has none
    held_out: str = ""          # the held-out check: "passed", "failed", "" when it did not run (see grader.grade)


@dataclass
class NotebookResult:
    path: str
    source: str
    exercises: list = field(default_factory=list)      # ExerciseResult, in notebook order
    notes: list = field(default_factory=list)
    cell_errors: list = field(default_factory=list)    # CellError: failed non-exercise cells
    stderr: list = field(default_factory=list)         # StderrLine: every write to stderr
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
        return sum(e.status == Status.PASSED for e in self.exercises)
