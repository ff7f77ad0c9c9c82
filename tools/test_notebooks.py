"""Tests the notebooks: executes them top to bottom in fresh kernels, grades them, and mutation-tests the checks.

  python tools/test_notebooks.py [--timeout SECONDS] [--jobs N] [PATH ...]

Without paths it runs every check `make test` needs:
  1. the source notebooks and the student copies are stored without outputs;
  2. the student copies are what `make student` generates from the source notebooks;
  3. the exercise metadata follows the convention (tools/course/): every exercise has its home in the library
     (deepnets.exercises: its check, known mistakes, bypass, points and held-out check, tested by the library's
     ExerciseHomesTest) and its cell names only the exercise; its hints; its check cell only hands the student's
     code to the home (Exercises.x().check(...), at most three lines, no loop);
  4. every source notebook (notebooks/solutions/) runs with no error at all and no output on stderr, and
     grading it gives full marks, held-out checks included;
  5. every student copy (notebooks/) runs, its only errors are the exercise stubs' NotImplementedYet, and
     grading it gives 0 points with only "not implemented yet" messages.
A path given on the command line gets step 4 (a source) or 5 (a student copy, if it sits in notebooks/).

With --record DIR, every source notebook that passes also leaves DIR/NN-name.json: its number of code cells
and, per code cell (by index in the notebook), how many images (image/png) and HTML tables it showed.
`make e2e` expects the browser to show the same.

Each notebook gets a fresh JJava kernel with a per-cell timeout, shut down immediately afterwards; --jobs
notebooks run at once. The kernels' logs go to build/notebook-logs/, so a clean run prints nothing but the
tables. The last line is 'N passed, N failed' (notebooks, checks and mistakes); the exit status is 1 if
anything failed.
"""
import argparse
import json
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import course
import grading

LOGS = course.ROOT / "build" / "notebook-logs"
CAUGHT = (grading.Kind.CHECK, grading.Kind.EXCEPTION)


@dataclass
class Outcome:
    name: str
    cells: str
    seconds: float
    ok: bool
    detail: str = ""
    points: str = ""
    mutation_seconds: float = 0.0   # spent on the mutation tests, not on running the notebook


@dataclass
class Mutation:
    notebook: str
    exercise: str
    mistake: str
    caught: bool
    how: str        # the check's error Kind; "passed" if the check passed; "invalid" if the mistake cannot run
    message: str


@dataclass
class Report:
    outcome: Outcome
    mutations: list = field(default_factory=list)


def first_failure(result: grading.NotebookResult, student: bool):
    """(cell index, whole message) of the first cell that failed in a way the notebook's kind does not allow:
    a check's cause and hint, a compile error's every compiler message with its line and column."""
    found = [(error.index, f"{error.kind}: {error.message.strip()}") for error in result.cell_errors
             if not (student and error.kind is grading.Kind.NOT_IMPLEMENTED)]
    found += [(wrote.index, "the cell wrote to stderr (a clean run prints nothing there): " + wrote.line)
              for wrote in result.stderr]
    for e in result.exercises:
        allowed = e.status is (grading.Status.NOT_IMPLEMENTED if student else grading.Status.PASSED)
        if not allowed:
            where = (e.check if e.kind not in (grading.Kind.COMPILE, grading.Kind.UNRESOLVED) or e.check is None
                     else e.cell)
            what = (f"{e.name} should fail only with NotImplementedYet in a student copy" if student
                    else f"{e.name} does not pass with its solution")
            found.append((where if where is not None else -1, f"{what}: {e.kind or e.status}: "
                          f"{e.message.strip()}"))
    return min(found, key=lambda f: f[0]) if found else None


