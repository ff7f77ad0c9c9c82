"""make similarity (tools/classroom/similarity.py) on a synthetic class: JPlag, run on the JDK 21+ of the machine,
finds the one copied pair and the student who copied the library, and nothing between honest students.

  .venv/bin/python -m unittest tools/tests/test_similarity.py       (about a minute; skipped without a JDK 21+)

The class hands in notebook 02 (two short exercises). Three students wrote their own, differently built solutions;
bob handed in ann's with every name changed and the comments and layout redone; two students handed in the
stubs untouched (the base code: they must not count as similar to each other); dee pasted the library's
Matrices.columnMeans and columnVariances into notebook 04's exercise cell (the library is an extra source).
"""
import csv
import os
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
import similarity  # noqa: E402

NB02, NB04 = "02-appropriate-scale.ipynb", "04-batch-norm-forward.ipynb"

ANN = ["""double[] logUniform(double lo, double hi, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double low = Math.log10(lo), high = Math.log10(hi);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
        double exponent = low + (high - low) * rng.nextDouble();
        out[i] = Math.pow(10, exponent);
    }
    if (out.length != n) {
        throw new IllegalStateException("wrong count " + out.length);
    }
    return out;
}""", """double[] sampleBeta(double lo, double hi, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double low = Math.log10(1 - hi), high = Math.log10(1 - lo);
    double[] out = new double[n];
    int i = 0;
    while (i < n) {
        double exponent = low + (high - low) * rng.nextDouble();
        out[i] = 1 - Math.pow(10, exponent);
        i++;
    }
    return out;
}"""]

BOB = ["""double[] logUniform(double lo, double hi, int n, long seed) {
    // my own solution
    SplittableRandom r = new SplittableRandom(seed);
    double a = Math.log10(lo),
           b = Math.log10(hi);
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
        double e = a + (b - a) * r.nextDouble();   // exponent
        values[k] = Math.pow(10, e);
    }
    if (values.length != n) { throw new IllegalStateException("bad size " + values.length); }
    return values;
}""", """double[] sampleBeta(double lo, double hi, int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double a = Math.log10(1 - hi), b = Math.log10(1 - lo);
    double[] values = new double[n];
    int k = 0;
    while (k < n) {
        double e = a + (b - a) * r.nextDouble();
        values[k] = 1 - Math.pow(10, e);
        k++;
    }
    return values;
}"""]

CARL = ["""double[] logUniform(double lo, double hi, int n, long seed) {
    java.util.Random random = new java.util.Random(seed);
    return java.util.stream.DoubleStream.generate(random::nextDouble).limit(n)
        .map(u -> Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)))).toArray();
}""", """double[] sampleBeta(double lo, double hi, int n, long seed) {
    double[] oneMinus = logUniform(1 - hi, 1 - lo, n, seed);
    double[] betas = oneMinus.clone();
    java.util.Arrays.setAll(betas, j -> 1 - oneMinus[j]);
    return betas;
}"""]

EVE = ["""double[] logUniform(double lo, double hi, int n, long seed) {
    var gen = new SplittableRandom(seed);
    var result = new java.util.ArrayList<Double>();
    double span = Math.log10(hi / lo);
    while (result.size() < n) result.add(lo * Math.pow(10, span * gen.nextDouble()));
    return result.stream().mapToDouble(Double::doubleValue).toArray();
}""", """double[] sampleBeta(double lo, double hi, int n, long seed) {
    double[] x = new double[n];
    SplittableRandom g = new SplittableRandom(seed);
    double top = Math.log10(1 - lo), bottom = Math.log10(1 - hi);
    for (int t = n - 1; t >= 0; t--) x[t] = 1 - Math.pow(10, bottom + g.nextDouble() * (top - bottom));
    return x;
}"""]

FRED = ["""double[] logUniform(double lo, double hi, int n, long seed) {
    if (n < 0) throw new IllegalArgumentException("n < 0");
    double[] samples = new double[n];
    SplittableRandom source = new SplittableRandom(seed);
    double ln = Math.log(lo), lh = Math.log(hi);
    int idx = 0;
    do {
        if (idx < n) samples[idx] = Math.exp(ln + source.nextDouble() * (lh - ln));
        idx += 1;
    } while (idx < n);
    return samples;
}""", """double[] sampleBeta(double lo, double hi, int n, long seed) {
    double[] r = logUniform(1 - hi, 1 - lo, n, seed);
    for (int q = 0; q < r.length; q++) { r[q] = 1.0 - r[q]; }
    return r;
}"""]


