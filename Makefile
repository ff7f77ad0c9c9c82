# Improving deep networks - the course's two commands:
#   make lab    set everything up and open JupyterLab on the first notebook
#   make test   set everything up, run the library's tests, and execute every notebook headlessly
#   make bench  time the library's kernels next to NumPy (a few minutes; not part of make test)
# Prerequisites: a JDK 17+ (java and javac on PATH) and Python 3.10+. Everything else is installed
# into this folder: the Python tools into .venv/, the library into lib/target/.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

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
BENCH_STAMP := $(VENV)/.bench-requirements-installed
BENCH_JAR := bench/target/deepnets-bench.jar
BENCH_SOURCES := $(shell find bench/src -type f 2>/dev/null) bench/pom.xml
CELL_TIMEOUT ?= 120
PORT ?= 8888
FIRST_NOTEBOOK := notebooks/00-start-here.ipynb

.PHONY: help setup lab test test-lib test-notebooks bench bench-smoke student strip check-java check-python clean clean-venv

help:
	@echo "make lab             set up (first time only) and open JupyterLab on $(FIRST_NOTEBOOK)"
	@echo "make test            set up, run the library's unit tests and one quick pass of the benchmarks, execute every notebook headlessly"
	@echo "make bench           time the library's kernels next to NumPy and the memory bandwidth (~3 minutes)"
	@echo "make student         regenerate the student copies notebooks/*.ipynb from notebooks/solutions/"
	@echo "make strip           remove outputs from all notebooks (they are stored without outputs)"
	@echo "make test-notebooks  only execute the notebooks (NB=path/to/one.ipynb for a single one)"
	@echo "make clean           remove build output; make clean-venv also removes .venv/"

check-java:
	@command -v java >/dev/null 2>&1 || { echo "error: no 'java' on PATH. The course needs a JDK 17 or newer (e.g. 'sudo apt-get install openjdk-17-jdk', or a Temurin JDK), then run make again." >&2; exit 1; }
	@command -v javac >/dev/null 2>&1 || { echo "error: 'java' is a JRE without 'javac'. The course needs a full JDK 17 or newer (the kernel uses jshell)." >&2; exit 1; }
	@v=$$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'); \
	 major=$${v#1.}; major=$${major%%.*}; \
	 if [ -z "$$major" ] || [ "$$major" -lt 17 ]; then echo "error: java on PATH is version $${v:-unknown}; the course needs Java 17 or newer. Install a newer JDK or put it first on PATH (JAVA_HOME/bin)." >&2; exit 1; fi

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: no '$(PYTHON)' on PATH. The course needs Python 3.10 or newer (with its venv module: 'sudo apt-get install python3 python3-venv')." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || { echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); the course needs Python 3.10 or newer (JupyterLab 4.6 requires it). Use PYTHON=python3.12 make ... to pick another." >&2; exit 1; }

$(VENV_STAMP): environment/requirements.txt | check-python
	@echo "setup: creating $(VENV)/ and installing environment/requirements.txt (first time only)"
	@$(PYTHON) -m venv $(VENV) || { echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu install python3-venv." >&2; exit 1; }
	@$(VPY) -m pip install --quiet --disable-pip-version-check -r environment/requirements.txt
	@touch $@

$(LIB_JAR): $(LIB_SOURCES) | check-java
	@echo "setup: building the course library (lib/) with the Maven Wrapper"
	@cd lib && ./mvnw --quiet --batch-mode package -DskipTests

$(KERNEL_STAMP): $(VENV_STAMP) $(LIB_JAR) environment/install_kernel.py environment/jvm.options
	@$(VPY) environment/install_kernel.py $(VENV) lib/target
	@touch $@

setup: $(KERNEL_STAMP)

lab: setup
	@echo "lab: starting JupyterLab on 127.0.0.1 (token authentication on); press Ctrl-C twice to stop"
	@cd notebooks && ../$(VENV)/bin/jupyter lab --ip=127.0.0.1 --port=$(PORT) --ServerApp.port_retries=50 \
	    --LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
	    $(notdir $(FIRST_NOTEBOOK))

test-lib: | check-java
	@cd lib && ./mvnw --batch-mode --no-transfer-progress test

test-notebooks: setup
	@$(VPY) tools/test_notebooks.py --timeout $(CELL_TIMEOUT) $(NB)

# The benchmarks depend on the library as a Maven artifact, so it is installed into ~/.m2 first.
$(BENCH_JAR): $(LIB_SOURCES) $(BENCH_SOURCES) | check-java
	@echo "setup: installing the library into ~/.m2 and building the benchmarks (bench/) with the Maven Wrapper"
	@lib/mvnw --quiet --batch-mode -f lib/pom.xml install -DskipTests
	@lib/mvnw --quiet --batch-mode -f bench/pom.xml package
	@touch $@

$(BENCH_STAMP): $(VENV_STAMP) environment/requirements-bench.txt
	@echo "setup: installing environment/requirements-bench.txt (NumPy) into $(VENV)/"
	@$(VPY) -m pip install --quiet --disable-pip-version-check -r environment/requirements-bench.txt
	@touch $@

bench: $(BENCH_JAR) $(BENCH_STAMP)
	@$(VPY) bench/run_bench.py

bench-smoke: $(BENCH_JAR) $(BENCH_STAMP)
	@$(VPY) bench/run_bench.py --smoke

test: setup test-lib bench-smoke test-notebooks

student: $(VENV_STAMP)
	@$(VPY) tools/make_student.py

strip: $(VENV_STAMP)
	@$(VPY) tools/strip_outputs.py

clean:
	rm -rf build lib/target bench/target

clean-venv:
	rm -rf $(VENV)
