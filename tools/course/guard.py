"""The rules of an exercise's check cell, now that the check lives in the library (deepnets.exercises): the cell
only hands the student's code to its exercise's home. Reads Java source as text: java_code() blanks comments and
strings, declared_methods() names the methods a cell declares (the grader's blame for an earlier exercise).

Which library methods solve an exercise is declared once, by @Solves on the method, and read by the guard in the
kernel (deepnets.check.Exercise) and by the library's tests; nothing here keeps a list of them."""
import re

from .regions import ConventionError

def java_code(source: str, keep_strings: bool = False) -> str:
    """Java source with comments blanked out, and string and char literals too unless keep_strings.

    Lengths and line breaks are kept, so positions in the result are positions in the source."""
    out, i, n = [], 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(ch if ch == "\n" else " " for ch in source[i:end]))
            i = end
        elif source.startswith('"""', i):
            end = source.find('"""', i + 3)
            end = n if end < 0 else end + 3
            out.append(source[i:end] if keep_strings else "".join(ch if ch == "\n" else " " for ch in source[i:end]))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and source[j] != c and source[j] != "\n":
                j += 2 if source[j] == "\\" else 1
            end = min(j + 1, n)
            out.append(source[i:end] if keep_strings else (c + " " * (end - i - 2) + c)[:end - i])
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


METHOD = re.compile(r"^[ \t]*(?:(?:public|private|protected|static|final)\s+)*[\w<>\[\],.?]+(?:\s*\[\s*\])*\s+"
                    r"(?P<name>[A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?:throws\s+[\w.,\s]+)?\{", re.MULTILINE)
NOT_METHODS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new"}


def declared_methods(source: str) -> set:
    """The names of the methods a cell declares (top level or in a class of the cell)."""
    return {m.group("name") for m in METHOD.finditer(java_code(source))} - NOT_METHODS


def guard_problems(nb, exercises_found, where: str) -> list:
    """What breaks the check-cell rules in one source notebook (see home_check_problems)."""
    problems = []
    for exercise in exercises_found:
        if exercise.home:
            problems += home_check_problems(nb, exercise, where)
    return problems


LOOP = re.compile(r"\b(for|while|do)\b\s*[({]")
MAX_CHECK_LINES = 3


def home_check_problems(nb, exercise, where: str) -> list:
    """An exercise whose home is in deepnets.exercises: the library knows it, and its check cell only hands the
    student's code over, Exercises.<exercise>().check(...), in at most MAX_CHECK_LINES lines of code after the
    imports, with no loop: no reference computation in the open."""
    from .catalog import accessor
    here = f"{where}, cell {exercise.cell} ({exercise.name})"
    try:
        name = accessor(exercise.name)
    except ConventionError as e:
        return [f"{here}: {e}"]
    if exercise.check is None:
        return []
    check_here = f"{where}, cell {exercise.check} (the check of {exercise.name})"
    code = java_code(nb.cells[exercise.check].source)
    lines = [line for line in code.split("\n") if line.strip() and not line.strip().startswith("import ")]
    problems = []
    if not re.search(r"\bExercises\s*\.\s*" + re.escape(name) + r"\s*\(\s*\)\s*\.\s*check\s*\(", code):
        problems.append(f"{check_here}: the check cell must hand the student's code to its exercise's home: "
                        f"Exercises.{name}().check(...)")
    if len(lines) > MAX_CHECK_LINES:
        problems.append(f"{check_here}: {len(lines)} lines of code after the imports; a check cell holds at most "
                        f"{MAX_CHECK_LINES} (the check itself lives in deepnets.exercises)")
    if LOOP.search(code):
        problems.append(f"{check_here}: a loop in the check cell; the check's computation lives in "
                        f"deepnets.exercises, not in the open")
    return problems
