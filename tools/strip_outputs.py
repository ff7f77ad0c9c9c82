"""Removes outputs and execution counts from notebooks in place (all course notebooks by default).

  python tools/strip_outputs.py [PATH ...]
"""
import sys
from pathlib import Path

import nbformat

import course


def main(argv) -> int:
    paths = [Path(p) for p in argv] or course.solution_notebooks() + course.student_notebooks()
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        if course.has_outputs(nb):
            path.write_text(course.serialize(course.strip_outputs(nb)), encoding="utf-8")
            print(f"strip_outputs: cleaned {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
