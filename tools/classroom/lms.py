"""Gradebook imports for an LMS (Canvas, Moodle) and feedback bundles, made from a class run's gradebook.csv.

  python tools/classroom/lms.py DIR [--roster FILE] [--assignments FILE]

grade_class.py (and merge_gradebooks.py) call export() after every finished run; this command writes the
same files again, e.g. after the roster changed. Inputs:

  DIR/gradebook.csv        the long gradebook (student, notebook, exercise, points, max_points, status, message)
  DIR/feedback/<student>/  the feedback files
  roster (DIR/roster.csv unless --roster): one row per student folder, UTF-8 CSV with a header row; only
      `folder` is required:
      folder, name, canvas_id, sis_user_id, sis_login_id, section, email, idnumber, moodle_participant
      (canvas_id, sis_user_id, sis_login_id, section: the Canvas gradebook export's ID, SIS User ID, SIS Login ID and
      Section; email and idnumber: the Moodle user's e-mail address and ID number; moodle_participant: the
      Identifier column of the Moodle assignment's offline grading worksheet, e.g. "Participant 1234567")
  assignments (DIR/assignments.csv unless --assignments): notebook, assignment. Several notebooks may share an
      assignment (their points add up); a notebook given an empty assignment is left out. Without the file every
      notebook is an assignment of its own, named after it (02-appropriate-scale).

Writes DIR/lms/:
  canvas.csv                   Canvas's gradebook layout: Student, ID, SIS User ID, SIS Login ID, Section, then
                               one column per assignment; the second row is Points Possible
  moodle-grades.csv            Moodle's gradebook import (Grades > Import > CSV file): Full name, Email address,
                               ID number, then one column per assignment (map the user by e-mail or ID number)
  moodle-worksheet-<a>.csv     per assignment, Moodle's offline grading worksheet layout (Identifier, Full name,
                               Email address, Grade, Maximum grade, Last modified (grade), Feedback comments);
                               only for students whose roster row has moodle_participant
  moodle-feedback-<a>.zip      per assignment, the layout Moodle's "Upload multiple feedback files in a zip" takes:
                               <Full name>_<participant number>_assignfeedback_file/NN-name.md
  feedback/<folder>.zip        one bundle per student: every feedback file of theirs and a summary.md
  roster-report.txt            what the roster missed or named twice (also printed)

A student folder missing from the roster, or named twice in it, is reported and still exported (under the folder's
name, or the first row); a roster row without a folder is reported and left out.
"""
import argparse
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

ROSTER_FIELDS = ["folder", "name", "canvas_id", "sis_user_id", "sis_login_id", "section", "email", "idnumber",
                 "moodle_participant"]
CANVAS_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
MOODLE_HEADER = ["Full name", "Email address", "ID number"]
WORKSHEET_HEADER = ["Identifier", "Full name", "Email address", "Grade", "Maximum grade", "Last modified (grade)",
                    "Feedback comments"]
# Zip entries get a fixed time, so that two exports of the same results are the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


class LmsError(Exception):
    """Bad roster or assignments file: the message names the file, the row and the fix."""


