"""What a student feels, for `make bench`: each source notebook run top to bottom in a fresh kernel, and how soon
a fresh kernel answers its first cell.

Notebooks: every notebooks/solutions/*.ipynb runs alone (one after the other, never two at once), RUNS times;
the time of one run is from starting its kernel to the reply of its last cell (what "Run All" in a new kernel
costs), with the kernel and the JVM options that `make setup` installed and the notebooks' default knobs.
The table shows each notebook's median and the sum of the medians (the nine one after the other).

Start-up: seconds from starting a kernel to the reply of its first cell (the import cell every notebook opens
with), median of STARTS kernels, for the installed kernel, the same kernel without its class-data-sharing
archive (what a machine where no archive could be written gets), and a bare JJava kernel (no course library,
no archive) as the floor that JJava itself sets. The three alternate, so that they meet the same load.
"""

import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = ROOT / "notebooks" / "solutions"
RUNS, STARTS = 3, 5
NOTEBOOK_TARGET, ALL_TARGET, START_TARGET = 8.0, 45.0, 1.0   # issue 34, on the slower machine kind
FIRST_CELL = ("import deepnets.*;\nimport deepnets.check.Check;\nimport org.knowm.xchart.*;\n"
              "import tech.tablesaw.api.*;\nSystem.out.println(Course.about());")
BARE_CELL = "System.out.println(\"hello\");"


def installed_spec():
    """(kernel folder, kernel.json) of the `java` kernel that `make setup` installed."""
    folder = Path(KernelSpecManager().get_kernel_spec("java").resource_dir)
    return folder, json.loads((folder / "kernel.json").read_text(encoding="utf-8"))


def without_archive(options):
    return " ".join(o for o in options.split() if "SharedArchiveFile" not in o and not o.startswith("-Xlog:cds")
                    and not o.startswith("-Xshare"))


class Variant:
    """A kernel spec in a temporary Jupyter path: the installed kernel, or a variant of it."""

    def __init__(self, name, env):
        self.name = name
        folder, spec = installed_spec()
        spec["env"] = env(spec["env"])
        # The real jars, not copies: a class-data-sharing archive is used only with the class path it was made with.
        spec["argv"] = [arg.replace("{resource_dir}", str(folder)) for arg in spec["argv"]]
        self.path = Path(tempfile.mkdtemp(prefix="course-bench-"))
        kernel = self.path / "kernels" / name
        kernel.mkdir(parents=True)
        (kernel / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")

    def manager(self):
        saved = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = str(self.path)
        try:
            manager = KernelManager(kernel_name=self.name)
            manager.kernel_spec   # read the spec while JUPYTER_PATH points at it
            return manager
        finally:
            if saved is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = saved

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


def first_answer(variant, code, log):
    """Seconds from starting the kernel to the reply of its first cell."""
    manager = variant.manager()
    start = time.perf_counter()
    manager.start_kernel(stdout=log, stderr=log, cwd=str(NOTEBOOKS))
    client = manager.client()
    try:
        client.start_channels()
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(code, timeout=120, output_hook=lambda msg: None)
        seconds = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"bench: the first cell failed in kernel {variant.name}: {reply['content']}")
        return seconds
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def run_notebook(path, log):
    """Seconds from starting a fresh kernel to the end of the notebook's last cell; the kernel's own output goes
    to log."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="java", allow_errors=False, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute(stdout=log, stderr=log)
    return time.perf_counter() - start


def startup(starts=STARTS, log_path=None):
    """{variant name: [seconds, ...]} of the three kernels, alternating."""
    variants = [
        Variant("course", lambda env: env),
        Variant("course-no-cds", lambda env: {**env, "JJAVA_JVM_OPTS": without_archive(env["JJAVA_JVM_OPTS"])}),
        Variant("bare-jjava", lambda env: {"JJAVA_JVM_OPTS": without_archive(env["JJAVA_JVM_OPTS"])}),
    ]
    times = {v.name: [] for v in variants}
    with open(log_path or os.devnull, "a") as log:
        try:
            for _ in range(starts):
                for v in variants:
                    times[v.name].append(first_answer(v, BARE_CELL if v.name == "bare-jjava" else FIRST_CELL, log))
        finally:
            for v in variants:
                v.remove()
    return times


def notebooks(runs=RUNS, log_path=None):
    """{notebook name: [seconds, ...]}: each notebook `runs` times, round after round."""
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    times = {p.name: [] for p in paths}
    with open(log_path or os.devnull, "a") as log:
        for _ in range(runs):
            for p in paths:
                times[p.name].append(run_notebook(p, log))
    return times


def report(notebook_times, start_times):
    """Prints the two tables and returns the targets missed."""
    misses = []
    print("| notebook (alone, fresh kernel)     | median  | runs                  | target |")
    print("|------------------------------------|---------|-----------------------|--------|")
    total = 0.0
    for name, times in notebook_times.items():
        median = statistics.median(times)
        total += median
        ok = median <= NOTEBOOK_TARGET
        if not ok:
            misses.append(f"{name}: {median:.1f} s (target {NOTEBOOK_TARGET:.0f} s)")
        runs = ", ".join(f"{t:.1f}" for t in times)
        print(f"| {name:<34} | {median:5.1f} s | {runs:<21} | {'met' if ok else 'MISSED':<6} |")
    ok = total <= ALL_TARGET
    if not ok:
        misses.append(f"all notebooks: {total:.1f} s (target {ALL_TARGET:.0f} s)")
    print(f"| {'all, one after the other (sum)':<34} | {total:5.1f} s | {'':<21} | {'met' if ok else 'MISSED':<6} |")
    print()
    print("| kernel start: first cell answered   | median  | runs                            | target |")
    print("|-------------------------------------|---------|---------------------------------|--------|")
    labels = {"course": "course kernel (as installed)", "course-no-cds": "course kernel, no CDS archive",
              "bare-jjava": "bare JJava (no course library)"}
    for name, times in start_times.items():
        median = statistics.median(times)
        runs = ", ".join(f"{t:.2f}" for t in times)
        target = ""
        if name == "course":
            target = "met" if median <= START_TARGET else "MISSED"
            if median > START_TARGET:
                misses.append(f"kernel start: {median:.2f} s to the first cell (target {START_TARGET} s)")
        print(f"| {labels[name]:<35} | {median:5.2f} s | {runs:<31} | {target:<6} |")
    print()
    print("notebook: start of a fresh kernel to the last cell's reply, default knobs, nothing else of the course running;")
    print("start: start of a fresh kernel to the reply of its first cell (the course's import cell; bare JJava: a println)")
    return misses
