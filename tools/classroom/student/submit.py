"""Grades every notebook in a fresh kernel and writes the hand-in zip (make submit).

  python tools/submit.py [--sources DIR] [--timeout SECONDS] [--out hand-in.zip]

1. Reads every notebooks/NN-name.ipynb of the course. It refuses, naming the notebook, when one is not a
   readable Jupyter notebook (corrupt JSON, not nbformat 4), or when a JupyterLab serving notebooks/ has it
   open with a kernel that was active after the file was last saved (a cell run since the last save leaves
   the notebook unsaved; saving it, even unchanged, clears this).
2. Grades each one as make grade does: a fresh kernel, every cell in order, the check cells of its pristine
   copy (DIR, tools/originals/). An exercise that is unfinished or fails its check costs its points; the
   notebook still goes in. It refuses when a notebook cannot be graded (an exercise cell deleted, the
   kernel died, grading itself failed).
3. Writes the zip: the notebook files exactly as saved, flat at the root of the zip, under their names
   NN-name.ipynb, which is what the instructor's grader (one folder per student) and Gradescope expect.
   Then it prints the visible score.
Nothing in notebooks/ is changed. Exit status 0 when the zip was written, 1 when submit refused, 2 when it
could not run.
"""
import argparse
import json
import sys
import time
import urllib.request
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "tools"))

import nbformat  # noqa: E402

import grading  # noqa: E402

REFUSE = (grading.Kind.MISSING, grading.Kind.DIED, grading.Kind.NOT_RUN)


def unreadable(path: Path) -> str:
    """Why a notebook cannot be read as a Jupyter notebook, or ""."""
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as e:   # JSON, nbformat and validation errors alike: the message is what counts
        return grading.first_line(str(e)) or type(e).__name__
    return ""


def running_sessions() -> dict:
    """Notebook path -> the last time its kernel was active, for the JupyterLab servers serving notebooks/."""
    found = {}
    try:
        from jupyter_server.serverapp import list_running_servers
        servers = list(list_running_servers())
    except Exception:
        return found
    for server in servers:
        root = Path(server.get("root_dir") or server.get("notebook_dir") or "")
        try:
            if root.resolve() != NOTEBOOKS.resolve():
                continue
            url = server["url"].rstrip("/") + "/api/sessions?token=" + server.get("token", "")
            with urllib.request.urlopen(url, timeout=5) as answer:
                sessions = json.load(answer)
        except Exception:
            continue
        for session in sessions:
            path = (root / session.get("path", "")).resolve()
            active = session.get("kernel", {}).get("last_activity")
            if active:
                found[path] = datetime.fromisoformat(active.replace("Z", "+00:00")).timestamp()
    return found


def unsaved(path: Path, sessions: dict) -> str:
    active = sessions.get(path.resolve())
    if active is not None and active > path.stat().st_mtime + 2:
        return (f"it is open in JupyterLab, and its kernel was active at "
                f"{time.strftime('%H:%M:%S', time.localtime(active))}, after the file was last saved "
                f"({time.strftime('%H:%M:%S', time.localtime(path.stat().st_mtime))})")
    return ""


def grade_one(path: Path, source: Path, timeout: int):
    """Grades one notebook (in a worker process): (its NotebookResult, or why it could not be graded; the
    lines make grade prints for it)."""
    lines = [f"notebooks/{path.name}"]
    try:
        result = grading.grade(path, source, timeout=timeout, on_exercise=lambda r: lines.append(
            grading.exercise_line(r)))
    except grading.GradingError as e:
        return str(e), lines
    return result, lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=ROOT / "tools" / "originals")
    parser.add_argument("--timeout", type=int, default=60, help="seconds a single cell may run (default 60)")
    parser.add_argument("--out", type=Path, default=Path("hand-in.zip"))
    parser.add_argument("--jobs", type=int, default=2, help="notebooks graded at once (default 2)")
    args = parser.parse_args(argv)
    sources = args.sources if args.sources.is_absolute() else ROOT / args.sources
    out = args.out if args.out.is_absolute() else ROOT / args.out
    names = sorted(p.name for p in sources.glob("*.ipynb"))
    if not names:
        print(f"submit: no pristine notebooks in {sources}", file=sys.stderr)
        return 2

    refused = []
    missing = [name for name in names if not (NOTEBOOKS / name).is_file()]
    for name in missing:
        refused.append(f"notebooks/{name} is missing: make fresh NB=notebooks/{name} restores the original "
                       f"(or put your copy back)")
    sessions = running_sessions()
    present = [NOTEBOOKS / name for name in names if name not in missing]
    for path in present:
        why = unreadable(path)
        if why:
            refused.append(f"notebooks/{path.name} is not a readable notebook ({why}). It is left as it is; "
                           f"make fresh NB=notebooks/{path.name} backs it up and restores the original, "
                           f"into which you paste your code again")
            continue
        why = unsaved(path, sessions)
        if why:
            refused.append(f"notebooks/{path.name} may have unsaved changes: {why}. Save it in JupyterLab "
                           f"(Ctrl-S; saving an unchanged notebook does no harm), then make submit again")
    if refused:
        print("submit: nothing was handed in; first fix this:")
        for problem in refused:
            print(f"  - {problem}")
        return 1

    print(f"submit: grading {len(present)} notebook(s), each in a fresh kernel, as make grade does "
          f"({args.jobs} at once)", flush=True)
    when = time.strftime("%Y-%m-%d %H:%M")
    results = []
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(grade_one, path, sources / path.name, args.timeout) for path in present]
        for path, future in zip(present, futures):
            result, lines = future.result()
            print("\n".join(lines), flush=True)
            if isinstance(result, str):
                refused.append(f"notebooks/{path.name} could not be graded: {result}")
                continue
            results.append(result)
            feedback = NOTEBOOKS / "feedback" / (path.stem + ".md")
            feedback.parent.mkdir(exist_ok=True)
            feedback.write_text(grading.feedback_markdown(result, when), encoding="utf-8")
            print(f"  {result.points}/{result.total} points; feedback: notebooks/feedback/{feedback.name}", flush=True)
            for e in result.exercises:
                if e.kind in REFUSE:
                    refused.append(f"notebooks/{path.name}, {e.name}: {grading.first_line(e.message)}")
    if refused:
        print("submit: nothing was handed in; these notebooks do not run as they must:")
        for problem in refused:
            print(f"  - {problem}")
        return 1

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as z:
        for path in present:
            z.write(path, path.name)
    partial.replace(out)
    points, total = sum(r.points for r in results), sum(r.total for r in results)
    print(f"submit: wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} with {len(present)} "
          f"notebook(s); hand in this file as your instructor asks")
    print(f"visible score: {points}/{total} points")
    return 0


if __name__ == "__main__":
    sys.exit(main())
