"""Where the course's notebooks live: the source notebooks with solutions and the generated student copies."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOLUTIONS = NOTEBOOKS / "solutions"
LIBRARY_SOURCES = ROOT / "lib" / "src" / "main" / "java"


def solution_notebooks():
    return sorted(SOLUTIONS.glob("*.ipynb"))


def student_notebooks():
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def display(path: Path) -> str:
    """The path relative to the project if it is inside it, else as given."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def student_path(solution: Path) -> Path:
    return NOTEBOOKS / solution.name

