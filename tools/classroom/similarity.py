"""Similarity between students' exercise cells, and with the library's own solving methods, by JPlag.

  python tools/classroom/similarity.py DIR [--out FOLDER] [--top N] [--min-tokens T]     (make similarity)

DIR is laid out as for grade-class (DIR/<student>/NN-name.ipynb). For each student, the exercise cells (found as the
grader finds them: tools/grading/matching.py) of every course notebook they handed in become one Java file, a class
per notebook; a cell's import lines go to the top. Next to the students, one more submission, `_library_`, holds
the library's methods that the exercises may not call (those annotated @Solves, from lib/src/main/java), so
a student who copied the library's code is paired with it. The stubs of the student copies are JPlag's base code:
what every student was given does not count as similar.

JPlag needs Java 21+: the newest JDK 21+ found in JPLAG_JAVA_HOME, JAVA_HOME or /usr/lib/jvm/* is used (Debian:
apt-get install openjdk-21-jdk-headless, or any Temurin 21+). JPlag's core and Java front end (6.0.0) come from
Maven Central through the library's Maven Wrapper (tools/similarity/pom.xml), once, into build/similarity/lib/;
its command-line program is not on Maven Central, so tools/similarity/Similarity.java calls its Java API.

Writes into DIR/similarity/ (or --out):
  report.jplag     JPlag's report; open it in JPlag's report viewer
  top-pairs.csv    the N most similar pairs: rank, first, second, similarity, max_similarity, matched_tokens
                   (percentages; ranked by max_similarity, the matched share of the smaller side)
  sources/         the Java files JPlag compared (to read a pair side by side)
Exit status 0 done, 2 could not run (no JDK 21+, no submissions, JPlag failed).
"""
import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import course  # noqa: E402
from course.guard import java_code  # noqa: E402

ROOT = course.ROOT
JPLAG_POM = ROOT / "tools" / "similarity" / "pom.xml"
JPLAG_LIB = ROOT / "build" / "similarity" / "lib"
PROGRAM = ROOT / "tools" / "similarity" / "Similarity.java"
LIBRARY = "_library_"
RESERVED = {"feedback", "lms", "shards", "similarity"}


class SimilarityError(Exception):
    pass


def java_version(java: Path) -> int | None:
    try:
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major


def find_java(env: dict) -> tuple[Path, int]:
    """The newest JDK 21+ (it needs javac's front end: a JRE will not do)."""
    import os
    candidates = [Path(env[k]) for k in ("JPLAG_JAVA_HOME", "JAVA_HOME") if env.get(k)]
    candidates += sorted(Path("/usr/lib/jvm").glob("*")) if Path("/usr/lib/jvm").is_dir() else []
    best = None
    for home in candidates:
        java, javac = home / "bin" / "java", home / "bin" / "javac"
        if java.is_file() and javac.is_file() and os.access(java, os.X_OK):
            v = java_version(java)
            if v and v >= 21 and (best is None or v > best[1]):
                best = (java, v)
    if best is None:
        raise SimilarityError("JPlag needs a JDK 21 or newer and none was found in JPLAG_JAVA_HOME, JAVA_HOME or "
                              "/usr/lib/jvm/ (Debian/Ubuntu: sudo apt-get install openjdk-21-jdk-headless; or set "
                              "JPLAG_JAVA_HOME to a JDK 21+)")
    return best


def ensure_jplag():
    if (JPLAG_LIB / "jplag-6.0.0.jar").is_file() and (JPLAG_LIB / "java-6.0.0.jar").is_file():
        return
    print("similarity: fetching JPlag 6.0.0 from Maven Central (first time only)", flush=True)
    done = subprocess.run([str(ROOT / "lib" / "mvnw"), "-q", "-f", str(JPLAG_POM), "dependency:copy-dependencies",
                           f"-DoutputDirectory={JPLAG_LIB}"], capture_output=True, text=True, cwd=ROOT / "lib")
    if done.returncode != 0:
        raise SimilarityError(f"could not fetch JPlag from Maven Central: {(done.stdout + done.stderr).strip()[-500:]}")


def class_name(notebook: str) -> str:
    return "Nb" + re.sub(r"\W", "_", Path(notebook).stem)


def java_file(cells_by_notebook: dict) -> str:
    """{notebook: [cell sources]} -> one Java compilation unit: imports first, then a class per notebook."""
    imports, body = [], []
    for notebook, cells in cells_by_notebook.items():
        body.append(f"class {class_name(notebook)} {{")
        for source in cells:
            for line in source.split("\n"):
                if re.match(r"\s*import\s+[\w.*\s]+;\s*$", line):
                    if line.strip() not in imports:
                        imports.append(line.strip())
                else:
                    body.append(line)
        body.append("}")
    return "\n".join(imports + [""] + body) + "\n"


