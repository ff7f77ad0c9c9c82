"""The exercises' homes as the library declares them (lib/src/main/java/deepnets/exercises): their points, known
mistakes and solving methods, read from `java deepnets.exercises.Catalog` and cached in build/ next to the jar's
size and time; and the held-out checks' jar, packed from the compiled test classes (lib/src/heldout), which exists
only where the course's full sources were built (not in the student's release)."""
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from .layout import ROOT
from .regions import ConventionError

TARGET = ROOT / "lib" / "target"
JAR = TARGET / "deepnets.jar"
HELDOUT_CLASSES = TARGET / "test-classes" / "deepnets" / "heldout"
HELDOUT_JAR = TARGET / "deepnets-heldout.jar"
CHECKS_JAR = TARGET / "deepnets-checks.jar"
# The Java modules a check run may see besides the library (module `deepnets`): what the library and its
# dependencies use. Not jdk.unsupported (sun.misc.Unsafe), java.instrument, jdk.attach or jdk.jshell.
# java.management, jdk.management: a check measures the memory the student's code allocates (ThreadMXBean).
CHECK_MODULES = ["java.base", "java.desktop", "java.logging", "java.management", "java.sql", "jdk.management"]
CACHE = ROOT / "build" / "exercises.json"
TEST_CLASS = re.compile(r"Tests?(\$.*)?\.class$")   # ExerciseHomesTest.class, SomeTest$Case.class

_loaded: dict | None = None


