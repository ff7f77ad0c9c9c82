"""The grading loop: runs the grading notebook in a Session and decides each exercise."""
import re
import time
from pathlib import Path

import nbformat

import course
from .errors import compile_message
from .fresh import Outcome, check_all, split_imports
from .matching import assemble, exact_imports, shadowing
from .results import (CellError, CellRun, ErrorInfo, ExerciseResult, GradingError, Kind, NotebookResult, Status,
                      StderrLine, cap, first_line)
from .session import MAX_DISPLAY, MAX_KEPT, MAX_OUTPUTS, Session

display_path = course.display


def read_notebook(path: Path):
    with open(path, encoding="utf-8") as f:
        return nbformat.read(f, as_version=4)


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


def grade(student: Path, source: Path, timeout: int = 60, log_path: Path | None = None, on_exercise=None,
          after_check=None, stop_on_error: bool = False, kernel_name: str = "java",
          held_out: str | None = "auto", fresh: bool = True) -> NotebookResult:
    """Grades one notebook; see the package docstring.

    held_out is the held-out checks' jar as the kernel sees it ("auto": course.heldout_jar() on this machine;
    None: none). Where there is one, an exercise whose home is in deepnets.exercises earns its points only if its
    visible check and its held-out check (other inputs, edge cases) pass in a JVM of their own, on its exercise cell
    compiled as a class (fresh.py; fresh=False: in the kernel instead, after the check cell, as before issue 25).
    The kernel's run of the notebook then only gives the student's feedback.

    on_exercise(ExerciseResult) is called as each exercise finishes; after_check(session, exercise,
    ExerciseResult) right after a check cell ran (make test's mutation tests use it). stop_on_error ends the
    run at the first failing cell (make test on the source notebooks). kernel_name picks the kernel spec
    (tools/classroom grades with a sandboxed one). Raises GradingError if grading cannot run at all.
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
    results = {e.name: ExerciseResult(e.name, e.points, cell=e.cell, check=e.check,
                                      hints=e.short_name if e.hints else "") for e in exercises}
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
            results[exercise.name].kind = Kind.MISSING
            finish(exercise)
        result.notes.append(f"The notebook could not be read as a Jupyter notebook ({first_line(str(e))}). "
                            f"If it is broken, start from a fresh copy (see the README) and paste your code in.")
        result.seconds = time.monotonic() - started
        return result

    nb, by_cell, by_check = assemble(exercises, source_nb, student_nb, results, result.notes)

    log_path = log_path or course.ROOT / "build" / "notebook-logs" / (student.stem + ".grade.log")
    runs = {}
    stopped = None
    imported = exact_imports(source_nb)
    if held_out == "auto":
        jar = course.heldout_jar()
        held_out = str(jar) if jar else None
    fresh = bool(fresh and held_out and any(e.home for e in exercises))
    prelude = (f"%classpath {held_out}",) if held_out and not fresh and any(e.home for e in exercises) else ()
    deferred = []
    with Session(nb, source.parent, timeout, log_path, kernel_name=kernel_name, prelude=prelude) as session:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            exercise = by_check.get(index) or by_cell.get(index)
            if exercise and results[exercise.name].kind is Kind.MISSING:
                if index == exercise.check or exercise.check is None:
                    finish(exercise)
                continue
            shadows = shadowing(cell.source, imported) if exercise and index == exercise.cell else []
            if stopped:
                run = CellRun(index, ErrorInfo(Kind.NOT_RUN, stopped))
            elif shadows:
                # Not run: in JShell a class of that name would clash with the check cells' exact import of the
                # library's class, and every later cell of the notebook would stop compiling.
                names = ", ".join(f"`{name.rsplit('.', 1)[1]}`" for name in shadows)
                run = CellRun(index, ErrorInfo(Kind.COMPILE, f"was not run: it declares a class {names}, the name "
                                               f"of a class the checks use ({', '.join(shadows)}); rename yours"))
            else:
                run = session.run(index)
                if run.error and run.error.compile_errors:   # the compiler's errors by line and column of the cell
                    run.error.message = compile_message(run.error.compile_errors, cell.source)
            runs[index] = run
            result.shown[str(index)] = {"images": run.images, "tables": run.tables, "charts": run.charts,
                                        "chart_kinds": run.chart_kinds}
            if run.stderr.strip():
                result.stderr.append(StderrLine(index, first_line(run.stderr)))
            cut = []
            if run.dropped:
                cut.append(f"printed more than {MAX_KEPT:,} characters; the last {run.dropped:,} were not kept")
            if run.dropped_displays:
                cut.append(f"displayed more than {MAX_DISPLAY:,} characters of images, HTML or charts (or more "
                           f"than {MAX_OUTPUTS:,} outputs); the last {run.dropped_displays:,} characters were not kept")
            for note in cut:
                if exercise:
                    results[exercise.name].notes.append(f"Your code {note}.")
                else:
                    result.notes.append(f"{cell_label(nb, index)} {note}.")
            if exercise is None and run.error and run.error.kind is not Kind.NOT_RUN:
                result.cell_errors.append(CellError(index, run.error.kind, run.error.message, cell_label(nb, index)))
            if run.error and stop_on_error and not stopped:
                stopped = f"not run: cell {index} failed earlier"
            if exercise is not None and index == exercise.check:
                settle(results[exercise.name], runs.get(exercise.cell), run)
                if prelude and exercise.home and results[exercise.name].status is Status.PASSED:
                    held_out_check(session, results[exercise.name])
                if fresh and exercise.home:
                    deferred.append(exercise)
                    continue
                blame_earlier(results, exercises, exercise, source_nb, nb.cells[exercise.cell].source)
                if after_check and not stopped:
                    after_check(session, exercise, results[exercise.name])
                finish(exercise)
        if session.restarts:
            result.notes.append(f"The kernel was restarted {session.restarts} time(s) during grading (a cell "
                                f"died or would not stop); the cells before it were replayed.")
    if deferred:
        # The points: each exercise's checks in a JVM of its own (fresh.py), after the kernel is gone.
        graded = [e for e in exercises if e.home and results[e.name].kind is not Kind.MISSING]
        todo = []
        for exercise in deferred:
            cells = [(e.short_name, nb.cells[e.cell].source) for e in graded[:graded.index(exercise) + 1]]
            imports = [line for i, c in enumerate(nb.cells) if c.cell_type == "code" and i < exercise.check
                       and i not in by_cell for line in split_imports(c.source)[0]]
            todo.append((exercise.name, cells, imports, nb.cells[exercise.check].source))
        outcomes = check_all(kernel_name, timeout, todo)
        for exercise in deferred:
            decide(results[exercise.name], outcomes[exercise.name])
            blame_earlier(results, exercises, exercise, source_nb, nb.cells[exercise.cell].source)
            finish(exercise)
    for wrote in result.stderr:
        exercise = by_check.get(wrote.index) or by_cell.get(wrote.index)
        if exercise:
            results[exercise.name].notes.append(f"Your code wrote to stderr: {wrote.line}")
        else:
            result.notes.append(f"{cell_label(nb, wrote.index)} wrote to stderr: {wrote.line}")
    result.seconds = time.monotonic() - started
    return result


def decide(r: ExerciseResult, outcome: Outcome):
    """Gives an exercise its points from its check run in a JVM of its own (fresh.py); the kernel's outcome (already
    in r) stays the feedback when both failed, since it names the notebook's own cells."""
    r.seconds += outcome.seconds
    r.held_out = outcome.held_out
    if outcome.status == "passed":
        if r.status is not Status.PASSED:
            r.notes.append(f"In the notebook's kernel this exercise failed ({first_line(r.message)}); its points come "
                           f"from the grader's own check run (your exercise cell compiled on its own, in a JVM of "
                           f"its own), which it passed.")
        r.status, r.earned, r.kind, r.message = Status.PASSED, r.points, None, ""
        return
    r.earned = 0
    if r.status is Status.PASSED or not r.message:
        passed_in_kernel = r.status is Status.PASSED and outcome.held_out != "failed"
        r.status = Status.NOT_IMPLEMENTED if outcome.status == "not-implemented" else Status.FAILED
        r.kind, r.message = outcome.kind, outcome.message
        if passed_in_kernel and not outcome.message.startswith("In the grader's"):
            r.message = ("Passed in the notebook's kernel, but not in the grader's own check run (your exercise cell "
                         "compiled alone, in a JVM of its own): " + r.message)
        if outcome.output and not r.output:
            r.output = cap(outcome.output)


