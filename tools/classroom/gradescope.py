"""Gradescope: builds build/gradescope/autograder.zip, and is the grader that zip runs for each submission.

  python tools/classroom/gradescope.py build [--out DIR] [--notebooks NN-name.ipynb ...]   (make gradescope)
  python tools/classroom/gradescope.py run [--root /autograder]                            (run_autograder)

Layout of the zip, after Gradescope's autograder specification (https://gradescope-autograders.readthedocs.io,
"Autograder Specifications"): setup.sh and run_autograder at the root of the archive; Gradescope unpacks the
zip into /autograder/source, runs setup.sh once as root when it builds the image (Ubuntu), then for every
submission runs /autograder/run_autograder with the student's files in /autograder/submission. It must
write /autograder/results/results.json; ours has one test per exercise (name, score, max_score, status,
output, visibility) and the total score. /autograder/results/stdout is for the instructor only.

The course inside the zip (course/): the source notebooks, tools/, the library's sources, data/ and
environment/. setup.sh installs a JDK, Python's venv, bubblewrap and socat with apt-get when they are
missing, builds the library with its Maven Wrapper, and installs the Python tools and the kernel into
course/.venv. `run` grades every configured notebook found in the submission (by file name, in any
subfolder); one that is missing or corrupted scores 0 with a message saying so. The student's kernel runs in
the bubblewrap sandbox when the container allows one (and UNSANDBOXED is not set), otherwise directly
(Gradescope already runs each submission in a container of its own) and stdout says so.

Memory and CPU: Gradescope's container is small (768 MB and half a CPU by default). setup.sh installs the kernel
with install_kernel.py --heap-from-container, so that the kernel's JVM sizes its heap from the container's limit
(half of it); in the sandbox, where the JVM cannot see the limit, sandbox.py passes the same share as -Xmx and
the processor count the CPU quota allows. A submission that allocates too much thus gets a Java OutOfMemoryError,
which the feedback names with the heap's size, instead of the container being killed. stdout reports the limits.
"""
import argparse
import json
import os
import shutil
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import container  # noqa: E402
import course  # noqa: E402

VISIBILITY = "visible"

