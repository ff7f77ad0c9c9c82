"""A kernel session that runs the cells of one notebook by index and survives timeouts and a dying kernel."""
import contextlib
import copy
import enum
import json
import logging
import time
from pathlib import Path

import nbformat
from nbformat.v4 import output_from_msg
from nbclient import NotebookClient
from nbclient.exceptions import CellControlSignal, CellTimeoutError, DeadKernelError

from .errors import describe_error
from .results import CellRun, ErrorInfo, GradingError, Kind, first_line

TIMEOUT_ENAME = "GraderCellTimeout"
MAX_KEPT = 200_000       # characters of output kept in memory per cell; the rest is counted, not stored
MAX_DISPLAY = 8_000_000  # characters of display data (images, HTML, JSON charts) kept per cell; the rest dropped
MAX_OUTPUTS = 1000       # outputs kept per cell, of any kind
MAX_RESTARTS = 3         # kernel restarts per notebook before the remaining cells are given up
PROBE_TIMEOUT = 15       # seconds an interrupted kernel has to answer again before it is restarted

QUIET = logging.getLogger("grading.nbclient")
QUIET.addHandler(logging.NullHandler())
QUIET.propagate = False
QUIET.setLevel(logging.CRITICAL)


class Ended(enum.Enum):
    """How the kernel came out of running one cell."""
    OK = "ok"
    TIMEOUT = "timeout"
    DIED = "died"


def data_size(content) -> int:
    """Characters of an output message's content: its text, or the sizes of its MIME bundle's values."""
    if "text" in content:
        return len(str(content.get("text", "")))
    size = 0
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    return size + len(json.dumps(content.get("metadata") or {}, default=str))


class CappedClient(NotebookClient):
    """An nbclient that keeps at most MAX_KEPT characters of printed output and MAX_DISPLAY characters of display
    data (images, HTML, charts) per cell, and at most MAX_OUTPUTS outputs; what it drops is counted, not stored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept, self.dropped, self.last_reply = {}, {}, None
        self.shown, self.dropped_displays = {}, {}
        self.cells_run = {}   # cell index -> the copy of the cell that ran (Session runs copies, not nb.cells)

    def output(self, outs, msg, display_id, cell_index):
        kind = msg["msg_type"]
        size = data_size(msg["content"])
        if kind == "stream":
            kept = self.kept.get(cell_index, 0)
            if kept + size > MAX_KEPT or len(outs) >= MAX_OUTPUTS:
                self.dropped[cell_index] = self.dropped.get(cell_index, 0) + size
                return None
            self.kept[cell_index] = kept + size
        elif kind != "error":
            shown = self.shown.get(cell_index, 0)
            if shown + size > MAX_DISPLAY or len(outs) >= MAX_OUTPUTS:
                self.dropped_displays[cell_index] = self.dropped_displays.get(cell_index, 0) + size
                return None
            self.shown[cell_index] = shown + size
        return super().output(outs, msg, display_id, cell_index)

    def _update_display_id(self, display_id, msg):
        """An update_display_data (a chart redrawn in place) replaces the output in the copy of the cell that
        showed it; nbclient's own version looks in nb.cells, whose outputs the Session keeps empty."""
        if display_id not in self._display_id_map:
            return
        if data_size(msg["content"]) > MAX_DISPLAY:
            return
        try:
            out = output_from_msg({**msg, "header": {**msg["header"], "msg_type": "display_data"}})
        except ValueError:
            return
        for cell_index, output_indices in self._display_id_map[display_id].items():
            outputs = getattr(self.cells_run.get(cell_index), "outputs", [])
            for output_index in output_indices:
                if output_index < len(outputs):
                    outputs[output_index]["data"] = out["data"]
                    outputs[output_index]["metadata"] = out["metadata"]


def chart_kinds(spec) -> list:
    """The interactions a Vega-Lite spec offers: "slider" (a bound parameter), "brush" (a selection), "tooltip"."""
    params = spec.get("params", []) if isinstance(spec, dict) else []
    kinds = {"slider" for p in params if "bind" in p} | {"brush" for p in params if "select" in p}
    if isinstance(spec, dict) and "tooltip" in spec.get("encoding", {}):
        kinds.add("tooltip")
    return sorted(kinds)


