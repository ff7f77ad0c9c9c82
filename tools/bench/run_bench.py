"""`make bench`: runs the JMH benchmarks of the course library and the same operations in NumPy, on this machine
in one run, and prints one table: operation, shape, Java median, NumPy median, Java/NumPy, and for batch norm
the Java time as a multiple of its memory-bandwidth bound.

Then, in the same run, the times a student feels (tools/bench/notebook_bench.py): a table of the source
notebooks, each alone in a fresh kernel (median of three runs), and a table of kernel start-up (time to the
first cell's answer). The last line lists every target missed in either part.

Usage: run_bench.py [--smoke] [--kernels-only | --notebooks-only]
  --smoke           one short iteration of every benchmark and one kernel start of each kind, to prove that
                    they still build and run (for `make test`); prints one line, since its timings mean nothing.
  --kernels-only    only the JMH/NumPy table (about 3 minutes).
  --notebooks-only  only the notebook and start-up tables (about 6 minutes on a quiet 2-core machine).

The bandwidth bound of one batch-norm training step (forward, then backward) at shape (N, D): whatever the
implementation, the forward pass reads x and writes out, and the backward pass reads dout and writes dx, so at
least 4 N D 8 bytes cross the memory bus; at the bandwidth of the STREAM triad, measured in the same run, that
takes 4 N D 8 / bandwidth seconds. The library does not get that close once the arrays outgrow the caches: batch
norm's statistics must be complete before anything is normalized, and dgamma and dbeta before dx, so its forward
pass reads x twice (the statistics in blocks of rows that stay in the L2 cache, one read for their two passes) and
writes out, and its backward pass reads x and dout twice and writes dx: eight passes over N D doubles where the
bound counts four (the checks for NaN and infinity ride along in these passes). Each write also makes the CPU read
the line first, as in the triad, which moves 4 arrays for the 3 it counts: 6 reads and 2 writes moving 10 arrays
count as 7.5 against the bound's 4, so from memory this algorithm's floor is about 1.9x the bound; arrays that
stay in the last-level cache come out lower. Blocks of columns that keep all N rows in the L2 cache between the passes, which
would read each array once per direction, measured 1.1 to 5 times slower on the 2-core machine (docs/benchmarks.md).

The Java side of batch norm and softmax + cross-entropy calls the reuse overloads, which write into the previous
call's arrays, as Trainer does on every mini-batch; the NumPy side allocates new arrays, as a student writes it.
"""

import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import notebook_bench
import numpy_bench

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD = ROOT / "build" / "bench"
CLASSPATH = f"{ROOT}/tools/bench/target/deepnets-bench.jar:{ROOT}/tools/bench/target/dependency/*"
# Medians of single invocations (sample mode); forks 1 and few iterations keep `make bench` near 3 minutes.
JMH_FULL = ["-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "2s"]
JMH_SMOKE = ["-f", "0", "-wi", "0", "-i", "1", "-r", "100ms"]
# The forked benchmark JVM gets the notebooks' JVM options (heap, garbage collector), so it times what they run.
JVM_OPTIONS = ROOT / "environment" / "jvm.options"
# Each group runs its JMH benchmarks, then the same operations in NumPy, so that both sides of a row of the table
# meet the same load on a shared machine. The bandwidth is measured next to the batch norm it is a yardstick for.
GROUPS = [
    ("BatchNormBench|BandwidthBench", numpy_bench.run_batchnorm),
    ("SoftmaxCrossEntropyBench", numpy_bench.run_softmax_cross_entropy),
    ("EpochBench", numpy_bench.run_epoch),
]
OPS = {
    "BatchNormBench.forwardBackward": "batchnorm",
    "SoftmaxCrossEntropyBench.forwardBackward": "softmax_cross_entropy",
    "EpochBench.epoch": "epoch",
    "BandwidthBench.triad": "bandwidth",
    "ProductBench.library": "product library",
    "ProductBench.ejml": "product EJML",
    "ProductBench.ejmlMultiThreaded": "product EJML MT",
}
LABELS = {
    "batchnorm": "batch norm fwd+bwd (train)",
    "softmax_cross_entropy": "softmax + cross-entropy fwd+bwd",
    "epoch": "one epoch, digits network",
}
# Issue 19's targets: batch norm at most 1.5x its bandwidth bound at (1024, 1024) and (4096, 512) and at most 0.3x
# NumPy; softmax + cross-entropy at most 0.5x NumPy at (4096, 1000) and 0.6x at (1024, 10); an epoch at most 0.7x.
BN_NUMPY_TARGET, BN_BOUND_TARGET = 0.3, 1.5
SOFTMAX_NUMPY_TARGETS = {"4096x1000": 0.5, "1024x10": 0.6}
EPOCH_NUMPY_TARGET = 0.7


def jmh_log(smoke):
    return BUILD / ("jmh-smoke.log" if smoke else "jmh.log")


def run_jmh(pattern, smoke):
    """Runs the JMH benchmarks whose names match pattern; returns {(op, shape): (median seconds, params)}.
    JMH's own output is appended to jmh_log(smoke)."""
    result_file = BUILD / "jmh.json"
    log_file = jmh_log(smoke)
    command = ["java", "-cp", CLASSPATH, "org.openjdk.jmh.Main", pattern, "-bm", "sample", "-tu", "us",
               "-rf", "json", "-rff", str(result_file)] + (JMH_SMOKE if smoke else JMH_FULL)
    if not smoke:
        command += ["-jvmArgsAppend", " ".join(notebook_jvm_options())]
    with open(log_file, "a") as log:
        status = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT).returncode
    if status != 0:
        sys.exit(f"bench: JMH failed (exit status {status}); see {log_file}")
    medians = {}
    for entry in json.loads(result_file.read_text()):
        op = OPS[entry["benchmark"].removeprefix("deepnets.bench.")]
        params = entry.get("params", {})
        seconds = entry["primaryMetric"]["scorePercentiles"]["50.0"] * 1e-6
        medians[(op, params.get("shape", "digits"))] = (seconds, params)
    return medians


