"""Builds what an instructor hands out after the deadline: build/answers/improving-deep-networks-answers.zip.

  python tools/classroom/answers.py [--out DIR]       (make answers)

It holds the worked source notebooks (notebooks/solutions/, without outputs) and the library's full sources
(lib/src/main), in which the methods that solve the exercises keep their bodies: the student release ships those
compiled only (see compiled_only.py). The held-out checks are not in it: they can grade the next class too.
"""
import argparse
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import nbformat  # noqa: E402

import course  # noqa: E402

NAME = "improving-deep-networks-answers"


def answers(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"{NAME}.zip"
    part = archive.with_suffix(".part")
    with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as z:
        for path in course.solution_notebooks():
            z.writestr(f"{NAME}/notebooks/{path.name}",
                       course.serialize(course.strip_outputs(nbformat.read(path, as_version=4))))
        main = course.ROOT / "lib" / "src" / "main"
        for path in sorted(main.rglob("*")):
            if path.is_file():
                z.write(path, f"{NAME}/lib/src/main/{path.relative_to(main).as_posix()}")
    part.replace(archive)
    return archive


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=course.ROOT / "build" / "answers")
    args = parser.parse_args(argv)
    archive = answers(args.out)
    with zipfile.ZipFile(archive) as z:
        count = len(z.namelist())
    print(f"answers: {course.display(archive)} ({count} files: the worked notebooks and the library's full sources)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
