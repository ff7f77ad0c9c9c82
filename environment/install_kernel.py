"""Points the JJava kernel inside the project's .venv at the course library.

`pip install jjava` puts the kernel in <venv>/share/jupyter/kernels/java/. This script rewrites that
kernel's kernel.json so that every notebook's JVM starts with
  - the course library and its dependencies on the classpath (JJAVA_CLASSPATH), and
  - the options in environment/jvm.options (JJAVA_JVM_OPTS), headless AWT first of all;
and it makes `java` the default kernel of Jupyter run from that environment (a new notebook from
JupyterLab's launcher starts it): MappingKernelManager.default_kernel_name in
<venv>/etc/jupyter/jupyter_server_config.json (merged into the file if it exists).
The same script serves `make setup` (<venv> = .venv) and Binder's postBuild (<venv> = the image's Python).
It is idempotent: running it twice gives the same file.

Then it builds a class-data-sharing archive for the kernel's JVM (a faster kernel start): it runs one short
session with -XX:ArchiveClassesAtExit (imports, a little training, a chart), and if that leaves an archive,
the kernel starts with -XX:SharedArchiveFile=<it>. Where no archive can be written (another JDK, a read-only
folder, a failed session; or COURSE_NO_CDS=1 in the environment) the kernel is installed without it: it starts as before, only slower, and setup says
so in one line. A JVM that finds the archive missing or unusable later starts without it, silently
(-Xshare:auto, CDS logging off).

Usage: python environment/install_kernel.py <venv> <lib-target-dir> [--install-lib] [--heap-from-container]

--install-lib (Binder / JupyterHub images, .binder/postBuild): first copies the library's jar and its dependencies
into <venv>/share/deepnets-course/lib/ and points the kernel there, so the kernel depends on nothing in the
checkout. On a hub the checkout sits in the home folder, which the user's persistent volume hides; the image's
Python environment (/srv/conda/... in repo2docker images) is outside it.

--heap-from-container (Gradescope, hubs: a container with a memory limit): the fixed -Xmx of jvm.options is replaced by
-XX:MaxRAMPercentage=50, so the JVM (17+ reads the cgroup's limit) takes half of what the container allows: a cell
that allocates too much gets a Java OutOfMemoryError the feedback can name, instead of the container being killed.
The other half is for the JVM's own memory, the kernel's launcher JVM and the grader. Without a limit the JVM takes
half of the machine's memory: use it only where a container sets one.
"""
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ARCHIVE_NAME = "course-classes.jsa"
# Options that keep a missing, stale or foreign archive silent: the JVM then runs without class sharing.
CDS_QUIET = ["-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
# One short session, like the start of a notebook: what it loads is what the archive holds.
WARM_UP_CELLS = [
    "import deepnets.*;\nimport deepnets.check.Check;\nimport deepnets.charts.*;\nimport deepnets.data.*;\n"
    "import deepnets.net.*;\nimport deepnets.optim.*;\nimport org.knowm.xchart.*;\nimport java.util.*;\n"
    "System.out.println(Course.about());",
    "Dataset digits = Digits.load();\nint n = digits.size();\nString.format(\"%d examples\", n)",
    "Network net = Network.builder().inputSize(64).hiddenSizes(32).classes(10).seed(1).build();\n"
    "Trainer t = new Trainer(net, TrainingConfig.builder().epochs(1).batchSize(64).learningRate(0.1).seed(1).build(),\n"
    "        digits.x(), digits.labels(), digits.x(), digits.labels());\nHistory h = t.train();",
    "XYChart c = new XYChartBuilder().width(300).height(200).title(\"warm-up\").build();\n"
    "c.addSeries(\"loss\", new double[] {1, 2}, h.trainLoss().length == 1 ? new double[] {1, 0.5} : new double[] {1, 1});\nc",
    # What the later cells of the notebooks use: a method, a record, a stream, a Vega-Lite bundle, a table, a search.
    "record WarmUpRow(double x, double y) {}\ndouble warmUpSquare(double v) { return v * v; }\n"
    "double warmUpSum = java.util.stream.IntStream.range(0, 10).mapToDouble(i -> warmUpSquare(i)).sum();\n"
    "Charts.lines(\"warm-up\", \"x\", \"y\", new double[] {1, 2}, Map.of(\"y\", new double[] {warmUpSum, 1}), false)",
    "import deepnets.charts.interactive.*;\nimport deepnets.tuning.*;\nimport tech.tablesaw.api.*;\n"
    "Bundle.show(VegaChart.named(\"warm-up\").column(\"x\", new double[] {1, 2}).column(\"y\", new double[] {3, 4})\n"
    "        .x(\"x\", \"x\").y(\"y\", \"y\"));\n"
    "Results warmUpResults = Search.sequential().random(SearchSpace.of(new LogUniform(\"learningRate\", 1e-3, 1)), 2, 1,\n"
    "        cfg -> Result.of(cfg, cfg.get(\"learningRate\")));\nwarmUpResults.toTable()",
]


# Used instead of the compiler directives where the JVM does not accept them: the quick JIT alone.
QUICK_JIT_ONLY = "-XX:TieredStopAtLevel=1"


def jvm_options(path: Path, kernel_dir: Path) -> str:
    """The options of jvm.options; a file they name under {environment} is copied into the kernel's folder and
    named there, so that the installed kernel does not depend on the checkout (a JVM refuses to start without
    its compiler directives file)."""
    options = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if "{environment}/" in line:
                name = line.split("{environment}/", 1)[1]
                shutil.copyfile(path.parent / name, kernel_dir / name)
                line = line.replace("{environment}", str(kernel_dir))
            options.append(line)
    return " ".join(checked_jit_options(options))


def checked_jit_options(options: list) -> list:
    """The options, or, if `java` refuses to start with the compiler directives among them (another JVM, a
    missing file), the same options with the directives replaced by the quick JIT alone."""
    directives = [o for o in options if o.startswith("-XX:CompilerDirectivesFile=")]
    if not directives:
        return options
    import subprocess
    # JJava splits JJAVA_JVM_OPTS at spaces, so a folder whose path has a space cannot be passed.
    ok = not any(ch.isspace() for option in directives for ch in option)
    if ok:
        try:
            ok = subprocess.run(["java", "-XX:+UnlockDiagnosticVMOptions", *directives, "-version"],
                                capture_output=True, timeout=60).returncode == 0
        except (OSError, subprocess.SubprocessError):
            ok = False
    if ok:
        return options
    print("install_kernel: this JVM does not take environment/compiler-directives.json; the notebooks run with the "
          "quick JIT alone (-XX:TieredStopAtLevel=1), a little slower in long training runs")
    return [o for o in options if o not in directives and o != "-XX:+UnlockDiagnosticVMOptions"] + [QUICK_JIT_ONLY]


LIB_HOME = Path("share") / "deepnets-course" / "lib"
CONTAINER_HEAP = "-XX:MaxRAMPercentage=50"


def heap_from_container(options: str) -> str:
    """The options with every -Xmx replaced by CONTAINER_HEAP."""
    kept = [o for o in options.split() if not o.startswith("-Xmx")]
    return " ".join(kept + [CONTAINER_HEAP])


def install_lib(target: Path, venv: Path) -> Path:
    """Copies target/deepnets.jar and target/dependency/*.jar to <venv>/share/deepnets-course/lib/ (replacing what
    an earlier install put there); returns that folder, laid out as target is."""
    home = venv / LIB_HOME
    if home.exists():
        shutil.rmtree(home)
    (home / "dependency").mkdir(parents=True)
    shutil.copy2(target / "deepnets.jar", home / "deepnets.jar")
    for jar in sorted((target / "dependency").glob("*.jar")):
        shutil.copy2(jar, home / "dependency" / jar.name)
    print(f"install_kernel: the library and its {len(list((home / 'dependency').glob('*.jar')))} dependencies "
          f"copied to {home} (outside the home folder on a hub)")
    return home


def main() -> int:
    args = [a for a in sys.argv[1:] if a not in ("--install-lib", "--heap-from-container")]
    if len(args) != 2 or any(a.startswith("--") for a in args):
        print(__doc__, file=sys.stderr)
        return 2
    venv = Path(args[0]).resolve()
    target = Path(args[1]).resolve()
    kernel_dir = venv / "share" / "jupyter" / "kernels" / "java"
    spec_path = kernel_dir / "kernel.json"
    if not spec_path.is_file():
        print(f"install_kernel: {spec_path} is missing: the jjava package did not install its kernel. "
              f"Run `make clean-venv` and then `make` again.", file=sys.stderr)
        return 1
    jar = target / "deepnets.jar"
    if not jar.is_file():
        print(f"install_kernel: {jar} is missing: build the library first (`make lib`).", file=sys.stderr)
        return 1
    project = target.parent.parent          # where the digits data are, for the warm-up session
    if "--install-lib" in sys.argv[1:]:
        target = install_lib(target, venv)
        jar = target / "deepnets.jar"
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    spec["display_name"] = "Java (JJava + course lib)"
    options = jvm_options(Path(__file__).with_name("jvm.options"), kernel_dir)
    if "--heap-from-container" in sys.argv[1:]:
        options = heap_from_container(options)
        print(f"install_kernel: the kernel's heap is {CONTAINER_HEAP.split('=')[1]}% of the container's memory limit")
    spec["env"] = {
        "JJAVA_CLASSPATH": os.pathsep.join([str(jar), str(target / "dependency" / "*")]),
        "JJAVA_JVM_OPTS": options,
    }
    spec_path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    # Jupyter reads <prefix>/etc/jupyter/jupyter_server_config.json for the environment it runs from
    # (its *.d/ folders hold extension switches only).
    config_path = venv / "etc" / "jupyter" / "jupyter_server_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    config.setdefault("MappingKernelManager", {})["default_kernel_name"] = "java"
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"install_kernel: kernel 'java' in {kernel_dir} now loads {jar.name} and its dependencies; "
          f"it is the default kernel for new notebooks")
    archive = kernel_dir / ARCHIVE_NAME
    if os.environ.get("COURSE_NO_CDS"):
        archive.unlink(missing_ok=True)
        print("install_kernel: COURSE_NO_CDS is set: no class-data-sharing archive (the kernel starts a little slower)")
    elif any(ch.isspace() for ch in str(archive)):
        print("install_kernel: the kernel's folder has a space in its path, which JJAVA_JVM_OPTS cannot carry: "
              "no class-data-sharing archive (the kernel starts a little slower)")
    elif build_archive(kernel_dir, spec, archive, project):
        spec["env"]["JJAVA_JVM_OPTS"] = " ".join([options, f"-XX:SharedArchiveFile={archive}", *CDS_QUIET])
        spec_path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        print(f"install_kernel: class-data-sharing archive {archive.name} written; the kernel starts with it")
    else:
        print("install_kernel: no class-data-sharing archive could be written here; the kernel works without it "
              "(it starts a little slower)")
    return 0