def notebook_jvm_options():
    """The notebook kernel's JVM options, except its JIT settings (a limit, compiler directives): the benchmarks
    measure the library fully optimized, with JMH's harness optimized too."""
    jit = ("-XX:TieredStopAtLevel", "-XX:CompilerDirectivesFile", "-XX:+UnlockDiagnosticVMOptions")
    lines = (line.strip() for line in JVM_OPTIONS.read_text().splitlines())
    return [line for line in lines if line and not line.startswith("#") and not line.startswith(jit)]


def machine():
    """One line naming the date, the machine and the runtimes, to go with the table."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                 if line.startswith("model name")]
        cpu = names[0] if names else cpu
    java = subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    version = next((line.split("=", 1)[1].strip() for line in java.splitlines()
                    if line.strip().startswith("java.runtime.version")), "?")
    return (f"{datetime.date.today()}, {cpu}, {os.cpu_count()} cores, Java {version}, NumPy "
            f"{numpy_bench.np.__version__}, Python {platform.python_version()}")


def bandwidth(java):
    """Bytes per second of the triad a = b + s c: it reads b and c and writes a, 3 arrays of 8-byte doubles."""
    [(seconds, params)] = [v for (op, _), v in java.items() if op == "bandwidth"]
    return 3 * 8 * int(params["length"]) / seconds


def batchnorm_bound(shape, bytes_per_second):
    """Seconds to read x and dout and write out and dx once at the measured bandwidth."""
    n, d = (int(s) for s in shape.split("x"))
    return 4 * n * d * 8 / bytes_per_second


def fmt_time(seconds):
    return f"{seconds * 1e3:8.2f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:8.1f} us"


def numpy_epoch_two_threads():
    """NumPy's epoch with OpenBLAS allowed two threads, in a process of its own (the thread count is fixed when
    NumPy loads)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="2", OMP_NUM_THREADS="2", MKL_NUM_THREADS="2")
    code = "import json, numpy_bench; print(json.dumps(numpy_bench.run_epoch()))"
    out = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent, env=env, capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)[0]["seconds"]


def report(java, numpy):
    """Prints the kernel table; returns the targets missed."""
    bw = bandwidth(java)
    print(f"memory bandwidth, one thread (STREAM triad): {bw / 1e9:.1f} GB/s")
    print()
    header = f"| {'operation':<31} | {'shape':<9} | {'Java median':>11} | {'NumPy median':>12} | Java/NumPy | Java/bound |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    misses = []
    for row in numpy:
        op, shape = row["op"], row["shape"]
        java_seconds = java[(op, shape)][0]
        ratio = java_seconds / row["seconds"]
        bound = ""
        if op == "batchnorm":
            bound_ratio = java_seconds / batchnorm_bound(shape, bw)
            bound = f"{bound_ratio:.2f}x"
            if ratio > BN_NUMPY_TARGET:
                misses.append(f"batch norm {shape}: {ratio:.2f}x NumPy (target {BN_NUMPY_TARGET}x)")
            if shape != "256x1024" and bound_ratio > BN_BOUND_TARGET:
                misses.append(f"batch norm {shape}: {bound_ratio:.2f}x the bound (target {BN_BOUND_TARGET}x)")
        if op == "softmax_cross_entropy" and ratio > SOFTMAX_NUMPY_TARGETS.get(shape, 0.5):
            misses.append(f"softmax + cross-entropy {shape}: {ratio:.2f}x NumPy "
                          f"(target {SOFTMAX_NUMPY_TARGETS.get(shape, 0.5)}x)")
        if op == "epoch" and ratio > EPOCH_NUMPY_TARGET:
            misses.append(f"one epoch on the digits: {ratio:.2f}x NumPy (target {EPOCH_NUMPY_TARGET}x)")
        print(f"| {LABELS[op]:<31} | {shape:<9} | {fmt_time(java_seconds):>11} | {fmt_time(row['seconds']):>12} "
              f"| {ratio:>9.2f}x | {bound:>10} |")
    print()
    print("bound: 4 N D 8 bytes (read x, write out, read dout, write dx) at the one-thread triad's bandwidth; Java's batch")
    print("norm runs each pass in two halves on two cores from 2^19 entries on (the two larger shapes), NumPy on one thread")
    print("Java: batch norm and softmax + cross-entropy through the reuse overloads (Trainer's path); NumPy allocates;")
    epoch = next((r for r in numpy if r["op"] == "epoch" and "seconds_two_threads" in r), None)
    print("the epoch: Java runs its test-time passes over the training and validation sets in two halves on two cores,")
    if epoch:
        print(f"the rest on one; NumPy's epoch took {fmt_time(epoch['seconds_one_thread']).strip()} with OpenBLAS on one "
              f"thread and {fmt_time(epoch['seconds_two_threads']).strip()} on two: the table shows the faster")
    return misses


