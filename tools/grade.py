"""Grades student notebooks exercise by exercise and writes a feedback file for each.

  python tools/grade.py [--timeout SECONDS] [--source SOURCE] [--feedback DIR] [--json FILE] [NOTEBOOK ...]

Without notebooks it grades the student copies notebooks/NN-name.ipynb in place (skipping notebooks of
your own that have no source notebook). Each notebook is graded
against its source notebooks/solutions/NN-name.ipynb (or --source, for one notebook) as tools/grading/
describes: the original check cells, a fresh kernel, every cell in order, a time limit per cell.

It prints one line per exercise as it finishes, a summary per notebook and a total, and writes
feedback/NN-name.md next to each graded notebook (or into --feedback DIR); --json FILE also writes every
result for an instructor's records. The exit status is 0 whenever grading ran, whatever the score, and 2
when it could not run (no notebook, no source notebook, no kernel).
"""
import argparse
import sys
import time
from pathlib import Path

import course
import grading


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=int, default=60, help="seconds a single cell may run (default 60)")
    parser.add_argument("--source", type=Path, help="the source notebook (default: notebooks/solutions/<name>)")
    parser.add_argument("--sources", type=Path, default=course.SOLUTIONS,
                        help="the folder of the source notebooks (default: notebooks/solutions; the student "
                             "release grades against its pristine copies, which hold the visible checks)")
    parser.add_argument("--feedback", type=Path, help="folder for the feedback files (default: feedback/ next "
                                                      "to each notebook)")
    parser.add_argument("--json", type=Path, help="also write all results to this JSON file")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)

    notebooks = [p.resolve() for p in args.notebooks]
    if not notebooks:
        for path in course.student_notebooks():
            if (args.sources / path.name).exists():
                notebooks.append(path)
            else:
                print(f"grade: skipping {grading.display_path(path)}: not a course notebook (no "
                      f"{grading.display_path(args.sources / path.name)})")
    if not notebooks:
        print(f"grade: no notebooks to grade in {course.NOTEBOOKS}", file=sys.stderr)
        return 2
    if args.source and len(notebooks) != 1:
        print("grade: --source needs exactly one notebook", file=sys.stderr)
        return 2
    missing = [p for p in notebooks if not p.is_file()]
    if missing:
        print(f"grade: no such notebook: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2

    when = time.strftime("%Y-%m-%d %H:%M")
    results, problems = [], []
    for path in notebooks:
        source = (args.source.resolve() if args.source else args.sources.resolve() / path.name)
        print(f"{grading.display_path(path)}", flush=True)
        try:
            result = grading.grade(path, source, timeout=args.timeout,
                                   on_exercise=lambda r: print(grading.exercise_line(r), flush=True))
        except grading.GradingError as e:
            problems.append(f"{grading.display_path(path)}: {e}")
            print(f"  could not grade: {e}", flush=True)
            continue
        results.append(result)
        folder = args.feedback or path.parent / "feedback"
        folder.mkdir(parents=True, exist_ok=True)
        feedback = folder / (path.stem + ".md")
        feedback.write_text(grading.feedback_markdown(result, when), encoding="utf-8")
        print(f"  {result.points}/{result.total} points, {result.passed} of {len(result.exercises)} exercises "
              f"passed ({result.seconds:.1f} s); feedback: {grading.display_path(feedback)}", flush=True)
        for note in result.notes:
            print(f"  note: {grading.first_line(note)}", flush=True)

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(grading.to_json(results) + "\n", encoding="utf-8")
    points, total = sum(r.points for r in results), sum(r.total for r in results)
    print(f"total: {points}/{total} points in {len(results)} notebook(s)"
          + (f"; {len(problems)} notebook(s) could not be graded" if problems else ""))
    for problem in problems:
        print(f"grade: {problem}", file=sys.stderr)
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
