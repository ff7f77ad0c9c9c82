"""Quick tests of tools/classroom (no kernel): planning a class, bad input, release checks, the refusal
without a sandbox, the sandboxed kernel spec. The slow end-to-end suites are release_check.py,
hostile_submissions.py, class_run.py and gradescope_check.py (make test-classroom)."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

TOOLS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(TOOLS / "classroom"))

import course  # noqa: E402
import gradebook  # noqa: E402
import compiled_only  # noqa: E402
import release  # noqa: E402
import sandbox  # noqa: E402


class CheckNotebook(unittest.TestCase):
    def test_statuses(self):
        self.assertIsNone(gradebook.check_notebook((course.NOTEBOOKS / "00-start-here.ipynb").read_bytes()))
        self.assertIn("not valid JSON", gradebook.check_notebook(b"{ nope"))
        self.assertIn("not valid JSON", gradebook.check_notebook(b"\xff\xfe"))
        self.assertIn("nbformat 3", gradebook.check_notebook(b'{"nbformat": 3, "cells": []}'))
        self.assertIn("no list of cells", gradebook.check_notebook(b"[1, 2]"))


class Plan(unittest.TestCase):
    def test_every_file_gets_a_kind(self):
        c = gradebook.Course()
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "ann" / "sub").mkdir(parents=True)
            (d / "ann" / "00-start-here.ipynb").write_text("{}", encoding="utf-8")
            (d / "ann" / "99-mine.ipynb").write_text("{}", encoding="utf-8")
            (d / "ann" / "sub" / "notes.txt").write_text("x", encoding="utf-8")
            (d / "ann" / ".hidden").write_text("x", encoding="utf-8")
            (d / "feedback" / "ann").mkdir(parents=True)       # our own output is not a student
            for ours in ("lms", "shards", "similarity"):        # nor are the LMS files, the shards, JPlag's output
                (d / ours / "x").mkdir(parents=True)
            (d / ".grading").mkdir()
            (d / "gradebook.csv").write_text("", encoding="utf-8")
            got = {(s, n): k for s, n, k, _ in gradebook.plan(d, c)}
        self.assertEqual({s for s, _ in got}, {"ann"})
        self.assertEqual(got.pop(("ann", "00-start-here.ipynb")), "grade")
        self.assertEqual(got.pop(("ann", "99-mine.ipynb")), "unknown")
        self.assertEqual(got.pop(("ann", "sub/notes.txt")), "stray")
        self.assertEqual(set(got.values()), {"missing"})
        self.assertEqual({n for _, n in got}, set(c.sources) - {"00-start-here.ipynb"})


class Release(unittest.TestCase):
    def test_problems_finds_what_must_not_ship(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "notebooks" / "solutions").mkdir(parents=True)
            (d / "docs").mkdir()
            (d / "docs" / "instructors.md").write_text("x", encoding="utf-8")
            source = json.loads((course.SOLUTIONS / "00-start-here.ipynb").read_text(encoding="utf-8"))
            exercise = next(c for c in source["cells"] if "exercise" in c["metadata"].get("deepnets", {}))
            exercise["metadata"]["deepnets"]["mistakes"] = [{"name": "wrong", "solution": "return 0;"}]
            (d / "notebooks" / "00.ipynb").write_text(json.dumps(source), encoding="utf-8")
            found = "\n".join(release.problems(d))
        self.assertIn("a solutions folder", found)
        self.assertIn("instructor documentation", found)
        self.assertIn("mistake metadata", found)
        self.assertIn("a solution region", found)

    def test_a_solving_methods_body_a_check_or_a_held_out_check_in_source_form_is_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            java = d / "lib" / "src" / "main" / "java" / "deepnets" / "layers"
            java.mkdir(parents=True)
            (java / "Softmax.java").write_text(
                "class Softmax {\n    /** Doc. */\n    @Solves(StableSoftmax.class)\n    static double[] forward(double[] z) {"
                "\n        EntryPoints.entered();\n        return z;\n    }\n\n    @Solves(value = StableSoftmax.class, "
                "helper = true)\n    static double max(double[] z) {\n        return z[0];\n    }\n}\n", encoding="utf-8")
            home = d / "lib" / "src" / "main" / "java" / "deepnets" / "exercises"
            home.mkdir(parents=True)
            (home / "StableSoftmax.java").write_text("final class StableSoftmax extends Task<Fn> {}", encoding="utf-8")
            (home / "Value.java").write_text("public final class Value {}", encoding="utf-8")   # given: stays
            found = release.problems(d)
            compiled_only.strip(d / "lib")
            after = release.problems(d)
        self.assertIn("lib/src/main/java/deepnets/layers/Softmax.java, line 4: the method annotated "
                      "@Solves(StableSoftmax.class) has its body; it must ship compiled only", found)
        self.assertIn("lib/src/main/java/deepnets/exercises/StableSoftmax.java: an exercise's check or a held-out "
                      "check in source form", found)
        self.assertEqual(2, len(found), found)   # the helper's body may stay
        self.assertEqual([], after)

    def test_student_copies_pass(self):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            (d / "notebooks").mkdir()
            for solution in course.solution_notebooks():
                (d / "notebooks" / solution.name).write_text(course.serialize(course.student_copy(solution)),
                                                             encoding="utf-8")
            self.assertEqual(release.problems(d), [])


class Sandbox(unittest.TestCase):
    def test_kernel_spec_maps_the_course_into_the_sandbox(self):
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp) / "java"
            base.mkdir()
            target = course.ROOT / "lib" / "target"
            (base / "kernel.json").write_text(json.dumps({
                "argv": ["java", "-jar", "{resource_dir}/jjava-launcher.jar", "{connection_file}"],
                "env": {"JJAVA_CLASSPATH": f"{target}/deepnets.jar:{target}/dependency/*",
                        "JJAVA_JVM_OPTS": "-Djava.awt.headless=true -Xmx2g"}}), encoding="utf-8")
            with mock.patch.object(sandbox.container, "memory_limit", return_value=None):   # as outside a container
                out = sandbox.kernel_spec(base, Path(tmp) / "spec", 3)
            spec = json.loads((out / "kernels" / sandbox.KERNEL_NAME / "kernel.json").read_text(encoding="utf-8"))
            config = json.loads((out / "kernels" / sandbox.KERNEL_NAME / "sandbox.json").read_text(encoding="utf-8"))
        self.assertEqual(spec["argv"][-1], "{connection_file}")
        self.assertEqual(config["uid"], sandbox.BASE_UID + 3)
        self.assertEqual(config["env"]["JJAVA_CLASSPATH"], "/course/lib/deepnets.jar:/course/lib/dependency/*")
        self.assertNotIn("-Xmx2g", config["env"]["JJAVA_JVM_OPTS"])
        self.assertIn("-Xmx1024m", config["env"]["JJAVA_JVM_OPTS"])
        self.assertEqual(config["argv"][2], "/course/kernel/jjava-launcher.jar")
        self.assertNotIn(str(course.SOLUTIONS), json.dumps(config))

    def test_bwrap_command_binds_no_project_folder_but_the_three(self):
        config = {"uid": 61000, "limits": sandbox.Limits().__dict__, "env": {},
                  "binds": {"/course/lib": "/x/lib/target", "/course/kernel": "/x/k", "/course/data": "/x/data"}}
        relay = str(Path(sandbox.__file__).resolve().parent / "relay.py")
        for mounted, writable in ((False, []), (True, ["/tmp/box/tmp", "/tmp/box/home"])):
            cmd = sandbox.bwrap_command(config, Path("/tmp/box"), ["true"], mounted)
            sources = [cmd[i + 1] for i, a in enumerate(cmd) if a in ("--ro-bind", "--bind")]
            # no socket folder is shared any more; the writable folders are the wrapper's own tmpfs mounts
            self.assertEqual([s for s in sources if not s.startswith(("/usr", "/etc", "/lib", "/bin", "/sbin", "/var"))],
                             ["/x/lib/target", "/x/k", "/x/data"] + writable + ["/tmp/box/connection.json", relay])
            writes = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
            self.assertEqual(writes, writable)
        self.assertIn("--unshare-all", cmd)
        self.assertIn("--die-with-parent", cmd)

    def test_grade_class_refuses_without_bubblewrap(self):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "ann").mkdir()
            env = dict(os.environ, PATH=str(Path(tmp)))   # no bwrap, socat or setpriv on this PATH
            done = subprocess.run([sys.executable, str(TOOLS / "classroom" / "grade_class.py"), tmp], env=env,
                                  capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 2, done.stdout + done.stderr)
        self.assertIn("apt-get install bubblewrap", done.stderr)
        self.assertIn("UNSANDBOXED=1", done.stderr)
        self.assertFalse((Path(tmp) / "gradebook.csv").exists())


if __name__ == "__main__":
    unittest.main()
