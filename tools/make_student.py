"""Generates the student copies notebooks/NN-name.ipynb from the source notebooks notebooks/solutions/NN-name.ipynb.

  python tools/make_student.py      (make student)

It writes only the copies that changed. `make test` checks that the committed copies are in sync
(tools/test_notebooks.py, "student copies in sync"). The exit status is 1 if a source notebook breaks the
exercise convention or a student copy has no source notebook.
"""
import sys

import course


def main() -> int:
    if not course.solution_notebooks():
        print(f"make_student: no source notebooks in {course.display(course.SOLUTIONS)}", file=sys.stderr)
        return 1
    stale, problems = course.stale_student_copies()
    for target, text in stale.items():
        target.write_text(text, encoding="utf-8")
        print(f"make_student: wrote {course.display(target)}")
    for problem in problems:
        print(f"make_student: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