def collect(cell, dropped: int, dropped_displays: int = 0) -> CellRun:
    """A CellRun from an executed cell's outputs (its index and time are the caller's to fill in)."""
    run = CellRun(index=-1, dropped=dropped, dropped_displays=dropped_displays)
    out, err = [], []
    for output in cell.outputs:
        kind = output.get("output_type")
        if kind == "error" and run.error is None:
            run.error = describe_error(output)
        elif kind == "stream":
            (err if output.get("name") == "stderr" else out).append(output.get("text", ""))
        if kind == "execute_result":
            out.append(str(output.get("data", {}).get("text/plain", "")) + "\n")
        if kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            vega = any(mime.startswith("application/vnd.vegalite.") for mime in data)
            run.charts += vega
            if vega:
                spec = next(v for k, v in data.items() if k.startswith("application/vnd.vegalite."))
                run.chart_kinds.append(chart_kinds(spec))
            run.images += "image/png" in data and not vega
            run.tables += "<table" in "".join(data.get("text/html", ""))
    run.stdout, run.stderr = "".join(out), "".join(err)
    return run


def reply_error(reply) -> ErrorInfo | None:
    """The failure an execute_reply reports, or None when it says "ok".

    The cell's success is the reply's status, not the absence of an error output: code in the kernel can publish
    "idle" on the output channel early, which ends the collection of outputs before the real error is shown. A
    cell without any reply (the kernel never answered this request) failed too."""
    if reply is None:
        return ErrorInfo(Kind.EXCEPTION, "the kernel sent no reply to this cell, so it did not finish normally")
    content = reply.get("content", {}) or {}
    status = content.get("status")
    if status == "ok":
        return None
    if status == "error" and content.get("ename"):
        # JJava's reply carries the exception as evalue "<class>, <message>" and the kernel's own stack as its
        # traceback; the error output shows "<class>: <message>" first, which describe_error reads.
        evalue = str(content.get("evalue", ""))
        cls, _, text = evalue.partition(", ")
        head = f"{cls}: {text}" if text else evalue
        return describe_error({"ename": content["ename"], "evalue": evalue, "traceback": [head]})
    return ErrorInfo(Kind.EXCEPTION, f"the kernel reported this cell as {status!r}, not ok")


