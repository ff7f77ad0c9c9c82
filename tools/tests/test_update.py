"""make update (tools/classroom/update.py): a student copy of notebook 02 with work in it (exercise 1 solved, exercise 2
not started, a cell of their own, an edited example cell) is updated to a newer version whose markdown and check
changed; it keeps the exercise code and its own cell, takes the newer text and check, is backed up, and then runs top
to bottom in the course's kernel with the newer check passing. An unreadable notebook is left untouched.

  .venv/bin/python -m unittest tools/tests/test_update.py      (about 30-60 s: one notebook run)
"""
import re
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import nbformat  # noqa: E402
import update  # noqa: E402

NAME = "02-appropriate-scale.ipynb"
NEW_TEXT = "This paragraph is new in version 2 of the notebook."
NEW_CHECK_LINE = 'System.out.println("checked by version 2");'
MY_CELL = 'System.out.println("my own experiment");'


def versions(tmp: Path):
    """(the student's folder with their worked copy, the folder of the newer student copies, the newer source)."""
    source = nbformat.read(course.SOLUTIONS / NAME, as_version=4)
    exercises = course.exercises(source)
    first, second = exercises[0], exercises[1]
    # the student's work: exercise 1 solved (the source's solution, its region markers removed), exercise 2 untouched
    mine = course.student_copy(course.SOLUTIONS / NAME)
    solution = "\n".join(line for line in source.cells[first.cell].source.split("\n")
                         if not course.BEGIN.match(line) and not course.END.match(line))
    mine.cells[first.cell].source = solution
    example = next(i for i, c in enumerate(mine.cells) if c.cell_type == "code" and i not in (first.cell, first.check)
                   and not course.deepnets_metadata(c))
    mine.cells[example].source += "\n// I tried something here"
    extra = nbformat.v4.new_code_cell(MY_CELL)
    mine.cells.insert(first.check + 1, extra)
    (tmp / "student").mkdir()
    nbformat.write(mine, tmp / "student" / NAME)
    # version 2: a markdown paragraph and the exercise 1 check changed
    newer = nbformat.read(course.SOLUTIONS / NAME, as_version=4)
    md = next(i for i, c in enumerate(newer.cells) if c.cell_type == "markdown" and i > 0)
    newer.cells[md].source += "\n\n" + NEW_TEXT
    newer.cells[first.check].source += "\n" + NEW_CHECK_LINE
    (tmp / "v2" / "solutions").mkdir(parents=True)
    nbformat.write(newer, tmp / "v2" / "solutions" / NAME)
    nbformat.write(course.student_copy(tmp / "v2" / "solutions" / NAME), tmp / "v2" / NAME)
    return tmp / "student", tmp / "v2", first, second, example