def build_archive(kernel_dir: Path, spec: dict, archive: Path, project: Path) -> bool:
    """Runs WARM_UP_CELLS in a kernel whose JVM dumps the classes it loaded into `archive` when it exits.

    True if the archive exists afterwards. Everything the session prints goes to a log file, never to the
    terminal: a failure here only means a slower start. The session runs in `project` (the course folder,
    where the digits data lives). The session uses a copy of the kernel spec (pointing at
    the real jars) in a temporary Jupyter path, so the real kernel.json is never left half-written."""
    try:
        from jupyter_client.manager import KernelManager
    except ImportError:
        return False
    archive.unlink(missing_ok=True)
    temp = Path(tempfile.mkdtemp(prefix="course-cds-"))
    log = (kernel_dir / "cds-warm-up.log").open("w", encoding="utf-8")
    manager = None
    try:
        session_dir = temp / "kernels" / "java-cds-warm-up"
        session_dir.mkdir(parents=True)
        session = json.loads(json.dumps(spec))
        session["env"]["JJAVA_JVM_OPTS"] += f" -XX:ArchiveClassesAtExit={archive}"
        # The archive holds the class path it was written with and is used only where it matches: the real jars.
        session["argv"] = [arg.replace("{resource_dir}", str(kernel_dir)) for arg in session["argv"]]
        (session_dir / "kernel.json").write_text(json.dumps(session), encoding="utf-8")
        saved = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join([str(temp)] + ([saved] if saved else []))
        try:
            manager = KernelManager(kernel_name="java-cds-warm-up")
            manager.shutdown_wait_time = 120   # writing the archive as the JVM exits takes seconds on a busy machine
            manager.start_kernel(stdout=log, stderr=log, cwd=str(project))
        finally:
            if saved is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = saved
        client = manager.client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        for code in WARM_UP_CELLS:
            reply = client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
            if reply["content"].get("status") != "ok":
                print(f"warm-up cell failed: {reply['content']}", file=log)
                return False
        client.stop_channels()
        manager.shutdown_kernel(now=False)   # a normal exit: the JVM writes the archive as it ends
        manager = None
        for _ in range(100):
            if archive.is_file() and archive.stat().st_size > 0:
                return True
            time.sleep(0.1)
        return False
    except Exception as failure:   # any failure only costs the speed-up
        print(f"warm-up session failed: {failure!r}", file=log)
        return False
    finally:
        if manager is not None:
            try:
                manager.shutdown_kernel(now=True)
            except Exception:
                pass
        log.close()
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