def exercise_cells(student_nb, source_nb, exercises) -> list[str]:
    from grading.matching import match_exercises
    found = match_exercises(exercises, source_nb, student_nb)
    return [student_nb.cells[m.index].source for m in found.values() if m.index is not None]


def library_methods(exercises_by_notebook: dict | None = None) -> str:
    """The library's methods that an exercise may not call (annotated @Solves, helpers included: a pasted copy of
    column means is a copy too), as one Java file."""
    from compiled_only import annotated_methods
    parts = []
    for path in sorted(course.LIBRARY_SOURCES.rglob("*.java")):
        source = path.read_text(encoding="utf-8")
        methods = [source[at:end] for _, _, _, _, end, at in annotated_methods(source)]
        if methods:
            parts.append(f"class Library_{path.stem} {{\n" + "\n\n".join(methods) + "\n}")
    return "\n\n".join(parts) + "\n"


def prepare(submissions: Path, work: Path) -> tuple[int, list[str]]:
    """Writes work/root/<student>/Cells.java, work/root/_library_/Library.java and work/base/Stubs.java.
    Returns (number of students, notes about what was skipped)."""
    import nbformat
    sources, exercises = {}, {}
    for path in course.solution_notebooks():
        nb = nbformat.read(path, as_version=4)
        found = course.exercises(nb, course.display(path), strict=False)
        if found:
            sources[path.name], exercises[path.name] = nb, found
    if work.exists():
        shutil.rmtree(work)
    (work / "root").mkdir(parents=True)
    (work / "base").mkdir()
    notes, students = [], 0
    folders = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith(".")
                     and p.name not in RESERVED)
    for folder in folders:
        if folder.name == LIBRARY:
            raise SimilarityError(f"a student folder is named {LIBRARY}, the name of the library's submission; rename it")
        cells = {}
        for name in sources:
            path = folder / name
            if not path.is_file():
                continue
            try:
                student_nb = nbformat.read(path, as_version=4)
            except Exception as e:     # any unreadable notebook is left out, and said so
                notes.append(f"{folder.name}/{name}: not a readable notebook ({str(e).splitlines()[0][:100]}); left out")
                continue
            found = exercise_cells(student_nb, sources[name], exercises[name])
            if found:
                cells[name] = found
        if not cells:
            notes.append(f"{folder.name}: no exercise cell of a course notebook; left out")
            continue
        (work / "root" / folder.name).mkdir()
        (work / "root" / folder.name / "Cells.java").write_text(java_file(cells), encoding="utf-8")
        students += 1
    (work / "root" / LIBRARY).mkdir()
    (work / "root" / LIBRARY / "Library.java").write_text(library_methods(exercises), encoding="utf-8")
    stubs = {}
    for name in sources:
        student = course.student_copy(course.SOLUTIONS / name)
        stubs[name] = [student.cells[e.cell].source for e in exercises[name]]
    (work / "base" / "Stubs.java").write_text(java_file(stubs), encoding="utf-8")
    return students, notes


def run(submissions: Path, out: Path, top: int, min_tokens: int, env: dict) -> int:
    java, version = find_java(env)
    ensure_jplag()
    students, notes = prepare(submissions, out / "sources")
    for n in notes:
        print(f"similarity: {n}")
    if students < 1:
        raise SimilarityError(f"no student in {submissions} has an exercise cell to compare")
    report, pairs = out / "report.jplag", out / "top-pairs.csv"
    for f in (report, pairs):
        f.unlink(missing_ok=True)
    print(f"similarity: {students} students and the library's solving methods, JPlag on Java {version} ({java})",
          flush=True)
    done = subprocess.run([str(java), "-cp", str(JPLAG_LIB / "*"), str(PROGRAM), str(out / "sources" / "root"),
                           str(out / "sources" / "base"), str(report), str(pairs), str(top), str(min_tokens)],
                          capture_output=True, text=True)
    if done.returncode != 0 or not pairs.is_file():
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise SimilarityError(f"JPlag failed (exit status {done.returncode}):\n{tail}")
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "similarity: done")
    print(f"similarity: report {report} (JPlag's report viewer); top pairs {pairs}")
    return 0


def main(argv=None) -> int:
    import os
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--out", type=Path, help="default DIR/similarity")
    parser.add_argument("--top", type=int, default=20, help="pairs in top-pairs.csv (default 20)")
    parser.add_argument("--min-tokens", type=int, default=9,
                        help="JPlag's minimum token match (default 9, JPlag's own default for Java)")
    args = parser.parse_args(argv)
    if not args.submissions.is_dir():
        print(f"similarity: {args.submissions} is not a folder; SUBMISSIONS=DIR must hold one folder per student",
              file=sys.stderr)
        return 2
    out = (args.out or args.submissions / "similarity").resolve()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return run(args.submissions.resolve(), out, args.top, args.min_tokens, dict(os.environ))
    except SimilarityError as e:
        print(f"similarity: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
