"""The hub's pieces that need no hub (a few seconds): the nbgitpuller link of make hub-link, parsed back; and
install_kernel.py --install-lib, which puts the library's jars under the Python environment and points the kernel
there, so that nothing the kernel needs is in the checkout (on a hub the checkout is in the home, hidden by the
user's persistent volume).

  .venv/bin/python -m unittest tools/tests/test_hub.py
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

TOOLS = Path(__file__).resolve().parent.parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS / "classroom"))

import hub_link  # noqa: E402


class HubLink(unittest.TestCase):
    def test_link_parses_back_to_its_parts(self):
        url = hub_link.link("https://hub.example.edu/", "git@github.com:teach/deepnets-course.git", "fall 2026")
        parts = urlsplit(url)
        self.assertEqual((parts.scheme, parts.netloc, parts.path),
                         ("https", "hub.example.edu", "/hub/user-redirect/git-pull"))
        self.assertEqual(parse_qs(parts.query, strict_parsing=True), {
            "repo": ["https://github.com/teach/deepnets-course.git"], "branch": ["fall 2026"],
            "targetpath": ["deepnets-course"], "urlpath": ["lab/tree/deepnets-course/notebooks/00-start-here.ipynb"]})
        self.assertNotIn(" ", url)
        self.assertNotIn("/", parts.query.split("urlpath=")[1])     # the path is encoded as one value

    def test_hub_under_a_path(self):
        url = hub_link.link("https://uni.example/jupyter", "https://git.example/c/course", "main")
        self.assertTrue(url.startswith("https://uni.example/jupyter/hub/user-redirect/git-pull?repo=https%3A%2F%2F"))

    def test_bad_input(self):
        with self.assertRaisesRegex(hub_link.LinkError, "not the address of a hub"):
            hub_link.link("hub.example.edu", "https://x/y", "main")
        with self.assertRaisesRegex(hub_link.LinkError, "not a URL a hub can clone"):
            hub_link.link("https://hub.example.edu", "/home/me/course", "main")
        with self.assertRaisesRegex(hub_link.LinkError, "no branch"):
            hub_link.link("https://hub.example.edu", "https://x/y", "")

    def test_make_hub_link(self):
        done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "hub-link",
                               "HUB=https://hub.example.edu", "REPO=https://github.com/teach/course.git",
                               "BRANCH=main"], capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.strip(), "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2F"
                         "github.com%2Fteach%2Fcourse.git&branch=main&targetpath=course&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F"
                         "00-start-here.ipynb")
        done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "hub-link"], capture_output=True,
                              text=True, timeout=120)
        self.assertEqual(done.returncode, 2)
        self.assertIn("HUB=https://", done.stderr)


class InstallLib(unittest.TestCase):
    def test_kernel_points_outside_the_checkout(self):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            venv = tmp / "srv" / "conda"
            kernel = venv / "share" / "jupyter" / "kernels" / "java"
            kernel.mkdir(parents=True)
            (kernel / "kernel.json").write_text(json.dumps({"argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar",
                                                                     "{connection_file}"], "env": {}}), encoding="utf-8")
            target = tmp / "home" / "jovyan" / "course" / "lib" / "target"
            (target / "dependency").mkdir(parents=True)
            (target / "deepnets.jar").write_bytes(b"jar")
            for name in ("ejml-core.jar", "xchart.jar"):
                (target / "dependency" / name).write_bytes(name.encode())
            done = subprocess.run([sys.executable, str(ROOT / "environment" / "install_kernel.py"), str(venv),
                                   str(target), "--install-lib"], capture_output=True, text=True, timeout=300,
                                  env=dict(os.environ, COURSE_NO_CDS="1"))
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            spec = json.loads((kernel / "kernel.json").read_text(encoding="utf-8"))
            home = venv / "share" / "deepnets-course" / "lib"
            self.assertEqual(spec["env"]["JJAVA_CLASSPATH"],
                             os.pathsep.join([str(home / "deepnets.jar"), str(home / "dependency" / "*")]))
            self.assertNotIn(str(tmp / "home"), json.dumps(spec))
            self.assertEqual(sorted(p.name for p in (home / "dependency").iterdir()), ["ejml-core.jar", "xchart.jar"])
            self.assertEqual((home / "deepnets.jar").read_bytes(), b"jar")
            # what the kernel needs survives the home folder being replaced (as a persistent volume hides it)
            import shutil
            shutil.rmtree(tmp / "home")
            self.assertTrue((home / "deepnets.jar").is_file())
            for option in spec["env"]["JJAVA_JVM_OPTS"].split():
                if "=" in option and "/" in option:
                    self.assertTrue(Path(option.split("=", 1)[1]).exists(), option)


if __name__ == "__main__":
    unittest.main()
