"""Decides an exercise's points outside the student's reach (issue 25): its visible and held-out checks run in a JVM
of their own, not in the notebook's kernel.

How
  The student's exercise cell (and the earlier exercise cells whose methods it calls) is wrapped into a class,
  `submission.eN.Cell`, each top-level method, class and field of the cell a static member; the notebook's import
  lines and JShell's default imports come first. A second class, `submission.eN.Entry`, holds the check cell's own
  lambda (`Exercises.x().check(LAMBDA)`) as `public static Object yours()`. javac compiles both on the grader's side
  against the library (no annotation processing: nothing of the student's runs while compiling). A fresh JVM then
  runs `deepnets.heldout.FreshCheck` (in the held-out jar, which the student's release does not have): it reads a
  per-run secret from stdin before any of the student's code loads, runs the visible check and then the held-out
  check, and prints the result on a line tagged with the secret. The student's code cannot print that line (it
  does not know the secret); an exit, a crash, a hang or anything else that ends the run without it fails the
  exercise. A check JVM that does not even start (no "started" line) is the grader's error, not the student's:
  GradingError, so that the notebook is graded again on the next run.

  With a sandboxed kernel spec (tools/classroom/sandbox.py), the check JVM runs in the same sandbox as the kernel,
  through the spec's wrapper (`sandbox.py --check`), with the compiled classes mounted read-only.

Strong encapsulation (issue 25, item 3)
  In the check JVM the library and the checks are one named module, `deepnets` (course.checks_jar), that exports
  its packages and opens none; the student's classes are in the unnamed module. setAccessible on the guard's
  state, a check's fields or an internal kernel fails (InaccessibleObjectException), and so does
  MethodHandles.privateLookupIn. Only the modules in course.CHECK_MODULES are there: no sun.misc.Unsafe
  (jdk.unsupported), no instrumentation, no attach, no JShell. The library's dependencies (EJML, XChart,
  Tablesaw) stay on the class path, in the unnamed module (--add-reads lets the library read them).
"""
import base64
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import course
from course.catalog import CHECK_MODULES, JAR, TARGET
from course.guard import declared_methods, java_code
from .results import GradingError, Kind

JSHELL_IMPORTS = ["java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
                  "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
                  "java.util.stream.*"]
IMPORT = re.compile(r"^[ \t]*import\s+(static\s+)?([\w.]+(?:\.\*)?)\s*;[ \t]*$", re.MULTILINE)
CHECK_CALL = re.compile(r"\bExercises\s*\.\s*(\w+)\s*\(\s*\)\s*\.\s*check\s*\((.*)\)\s*;\s*$", re.DOTALL)
TYPE_NAME = re.compile(r"\b(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)")
MAX_OUTPUT = 200_000        # characters of the check JVM's own output kept (the tagged lines are always kept)
HARNESS = "deepnets.heldout.FreshCheck"


@dataclass
class Outcome:
    """What the check JVM said about one exercise."""
    status: str             # "passed", "failed", "not-implemented"
    kind: Kind | None
    held_out: str           # "passed", "failed", "" (did not run)
    message: str
    output: str = ""
    seconds: float = 0.0


# ---------------------------------------------------------------- the compilation unit

def check_call(source: str):
    """(accessor, lambda source) of a check cell `Exercises.x().check(LAMBDA);`, or None."""
    code = java_code(source, keep_strings=True)
    match = CHECK_CALL.search(code)
    if not match:
        return None
    return match.group(1), source[match.start(2):match.end(2)]


def split_imports(source: str):
    """(import lines, the cell without them; same line count)."""
    code = java_code(source)
    found, lines, out = [], source.split("\n"), []
    code_lines = code.split("\n")
    for line, bare in zip(lines, code_lines):
        m = IMPORT.match(bare)
        if m:
            found.append(line.strip().split("//")[0].strip())
            out.append("")
        else:
            out.append(line)
    return found, "\n".join(out)


def staticize(source: str) -> str:
    """The cell's top-level declarations as static members of a class: JShell's top-level methods, classes and
    variables are not tied to an instance. Inserts `static ` before each declaration at depth 0 that lacks it."""
    code = java_code(source)
    starts, depth, expect = [], 0, True
    i, n = 0, len(code)
    while i < n:
        c = code[i]
        if expect and not c.isspace():
            if c.isalpha() or c in "_$@<":
                starts.append(i)
            expect = False
        if c in "{(":
            depth += 1
        elif c in "})":
            depth -= 1
            if depth == 0 and c == "}":
                expect = True
        elif c == ";" and depth == 0:
            expect = True
        i += 1
    out, last = [], 0
    for start in starts:
        head = code[start:start + 400]
        stop = min([p for p in (head.find("("), head.find("="), head.find("{"), head.find(";")) if p >= 0] or [len(head)])
        if re.search(r"\bstatic\b", head[:stop]):
            continue
        out.append(source[last:start])
        out.append("static ")
        last = start
    out.append(source[last:])
    return "".join(out)


