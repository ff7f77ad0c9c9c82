"""The course as a static website: `make site` (everything) or `make site AUDIENCE=class` (no worked solutions).

  python tools/site.py [--audience all|class] [--out build/site] [--timeout 120] [--jobs 2] [NOTEBOOK ...]

Executes every source notebook (notebooks/solutions/) with the course's `java` kernel (nbclient, the
pinned environment), then writes with nbconvert (HTML, JupyterLab's look):
  OUT/index.html         the table of contents: one line per notebook, its title and first sentence;
  OUT/NN-name.html       one page per notebook with its outputs: charts as images, tables as HTML;
  OUT/vendor/            MathJax 3 (for the formulas) and Vega, Vega-Lite and vega-embed, copied from
                         tools/site/node_modules (`npm ci` there; the Makefile does it).
Nothing on a page loads from outside the site. A Vega-Lite output (application/vnd.vegalite.v*+json)
becomes an interactive chart drawn by vega-embed from vendor/; without those files (no Node.js) the page
shows the output's PNG fallback instead, and says so on the command line.

--audience class publishes the student copies (notebooks/NN-name.ipynb) instead: every cell as the
student sees it, the exercise cells with their stubs and without outputs, the check cells without outputs
(they would show the worked solution passing); every other cell shows what the source notebook showed.

If a notebook fails (an error in any cell, or a cell that runs out of time), nothing is written: the
notebook, the cell and the message are named, and the exit status is 1. An earlier OUT is left as it was.
Executed notebooks are cached in build/site-cache/ (keyed by the notebook, the library jar and the kernel).
"""
import argparse
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

import course

SITE_TOOLS = Path(__file__).resolve().parent / "site"
NODE_MODULES = Path(os.environ.get("COURSE_SITE_NODE_MODULES") or SITE_TOOLS / "node_modules")
CACHE = course.ROOT / "build" / "site-cache"
LOGS = course.ROOT / "build" / "site-logs"  # the kernels' own output, so that a clean build prints only the table
VEGALITE = re.compile(r"^application/vnd\.vegalite\.v\d+\+json$")
VENDOR = {  # file in the site's vendor/ folder: where it comes from
    "vega.min.js": NODE_MODULES / "vega" / "build" / "vega.min.js",
    "vega-lite.min.js": NODE_MODULES / "vega-lite" / "build" / "vega-lite.min.js",
    "vega-embed.min.js": NODE_MODULES / "vega-embed" / "build" / "vega-embed.min.js",
}
MATHJAX = NODE_MODULES / "mathjax" / "es5"


class NotebookFailed(Exception):
    pass


def kernel_fingerprint() -> str:
    """What else decides a notebook's outputs: the library jar and the kernel's spec (classpath, JVM options)."""
    digest = hashlib.sha256()
    for path in (course.ROOT / "lib" / "target" / "deepnets.jar",
                 Path(sys.prefix) / "share" / "jupyter" / "kernels" / "java" / "kernel.json"):
        digest.update(path.read_bytes() if path.is_file() else b"missing")
    return digest.hexdigest()


def execute(path: Path, timeout: int, fingerprint: str):
    """Runs one notebook in a fresh kernel; returns (the executed notebook as JSON text, seconds, cached)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    key = hashlib.sha256(path.read_bytes() + fingerprint.encode()).hexdigest()[:24]
    cached = CACHE / f"{path.stem}-{key}.ipynb"
    if cached.is_file():
        return cached.read_text(encoding="utf-8"), 0.0, True
    nb = nbformat.read(path, as_version=4)
    current = {"index": None}
    started = time.monotonic()
    client = NotebookClient(nb, timeout=timeout, kernel_name="java", allow_errors=True,
                            shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}},
                            on_cell_start=lambda cell, cell_index: current.update(index=cell_index))
    label = course.display(path)
    LOGS.mkdir(parents=True, exist_ok=True)
    try:
        with open(LOGS / f"{path.stem}.log", "w", encoding="utf-8") as log:
            client.execute(stdout=log, stderr=log)
    except CellTimeoutError:
        raise NotebookFailed(f"{label}, cell {current['index']}: ran longer than {timeout} s (--timeout)")
    except DeadKernelError as e:
        raise NotebookFailed(f"{label}, cell {current['index']}: the kernel died: {e}")
    except Exception as e:
        raise NotebookFailed(f"{label}: could not run it: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                raise NotebookFailed(f"{label}, cell {index}: {output.ename}: {output.evalue}".rstrip(": "))
    seconds = time.monotonic() - started
    text = nbformat.writes(nb)
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{path.stem}-*.ipynb"):
        old.unlink()
    cached.write_text(text, encoding="utf-8")
    return text, seconds, False


def student_view(executed, student_path: Path):
    """The student copy, with the source notebook's outputs on every cell that is not an exercise or a check."""
    student = nbformat.read(student_path, as_version=4)
    if len(student.cells) != len(executed.cells):
        raise NotebookFailed(f"{course.display(student_path)} has {len(student.cells)} cells, its source "
                             f"{len(executed.cells)}: run `make student` to regenerate the student copies")
    for mine, theirs in zip(student.cells, executed.cells):
        if mine.cell_type != "code":
            continue
        meta = course.deepnets_metadata(mine)
        if mine.source == theirs.source and not meta.get("exercise") and not meta.get("check"):
            mine.outputs, mine.execution_count = theirs.outputs, theirs.execution_count
        else:
            mine.outputs, mine.execution_count = [], None
    return student