class Update(unittest.TestCase):
    def test_keeps_the_work_takes_the_new_version_and_runs(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder, v2, first, second, example = versions(tmp)
            before = (folder / NAME).read_bytes()
            done = subprocess.run([sys.executable, str(TOOLS / "classroom" / "update.py"), str(folder), "--new", str(v2)],
                                  capture_output=True, text=True, timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr)
            report = done.stdout
            self.assertIn(f"{NAME}: updated", report)
            self.assertIn(f"kept your code of {first.short_name}", report)
            self.assertIn(f"{second.short_name}: not started, so the newer stub", report)
            self.assertIn("kept 1 cell(s) you added, at the end", report)
            md = next(i for i, c in enumerate(nbformat.read(v2 / NAME, as_version=4).cells)
                      if NEW_TEXT in c.source)
            # the changed markdown, the changed check, the example the student had edited: nothing else
            self.assertIn(f"3 cell(s) of the course differ from your copy and are the newer version now (cells "
                          f"{', '.join(str(i + 1) for i in sorted([md, first.check, example]))}:", report)
            backups = list(folder.glob("backup-*/" + NAME))
            self.assertEqual(len(backups), 1)
            self.assertEqual(backups[0].read_bytes(), before)

            nb = nbformat.read(folder / NAME, as_version=4)
            text = "\n".join(c.source for c in nb.cells)
            self.assertIn(NEW_TEXT, text)
            self.assertIn(NEW_CHECK_LINE, nb.cells[first.check].source)
            self.assertNotIn("NotImplementedYet", nb.cells[first.cell].source)
            self.assertIn(f'NotImplementedYet("{second.name}")', nb.cells[second.cell].source)
            self.assertEqual(nb.cells[-1].source, MY_CELL)
            self.assertNotIn("I tried something here", text)

            # it runs top to bottom: the student's exercise 1 passes the newer check; only exercise 2's check fails
            # (its cell only declares the stub method, which throws when the check calls it)
            from nbclient import NotebookClient
            client = NotebookClient(nb, timeout=120, kernel_name="java", allow_errors=True,
                                    shutdown_kernel="immediate", resources={"metadata": {"path": str(course.NOTEBOOKS)}})
            client.execute()
            errors = {i: o.ename for i, c in enumerate(nb.cells) if c.cell_type == "code"
                      for o in c.outputs if o.output_type == "error"}
            self.assertNotIn(first.cell, errors)
            self.assertNotIn(first.check, errors)
            self.assertIn("checked by version 2", "".join(o.get("text", "") for o in nb.cells[first.check].outputs))
            self.assertEqual(set(errors), {second.check}, errors)

            again = subprocess.run([sys.executable, str(TOOLS / "classroom" / "update.py"), str(folder), "--new",
                                    str(v2)], capture_output=True, text=True, timeout=300)
            self.assertIn("already the newest version", again.stdout)

    def test_unreadable_notebook_is_left_untouched(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder, v2, *_ = versions(tmp)
            (folder / NAME).write_text("{ half a notebook", encoding="utf-8")
            said = []
            update.update(folder, {NAME: (v2 / NAME).read_text(encoding="utf-8")}, out=said.append)
            self.assertEqual((folder / NAME).read_text(encoding="utf-8"), "{ half a notebook")
            self.assertTrue(any(re.search(r"left untouched: it cannot be read as a notebook", s) for s in said), said)
            self.assertEqual(list(folder.glob("backup-*")), [])

    def test_a_notebook_new_in_this_version_is_copied_in(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder, v2, *_ = versions(tmp)
            (folder / NAME).unlink()
            said = []
            update.update(folder, {NAME: (v2 / NAME).read_text(encoding="utf-8")}, out=said.append)
            self.assertEqual(said, [f"update: {NAME}: new in this version, copied in"])
            self.assertEqual((folder / NAME).read_text(encoding="utf-8"), (v2 / NAME).read_text(encoding="utf-8"))

    def test_from_git_as_on_a_hub(self):
        """nbgitpuller left the student's changed notebook as it was; the newer one is on the branch they pulled."""
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder, v2, first, *_ = versions(tmp)
            repo = tmp / "repo"
            (repo / "notebooks").mkdir(parents=True)

            def git(*args):
                return subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@x", *args],
                                      capture_output=True, text=True, check=True)
            git("init", "-q", "-b", "main")
            (repo / "notebooks" / NAME).write_bytes((v2 / NAME).read_bytes())
            git("add", ".")
            git("commit", "-qm", "v2")
            (repo / "notebooks" / NAME).write_bytes((folder / NAME).read_bytes())   # the student's working copy
            done = subprocess.run([sys.executable, str(TOOLS / "classroom" / "update.py"), str(repo / "notebooks"),
                                   "--git", "main"], capture_output=True, text=True, timeout=300)
            self.assertEqual(done.returncode, 0, done.stderr)
            self.assertIn(f"kept your code of {first.short_name}", done.stdout)
            nb = nbformat.read(repo / "notebooks" / NAME, as_version=4)
            self.assertIn(NEW_TEXT, "\n".join(c.source for c in nb.cells))
            bad = subprocess.run([sys.executable, str(TOOLS / "classroom" / "update.py"), str(repo / "notebooks"),
                                  "--git", "origin/nothing"], capture_output=True, text=True, timeout=300)
            self.assertNotEqual(bad.returncode, 0)
            self.assertIn("run git fetch first", bad.stderr)


if __name__ == "__main__":
    unittest.main()
