"""Brings a newer version of the course's notebooks into a folder where a student already works, keeping their code.

  python tools/classroom/update.py FOLDER --new NEWFOLDER     (the newer notebooks, e.g. a new release's notebooks/)
  python tools/classroom/update.py FOLDER --git REF           (the newer notebooks from git, e.g. origin/main: on a
                                                               hub, after `git fetch`; nbgitpuller keeps a changed
                                                               notebook as it was, so corrections never arrive)

For every newer notebook NN-name.ipynb:
  - FOLDER has none: it is copied in;
  - FOLDER's is not a notebook that can be read: it is left untouched, and the report says so;
  - else the newer notebook is written in its place with the student's work carried over:
      * each exercise cell, found as the grader finds it (tools/grading/matching.py: by metadata, cell id, the
        exercise's name, its method's signature or its position), keeps the student's code; one still holding its
        stub takes the newer stub;
      * a code cell the student added (an id the newer version does not have) is kept, at the end, under a heading;
      * every other cell is the newer version's (markdown, checks, examples); the report names the cells that
        differ from the student's copy (changed by the course, or edited by the student: the backup has theirs).
    The old file is first copied to FOLDER/backup-<date-time>/. An unchanged notebook is not rewritten.
Exit status 0 done (whatever was kept), 2 bad input.
"""
import argparse
import copy
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import course  # noqa: E402
import nbformat  # noqa: E402

ADDED_HEADING = "## Your own cells from the earlier version\n\nKept by the update; move them where you need them."


def _normal(text: str) -> str:
    return " ".join(text.split())


def is_stub(source: str, exercise_name: str) -> bool:
    return f'{course.STUB_ERROR}("{exercise_name}")' in source


def merge(old_nb, new_nb) -> tuple[object, list[str]]:
    """The newer notebook with the student's work of old_nb in it; and what was kept and changed, as sentences."""
    from grading.matching import match_exercises
    exercises = course.exercises(new_nb, "the newer notebook", strict=False)
    found = match_exercises(exercises, new_nb, old_nb)
    merged = copy.deepcopy(new_nb)
    notes, kept, fresh, lost = [], [], [], []
    used = set()
    for e in exercises:
        m = found[e.name]
        if m.index is None:
            lost.append(e.short_name)
            continue
        used.add(m.index)
        mine = old_nb.cells[m.index].source
        if is_stub(mine, e.name) or _normal(mine) == _normal(new_nb.cells[e.cell].source):
            fresh.append(e.short_name)
        else:
            merged.cells[e.cell].source = mine
            kept.append(e.short_name)
    if kept:
        notes.append(f"kept your code of {', '.join(kept)}")
    if fresh:
        notes.append(f"{', '.join(fresh)}: not started, so the newer stub")
    if lost:
        notes.append(f"no cell of yours held {', '.join(lost)} (deleted or moved?): the newer stub is there; "
                     f"your old notebook is in the backup")
    new_ids = {c.get("id") for c in new_nb.cells}
    added = [c for i, c in enumerate(old_nb.cells)
             if i not in used and c.cell_type == "code" and c.get("id") not in new_ids and c.source.strip()]
    if added:
        heading = nbformat.v4.new_markdown_cell(ADDED_HEADING)
        heading["id"] = "deepnets-update-kept"      # a fixed id: a second update finds the same notebook
        merged.cells.append(heading)
        for c in added:
            merged.cells.append(copy.deepcopy(c))  # its own id, so that a second update keeps it once
        notes.append(f"kept {len(added)} cell(s) you added, at the end")
    exercise_cells = {e.cell for e in exercises}
    old_by_id = {c.get("id"): c for c in old_nb.cells}
    differ = [i for i, c in enumerate(new_nb.cells) if i not in exercise_cells
              and (c.get("id") not in old_by_id or _normal(c.source) != _normal(old_by_id[c.get("id")].source))]
    # Without the version the student started from, a difference may be the course's change or the student's edit.
    if differ:
        notes.append(f"{len(differ)} cell(s) of the course differ from your copy and are the newer version now "
                     f"(cells {', '.join(str(i + 1) for i in differ)}: changed by this version, or edited by you; "
                     f"your copy is in the backup)")
    for c in merged.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    return merged, notes


def newer_from_git(folder: Path, ref: str) -> dict:
    """{notebook name: text} of the notebooks at REF in the folder's git repository, same relative folder."""
    top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    if top.returncode:
        raise SystemExit(f"update: {folder} is not in a git checkout; use --new NEWFOLDER instead")
    top = Path(top.stdout.strip())
    rel = folder.resolve().relative_to(top.resolve()).as_posix()
    listed = subprocess.run(["git", "-C", str(top), "ls-tree", "--name-only", ref, f"{rel}/" if rel != "." else "."],
                            capture_output=True, text=True)
    if listed.returncode:
        raise SystemExit(f"update: git has no {ref!r} here ({listed.stderr.strip()}); run git fetch first, "
                         f"or name the branch, e.g. --git origin/main")
    out = {}
    for path in listed.stdout.split():
        if path.endswith(".ipynb"):
            shown = subprocess.run(["git", "-C", str(top), "show", f"{ref}:{path}"], capture_output=True, text=True)
            out[Path(path).name] = shown.stdout
    return out


def update(folder: Path, newer: dict, out=print) -> int:
    """newer: {notebook name: its text}. Returns the number of notebooks rewritten."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backup = folder / f"backup-{stamp}"
    written = 0
    for name in sorted(newer):
        new_nb = nbformat.reads(newer[name], as_version=4)
        target = folder / name
        if not target.exists():
            target.write_text(course.serialize(new_nb), encoding="utf-8")
            out(f"update: {name}: new in this version, copied in")
            written += 1
            continue
        try:
            old_nb = nbformat.reads(target.read_text(encoding="utf-8"), as_version=4)
            if not isinstance(old_nb.get("cells"), list):
                raise ValueError("no list of cells")
        except Exception as e:   # whatever makes it unreadable, the file stays as it is
            out(f"update: {name}: left untouched: it cannot be read as a notebook ({str(e).splitlines()[0][:120]}); "
                f"the newer version is not applied. Fix or rename it, then run the update again")
            continue
        merged, notes = merge(old_nb, new_nb)
        text = course.serialize(merged)
        if _normal(text) == _normal(course.serialize(old_nb)):
            out(f"update: {name}: already the newest version")
            continue
        backup.mkdir(exist_ok=True)
        (backup / name).write_bytes(target.read_bytes())
        target.write_text(text, encoding="utf-8")
        written += 1
        out(f"update: {name}: updated; " + "; ".join(notes))
    if written and backup.exists():
        out(f"update: the earlier versions are in {backup}")
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--new", type=Path, help="a folder with the newer notebooks")
    source.add_argument("--git", help="a git ref with the newer notebooks, e.g. origin/main")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"update: {args.folder} is not a folder", file=sys.stderr)
        return 2
    if args.new is not None:
        if not args.new.is_dir():
            print(f"update: {args.new} is not a folder; --new names the folder of the newer notebooks", file=sys.stderr)
            return 2
        newer = {p.name: p.read_text(encoding="utf-8") for p in sorted(args.new.glob("*.ipynb"))}
    else:
        newer = newer_from_git(args.folder, args.git)
    if not newer:
        print("update: no newer notebooks found", file=sys.stderr)
        return 2
    update(args.folder, newer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
