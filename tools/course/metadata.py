"""Exercise metadata: the exercises of a source notebook, read from the cells' "deepnets" metadata and checked
against the rules in the package docstring."""
import re
from dataclasses import dataclass, field

from .regions import ConventionError, region_names

MIN_MISTAKES = 3
MIN_HINTS, MAX_HINTS = 2, 3
BYPASS_MUTANT = "calls the library"
BYPASS_MESSAGE = "your code calls "
HINT = re.compile(r"<details>\s*<summary>\s*Hint\b", re.IGNORECASE)


@dataclass
class Mistake:
    """A plausible wrong solution: its code replaces the solution region, and the check must fail for it."""
    name: str
    solution: str
    expect: str | None = None


@dataclass
class Exercise:
    """An exercise of a source notebook: where its cell and its check cell are, its points and mistakes.

    An exercise whose home is in the library (deepnets.exercises; its cell's metadata names only the exercise) has
    home=True: its points come from the library's catalog, and its mistakes and bypass are tested there (JUnit).
    """
    name: str
    declared_points: int | None
    cell: int
    check: int | None
    mistakes: list = field(default_factory=list)
    solved_by: list = field(default_factory=list)   # library entry points that solve it, "Class.method"
    solved_by_none: str | None = None               # why none does, when solved_by is empty
    bypass: str | None = None                       # a region that calls the library's version instead
    hints: int = 0                                  # collapsed hint blocks in the markdown above the cell
    home: bool = False                              # its check and mistakes live in deepnets.exercises

    @property
    def points(self) -> int:
        if self.declared_points is not None:
            return self.declared_points
        from .catalog import entry
        return entry(self.name)["points"]

    @property
    def short_name(self) -> str:
        """"Exercise 2" of "Exercise 2 (log-uniform sampling)": how the notebook's heading names it."""
        return self.name.split(" (", 1)[0]

    def bypass_mistake(self) -> Mistake | None:
        """The "calls the library" mutant: the bypass in place of the solution, refused by the guard."""
        if not self.solved_by or self.bypass is None:
            return None
        return Mistake(BYPASS_MUTANT, self.bypass, BYPASS_MESSAGE)


def deepnets_metadata(cell) -> dict:
    meta = cell.get("metadata", {}).get("deepnets", {})
    return meta if isinstance(meta, dict) else {}


