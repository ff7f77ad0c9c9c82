"""Runs the student's Java kernel in a bubblewrap sandbox (the grader itself stays outside).

What the sandboxed kernel sees and may do
  - its own network namespace: no network at all, not even the host's 127.0.0.1;
  - a read-only view of the system (/usr, /etc, ...) and of exactly three course folders, mounted at
    /course: the library (lib/target), the kernel's jars and the data. Nothing else of the project: not the
    source notebooks, not the submissions, not the gradebook, not the feedback;
  - two small writable tmpfs folders, /home/student (its working directory and HOME) and /tmp, each limited
    in size, and every file limited by RLIMIT_FSIZE: the bytes it may write are bounded. Nothing writable of
    the host is shared: the only host file it sees besides the read-only course is its connection file, owned
    by its own uid and read-only (the kernel must read the key; no other user of the host can);
  - its own PID namespace, an unprivileged user (one uid per grading slot, so that RLIMIT_NPROC, which
    counts every process and thread of a uid, bounds a fork bomb per slot), and rlimits on address space,
    CPU time, processes, file size and open files; the JVM heap is capped with -Xmx: Limits.heap_mib, or less in
    a container (heap_mib below).

How the grader talks to it
  Jupyter's client connects to the kernel's five ZMQ ports on 127.0.0.1. In the sandbox's own network
  namespace those ports are out of reach, so for each one this wrapper creates a socket listening on the
  host's 127.0.0.1:PORT and hands it down (an inherited file descriptor) to relay.py, which runs in the sandbox
  and joins every connection it accepts to the kernel's 127.0.0.1:PORT there. The kernel binds TCP as usual
  (JeroMQ). There is no socket file for the sandbox to replace, and nothing in it can open a connection out.

Clean-up
  The wrapper's folder (deepnets-box-<slot>-*, in the host's temporary folder) holds the connection file and
  the mount points of the sandbox's /tmp and /home/student: tmpfs limited in size and in inodes, in memory,
  never on the host's disk (without the right to mount, bwrap's tmpfs, limited in size only).
  The wrapper removes it when it ends; the graders also remove a slot's folders after its sandbox is gone
  (remove_boxes), because a wrapper killed with SIGKILL cleans up nothing.

This file is both the library that writes a sandboxed kernel spec (kernel_spec) and the wrapper the spec
runs (python sandbox.py CONFIG CONNECTION_FILE). When the wrapper is killed, bwrap (--die-with-parent) and
everything in the sandbox's PID namespace die with it; the bridges are threads of the wrapper.
"""
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, asdict
from pathlib import Path

import container
from processes import Reaper, wait_gone  # noqa: F401  (wait_gone: the graders call sandbox.wait_gone)

ROOT = Path(__file__).resolve().parent.parent.parent
KERNEL_NAME = "java-sandboxed"
INSTALL_HINT = ("the grader runs every student's kernel in a bubblewrap sandbox; install it with "
                "'sudo apt-get install bubblewrap' (Debian/Ubuntu) or 'sudo dnf install bubblewrap' (and python3 "
                "in /usr/bin), "
                "or run with UNSANDBOXED=1 to grade without a sandbox (only for code you trust)")
BASE_UID = 61000          # sandbox uid = BASE_UID + slot; no such user needs to exist
SYSTEM_DIRS = ["/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/var/cache/fontconfig"]
MiB = 1 << 20


@dataclass
class Limits:
    heap_mib: int = 1024          # -Xmx of the kernel JVM
    address_space_mib: int = 6144  # RLIMIT_AS per process (a JVM reserves far more than it uses)
    cpu_seconds: int = 900        # RLIMIT_CPU per process: the kernel's total CPU time for one notebook
    processes: int = 400          # RLIMIT_NPROC for the slot's uid: processes plus threads (a JVM has ~30)
    file_mib: int = 64            # RLIMIT_FSIZE: the largest file it may write
    tmpfs_mib: int = 64           # size of /home/student and of /tmp each
    tmpfs_inodes: int = 4096      # files and folders in each of them (a tmpfs mounted by the wrapper; see below)
    open_files: int = 1024        # RLIMIT_NOFILE


# The share of a container's memory limit the sandboxed kernels' heaps may take together, as install_kernel.py's
# --heap-from-container gives an unsandboxed kernel (-XX:MaxRAMPercentage=50). The rest is for the JVMs' own
# memory (metaspace, code, threads), the kernel's launcher JVM, the grader and the relay.
CONTAINER_HEAP_SHARE = 0.5


