"""Student copies: a source notebook with its solution regions stubbed, its instructor-only metadata removed and
its outputs stripped; and the check that the committed copies are what the sources generate."""
import copy
from pathlib import Path

import nbformat

from .layout import display, solution_notebooks, student_notebooks, student_path
from .regions import ConventionError, stub_source


def strip_outputs(nb):
    """Clears outputs and execution counts in place; returns nb."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    return nb


def has_outputs(nb):
    """Indices of the code cells that carry outputs or an execution count."""
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]


def student_copy(solution: Path):
    """The student notebook generated from a source notebook, as a NotebookNode."""
    nb = nbformat.read(solution, as_version=4)
    student = copy.deepcopy(nb)
    for index, cell in enumerate(student.cells):
        if cell.cell_type == "code":
            cell.source = stub_source(cell.source, f"{display(solution)}, cell {index}")
            for instructor_only in ("mistakes", "bypass"):   # wrong and library-calling solutions
                cell.metadata.get("deepnets", {}).pop(instructor_only, None)
    return strip_outputs(student)


def serialize(nb) -> str:
    return nbformat.writes(nb) + "\n"


def stale_student_copies():
    """Compares the student copies with what the source notebooks generate (`make student` writes them).

    Returns (stale, problems): stale maps each student copy that is missing or differs to the text it should
    have; problems name the source notebooks that break the convention and the student copies without a source.
    """
    stale, problems = {}, []
    sources = solution_notebooks()
    for solution in sources:
        target = student_path(solution)
        try:
            text = serialize(student_copy(solution))
        except ConventionError as e:
            problems.append(str(e))
            continue
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale[target] = text
    names = {p.name for p in sources}
    problems += [f"{display(p)} has no source notebook" for p in student_notebooks() if p.name not in names]
    return stale, problems
