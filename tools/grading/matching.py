"""Builds the grading notebook: finds the student's exercise cells and puts them into the source notebook."""
import copy
import re
from dataclasses import dataclass

import course
from course.guard import java_code
from .results import Kind

EXACT_IMPORT = re.compile(r"^\s*import\s+([\w.]+)\.(\w+)\s*;", re.MULTILINE)
TYPE_DECLARATION = re.compile(r"\b(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)")
SIGNATURE = re.compile(r"^\s*(?:(?:public|private|protected|static|final)\s+)*[\w<>\[\],.? ]+?\s+(?P<name>\w+)\s*\(")


@dataclass
class Match:
    """Where the student's copy of an exercise cell is: its index and how it was found, or None and why not."""
    index: int | None
    how: str


def _normal(text: str) -> str:
    return " ".join(text.split())


def signature_of(source: str) -> str | None:
    """The declaration line of the method that holds the solution region, whitespace-normalised."""
    lines = source.split("\n")
    begin = next((i for i, line in enumerate(lines) if course.BEGIN.match(line)), None)
    if begin is None:   # a student copy as the source (the release grades against its pristine copies): the stub
        begin = next((i for i, line in enumerate(lines) if f"new {course.STUB_ERROR}(" in line), None)
    for line in reversed(lines[:begin] if begin is not None else []):
        if SIGNATURE.match(line) and "(" in line and not line.strip().startswith(("//", "*", "return", "throw")):
            return _normal(line.split("{")[0])
    return None


def match_exercises(exercises, source_nb, student_nb) -> dict:
    """Maps each exercise name to its Match in the student's notebook.

    By metadata (deepnets.exercise), else by cell id, else by the exercise's name or stub in the text, else by
    the signature of the exercise's method, else by position when the notebook has as many cells as the source.
    """
    cells = student_nb.cells
    code = [i for i, c in enumerate(cells) if c.cell_type == "code"]
    checks = {i for i in code if course.deepnets_metadata(cells[i]).get("check")}
    taken, found = set(), {}

    def take(exercise, index, how):
        taken.add(index)
        found[exercise.name] = Match(index, how)

    for exercise in exercises:
        for i in code:
            if i not in taken and course.deepnets_metadata(cells[i]).get("exercise") == exercise.name:
                take(exercise, i, "metadata")
                break
    for exercise in exercises:
        if exercise.name in found:
            continue
        cell_id = source_nb.cells[exercise.cell].get("id")
        by_id = [i for i in code if cells[i].get("id") == cell_id and i not in taken and i not in checks
                 and not course.deepnets_metadata(cells[i]).get("exercise")]
        texts = [i for i in code if i not in taken and i not in checks
                 and not course.deepnets_metadata(cells[i]).get("exercise")
                 and (f'{course.STUB_ERROR}("{exercise.name}")' in cells[i].source
                      or f"// {exercise.name}:" in cells[i].source
                      or f"BEGIN SOLUTION: {exercise.name}" in cells[i].source)]
        signature = signature_of(source_nb.cells[exercise.cell].source)
        by_signature = [i for i in code if signature and i not in taken and i not in checks
                        and not course.deepnets_metadata(cells[i]).get("exercise")
                        and any(_normal(line.split("{")[0]) == signature for line in cells[i].source.split("\n"))]
        same_place = (len(cells) == len(source_nb.cells) and exercise.cell in code and exercise.cell not in taken
                      and exercise.cell not in checks
                      and not course.deepnets_metadata(cells[exercise.cell]).get("exercise"))
        if by_id:
            take(exercise, by_id[0], "cell id")
        elif texts:
            take(exercise, texts[0], "exercise name in the cell")
        elif len(by_signature) == 1:
            take(exercise, by_signature[0], "method signature")
        elif same_place:
            take(exercise, exercise.cell, "cell position")
        else:
            found[exercise.name] = Match(None, "no cell of your notebook holds this exercise (deleted, moved into "
                                               "another cell, or turned into a Markdown cell?)")
    return found


def find_check(exercise, source_nb, student_nb):
    """The student's copy of an exercise's check cell, by metadata or cell id; None if deleted."""
    for cell in student_nb.cells:
        if cell.cell_type == "code" and course.deepnets_metadata(cell).get("check") == exercise.name:
            return cell
    cell_id = source_nb.cells[exercise.check].get("id")
    return next((c for c in student_nb.cells if c.cell_type == "code" and cell_id and c.get("id") == cell_id), None)


def assemble(exercises, source_nb, student_nb, results, notes):
    """The grading notebook: the source with the student's exercise cells in place of its own.

    Returns (notebook, exercise by exercise-cell index, exercise by check-cell index); marks exercises that
    cannot be graded (Kind.MISSING) in `results` and adds what the student should know to `notes`.
    """
    nb = copy.deepcopy(source_nb)
    course.strip_outputs(nb)
    matched = match_exercises(exercises, source_nb, student_nb)
    by_cell, by_check = {}, {}
    for exercise in exercises:
        match = matched[exercise.name]
        r = results[exercise.name]
        if exercise.check is None:
            r.kind = Kind.MISSING
            r.message = ("the source notebook has no check cell for this exercise, so it cannot be graded "
                         "(tell your instructor)")
        if match.index is None:
            r.kind, r.message = Kind.MISSING, match.how
        else:
            nb.cells[exercise.cell].source = student_nb.cells[match.index].source
            if match.how != "metadata":
                r.notes.append(f"Your exercise cell was found by its {match.how} (its metadata was lost).")
        if exercise.check is not None:
            mine = find_check(exercise, source_nb, student_nb)
            if mine is None:
                r.notes.append("You deleted this exercise's check cell; the grader ran the original check.")
            elif mine.source != source_nb.cells[exercise.check].source:
                r.notes.append("You edited this exercise's check cell; the grader ran the original check.")
            by_check[exercise.check] = exercise
        by_cell[exercise.cell] = exercise
    if course.has_outputs(student_nb):
        notes.append("Your notebook was saved with outputs; the grader ignored them and ran every cell afresh, "
                     "in order, in a new kernel.")
    known = {c.get("id") for c in source_nb.cells}
    used = {match.index for match in matched.values()}
    unknown = sum(1 for i, c in enumerate(student_nb.cells)
                  if c.cell_type == "code" and c.get("id") and c.get("id") not in known and i not in used)
    if unknown:
        notes.append(f"Your notebook has {unknown} code cell(s) that the source notebook does not have; the "
                     f"grader ignores them (keep your code, helper methods included, inside the exercise cells).")
    return nb, by_cell, by_check


def exact_imports(nb) -> dict:
    """Simple name -> full name of every class the notebook's code cells import exactly (import a.b.Name;)."""
    names = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            for package, name in EXACT_IMPORT.findall(java_code(cell.source)):
                names[name] = f"{package}.{name}"
    return names


def top_level_types(source: str) -> list:
    """The classes, interfaces, enums and records a cell declares at its top level (JShell makes each one a
    name every later cell sees)."""
    code = java_code(source)
    found, depth, i = [], 0, 0
    for match in TYPE_DECLARATION.finditer(code):
        while i < match.start():
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            i += 1
        if depth == 0:
            found.append(match.group(1))
    return found


def shadowing(source: str, imports: dict) -> list:
    """The full names of the imported classes whose simple name a student's cell declares a type of its own."""
    return [imports[name] for name in top_level_types(source) if name in imports]
