"""Runs the course notebooks headlessly, top to bottom, each in a fresh kernel (make test; make check: --quick).

  python tools/run_notebooks.py [--timeout SECONDS] [--jobs N] [NOTEBOOK ...]   every notebook, or those given
  python tools/run_notebooks.py --quick                                 the set-up check: the library, notebook 00

A notebook passes when no cell fails, except a check that fails because its exercise is still the stub
(NotImplementedYet: you have not written it yet). For every other failing cell it prints the cell's number
and first line, then the whole message: a check's cause and hint, an exception with where it was thrown,
a compile error with each compiler message, its line and column. Exit status 1 if any notebook failed.
"""
import argparse
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import grading  # noqa: E402
from grading.errors import compile_message  # noqa: E402

QUICK = "00-start-here.ipynb"


def failures(nb):
    """(cell index, the cell's first line of code, the whole message) of every failing cell but the stubs'."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            info = grading.describe_error(output)
            if info.kind is grading.Kind.NOT_IMPLEMENTED:
                continue
            message = compile_message(info.compile_errors, cell.source) if info.compile_errors else info.message
            check = cell.get("metadata", {}).get("deepnets", {}).get("check")
            code = next((line.strip() for line in cell.source.split("\n") if any(ch.isalnum() for ch in line)), "")
            yield index, f"the check of {check}" if check else f"`{code[:60]}`", message


def self_check() -> list:
    """What is wrong with the set-up before any notebook runs: the library's jar and the kernel's classpath."""
    problems = []
    jar = ROOT / "lib" / "target" / "deepnets.jar"
    if not jar.is_file():
        problems.append(f"the library {jar.relative_to(ROOT)} is not built: run make setup")
    spec = ROOT / ".venv" / "share" / "jupyter" / "kernels" / "java" / "kernel.json"
    if not spec.is_file():
        problems.append(f"the Java kernel is not installed ({spec.relative_to(ROOT)}): run make setup")
        return problems
    env = json.loads(spec.read_text(encoding="utf-8")).get("env", {})
    for entry in filter(None, env.get("JJAVA_CLASSPATH", "").split(":")):
        if not Path(entry[:-2] if entry.endswith("/*") else entry).exists():   # a folder/* names its jars
            problems.append(f"the kernel's classpath names {entry}, which does not exist (was the course folder "
                            f"moved?): run make clean-venv && make setup")
    return problems


def run(path: Path, timeout: int, logs: Path):
    """Runs one notebook; returns (passed, what to print)."""
    nb = nbformat.read(path, as_version=4)
    started = time.monotonic()
    client = NotebookClient(nb, timeout=timeout, kernel_name="java", allow_errors=True,
                            shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}})
    with open(logs / (path.stem + ".log"), "w", encoding="utf-8") as log:
        try:
            client.execute(stdout=log, stderr=log)
        except Exception as e:  # a timeout or a dead kernel
            return False, f"{path.name}: FAILED: {type(e).__name__}: {grading.first_line(str(e))}"
    stubs = sum(1 for cell in nb.cells for output in cell.get("outputs", [])
                if output.get("output_type") == "error" and grading.describe_error(output).kind
                is grading.Kind.NOT_IMPLEMENTED)
    failed = list(failures(nb))
    seconds = time.monotonic() - started
    if failed:
        lines = [f"{path.name}: FAILED ({seconds:.1f} s), {len(failed)} cell(s):"]
        for index, code, message in failed:
            lines.append(f"  cell {index}, {code}:")
            lines += [f"      {line}".rstrip() for line in message.strip().split("\n")]
        return False, "\n".join(lines)
    note = f"; {stubs} check(s) wait for your exercise" if stubs else ""
    return True, f"{path.name}: passed ({seconds:.1f} s{note})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks run at once (default 2)")
    parser.add_argument("--quick", action="store_true", help="the set-up check: the library, then notebook 00")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    if args.quick:
        problems = self_check()
        for problem in problems:
            print(f"check: {problem}")
        if problems:
            return 1
        print("check: the library and the Java kernel are installed; running notebook 00 in a fresh kernel")
        paths = [ROOT / "notebooks" / QUICK]
    else:
        paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"test: no such notebook: {', '.join(map(str, missing))} (the notebooks are notebooks/NN-name.ipynb)")
        return 2
    logs = ROOT / "build" / "notebook-logs"
    logs.mkdir(parents=True, exist_ok=True)
    failed = 0
    with ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(paths)))) as pool:
        for future in as_completed([pool.submit(run, path, args.timeout, logs) for path in paths]):
            passed, text = future.result()
            failed += not passed
            print(text, flush=True)
    print(f"{len(paths) - failed} notebook(s) passed, {failed} failed")
    if args.quick and not failed:
        print("check: your set-up works. make test runs every notebook; make grade grades your exercises")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