def library_method(path: Path, signature: str) -> str:
    """A method of the library's source, from its signature line to the closing brace at its indentation."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if signature in line)
    indent = re.match(r"\s*", lines[start]).group(0)
    end = next(i for i in range(start + 1, len(lines)) if lines[i] == indent + "}")
    return "\n".join(line[len(indent):] for line in lines[start:end + 1]).replace("public static ", "")


def with_cells(name: str, cells: list[str] | None):
    """The student copy of notebook NAME with its exercise cells replaced by cells (None: the stubs)."""
    source = nbformat.read(course.SOLUTIONS / name, as_version=4)
    nb = course.student_copy(course.SOLUTIONS / name)
    for e, text in zip(course.exercises(source), cells or []):
        nb.cells[e.cell].source = text
    return nb


def synthetic_class(d: Path):
    for student, cells in [("ann", ANN), ("bob", BOB), ("carl", CARL), ("eve", EVE), ("fred", FRED),
                           ("stub1", None), ("stub2", None)]:
        (d / student).mkdir(parents=True)
        nbformat.write(with_cells(NB02, cells), d / student / NB02)
    matrices = course.LIBRARY_SOURCES / "deepnets" / "core" / "Matrices.java"
    copied = (library_method(matrices, "public static double[] columnMeans(double[][] a)") + "\n\n"
              + library_method(matrices, "public static double[] columnVariances(double[][] a)"))
    stub = with_cells(NB04, None)
    e = course.exercises(nbformat.read(course.SOLUTIONS / NB04, as_version=4))[0]
    stub.cells[e.cell].source = copied + "\n\n" + stub.cells[e.cell].source
    (d / "dee").mkdir()
    nbformat.write(stub, d / "dee" / NB04)


def jdk21():
    try:
        return similarity.find_java(dict(os.environ))
    except similarity.SimilarityError:
        return None


@unittest.skipIf(jdk21() is None, "no JDK 21+ on this machine (JPlag needs one)")
class Similarity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name) / "class"
        synthetic_class(cls.dir)
        cls.done = subprocess.run([sys.executable, str(TOOLS / "classroom" / "similarity.py"), str(cls.dir),
                                   "--top", "50"], capture_output=True, text=True, timeout=600)
        pairs = cls.dir / "similarity" / "top-pairs.csv"
        cls.rows = list(csv.reader(pairs.read_text(encoding="utf-8").splitlines())) if pairs.is_file() else []

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_ran(self):
        self.assertEqual(self.done.returncode, 0, self.done.stdout + self.done.stderr)
        self.assertTrue((self.dir / "similarity" / "report.jplag").stat().st_size > 0)
        self.assertEqual(self.rows[0], ["rank", "first", "second", "similarity", "max_similarity", "matched_tokens"])
        self.assertIn("8 students and the library's solving methods", self.done.stdout)

    def pairs(self):
        return {frozenset(r[1:3]): (int(r[0]), float(r[3]), float(r[4])) for r in self.rows[1:]}

    def test_the_copied_pair_and_the_library_copy_rank_first(self):
        pairs = self.pairs()
        top_two = {frozenset(r[1:3]) for r in self.rows[1:3]}
        self.assertEqual(top_two, {frozenset({"ann", "bob"}), frozenset({"dee", similarity.LIBRARY})}, self.rows[:6])
        self.assertGreater(pairs[frozenset({"ann", "bob"})][1], 80)
        self.assertGreater(pairs[frozenset({"dee", similarity.LIBRARY})][2], 50)

    def test_honest_students_and_stubs_are_apart(self):
        pairs = self.pairs()
        flagged = min(pairs[frozenset({"ann", "bob"})][2], pairs[frozenset({"dee", similarity.LIBRARY})][2])
        honest = ["ann", "carl", "eve", "fred"]
        for i, a in enumerate(honest):
            for b in honest[i + 1:]:
                self.assertLess(pairs.get(frozenset({a, b}), (0, 0.0, 0.0))[2], flagged / 2, (a, b))
        # the stubs are base code: two students who handed in only the stubs have nothing in common
        self.assertEqual(pairs.get(frozenset({"stub1", "stub2"}), (0, 0.0, 0.0))[2], 0.0)


if __name__ == "__main__":
    unittest.main()
