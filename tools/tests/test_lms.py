"""LMS gradebooks (tools/classroom/lms.py), no kernel: exact Canvas and Moodle headers, a round trip through a CSV
reader, the roster's problems (a student missing, one named twice, a row without a folder), the notebook-to-
assignment mapping, the feedback bundles and Moodle's feedback-zip layout.

  .venv/bin/python -m unittest tools/tests/test_lms.py          (a few seconds)

The gradebook here is written by hand, with points chosen for the test, so the expected totals are known without
the exporter: they are sums done by hand below.
"""
import csv
import subprocess
import sys
import tempfile
import unittest
import zipfile
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import lms  # noqa: E402

# The course's points per notebook (the sums of its exercises' points), checked against the real course below.
POINTS = {"00-start-here.ipynb": 1, "01-tuning-process.ipynb": 3, "02-appropriate-scale.ipynb": 4,
          "03-pandas-vs-caviar.ipynb": 3, "04-batch-norm-forward.ipynb": 2, "05-batch-norm-backward.ipynb": 7,
          "06-batch-norm-test-time.ipynb": 5, "07-softmax-regression.ipynb": 6, "08-putting-it-together.ipynb": 1}
# The course's own points per notebook today (the exports above use the fixture POINTS, whatever the course says).
COURSE_POINTS = {"00-start-here.ipynb": 1, "01-tuning-process.ipynb": 3, "02-appropriate-scale.ipynb": 3,
                 "03-pandas-vs-caviar.ipynb": 2, "04-batch-norm-forward.ipynb": 2, "05-batch-norm-backward.ipynb": 10,
                 "06-batch-norm-test-time.ipynb": 4, "07-softmax-regression.ipynb": 6, "08-putting-it-together.ipynb": 3}

GRADEBOOK = """student,notebook,exercise,points,max_points,status,message
ann,01-tuning-process.ipynb,Exercise 1,1,1,passed,
ann,01-tuning-process.ipynb,Exercise 2,2,2,passed,
ann,02-appropriate-scale.ipynb,Exercise 1,2,2,passed,
ann,02-appropriate-scale.ipynb,Exercise 2,0,2,failed,"sampleBeta(0.9, 0.999): wrong"
bob,01-tuning-process.ipynb,Exercise 1,0,1,missing notebook,no 01-tuning-process.ipynb in the submission
bob,01-tuning-process.ipynb,Exercise 2,0,2,missing notebook,no 01-tuning-process.ipynb in the submission
bob,02-appropriate-scale.ipynb,Exercise 1,2,2,passed,
bob,02-appropriate-scale.ipynb,Exercise 2,2,2,passed,
bob,notes.txt,,0,0,ignored file,not a notebook; not graded
cy_ra,05-batch-norm-backward.ipynb,Exercise 1,3,3,passed,
cy_ra,05-batch-norm-backward.ipynb,Exercise 2,2,2,passed,
cy_ra,05-batch-norm-backward.ipynb,Exercise 3,0,2,not implemented yet,
"""

ROSTER = """folder,name,canvas_id,sis_user_id,sis_login_id,section,email,idnumber,moodle_participant
ann,"Liddell, Ann",101,S-1,aliddell,Section A,ann@uni.example,S-1,Participant 5551
bob,Bob Builder,102,S-2,bbuilder,Section B,bob@uni.example,S-2,Participant 5552
bob,Robert Builder,999,S-9,rbuilder,Section B,rob@uni.example,S-9,Participant 5559
dee,Dee Absent,104,S-4,dabsent,Section A,dee@uni.example,S-4,Participant 5554
"""


