"""The kernel's heap in a container.

ContainerLimits and SandboxedHeap (no root needed): tools/classroom/container.py reads the memory limit and CPU quota
from fake cgroup v1 and v2 trees as a JVM would, and the sandboxed kernel's options carry them (-Xmx, processors).

ContainerHeap: install_kernel.py --heap-from-container, in a 768 MiB memory cgroup (Gradescope's default container size):
with the options it writes, a JVM that allocates without end gets an OutOfMemoryError it can report, within half
of the limit; with the fixed -Xmx2g of environment/jvm.options the same program is killed by the kernel's OOM
killer, which is the failure the option exists to prevent.

  .venv/bin/python -m unittest tools/tests/test_container_heap.py     (about 10 s; skipped unless root with a
                                                                        writable cgroup v1 memory controller)
The cgroup is /sys/fs/cgroup/memory/deepnets-heap-<pid>; it is removed afterwards.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "classroom"))

import container  # noqa: E402
import sandbox  # noqa: E402
CGROUPS = Path("/sys/fs/cgroup/memory")
LIMIT = 768 * 1024 * 1024

ALLOC = """
import java.util.ArrayList;
import java.util.List;
public class Alloc {
    public static void main(String[] args) {
        System.out.println("max heap MiB " + Runtime.getRuntime().maxMemory() / (1 << 20));
        List<byte[]> hold = new ArrayList<>();
        try {
            while (true) {
                byte[] chunk = new byte[16 << 20];
                for (int i = 0; i < chunk.length; i += 4096) chunk[i] = 1;   // touch it: really resident
                hold.add(chunk);
            }
        } catch (OutOfMemoryError e) {
            int held = hold.size() * 16;
            hold = null;
            System.out.println("OutOfMemoryError after " + held + " MiB: " + e.getMessage());
        }
    }
}
"""


def cgroup_usable() -> bool:
    return os.geteuid() == 0 and (CGROUPS / "memory.limit_in_bytes").is_file() and os.access(CGROUPS, os.W_OK)


@unittest.skipUnless(cgroup_usable(), "needs root and the cgroup v1 memory controller at /sys/fs/cgroup/memory")
class ContainerHeap(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        venv = tmp / "venv"
        kernel = venv / "share" / "jupyter" / "kernels" / "java"
        kernel.mkdir(parents=True)
        (kernel / "kernel.json").write_text(json.dumps({"argv": ["java"], "env": {}}), encoding="utf-8")
        target = tmp / "target"
        (target / "dependency").mkdir(parents=True)
        (target / "deepnets.jar").write_bytes(b"jar")
        done = subprocess.run([sys.executable, str(ROOT / "environment" / "install_kernel.py"), str(venv), str(target),
                               "--heap-from-container"], capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, COURSE_NO_CDS="1"))
        assert done.returncode == 0, done.stdout + done.stderr
        cls.options = json.loads((kernel / "kernel.json").read_text(encoding="utf-8"))["env"]["JJAVA_JVM_OPTS"].split()
        (tmp / "Alloc.java").write_text(ALLOC, encoding="utf-8")
        cls.program = tmp / "Alloc.java"
        cls.cgroup = CGROUPS / f"deepnets-heap-{os.getpid()}"
        cls.cgroup.mkdir()
        (cls.cgroup / "memory.limit_in_bytes").write_text(str(LIMIT))
        swap = cls.cgroup / "memory.memsw.limit_in_bytes"
        if swap.is_file():
            swap.write_text(str(LIMIT))            # no swapping out of the limit either

    @classmethod
    def tearDownClass(cls):
        try:
            cls.cgroup.rmdir()
        except OSError:
            pass
        cls.tmp.cleanup()

    def run_in_cgroup(self, options):
        return subprocess.run(["sh", "-c", f'echo $$ > {self.cgroup}/cgroup.procs && exec "$@"', "sh", "java",
                               *options, str(self.program)], capture_output=True, text=True, timeout=300)

    def test_options_have_no_fixed_heap(self):
        self.assertFalse([o for o in self.options if o.startswith("-Xmx")], self.options)
        self.assertIn("-XX:MaxRAMPercentage=50", self.options)

    def test_out_of_memory_is_a_java_error_within_half_the_limit(self):
        done = self.run_in_cgroup(self.options)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("OutOfMemoryError after", done.stdout)
        heap = int(done.stdout.split("max heap MiB ")[1].split()[0])
        self.assertLessEqual(heap, 768 // 2)
        self.assertGreater(heap, 768 // 4)          # the container's limit, not the machine's memory or a default
        print(f"\ncontainer heap: {done.stdout.strip().splitlines()[-1]} (max heap {heap} MiB in 768 MiB)",
              file=sys.stderr)

    def test_the_fixed_heap_is_killed_instead(self):
        fixed = [o for o in self.options if not o.startswith("-XX:MaxRAMPercentage")] + ["-Xmx2g"]
        done = self.run_in_cgroup(fixed)
        self.assertIn(done.returncode, (-9, 137), done.stdout + done.stderr)
        self.assertNotIn("OutOfMemoryError", done.stdout)


def tree(root: Path, files: dict):
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


class ContainerLimits(unittest.TestCase):
    def limits(self, files: dict, own: dict):
        with tempfile.TemporaryDirectory() as tmp:
            tree(Path(tmp), files)
            with mock.patch.object(container, "CGROUP", Path(tmp)), \
                    mock.patch.object(container, "_own_paths", return_value=own):
                return container.memory_limit(), container.cpu_limit(), container.processors()

    def test_v1_the_smallest_limit_on_the_way_up(self):
        files = {"memory/memory.limit_in_bytes": "9223372036854771712",
                 "memory/grader/memory.limit_in_bytes": str(LIMIT),
                 "memory/grader/box/memory.limit_in_bytes": "9223372036854771712",
                 "cpu/cpu.cfs_quota_us": "-1", "cpu/cpu.cfs_period_us": "100000",
                 "cpu/grader/cpu.cfs_quota_us": "50000", "cpu/grader/cpu.cfs_period_us": "100000"}
        memory, cpus, processors = self.limits(files, {"memory": "/grader/box", "cpu": "/grader", "": "/"})
        self.assertEqual((memory, cpus, processors), (LIMIT, 0.5, 1))

    def test_v1_without_limits(self):
        files = {"memory/memory.limit_in_bytes": "9223372036854771712", "cpu/cpu.cfs_quota_us": "-1",
                 "cpu/cpu.cfs_period_us": "100000"}
        memory, cpus, _ = self.limits(files, {"memory": "/", "cpu": "/"})
        self.assertEqual((memory, cpus), (None, None))

    def test_v1_in_a_container_whose_path_is_not_mounted(self):
        # Docker without a cgroup namespace: /proc/self/cgroup names /docker/<id>; the container's own cgroup is
        # mounted at the root of /sys/fs/cgroup/<controller>
        files = {"memory/memory.limit_in_bytes": str(LIMIT), "cpu/cpu.cfs_quota_us": "150000",
                 "cpu/cpu.cfs_period_us": "100000"}
        memory, cpus, _ = self.limits(files, {"memory": "/docker/abc", "cpu": "/docker/abc"})
        self.assertEqual((memory, cpus), (LIMIT, 1.5))

    def test_v2(self):
        files = {"cgroup.controllers": "cpu memory pids", "memory.max": "max", "cpu.max": "max 100000",
                 "course/memory.max": str(LIMIT), "course/cpu.max": "50000 100000",
                 "course/grader/memory.max": "max", "course/grader/cpu.max": "max 100000"}
        memory, cpus, processors = self.limits(files, {"": "/course/grader"})
        self.assertEqual((memory, cpus, processors), (LIMIT, 0.5, 1))


class SandboxedHeap(unittest.TestCase):
    def options(self, memory, cpus, kernels=1, jvm="-Djava.awt.headless=true -XX:MaxRAMPercentage=50"):
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp) / "java"
            base.mkdir()
            target = ROOT / "lib" / "target"
            (base / "kernel.json").write_text(json.dumps({
                "argv": ["java"], "env": {"JJAVA_CLASSPATH": f"{target}/deepnets.jar", "JJAVA_JVM_OPTS": jvm}}))
            with mock.patch.object(container, "memory_limit", return_value=memory), \
                    mock.patch.object(container, "cpu_limit", return_value=cpus), \
                    mock.patch.object(container, "processors", return_value=1 if cpus else 2):
                out = sandbox.kernel_spec(base, Path(tmp) / "spec", 0, kernels=kernels)
            config = json.loads((out / "kernels" / sandbox.KERNEL_NAME / "sandbox.json").read_text())
        return config["env"]["JJAVA_JVM_OPTS"].split()

    def test_half_of_the_container_and_its_processors(self):
        options = self.options(LIMIT, 0.5)
        self.assertEqual([o for o in options if o.startswith(("-Xmx", "-XX:MaxRAM", "-XX:ActiveProcessorCount"))],
                         ["-XX:ActiveProcessorCount=1", "-Xmx384m"])

    def test_kernels_graded_at_once_share_it(self):
        self.assertIn("-Xmx192m", self.options(LIMIT, None, kernels=2))

    def test_no_container_keeps_the_sandbox_heap(self):
        options = self.options(None, None, jvm="-Xmx2g")
        self.assertEqual([o for o in options if o.startswith(("-Xmx", "-XX:ActiveProcessorCount"))],
                         [f"-Xmx{sandbox.Limits().heap_mib}m"])


if __name__ == "__main__":
    unittest.main()
