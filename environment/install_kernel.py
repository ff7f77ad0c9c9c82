"""Points the JJava kernel inside the project's .venv at the course library.

`pip install jjava` puts the kernel in <venv>/share/jupyter/kernels/java/. This script rewrites that
kernel's kernel.json so that every notebook's JVM starts with
  - the course library and its dependencies on the classpath (JJAVA_CLASSPATH), and
  - the options in environment/jvm.options (JJAVA_JVM_OPTS), headless AWT first of all;
and it makes `java` the default kernel of Jupyter run from that environment (a new notebook from
JupyterLab's launcher starts it): MappingKernelManager.default_kernel_name in
<venv>/etc/jupyter/jupyter_server_config.json (merged into the file if it exists).
The same script serves `make setup` (<venv> = .venv) and Binder's postBuild (<venv> = the image's Python).
It is idempotent: running it twice gives the same file.

Usage: python environment/install_kernel.py <venv> <lib-target-dir>
"""
import json
import os
import sys
from pathlib import Path


def jvm_options(path: Path) -> str:
    options = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            options.append(line)
    return " ".join(options)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    venv = Path(sys.argv[1]).resolve()
    target = Path(sys.argv[2]).resolve()
    kernel_dir = venv / "share" / "jupyter" / "kernels" / "java"
    spec_path = kernel_dir / "kernel.json"
    if not spec_path.is_file():
        print(f"install_kernel: {spec_path} is missing: the jjava package did not install its kernel. "
              f"Run `make clean-venv` and then `make` again.", file=sys.stderr)
        return 1
    jar = target / "deepnets.jar"
    if not jar.is_file():
        print(f"install_kernel: {jar} is missing: build the library first (`make lib`).", file=sys.stderr)
        return 1
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    spec["display_name"] = "Java (JJava + course lib)"
    spec["env"] = {
        "JJAVA_CLASSPATH": os.pathsep.join([str(jar), str(target / "dependency" / "*")]),
        "JJAVA_JVM_OPTS": jvm_options(Path(__file__).with_name("jvm.options")),
    }
    spec_path.write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    # Jupyter reads <prefix>/etc/jupyter/jupyter_server_config.json for the environment it runs from
    # (its *.d/ folders hold extension switches only).
    config_path = venv / "etc" / "jupyter" / "jupyter_server_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8")) if config_path.is_file() else {}
    config.setdefault("MappingKernelManager", {})["default_kernel_name"] = "java"
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(f"install_kernel: kernel 'java' in {kernel_dir} now loads {jar.name} and its dependencies; "
          f"it is the default kernel for new notebooks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
