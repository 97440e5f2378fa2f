# Set-up and the two commands: `make test` and `make report` work on a fresh clone.
#
# Each target creates .venv if it is missing, installs torch (the CPU build by
# default) and then the project with the extras it needs, and runs. Installing
# is skipped while pyproject.toml, this file and the settings below are unchanged.
#
#   make test                      the test suite
#   make report                    the report, written to reports/ (GANTHEORY_SOURCES: the documents)
#   make docs                      the documentation, to docs/_build/html (warnings are errors)
#   make test TORCH_SPEC='torch==2.5.1' TORCH_INDEX=   another torch, from the default index
#
# Variables (set on the command line or in the environment):
#   PYTHON       the interpreter that creates .venv (python3)
#   VENV         the virtual environment's folder (.venv)
#   TORCH_SPEC   the torch requirement installed first (torch==2.13.0)
#   TORCH_INDEX  an extra index holding CPU-only torch wheels; empty: the default index only
#   EXTRAS       the project's extras for tests and report (test,audit)
#   PYTEST_ARGS  passed to pytest (-n auto --dist loadgroup)
#   REPORT_ARGS  passed to `python -m verify run`

PYTHON ?= python3
VENV ?= .venv
# A bare torch requirement pulls a multi-GB CUDA build; the CPU index's 2.13.0+cpu
# outranks PyPI's 2.13.0 for the same pin, and pip falls back to PyPI where the
# CPU index cannot be reached. Only torch itself is looked up there (--no-deps,
# one retry): its dependencies come with the project's from the default index.
TORCH_SPEC ?= torch==2.13.0
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
EXTRAS ?= test,audit
DOCS_EXTRAS ?= $(EXTRAS),docs
PYTEST_ARGS ?= -n auto --dist loadgroup
REPORT_ARGS ?=

BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --quiet
TORCH_FLAGS := $(if $(strip $(TORCH_INDEX)),--no-deps --retries 1 --timeout 15 --extra-index-url $(TORCH_INDEX))
# One stamp per setting, so changing the extras or the torch pin reinstalls.
stamp = $(VENV)/.installed-$(subst $(comma),_,$(subst =,_,$(subst $(space),,$(1)-$(TORCH_SPEC))))
comma := ,
space := $(subst ,, )

.PHONY: test report docs install install-docs clean-docs help

help:
	@sed -n '1,/^$$/p' $(firstword $(MAKEFILE_LIST))

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(call stamp,$(EXTRAS)) $(call stamp,$(DOCS_EXTRAS)): $(PY) pyproject.toml Makefile
	$(PIP) install $(TORCH_FLAGS) "$(TORCH_SPEC)"
	$(PIP) install -e ".[$(EXTRAS_NOW)]"
	touch $@

install: EXTRAS_NOW = $(EXTRAS)
install: $(call stamp,$(EXTRAS))

install-docs: EXTRAS_NOW = $(DOCS_EXTRAS)
install-docs: $(call stamp,$(DOCS_EXTRAS))

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

report: install
	$(PY) -m verify run $(REPORT_ARGS)

docs: install-docs
	$(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

clean-docs:
	rm -rf docs/_build docs/api/generated
