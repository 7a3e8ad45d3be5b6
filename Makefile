# The two commands: `make run` sets up and runs ClassBridge; `make test` sets up and runs every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=

.PHONY: run test lint install install-test install-bench system-deps migrate demo bench clean

run: install
	$(PY) -m bot run

demo: install
	$(PY) -m bot db upgrade
	$(PY) -m bot demo

migrate: install
	$(PY) -m bot db upgrade

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

install-bench: $(VENV)/.installed-bench

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "ClassBridge needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml $(VENV)/bin/python
	$(PY) -m pip install --quiet -e ".[test,bench]"
	@touch $@ $(VENV)/.installed-test $(VENV)/.installed

# PostgreSQL (every store test runs on it too), Chromium (browser tests), a CJK font (images) and an emoji font.
system-deps:
	@bash .ci/system-deps

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

test: install-test system-deps lint
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install-bench system-deps
	$(PY) -m bench.checkin
	$(PY) -m bench.fanout
	$(PY) -m bench.tick
	$(PY) -m bench.poll_burst

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
