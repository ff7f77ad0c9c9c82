"""The two kernel runs a grader test module shares: a fixture notebook's student copy graded as `make grade` does,
and its source graded as `make test` does, mutation tests included; both at the same time, in two processes.

Used by test_grading.py and test_bypass.py from their setUpModule.
"""
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

import course  # noqa: E402
import grading  # noqa: E402
import test_notebooks  # noqa: E402


def grade_student(folder: Path, name: str, timeout: int):
    """Grades the student copy; returns the result and the exercises in the order they were reported."""
    finished = []
    result = grading.grade(folder / f"{name}.ipynb", folder / "solutions" / f"{name}.ipynb", timeout=timeout,
                           log_path=folder / "student.log", on_exercise=lambda r: finished.append(r.name))
    return result, finished


def grade_source(folder: Path, name: str, timeout: int):
    """Grades the source notebook as make test does, mutation tests included; returns the result and them."""
    source, mutations = folder / "solutions" / f"{name}.ipynb", []
    result = grading.grade(source, source, timeout=timeout, log_path=folder / "source.log", stop_on_error=True,
                           after_check=test_notebooks.mutation_tester(name, mutations))
    return result, mutations


def graded_runs(name: str, source_nb, student_of, timeout: int) -> dict:
    """Writes solutions/NAME.ipynb (source_nb) and NAME.ipynb (student_of(that path)) into a temporary folder and
    grades both at once. Returns {"student": (result, names in report order), "source": (result, mutations),
    "tmp": the folder, to clean up in tearDownModule}."""
    tmp = tempfile.TemporaryDirectory()
    folder = Path(tmp.name)
    source = folder / "solutions" / f"{name}.ipynb"
    source.parent.mkdir()
    source.write_text(course.serialize(source_nb), encoding="utf-8")
    (folder / f"{name}.ipynb").write_text(course.serialize(student_of(source)), encoding="utf-8")
    with ProcessPoolExecutor(max_workers=2) as pool:
        student, mutated = (pool.submit(grade_student, folder, name, timeout),
                            pool.submit(grade_source, folder, name, timeout))
        return {"student": student.result(), "source": mutated.result(), "tmp": tmp}
