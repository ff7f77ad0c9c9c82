"""Binder's setup, run here as Binder runs it (`make test-binder`).

repo2docker builds the image as root from .binder/apt.txt, then runs .binder/postBuild as a non-root user
with the image's Python environment first on PATH. This test does the second half on this machine:
  - a copy of the project (the files git tracks or would track) in a fresh folder owned by an
    unprivileged user (nobody, 65534, when the test runs as root; else the user running it);
  - as that user, with a fresh HOME (so an empty ~/.m2: the Maven Wrapper fetches Maven and the
    library's dependencies from Maven Central) and a fresh venv first on PATH, `bash .binder/postBuild`;
  - then, as that user, the first notebook executed by nbclient with the kernel postBuild installed;
    no error, nothing on stderr, its chart and its table shown; and JupyterLab run from that venv
    defaults to the `java` kernel.
The Python wheels come from a wheelhouse in build/binder-test/wheels that `pip download` fills from PyPI
(through the pip cache of the user running the test), so the unprivileged install downloads nothing.
Then the hub (issue 33): as that user, in bubblewrap, an empty folder is mounted over the home (as a hub's persistent
volume is) and the checkout is hidden; Jupyter Server starts there; nbgitpuller's own endpoint (/git-pull/api) clones
the course from a git repository into the home, as a student's click on `make hub-link`'s link does; notebook 00 and
the student copy of notebook 02 run through the server's kernel (REST and websocket, as JupyterLab runs them).
Then, without a JDK, with a JRE only, with a too old Java, without Python, with a too old Python:
postBuild stops before installing anything and prints the same message as the Makefile's checks.

This file is not named test_*.py: `make test-tools` (unittest discovery) would run the slow build twice.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WHEELS = ROOT / "build" / "binder-test" / "wheels"
NOBODY = 65534
FIRST = "notebooks/00-start-here.ipynb"

EXECUTE = textwrap.dedent("""
    import json, sys
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(sys.argv[1], as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="java", allow_errors=True, shutdown_kernel="immediate",
                   resources={"metadata": {"path": sys.argv[2]}}).execute()
    out = {"errors": [], "stderr": [], "images": 0, "tables": 0, "code_cells": 0, "executed": 0}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        out["code_cells"] += 1
        out["executed"] += cell.get("execution_count") is not None
        for o in cell.outputs:
            if o.output_type == "error":
                out["errors"].append(f"cell {i}: {o.ename}: {o.evalue}")
            elif o.output_type == "stream" and o.name == "stderr":
                out["stderr"].append(f"cell {i}: {o.text[:200]}")
            elif o.output_type in ("display_data", "execute_result"):
                out["images"] += "image/png" in o.data
                out["tables"] += "<table" in o.data.get("text/html", "")
    print(json.dumps(out))
""")


def as_root() -> bool:
    return os.geteuid() == 0


def user_prefix() -> list:
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_root() else []


def run_as_user(args, env, cwd, timeout=1800):
    return subprocess.run(user_prefix() + [str(a) for a in args], env=env, cwd=cwd, timeout=timeout,
                          capture_output=True, text=True)


def python_for_user() -> str:
    """A Python 3.10+ with venv that the unprivileged user can run (root's pyenv is not readable to nobody)."""
    candidates = [os.environ.get("BINDER_TEST_PYTHON"), "/usr/bin/python3", "/usr/local/bin/python3",
                  os.path.realpath(sys.executable)]
    for candidate in filter(None, candidates):
        probe = run_as_user([candidate, "-c", "import sys, venv, ensurepip; assert sys.version_info >= (3, 10)"],
                            env={"PATH": "/usr/bin:/bin"}, cwd="/", timeout=60)
        if probe.returncode == 0:
            return candidate
    raise unittest.SkipTest("no Python 3.10+ with venv and ensurepip that an unprivileged user can run; "
                            "set BINDER_TEST_PYTHON=/path/to/python3")


def copy_project(dest: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, target = ROOT / name, dest / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree, not yet committed
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)


def fill_wheelhouse(python: str) -> Path:
    """Wheels for the requirements, resolved for the unprivileged user's Python (its exact version)."""
    version = subprocess.run([python, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    wheels = WHEELS / version
    wheels.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                           "--only-binary=:all:", f"--python-version={version}",
                           "-r", str(ROOT / "environment" / "requirements.txt"),
                           "-r", str(ROOT / ".binder" / "requirements-hub.txt"),
                           "-d", str(wheels)], capture_output=True, text=True, timeout=900)
    if done.returncode:
        raise AssertionError(f"pip download for the wheelhouse failed: {done.stderr[-2000:]}")
    return wheels


def chown_tree(path: Path) -> None:
    if as_root():
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(path)], check=True)


