"""Starts a notebook over from the pristine copy the release shipped (make fresh NB=notebooks/NN-name.ipynb).

  python tools/fresh.py [--originals DIR] [NOTEBOOK]

Your version is first copied to notebooks/backups/NN-name.<date-time>.ipynb (so nothing is lost: copy your
code back from it), then notebooks/NN-name.ipynb is replaced by the pristine copy in DIR (tools/originals/).
Without a notebook it lists the notebooks and whether each differs from its pristine copy.
"""
import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def listing(originals: Path) -> str:
    lines = ["Say which notebook to start over, e.g. make fresh NB=notebooks/00-start-here.ipynb", "",
             "the notebooks (from the pristine copies in " + str(originals.relative_to(ROOT)) + "/):"]
    for original in sorted(originals.glob("*.ipynb")):
        mine = NOTEBOOKS / original.name
        state = ("missing: make fresh restores it" if not mine.exists() else
                 "as shipped" if mine.read_bytes() == original.read_bytes() else "changed by you")
        lines.append(f"  notebooks/{original.name:<34} {state}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--originals", type=Path, default=ROOT / "tools" / "originals")
    parser.add_argument("notebook", nargs="?")
    args = parser.parse_args(argv)
    originals = (ROOT / args.originals).resolve() if not args.originals.is_absolute() else args.originals
    if not args.notebook:   # a question, not an error: the answer is the list
        print(listing(originals))
        return 0
    name = Path(args.notebook).name
    original = originals / name
    if not original.is_file():
        print(f"fresh: {args.notebook} is not one of the course's notebooks.\n\n{listing(originals)}",
              file=sys.stderr)
        return 2
    target = NOTEBOOKS / name
    if target.exists():
        if target.read_bytes() == original.read_bytes():
            print(f"fresh: notebooks/{name} is already as shipped; nothing to do")
            return 0
        backups = NOTEBOOKS / "backups"
        backups.mkdir(exist_ok=True)
        backup = backups / f"{target.stem}.{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
        shutil.copy2(target, backup)
        print(f"fresh: your version is saved as {backup.relative_to(ROOT)}")
    shutil.copyfile(original, target)
    print(f"fresh: notebooks/{name} is the pristine copy again. If it is open in JupyterLab, close it without "
          f"saving (or use File > Reload Notebook from Disk), then open it again.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