def read(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


class Exports(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        (self.dir / "gradebook.csv").write_text(GRADEBOOK, encoding="utf-8")
        (self.dir / "roster.csv").write_text(ROSTER, encoding="utf-8")
        for student, nb in [("ann", "01-tuning-process"), ("ann", "02-appropriate-scale"), ("bob", "02-appropriate-scale"),
                            ("cy_ra", "05-batch-norm-backward")]:
            (self.dir / "feedback" / student).mkdir(parents=True, exist_ok=True)
            (self.dir / "feedback" / student / f"{nb}.md").write_text(f"# Feedback for {student} on {nb}\n",
                                                                      encoding="utf-8")
        self.said = []
        self.problems = lms.export(self.dir, POINTS, graded_at="2026-12-07 19:00:00 UTC", out=self.said.append)

    def tearDown(self):
        self.tmp.cleanup()

    def test_points_match_the_course(self):
        self.assertEqual(lms.course_points(), COURSE_POINTS)

    def test_canvas_layout_and_round_trip(self):
        rows = read(self.dir / "lms" / "canvas.csv")
        self.assertEqual(rows[0], ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
                         + [Path(nb).stem for nb in POINTS])
        self.assertEqual(rows[1], ["Points Possible", "", "", "", "", "1", "3", "4", "3", "2", "7", "5", "6", "1"])
        by_name = {r[0]: r for r in rows[2:]}
        self.assertEqual(set(by_name), {"Liddell, Ann", "Bob Builder", "cy_ra"})   # the comma survived the quoting
        self.assertEqual(by_name["Liddell, Ann"][1:5], ["101", "S-1", "aliddell", "Section A"])
        self.assertEqual(by_name["Liddell, Ann"][5:], ["0", "3", "2", "0", "0", "0", "0", "0", "0"])
        self.assertEqual(by_name["Bob Builder"][1:5], ["102", "S-2", "bbuilder", "Section B"])   # the first row
        self.assertEqual(by_name["Bob Builder"][5:], ["0", "0", "4", "0", "0", "0", "0", "0", "0"])
        self.assertEqual(by_name["cy_ra"][1:], ["", "", "", ""] + ["0"] * 5 + ["5"] + ["0"] * 3)
        self.assertTrue((self.dir / "lms" / "canvas.csv").read_bytes().endswith(b"\r\n"))

    def test_moodle_grade_import(self):
        rows = read(self.dir / "lms" / "moodle-grades.csv")
        self.assertEqual(rows[0], ["Full name", "Email address", "ID number"] + [Path(nb).stem for nb in POINTS])
        self.assertIn(["Liddell, Ann", "ann@uni.example", "S-1", "0", "3", "2", "0", "0", "0", "0", "0", "0"], rows)

    def test_moodle_worksheet_and_feedback_zip(self):
        sheet = read(self.dir / "lms" / "moodle-worksheet-02-appropriate-scale.csv")
        self.assertEqual(sheet[0], ["Identifier", "Full name", "Email address", "Grade", "Maximum grade",
                                    "Last modified (grade)", "Feedback comments"])
        self.assertEqual(sheet[1:], [
            ["Participant 5551", "Liddell, Ann", "ann@uni.example", "2", "4", "2026-12-07 19:00:00 UTC",
             "02-appropriate-scale: 2/4"],
            ["Participant 5552", "Bob Builder", "bob@uni.example", "4", "4", "2026-12-07 19:00:00 UTC",
             "02-appropriate-scale: 4/4"]])
        with zipfile.ZipFile(self.dir / "lms" / "moodle-feedback-02-appropriate-scale.zip") as z:
            names = sorted(z.namelist())
            self.assertEqual(names, ["Bob Builder_5552_assignfeedback_file/02-appropriate-scale.md",
                                     "Liddell, Ann_5551_assignfeedback_file/02-appropriate-scale.md"])
            self.assertEqual(z.read(names[0]).decode(), "# Feedback for bob on 02-appropriate-scale\n")
        for name in names:   # as Moodle's importer splits it: fullname_participant_plugintype_pluginname
            info = name.split("/")[0].split("_", 4)
            self.assertEqual(len(info), 4)
            self.assertTrue(info[1].isdigit())
            self.assertEqual(info[2:], ["assignfeedback", "file"])

    def test_feedback_bundle_per_student(self):
        self.assertEqual(sorted(p.name for p in (self.dir / "lms" / "feedback").iterdir()),
                         ["ann.zip", "bob.zip", "cy_ra.zip"])
        with zipfile.ZipFile(self.dir / "lms" / "feedback" / "ann.zip") as z:
            self.assertEqual(sorted(z.namelist()), ["ann/01-tuning-process.md", "ann/02-appropriate-scale.md",
                                                    "ann/summary.md"])
            summary = z.read("ann/summary.md").decode()
        self.assertIn("| 01-tuning-process | 3 | 3 |", summary)
        self.assertIn("| 02-appropriate-scale | 2 | 4 |", summary)

    def test_roster_problems_are_reported_and_everyone_is_exported(self):
        report = (self.dir / "lms" / "roster-report.txt").read_text(encoding="utf-8")
        self.assertIn("roster line 4: bob is named twice (first at line 3); the first row is used", report)
        self.assertIn("cy_ra: not in the roster", report)
        self.assertIn("roster line 5: dee has no submission folder", report)
        self.assertEqual(len(self.problems), 3)
        self.assertTrue(any("bob is named twice" in s for s in self.said))

    def test_assignments_mapping_adds_up_and_leaves_out(self):
        (self.dir / "assignments.csv").write_text(
            "notebook,assignment\n01-tuning-process,Unit 1 (7001)\n02-appropriate-scale.ipynb,Unit 1 (7001)\n"
            "05-batch-norm-backward,Unit 2\n00-start-here,\n", encoding="utf-8")
        lms.export(self.dir, POINTS, out=lambda _: None)
        rows = read(self.dir / "lms" / "canvas.csv")
        self.assertEqual(rows[0][5:], ["Unit 1 (7001)", "03-pandas-vs-caviar", "04-batch-norm-forward", "Unit 2",
                                       "06-batch-norm-test-time", "07-softmax-regression", "08-putting-it-together"])
        self.assertEqual(rows[1][5:7], ["7", "3"])
        ann = next(r for r in rows if r[0] == "Liddell, Ann")
        self.assertEqual(ann[5], "5")      # 3 of notebook 01 + 2 of notebook 02
        cyra = next(r for r in rows if r[0] == "cy_ra")
        self.assertEqual(cyra[8], "5")

    def test_a_name_with_underscores_keeps_moodles_split(self):
        self.assertEqual(lms.moodle_folder_name("Ann_Marie Liddell"), "Ann Marie Liddell")


class BadInput(unittest.TestCase):
    def run_cli(self, d: Path, *extra):
        return subprocess.run([sys.executable, str(TOOLS / "classroom" / "lms.py"), str(d), *extra],
                              capture_output=True, text=True, timeout=120)

    def test_roster_without_folder_column(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "gradebook.csv").write_text(GRADEBOOK, encoding="utf-8")
            (d / "roster.csv").write_text("student,email\nann,a@x\n", encoding="utf-8")
            done = self.run_cli(d)
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("roster.csv: the header row has no column folder", done.stderr)
        self.assertNotIn("Traceback", done.stderr)

    def test_unknown_notebook_in_assignments(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "gradebook.csv").write_text(GRADEBOOK, encoding="utf-8")
            (d / "assignments.csv").write_text("notebook,assignment\n09-extra,Unit 9\n", encoding="utf-8")
            done = self.run_cli(d)
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("assignments.csv, line 2: '09-extra' is not a notebook of the course", done.stderr)

    def test_unquoted_comma_in_a_name(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "gradebook.csv").write_text(GRADEBOOK, encoding="utf-8")
            (d / "roster.csv").write_text("folder,name,email\nann,Liddell, Ann,a@x\n", encoding="utf-8")
            done = self.run_cli(d)
        self.assertEqual(done.returncode, 2, done.stderr)
        self.assertIn("line 2: more fields than the header has columns", done.stderr)

    def test_no_roster_still_exports(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "gradebook.csv").write_text(GRADEBOOK, encoding="utf-8")
            done = self.run_cli(d)
            rows = read(d / "lms" / "canvas.csv")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("no roster", done.stdout)
        self.assertEqual([r[0] for r in rows[2:]], ["ann", "bob", "cy_ra"])


if __name__ == "__main__":
    unittest.main()