def read_csv(path: Path, required: list[str], allowed: list[str]) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise LmsError(f"{path}: not UTF-8 ({e.reason} at byte {e.start}); save it as CSV UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [f for f in required if f not in header]
    if missing:
        raise LmsError(f"{path}: the header row has no column {', '.join(missing)} (it has: {', '.join(header) or 'nothing'}); "
                       f"the first row must name the columns, among {', '.join(allowed)}")
    unknown = [h for h in header if h not in allowed]
    if unknown:
        raise LmsError(f"{path}: unknown column {', '.join(unknown)}; the columns are {', '.join(allowed)}")
    reader.fieldnames = header
    rows = []
    for row in reader:
        if None in row:
            raise LmsError(f"{path}, line {reader.line_num}: more fields than the header has columns "
                           f"(a comma inside a name needs quotes: \"Liddell, Alice\")")
        rows.append({k: (v or "").strip() for k, v in row.items()})
    return rows


def read_roster(path: Path | None, folders: list[str]):
    """Returns ({folder: roster row}, problems). Every folder gets a row; problems say what was filled in."""
    problems, by_folder = [], {}
    rows = read_csv(path, ["folder"], ROSTER_FIELDS) if path else []
    for line, row in enumerate(rows, start=2):
        folder = row["folder"]
        if not folder:
            problems.append(f"roster line {line}: no folder; row left out")
        elif folder in by_folder:
            problems.append(f"roster line {line}: {folder} is named twice (first at line {by_folder[folder]['_line']}); "
                            f"the first row is used")
        else:
            by_folder[folder] = dict(row, _line=line)
    for folder in sorted(set(by_folder) - set(folders)):
        problems.append(f"roster line {by_folder[folder]['_line']}: {folder} has no submission folder; left out of the "
                        f"imports (the LMS keeps whatever it had for them)")
    result = {}
    for folder in folders:
        row = by_folder.get(folder)
        if row is None:
            if path:
                problems.append(f"{folder}: not in the roster; exported under the folder's name with no LMS id "
                                f"(the LMS cannot match them: add a row to {path.name})")
            row = {"folder": folder}
        result[folder] = {f: row.get(f, "") for f in ROSTER_FIELDS}
        result[folder]["name"] = result[folder]["name"] or folder
    return result, problems


def read_assignments(path: Path | None, notebooks: list[str]) -> dict:
    """Returns {notebook file name: assignment name or ""}."""
    mapping = {nb: Path(nb).stem for nb in notebooks}
    if path:
        given = {}
        for line, row in enumerate(read_csv(path, ["notebook", "assignment"], ["notebook", "assignment"]), start=2):
            name = row["notebook"] if row["notebook"].endswith(".ipynb") else row["notebook"] + ".ipynb"
            if name not in mapping:
                raise LmsError(f"{path}, line {line}: {row['notebook']!r} is not a notebook of the course "
                               f"({', '.join(Path(n).stem for n in notebooks)})")
            if name in given:
                raise LmsError(f"{path}, line {line}: {row['notebook']} is mapped twice; give each notebook one row")
            given[name] = row["assignment"]
        mapping.update(given)
    return mapping


def number(x: float) -> str:
    return str(int(x)) if float(x) == int(x) else f"{x:g}"


def safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_") or "assignment"


def moodle_folder_name(name: str) -> str:
    """Moodle splits a feedback folder's name at underscores (name_participant_plugintype_plugin): none in the name."""
    return re.sub(r"[_/\\]+", " ", name).strip() or "student"


def write_zip(path: Path, files: dict):
    """files: {name in the zip: bytes}; written in name order with a fixed time, so equal input is equal bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name])
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def write_text(path: Path, text: str):
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(path)


def csv_text(rows: list[list]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def inputs(submissions: Path, roster: Path | None, assignments: Path | None):
    """The roster and assignments files to use (the given ones, else DIR/roster.csv and DIR/assignments.csv if
    there), or None."""
    roster = roster if roster is not None else (submissions / "roster.csv")
    assignments = assignments if assignments is not None else (submissions / "assignments.csv")
    return (roster if roster.is_file() else None), (assignments if assignments.is_file() else None)


def check(submissions: Path, notebooks: list[str], roster: Path | None = None, assignments: Path | None = None):
    """Reads both files before any grading, so that a malformed one stops the run at once (LmsError)."""
    roster, assignments = inputs(submissions, roster, assignments)
    if roster:
        read_csv(roster, ["folder"], ROSTER_FIELDS)
    read_assignments(assignments, notebooks)


def export(submissions: Path, course_notebooks: dict, roster: Path | None = None, assignments: Path | None = None,
           graded_at: str = "", out=print) -> list[str]:
    """Writes DIR/lms/ from DIR/gradebook.csv and DIR/feedback/. course_notebooks: {notebook: total points} of the
    course. Returns the roster problems (also printed through out)."""
    roster, assignments = inputs(submissions, roster, assignments)
    with open(submissions / "gradebook.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    folders = sorted({r["student"] for r in rows})
    people, problems = read_roster(roster, folders)
    mapping = read_assignments(assignments, list(course_notebooks))
    names = []          # assignments in course order
    for nb in course_notebooks:
        if mapping[nb] and mapping[nb] not in names:
            names.append(mapping[nb])
    possible = {a: sum(p for nb, p in course_notebooks.items() if mapping[nb] == a) for a in names}
    earned = {(s, a): 0.0 for s in folders for a in names}
    by_notebook = {}     # (student, notebook) -> points
    for r in rows:
        a = mapping.get(r["notebook"], "")
        if a:
            earned[(r["student"], a)] += float(r["points"])
        key = (r["student"], r["notebook"])
        by_notebook[key] = by_notebook.get(key, 0.0) + float(r["points"])

    lms = submissions / "lms"
    (lms / "feedback").mkdir(parents=True, exist_ok=True)
    canvas = [CANVAS_HEADER + names, ["Points Possible", "", "", "", ""] + [number(possible[a]) for a in names]]
    moodle = [MOODLE_HEADER + names]
    for s in folders:
        p = people[s]
        canvas.append([p["name"], p["canvas_id"], p["sis_user_id"], p["sis_login_id"], p["section"]]
                      + [number(earned[(s, a)]) for a in names])
        moodle.append([p["name"], p["email"], p["idnumber"]] + [number(earned[(s, a)]) for a in names])
    write_text(lms / "canvas.csv", csv_text(canvas))
    write_text(lms / "moodle-grades.csv", csv_text(moodle))

    feedback_dir = submissions / "feedback"
    for a in names:
        notebooks = [nb for nb in course_notebooks if mapping[nb] == a]
        sheet, files = [WORKSHEET_HEADER], {}
        for s in folders:
            p = people[s]
            digits = re.sub(r"\D", "", p["moodle_participant"])
            if not digits:
                continue
            texts = [(feedback_dir / s / (Path(nb).stem + ".md")) for nb in notebooks]
            comment = "; ".join(f"{Path(nb).stem}: {number(by_notebook.get((s, nb), 0))}/{number(course_notebooks[nb])}"
                                for nb in notebooks)
            sheet.append([p["moodle_participant"], p["name"], p["email"], number(earned[(s, a)]),
                          number(possible[a]), graded_at, comment])
            for t in texts:
                if t.is_file():
                    files[f"{moodle_folder_name(p['name'])}_{digits}_assignfeedback_file/{t.name}"] = t.read_bytes()
        if len(sheet) > 1:
            write_text(lms / f"moodle-worksheet-{safe_name(a)}.csv", csv_text(sheet))
            write_zip(lms / f"moodle-feedback-{safe_name(a)}.zip", files)

    for s in folders:
        files = {}
        folder = feedback_dir / s
        if folder.is_dir():
            for f in sorted(folder.glob("*.md")):
                files[f"{s}/{f.name}"] = f.read_bytes()
        lines = [f"# {people[s]['name']}: scores", "", "| assignment | points | of |", "|---|---|---|"]
        lines += [f"| {a} | {number(earned[(s, a)])} | {number(possible[a])} |" for a in names]
        files[f"{s}/summary.md"] = ("\n".join(lines) + "\n").encode("utf-8")
        write_zip(lms / "feedback" / f"{s}.zip", files)

    report = "".join(p + "\n" for p in problems) or "the roster names every student folder exactly once\n"
    if roster is None:
        report = "no roster (DIR/roster.csv or ROSTER=FILE): the imports carry folder names and no LMS ids\n"
    write_text(lms / "roster-report.txt", report)
    for p in problems:
        out(f"grade-class: roster: {p}")
    if roster is None:
        out("grade-class: no roster (DIR/roster.csv or ROSTER=FILE): the LMS files name students by folder only")
    out(f"grade-class: LMS imports in {lms}/ (canvas.csv, moodle-grades.csv, feedback/<student>.zip)")
    return problems


def course_points() -> dict:
    from gradebook import Course
    c = Course()
    return {nb: sum(p for _, p in ex) for nb, ex in c.exercises.items()}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("submissions", type=Path)
    parser.add_argument("--roster", type=Path)
    parser.add_argument("--assignments", type=Path)
    args = parser.parse_args(argv)
    if not (args.submissions / "gradebook.csv").is_file():
        print(f"lms: no {args.submissions / 'gradebook.csv'}; run make grade-class SUBMISSIONS={args.submissions} first",
              file=sys.stderr)
        return 2
    for given in (args.roster, args.assignments):
        if given is not None and not given.is_file():
            print(f"lms: {given} does not exist", file=sys.stderr)
            return 2
    try:
        export(args.submissions, course_points(), args.roster, args.assignments)
    except LmsError as e:
        print(f"lms: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
