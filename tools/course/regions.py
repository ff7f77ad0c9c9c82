"""Solution regions: the // BEGIN SOLUTION ... // END SOLUTION lines of a cell and the stub that replaces them."""
import re

BEGIN = re.compile(r"^(?P<indent>[ \t]*)// BEGIN SOLUTION(?::\s*(?P<name>.*\S))?\s*$")
END = re.compile(r"^[ \t]*// END SOLUTION\s*$")
STUB_ERROR = "NotImplementedYet"


class ConventionError(ValueError):
    """A source notebook breaks the exercise convention."""


def stub_source(source: str, where: str) -> str:
    """Replaces every solution region of one cell's source with its stub."""
    out, region = [], None
    for number, line in enumerate(source.split("\n"), start=1):
        begin, end = BEGIN.match(line), END.match(line)
        if begin:
            if region is not None:
                raise ConventionError(f"{where}, line {number}: a BEGIN SOLUTION inside another one "
                                      f"(the first began at line {region}); close it with // END SOLUTION first.")
            name = begin.group("name")
            if not name:
                raise ConventionError(f"{where}, line {number}: name the exercise, e.g. "
                                      f"'// BEGIN SOLUTION: Exercise 1 (log-uniform sampling)'.")
            indent = begin.group("indent")
            out.append(f"{indent}// {name}: replace this line with your code.")
            out.append(f'{indent}throw new NotImplementedYet("{name}");')
            region = number
        elif end:
            if region is None:
                raise ConventionError(f"{where}, line {number}: END SOLUTION without a BEGIN SOLUTION before it.")
            region = None
        elif region is None:
            out.append(line)
    if region is not None:
        raise ConventionError(f"{where}: the BEGIN SOLUTION at line {region} has no // END SOLUTION.")
    return "\n".join(out)

def replace_region(source: str, code: str) -> str:
    """The cell's source with its solution region (markers included) replaced by code, e.g. a mistake."""
    lines = source.split("\n")
    begin = next((i for i, line in enumerate(lines) if BEGIN.match(line)), None)
    end = next((i for i, line in enumerate(lines) if END.match(line)), None)
    if begin is None or end is None or end < begin:
        raise ConventionError("the cell has no complete // BEGIN SOLUTION ... // END SOLUTION region")
    return "\n".join(lines[:begin] + code.split("\n") + lines[end + 1:])

def region_names(source: str):
    """The exercise names of the BEGIN SOLUTION lines in one cell's source."""
    return [m.group("name") or "" for m in map(BEGIN.match, source.split("\n")) if m]
