"""The student's release holds no plain-text solution (issue 24): the library ships compiled (lib/deepnets.jar, from
the course's full sources), and in its readable sources the body of every method annotated @Solves (unless
`helper = true`) is replaced by a stub saying in which notebook the student writes it; the exercises' homes
(the classes of deepnets.exercises that extend Task: checks, reference code, known mistakes) and the held-out
checks are left out, as are the library's tests (their hand-computed expectations are answers too). The classes
an exercise gives the student (Value, Trial, ...) and the framework stay readable.

  strip(lib_folder)      rewrites the copied sources in place
  solution_bodies(path)  what the release scan refuses: an annotated method whose body is still present
"""
import re
from pathlib import Path

import course
from course.guard import java_code

SOLVES = re.compile(r"@Solves\s*\(")
STUB_MARK = "Compiled only in the student release"
OMITTED = ("src/test", "src/heldout")
HOMES = "src/main/java/deepnets/exercises"
HOME = re.compile(r"\bextends\s+Task\s*<")
EXERCISES_README = """# deepnets.exercises: the exercises' homes ship compiled only

Each exercise has a class here (e.g. `TestTimeNormalization`) that holds its check, the reference code it compares
your answer with, and the mistakes it recognizes. In the student release those classes ship compiled only, inside
`lib/deepnets.jar`, so that no answer is in plain view; the check cells in the notebooks call them, e.g.
`Exercises.testTimeNormalization().check(...)`. The classes the exercises give you (such as `Value` or `Trial`)
and the framework (`Task`, `Mistake`, `Exercises`) are here to read.
"""


def is_home(path: Path) -> bool:
    """An exercise's home: a class of deepnets.exercises that extends Task (its check and known mistakes)."""
    return path.suffix == ".java" and HOME.search(java_code(path.read_text(encoding="utf-8"))) is not None


def _close(code: str, start: int, open_ch: str, close_ch: str) -> int:
    """The index just after the bracket that closes the one at `start` (comments and strings blanked in code)."""
    depth = 0
    for i in range(start, len(code)):
        if code[i] == open_ch:
            depth += 1
        elif code[i] == close_ch:
            depth -= 1
            if depth == 0:
                return i + 1
    raise ValueError("unbalanced brackets")


def annotated_methods(source: str):
    """Each method annotated @Solves: (annotation text, exercise classes, helper?, body start, body end, annotation
    start), the body being the braces and what they enclose."""
    code = java_code(source)
    found = []
    for m in SOLVES.finditer(code):
        args_end = _close(code, m.end() - 1, "(", ")")
        annotation = source[m.start():args_end]
        # a constructor or method signature has its own parentheses; the body is the first brace after them
        paren = code.index("(", args_end)
        body_start = code.index("{", _close(code, paren, "(", ")"))
        body_end = _close(code, body_start, "{", "}")
        classes = re.findall(r"(\w+)\.class", annotation)
        helper = re.search(r"\bhelper\s*=\s*true\b", annotation) is not None
        found.append((annotation, classes, helper, body_start, body_end, m.start()))
    return found


def _where(classes) -> str:
    by_class = {e["class"]: e for e in course.catalog().values()}
    places = [f"notebook {by_class[c]['notebook']}, {by_class[c]['name']}" for c in classes if c in by_class]
    return "; ".join(places) or "an exercise"


def stub_body(classes, indent: str) -> str:
    inner = indent + "    "
    places = _where(classes).split("; ")
    return ("{\n" + f"{inner}// {STUB_MARK}: you write this computation yourself in\n"
            + "".join(f"{inner}//   {place}\n" for place in places)
            + f"{inner}// lib/deepnets.jar holds the compiled version that the notebooks' later cells use.\n"
            f'{inner}throw new UnsupportedOperationException("{STUB_MARK.lower()}");\n' + indent + "}")


def strip(lib: Path) -> list:
    """Rewrites the release's copy of lib/ (see the module docstring); returns the methods it stubbed."""
    import shutil
    for rel in OMITTED:
        shutil.rmtree(lib / rel, ignore_errors=True)
    homes = lib / HOMES
    for path in sorted(homes.glob("*.java")) if homes.is_dir() else []:
        if is_home(path):
            path.unlink()
    homes.mkdir(parents=True, exist_ok=True)
    (homes / "README.md").write_text(EXERCISES_README, encoding="utf-8")
    stubbed = []
    for path in sorted((lib / "src" / "main" / "java").rglob("*.java")):
        source = path.read_text(encoding="utf-8")
        methods = [m for m in annotated_methods(source) if not m[2]]
        for annotation, classes, _, start, end, at in reversed(methods):
            line_start = source.rfind("\n", 0, at) + 1
            indent = re.match(r"[ \t]*", source[line_start:]).group(0)
            source = source[:start] + stub_body(classes, indent) + source[end:]
            stubbed.append(f"{path.relative_to(lib).as_posix()}: {annotation}")
        if methods:
            path.write_text(source, encoding="utf-8")
    return stubbed


def solution_bodies(path: Path) -> list:
    """The annotated (non-helper) methods of a Java source whose body is not the release's stub."""
    source = path.read_text(encoding="utf-8")
    found = []
    for annotation, classes, helper, start, end, _ in annotated_methods(source):
        if not helper and STUB_MARK not in source[start:end]:
            line = source.count("\n", 0, start) + 1
            found.append(f"line {line}: the method annotated {annotation} has its body; it must ship compiled only")
    return found