def held_out_check(session: Session, r: ExerciseResult):
    """Runs the held-out check of an exercise whose visible check passed, on the code that check received; a
    failure takes the points back and says which property failed (never the expected values)."""
    name = r.name.replace("\\", "\\\\").replace('"', '\\"')
    run = session.run_extra(f'deepnets.heldout.HeldOut.run("{name}");')
    r.seconds += run.seconds
    if run.error is None:
        r.held_out = "passed"
        return
    r.held_out = "failed"
    r.status, r.earned, r.kind = Status.FAILED, 0, run.error.kind
    r.message = ("Your code passes the check cell, but not the held-out check that grading adds: "
                 + run.error.message)


def blame_earlier(results: dict, exercises, exercise, source_nb, student_source: str):
    """An exercise that failed while its code calls an earlier exercise's method that does not pass either
    (07: a cross-entropy that calls the student's own softmax): its message says which exercise to fix first,
    so that one mistake is not read as two."""
    r = results[exercise.name]
    if r.status is Status.PASSED:
        return
    code = course.java_code(student_source)
    for earlier in exercises:
        if earlier.name == exercise.name:
            break
        if results[earlier.name].status is Status.PASSED:
            continue
        called = sorted(name for name in course.declared_methods(source_nb.cells[earlier.cell].source)
                        if re.search(r"(?<![\w$.])" + re.escape(name) + r"\s*\(", code)
                        and name not in course.declared_methods(student_source))
        if called:
            r.message = (f"{r.message}\nYour code calls {', '.join(called)} from {earlier.name}, which does not "
                         f"pass its own check ({results[earlier.name].status}): fix {earlier.name} first; this "
                         f"failure may come from there.").lstrip("\n")
            if r.status is Status.NOT_IMPLEMENTED:   # the earlier exercise's stub threw, not this one's
                r.status = Status.FAILED


