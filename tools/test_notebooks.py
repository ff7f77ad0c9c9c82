"""Executes notebooks top to bottom in fresh kernels and prints one line per notebook.

  python tools/test_notebooks.py [--timeout SECONDS] [PATH ...]

Without paths it runs every check `make test` needs, in this order:
  1. the source notebooks and the student copies are stored without outputs;
  2. the student copies are in sync with the source notebooks (tools/make_student.py);
  3. every source notebook (notebooks/solutions/) runs with no error at all;
  4. every student copy (notebooks/) runs, and its only errors are the exercise stubs' NotImplementedYet.
A path given on the command line is executed alone (a student copy if it sits in notebooks/, else a source).

With --record DIR, every source notebook that runs cleanly also leaves DIR/NN-name.json: per code cell, how
many images (image/png) and HTML tables its outputs hold. `make e2e` expects the browser to show the same.

Each notebook gets a fresh JJava kernel, a per-cell timeout, and is shut down immediately afterwards.
The kernel's own log goes to build/notebook-logs/, so a clean run prints nothing but the table.
The last line is 'N passed, N failed'; the exit status is 1 if anything failed.
"""
import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

import course

LOGS = course.ROOT / "build" / "notebook-logs"


@dataclass
class Outcome:
    name: str
    cells: str
    seconds: float
    ok: bool
    detail: str = ""


def first_line(text: str) -> str:
    text = (text or "").strip()
    return text.splitlines()[0] if text else ""


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def error_message(output) -> str:
    """The error as the student sees it: the exception line, or the compiler's messages."""
    lines = [ANSI.sub("", line).rstrip() for line in output.get("traceback", [])]
    lines = [line for line in lines if line.strip()]
    if output.get("ename") == "CompilationException" and lines:
        return "does not compile: " + " | ".join(line.strip() for line in lines[:6])
    return lines[0] if lines else f"{output.get('ename', '')}: {output.get('evalue', '')}"