def mutation_tester(label: str, mutations: list, spent: list | None = None):
    """An after_check hook: grades every mistake of an exercise in place of its solution, in the same kernel.

    Adds the seconds it takes to spent[0], if given, so that the notebook's own run time can be reported apart."""
    spent = spent if spent is not None else [0.0]

    def after_check(session, exercise, result):
        started = time.monotonic()
        try:
            check_mistakes(session, exercise, result)
        finally:
            spent[0] += time.monotonic() - started

    def check_mistakes(session, exercise, result):
        if result.status is not grading.Status.PASSED:
            return
        original = session.nb.cells[exercise.cell].source
        bypass = exercise.bypass_mistake()
        for mistake in exercise.mistakes + ([bypass] if bypass else []):
            try:
                code = course.replace_region(original, mistake.solution)
            except course.ConventionError as e:
                mutations.append(Mutation(label, exercise.name, mistake.name, False, "invalid", str(e)))
                continue
            run = session.run(exercise.cell, code, remember=False)
            if run.error:
                mutations.append(Mutation(label, exercise.name, mistake.name, False, "invalid",
                                          f"the mistake's code fails in the exercise cell itself: "
                                          f"{run.error.kind}: {grading.first_line(run.error.message)}"))
                continue
            check = session.run(exercise.check, remember=False)
            error = check.error
            if error is None:
                mutations.append(Mutation(label, exercise.name, mistake.name, False, grading.Status.PASSED,
                                          "the check PASSES with this mistake: make the check catch it"))
            elif error.kind not in CAUGHT:
                mutations.append(Mutation(label, exercise.name, mistake.name, False, error.kind,
                                          f"the check fails for the wrong reason ({error.kind}): "
                                          f"{grading.first_line(error.message)}"))
            elif mistake is bypass and not refuses_bypass(exercise, error):
                mutations.append(Mutation(label, exercise.name, mistake.name, False, error.kind,
                                          f"the check does not refuse the library call as \"your code calls "
                                          f"<one of {exercise.solved_by}>\" (a {grading.Kind.CHECK} failure): "
                                          f"{error.kind}: {grading.first_line(error.message)}"))
            elif mistake.expect and mistake.expect not in error.message:
                mutations.append(Mutation(label, exercise.name, mistake.name, False, error.kind,
                                          f"the check's message does not mention {mistake.expect!r}: "
                                          f"{grading.first_line(error.message)}"))
            else:
                mutations.append(Mutation(label, exercise.name, mistake.name, True, error.kind,
                                          grading.first_line(error.message)))
        # The solution by its own source: nbclient stores the last cell it ran in the notebook, so running the cell
        # by its index alone would run the last mistake again, and later cells would use it.
        restored = session.run(exercise.cell, original, remember=False)
        if restored.error:
            mutations.append(Mutation(label, exercise.name, "(restoring the solution)", False, restored.error.kind,
                                      grading.first_line(restored.error.message)))

    return after_check


def refuses_bypass(exercise: course.Exercise, error: grading.ErrorInfo) -> bool:
    """Whether a check's error is the guard's refusal of one of the exercise's solving entry points."""
    if error.kind is not grading.Kind.CHECK:
        return False
    found = re.search(re.escape(course.BYPASS_MESSAGE) + r"([\w$]+)\.([\w$]+)", error.message)
    if not found:
        return False
    called = f"{found.group(1)}.{found.group(2)}"
    return called in exercise.solved_by or f"{found.group(1)}.*" in exercise.solved_by


def write_record(record: Path, path: Path, result: grading.NotebookResult, passed: bool) -> None:
    record_path = record / (path.stem + ".json")
    record_path.unlink(missing_ok=True)
    if passed:
        record.mkdir(parents=True, exist_ok=True)
        counts = {"notebook": grading.display_path(path), "code_cells": result.cells, "cells": result.shown}
        record_path.write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")


def test_notebook(path: Path, student: bool, timeout: int, record: Path | None = None) -> Report:
    """Step 4 (a source notebook) or step 5 (a student copy) of the module docstring."""
    label = grading.display_path(path)
    source = course.SOLUTIONS / path.name if student else path
    mutations, spent = [], [0.0]
    log_path = LOGS / (path.stem + (".student" if student else "") + ".log")
    try:
        result = grading.grade(path, source, timeout=timeout, log_path=log_path, stop_on_error=not student,
                               after_check=None if student else mutation_tester(path.stem, mutations, spent))
    except grading.GradingError as e:
        return Report(Outcome(label, "-", 0.0, False, f"{label}: {e}"))
    except course.ConventionError as e:
        return Report(Outcome(label, "-", 0.0, False, f"{label}: {e}"))
    failure = first_failure(result, student)
    expected = 0 if student else result.total
    points = f"{result.points}/{result.total}"
    if failure is None and result.points != expected:
        failure = (-1, f"grading gave {points} points; expected {expected}/{result.total}")
    detail = f"{label}: cell {failure[0]}: {failure[1]}" if failure else ""
    if record and not student:
        write_record(record, path, result, failure is None)
    return Report(Outcome(label, str(result.cells), result.seconds - spent[0], failure is None, detail, points,
                          spent[0]), mutations)


def check_clean(paths) -> Outcome:
    dirty = []
    for path in paths:
        cells = course.has_outputs(nbformat.read(path, as_version=4))
        if cells:
            dirty.append(f"{path.relative_to(course.ROOT)} has outputs in cells {cells}")
    detail = "; ".join(dirty) + ("; run `make strip`" if dirty else "")
    return Outcome("notebooks stored without outputs", str(len(paths)) + " nb", 0.0, not dirty, detail)


