"""Builds the student distribution: build/release/improving-deep-networks/ and its .zip.

  python tools/classroom/release.py [--out DIR]

It holds the student notebooks (regenerated from notebooks/solutions/, so they cannot be stale), the
library compiled (lib/deepnets.jar) with its readable sources, in which the methods that solve an exercise keep
their signature and Javadoc but not their body, and the exercises' checks are left out (compiled_only.py), the data, environment/, the student README and Makefile from
tools/classroom/student/, and tools/: the grader (grading/, course/, grade.py, so that `make grade` works in
the release), the student's scripts (run_notebooks.py, submit.py, fresh.py) and tools/originals/, the
pristine student notebooks that `make fresh` restores and `make grade` takes the check cells from. The zip
holds one folder, named after the course. It holds no source notebooks, no solution region, no mistake metadata,
no solving method's body, no exercise check or held-out check in source form and no instructor documentation; release() checks that before it writes the zip, and fails otherwise.
"""
import argparse
import json
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import compiled_only  # noqa: E402
import course  # noqa: E402

NAME = "improving-deep-networks"   # the course's name: the folder the zip unpacks into, and the zip's name
STUDENT = HERE / "student"
GITIGNORE = (".venv/\nbuild/\nlib/target/\n.ipynb_checkpoints/\n__pycache__/\n*.pyc\nhand-in.zip\nnotebooks/feedback/\n"
             "notebooks/backups/\n")


def copy_tree(src: Path, dst: Path, skip=("target",)):
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*skip, "__pycache__", "*.pyc", ".ipynb_checkpoints"))


def problems(folder: Path):
    """What must not be in a student distribution and is."""
    found = []
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_dir():
            if path.name == "solutions":
                found.append(f"{rel}/: a solutions folder")
            continue
        if "heldout" in rel.lower() or rel.startswith("lib/src/test/") or compiled_only.is_home(path):
            found.append(f"{rel}: an exercise's check or a held-out check in source form")
        if path.suffix == ".java":
            found += [f"{rel}, {problem}" for problem in compiled_only.solution_bodies(path)]
        if rel.startswith("docs/") or "instructor" in path.name.lower():
            found.append(f"{rel}: instructor documentation")
        if path.suffix == ".ipynb":
            nb = json.loads(path.read_text(encoding="utf-8"))
            for i, cell in enumerate(nb["cells"]):
                meta = cell.get("metadata", {}).get("deepnets", {})
                if "mistakes" in meta:
                    found.append(f"{rel}, cell {i}: mistake metadata")
                if any(course.BEGIN.match(line) for line in "".join(cell["source"]).split("\n")):
                    found.append(f"{rel}, cell {i}: a solution region")
    return found


def notebook_index() -> str:
    """The course README's table of the notebooks (its links are relative to the course folder, as in the
    release), so that the release's README has the full index notebook 00 points to."""
    text = (course.ROOT / "README.md").read_text(encoding="utf-8")
    lines = text[text.index("## The notebooks"):].split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("| notebook |"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    return "\n".join(lines[start:end])


def release(out: Path) -> Path:
    target = out / NAME
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (target / "notebooks").mkdir()
    for solution in course.solution_notebooks():
        (target / "notebooks" / solution.name).write_text(course.serialize(course.student_copy(solution)),
                                                          encoding="utf-8")
    copy_tree(course.ROOT / "lib", target / "lib")
    jar = course.ROOT / "lib" / "target" / "deepnets.jar"
    if not jar.exists():
        raise SystemExit("release: lib/target/deepnets.jar is missing; the release ships the library compiled "
                         "(run make setup first)")
    shutil.copy2(jar, target / "lib" / "deepnets.jar")
    compiled_only.strip(target / "lib")
    copy_tree(course.ROOT / "data", target / "data")
    copy_tree(course.ROOT / "environment", target / "environment")
    shutil.copy2(STUDENT / "Makefile", target / "Makefile")
    (target / "README.md").write_text((STUDENT / "README.md").read_text(encoding="utf-8").replace(
        "NOTEBOOK_INDEX", notebook_index()), encoding="utf-8")
    tools = target / "tools"
    tools.mkdir()
    for name in ("run_notebooks.py", "submit.py", "fresh.py"):
        shutil.copy2(STUDENT / name, tools / name)
    shutil.copy2(STUDENT / "notebooks.mk", target / "notebooks" / "Makefile")
    for package in ("course", "grading"):
        copy_tree(course.ROOT / "tools" / package, tools / package)
    shutil.copy2(course.ROOT / "tools" / "grade.py", tools / "grade.py")
    shutil.copytree(target / "notebooks", tools / "originals", ignore=shutil.ignore_patterns("Makefile"))
    (target / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    found = problems(target)
    if found:
        raise SystemExit("release: the student distribution would contain:\n  " + "\n  ".join(found))
    archive = out / f"{NAME}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(target.rglob("*")):
            info = zipfile.ZipInfo.from_file(path, Path(NAME) / path.relative_to(target))
            if path.is_dir():
                z.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, path.read_bytes())
    return archive


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=course.ROOT / "build" / "release")
    args = parser.parse_args(argv)
    archive = release(args.out.resolve())
    files = sum(1 for p in (args.out / NAME).rglob("*") if p.is_file())
    print(f"release: {course.display(args.out / NAME)}/ ({files} files) and {course.display(archive)} "
          f"({archive.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