def exercises(nb, where: str = "notebook", strict: bool = True):
    """The exercises of a source notebook, in order.

    strict=True raises ConventionError for anything that breaks the rules in the package docstring
    (`make test`); strict=False keeps what it can (the grader, so that one bad exercise cannot stop it).
    """
    found, problems, by_name = [], [], {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        meta = deepnets_metadata(cell)
        name = meta.get("exercise")
        if name is None:
            continue
        here = f"{where}, cell {index} ({name})"
        if name in by_name:
            problems.append(f"{here}: a second exercise with this name (the first is cell {by_name[name].cell})")
            continue
        regions = region_names(cell.source)
        if regions != [name]:
            problems.append(f"{here}: the cell's solution regions are {regions}; expected one named {name!r}")
        legacy = {"points", "mistakes", "solvedBy", "solvedByNone", "bypass"} & meta.keys()
        if not legacy:   # the exercise's home is in the library
            hints = count_hints(nb, index)
            if not MIN_HINTS <= hints <= MAX_HINTS:
                problems.append(f"{here}: {hints} hints in the markdown above the exercise; give {MIN_HINTS} to "
                                f"{MAX_HINTS} collapsed ones (<details><summary>Hint 1</summary> ... </details>)")
            by_name[name] = Exercise(name, None, index, None, hints=hints, home=True)
            found.append(by_name[name])
            continue
        points = meta.get("points")
        if not isinstance(points, int) or isinstance(points, bool) or points < 1:
            problems.append(f"{here}: points must be a whole number >= 1, not {points!r}")
            points = points if isinstance(points, int) and not isinstance(points, bool) and points >= 0 else 0
        mistakes = []
        for m in meta.get("mistakes", []):
            if isinstance(m, dict) and isinstance(m.get("name"), str) and isinstance(m.get("solution"), str):
                mistakes.append(Mistake(m["name"], m["solution"], m.get("expect")))
            else:
                problems.append(f"{here}: a mistake needs a 'name' and a 'solution' (code), not {m!r}")
        if len(mistakes) < MIN_MISTAKES:
            problems.append(f"{here}: {len(mistakes)} mistakes listed; list at least {MIN_MISTAKES} plausible wrong "
                            f"implementations in the metadata (deepnets.mistakes)")
        solved_by, none, bypass = meta.get("solvedBy"), meta.get("solvedByNone"), meta.get("bypass")
        if solved_by is None and none is None:
            problems.append(f"{here}: no deepnets.solvedBy: list the library entry points that solve this exercise "
                            f"(\"Class.method\"), or give \"solvedBy\": [] and \"solvedByNone\": \"<why none does>\"")
            solved_by = []
        elif not isinstance(solved_by, list) or not all(isinstance(n, str) and n for n in solved_by):
            problems.append(f"{here}: solvedBy must be a list of \"Class.method\" names, not {solved_by!r}")
            solved_by = []
        elif not solved_by and not (isinstance(none, str) and none.strip()):
            problems.append(f"{here}: solvedBy is empty; say why nothing in the library solves this exercise in "
                            f"deepnets.solvedByNone, or list the entry points that do")
        elif solved_by and none is not None:
            problems.append(f"{here}: both solvedBy {solved_by} and solvedByNone; keep one")
        if solved_by and not (isinstance(bypass, str) and bypass.strip()):
            problems.append(f"{here}: solvedBy lists {solved_by} but there is no deepnets.bypass (code for the region "
                            f"that calls one of them, for make test's \"{BYPASS_MUTANT}\" mutant)")
        hints = count_hints(nb, index)
        if not MIN_HINTS <= hints <= MAX_HINTS:
            problems.append(f"{here}: {hints} hints in the markdown above the exercise; give {MIN_HINTS} to "
                            f"{MAX_HINTS} collapsed ones (<details><summary>Hint 1</summary> ... </details>)")
        by_name[name] = Exercise(name, points, index, None, mistakes, list(solved_by),
                                 none if isinstance(none, str) else None,
                                 bypass if isinstance(bypass, str) else None, hints)
        found.append(by_name[name])
    for index, cell in enumerate(nb.cells):
        name = deepnets_metadata(cell).get("check") if cell.cell_type == "code" else None
        if name is None:
            continue
        exercise = by_name.get(name)
        if exercise is None:
            problems.append(f"{where}, cell {index}: a check for {name!r}, but no exercise cell has that name")
        elif exercise.check is not None:
            problems.append(f"{where}, cell {index}: a second check for {name!r} (the first is cell {exercise.check})")
        elif index < exercise.cell:
            problems.append(f"{where}, cell {index}: the check for {name!r} comes before its exercise "
                            f"(cell {exercise.cell})")
        else:
            exercise.check = index
    for exercise in found:
        if exercise.check is None:
            problems.append(f"{where}, cell {exercise.cell} ({exercise.name}): no check cell; the cell after an "
                            f"exercise needs metadata deepnets.check = {exercise.name!r}")
    if problems and strict:
        raise ConventionError("; ".join(problems))
    return found


def count_hints(nb, index: int) -> int:
    """The collapsed hint blocks in the markdown cells between the previous code cell with exercise metadata
    (an exercise or a check) and the exercise cell at index."""
    hints = 0
    for cell in reversed(nb.cells[:index]):
        if cell.cell_type == "code" and ({"exercise", "check"} & deepnets_metadata(cell).keys()):
            break
        if cell.cell_type == "markdown":
            hints += len(HINT.findall(cell.source))
    return hints