def settle(r: ExerciseResult, exercise_run: CellRun | None, check_run: CellRun):
    """Decides one exercise from its exercise cell's run and its check cell's run."""
    r.seconds = (exercise_run.seconds if exercise_run else 0.0) + check_run.seconds
    r.output = cap(((exercise_run.stdout if exercise_run else "") + check_run.stdout).strip())
    if exercise_run and exercise_run.error:
        e = exercise_run.error
        r.kind = e.kind
        prefix = "Your exercise cell " if e.kind in (Kind.COMPILE, Kind.UNRESOLVED, Kind.TIMEOUT) else ""
        r.message = prefix + e.message if prefix else f"Your exercise cell failed: {e.message}"
    elif check_run.error:
        e = check_run.error
        r.kind = e.kind
        if e.kind is Kind.COMPILE:
            r.message = ("The check cell " + e.message + "\nDid you rename the method, or change its parameters or "
                         "return type? The check calls it as the exercise's text says.")
        elif e.kind is Kind.NOT_IMPLEMENTED:
            r.status, r.message = Status.NOT_IMPLEMENTED, e.message
        elif e.kind is Kind.CHECK:
            r.message = e.message
        elif e.kind is Kind.UNRESOLVED:
            r.message = "Your exercise cell " + e.message
        elif e.kind is Kind.TIMEOUT:
            r.message = "The check " + e.message
        elif e.kind in (Kind.DIED, Kind.NOT_RUN):
            r.message = e.message
        else:
            r.message = "An exception was thrown while the check ran your code: " + e.message
    else:
        r.status, r.earned, r.kind = Status.PASSED, r.points, None
