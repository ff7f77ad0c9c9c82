"""The bypass guard's rules: every solvedBy name is hooked in the library, and a check cell runs the student's
code only inside Exercise.call/run forbidding exactly those names. Reads Java source as text."""
import re
from pathlib import Path

from .layout import LIBRARY_SOURCES
from .regions import ConventionError

HOOK = re.compile(r'\bEntryPoints\.entered\(\s*"([^"]+)"\s*\)\s*;')


def hooked_entry_points(sources: Path = LIBRARY_SOURCES) -> set:
    """The library methods that solve some exercise ("Class.method"): those annotated @Solves, as the library's
    catalog lists them (`sources` is kept for the callers' sake; the compiled library is read)."""
    from .catalog import catalog
    return {name for e in catalog().values() for name in e["solvedBy"]}


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


GUARD_CALL = re.compile(r"\bExercise\s*\.\s*(call|run)\s*\(")
STRING_ARRAY = r"\bString\s*\[\s*\]\s+{name}\s*=\s*(?:new\s+String\s*\[\s*\]\s*)?\{{(?P<items>[^}}]*)\}}"
STRING_VAR = r"\bString\s+{name}\s*=\s*(?P<items>\"(?:[^\"\\]|\\.)*\")\s*;"
LITERAL = re.compile(r'^"((?:[^"\\]|\\.)*)"$')


METHOD = re.compile(r"^[ \t]*(?:(?:public|private|protected|static|final)\s+)*[\w<>\[\],.?]+(?:\s*\[\s*\])*\s+"
                    r"(?P<name>[A-Za-z_$][\w$]*)\s*\([^)]*\)\s*(?:throws\s+[\w.,\s]+)?\{", re.MULTILINE)
NOT_METHODS = {"if", "for", "while", "switch", "catch", "synchronized", "return", "new"}


def declared_methods(source: str) -> set:
    """The names of the methods a cell declares (top level or in a class of the cell)."""
    return {m.group("name") for m in METHOD.finditer(java_code(source))} - NOT_METHODS


def _close(code: str, start: int) -> int:
    """The index of the ')' that closes the call whose '(' is at code[start - 1]."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] in "([{":
            depth += 1
        elif code[i] in ")]}":
            if depth == 0:
                return i
            depth -= 1
    raise ConventionError("an Exercise.call/run without its closing parenthesis")


def unguarded_calls(check_source: str, methods: set) -> list:
    """The student's methods that a check cell calls outside every Exercise.call/run (a constructor call with
    `new` and a call qualified by an object, `layer.forward(...)`, are not looked at)."""
    code = java_code(check_source)
    spans = [(m.end(), _close(code, m.end())) for m in GUARD_CALL.finditer(code)]
    found = []
    for name in sorted(methods):
        for m in re.finditer(r"(?<![\w$.])" + re.escape(name) + r"\s*\(", code):
            if not any(a <= m.start() < b for a, b in spans) and not re.search(r"\bnew\s+$", code[:m.start()]):
                found.append(name)
                break
    return found


def _arguments(code: str, start: int) -> list:
    """The top-level arguments of the call whose '(' is at code[start - 1], as source text."""
    args, depth, i, begin = [], 0, start, start
    while i < len(code):
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                args.append(code[begin:i].strip())
                return args
            depth -= 1
        elif c == "," and depth == 0:
            args.append(code[begin:i].strip())
            begin = i + 1
        elif c in "\"'":
            j = i + 1
            while j < len(code) and code[j] != c:
                j += 2 if code[j] == "\\" else 1
            i = j
        i += 1
    raise ConventionError("an Exercise.call/run without its closing parenthesis")


def _strings(arg: str, code: str) -> list | None:
    """The strings an argument stands for: a literal, or a String / String[] variable declared in the cell."""
    literal = LITERAL.match(arg)
    if literal:
        return [literal.group(1)]
    if re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
        for pattern in (STRING_ARRAY, STRING_VAR):
            found = re.search(pattern.format(name=re.escape(arg)), code)
            if found:
                items = [item.strip() for item in found.group("items").split(",") if item.strip()]
                values = [LITERAL.match(item) for item in items]
                return [v.group(1) for v in values] if all(values) else None
    return None


def guarded_calls(source: str) -> list:
    """Each Exercise.call/run in a cell's source (not in comments or strings): (exercise name or None,
    list of forbidden names or None), None where an argument is not a literal or a String(s) variable."""
    code, calls = java_code(source), []
    strings_kept = java_code(source, keep_strings=True)
    for m in GUARD_CALL.finditer(code):
        args = _arguments(strings_kept, m.end())
        name = _strings(args[0], strings_kept) if args else None
        forbidden = []
        for arg in args[2:]:
            names = _strings(arg, strings_kept)
            if names is None:
                forbidden = None
                break
            forbidden += names
        calls.append((name[0] if name and len(name) == 1 else None, forbidden))
    return calls


def guard_problems(nb, exercises_found, where: str, hooks: set | None = None) -> list:
    """What breaks the bypass guard's rules (the package docstring) in one source notebook."""
    hooks = hooked_entry_points() if hooks is None else hooks
    classes = {h.split(".", 1)[0] for h in hooks}
    problems = []
    for exercise in exercises_found:
        if exercise.home:
            problems += home_check_problems(nb, exercise, where)
            continue
        here = f"{where}, cell {exercise.cell} ({exercise.name})"
        for entry in exercise.solved_by:
            cls, _, method = entry.partition(".")
            hooked = cls in classes if method == "*" else entry in hooks
            if not hooked:
                problems.append(f"{here}: solvedBy names {entry}, but no library entry point starts with "
                                f"EntryPoints.entered(\"{entry if method != '*' else cls + '.<method>'}\"); add the "
                                f"hook to lib/src/main or correct the name")
        if exercise.check is None:
            continue
        check_here = f"{where}, cell {exercise.check} (the check of {exercise.name})"
        try:
            calls = guarded_calls(nb.cells[exercise.check].source)
        except ConventionError as e:
            problems.append(f"{check_here}: {e}")
            continue
        if not calls:
            names = "".join(f', "{n}"' for n in exercise.solved_by)
            problems.append(f"{check_here}: the check calls the student's code outside the guard; wrap the call "
                            f"as Exercise.call(\"{exercise.name}\", () -> ...{names})")
        for name in unguarded_calls(nb.cells[exercise.check].source, declared_methods(nb.cells[exercise.cell].source)):
            problems.append(f"{check_here}: the check calls {name}(...) outside Exercise.call/run, where a call of "
                            f"the library's version would not be refused; call it only inside the guard")
        expected = sorted(set(exercise.solved_by))
        for number, (name, forbidden) in enumerate(calls, start=1):
            if name != exercise.name:
                problems.append(f"{check_here}: guarded call {number} names the exercise {name!r}, not "
                                f"{exercise.name!r}")
            if forbidden is None:
                problems.append(f"{check_here}: guarded call {number} forbids names that are not string literals "
                                f"or a String[] declared in the cell; list them literally")
            elif sorted(set(forbidden)) != expected:
                problems.append(f"{check_here}: guarded call {number} forbids {sorted(set(forbidden))}, but the "
                                f"exercise's solvedBy is {expected}; they must be the same")
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