# The rectangle of a Vega-Lite brush is drawn as unlabelled graphics marks, which Vega-Lite offers no way to
# label; the chart's own label (its description) already says what dragging does, so they are hidden from
# assistive technology (Vega's mark property aria: false) in the compiled Vega spec.
HIDE_BRUSH = ("function (spec) { (function hide(marks) { (marks || []).forEach(function (m) { "
              "if (/_brush(_bg)?$/.test(m.name || '')) { m.aria = false; } hide(m.marks); }); })(spec.marks); "
              "return spec; }")


MAX_TABLE_ROWS = 2000


def data_table(spec) -> str:
    """The rows behind a Vega-Lite chart as an HTML table in a folded block: what the tooltips and the brush
    show with the mouse, readable by keyboard and screen reader."""
    rows = (spec.get("data") or {}).get("values") or []
    if not rows or not isinstance(rows[0], dict):
        return ""
    columns = list(rows[0].keys())
    title = spec.get("title")
    title = title.get("text") if isinstance(title, dict) else title
    shown = rows[:MAX_TABLE_ROWS]

    def cell(v):
        return html.escape(f"{v:.4g}" if isinstance(v, float) else str(v))

    body = "\n".join("<tr>" + "".join(f"<td>{cell(r.get(c, ''))}</td>" for c in columns) + "</tr>" for r in shown)
    more = f" (the first {len(shown)} of {len(rows)})" if len(rows) > len(shown) else ""
    return (f'<details class="course-data"><summary>The data behind the chart: {len(rows)} rows{more}</summary>\n'
            f'<table><caption>{html.escape(str(title or "Chart data"))}</caption>\n<thead><tr>'
            + "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
            + f"</tr></thead>\n<tbody>\n{body}\n</tbody></table></details>")


def vega_outputs(nb, interactive: bool) -> int:
    """Turns every Vega-Lite output into an interactive chart (interactive=True) or leaves its PNG fallback."""
    count = 0
    for index, cell in enumerate(nb.cells):
        for k, output in enumerate(cell.get("outputs", [])):
            data = output.get("data", {})
            for mime in [m for m in data if VEGALITE.match(m)]:
                spec = data.pop(mime)
                count += 1
                if interactive and "text/html" not in data:
                    spec = spec if isinstance(spec, dict) else json.loads(spec)
                    element = f"vega-{index}-{k}"
                    payload = json.dumps(spec).replace("</", "<\\/")
                    data["text/html"] = (
                        f'<div class="course-vega" id="{element}"></div>\n'
                        f'<script>vegaEmbed("#{element}", {payload}, {{"actions": false, "renderer": "svg", '
                        f'"patch": {HIDE_BRUSH}}})'
                        f'.catch(function (e) {{ console.error("Vega-Lite chart {element}: " + e); }});</script>\n'
                        + data_table(spec))
                    # The PNG stays in the notebook's data but the page shows the chart (text/html comes first).
    return count


def title_and_summary(nb, fallback: str):
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.strip().splitlines()
        if lines and lines[0].startswith("#"):
            title = lines[0].lstrip("#").strip()
            rest = " ".join(l.strip() for l in lines[1:] if l.strip() and not l.startswith("#"))
            sentence = re.split(r"(?<=[.!?])\s", rest, maxsplit=1)[0] if rest else ""
            return title, sentence
    return fallback, ""


