"""Generates the student copies from the source notebooks, or checks that they are in sync.

  python tools/make_student.py           write notebooks/NN-name.ipynb from notebooks/solutions/NN-name.ipynb
  python tools/make_student.py --check   exit 1 if a committed student copy differs from what would be written
"""
import sys

import course


def main(argv) -> int:
    check = "--check" in argv
    stale = []
    sources = course.solution_notebooks()
    if not sources:
        print(f"make_student: no source notebooks in {course.SOLUTIONS}", file=sys.stderr)
        return 1
    expected_names = {p.name for p in sources}
    for solution in sources:
        target = course.student_path(solution)
        text = course.serialize(course.student_copy(solution))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if check:
            stale.append(f"{target.relative_to(course.ROOT)} is out of date with {solution.relative_to(course.ROOT)}")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"make_student: wrote {target.relative_to(course.ROOT)}")
    orphans = [p for p in course.student_notebooks() if p.name not in expected_names]
    for orphan in orphans:
        stale.append(f"{orphan.relative_to(course.ROOT)} has no source in notebooks/solutions/")
    for line in stale:
        print(f"make_student: {line}", file=sys.stderr)
    if stale:
        print("make_student: run `make student` and commit the result.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
