# How the course installs itself into its folder, shared by the project's Makefile and the student release's
# (tools/classroom/student/Makefile, which `make release` ships with this folder): the prerequisite checks,
# .venv/ with the Python tools, the library jar and the Java kernel, and how JupyterLab starts.
# Prerequisites: a JDK 17+ (java and javac on PATH) and Python 3.10+.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
ROOT := $(CURDIR)
# Jupyter looks here first, so a `java` kernel the user installed elsewhere cannot shadow the course's own.
export JUPYTER_PATH := $(ROOT)/$(VENV)/share/jupyter
export PYTHONDONTWRITEBYTECODE := 1

LIB_JAR := lib/target/deepnets.jar
LIB_SOURCES := $(shell find lib/src/main -type f 2>/dev/null) lib/pom.xml
VENV_STAMP := $(VENV)/.requirements-installed
KERNEL_STAMP := $(VENV)/.kernel-installed
FIRST_NOTEBOOK := notebooks/00-start-here.ipynb
# How JupyterLab starts, for `make lab` and for the browser test alike: local only, no news, no update checks.
# Jupyter refuses to run as root (containers, CI) unless told to; a normal user never needs the flag.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_OPTIONS := --ip=127.0.0.1 --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

check-java:
	@command -v java >/dev/null 2>&1 || { echo "error: no 'java' on PATH. The course needs a JDK 17 or newer (e.g. 'sudo apt-get install openjdk-17-jdk', or a Temurin JDK), then run make again." >&2; exit 1; }
	@command -v javac >/dev/null 2>&1 || { echo "error: 'java' is a JRE without 'javac'. The course needs a full JDK 17 or newer (the kernel uses jshell)." >&2; exit 1; }
	@v=$$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	 major=$${v#1.}; major=$${major%%.*}; \
	 if [ -z "$$major" ] || [ "$$major" -lt 17 ]; then echo "error: java on PATH is version $${v:-unknown}; the course needs Java 17 or newer. Install a newer JDK or put it first on PATH (JAVA_HOME/bin)." >&2; exit 1; fi

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: no '$(PYTHON)' on PATH. The course needs Python 3.10 or newer (with its venv module: 'sudo apt-get install python3 python3-venv')." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || { echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); the course needs Python 3.10 or newer (JupyterLab 4.6 requires it). Use PYTHON=python3.12 make ... to pick another." >&2; exit 1; }

$(VENV_STAMP): environment/requirements.txt | check-python check-java
	@echo "setup: creating $(VENV)/ and installing environment/requirements.txt (first time only)"
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu install python3-venv." >&2; exit 1; }
	@$(VPY) -m pip install --quiet --disable-pip-version-check -r environment/requirements.txt
	@touch $@

ifneq ($(wildcard lib/deepnets.jar),)
# The student release ships the library compiled (lib/deepnets.jar): its readable sources leave out the answers, so
# they are not built; only the library's dependencies are fetched, as the full build would.
$(LIB_JAR): lib/deepnets.jar lib/pom.xml | check-java
	@echo "setup: fetching the course library's dependencies (lib/) with the Maven Wrapper"
	@cd lib && ./mvnw --quiet --batch-mode dependency:copy-dependencies@copy-runtime-dependencies
	@mkdir -p lib/target && cp lib/deepnets.jar $(LIB_JAR)
else
$(LIB_JAR): $(LIB_SOURCES) | check-java
	@echo "setup: building the course library (lib/) with the Maven Wrapper"
	@cd lib && ./mvnw --quiet --batch-mode package -DskipTests
endif

$(KERNEL_STAMP): $(VENV_STAMP) $(LIB_JAR) environment/install_kernel.py environment/jvm.options environment/compiler-directives.json
	@$(VPY) environment/install_kernel.py $(VENV) lib/target
	@touch $@
