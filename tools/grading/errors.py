"""Reads a JJava error output and says what went wrong, as a student should read it.

JJava reports a compile error as ename CompilationException (the traceback shows the offending code and the
compiler's messages), and every Java exception as ename RuntimeException whose first traceback line is
"<exception class>: <message>", followed by frames like "at .method(#snippet:line)".
"""
import re

import course
from .results import ErrorInfo, Kind, cap, first_line

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FRAME = re.compile(r"^\s*at \.(?P<method>[\w$]*)\(#\d+:(?P<line>\d+)\)")


def describe_error(output) -> ErrorInfo:
    """Turns a JJava error output (a dict with ename, evalue, traceback) into an ErrorInfo."""
    ename = output.get("ename", "")
    lines = [ANSI.sub("", line).rstrip() for line in output.get("traceback", []) or []]
    lines = [line for line in lines if line.strip()]
    if ename == "CompilationException":
        # The traceback alternates the offending code (lines starting with "|") and the compiler's messages.
        code = [line.replace("|", "", 1).strip() for line in lines if line.startswith("|")]
        said = [line for line in lines if not line.startswith("|")]
        head = first_line(said[0]) if said else output.get("evalue", "")
        body = "\n".join(line.replace("|   ", "", 1) if line.startswith("|") else line for line in lines)
        return ErrorInfo(Kind.COMPILE, f"does not compile: {head}" + (f" (in: {code[0]})" if code else "")
                         + "\n" + cap(body))
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
    return ErrorInfo(Kind.EXCEPTION, cap(message + ("\n" + "\n".join(frames) if frames else "")), cls)