class Session:
    """One kernel that runs the cells of one notebook by index, and survives timeouts and a dying kernel.

    A cell that times out is interrupted; if the kernel does not answer again within PROBE_TIMEOUT s, or it
    dies, a new kernel replays the cells that ran before (except the culprit), at most MAX_RESTARTS times.
    """

    def __init__(self, nb, cwd: Path, timeout: int, log_path: Path, kernel_name: str = "java",
                 prelude: tuple = ()):
        self.nb, self.cwd, self.timeout, self.log_path = nb, cwd, timeout, log_path
        self.prelude = tuple(prelude)   # code run first in every kernel, e.g. %classpath of the held-out checks
        self.kernel_name = kernel_name  # tools/classroom grades with a sandboxed kernel spec
        self.history, self.restarts, self.broken = [], 0, None
        self.client, self.stack, self.log = None, None, None

    def __enter__(self):
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_path, "w", encoding="utf-8")
        try:
            self._start()
        except Exception:
            self.log.close()
            raise
        return self

    def __exit__(self, *exc):
        self._stop()
        self.log.close()
        return False

    def _start(self):
        self.client = CappedClient(
            self.nb, timeout=self.timeout, kernel_name=self.kernel_name, allow_errors=True, shutdown_kernel="immediate",
            interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_ENAME, "evalue": "timeout", "traceback": []},
            timeout_func=lambda cell: PROBE_TIMEOUT if cell.metadata.get("probe") else self.timeout,
            resources={"metadata": {"path": str(self.cwd)}}, log=QUIET,
            on_cell_executed=self._on_executed)
        self.stack = contextlib.ExitStack()
        try:
            self.stack.enter_context(self.client.setup_kernel(stdout=self.log, stderr=self.log))
        except Exception as e:
            self.stack.close()
            raise GradingError(f"could not start the Java kernel: {first_line(str(e)) or type(e).__name__} "
                               f"(kernel log: {self.log_path})") from e
        for source in self.prelude:
            run, ended = self._execute_extra(source)
            if ended is not Ended.OK or run.error:
                self._stop()
                raise GradingError(f"could not prepare the kernel: {source!r} failed: "
                                   f"{run.error.message if run.error else ended.name}")

    def run_extra(self, source: str) -> CellRun:
        """Runs code that is not a cell of the notebook (the held-out checks); it is not replayed after a restart."""
        if self.broken:
            return CellRun(len(self.nb.cells), ErrorInfo(Kind.NOT_RUN, self.broken))
        run, ended = self._execute_extra(source)
        if ended is Ended.TIMEOUT:
            run.error = ErrorInfo(Kind.TIMEOUT, f"ran longer than {self.timeout} s and was stopped")
            if not self._responsive():
                self._restart("the kernel did not stop after a held-out check timed out")
        elif ended is Ended.DIED:
            run.error = ErrorInfo(Kind.DIED, "the Java kernel died while the held-out check ran your code")
            self._restart("the kernel died in a held-out check")
        return run

    def _stop(self):
        if self.stack is not None:
            with contextlib.suppress(Exception):
                self.stack.close()
            self.stack = None

    def _on_executed(self, cell, cell_index, execute_reply):
        self.client.last_reply = execute_reply

    def _execute_extra(self, source: str) -> tuple[CellRun, Ended]:
        """Runs code that is no cell of the notebook. nbclient stores what it ran as nb.cells[index], so it runs
        under index 0 and cell 0 is put back afterwards."""
        saved = self.nb.cells[0]
        try:
            return self._execute(nbformat.v4.new_code_cell(source), 0)
        finally:
            self.nb.cells[0] = saved

    def _execute(self, cell, index) -> tuple[CellRun, Ended]:
        """Runs one cell."""
        self.client.last_reply = None
        for counts in (self.client.kept, self.client.dropped, self.client.shown, self.client.dropped_displays):
            counts.pop(index, None)
        started = time.monotonic()
        ended = Ended.OK
        self.client.cells_run[index] = cell
        try:
            self.client.execute_cell(cell, index)
        except DeadKernelError:
            ended = Ended.DIED
        except CellTimeoutError:
            ended = Ended.TIMEOUT
        except CellControlSignal:
            raise
        except Exception as e:  # a kernel that stops answering in an unexpected way: treat as dead
            ended = Ended.DIED
            self.log.write(f"grader: {type(e).__name__}: {e}\n")
        reply = (self.client.last_reply or {}).get("content", {})
        if ended is Ended.OK and reply.get("ename") == TIMEOUT_ENAME:
            ended = Ended.TIMEOUT
        run = collect(cell, self.client.dropped.get(index, 0), self.client.dropped_displays.get(index, 0))
        if ended is Ended.OK and run.error is None:
            run.error = reply_error(self.client.last_reply)
        run.index, run.seconds = index, time.monotonic() - started
        return run, ended

    def run(self, index: int, source: str | None = None, remember: bool = True) -> CellRun:
        """Runs cell `index` of the notebook, with `source` in place of its own if given."""
        if self.broken:
            return CellRun(index, ErrorInfo(Kind.NOT_RUN, self.broken))
        run, ended = self._execute(self._cell(index, source), index)
        if ended is Ended.TIMEOUT:
            run.error = ErrorInfo(Kind.TIMEOUT, f"ran longer than {self.timeout} s (the time limit per cell) and "
                                  f"was stopped: an endless loop, or far too much work?")
            if not self._responsive():
                self._restart(f"the kernel did not stop after cell {index} timed out")
        elif ended is Ended.DIED:
            run.error = ErrorInfo(Kind.DIED, "the Java kernel died while running this cell (does the code call "
                                  "System.exit, or run out of memory?); the grader started a new one")
            self._restart(f"the kernel died in cell {index}")
        elif remember:
            self.history.append((index, source))
        return run

    def _cell(self, index: int, source: str | None):
        cell = copy.deepcopy(self.nb.cells[index])
        cell.outputs = []
        if source is not None:
            cell.source = source
        return cell

    def _responsive(self) -> bool:
        probe = nbformat.v4.new_code_cell("")
        probe.metadata["probe"] = True
        _, ended = self._execute(probe, len(self.nb.cells))
        return ended is Ended.OK

    def _restart(self, why: str):
        while not self.broken:
            self._stop()
            if self.restarts >= MAX_RESTARTS:
                self.broken = f"not run: {why}, and the kernel was already restarted {MAX_RESTARTS} times"
                return
            self.restarts += 1
            self.log.write(f"grader: restarting the kernel ({why})\n")
            try:
                self._start()
            except GradingError as e:
                self.broken = f"not run: {why}, and {e}"
                return
            if self._replay():
                return
            why = "the kernel died or hung again while the earlier cells were replayed"

    def _replay(self) -> bool:
        for index, source in self.history:
            _, ended = self._execute(self._cell(index, source), index)
            if ended is not Ended.OK:
                return False
        return True
