"""install_kernel.py --heap-from-container, in a 768 MiB memory cgroup (Gradescope's default container size):
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

ROOT = Path(__file__).resolve().parents[2]
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


if __name__ == "__main__":
    unittest.main()
