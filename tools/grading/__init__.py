"""Grades a student's notebook exercise by exercise against its source notebook.

Used by tools/grade.py (`make grade`) and tools/test_notebooks.py (`make test`). One job per module:
  results.py    the vocabulary: Kind (why a cell failed), Status (an exercise's result), the result records
  errors.py     reads a JJava error output into an ErrorInfo a student can act on
  session.py    a kernel that runs cells by index and survives timeouts and a dying kernel
  matching.py   finds the student's exercise cells and builds the grading notebook
  grader.py     the grading loop: runs the grading notebook and decides each exercise
  fresh.py      the check run: an exercise cell compiled as a class, its checks in a JVM of their own
  reports.py    the terminal line per exercise, the feedback file, the JSON records

What is run
  The grading notebook is the SOURCE notebook (notebooks/solutions/NN-name.ipynb) in which every exercise
  cell is replaced by the student's version of that cell. Every other cell, the check cells included, is
  the original: a student who edits or deletes a check cell, or changes any other cell, changes nothing.
  The student's exercise cell is found by its metadata (deepnets.exercise), else by its cell id, else by
  the exercise's name or stub in its text, else by the signature of the exercise's method, else by its
  position when the notebook has as many cells as the source. An exercise cell that is not found fails.

How it is run
  A fresh kernel runs the grading notebook top to bottom, whatever order the student ran cells in. Each
  cell has a time limit; a cell that exceeds it is interrupted (JJava stops busy loops and sleeps) and
  grading goes on. A kernel that dies (System.exit, out of memory) or stays stuck after an interrupt is
  restarted and the cells that ran before are replayed, so later exercises are still graded.

What counts
  An exercise whose home is in deepnets.exercises, graded where the held-out checks exist, earns its points only
  from its check run (fresh.py): its exercise cell compiled as a class, its visible and held-out checks in a JVM
  of their own (in the sandbox when the kernel is sandboxed), the library a named module that opens nothing. The
  kernel's run then only gives the feedback. Otherwise (the student's release, legacy fixtures):
  an exercise passes when its exercise cell runs without an error and its original check cell passes;
  it earns its points (deepnets.points) or none. A failed exercise whose code calls an earlier exercise's
  method that does not pass either says so in its message: fix that one first. An error in another cell, output on stderr, a notebook
  saved with outputs, an edited or deleted check cell are reported as notes in the feedback.
"""
from .errors import describe_error
from .grader import display_path, grade
from .matching import signature_of
from .reports import exercise_line, feedback_markdown, to_json
from .results import (MAX_SHOWN, CellError, ErrorInfo, ExerciseResult, GradingError, Kind, NotebookResult, Status,
                      StderrLine, cap, first_line)

__all__ = ["CellError", "ErrorInfo", "ExerciseResult", "GradingError", "Kind", "MAX_SHOWN", "NotebookResult",
           "Status", "StderrLine", "cap", "describe_error", "display_path", "exercise_line", "feedback_markdown",
           "first_line", "grade", "signature_of", "to_json"]