def heap_mib(limits: Limits = Limits(), kernels: int = 1) -> int:
    """The -Xmx of a sandboxed kernel, in MiB: limits.heap_mib, or, in a container with a memory limit, its
    CONTAINER_HEAP_SHARE divided among `kernels` kernels running at once, if that is less. The JVM inside the
    sandbox cannot size its heap from the container itself: the sandbox mounts no /sys, so it would see the
    machine's memory instead (container.py)."""
    limit = container.memory_limit()
    if limit is None:
        return limits.heap_mib
    return max(16, min(limits.heap_mib, int(limit * CONTAINER_HEAP_SHARE / max(1, kernels)) // MiB))


RELAY_PYTHON = "/usr/bin/python3"   # runs relay.py inside the sandbox, where /usr is visible read-only
BOX_PREFIX = "deepnets-box-"


def missing_tools():
    """The tools the sandbox needs that are not installed (empty when it can run)."""
    missing = [tool for tool in ("bwrap", "setpriv") if not shutil.which(tool)]
    return missing + ([] if os.access(RELAY_PYTHON, os.X_OK) else [RELAY_PYTHON])


def remove_boxes(slot: int) -> int:
    """Removes every folder a wrapper of this slot left in the temporary folder (a killed wrapper cleans up
    nothing); call it when the slot's sandbox is gone (wait_gone). Returns how many were removed."""
    removed = 0
    for box in Path(tempfile.gettempdir()).glob(f"{BOX_PREFIX}{slot}-*"):
        unmount_all(box)
        shutil.rmtree(box, ignore_errors=True)
        removed += not box.exists()
    return removed


def probe() -> str | None:
    """None if a trivial sandbox runs here, else why not."""
    missing = missing_tools()
    if missing:
        return f"{', '.join(missing)} not found"
    try:
        done = subprocess.run(["setpriv", f"--reuid={BASE_UID}", f"--regid={BASE_UID}", "--clear-groups",
                               "bwrap", "--ro-bind", "/", "/", "--unshare-all", "--unshare-user",
                               "--die-with-parent", "true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"bwrap could not run: {e}"
    if done.returncode != 0:
        return f"bwrap could not create a sandbox here: {done.stderr.strip()[:300]}"
    return None


def kernel_spec(base_spec_dir: Path, out_dir: Path, slot: int, limits: Limits = Limits(),
                extra_env: dict | None = None, kernels: int = 1) -> Path:
    """Writes OUT_DIR/kernels/java-sandboxed/ (kernel.json and the wrapper's config) from the course's
    `java` kernel spec in BASE_SPEC_DIR; returns OUT_DIR, to be put first on JUPYTER_PATH. `kernels`: how many
    sandboxed kernels run at once, which share a container's memory (heap_mib)."""
    base = json.loads((base_spec_dir / "kernel.json").read_text(encoding="utf-8"))
    env = dict(base.get("env", {}))
    classpath = env.get("JJAVA_CLASSPATH", "")
    lib_target = ROOT / "lib" / "target"
    inside_cp = []
    for part in filter(None, classpath.split(os.pathsep)):
        path = Path(part)
        try:
            inside_cp.append(str(Path("/course/lib") / path.relative_to(lib_target)))
        except ValueError:
            raise ValueError(f"sandbox: the kernel's classpath entry {part} is outside {lib_target}") from None
    # Files the options name in the kernel's folder (compiler directives, class-data archive) are seen inside
    # the sandbox at /course/kernel.
    # The heap is set here (-Xmx, heap_mib); a share of the machine (-XX:MaxRAMPercentage, --heap-from-container)
    # means the whole machine inside the sandbox, so it goes too. So does -XX:ActiveProcessorCount: under a CPU
    # quota the JVM in the sandbox would see every CPU of the machine (no /sys), and size its compiler and
    # other thread pools for them; it is told the count the quota allows instead.
    options = re.sub(r"-Xmx\S+|-XX:(MaxRAMPercentage|ActiveProcessorCount)=\S+", "",
                     env.get("JJAVA_JVM_OPTS", "")).replace(str(base_spec_dir.resolve()), "/course/kernel").split()
    if container.cpu_limit() is not None:
        options.append(f"-XX:ActiveProcessorCount={container.processors()}")
    env["JJAVA_CLASSPATH"] = os.pathsep.join(inside_cp)
    env["JJAVA_JVM_OPTS"] = " ".join(options + [f"-Xmx{heap_mib(limits, kernels)}m", "-XX:MaxMetaspaceSize=256m",
                                                 "-XX:CompressedClassSpaceSize=128m",
                                                 "-XX:ReservedCodeCacheSize=64m", "-Xss1m"])
    env["DEEPNETS_DATA"] = "/course/data"
    for key, value in (extra_env or {}).items():
        env[key] = value
    argv = [a.replace("{resource_dir}", "/course/kernel") for a in base["argv"]]
    spec_dir = out_dir / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    config = {"slot": slot, "uid": BASE_UID + slot, "argv": argv, "env": env, "limits": asdict(limits),
              "binds": {"/course/lib": str(lib_target), "/course/kernel": str(base_spec_dir.resolve()),
                        "/course/data": str(ROOT / "data")}}
    (spec_dir / "sandbox.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    spec = {"argv": [sys.executable, str(Path(__file__).resolve()), str(spec_dir / "sandbox.json"),
                     "{connection_file}"],
            "display_name": "Java (course lib, sandboxed for grading)", "language": "java",
            "interrupt_mode": "message", "env": {}, "metadata": {}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return out_dir


# ---------------------------------------------------------------- the wrapper (runs as the kernel process)

def _limit(limits: dict):
    def apply():
        mib = 1 << 20
        resource.setrlimit(resource.RLIMIT_AS, (limits["address_space_mib"] * mib,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_seconds"],) * 2)
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["processes"],) * 2)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limits["file_mib"] * mib,) * 2)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limits["open_files"],) * 2)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.nice(5)   # the grader and the other sandboxes stay responsive
    return apply