def error_outputs(nb):
    """(cell index, ename, message) for every error output, and every write to stderr, in order."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((index, output.get("ename", ""), error_message(output)))
            elif output.get("output_type") == "stream" and output.get("name") == "stderr":
                found.append((index, "stderr", "the cell wrote to stderr (a clean run prints nothing there): "
                              + first_line(output.get("text", ""))))
    return found


def is_stub(ename: str, message: str) -> bool:
    return ename != "stderr" and message.startswith("deepnets." + course.STUB_ERROR + ":")


def display_name(path: Path) -> str:
    try:
        return str(path.relative_to(course.ROOT))
    except ValueError:
        return str(path)


def output_counts(nb) -> dict:
    """What a clean run showed: code cells, and per code cell (by index in nb.cells) its images and tables."""
    cells = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        bundles = [o.get("data", {}) for o in cell.get("outputs", [])
                   if o.get("output_type") in ("display_data", "execute_result")]
        cells[str(index)] = {
            "images": sum(1 for b in bundles if "image/png" in b),
            "tables": sum(1 for b in bundles if "<table" in "".join(b.get("text/html", ""))),
        }
    return {"code_cells": len(cells), "cells": cells}


def execute(path: Path, student: bool, timeout: int, record: Path = None) -> Outcome:
    label = display_name(path)
    nb = nbformat.read(path, as_version=4)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
    current = {"index": None}

    def on_cell_start(cell, cell_index):
        current["index"] = cell_index

    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / (path.stem + (".student" if student else "") + ".log")
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="java",
        shutdown_kernel="immediate",
        allow_errors=student,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=on_cell_start,
    )
    started = time.monotonic()
    with open(log_path, "w", encoding="utf-8") as log:
        try:
            client.execute(stderr=log, stdout=log)
            errors = error_outputs(nb)
            failure = errors[0] if errors and not student else None
        except CellTimeoutError:
            failure = (current["index"], "timeout", f"the cell ran longer than {timeout} s and was stopped")
        except CellExecutionError:
            errors = error_outputs(nb)
            index, ename, evalue = errors[0] if errors else (current["index"], "error", "see the log")
            failure = (index, ename, evalue)
        except DeadKernelError as e:
            failure = (current["index"], "dead kernel", f"{first_line(str(e))} (kernel log: {log_path})")
    seconds = time.monotonic() - started
    if failure is None and student:
        for index, ename, evalue in error_outputs(nb):
            if not is_stub(ename, evalue):
                failure = (index, ename, evalue + " (a student copy may only fail with an exercise stub's "
                                                  "NotImplementedYet; later cells must not depend on exercises)")
                break
    if record and not student:
        record_path = record / (path.stem + ".json")
        record_path.unlink(missing_ok=True)
        if not failure:
            record.mkdir(parents=True, exist_ok=True)
            counts = {"notebook": label, **output_counts(nb)}
            record_path.write_text(json.dumps(counts, indent=1) + "\n", encoding="utf-8")
    if failure:
        index, ename, evalue = failure
        detail = f"{label}: cell {index}: {ename}: {first_line(evalue)}"
        return Outcome(label, str(code_cells), seconds, False, detail)
    return Outcome(label, str(code_cells), seconds, True)


def check_clean(paths) -> Outcome:
    dirty = []
    for path in paths:
        cells = course.has_outputs(nbformat.read(path, as_version=4))
        if cells:
            dirty.append(f"{path.relative_to(course.ROOT)} has outputs in cells {cells}")
    detail = "; ".join(dirty) + ("; run `make strip`" if dirty else "")
    return Outcome("notebooks stored without outputs", str(len(paths)) + " nb", 0.0, not dirty, detail)


def check_sync() -> Outcome:
    problems = []
    names = set()
    for solution in course.solution_notebooks():
        names.add(solution.name)
        target = course.student_path(solution)
        try:
            expected = course.serialize(course.student_copy(solution))
        except course.ConventionError as e:
            problems.append(str(e))
            continue
        if not target.exists() or target.read_text(encoding="utf-8") != expected:
            problems.append(f"{target.relative_to(course.ROOT)} differs from its generated version")
    problems += [f"{p.relative_to(course.ROOT)} has no source notebook" for p in course.student_notebooks()
                 if p.name not in names]
    detail = "; ".join(problems) + ("; run `make student`" if problems else "")
    return Outcome("student copies in sync", str(len(names)) + " nb", 0.0, not problems, detail)


def print_row(outcome: Outcome) -> None:
    result = "ok" if outcome.ok else "FAILED"
    print(f"{outcome.name:<52} {outcome.cells:>6} {outcome.seconds:>8.1f}  {result}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=120, help="seconds a single cell may run (default 120)")
    parser.add_argument("--record", type=Path, metavar="DIR",
                        help="write DIR/NN-name.json with the image and table counts of each clean source notebook")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args()

    print(f"{'notebook':<52} {'cells':>6} {'seconds':>8}  result")
    print("-" * 78)
    outcomes = []

    def record(outcome):
        outcomes.append(outcome)
        print_row(outcome)

    if args.paths:
        for path in args.paths:
            path = path.resolve()
            record(execute(path, student=path.parent == course.NOTEBOOKS, timeout=args.timeout,
                           record=args.record))
    else:
        solutions, students = course.solution_notebooks(), course.student_notebooks()
        record(check_clean(solutions + students))
        record(check_sync())
        for path in solutions:
            record(execute(path, student=False, timeout=args.timeout, record=args.record))
        for path in students:
            record(execute(path, student=True, timeout=args.timeout))

    failed = [o for o in outcomes if not o.ok]
    executed = sum(o.seconds for o in outcomes)
    print("-" * 78)
    print(f"notebook time: {executed:.1f} s")
    for outcome in failed:
        print(f"FAILED {outcome.detail}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
