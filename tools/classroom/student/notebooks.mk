# The course's commands run in the course folder, one level up (where its README and Makefile are); this
# file only says so, e.g. when you type make in JupyterLab's terminal, which opens in notebooks/.
.DEFAULT_GOAL := help
Makefile: ;
help %:
	@echo "error: run make in the course folder $(abspath ..), not in notebooks/:" >&2
	@echo "  cd .. && make $(if $(filter help,$@),,$@)$(if $(NB), NB=notebooks/$(notdir $(NB)))" >&2
	@exit 2
