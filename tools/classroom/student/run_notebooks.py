"""Runs the course notebooks headlessly, top to bottom, each in a fresh kernel (make test).

  python tools/run_notebooks.py [--timeout SECONDS] [NOTEBOOK ...]

A notebook passes when no cell fails, except a check that fails because its exercise is still the stub
(NotImplementedYet: you have not written it yet). It prints one line per notebook: passed, or the first
failing cell and its error. Exit status 1 if any notebook failed.
"""
import argparse
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def errors(nb):
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                text = ANSI.sub("", "\n".join(output.get("traceback", [])) or output.get("evalue", ""))
                yield index, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=120, help="seconds a cell may run")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    logs = ROOT / "build" / "notebook-logs"
    logs.mkdir(parents=True, exist_ok=True)
    failed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        started = time.monotonic()
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="java", allow_errors=True,
                                shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}})
        with open(logs / (path.stem + ".log"), "w", encoding="utf-8") as log:
            try:
                client.execute(stdout=log, stderr=log)
            except Exception as e:  # a timeout or a dead kernel
                print(f"{path.name}: FAILED: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
                failed += 1
                continue
        stubs, other = 0, []
        for index, text in errors(nb):
            if "NotImplementedYet" in text:
                stubs += 1
            else:
                other.append((index, text.strip().splitlines()[0] if text.strip() else "error"))
        seconds = time.monotonic() - started
        if other:
            failed += 1
            print(f"{path.name}: FAILED in cell {other[0][0]}: {other[0][1][:200]} ({seconds:.1f} s)")
        else:
            note = f"; {stubs} check(s) wait for your exercise" if stubs else ""
            print(f"{path.name}: passed ({seconds:.1f} s{note})")
    print(f"{len(paths) - failed} notebook(s) passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