def check_sync() -> Outcome:
    stale, problems = course.stale_student_copies()
    problems = [f"{course.display(target)} differs from its generated version" for target in stale] + problems
    detail = "; ".join(problems) + ("; run `make student`" if problems else "")
    return Outcome("student copies in sync", f"{len(course.solution_notebooks())} nb", 0.0, not problems, detail)


def check_metadata(paths) -> Outcome:
    problems, count = [], 0
    for path in paths:
        nb, where = nbformat.read(path, as_version=4), grading.display_path(path)
        try:
            found = course.exercises(nb, where)
        except course.ConventionError as e:
            problems.append(str(e))
            found = course.exercises(nb, where, strict=False)
        count += len(found)
        problems += course.guard_problems(nb, found, where)
        problems += [f"{where}, cell {e.cell} ({e.name}): its check and mistakes are in the notebook's metadata; "
                     f"move them into its home in deepnets.exercises (docs/instructors.md, Adding an exercise)"
                     for e in found if not e.home]
    return Outcome("exercise metadata", f"{count} ex", 0.0, not problems, "; ".join(problems))


def print_row(outcome: Outcome, uncaught: int = 0) -> None:
    result = "FAILED" if not outcome.ok else f"ok, but {uncaught} mistake(s) NOT caught" if uncaught else "ok"
    mutations = f"{outcome.mutation_seconds:>9.1f}" if outcome.mutation_seconds else " " * 9
    print(f"{outcome.name:<50} {outcome.cells:>6} {outcome.seconds:>8.1f} {mutations} {outcome.points:>7}  {result}",
          flush=True)


def print_mutations(mutations) -> None:
    if not mutations:
        return
    print()
    print("mutation tests: each listed mistake in place of the solution; its check must fail")
    print(f"{'notebook':<22} {'exercise':<34} {'mistake':<34} {'caught':<6}  check's message")
    print("-" * 130)
    for m in mutations:
        caught = "yes" if m.caught else "NO"
        print(f"{m.notebook[:22]:<22} {m.exercise[:34]:<34} {m.mistake[:34]:<34} {caught:<6}  {m.message[:200]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=120, help="seconds a single cell may run (default 120)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default 2)")
    parser.add_argument("--record", type=Path, metavar="DIR",
                        help="write DIR/NN-name.json with the image and table counts of each passing source notebook")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()

    started = time.monotonic()
    print(f"{'notebook':<50} {'cells':>6} {'seconds':>8} {'mistakes':>9} {'points':>7}  result")
    print("-" * 92)
    outcomes, mutations = [], []

    def record(outcome, uncaught=0):
        outcomes.append(outcome)
        print_row(outcome, uncaught)

    if args.paths:
        jobs = [(path.resolve(), path.resolve().parent == course.NOTEBOOKS) for path in args.paths]
    else:
        solutions, students = course.solution_notebooks(), course.student_notebooks()
        record(check_clean(solutions + students))
        record(check_sync())
        record(check_metadata(solutions))
        jobs = [(path, False) for path in solutions] + [(path, True) for path in students]

    reports = {}
    if args.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            futures = {pool.submit(test_notebook, path, student, args.timeout, args.record): (path, student)
                       for path, student in jobs}
            for future in as_completed(futures):
                report = future.result()
                reports[futures[future]] = report
                record(report.outcome, sum(not m.caught for m in report.mutations))
    else:
        for path, student in jobs:
            report = test_notebook(path, student, args.timeout, args.record)
            reports[(path, student)] = report
            record(report.outcome, sum(not m.caught for m in report.mutations))
    for job in jobs:
        mutations += reports[job].mutations

    print_mutations(mutations)
    failed = [o.detail for o in outcomes if not o.ok]
    failed += [f"{m.notebook}: {m.exercise}: mistake '{m.mistake}': {m.message}" for m in mutations if not m.caught]
    total = len(outcomes) + len(mutations)
    print("-" * 78)
    print(f"notebook time: {sum(o.seconds for o in outcomes):.1f} s running notebooks, "
          f"{sum(o.mutation_seconds for o in outcomes):.1f} s mutation tests; wall time: "
          f"{time.monotonic() - started:.1f} s with {args.jobs} at once")
    for detail in failed:   # the whole message, its later lines indented under the first
        print("FAILED " + "\n       ".join(detail.rstrip().split("\n")))
    print(f"{total - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
