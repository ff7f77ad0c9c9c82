# Improving deep networks: the course's commands. `make` or `make help` lists them: the list is generated from
# the `## ` comments after the targets below, so this file is the one place that describes them.
# Prerequisites: a JDK 17+ (java and javac on PATH) and Python 3.10+. Everything else is installed
# into this folder: the Python tools into .venv/, the library into lib/target/.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# setup and its prerequisite checks, shared with the student release's Makefile
include environment/setup.mk

BENCH_STAMP := $(VENV)/.bench-requirements-installed
BENCH_JAR := tools/bench/target/deepnets-bench.jar
BENCH_SOURCES := $(shell find tools/bench/src -type f 2>/dev/null) tools/bench/pom.xml
CELL_TIMEOUT ?= 120
GRADE_TIMEOUT ?= 60
JOBS ?= 2
PORT ?= 8888
# The browser test: playwright-core from tools/e2e/package-lock.json drives the system's Chromium (CHROMIUM=path
# to use another). Per code cell, it expects the images and tables a headless run recorded in RECORDS.
CHROMIUM ?=
E2E_STAMP := tools/e2e/node_modules/.installed
RECORDS := build/notebook-outputs
E2E_NOTEBOOKS := $(if $(NB),$(NB),$(sort $(wildcard notebooks/solutions/*.ipynb)))
E2E_RECORDS := $(patsubst notebooks/solutions/%.ipynb,$(RECORDS)/%.json,$(filter notebooks/solutions/%,$(E2E_NOTEBOOKS)))

.PHONY: help setup lab test test-all test-slow test-lib test-tools test-notebooks grade e2e bench bench-smoke student strip check-java check-python check-browser clean clean-venv

help: ## list these commands
	@awk 'BEGIN { FS = ":[^#]*## " } /^##@ / { printf "\n%s\n", substr($$0, 5) } \
	      /^[a-z][a-z0-9-]*:.*## / { printf "  make %-16s %s\n", $$1, $$2 }' $(firstword $(MAKEFILE_LIST))
	@echo ""
	@echo "Options: NB=path/to/one.ipynb (grade, test-notebooks, e2e), PORT=8888 (lab), CHROMIUM=path (e2e)."

##@ For students

setup: $(KERNEL_STAMP) ## install the Python tools and the Java kernel into .venv/, build the library (first time only)

lab: setup ## set up (first time only) and open JupyterLab on notebooks/00-start-here.ipynb
	@echo "lab: starting JupyterLab on 127.0.0.1 (token authentication on); press Ctrl-C twice to stop"
	@echo "lab: your browser opens $(FIRST_NOTEBOOK); if none opens, paste the http://127.0.0.1:...?token=... URL below into one"
	@cd notebooks && ../$(VENV)/bin/jupyter lab $(LAB_OPTIONS) $(ALLOW_ROOT) --port=$(PORT) --ServerApp.port_retries=50 \
	    $(notdir $(FIRST_NOTEBOOK))

test: setup test-lib test-tools test-notebooks ## set up, then run the library's tests (every exercise's check, mistakes and held-out check among them), the grader's tests and every notebook headlessly (~5 minutes)

# Exit status 0 whenever grading ran, whatever the score; 2 when it could not run.
grade: setup ## grade your notebooks/*.ipynb exercise by exercise; feedback in notebooks/feedback/ (NB=path/to/one.ipynb for one)
	@$(VPY) tools/grade.py --timeout $(GRADE_TIMEOUT) $(NB)

##@ For instructors and maintainers (docs/instructors.md, docs/testing.md, docs/benchmarks.md)

test-lib: | check-java ## only the library's unit tests (JUnit)
	@cd lib && ./mvnw --batch-mode --no-transfer-progress test

test-tools: setup ## only the grader's tests (tools/tests/)
	@$(VPY) -m unittest discover --start-directory tools/tests

test-notebooks: setup ## only execute the notebooks headlessly (NB=path/to/one.ipynb for one)
	@$(VPY) tools/test_notebooks.py --timeout $(CELL_TIMEOUT) --jobs $(JOBS) --record $(RECORDS) $(NB)

# The slower suites (issue 34): `make test` is what a newcomer runs to learn that the set-up works; CI runs both.
test-all: test test-slow ## make test, then the benchmarks' smoke run and the Binder, site and classroom suites (what CI runs before make e2e)

test-slow: bench-smoke ## only the suites beyond make test: benchmarks' smoke run, Binder, site, classroom

check-browser:
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { echo "error: the browser test needs Node.js 20 or newer with npm (e.g. from https://nodejs.org or your package manager), then run make e2e again." >&2; exit 1; }
	@node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' || { echo "error: node on PATH is $$(node --version); the browser test (playwright-core) needs Node.js 20 or newer." >&2; exit 1; }
	@if [ -n "$(CHROMIUM)" ]; then test -x "$(CHROMIUM)" || { echo "error: CHROMIUM=$(CHROMIUM) is not an executable file." >&2; exit 1; }; \
	 else command -v chromium >/dev/null 2>&1 || { echo "error: no 'chromium' on PATH. The browser test uses the system's Chromium and never downloads one. Install it with 'sudo apt-get install chromium' (Debian), or run 'make e2e CHROMIUM=/path/to/chromium' to use another Chromium or Chrome." >&2; exit 1; }; fi

$(E2E_STAMP): tools/e2e/package.json tools/e2e/package-lock.json | check-browser
	@echo "setup: installing playwright-core into tools/e2e/node_modules (no browser is downloaded)"
	@cd tools/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A source notebook's headless record is refreshed when the notebook or the library changed since `make test`.
$(RECORDS)/%.json: notebooks/solutions/%.ipynb $(KERNEL_STAMP)
	@echo "e2e: running $< headlessly first, to know which images and tables it shows"
	@$(VPY) tools/test_notebooks.py --timeout $(CELL_TIMEOUT) --jobs 1 --record $(RECORDS) $<

e2e: check-browser setup $(E2E_STAMP) $(E2E_RECORDS) ## run every source notebook in JupyterLab in headless Chromium (needs chromium, Node.js 20+)
	@CHROMIUM="$(CHROMIUM)" LAB_OPTIONS="$(LAB_OPTIONS)" node tools/e2e/run.mjs $(NB)

# The benchmarks depend on the library as a Maven artifact, so it is installed into ~/.m2 first.
$(BENCH_JAR): $(LIB_SOURCES) $(BENCH_SOURCES) | check-java
	@echo "setup: installing the library into ~/.m2 and building the benchmarks (tools/bench/) with the Maven Wrapper"
	@lib/mvnw --quiet --batch-mode -f lib/pom.xml install -DskipTests
	@lib/mvnw --quiet --batch-mode -f tools/bench/pom.xml package
	@touch $@

$(BENCH_STAMP): $(VENV_STAMP) environment/requirements-bench.txt
	@echo "setup: installing environment/requirements-bench.txt (NumPy) into $(VENV)/"
	@$(VPY) -m pip install --quiet --disable-pip-version-check -r environment/requirements-bench.txt
	@touch $@

bench: $(KERNEL_STAMP) $(BENCH_JAR) $(BENCH_STAMP) ## time the library's kernels next to NumPy, then every notebook and the kernel's start (~10 minutes)
	@$(VPY) tools/bench/run_bench.py

bench-smoke: $(KERNEL_STAMP) $(BENCH_JAR) $(BENCH_STAMP) ## every benchmark once, to prove that they build and run (part of make test-all)
	@$(VPY) tools/bench/run_bench.py --smoke

student: $(VENV_STAMP) ## regenerate the student copies notebooks/*.ipynb from notebooks/solutions/
	@$(VPY) tools/make_student.py

strip: $(VENV_STAMP) ## remove outputs from all notebooks (they are stored without outputs)
	@$(VPY) tools/strip_outputs.py

clean: ## remove build output (build/, lib/target/, tools/bench/target/)
	rm -rf build lib/target tools/bench/target

clean-venv: ## also remove .venv/ and tools/e2e/node_modules/
	rm -rf $(VENV) tools/e2e/node_modules

##@ Opening the course anywhere (README: Open the course anywhere)

# ---- Open the course anywhere (issue 16): Binder, the static site, the student's view in the browser ----
# `make site` executes every source notebook and writes build/site/ with nbconvert; AUDIENCE=class publishes
# the student copies instead (no worked solutions). MathJax and the Vega libraries come from npm into
# tools/site/node_modules and are copied into the site, so its pages load nothing from outside.
AUDIENCE ?= all
SITE_STAMP := tools/site/node_modules/.installed

.PHONY: site site-assets test-binder test-site e2e-site e2e-student

site-assets:
	@if [ -f $(SITE_STAMP) ] && [ $(SITE_STAMP) -nt tools/site/package-lock.json ]; then :; \
	 elif command -v npm >/dev/null 2>&1; then echo "setup: installing MathJax and Vega into tools/site/node_modules"; \
	   (cd tools/site && npm ci --no-audit --no-fund --loglevel=error) && touch $(SITE_STAMP); \
	 else echo "site: no npm on PATH: formulas stay TeX and Vega-Lite charts show their PNG fallback (install Node.js 20+ for the full site)"; fi

site: setup site-assets ## write the course as a website in build/site/ (AUDIENCE=class: without the worked solutions)
	@$(VPY) tools/site.py --audience $(AUDIENCE) --out build/site --timeout $(CELL_TIMEOUT) --jobs $(JOBS)

test-binder: setup ## run Binder's postBuild as an unprivileged user with a fresh HOME and venv, then a notebook
	@$(VPY) -m unittest tools/tests/binder_steps.py

test-site: setup site-assets ## build both editions of the site and check them (no solutions in the class edition)
	@$(VPY) tools/site.py --audience all --out build/site --timeout $(CELL_TIMEOUT) --jobs $(JOBS)
	@$(VPY) tools/site.py --audience class --out build/site-class --timeout $(CELL_TIMEOUT) --jobs $(JOBS)
	@$(VPY) -m unittest tools/tests/site_checks.py

test-slow: test-binder test-site

e2e-site: check-browser $(E2E_STAMP) test-site ## open every page of the site in Chromium: no console errors, images, links
	@CHROMIUM="$(CHROMIUM)" node tools/e2e/site.mjs build/site build/site-class build/site-sample

e2e-student: check-browser setup $(E2E_STAMP) $(E2E_RECORDS) ## run every student copy in JupyterLab; type one solution in and pass its check
	@CHROMIUM="$(CHROMIUM)" LAB_OPTIONS="$(LAB_OPTIONS)" node tools/e2e/student.mjs

e2e: e2e-site e2e-student

##@ Teaching a class (docs/classroom.md)

# Classroom (issue 15): a student release, grading a whole class in sandboxes, Gradescope. docs/classroom.md
# explains the workflow. Code: tools/classroom/; heavy tests: tools/tests/{release_check,hostile_submissions,
# class_run,gradescope_check}.py.
# JOBS given on the command line or in the environment wins; else one worker per core.
CLASS_JOBS := $(if $(filter command line environment,$(origin JOBS)),$(JOBS),$(shell nproc 2>/dev/null || echo 2))
SUBMISSIONS ?=
UNSANDBOXED ?=
NOTEBOOKS ?=
# issue 33: SHARD=k/N grades a share of the class; ROSTER / ASSIGNMENTS name the LMS roster and mapping files.
SHARD ?=
ROSTER ?=
ASSIGNMENTS ?=

.PHONY: merge-gradebooks lms-export similarity hub-link update
# make update runs on a hub too, where the image's Python (with nbformat) replaces .venv/.
UPDATE_PY = $(if $(wildcard $(VPY)),$(VPY),$(PYTHON))
.PHONY: answers release grade-class gradescope test-classroom test-release test-hostile test-class test-gradescope

answers: $(VENV_STAMP) ## write build/answers/...-answers.zip for after the deadline: the worked notebooks and the library's full sources
	@$(VPY) tools/classroom/answers.py

release: $(VENV_STAMP) $(LIB_JAR) ## write the student distribution build/release/improving-deep-networks/ and its .zip (no solutions)
	@$(VPY) tools/classroom/release.py

grade-class: setup ## grade SUBMISSIONS=DIR/<student>/NN-name.ipynb in parallel (JOBS), sandboxed; writes DIR/gradebook.csv and DIR/lms/ (ROSTER=, ASSIGNMENTS=; SHARD=k/N for a share)
	@test -n "$(SUBMISSIONS)" || { echo "error: say which folder: make grade-class SUBMISSIONS=path/to/class (one folder per student inside)" >&2; exit 2; }
	@$(VPY) tools/classroom/grade_class.py "$(SUBMISSIONS)" --jobs $(CLASS_JOBS) --timeout $(GRADE_TIMEOUT) \
	    $(if $(filter-out 0,$(UNSANDBOXED)),--unsandboxed,) $(if $(SHARD),--shard $(SHARD),) \
	    $(if $(ROSTER),--roster "$(ROSTER)",) $(if $(ASSIGNMENTS),--assignments "$(ASSIGNMENTS)",)

merge-gradebooks: $(VENV_STAMP) ## merge the shards of grade-class SHARD=k/N into SUBMISSIONS=DIR's gradebook, feedback and LMS files
	@test -n "$(SUBMISSIONS)" || { echo "error: say which folder: make merge-gradebooks SUBMISSIONS=path/to/class" >&2; exit 2; }
	@$(VPY) tools/classroom/merge_gradebooks.py "$(SUBMISSIONS)" $(if $(ROSTER),--roster "$(ROSTER)",) \
	    $(if $(ASSIGNMENTS),--assignments "$(ASSIGNMENTS)",)

update: ## bring newer notebooks into notebooks/, keeping your exercise code (NEW=folder of them, or from git: GIT=ref, default the upstream branch after a git fetch)
	@if [ -n "$(NEW)" ]; then $(UPDATE_PY) tools/classroom/update.py notebooks --new "$(NEW)"; \
	else git fetch --quiet && $(UPDATE_PY) tools/classroom/update.py notebooks --git "$(or $(GIT),@{upstream})"; fi

hub-link: ## print the nbgitpuller link that hands this course to the users of HUB=https://hub.example.edu (REPO=, BRANCH= to override)
	@test -n "$(HUB)" || { echo "error: say which hub: make hub-link HUB=https://hub.example.edu" >&2; exit 2; }
	@$(PYTHON) tools/classroom/hub_link.py "$(HUB)" $(if $(REPO),--repo "$(REPO)",) $(if $(BRANCH),--branch "$(BRANCH)",)

similarity: $(VENV_STAMP) ## JPlag over SUBMISSIONS=DIR's exercise cells and the library's solving methods; DIR/similarity/ (needs a JDK 21+)
	@test -n "$(SUBMISSIONS)" || { echo "error: say which folder: make similarity SUBMISSIONS=path/to/class" >&2; exit 2; }
	@$(VPY) tools/classroom/similarity.py "$(SUBMISSIONS)"

lms-export: $(VENV_STAMP) ## write SUBMISSIONS=DIR/lms/ (Canvas, Moodle, feedback bundles) again, e.g. after the roster changed
	@test -n "$(SUBMISSIONS)" || { echo "error: say which folder: make lms-export SUBMISSIONS=path/to/class" >&2; exit 2; }
	@$(VPY) tools/classroom/lms.py "$(SUBMISSIONS)" $(if $(ROSTER),--roster "$(ROSTER)",) \
	    $(if $(ASSIGNMENTS),--assignments "$(ASSIGNMENTS)",)

gradescope: $(VENV_STAMP) ## build build/gradescope/autograder.zip for Gradescope (NOTEBOOKS="NN-name.ipynb ..." to grade only those)
	@$(VPY) tools/classroom/gradescope.py build $(if $(NOTEBOOKS),--notebooks $(NOTEBOOKS),)

test-classroom: test-release test-hostile test-class test-gradescope ## all four classroom test suites (make test-all runs them)

test-slow: test-classroom

test-release: setup ## build the release, unpack it fresh; there run check, test, grade, submit, fresh and lab as a student (~10 min)
	@$(VPY) -m unittest tools/tests/release_check.py

test-hostile: setup ## grade a class of hostile submissions in the sandbox (skipped without bubblewrap)
	@$(VPY) -m unittest tools/tests/hostile_submissions.py

test-class: setup ## grade 34 synthetic submissions: scores, bad input, Ctrl-C and resume, re-grading by content hash
	@$(VPY) -m unittest tools/tests/class_run.py

test-gradescope: setup ## run the autograder.zip's setup.sh and run_autograder in a temporary /autograder, within Gradescope's 768 MB and half a CPU (a cgroup; root); check results.json (~10 min)
	@$(VPY) -m unittest tools/tests/gradescope_check.py
