"""Reads a JJava error output and says what went wrong, as a student should read it.

JJava reports a compile error as ename CompilationException (the traceback shows the offending code and the
compiler's messages), and every Java exception as ename RuntimeException whose first traceback line is
"<exception class>: <message>", followed by frames like "at .method(#snippet:line)".
"""
import os
import re

import course
from .results import ErrorInfo, Kind, cap, first_line

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FRAME = re.compile(r"^\s*at \.(?P<method>[\w$]*)\(#\d+:(?P<line>\d+)\)")


HIGHLIGHT = "\x1b[41m"     # JShell marks the part of the code line the compiler complains about


def compile_errors(output) -> list:
    """A JJava compile error as a list of (code line, column, width, compiler's text), in the compiler's order.

    The traceback alternates the offending code line ("|   " and the line, the faulty part highlighted) and
    the compiler's message, which may take several lines ("cannot find symbol", "  symbol: ...")."""
    found = []
    for raw in output.get("traceback", []) or []:
        plain = ANSI.sub("", raw).rstrip()
        if plain.startswith("|"):
            code_raw = raw[raw.index("|") + 1:]
            code_raw = code_raw[3:] if code_raw.startswith("   ") else code_raw.lstrip(" ")
            code = ANSI.sub("", code_raw).rstrip()
            column, width = 0, 0
            if HIGHLIGHT in code_raw:
                before, _, rest = code_raw.partition(HIGHLIGHT)
                column = len(ANSI.sub("", before)) + 1
                width = len(ANSI.sub("", rest.split("\x1b[0m", 1)[0]))
            found.append([code, column, width, []])
        elif plain.strip():
            if not found:
                found.append(["", 0, 0, []])
            found[-1][3].append(plain)
    return [(code, column, width, "\n".join(said)) for code, column, width, said in found] or \
        [("", 0, 0, output.get("evalue", "") or "the compiler gave no message")]


def compile_message(errors, source: str | None = None) -> str:
    """Every compiler error once and in full: where (line and column in the cell when its source is known,
    else the column in the code line), the compiler's text, the code line with a caret under the fault."""
    lines = source.split("\n") if source is not None else None
    parts, after = [], 0
    for code, column, width, said in errors:
        where = ""
        if lines is not None and code.strip():
            match = next((i for i in list(range(after, len(lines))) + list(range(0, after))
                          if lines[i].rstrip() == code.rstrip()), None)
            if match is None:
                match = next((i for i in range(len(lines)) if lines[i].strip() == code.strip()), None)
                if match is not None and column:
                    column += len(lines[match]) - len(lines[match].lstrip()) - (len(code) - len(code.lstrip()))
            if match is not None:
                after = match
                where = f"line {match + 1}" + (f", column {column}" if column else "")
        if not where and column:
            where = f"column {column}"
        head = f"{where}: {said}" if where else said
        block = [head]
        if code.strip():
            block.append("    " + code)
            if column:
                block.append("    " + " " * (column - 1) + "^" * max(1, width))
        parts.append("\n".join(block))
    count = f" ({len(errors)} errors)" if len(errors) > 1 else ""
    return cap(f"does not compile{count}: " + "\n".join(parts))


def describe_error(output) -> ErrorInfo:
    """Turns a JJava error output (a dict with ename, evalue, traceback) into an ErrorInfo."""
    ename = output.get("ename", "")
    lines = [ANSI.sub("", line).rstrip() for line in output.get("traceback", []) or []]
    lines = [line for line in lines if line.strip()]
    if ename == "CompilationException":
        found = compile_errors(output)
        return ErrorInfo(Kind.COMPILE, compile_message(found), compile_errors=found)
    if ename == "EvaluationInterruptedException":
        return ErrorInfo(Kind.TIMEOUT, "the cell was interrupted")
    head = lines[0] if lines else f"{ename}: {output.get('evalue', '')}"
    head = re.sub(r"^\|\s*", "", head)
    match = re.match(r"(?s)\s*([\w$.]+)(?::\s?(.*))?\Z", head)
    cls, text = (match.group(1), match.group(2) or "") if match else (ename, head)
    if "UnresolvedReferenceException" in head:
        snippet = re.search(r"(?s)Snippet:\S*?-(.*)\Z", head)
        where = first_line(snippet.group(1)) if snippet else ""
        return ErrorInfo(Kind.UNRESOLVED, "uses a name that is not defined (a typo, or a method or variable that "
                         "no cell defines?)" + (f" in: {where}" if where else ""), "UnresolvedReferenceException")
    if cls.endswith("CheckFailure") or cls == "java.lang.AssertionError":
        return ErrorInfo(Kind.CHECK, cap(text.strip() or cls), cls)
    if cls.endswith("." + course.STUB_ERROR):
        return ErrorInfo(Kind.NOT_IMPLEMENTED, cap(text.strip()), cls)
    frames = []
    for line in lines[1:]:
        frame = FRAME.match(line)
        if frame and frame.group("method") and len(frames) < 3:
            frames.append(f"  in {frame.group('method')}, line {frame.group('line')} counting from its declaration")
    message = f"{cls}: {text.strip()}" if text.strip() else cls
    if cls == "java.lang.OutOfMemoryError":
        message = out_of_memory(message, text)
    return ErrorInfo(Kind.EXCEPTION, cap(message + ("\n" + "\n".join(frames) if frames else "")), cls)


# The kernel's maximum heap in MiB, when whoever starts the kernels knows it (gradescope.py and grade_class.py set it).
HEAP_VARIABLE = "DEEPNETS_KERNEL_HEAP_MIB"


def out_of_memory(message: str, text: str) -> str:
    """An OutOfMemoryError's message as the student reads it: what ran out (the heap, with its size when known)
    and the likely cause."""
    if not any(kind in text for kind in ("heap space", "GC overhead", "array size")):
        return f"your code ran out of memory: {message}"
    heap = os.environ.get(HEAP_VARIABLE, "")
    size = f", {heap} MiB" if heap.isdigit() else ""
    return (f"your code ran out of memory (Java heap{size}): {message}. It holds more data than the grader allows: "
            f"an array or list far larger than the data, or one that grows in a loop without end?")
