"""Checks of the static site (`make test-site`, after it built build/site/ and build/site-class/).

  - both editions: an index with one line per notebook, linking to one page per notebook; every page
    shows its outputs (the images the notebook showed); no script, style sheet or image comes from outside
    the site (src= and <link href=> are relative or data: URLs, and the files exist);
  - the class edition has no worked solution: no line of any solution region appears in its pages, while
    the same lines do appear in the full edition (so the search itself works);
  - a hand-made notebook with a Vega-Lite output (and a PNG fallback) becomes an interactive chart drawn by
    the site's own vendor/ scripts; without those scripts it shows the PNG (build/site-sample/ is kept for
    the browser test, `make e2e-site`);
  - a notebook that fails: nothing is written, and the notebook, the cell and the message are named;
  - accessibility (issue 32): every image output of every executed notebook carries a real alt text in its
    metadata (made from the chart's data, never empty or nbconvert's placeholder), every <img> on every page
    has it, every Vega-Lite spec has a description; each notebook and each page has one top-level heading and
    no skipped heading level.

Not named test_*.py: it needs the sites `make test-site` builds first, so unittest discovery must skip it.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import course  # noqa: E402

SITE, CLASS, SAMPLE = ROOT / "build" / "site", ROOT / "build" / "site-class", ROOT / "build" / "site-sample"
ATTRS = re.compile(r"""<(script|img|link|iframe|source|embed)\b[^>]*?\b(src|href)=["']([^"']*)["']""", re.I)

VEGA_CELL = r"""
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;

List<Map<String, Object>> points = new ArrayList<>();
for (int i = 0; i <= 10; i++) points.add(Map.of("x", i, "y", i * i));
Map<String, Object> spec = Map.of(
    "$schema", "https://vega.github.io/schema/vega-lite/v5.json",
    "data", Map.of("values", points),
    "params", List.of(Map.of("name", "size", "value", 60,
        "bind", Map.of("input", "range", "min", 10, "max", 200, "step", 10))),
    "mark", Map.of("type", "point", "size", Map.of("expr", "size")),
    "encoding", Map.of("x", Map.of("field", "x", "type", "quantitative"),
                       "y", Map.of("field", "y", "type", "quantitative")));