SETUP = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
set -euo pipefail
COURSE="$(cd "$(dirname "$0")" && pwd)/course"
need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
python3 -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv python3-pip)
command -v bwrap >/dev/null 2>&1 || need+=(bubblewrap)
command -v socat >/dev/null 2>&1 || need+=(socat)
fc-list >/dev/null 2>&1 || need+=(fontconfig fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
cd "$COURSE"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r environment/requirements.txt
(cd lib && ./mvnw --quiet --batch-mode package -DskipTests)
# The kernel's heap is a share of the container's memory (Gradescope's default is 768 MB), not a fixed -Xmx.
.venv/bin/python environment/install_kernel.py .venv lib/target --heap-from-container
echo "setup.sh: the course's grader is ready in $COURSE"
"""

RUN = r"""#!/usr/bin/env bash
# Gradescope runs this for every submission (the working directory is /autograder). AUTOGRADER_ROOT names
# another root laid out like /autograder (the project's tests use one).
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
COURSE="$ROOT/source/course"
export JUPYTER_PATH="$COURSE/.venv/share/jupyter" PYTHONDONTWRITEBYTECODE=1
exec "$COURSE/.venv/bin/python" "$COURSE/tools/classroom/gradescope.py" run --root "$ROOT"
"""


def build(out: Path, notebooks: list[str]) -> Path:
    stage = out / "autograder"
    if stage.exists():
        shutil.rmtree(stage)
    c = stage / "course"
    ignore = shutil.ignore_patterns("target", "target-*", "__pycache__", "*.pyc", ".ipynb_checkpoints", "feedback")
    (c / "notebooks").mkdir(parents=True)
    shutil.copytree(course.SOLUTIONS, c / "notebooks" / "solutions", ignore=ignore)
    for folder in ("lib", "data", "environment"):
        shutil.copytree(course.ROOT / folder, c / folder, ignore=ignore)
    (c / "tools").mkdir()
    for name in ("course", "grading"):
        src = course.ROOT / "tools" / name
        if src.is_dir():
            shutil.copytree(src, c / "tools" / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, c / "tools" / name)
    shutil.copytree(HERE, c / "tools" / "classroom", ignore=shutil.ignore_patterns("student", "__pycache__", "*.pyc"))
    names = notebooks or [p.name for p in course.solution_notebooks()]
    unknown = [n for n in names if not (course.SOLUTIONS / n).is_file()]
    if unknown:
        raise SystemExit(f"gradescope: no source notebook for {', '.join(unknown)} in {course.display(course.SOLUTIONS)}")
    (c / "gradescope.json").write_text(json.dumps({"notebooks": names}, indent=1) + "\n", encoding="utf-8")
    for name, text in (("setup.sh", SETUP), ("run_autograder", RUN)):
        (stage / name).write_text(text, encoding="utf-8")
        (stage / name).chmod(0o755)
    archive = out / "autograder.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, path.relative_to(stage))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, path.read_bytes())
    return archive


def kernel_heap_mib(spec: dict) -> int | None:
    """The maximum heap, in MiB, of the kernel `spec` starts: its -Xmx, else its -XX:MaxRAMPercentage of the
    container's memory limit (of the machine's memory where there is none), as the JVM computes it; None if it
    has neither (the JVM's default)."""
    fixed = share = None
    for option in spec.get("env", {}).get("JJAVA_JVM_OPTS", "").split():
        if option.startswith("-Xmx"):
            size = option[4:].lower()
            scale = {"k": 1 / 1024, "m": 1, "g": 1024}.get(size[-1:])
            fixed = int(float(size[:-1]) * scale) if scale else int(size) // (1 << 20)
        elif option.startswith("-XX:MaxRAMPercentage="):
            share = float(option.split("=", 1)[1])
    if fixed is not None or share is None:
        return fixed
    total = container.memory_limit() or os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return int(total * share / 100) // (1 << 20)


def run(root: Path) -> int:
    """Grades /autograder/submission and writes /autograder/results/results.json."""
    import gradebook
    import grading
    import sandbox
    started = time.monotonic()
    home = root / "source" / "course"
    config = json.loads((home / "gradescope.json").read_text(encoding="utf-8"))
    results_dir = root / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    submission = root / "submission"
    found = {}
    for path in sorted(submission.rglob("*.ipynb")) if submission.is_dir() else []:
        if ".ipynb_checkpoints" not in path.parts:
            found.setdefault(path.name, path)
    kernel = "java"
    base_spec = home / ".venv" / "share" / "jupyter" / "kernels" / "java"
    why = "UNSANDBOXED is set" if os.environ.get("UNSANDBOXED") else sandbox.probe()
    if why is None:
        spec_root = Path(os.environ.get("TMPDIR", "/tmp")) / f"deepnets-gradescope-{os.getpid()}"
        sandbox.kernel_spec(base_spec, spec_root, 0)
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(spec_root), os.environ.get("JUPYTER_PATH", "")])
        kernel = sandbox.KERNEL_NAME
        heap = sandbox.heap_mib()
        print("gradescope: the student's kernel runs in a bubblewrap sandbox")
    else:
        heap = kernel_heap_mib(json.loads((base_spec / "kernel.json").read_text(encoding="utf-8")))
        print(f"gradescope: no sandbox in this container ({why}); the kernel runs in Gradescope's container")
    if heap:
        os.environ[grading.errors.HEAP_VARIABLE] = str(heap)   # an OutOfMemoryError's feedback names it
    memory, cpus = container.memory_limit(), container.cpu_limit()
    print(f"gradescope: container limits: memory {f'{memory // sandbox.MiB} MiB' if memory else 'none'}, "
          f"CPU {f'{cpus:g}' if cpus else 'no quota'}; the kernel's heap at most {heap or 'unknown'} MiB")
    tests, notes = [], []
    for name in config["notebooks"]:
        source = home / "notebooks" / "solutions" / name
        exercises = gradebook.Course.exercises_of(source)
        path = found.get(name)
        problem = None
        if path is None:
            problem = f"{name} was not in your submission: upload it with exactly this file name"
        else:
            problem = gradebook.check_notebook(path.read_bytes())
        if problem:
            notes.append(problem)
            for ex_name, points in exercises:
                tests.append({"name": f"{name}: {ex_name}", "score": 0, "max_score": points, "status": "failed",
                              "output": problem, "visibility": VISIBILITY})
            continue
        try:
            result = grading.grade(path, source, timeout=int(os.environ.get("GRADE_TIMEOUT", "60")),
                                   log_path=results_dir / "logs" / (Path(name).stem + ".log"), kernel_name=kernel,
                                   held_out=course.heldout_jar_for(kernel))
        except grading.GradingError as e:
            print(f"gradescope: could not grade {name}: {e}")
            for ex_name, points in exercises:
                tests.append({"name": f"{name}: {ex_name}", "score": 0, "max_score": points, "status": "failed",
                              "output": "the autograder failed on this notebook; tell your instructor",
                              "visibility": VISIBILITY})
            continue
        for e in result.exercises:
            text = e.status if e.status == "passed" else f"{e.status}: {e.message}"
            if e.held_out == "failed":   # which property failed is shown after the due date, in its own test
                text = ("failed: your code passes the check cell, but not a held-out check that grading adds (other "
                        "inputs and edge cases); what it checks is shown after the due date")
                tests.append({"name": f"{name}: {e.name} (held-out check)", "score": 0, "max_score": 0,
                              "status": "failed", "output": grading.cap(e.message, 8000),
                              "visibility": "after_due_date"})
            elif e.held_out == "passed":
                tests.append({"name": f"{name}: {e.name} (held-out check)", "score": 0, "max_score": 0,
                              "status": "passed", "output": "passed", "visibility": "after_due_date"})
            if e.output:
                text += "\n\nOutput of your exercise and its check:\n" + e.output
            if e.notes:
                text += "\n\n" + "\n".join(f"Note: {n}" for n in e.notes)
            tests.append({"name": f"{name}: {e.name}", "score": e.earned, "max_score": e.points,
                          "status": "passed" if e.status == "passed" else "failed",
                          "output": grading.cap(text, 8000), "visibility": VISIBILITY})
        notes += [f"{name}: {n}" for n in result.notes]
        print(f"gradescope: {name}: {result.points}/{result.total} points ({result.seconds:.1f} s)")
    results = {"score": sum(t["score"] for t in tests), "execution_time": int(time.monotonic() - started),
               "output": "\n".join(notes) if notes else "Every notebook was graded.", "tests": tests,
               "visibility": VISIBILITY, "stdout_visibility": "hidden"}
    gradebook.write_atomic(results_dir / "results.json", json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print(f"gradescope: {results['score']}/{sum(t['max_score'] for t in tests)} points; "
          f"wrote {results_dir / 'results.json'}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", type=Path, default=course.ROOT / "build" / "gradescope")
    b.add_argument("--notebooks", nargs="*", default=[])
    r = sub.add_parser("run")
    r.add_argument("--root", type=Path, default=Path("/autograder"))
    args = parser.parse_args(argv)
    if args.command == "build":
        archive = build(args.out.resolve(), args.notebooks)
        print(f"gradescope: {course.display(archive)} ({archive.stat().st_size // 1024} KiB); upload it as the "
              f"assignment's autograder (Configure Autograder > Zip file upload)")
        return 0
    return run(args.root.resolve())


if __name__ == "__main__":
    sys.exit(main())