def report_products(products):
    """The matrix products: the library's own against EJML's, single- and multi-threaded."""
    print("| matrix product x W (N x K x M) | library (rows) | EJML mult    | EJML MT mult | faster  |")
    print("|--------------------------------|----------------|--------------|--------------|---------|")
    shapes = sorted({shape for (_, shape) in products}, key=lambda s: [int(v) for v in s.split("x")])
    for shape in shapes:
        times = {op: products[(op, shape)][0] for op in ("product library", "product EJML", "product EJML MT")}
        best = min(times, key=times.get).removeprefix("product ")
        print(f"| {shape:<30} | {fmt_time(times['product library']):>14} | {fmt_time(times['product EJML']):>12} "
              f"| {fmt_time(times['product EJML MT']):>12} | {best:<7} |")
    print("EJML on its flat matrices, copies not counted; the library on row arrays (what the layers use)")


def main():
    args = sys.argv[1:]
    smoke = "--smoke" in args
    kernels = "--notebooks-only" not in args
    student = "--kernels-only" not in args
    machine_line = "" if smoke else machine()
    load_before = os.getloadavg()[0]
    BUILD.mkdir(parents=True, exist_ok=True)
    jmh_log(smoke).write_text("")
    kernel_log = BUILD / "kernels.log"
    kernel_log.write_text("")
    if not smoke:
        print(machine_line)
        print()
    misses = []
    if kernels:
        java, numpy = {}, []
        for pattern, run_numpy in GROUPS:
            java.update(run_jmh(pattern, smoke))
            numpy += run_numpy(quick=smoke)
        if not smoke:
            epoch_row = next(r for r in numpy if r["op"] == "epoch")
            epoch_row["seconds_one_thread"] = epoch_row["seconds"]
            epoch_row["seconds_two_threads"] = numpy_epoch_two_threads()
            # The Java epoch uses both cores for its test-time passes; NumPy is given both too, and the faster counts.
            epoch_row["seconds"] = min(epoch_row["seconds_one_thread"], epoch_row["seconds_two_threads"])
        products = run_jmh("ProductBench", smoke)
        missing = [(r["op"], r["shape"]) for r in numpy if (r["op"], r["shape"]) not in java]
        if missing:
            sys.exit(f"bench: no Java result for {missing}; the shapes in tools/bench/src and tools/bench/numpy_bench.py differ")
        if smoke:
            print(f"bench-smoke: {len(java) + len(products)} JMH and {len(numpy)} NumPy benchmarks ran once each (timings not meaningful)")
        else:
            misses += report(java, numpy)
            print()
            report_products(products)
            print()
    if student:
        if smoke:
            starts = notebook_bench.startup(starts=1, log_path=kernel_log)
            print(f"bench-smoke: {len(starts)} kinds of kernel started and answered their first cell (timings not meaningful)")
        else:
            print(f"the notebooks, each alone ({notebook_bench.RUNS} runs), and kernel start-up "
                  f"({notebook_bench.STARTS} starts of each kind, alternating):")
            print()
            times = notebook_bench.notebooks(log_path=kernel_log)
            misses += notebook_bench.report(times, notebook_bench.startup(log_path=kernel_log))
            print()
    if not smoke:
        print(f"load average (1 minute) before the run {load_before:.1f}, after it {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} cores; above 1 per core, other processes inflate every time above")
        print("targets missed: " + ("; ".join(misses) if misses else "none"))


if __name__ == "__main__":
    main()