def declared_names(source: str) -> set:
    return declared_methods(source) | set(TYPE_NAME.findall(java_code(source)))


def needed(index: int, cells: list) -> list:
    """The indexes (into cells, the exercise cells in notebook order) of the earlier exercise cells that cell
    `index` calls, directly or through each other, then `index` itself."""
    wanted, todo = {index}, [index]
    while todo:
        code = java_code(cells[todo.pop()])
        for j in range(index):
            if j not in wanted and any(re.search(r"(?<![\w$.])" + re.escape(name) + r"\b", code)
                                       for name in declared_names(cells[j])):
                wanted.add(j)
                todo.append(j)
    return sorted(wanted)


def unit(package: str, cells: list, imports: list, accessor: str, lam: str):
    """(Cell.java, Entry.java, the first line of each cell in Cell.java) for one exercise."""
    header = [f"package {package};", ""] + [f"import {i};" for i in JSHELL_IMPORTS]
    seen = set(header)
    for line in imports:
        if line not in seen:
            seen.add(line)
            header.append(line)
    body, starts = [], []
    for source in cells:
        found, rest = split_imports(source)
        for line in found:
            if line not in seen:
                seen.add(line)
                header.insert(len(header), line)
        body.append(rest)
    lines = header + ["", "public final class Cell {", ""]
    for rest in body:
        starts.append(len(lines) + 1)
        lines += staticize(rest).split("\n") + [""]
    lines.append("}")
    entry = (f"package {package};\n\nimport deepnets.exercises.Exercises;\nimport deepnets.exercises.Task;\n"
             f"import static {package}.Cell.*;\n\n"
             f"public final class Entry {{\n"
             f"    private static <F> F deepnetsAs(Task<F> task, F code) {{\n        return code;\n    }}\n\n"
             f"    public static Object yours() {{\n        return deepnetsAs(Exercises.{accessor}(),\n"
             f"{lam});\n    }}\n}}\n")
    return "\n".join(lines) + "\n", entry, starts


# ---------------------------------------------------------------- compiling

def host_classpath() -> str:
    jar = course.checks_jar()
    return os.pathsep.join([str(jar or JAR), str(TARGET / "dependency" / "*")])


def javac(files: list, out: Path):
    return subprocess.run(["javac", "-proc:none", "-implicit:none", "-nowarn", "-encoding", "UTF-8",
                           "-Xmaxerrs", "20", "-d", str(out), "-cp", host_classpath()] + [str(f) for f in files],
                          capture_output=True, text=True, timeout=300)


ERROR_LINE = re.compile(r"^(?P<file>[^\s:]+\.java):(?P<line>\d+): error: (?P<text>.*)$")


def compile_message(stderr: str, cell_file: str, starts: list, labels: list) -> str:
    """javac's errors as the student reads them: which cell, which line of it, and what it needs."""
    problems, lines = [], stderr.split("\n")
    for k, line in enumerate(lines):
        m = ERROR_LINE.match(line.strip())
        if not m:
            continue
        text = m.group("text")
        detail = lines[k + 3].strip() if k + 3 < len(lines) and "symbol:" in lines[k + 3] else ""
        if m.group("file").endswith("Entry.java"):
            problems.append(f"the check cell's call does not compile against your code: {text}"
                            + (f" ({detail})" if detail else "")
                            + "; did you rename the method, or change its parameters or return type?")
            continue
        place = where(int(m.group("line")), starts, labels)[1:-1]
        if text.startswith("cannot find symbol") and detail:
            name = detail.split()[-1]
            problems.append(f"{place}: it uses `{name}`, which that cell does not declare ({detail}). "
                            f"Graded on its own, an exercise cell sees only the library, the notebook's imports "
                            f"and the methods of your earlier exercise cells: declare what it needs inside it, or "
                            f"pass it as a parameter")
        else:
            problems.append(f"{place}: {text}" + (f" ({detail})" if detail else ""))
    if not problems:
        problems.append(stderr.strip()[-1500:] or "javac failed without a message")
    return ("Your exercise cell does not compile as a class of its own (the grader compiles it outside the "
            "notebook, with only methods, classes and fields allowed at its top level): "
            + "; ".join(dict.fromkeys(problems)))


