"""Runs the student's Java kernel in a bubblewrap sandbox (the grader itself stays outside).

What the sandboxed kernel sees and may do
  - its own network namespace: no network at all, not even the host's 127.0.0.1;
  - a read-only view of the system (/usr, /etc, ...) and of exactly three course folders, mounted at
    /course: the library (lib/target), the kernel's jars and the data. Nothing else of the project: not the
    source notebooks, not the submissions, not the gradebook, not the feedback;
  - two small writable tmpfs folders, /home/student (its working directory and HOME) and /tmp, each limited
    in size, and every file limited by RLIMIT_FSIZE: the bytes it may write are bounded;
  - its own PID namespace, an unprivileged user (one uid per grading slot, so that RLIMIT_NPROC, which
    counts every process and thread of a uid, bounds a fork bomb per slot), and rlimits on address space,
    CPU time, processes, file size and open files; the JVM heap is capped with -Xmx.

How the grader talks to it
  Jupyter's client connects to the kernel's five ZMQ ports on 127.0.0.1. In the sandbox's own network
  namespace those ports are out of reach, so each one is bridged through a Unix socket in a folder shared
  with the sandbox: on the host, this wrapper listens on 127.0.0.1:PORT and forwards each connection to
  SOCK/PORT.sock; in the sandbox, socat listens on SOCK/PORT.sock and forwards to the kernel's
  127.0.0.1:PORT. The kernel itself binds TCP as usual (JeroMQ), and nothing in it can reach outside.

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

from processes import Reaper, wait_gone  # noqa: F401  (wait_gone: the graders call sandbox.wait_gone)

ROOT = Path(__file__).resolve().parent.parent.parent
KERNEL_NAME = "java-sandboxed"
INSTALL_HINT = ("the grader runs every student's kernel in a bubblewrap sandbox; install it with "
                "'sudo apt-get install bubblewrap socat' (Debian/Ubuntu) or 'sudo dnf install bubblewrap socat', "
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
    open_files: int = 1024        # RLIMIT_NOFILE


def missing_tools():
    """The tools the sandbox needs that are not installed (empty when it can run)."""
    return [tool for tool in ("bwrap", "socat", "setpriv") if not shutil.which(tool)]


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
                extra_env: dict | None = None) -> Path:
    """Writes OUT_DIR/kernels/java-sandboxed/ (kernel.json and the wrapper's config) from the course's
    `java` kernel spec in BASE_SPEC_DIR; returns OUT_DIR, to be put first on JUPYTER_PATH."""
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
    options = re.sub(r"-Xmx\S+", "", env.get("JJAVA_JVM_OPTS", "")).replace(
        str(base_spec_dir.resolve()), "/course/kernel").split()
    env["JJAVA_CLASSPATH"] = os.pathsep.join(inside_cp)
    env["JJAVA_JVM_OPTS"] = " ".join(options + [f"-Xmx{limits.heap_mib}m", "-XX:MaxMetaspaceSize=256m",
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

def _pump(a: socket.socket, b: socket.socket):
    try:
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _bridge(port: int, path: str, stop: threading.Event):
    """Accepts on 127.0.0.1:port and forwards each connection to the Unix socket `path`."""
    server = socket.create_server(("127.0.0.1", port), reuse_port=False)
    server.settimeout(0.5)
    while not stop.is_set():
        try:
            client, _ = server.accept()
        except socket.timeout:
            continue
        except OSError:
            break
        inner = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        deadline = time.monotonic() + 60
        while True:
            try:
                inner.connect(path)
                break
            except OSError:
                if time.monotonic() > deadline or stop.is_set():
                    inner.close()
                    client.close()
                    inner = None
                    break
                time.sleep(0.05)
        if inner is None:
            continue
        for x, y in ((client, inner), (inner, client)):
            threading.Thread(target=_pump, args=(x, y), daemon=True).start()
    server.close()


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


def bwrap_command(config: dict, box: Path, inner: list) -> list:
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
    cmd += ["--size", size, "--tmpfs", "/tmp", "--size", size, "--tmpfs", "/home/student",
            "--bind", str(box / "sock"), "/run/box/sock", "--ro-bind", str(box / "connection.json"),
            "/run/box/connection.json", "--chdir", "/home/student"]
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
    box = Path(tempfile.mkdtemp(prefix="deepnets-box-"))
    uid = config["uid"]
    stop = threading.Event()
    child = None

    def on_signal(signum, frame):
        if child and child.poll() is None:
            child.kill()
        stop.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # interrupts arrive as messages (interrupt_mode)
    try:
        (box / "sock").mkdir()
        inside = dict(connection, ip="127.0.0.1", transport="tcp")
        (box / "connection.json").write_text(json.dumps(inside), encoding="utf-8")
        os.chmod(box, 0o711)
        os.chmod(box / "connection.json", 0o644)
        os.chown(box / "sock", uid, uid)
        relays = " ".join(f"socat UNIX-LISTEN:/run/box/sock/{p}.sock,fork,mode=600 "
                          f"TCP:127.0.0.1:{p},retry=600,interval=0.1 &" for p in ports)
        argv = [a.replace("{connection_file}", "/run/box/connection.json") for a in config["argv"]]
        script = relays + " exec " + " ".join(_quote(a) for a in argv)
        threads = [threading.Thread(target=_bridge, args=(p, str(box / "sock" / f"{p}.sock"), stop), daemon=True)
                   for p in ports]
        for t in threads:
            t.start()
        child = subprocess.Popen(bwrap_command(config, box, ["/bin/sh", "-c", script]),
                                 preexec_fn=_limit(config["limits"]))
        reaper = Reaper(child.pid)
        threading.Thread(target=reaper.run, args=(stop,), daemon=True).start()
        parent = os.getppid()
        while child.poll() is None:
            if os.getppid() != parent:      # the grader died: take the sandbox down with it
                child.kill()
            try:
                child.wait(0.5)
            except subprocess.TimeoutExpired:
                pass
        code = child.returncode
        return code if code >= 0 else 128 - code
    finally:
        stop.set()
        if child and child.poll() is None:
            child.kill()
            child.wait()
        shutil.rmtree(box, ignore_errors=True)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: sandbox.py CONFIG.json CONNECTION_FILE (run by the java-sandboxed kernel spec)", file=sys.stderr)
        sys.exit(2)
    sys.exit(wrapper(sys.argv[1], sys.argv[2]))
