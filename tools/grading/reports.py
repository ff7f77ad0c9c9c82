"""What grading shows: the line per exercise on the terminal, the feedback file, and the JSON records."""
import json
from dataclasses import asdict
from pathlib import Path

from .results import NotebookResult, Status, cap, first_line


def hints_pointer(r) -> str:
    """Where a student who is stuck on an exercise (an ExerciseResult) finds help, or "" if nowhere."""
    return f"see the hints under {r.hints} in the notebook" if r.hints else ""


def exercise_line(r) -> str:
    """What `make grade` prints as an exercise (an ExerciseResult) finishes: a line with its name, points and
    status; for a failure, below it, the check's whole message (the cause, its hint; a compile error with
    every compiler message, line and column), each line once, and where the notebook's hints are."""
    shown = r.status.value.upper() if r.status is Status.FAILED else r.status.value
    text = f"  {r.name:<44} {r.earned:>2}/{r.points:<2} {shown}"
    if r.status is not Status.FAILED:
        return text
    said = [f"      {line}".rstrip() for line in cap(r.message).strip().split("\n")] if r.message else []
    said += [f"      ({hints_pointer(r)})"] if r.hints else []
    return "\n".join([text] + said)


def to_json(results) -> str:
    """Every result, for an instructor's records (an exercise that passed has kind "")."""
    def exercise(e):
        return {**asdict(e), "kind": e.kind or ""}

    return json.dumps([{**{k: v for k, v in asdict(r).items() if k != "exercises"},
                        "points": r.points, "total": r.total,
                        "exercises": [exercise(e) for e in r.exercises]} for r in results], indent=1)


def feedback_markdown(r: NotebookResult, when: str) -> str:
    """The feedback file a student opens: the score, a table, then each exercise's check message."""
    lines = [f"# Feedback: {r.title or Path(r.path).stem}", "",
             f"Graded {when} from `{r.path}`: in a new kernel, every cell in order, with the original check "
             f"cells of `{r.source}`.", "",
             f"**Score: {r.points} / {r.total} points** ({r.passed} of {len(r.exercises)} exercises passed).", "",
             "| exercise | points | result |", "|---|---|---|"]
    for e in r.exercises:
        result = e.status if e.status is not Status.FAILED else "failed: " + _md_cell(first_line(e.message))
        lines.append(f"| {_md_cell(e.name)} | {e.earned} / {e.points} | {result} |")
    for e in r.exercises:
        lines += ["", f"## {e.name}: {e.status} ({e.earned} / {e.points})", ""]
        if e.status is Status.PASSED:
            lines.append("The check passed.")
        elif e.status is Status.NOT_IMPLEMENTED:
            lines.append("You have not written this exercise yet: replace the line "
                         "`throw new NotImplementedYet(...)` in the exercise cell with your code.")
            if e.hints:
                lines += ["", f"To get started, {hints_pointer(e)} (click a hint to unfold it)."]
        else:
            lines += ["What the check says:", "", _fence(e.message)]
            if e.hints:
                lines += ["", f"Stuck? S{hints_pointer(e)[1:]}: unfold them one at a time (click "
                          f"\"Hint 1\" first); the last one is close to pseudo-code."]
        if e.output:
            lines += ["", "Output of your exercise and its check:", "", _fence(e.output)]
        for note in e.notes:
            lines += ["", f"Note: {note}"]
    other = [f"{error.label}: {first_line(error.message)}" for error in r.cell_errors]
    if r.notes or other:
        lines += ["", "## Notes on the whole notebook", ""]
        lines += [f"- {note}" for note in r.notes]
        if other:
            lines.append("- These cells, which are not exercises, failed when run with your code "
                         "(cell numbers count every cell from 0):")
            lines += [f"  - {_md_cell(o)}" for o in other[:20]]
    lines += ["", "## How to use this", "",
              "Fix one exercise at a time: change your exercise cell, run it, then run its check cell, which "
              "gives the same message as above. Then grade again with `make grade` (or "
              f"`make grade NB={r.path}`). Only your exercise cells count: every other cell, the checks "
              "included, is taken from the original notebook.", ""]
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return cap(text, 200).replace("|", "\\|").replace("\n", " ")


def _fence(text: str) -> str:
    text = cap(text)
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}text\n{text}\n{fence}"
