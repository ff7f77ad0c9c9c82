"""The kernel path made honest (issue 25): what decides a cell, how much output is kept, which names the checks use.

  python -m unittest tools/tests/test_honest_kernel.py      (part of make test-tools; no kernel, a second or two)

- A cell fails when its execute_reply says so, whatever its outputs show (code in the kernel can publish "idle"
  early and so hide the real error output), and when no reply came at all.
- Display data (images, HTML, charts) is capped per cell like printed text, and the cut is counted.
- Every check cell names the library's and Java's classes it uses by an exact import in the cell itself: a student's
  class of the same name then cannot stand in for them (a class `deepnets` would obscure a full name, so a full
  name is not enough; checked by hand in JShell, see docs/classroom.md).
"""
import json
import re
import sys
import unittest
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))

import course  # noqa: E402
from course.guard import java_code  # noqa: E402
from grading.matching import exact_imports, shadowing, top_level_types  # noqa: E402
from grading.results import Kind  # noqa: E402
from grading.session import MAX_DISPLAY, MAX_KEPT, CappedClient, reply_error  # noqa: E402

TYPE = re.compile(r"(?<![\w.$])([A-Z][A-Za-z0-9_]*)\b")
IMPORT = re.compile(r"^\s*import\s+([\w.]+)\s*;", re.MULTILINE)
DECLARED = re.compile(r"\b(?:class|record|interface|enum)\s+([A-Z]\w*)")


def reply(status, **content):
    return {"header": {"msg_type": "execute_reply"}, "content": {"status": status, **content}}


class ExecuteReplyDecides(unittest.TestCase):
    def test_ok_is_no_error(self):
        self.assertIsNone(reply_error(reply("ok")))

    def test_an_error_reply_fails_even_without_an_error_output(self):
        # as JJava sends it: the exception in evalue, the kernel's own frames in traceback
        e = reply_error(reply("error", ename="RuntimeException",
                              evalue="deepnets.check.CheckFailure, softmax: expected 0.25, got 0.0",
                              traceback=["org.dflib.jjava.kernel.execution.CodeEvaluator.evalSingle(CodeEvaluator.java:145)"]))
        self.assertEqual(Kind.CHECK, e.kind)
        self.assertIn("expected 0.25, got 0.0", e.message)

    def test_no_reply_is_a_failure(self):
        e = reply_error(None)
        self.assertEqual(Kind.EXCEPTION, e.kind)
        self.assertIn("no reply", e.message)

    def test_an_aborted_reply_is_a_failure(self):
        self.assertIn("'aborted'", reply_error(reply("aborted")).message)


class DisplayDataIsCapped(unittest.TestCase):
    def message(self, kind, content):
        return {"msg_type": kind, "header": {"msg_type": kind}, "content": content, "parent_header": {},
                "metadata": {}}

    def test_images_and_html_past_the_cap_are_dropped_and_counted(self):
        client = CappedClient(nbformat.v4.new_notebook())
        client.reset_execution_trackers()
        client.clear_before_next_output = False   # set by nbclient as each cell starts
        outs = []
        image = "A" * (MAX_DISPLAY // 3 - 10)   # three fit, with their metadata ("{}")
        for _ in range(5):
            client.output(outs, self.message("display_data", {"data": {"image/png": image}, "metadata": {}}), None, 0)
        self.assertEqual(3, len(outs))
        client.output(outs, self.message("execute_result", {"data": {"text/html": "<b>x</b>" * MAX_DISPLAY},
                                                           "metadata": {}, "execution_count": 1}), None, 0)
        self.assertEqual(3, len(outs))
        self.assertEqual(2 * (len(image) + 2) + 8 * MAX_DISPLAY + 2, client.dropped_displays[0])

    def test_printed_text_keeps_its_own_cap(self):
        client = CappedClient(nbformat.v4.new_notebook())
        client.reset_execution_trackers()
        client.clear_before_next_output = False   # set by nbclient as each cell starts
        outs = []
        for _ in range(3):
            client.output(outs, self.message("stream", {"name": "stdout", "text": "x" * (MAX_KEPT // 2)}), None, 0)
        self.assertEqual(2, len(outs))
        self.assertEqual(MAX_KEPT // 2, client.dropped[0])


class CheckCellsNameTheirClassesExactly(unittest.TestCase):
    def test_every_class_a_check_cell_uses_is_imported_there_or_declared_by_the_notebook(self):
        for path in sorted(course.SOLUTIONS.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            declared = set()
            for cell in nb.cells:
                if cell.cell_type == "code":
                    declared |= set(DECLARED.findall(java_code(cell.source)))
            for index, cell in enumerate(nb.cells):
                if "check" not in course.deepnets_metadata(cell):
                    continue
                imported = {name.rsplit(".", 1)[1] for name in IMPORT.findall(cell.source)}
                body = "\n".join(line for line in cell.source.split("\n") if not IMPORT.match(line))
                used = {name for name in TYPE.findall(java_code(body)) if not name.isupper()}
                with self.subTest(notebook=path.name, cell=index):
                    self.assertEqual(set(), used - imported - declared,
                                     "import these classes exactly in the check cell (import a.b.Name;)")
                    self.assertNotIn("*", "".join(IMPORT.findall(cell.source)))


class ShadowingClassesAreFound(unittest.TestCase):
    def test_top_level_types_only(self):
        source = ("double[] logUniform(double lo, double hi, int n, long seed) {\n    class Local { }\n"
                  "    return new double[n];\n}\nclass LogUniform { }\nrecord Pair(int a) { }\n"
                  "// class Commented { }\nString s = \"class InString\";")
        self.assertEqual(["LogUniform", "Pair"], top_level_types(source))
        self.assertEqual(["deepnets.tuning.LogUniform"],
                         shadowing(source, {"LogUniform": "deepnets.tuning.LogUniform", "Local": "x.Local"}))

    def test_no_solution_declares_a_class_its_notebook_imports(self):
        for path in sorted(course.SOLUTIONS.glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            imported = exact_imports(nb)
            for exercise in course.exercises(nb):
                with self.subTest(notebook=path.name, exercise=exercise.name):
                    self.assertEqual([], shadowing(nb.cells[exercise.cell].source, imported))


if __name__ == "__main__":
    unittest.main()
