"""The memory and CPU limits of the container (the cgroup) this process runs in, as a JVM would read them.

A JVM 17+ sizes its heap (-XX:MaxRAMPercentage) and counts its processors from its cgroup. Inside the bubblewrap
sandbox it cannot: the sandbox mounts no /sys, so the JVM there sees the whole machine (checked here: in a 768 MiB
cgroup, -XX:MaxRAMPercentage=50 gave a 12 GiB heap inside bwrap). sandbox.py therefore reads the limits here, on the
host side, and passes them down as -Xmx and -XX:ActiveProcessorCount.

Both cgroup versions: v1 (a hierarchy per controller, /sys/fs/cgroup/memory/<path>/memory.limit_in_bytes and
cpu.cfs_quota_us) and v2 (one hierarchy, memory.max and cpu.max). The effective limit is the smallest one on the
way from this process's cgroup up to the root. Inside a container that mounts its own cgroup at the root of
/sys/fs/cgroup (Docker, Gradescope) the path in /proc/self/cgroup may not exist there; the mount's own files are
read instead.
"""
import math
import os
from pathlib import Path

CGROUP = Path("/sys/fs/cgroup")
UNLIMITED = 1 << 60          # v1 writes "no limit" as a huge number (9223372036854771712)


def _own_paths() -> dict:
    """controller (or "" for v2) -> this process's cgroup path, from /proc/self/cgroup."""
    paths = {}
    try:
        lines = Path("/proc/self/cgroup").read_text(encoding="utf-8").splitlines()
    except OSError:
        return paths
    for line in lines:
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(",") if parts[1] else [""]:
                paths[controller] = parts[2]
    return paths


def _chain(mount: Path, path: str) -> list:
    """The cgroup folders from this process's up to the mount's root (the mount's root alone when the path is not
    found under it)."""
    here = mount / path.lstrip("/")
    if not here.is_dir():
        return [mount]
    chain = [here]
    while here != mount:
        here = here.parent
        chain.append(here)
    return chain


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return None


def memory_limit() -> int | None:
    """The container's memory limit in bytes, or None when there is none."""
    paths, found = _own_paths(), []
    v1 = CGROUP / "memory"
    if "memory" in paths and (v1 / "memory.limit_in_bytes").is_file():
        for folder in _chain(v1, paths["memory"]):
            text = _read(folder / "memory.limit_in_bytes")
            if text and text.isdigit():
                found.append(int(text))
    elif "" in paths and (CGROUP / "cgroup.controllers").is_file():
        for folder in _chain(CGROUP, paths[""]):
            text = _read(folder / "memory.max")
            if text and text.isdigit():
                found.append(int(text))
    limits = [n for n in found if n < UNLIMITED]
    return min(limits) if limits else None


def cpu_limit() -> float | None:
    """The container's CPU quota in CPUs (0.5 for half a CPU), or None when there is none."""
    paths, found = _own_paths(), []
    v1 = next((CGROUP / name for name in ("cpu", "cpu,cpuacct") if (CGROUP / name / "cpu.cfs_quota_us").is_file()),
              None)
    if v1 is not None and ("cpu" in paths):
        for folder in _chain(v1, paths["cpu"]):
            quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
            if quota and period and quota.lstrip("-").isdigit() and period.isdigit() and int(quota) > 0:
                found.append(int(quota) / int(period))
    elif "" in paths and (CGROUP / "cgroup.controllers").is_file():
        for folder in _chain(CGROUP, paths[""]):
            text = _read(folder / "cpu.max")
            if text and len(text.split()) == 2 and text.split()[0].isdigit():
                quota, period = text.split()
                found.append(int(quota) / int(period))
    return min(found) if found else None


def processors() -> int:
    """The processors a JVM should use here: the CPUs this process may run on, fewer under a CPU quota (rounded up,
    as the JVM rounds it: half a CPU is one processor)."""
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    quota = cpu_limit()
    return max(1, min(count, math.ceil(quota))) if quota else count