# ---------------------------------------------------------------- running

class FreshChecks:
    """Compiles and runs each exercise's checks in a JVM of its own, as the kernel `kernel_name` would see the
    library: on this machine, or in the sandbox of a sandboxed kernel spec."""

    def __init__(self, kernel_name: str, timeout: int):
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
        try:
            spec = KernelSpecManager().get_kernel_spec(kernel_name)
        except NoSuchKernel as e:
            raise GradingError(f"no kernel spec {kernel_name!r} for the check runs: {e}") from e
        self.timeout = timeout
        config = Path(spec.resource_dir) / "sandbox.json"
        self.sandbox = spec.argv[:3] if config.exists() else None
        options = (json.loads(config.read_text(encoding="utf-8"))["env"] if self.sandbox else spec.env)
        # the kernel's heap and processor options: a heap size, or a share of a container's memory; the check JVM
        # runs after the kernel has gone, so it may have the same
        sizes = re.findall(r"-Xmx\S+|-XX:(?:MaxRAMPercentage|ActiveProcessorCount)=\S+",
                           options.get("JJAVA_JVM_OPTS", ""))
        self.jvm = ["java"] + sizes + ["-Xss1m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                       "-Djava.awt.headless=true"]
        try:
            self.module = course.checks_jar_for(kernel_name)
        except course.ConventionError as e:
            raise GradingError(f"the checks' module could not be built: {e}") from e
        if self.module is None:
            raise GradingError("no held-out checks here (lib/target/test-classes), so no check runs")
        # the library's dependencies; the library itself is the module `deepnets` (course.checks_jar)
        self.classpath = [p for p in options.get("JJAVA_CLASSPATH", "").split(os.pathsep)
                          if p and not p.endswith("/deepnets.jar")]
        self.folder = Path(tempfile.mkdtemp(prefix="deepnets-check-"))
        os.chmod(self.folder, 0o755)

    def close(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def compile(self, units: dict) -> dict:
        """units: package -> (Cell.java, Entry.java, starts, labels). Returns package -> None (compiled) or the
        message for the student. One javac for all; when that fails, one per unit, to tell who failed."""
        sources = {}
        for package, (cell, entry, _, _) in units.items():
            folder = self.folder / "src" / package.replace(".", "/")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "Cell.java").write_text(cell, encoding="utf-8")
            (folder / "Entry.java").write_text(entry, encoding="utf-8")
            sources[package] = [folder / "Cell.java", folder / "Entry.java"]
        out = self.folder / "classes"
        out.mkdir(exist_ok=True)
        if not units:
            return {}
        done = javac([f for files in sources.values() for f in files], out)
        if done.returncode == 0:
            result = {package: None for package in units}
        else:
            result = {}
            for package, files in sources.items():
                alone = javac(files, out)
                result[package] = None if alone.returncode == 0 else compile_message(
                    alone.stderr, "Cell.java", units[package][2], units[package][3])
        for root, dirs, files in os.walk(out):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
            for f in files:
                os.chmod(os.path.join(root, f), 0o644)
        return result

    def command(self, name: str, package: str) -> list:
        inside = "/run/box/classes" if self.sandbox else str(self.folder / "classes")
        java = self.jvm + ["--limit-modules", ",".join(CHECK_MODULES + ["deepnets"]), "--module-path", self.module,
                           "--add-reads", "deepnets=ALL-UNNAMED", "-cp", os.pathsep.join(self.classpath + [inside]),
                           "-m", "deepnets/" + HARNESS, name, f"{package}.Entry"]
        if self.sandbox:
            return self.sandbox + ["--check", str(self.folder / "classes"), "--"] + java
        return java

    def run(self, name: str, package: str) -> Outcome:
        secret = secrets.token_hex(24)
        started = time.monotonic()
        limit = 2 * self.timeout + 20
        try:
            process = subprocess.Popen(self.command(name, package), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, start_new_session=True)
        except OSError as e:
            raise GradingError(f"the check JVM for {name} could not start: {e}") from e
        tagged, kept, errors = [], [], []
        size = [0]

        def read_out():
            partial = b""
            for chunk in iter(lambda: process.stdout.read1(65536), b""):
                partial += chunk
                *lines, partial = partial.split(b"\n")
                if len(partial) > 4096:
                    keep(partial)
                    partial = b""
                for line in lines:
                    text = line.decode("utf-8", "replace")
                    if text.startswith(secret + " "):
                        tagged.append(text[len(secret) + 1:])
                    else:
                        keep(line)

        def keep(line: bytes):
            if size[0] < MAX_OUTPUT:
                text = line.decode("utf-8", "replace")
                kept.append(text)
                size[0] += len(text) + 1

        def read_err():
            for chunk in iter(lambda: process.stderr.read1(65536), b""):
                if sum(map(len, errors)) < 20_000:
                    errors.append(chunk.decode("utf-8", "replace"))

        readers = [threading.Thread(target=read_out, daemon=True), threading.Thread(target=read_err, daemon=True)]
        for t in readers:
            t.start()
        try:
            process.stdin.write((secret + "\n").encode())
            process.stdin.close()
        except OSError:
            pass
        timed_out = False
        try:
            process.wait(limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            stop(process)
        for t in readers:
            t.join(10)
        for pipe in (process.stdout, process.stderr):
            pipe.close()
        seconds = time.monotonic() - started
        output = "\n".join(kept).strip()
        stderr = "".join(errors).strip()
        if "started" not in tagged:
            raise GradingError(f"the check JVM for {name} did not start (exit status {process.returncode}): "
                               f"{stderr[-600:] or output[-600:] or 'no output'}")
        result = next((t for t in tagged if t.startswith("result ")), None)
        if result is None:
            if timed_out:
                why = f"did not finish within {limit} s (an endless loop, or a sleep?)"
            elif "OutOfMemoryError" in stderr:
                why = "ran out of memory"
            else:
                why = (f"ended without the check's result (exit status {process.returncode}: System.exit, halt, "
                       f"a crash, or a closed System.out?)")
            return Outcome("failed", Kind.DIED if not timed_out else Kind.TIMEOUT, "",
                           f"In the grader's check run (your exercise cell compiled on its own, in a JVM of its "
                           f"own), your code {why}.", output, seconds)
        _, status, kind, held_out, message = (result.split(" ") + [""] * 5)[:5]
        if status == "error":
            raise GradingError(f"the check run for {name} failed: "
                               f"{base64.b64decode(message).decode('utf-8', 'replace')}")
        return Outcome(status, None if kind == "-" else Kind(kind), "" if held_out == "-" else held_out,
                       base64.b64decode(message).decode("utf-8", "replace"), output, seconds)


def stop(process):
    """Ends a check run: the sandbox's wrapper cleans up on SIGTERM; anything left is killed."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
    except (OSError, subprocess.TimeoutExpired):
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass


def check_all(kernel_name: str, timeout: int, todo: list) -> dict:
    """todo: (exercise name, exercise cells in notebook order up to and including this one's, import lines,
    check cell source). Returns name -> Outcome."""
    units, names, labels_of = {}, {}, {}
    outcomes = {}
    for k, (name, cells, imports, check) in enumerate(todo):
        call = check_call(check)
        if call is None:
            raise GradingError(f"the check cell of {name} is not one call Exercises.x().check(...)")
        use = needed(len(cells) - 1, [source for _, source in cells])
        package = f"submission.e{k + 1}"
        labels = ["your exercise cell" if i == len(cells) - 1 else f"your {cells[i][0]} cell" for i in use]
        cell, entry, starts = unit(package, [cells[i][1] for i in use], imports, *call)
        units[package] = (cell, entry, starts, labels)
        names[package] = name
    with FreshChecks(kernel_name, timeout) as runner:
        compiled = runner.compile(units)
        for package, name in names.items():
            if compiled[package] is not None:
                outcomes[name] = Outcome("failed", Kind.COMPILE, "", compiled[package])
            else:
                outcomes[name] = runner.run(name, package)
                _, _, starts, labels = units[package]
                outcomes[name].message = FRAME.sub(lambda m: where(int(m.group(1)), starts, labels),
                                                   outcomes[name].message)
    return outcomes


FRAME = re.compile(r"\(Cell\.java:(\d+)\)")


def where(number: int, starts: list, labels: list) -> str:
    """A line of Cell.java as the student knows it: the line of their cell."""
    for start, label in reversed(list(zip(starts, labels))):
        if number >= start:
            return f"({label}, line {number - start + 1})"
    return "(a line the grader added)"
