"""Puts the shards of a class run together: DIR/shards/k-of-N/ (from grade_class.py --shard k/N) into
DIR/gradebook.csv, DIR/feedback/, DIR/.grading/state.json and DIR/lms/, as one run over DIR would have written them.

  python tools/classroom/merge_gradebooks.py DIR [--roster FILE] [--assignments FILE]      (make merge-gradebooks)

Refuses, writing nothing, unless every shard 1..N finished (its done.json), all with the same grader, and together
they hold every student folder of DIR exactly once with every notebook the plan of DIR expects. The refusal names
the shards that failed or never finished and the students missing because of them. Exit status 0 merged,
1 refused, 2 bad input.
"""
import argparse
import json
import re
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import lms  # noqa: E402
from gradebook import (DONE, STATE_DIR, Course, gradebook_text, in_shard, plan, shard_dir,  # noqa: E402
                       student_folders, write_atomic)


def shard_count(submissions: Path) -> int:
    found = {int(m.group(2)) for p in (submissions / "shards").glob("*-of-*")
             if (m := re.fullmatch(r"(\d+)-of-(\d+)", p.name))}
    if not found:
        raise SystemExit(f"merge-gradebooks: no shards in {submissions / 'shards'}; run make grade-class "
                         f"SUBMISSIONS={submissions} SHARD=k/N for k = 1..N first")
    if len(found) > 1:
        raise SystemExit(f"merge-gradebooks: {submissions / 'shards'} holds shards of several splits "
                         f"({', '.join(f'N={n}' for n in sorted(found))}); delete the old ones' folders")
    return found.pop()


def merge(submissions: Path, roster=None, assignments=None, out=print, err=print) -> int:
    n = shard_count(submissions)
    c = Course()
    folders = [p.name for p in student_folders(submissions)]
    expected = [f"{s}/{name}" for s, name, _, _ in plan(submissions, c)]
    problems, missing, state, graders = [], [], {}, set()
    for k in range(1, n + 1):
        d = shard_dir(submissions, k, n)
        share = [s for i, s in enumerate(folders) if in_shard(i, (k, n))]
        done_path = d / DONE
        if not done_path.is_file():
            why = "never ran (no folder)" if not d.is_dir() else "did not finish (failed, interrupted or still running)"
            problems.append(f"shard {k}/{n} {why}: {d}")
            missing += share
            continue
        done = json.loads(done_path.read_text(encoding="utf-8"))
        graders.add(done.get("grader"))
        if sorted(done.get("students", [])) != sorted(share):
            extra = sorted(set(done.get("students", [])) - set(share))
            lacking = sorted(set(share) - set(done.get("students", [])))
            problems.append(f"shard {k}/{n} graded another share of the students than DIR now holds (the folder changed "
                            f"since?): {'extra ' + ', '.join(extra) if extra else ''}"
                            f"{'; ' if extra and lacking else ''}{'lacking ' + ', '.join(lacking) if lacking else ''}; "
                            f"run that shard again")
            missing += lacking
            continue
        shard_state = json.loads((d / STATE_DIR / "state.json").read_text(encoding="utf-8"))
        for key in done["entries"]:
            if key in shard_state:
                state[key] = shard_state[key]
    if len(graders) > 1:
        problems.append("the shards ran different versions of the grader or the course; run them all again")
    lost = [key for key in expected if key not in state and key.split("/", 1)[0] not in missing]
    if lost:
        problems.append(f"{len(lost)} notebooks of finished shards have no result: {', '.join(lost[:10])}"
                        f"{' ...' if len(lost) > 10 else ''}")
        missing += sorted({key.split("/", 1)[0] for key in lost})
    if problems:
        for p in problems:
            err(f"merge-gradebooks: {p}")
        err(f"merge-gradebooks: {len(set(missing))} students missing: {', '.join(sorted(set(missing)))}")
        err(f"merge-gradebooks: nothing written; {submissions / 'gradebook.csv'} is unchanged")
        return 1

    (submissions / STATE_DIR).mkdir(exist_ok=True)
    write_atomic(submissions / STATE_DIR / "state.json",
                 json.dumps({k: state[k] for k in expected}, indent=0, ensure_ascii=False) + "\n")
    write_atomic(submissions / "gradebook.csv", gradebook_text(expected, state))
    feedback = submissions / "feedback"
    for k in range(1, n + 1):
        src = shard_dir(submissions, k, n) / "feedback"
        if src.is_dir():
            for f in sorted(src.rglob("*.md")):
                target = feedback / f.relative_to(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(f, target)
    done_times = [shard_dir(submissions, k, n) / DONE for k in range(1, n + 1)]
    graded_at = max(p.stat().st_mtime for p in done_times)
    lms.export(submissions, {nb: sum(p for _, p in ex) for nb, ex in c.exercises.items()}, roster, assignments,
               graded_at=time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(graded_at)), out=out)
    out(f"merge-gradebooks: {n} shards, {len(folders)} students, {len(expected)} notebooks merged into "
        f"{submissions / 'gradebook.csv'}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--roster", type=Path)
    parser.add_argument("--assignments", type=Path)
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        print(f"merge-gradebooks: {args.submissions} is not a folder", file=sys.stderr)
        return 2
    try:
        return merge(args.submissions.resolve(), args.roster, args.assignments,
                     err=lambda m: print(m, file=sys.stderr))
    except lms.LmsError as e:
        print(f"merge-gradebooks: the gradebook is written, but not the LMS imports: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