def catalog() -> dict:
    """Exercise name -> {"class", "notebook", "name", "points", "mistakes", "bypass", "solvedBy"}."""
    global _loaded
    if _loaded is not None:
        return _loaded
    if not JAR.exists():
        raise ConventionError(f"the course library is not built ({JAR.relative_to(ROOT)} is missing), so the "
                              f"exercises' points cannot be read; run `make setup`")
    stamp = f"{JAR.stat().st_size}:{JAR.stat().st_mtime_ns}"
    try:
        cached = json.loads(CACHE.read_text(encoding="utf-8"))
        if cached.get("stamp") == stamp:
            _loaded = {e["name"]: e for e in cached["exercises"]}
            return _loaded
    except (OSError, ValueError, KeyError):
        pass
    # The kernel's own jars too: a few library classes (charts, the kernel extension) are built against them.
    kernel = Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java"
    classpath = [str(JAR)] + sorted(str(p) for p in (TARGET / "dependency").glob("*.jar")) \
        + sorted(str(p) for p in kernel.glob("*.jar"))
    run = subprocess.run(["java", "-Djava.awt.headless=true", "-cp", ":".join(classpath),
                          "deepnets.exercises.Catalog"], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        raise ConventionError(f"deepnets.exercises.Catalog failed: {(run.stderr or run.stdout).strip()[-2000:]}")
    exercises = json.loads(run.stdout)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    part = CACHE.with_suffix(f".{os.getpid()}.part")   # graders run in parallel
    part.write_text(json.dumps({"stamp": stamp, "exercises": exercises}, indent=1) + "\n", encoding="utf-8")
    part.replace(CACHE)
    _loaded = {e["name"]: e for e in exercises}
    return _loaded


def entry(name: str) -> dict:
    """The catalog's entry of the exercise called `name`; ConventionError naming the known ones if none."""
    known = catalog()
    if name not in known:
        raise ConventionError(f"no exercise in deepnets.exercises is called {name!r}; the known ones are "
                              + ", ".join(repr(n) for n in known))
    return known[name]


def accessor(name: str) -> str:
    """How a check cell reaches the exercise: Exercises.<accessor>(), the class name in lower camel case."""
    cls = entry(name)["class"]
    return cls[0].lower() + cls[1:]


def heldout_jar_for(kernel_name: str) -> str | None:
    """The held-out checks' jar as the kernel `kernel_name` sees it: this machine's path, or inside the grading
    sandbox (tools/classroom/sandbox.py mounts lib/target at /course/lib) for any other kernel spec."""
    jar = heldout_jar()
    if jar is None:
        return None
    return str(jar) if kernel_name == "java" else "/course/lib/" + jar.relative_to(TARGET).as_posix()


def heldout_jar() -> Path | None:
    """The held-out checks' jar, packed (again) from the compiled classes when they are newer; None where they
    were not built (the student's release has no held-out checks)."""
    # the package's classes, but not its tests (ExerciseHomesTest) or their HardCoded helper
    classes = sorted(p for p in HELDOUT_CLASSES.glob("*.class")
                     if not TEST_CLASS.search(p.name) and not p.name.startswith("HardCoded")) \
        if HELDOUT_CLASSES.is_dir() else []
    if not classes:
        return None
    newest = max(p.stat().st_mtime_ns for p in classes)
    if not HELDOUT_JAR.exists() or HELDOUT_JAR.stat().st_mtime_ns < newest:
        part = HELDOUT_JAR.with_suffix(f".{os.getpid()}.part")   # graders run in parallel
        with zipfile.ZipFile(part, "w") as jar:
            for p in classes:
                jar.write(p, p.relative_to(HELDOUT_CLASSES.parent.parent).as_posix())
        part.replace(HELDOUT_JAR)
    return HELDOUT_JAR


def checks_jar_for(kernel_name: str) -> str | None:
    """checks_jar() as the kernel `kernel_name` sees it (see heldout_jar_for)."""
    jar = checks_jar()
    if jar is None:
        return None
    return str(jar) if kernel_name == "java" else "/course/lib/" + jar.relative_to(TARGET).as_posix()


def checks_jar() -> Path | None:
    """The library and the held-out checks as one named Java module, `deepnets`, that exports its packages and
    opens none: in a check run (tools/grading/fresh.py) the student's code, in the unnamed module, can call their
    public API but cannot reach their private state by reflection (setAccessible fails). Packed (again) from
    deepnets.jar and the held-out jar when they are newer; None where there are no held-out checks."""
    heldout = heldout_jar()
    if heldout is None or not JAR.exists():
        return None
    # this file too: it lists the modules the module-info requires
    newest = max(JAR.stat().st_mtime_ns, heldout.stat().st_mtime_ns, Path(__file__).stat().st_mtime_ns)
    if CHECKS_JAR.exists() and CHECKS_JAR.stat().st_mtime_ns >= newest:
        return CHECKS_JAR
    import tempfile
    with tempfile.TemporaryDirectory(prefix="deepnets-module-") as tmp:
        entries, packages = {}, set()
        for source in (JAR, heldout):
            with zipfile.ZipFile(source) as jar:
                for name in jar.namelist():
                    if name.startswith("META-INF/") or name.endswith("/") or name in entries:
                        continue
                    entries[name] = jar.read(name)
                    if name.endswith(".class"):
                        packages.add(name.rsplit("/", 1)[0].replace("/", "."))
        info = Path(tmp) / "module-info.java"
        info.write_text("module deepnets {\n" + "".join(f"    requires {m};\n" for m in CHECK_MODULES[1:])
                        + "".join(f"    exports {p};\n" for p in sorted(packages)) + "}\n", encoding="utf-8")
        done = subprocess.run(["javac", "-d", tmp, "--patch-module",
                               f"deepnets={JAR}{os.pathsep}{heldout}", str(info)],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise ConventionError(f"cannot compile the checks' module-info: {done.stderr.strip()[-1500:]}")
        part = CHECKS_JAR.with_suffix(f".{os.getpid()}.part")   # graders run in parallel
        with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as jar:
            jar.write(Path(tmp) / "module-info.class", "module-info.class")
            for name, data in entries.items():
                jar.writestr(name, data)
        part.replace(CHECKS_JAR)
    return CHECKS_JAR