WRITABLE = {"tmp": "/tmp", "home": "/home/student"}   # folder in the box -> where the sandbox sees it


def mount_writable(box: Path, uid: int, limits: dict, noexec: bool = False) -> bool:
    """Mounts a tmpfs limited in size and in inodes on each box folder of WRITABLE, owned by the sandbox's uid.
    Needs CAP_SYS_ADMIN (the grader runs as root to switch to the sandbox uids); returns False when the mounts
    failed, and then bwrap's own tmpfs, limited in size only, is used instead."""
    done = []
    for name in WRITABLE:
        folder = box / name
        folder.mkdir()
        options = (f"size={limits['tmpfs_mib']}m,nr_inodes={limits['tmpfs_inodes']},mode=0700,uid={uid},gid={uid},"
                   f"nosuid,nodev" + (",noexec" if noexec else ""))
        if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "deepnets-box", str(folder)],
                          capture_output=True).returncode != 0:
            for mounted in done:
                subprocess.run(["umount", "-l", str(mounted)], capture_output=True)
            return False
        done.append(folder)
    return True


def unmount_all(box: Path):
    """Unmounts every mount below `box` (the writable tmpfs folders)."""
    try:
        with open("/proc/self/mounts", encoding="utf-8") as f:
            points = [line.split()[1] for line in f]
    except OSError:
        return
    inside = str(box.resolve()) + "/"
    for point in points:
        point = point.replace("\\040", " ")
        if point.startswith(inside):
            subprocess.run(["umount", "-l", point], capture_output=True)


def bwrap_command(config: dict, box: Path, inner: list, mounted: bool = False, kernel: bool = True) -> list:
    uid, limits = config["uid"], config["limits"]
    cmd = ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "bwrap",
           "--unshare-all", "--unshare-user", "--uid", str(uid), "--gid", str(uid),
           "--die-with-parent", "--new-session", "--clearenv"]
    for d in SYSTEM_DIRS:
        if os.path.exists(d):
            cmd += ["--ro-bind", d, d] if not os.path.islink(d) else ["--symlink", os.readlink(d), d]
    cmd += ["--proc", "/proc", "--dev", "/dev"]
    for inside, outside in config["binds"].items():
        cmd += ["--ro-bind", outside, inside]
    size = str(limits["tmpfs_mib"] * MiB)
    for name, inside in WRITABLE.items():
        cmd += ["--bind", str(box / name), inside] if mounted else ["--size", size, "--tmpfs", inside]
    if kernel:
        cmd += ["--ro-bind", str(box / "connection.json"), "/run/box/connection.json",
                "--ro-bind", str(Path(__file__).resolve().parent / "relay.py"), "/run/box/relay.py"]
    cmd += ["--chdir", "/home/student"]
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/home/student", "LANG": "C.UTF-8",
           "MALLOC_ARENA_MAX": "2", "USER": "student", **config["env"]}
    env.update({k: v for k, v in os.environ.items() if k.startswith("COURSE_") or k == "JJAVA_TIMEOUT"})
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    return cmd + ["--"] + inner


