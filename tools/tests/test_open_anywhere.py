"""Fast checks of the ways into the course (issue 16): Binder's files, the dev container, the README's link.

The slow ones: tools/tests/binder_steps.py (`make test-binder`) and tools/tests/site_checks.py (`make test-site`).
"""
import json
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def jsonc(text: str):
    """JSON with // comments (dev containers allow them); no "//" occurs inside this file's strings but URLs."""
    return json.loads(re.sub(r'^\s*//.*$', "", text, flags=re.M))


class Binder(unittest.TestCase):
    def test_only_dot_binder(self):
        # repo2docker refuses both binder/ and .binder/, and ignores the top level when either exists.
        self.assertTrue((ROOT / ".binder").is_dir())
        self.assertFalse((ROOT / "binder").exists())

    def test_apt_has_a_jdk_17_plus_and_fonts(self):
        packages = [l.partition("#")[0].strip() for l in (ROOT / ".binder" / "apt.txt").read_text().splitlines()]
        jdks = [p for p in packages if re.fullmatch(r"openjdk-(\d+)-jdk(-headless)?", p)]
        self.assertTrue(jdks and all(int(re.search(r"\d+", j).group()) >= 17 for j in jdks), packages)
        self.assertIn("fonts-dejavu-core", packages)
        self.assertIn("make", packages)  # postBuild runs the Makefile's checks

    def test_postbuild(self):
        lines = (ROOT / ".binder" / "postBuild").read_text().splitlines()
        self.assertEqual(lines[0], "#!/bin/bash")
        code = [l for l in lines if l.strip() and not l.startswith("#")]
        self.assertTrue(code[0].startswith("set -e"), code[0])
        self.assertTrue((ROOT / ".binder" / "postBuild").stat().st_mode & 0o100)
        self.assertFalse((ROOT / ".binder" / "start").exists() and
                         not (ROOT / ".binder" / "start").read_text().rstrip().endswith('exec "$@"'))

    def test_readme_link_opens_the_first_notebook(self):
        readme = (ROOT / "README.md").read_text()
        link = re.search(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
        self.assertIsNotNone(link)
        first = re.search(r"urlpath=lab/tree/(\S+\.ipynb)", link.group()).group(1)
        self.assertTrue((ROOT / first).is_file(), first)


class DevContainer(unittest.TestCase):
    def setUp(self):
        self.config = jsonc((ROOT / ".devcontainer" / "devcontainer.json").read_text())

    def test_java_17_python_and_setup(self):
        self.assertRegex(self.config["image"], r"/java:(1[7-9]|2\d)\b")
        self.assertTrue(any("features/python" in f for f in self.config["features"]))
        self.assertEqual(self.config["postCreateCommand"], "make setup")

    def test_port_and_jupyter_extension(self):
        port = int(re.search(r"^PORT \?= (\d+)$", (ROOT / "Makefile").read_text(), re.M).group(1))
        self.assertIn(port, self.config["forwardPorts"])
        self.assertIn("ms-toolsai.jupyter", self.config["customizations"]["vscode"]["extensions"])


if __name__ == "__main__":
    unittest.main()
