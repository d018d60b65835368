# uncac-needs — `make help` lists what you can do.
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV    := .venv
PY      := $(VENV)/bin/python
CLI     := $(VENV)/bin/uncac-needs
STAMP   := $(VENV)/.installed
# JupyterLab lives apart from the project's environment (its packages slow nbformat's checks in every run)
LAB     := .venv-lab

# Variables a user may give (make report RAW=... CUTOFF=...). Each reaches the command its target names;
# paths are quoted, so they may hold spaces. `report` passes only the ones given: with none, the default
# session; with SESSION, that session; with RAW and CUTOFF and no SESSION, a draft at that cutoff.
SESSION  ?= sessions/2020-irg-11-2.yaml
RAW      ?= data/raw/ta_needs_sample.xlsx
CUTOFF   ?= 2020-09-30
PREVIOUS ?= 2019-08-31
OUT      ?= data/processed

given = $(filter command line environment,$(origin $(1)))
RUN_ARGS = $(if $(call given,SESSION),"$(SESSION)") $(if $(call given,RAW),--raw "$(RAW)") \
           $(if $(call given,CUTOFF),--cutoff "$(CUTOFF)") $(if $(call given,PREVIOUS),--previous-cutoff "$(PREVIOUS)") \
           $(if $(call given,OUT),--out "$(OUT)")
STATS_ARGS = --raw "$(RAW)" --cutoff "$(CUTOFF)" $(if $(PREVIOUS),--previous-cutoff "$(PREVIOUS)")

.PHONY: help setup report stats-files preview check sample clean-data stats test bench bench-run lab mutation

help: ## list the targets and what they do
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-11s %s\n", $$1, $$2}'
	@echo "  Variables: SESSION=$(SESSION) RAW=$(RAW) CUTOFF=$(CUTOFF) PREVIOUS=$(PREVIOUS) OUT=$(OUT)"
	@echo "  make report takes only the variables you give: SESSION (a session file), or RAW and CUTOFF (and"
	@echo "  PREVIOUS) for a draft of your own workbook, and OUT for the report folder."

$(STAMP): pyproject.toml scripts/setup.sh
	bash scripts/setup.sh

setup: $(STAMP) ## install the system packages and the pinned Python environment (.venv)

report: $(STAMP) ## render a report, both languages, HTML and PDF (default: the 2020 session, into reports/2020-irg-11-2/)
	$(CLI) run $(strip $(RUN_ARGS))

stats-files: $(STAMP) ## clean RAW into OUT and write its statistics at CUTOFF (no report)
	$(CLI) clean --raw "$(RAW)" --out "$(OUT)"
	$(CLI) stats $(STATS_ARGS) --out "$(OUT)/statistics.json" --xlsx "$(OUT)/statistics.xlsx"

preview: $(STAMP) ## serve SESSION on http://127.0.0.1:8000/ while you edit its narrative (no PDF; Ctrl-C stops)
	$(CLI) preview "$(SESSION)"

check: $(STAMP) ## validate SESSION and its workbook (rows it will keep and reject), run nothing
	$(CLI) check "$(SESSION)"

sample: $(STAMP) ## regenerate the synthetic sample workbook data/raw/ta_needs_sample.xlsx and check it
	$(PY) scripts/sample/make_sample.py

clean-data: $(STAMP) ## clean the workbook RAW into OUT (tables and cleaning_log.csv)
	$(CLI) clean --raw "$(RAW)" --out "$(OUT)"

stats: $(STAMP) ## print the statistics of RAW at CUTOFF (change since PREVIOUS)
	$(CLI) stats $(STATS_ARGS)

lab: $(STAMP) ## open the notebooks in JupyterLab with the project's kernel (JupyterLab in its own .venv-lab, made the first time)
	@test -x $(LAB)/bin/jupyter-lab || { python3 -m venv $(LAB) && $(LAB)/bin/python -m pip install -q --disable-pip-version-check \
	    "$$(grep -o 'jupyterlab==[0-9.]*' pyproject.toml)"; }
	@$(PY) -m ipykernel install --prefix $(LAB) --name python3 --display-name "Python 3 (uncac-needs)" >/dev/null
	$(LAB)/bin/jupyter-lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

test: $(STAMP) ## run the tests
	$(PY) -m pytest -q

mutation: $(STAMP) ## measure the tests with mutmut on the logic modules (slow: see docs/mutation.md)
	@$(VENV)/bin/mutmut --version >/dev/null 2>&1 || $(PY) -m pip install -q --disable-pip-version-check -e ".[mutation]"
	$(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results

bench: $(STAMP) ## time the statistics on 1,000 to 1,000,000 needs (workbooks cached in benchmarks/.cache)
	$(PY) benchmarks/bench_stats.py

bench-run: $(STAMP) ## time `uncac-needs run` against the naive papermill/nbconvert/weasyprint chain
	$(PY) benchmarks/bench_run.py
