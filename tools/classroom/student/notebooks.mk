# The course's commands run in the course folder, one level up (where its README and Makefile are); this
# file only says so, e.g. when you type make in JupyterLab's terminal, which opens in notebooks/.
.DEFAULT_GOAL := help
WHERE = echo "error: run make in the course folder $(abspath ..), not in notebooks/:" >&2; \
	echo "  cd .. && make $(1)$(if $(NB), NB=notebooks/$(notdir $(NB)))" >&2; exit 2
Makefile: ;
help:
	@$(call WHERE,)
%:
	@$(call WHERE,$@)