def java_bin() -> str:
    java = shutil.which("java")
    if not java:
        raise unittest.SkipTest("no java on PATH: the Binder steps need a JDK, as Binder's apt.txt installs one")
    return str(Path(os.path.realpath(java)).parent)


class PostBuild(unittest.TestCase):
    """The whole of postBuild as an unprivileged user, then a notebook on the kernel it installed."""

    def test_postbuild_then_notebook(self):
        python = python_for_user()
        wheels = fill_wheelhouse(python)
        with tempfile.TemporaryDirectory(prefix="binder-test-") as tmp:
            tmp = Path(tmp)
            repo, home, venv = tmp / "repo", tmp / "home", tmp / "venv"
            copy_project(repo)
            home.mkdir()
            os.chmod(tmp, 0o755)
            chown_tree(tmp)
            env = {"HOME": str(home), "LANG": "C.UTF-8", "USER": "binder", "TMPDIR": str(tmp),
                   "PATH": os.pathsep.join([str(venv / "bin"), java_bin(), "/usr/local/bin", "/usr/bin", "/bin"]),
                   "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels),
                   # Java takes user.home from the password database (nobody's is /nonexistent), not from
                   # HOME; Binder's user has a real home. Maven's local repository goes to the fresh HOME.
                   "MAVEN_OPTS": f"-Duser.home={home}"}
            made = run_as_user([python, "-m", "venv", venv], env, tmp)
            self.assertEqual(made.returncode, 0, made.stderr)

            build = run_as_user(["bash", ".binder/postBuild"], env, repo)
            self.assertEqual(build.returncode, 0, f"postBuild failed:\n{build.stdout[-3000:]}\n{build.stderr[-3000:]}")
            self.assertIn("install_kernel: kernel 'java'", build.stdout)

            specs = run_as_user([venv / "bin" / "jupyter", "kernelspec", "list", "--json"], env, repo, timeout=120)
            self.assertEqual(specs.returncode, 0, specs.stderr)
            java = json.loads(specs.stdout)["kernelspecs"]["java"]
            self.assertEqual(Path(java["resource_dir"]).resolve(), (venv / "share/jupyter/kernels/java").resolve())
            classpath = java["spec"]["env"]["JJAVA_CLASSPATH"]
            # --install-lib: the jars live in the environment, outside the home a hub's volume hides (issue 33)
            installed = (venv / "share/deepnets-course/lib/deepnets.jar").resolve()
            self.assertIn(str(installed), classpath)
            self.assertTrue(installed.is_file())
            self.assertNotIn(str(repo.resolve()), json.dumps(java["spec"]))

            config = run_as_user([venv / "bin" / "python", "-c",
                                  "from jupyter_server.serverapp import ServerApp; a = ServerApp(); "
                                  "a.load_config_file(); print(a.config.MappingKernelManager.default_kernel_name)"],
                                 env, repo, timeout=120)
            self.assertEqual(config.stdout.strip(), "java", config.stderr)

            script = tmp / "execute.py"
            script.write_text(EXECUTE, encoding="utf-8")
            chown_tree(script)
            ran = run_as_user([venv / "bin" / "python", script, repo / FIRST, repo / "notebooks"], env, repo,
                              timeout=600)
            self.assertEqual(ran.returncode, 0, ran.stderr[-3000:])
            result = json.loads(ran.stdout.strip().splitlines()[-1])
            # The student copy of 00: its exercise stubs throw NotImplementedYet, which is all that may fail.
            unexpected = [e for e in result["errors"] if "NotImplementedYet" not in e]
            self.assertEqual(unexpected, [], result)
            self.assertEqual(result["stderr"], [], result)
            self.assertEqual(result["executed"], result["code_cells"], result)
            self.assertGreaterEqual(result["images"], 1, result)
            self.assertGreaterEqual(result["tables"], 1, result)
            print(f"\nbinder steps: postBuild ok as uid {NOBODY if as_root() else os.geteuid()}; {FIRST}: "
                  f"{result['executed']}/{result['code_cells']} cells, {result['images']} image(s), "
                  f"{result['tables']} table(s), {len(result['errors'])} stub error(s)", file=sys.stderr)

            self.hub_phase(tmp, repo, home, venv, env)

    def hub_phase(self, tmp: Path, repo: Path, home: Path, venv: Path, env: dict):
        """A persistent volume over the home, the checkout hidden; nbgitpuller pulls; two notebooks run."""
        if not shutil.which("bwrap"):
            raise unittest.SkipTest("no bubblewrap: the hub simulation mounts a volume over the home with it")
        origin = tmp / "origin"
        shutil.copytree(repo, origin, ignore=shutil.ignore_patterns("target", "__pycache__", ".venv"))
        git = ["git", "-C", str(origin), "-c", "user.name=t", "-c", "user.email=t@example.edu"]
        for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "course"]):
            subprocess.run(git + args, check=True, capture_output=True)
        volume = tmp / "volume"
        volume.mkdir()
        chown_tree(origin)
        chown_tree(volume)
        port, token = 18000 + os.getpid() % 1000, "hub-simulation-token"
        server = subprocess.Popen(user_prefix() + [
            "bwrap", "--bind", "/", "/", "--dev", "/dev", "--bind", str(volume), str(home), "--tmpfs", str(repo),
            "--unshare-user", "--die-with-parent", "--chdir", str(home), "--",
            str(venv / "bin" / "jupyter-server"), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={home}"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            client = tmp / "hub_client.py"
            client.write_text(HUB_CLIENT, encoding="utf-8")
            done = subprocess.run([sys.executable, str(client), f"http://127.0.0.1:{port}", token,
                                   f"file://{origin}", "deepnets-course", str(volume)],
                                  capture_output=True, text=True, timeout=1200)
        finally:
            server.terminate()
            try:
                out, _ = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                out, _ = server.communicate()
        self.assertEqual(done.returncode, 0, f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}\nserver:\n{out[-3000:]}")
        report = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertTrue((volume / "deepnets-course" / FIRST).is_file(), report)   # pulled into the volume
        self.assertFalse(any(volume.glob("deepnets-course/lib/target")), "the library was built in the home")
        first = report["notebooks/00-start-here.ipynb"]
        self.assertEqual([e for e in first["errors"] if "NotImplementedYet" not in e], [], first)
        self.assertEqual(first["stderr"], [], first)
        self.assertGreaterEqual(first["images"], 1, first)
        student = report["notebooks/02-appropriate-scale.ipynb"]
        # the student copy: only the checks of the exercises not yet written fail, on NotImplementedYet
        self.assertTrue(student["errors"], student)
        self.assertEqual([e for e in student["errors"] if "NotImplementedYet" not in e], [], student)
        self.assertEqual(student["stderr"], [], student)
        print(f"binder steps: hub simulation ok: pulled by nbgitpuller into an empty home; 00: {first['cells']} cells, "
              f"{first['images']} image(s); 02 (student copy): {len(student['errors'])} stub error(s), nothing else",
              file=sys.stderr)


HUB_CLIENT = textwrap.dedent(r"""
    # Drives a Jupyter Server as JupyterLab would: nbgitpuller's pull, then notebooks cell by cell over the kernel's
    # websocket. Prints one JSON line: per notebook, its errors, stderr lines, images and code cells.
    import asyncio, json, sys, urllib.parse, urllib.request, uuid
    import nbformat
    from tornado.websocket import websocket_connect

    base, token, repo, target, volume = sys.argv[1:6]
    auth = {"Authorization": f"token {token}"}

    def http(method, path, body=None):
        req = urllib.request.Request(base + path, method=method, headers=dict(auth, **{"Content-Type": "application/json"}),
                                     data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(req, timeout=600) as r:
            return json.loads(r.read() or b"null")

    for _ in range(240):                       # the server starting up
        try:
            http("GET", "/api/status")
            break
        except Exception:
            import time; time.sleep(0.5)
    query = urllib.parse.urlencode({"repo": repo, "branch": "main", "targetpath": target})
    events = urllib.request.urlopen(urllib.request.Request(f"{base}/git-pull/api?{query}", headers=auth),
                                    timeout=600).read().decode()
    phases = [json.loads(line[5:]) for line in events.splitlines() if line.startswith("data:")]
    if not phases or phases[-1].get("phase") != "finished":
        sys.exit(f"nbgitpuller did not finish: {phases[-3:]}")

    async def run(path):
        session = http("POST", "/api/sessions", {"path": f"{target}/{path}", "type": "notebook", "name": "",
                                                 "kernel": {"name": "java"}})
        kid = session["kernel"]["id"]
        nb = nbformat.read(f"{volume}/{target}/{path}", as_version=4)
        ws = await websocket_connect(f"{base.replace('http', 'ws')}/api/kernels/{kid}/channels?token={token}")
        out = {"errors": [], "stderr": [], "images": 0, "cells": 0}
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            out["cells"] += 1
            msg_id = uuid.uuid4().hex
            await ws.write_message(json.dumps({"channel": "shell", "header": {"msg_id": msg_id, "msg_type":
                "execute_request", "username": "t", "session": uuid.uuid4().hex, "version": "5.3"},
                "parent_header": {}, "metadata": {}, "content": {"code": cell.source, "silent": False,
                "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": False}}))
            replied = idle = False
            while not (replied and idle):
                msg = json.loads(await asyncio.wait_for(ws.read_message(), 300))
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["header"]["msg_type"], msg["content"]
                if kind == "execute_reply":
                    replied = True
                elif kind == "status" and content.get("execution_state") == "idle":
                    idle = True
                elif kind == "error":
                    out["errors"].append(f"cell {i}: {content['ename']}: {content['evalue'][:200]}")
                elif kind == "stream" and content.get("name") == "stderr":
                    out["stderr"].append(f"cell {i}: {content['text'][:200]}")
                elif kind in ("display_data", "execute_result"):
                    out["images"] += "image/png" in content.get("data", {})
        ws.close()
        http("DELETE", f"/api/sessions/{session['id']}")
        return out

    async def main():
        return {p: await run(p) for p in ("notebooks/00-start-here.ipynb", "notebooks/02-appropriate-scale.ipynb")}
    print(json.dumps(asyncio.run(main())))
""")


class PostBuildRefuses(unittest.TestCase):
    """Without a usable JDK or Python, postBuild stops with the Makefile's own message, before installing."""

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="binder-refuses-"))
        self.bin = self.tmp / "bin"
        self.bin.mkdir()
        for tool in ("make", "sed", "bash", "env", "id"):
            found = shutil.which(tool)
            if found:
                (self.bin / tool).symlink_to(found)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def fake(self, name, script):
        path = self.bin / name
        path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
        path.chmod(0o755)

    def real_python(self):
        (self.bin / "python3").symlink_to(os.path.realpath(sys.executable))

    def refuses(self, check: str, expected: str):
        env = {"PATH": str(self.bin), "HOME": str(self.tmp), "LANG": "C.UTF-8"}
        ran = subprocess.run(["/bin/bash", str(ROOT / ".binder" / "postBuild")], env=env, cwd=self.tmp,
                             capture_output=True, text=True, timeout=120)
        direct = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), check, "PYTHON=python3"],
                                env=env, capture_output=True, text=True, timeout=120)
        self.assertNotEqual(ran.returncode, 0)
        self.assertNotEqual(direct.returncode, 0)
        self.assertIn(expected, ran.stderr)
        self.assertIn(direct.stderr.strip(), ran.stderr)
        self.assertNotIn("installing", ran.stdout)

    def test_no_java(self):
        self.real_python()
        self.refuses("check-java", "error: no 'java' on PATH")

    def test_jre_without_javac(self):
        self.real_python()
        self.fake("java", "echo '    java.specification.version = 17' >&2\n")
        self.refuses("check-java", "is a JRE without 'javac'")

    def test_java_too_old(self):
        self.real_python()
        self.fake("java", "echo '    java.specification.version = 11' >&2\n")
        self.fake("javac", "exit 0\n")
        self.refuses("check-java", "java on PATH is version 11; the course needs Java 17 or newer")

    def test_no_python(self):
        self.refuses("check-python", "error: no 'python3' on PATH")

    def test_python_too_old(self):
        self.fake("python3", 'case "$*" in *platform*) echo 3.8.10;; *) exit 1;; esac\n')
        self.refuses("check-python", "python3 is Python 3.8.10; the course needs Python 3.10 or newer")


if __name__ == "__main__":
    unittest.main(verbosity=2)
