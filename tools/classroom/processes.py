"""The processes of a sandbox, seen from outside it: the reaper that kills whatever the student's code starts,
and the wait until a sandbox user's processes are gone. Used by sandbox.py (and through it by the graders).
"""
import os
import signal
import threading
import time


def _processes():
    """{pid: (ppid, comm)} of every process on the machine."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                    stat = f.read()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            table[int(entry)] = (int(stat[stat.rindex(")") + 2:].split()[1]), comm)
    return table


class Reaper:
    """Kills every process the student's code starts in the sandbox, within a fraction of a second.

    The sandbox's own processes form a fixed tree: bwrap -> bwrap (PID 1 of the sandbox) -> the JJava
    launcher (a JVM; the port relay, relay.py, is its child) -> the kernel JVM, which runs the student's code.
    Anything below the kernel JVM, and anything else PID 1 adopts, was started by student code (a
    subprocess, a fork bomb): the course never needs one. RLIMIT_NPROC bounds how many can exist at once.
    """

    nested = True   # the launcher JVM starts the kernel JVM; False: PID 1's one JVM is the only one allowed

    def __init__(self, outer: int):
        self.outer, self.launcher, self.kernel, self.killed = outer, None, None, 0

    def sweep(self):
        table = _processes()
        children = {}
        for pid, (ppid, _) in table.items():
            children.setdefault(ppid, []).append(pid)
        inits = children.get(self.outer, [])
        if not inits:
            return
        init = inits[0]
        below = children.get(init, [])
        if self.launcher is None:
            java = [p for p in below if table[p][1] == "java"]
            if not java:
                return
            self.launcher = java[0]
        if self.kernel is None and not self.nested:
            self.kernel = self.launcher     # one JVM (a check run): it may start nothing
        elif self.kernel is None:
            java = [p for p in children.get(self.launcher, []) if table[p][1] == "java"]
            self.kernel = java[0] if java else None
        doomed = [p for p in below if p != self.launcher]
        if self.kernel is not None:
            doomed += children.get(self.kernel, [])
        for pid in doomed:
            try:
                os.kill(pid, signal.SIGKILL)
                self.killed += 1
            except ProcessLookupError:
                pass

    def run(self, stop: threading.Event):
        while not stop.is_set():
            try:
                self.sweep()
            except Exception:
                pass
            stop.wait(0.1)


def wait_gone(uid: int, seconds: float = 15) -> bool:
    """Waits until no process of the sandbox user `uid` is left (a killed sandbox takes a moment to go)."""
    deadline = time.monotonic() + seconds
    while True:
        alive = False
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    alive = os.stat(f"/proc/{entry}").st_uid == uid
                except OSError:
                    continue
                if alive:
                    break
        if not alive:
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