BufferedImage fallback = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
ByteArrayOutputStream png = new ByteArrayOutputStream();
ImageIO.write(fallback, "png", png);
String about = "Points y = x^2 for x = 0 to 10; a slider sets the point size";
DisplayData chart = new DisplayData(about);
Map<String, Object> described = new HashMap<>(spec);
described.put("description", about);
chart.putData("application/vnd.vegalite.v5+json", described);
chart.putData("image/png", Base64.getEncoder().encodeToString(png.toByteArray()));
chart.putMetaData("image/png", Map.of("alt", about));
BaseKernel.notebookKernel().display(chart);
"""


def notebook(path: Path, *cells: str, markdown: str = "# A sample\n\nA hand-made notebook for the site's tests.") -> Path:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "java", "display_name": "Java", "language": "java"}})
    nb.cells = [nbformat.v4.new_markdown_cell(markdown)] + [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


def site(*args, env=None):
    return subprocess.run([sys.executable, str(ROOT / "tools" / "site.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, env=env)


def page_text(path: Path) -> str:
    """The page as a reader sees it: tags removed, entities decoded (code highlighting splits lines into spans)."""
    body = path.read_text(encoding="utf-8")
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def external_or_missing(root: Path):
    problems = []
    for page in sorted(root.glob("*.html")):
        for tag, attr, url in ATTRS.findall(page.read_text(encoding="utf-8")):
            if tag.lower() == "link" and "stylesheet" not in url and not url.endswith(".css"):
                continue
            if url.startswith("data:"):
                continue
            if re.match(r"^[a-z]+:|^//", url, re.I):
                problems.append(f"{page.name}: <{tag} {attr}={url}> loads from outside the site")
            elif not (root / url.split("#")[0].split("?")[0]).is_file():
                problems.append(f"{page.name}: <{tag} {attr}={url}>: no such file in the site")
    return problems


class Editions(unittest.TestCase):
    def test_index_and_pages(self):
        names = [p.stem for p in course.solution_notebooks()]
        for root in (SITE, CLASS):
            with self.subTest(site=root.name):
                index = (root / "index.html").read_text(encoding="utf-8")
                links = re.findall(r'<li><a href="([^"]+)">', index)
                self.assertEqual(links, [f"{n}.html" for n in names])
                for n in names:
                    self.assertTrue((root / f"{n}.html").is_file(), n)
                self.assertEqual(external_or_missing(root), [])

    def test_outputs_shown(self):
        for path in course.solution_notebooks():
            page = (SITE / f"{path.stem}.html").read_text(encoding="utf-8")
            images = len(re.findall(r'<img\b[^>]*src="data:image/png', page))
            records = ROOT / "build" / "notebook-outputs" / f"{path.stem}.json"
            if records.is_file():  # what nbclient counted when `make test-notebooks` ran it
                want = sum(c["images"] for c in json.loads(records.read_text())["cells"].values())
                self.assertEqual(images, want, path.name)
            else:
                self.assertGreater(images, 0, path.name)

    def test_class_edition_has_no_solutions(self):
        checked = 0
        for path in course.solution_notebooks():
            source = nbformat.read(path, as_version=4)
            student = nbformat.read(course.student_path(path), as_version=4)
            student_text = "\n".join(c.source for c in student.cells)
            full, mine = page_text(SITE / f"{path.stem}.html"), page_text(CLASS / f"{path.stem}.html")
            for cell in source.cells:
                inside = False
                for line in cell.source.splitlines():
                    if course.BEGIN.match(line):
                        inside = True
                    elif course.END.match(line):
                        inside = False
                    elif inside and len(line.strip()) > 20 and line.strip() not in student_text:
                        self.assertTrue(line.strip() in full, f"{path.name}: the full edition lacks {line.strip()!r}")
                        self.assertFalse(line.strip() in mine,
                                         f"{path.name}: the class edition shows the solution line {line.strip()!r}")
                        checked += 1
            self.assertNotIn('"mistakes"', (CLASS / f"{path.stem}.html").read_text(encoding="utf-8"))
            self.assertIn("NotImplementedYet", mine, path.name)
        self.assertGreater(checked, 20)


PLACEHOLDER = "No description has been provided for this image"
HEADING = re.compile(r"^(#{1,6})\s")
HTML_HEADING = re.compile(r"<h([1-6])\b", re.I)


def heading_problems(levels, where):
    """One top-level heading, first; no level skipped on the way down (h2 -> h4)."""
    problems = []
    if levels.count(1) != 1 or (levels and levels[0] != 1):
        problems.append(f"{where}: {levels.count(1)} top-level headings (want exactly one, first): {levels}")
    for before, after in zip(levels, levels[1:]):
        if after > before + 1:
            problems.append(f"{where}: heading level {before} is followed by {after}, skipping a level")
    return problems


def markdown_levels(nb):
    levels = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        fenced = False
        for line in cell.source.splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
            match = HEADING.match(line)
            if match and not fenced:
                levels.append(len(match.group(1)))
    return levels


def real_alt(text) -> bool:
    return isinstance(text, str) and len(text.strip()) >= 20 and PLACEHOLDER not in text


class Accessible(unittest.TestCase):
    def test_notebooks_have_one_title_and_no_skipped_heading_levels(self):
        problems = []
        for path in course.solution_notebooks() + [course.student_path(p) for p in course.solution_notebooks()]:
            problems += heading_problems(markdown_levels(nbformat.read(path, as_version=4)), course.display(path))
        self.assertEqual(problems, [])

    def test_every_image_output_has_a_real_alt_text(self):
        cache = ROOT / "build" / "site-cache"
        executed = {p.stem: sorted(cache.glob(f"{p.stem}-*.ipynb")) for p in course.solution_notebooks()}
        self.assertTrue(all(executed.values()), f"run make test-site first; missing: {executed}")
        problems, images = [], 0
        for stem, (path, *_) in executed.items():
            nb = nbformat.read(path, as_version=4)
            for index, cell in enumerate(nb.cells):
                for output in cell.get("outputs", []):
                    data = output.get("data", {})
                    if "image/png" in data:
                        images += 1
                        alt = output.get("metadata", {}).get("image/png", {}).get("alt")
                        if not real_alt(alt):
                            problems.append(f"{stem}, cell {index}: image output without a real alt text ({alt!r})")
                        if str(data.get("text/plain", "")).startswith("BufferedImage@"):
                            problems.append(f"{stem}, cell {index}: text/plain is {data['text/plain'][:40]!r}")
                    for mime, spec in data.items():
                        if re.match(r"application/vnd\.vegalite", mime):
                            spec = spec if isinstance(spec, dict) else json.loads(spec)
                            if not real_alt(spec.get("description")):
                                problems.append(f"{stem}, cell {index}: Vega-Lite spec without a description")
        self.assertEqual(problems, [])
        self.assertGreater(images, 20)

    def test_pages_have_real_alt_texts_and_heading_order(self):
        problems, images = [], 0
        for root in (SITE, CLASS):
            for page in sorted(root.glob("*.html")):
                body = page.read_text(encoding="utf-8")
                for tag in re.findall(r"<img\b[^>]*>", body):
                    images += 1
                    alt = re.search(r'\balt=(?:"([^"]*)"|\'([^\']*)\')', tag)
                    if not alt or not real_alt(html.unescape(alt.group(1) or alt.group(2) or "")):
                        problems.append(f"{root.name}/{page.name}: <img> without a real alt text: {tag[:120]}")
                levels = [int(h) for h in HTML_HEADING.findall(body)]
                problems += heading_problems(levels, f"{root.name}/{page.name}")
        self.assertEqual(problems, [])
        self.assertGreater(images, 20)


class Sample(unittest.TestCase):
    def test_vegalite_interactive_and_fallback(self):
        with tempfile.TemporaryDirectory() as tmp:
            sample = notebook(Path(tmp) / "01-vega-sample.ipynb", VEGA_CELL)
            built = site("--out", SAMPLE, sample)
            self.assertEqual(built.returncode, 0, built.stdout + built.stderr)
            page = (SAMPLE / "01-vega-sample.html").read_text(encoding="utf-8")
            self.assertIn('class="course-vega"', page)
            self.assertIn('vegaEmbed("#vega-1-0"', page)
            self.assertIn('<script src="vendor/vega-embed.min.js"></script>', page)
            # The data behind the chart, for keyboard and screen reader: a folded table of its 11 rows.
            self.assertIn('<details class="course-data"><summary>The data behind the chart: 11 rows</summary>', page)
            self.assertEqual(page.count("<tr><td>"), 11)
            self.assertIn("<tr><td>10</td><td>100</td></tr>", page)
            self.assertEqual(external_or_missing(SAMPLE), [])

            empty = Path(tmp) / "no-node-modules"
            empty.mkdir()
            plain = site("--out", Path(tmp) / "plain", sample, env={**os.environ, "COURSE_SITE_NODE_MODULES": str(empty)})
            self.assertEqual(plain.returncode, 0, plain.stderr)
            self.assertIn("shown as their PNG fallback", plain.stdout)
            page = (Path(tmp) / "plain" / "01-vega-sample.html").read_text(encoding="utf-8")
            self.assertNotIn("course-vega", page)
            self.assertNotIn("vega-embed", page)
            self.assertRegex(page, r'<img\b[^>]*src="data:image/png')

    def test_failing_notebook_writes_nothing(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = notebook(Path(tmp) / "02-bad.ipynb", "int a = 1;",
                           'throw new IllegalStateException("the sample fails here");')
            out = Path(tmp) / "site"
            ran = site("--out", out, bad)
            self.assertEqual(ran.returncode, 1)
            self.assertIn("02-bad.ipynb, cell 2: ", ran.stderr)
            self.assertIn("IllegalStateException", ran.stderr)
            self.assertIn("the sample fails here", ran.stderr)
            self.assertIn("was not written", ran.stderr)
            self.assertFalse(out.exists())


if __name__ == "__main__":
    unittest.main(verbosity=2)