def wrapper(config_path: str, connection_file: str) -> int:
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    connection = json.loads(Path(connection_file).read_text(encoding="utf-8"))
    ports = [connection[k] for k in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    box = Path(tempfile.mkdtemp(prefix=f"{BOX_PREFIX}{config['slot']}-"))
    uid = config["uid"]
    stop = threading.Event()
    child = None
    listeners = []

    def on_signal(signum, frame):
        if child and child.poll() is None:
            child.kill()
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # interrupts arrive as messages (interrupt_mode)
    try:
        inside = dict(connection, ip="127.0.0.1", transport="tcp")
        (box / "connection.json").write_text(json.dumps(inside), encoding="utf-8")
        os.chmod(box, 0o711)
        os.chown(box / "connection.json", uid, uid)   # the kernel reads its key; no other user of the host can
        os.chmod(box / "connection.json", 0o400)
        for port in ports:
            listener = socket.create_server(("127.0.0.1", port))
            listener.set_inheritable(True)
            listeners.append(listener)
        fds = [listener.fileno() for listener in listeners]
        relay = (f"{RELAY_PYTHON} -I /run/box/relay.py " + " ".join(f"{fd}:{p}" for fd, p in zip(fds, ports))
                 + " & ")
        closed = " ".join(f"{fd}>&-" for fd in fds)    # the kernel itself does not get the listening sockets
        argv = [a.replace("{connection_file}", "/run/box/connection.json") for a in config["argv"]]
        script = relay + f"exec {closed}; exec " + " ".join(_quote(a) for a in argv)
        mounted = mount_writable(box, uid, config["limits"])
        child = subprocess.Popen(bwrap_command(config, box, ["/bin/sh", "-c", script], mounted),
                                 preexec_fn=_limit(config["limits"]), pass_fds=fds)
        for listener in listeners:
            listener.close()                            # the relay in the sandbox holds them now
        return _supervise(child, Reaper(child.pid), stop)
    finally:
        stop.set()
        for listener in listeners:
            listener.close()
        if child and child.poll() is None:
            child.kill()
            child.wait()
        unmount_all(box)
        shutil.rmtree(box, ignore_errors=True)


def _supervise(child: subprocess.Popen, reaper: Reaper, stop: threading.Event) -> int:
    """Sweeps the sandbox with `reaper` while bwrap (`child`) runs, and kills it if the grader dies; returns its
    exit status (128 + the signal when killed). A SIGTERM handler that kills the child sets `stop`."""
    threading.Thread(target=reaper.run, args=(stop,), daemon=True).start()
    parent = os.getppid()
    while child.poll() is None and not stop.is_set():
        if os.getppid() != parent:      # the grader died: take the sandbox down with it
            child.kill()
        try:
            child.wait(0.5)
        except subprocess.TimeoutExpired:
            pass
    code = child.wait()
    return code if code >= 0 else 128 - code


class CheckReaper(Reaper):
    """The reaper of a check run (check_run): the sandbox holds one JVM, started by bwrap's PID 1; anything else
    in it, and anything that JVM starts, is killed."""
    nested = False


def check_run(config_path: str, classes: str, argv: list) -> int:
    """Runs one check JVM (tools/grading/fresh.py) in the sandbox of this spec's config: same uid, limits, read-only
    course folders and tmpfs as the kernel, no network, the compiled classes read-only at /run/box/classes; stdin,
    stdout and stderr are the caller's. Cleans up its folder and mounts when it ends or gets SIGTERM."""
    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    config["binds"] = dict(config["binds"], **{"/run/box/classes": classes})
    box = Path(tempfile.mkdtemp(prefix=f"{BOX_PREFIX}{config['slot']}-"))
    stop = threading.Event()
    child = None

    def on_signal(signum, frame):
        if child and child.poll() is None:
            child.kill()
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    try:
        os.chmod(box, 0o711)
        mounted = mount_writable(box, config["uid"], config["limits"], noexec=True)   # no System.load of a file
        child = subprocess.Popen(bwrap_command(config, box, argv, mounted, kernel=False),
                                 preexec_fn=_limit(config["limits"]))
        return _supervise(child, CheckReaper(child.pid), stop)
    finally:
        stop.set()
        if child and child.poll() is None:
            child.kill()
            child.wait()
        unmount_all(box)
        shutil.rmtree(box, ignore_errors=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    if sys.argv[2:3] == ["--check"] and sys.argv[4:5] == ["--"]:   # sandbox.py CONFIG --check CLASSES -- JAVA...
        sys.exit(check_run(sys.argv[1], sys.argv[3], sys.argv[5:]))
    if len(sys.argv) != 3:
        print("usage: sandbox.py CONFIG.json CONNECTION_FILE (run by the java-sandboxed kernel spec)", file=sys.stderr)
        sys.exit(2)
    sys.exit(wrapper(sys.argv[1], sys.argv[2]))