def markdown_inline(text: str) -> str:
    """The few inline marks a title or summary uses, as HTML (everything else escaped)."""
    text = html.escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def index_page(entries, audience_note: str, mathjax: bool) -> str:
    rows = "\n".join(f'  <li><a href="{html.escape(page)}">{markdown_inline(title)}</a>'
                     + (f' <span class="summary">{markdown_inline(summary)}</span>' if summary else "") + "</li>"
                     for page, title, summary in entries)
    script = ('<script>window.MathJax = {tex: {inlineMath: [["$", "$"]]}, loader: {load: ["a11y/assistive-mml"]}, '
              'options: {enableMenu: false, enableAssistiveMml: true}};</script>\n'
              '<script src="vendor/mathjax/tex-svg.js"></script>\n') if mathjax else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Improving deep networks: the course</title>
{script}<style>
  body {{ font-family: system-ui, sans-serif; max-width: 56em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
  li {{ margin: 0.5em 0; }}
  .summary {{ color: #555; display: block; }}
  .note {{ color: #666; }}
</style>
</head>
<body>
<h1>Improving deep networks: hyperparameter tuning, batch normalization and softmax</h1>
<p class="note">{html.escape(audience_note)}</p>
<ol class="toc">
{rows}
</ol>
</body>
</html>
"""


def copy_vendor(out: Path) -> tuple[bool, bool]:
    vendor = out / "vendor"
    vega = all(source.is_file() for source in VENDOR.values())
    if vega:
        vendor.mkdir(parents=True, exist_ok=True)
        for name, source in VENDOR.items():
            shutil.copy2(source, vendor / name)
    mathjax = (MATHJAX / "tex-svg.js").is_file()
    if mathjax:
        shutil.copytree(MATHJAX, vendor / "mathjax")
    return vega, mathjax


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audience", choices=["all", "class"], default="all",
                        help="all: the source notebooks with worked solutions (default); class: the student copies")
    parser.add_argument("--out", type=Path, default=course.ROOT / "build" / "site")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a single cell may run (default 120)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed at once (default 2)")
    parser.add_argument("notebooks", nargs="*", type=Path,
                        help="source notebooks to publish (default: every notebook in notebooks/solutions/)")
    args = parser.parse_args()
    from nbconvert import HTMLExporter

    sources = [p.resolve() for p in args.notebooks] or course.solution_notebooks()
    if not sources:
        print("site: no notebooks to publish", file=sys.stderr)
        return 2
    missing = [course.display(p) for p in sources if not p.is_file()]
    if args.audience == "class":
        missing += [course.display(course.student_path(p)) + " (run `make student`)" for p in sources
                    if not course.student_path(p).is_file()]
    if missing:
        print(f"site: not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    fingerprint = kernel_fingerprint()
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [(p, pool.submit(execute, p, args.timeout, fingerprint)) for p in sources]
        executed, failures = {}, []
        for path, future in futures:
            try:
                text, seconds, cached = future.result()
                executed[path] = nbformat.reads(text, as_version=4)
                print(f"site: {course.display(path):48} {'cached' if cached else f'{seconds:5.1f} s'}")
            except NotebookFailed as e:
                failures.append(str(e))
    if failures:
        for failure in failures:
            print(f"site: FAILED {failure}", file=sys.stderr)
        print(f"site: {course.display(args.out)}/ was not written (an earlier one, if any, is unchanged)",
              file=sys.stderr)
        return 1

    out = args.out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=out.name + ".new-", dir=out.parent))
    try:
        vega, mathjax = copy_vendor(staging)
        audience_note = ("Student edition: the exercises are left for you to solve." if args.audience == "class"
                         else "Instructor edition: with the worked solutions.")
        pages = [p.stem + ".html" for p in sources]
        entries, charts = [], 0
        exporter = HTMLExporter(template_name="course", extra_template_basedirs=[str(SITE_TOOLS / "templates")],
                                exclude_input_prompt=False)
        for k, path in enumerate(sources):
            nb = executed[path]
            if args.audience == "class":
                nb = student_view(nb, course.student_path(path))
            charts += vega_outputs(nb, interactive=vega)
            title, summary = title_and_summary(nb, path.stem)
            nb.metadata["title"] = title
            resources = {"course": {"vega": vega, "mathjax": mathjax, "audience_note": audience_note,
                                    "previous": pages[k - 1] if k > 0 else None,
                                    "next": pages[k + 1] if k + 1 < len(pages) else None}}
            body, _ = exporter.from_notebook_node(nb, resources=resources)
            (staging / pages[k]).write_text(body, encoding="utf-8")
            entries.append((pages[k], title, summary))
        (staging / "index.html").write_text(index_page(entries, audience_note, mathjax), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if charts and not vega:
        print(f"site: {charts} Vega-Lite chart(s) shown as their PNG fallback: tools/site/node_modules is "
              f"missing (run `make site`, which installs it with npm)")
    if not mathjax:
        print("site: formulas shown as TeX source: MathJax is missing from tools/site/node_modules")
    print(f"site: {len(pages)} page(s) and index.html in {course.display(out)}/ ({args.audience}; "
          f"{charts} interactive chart(s); {time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
