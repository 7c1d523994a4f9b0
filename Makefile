# Two entry points for a fresh machine: `make demo` and `make test`. Both bootstrap .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo lint test bench data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/flashpoint analyze examples/ --db demo.duckdb

# ruff (default rules + bugbear) on the whole tree, mypy --strict on src/ (see pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/bench_backfill.py
	$(BIN)/python bench/bench_stories.py

# Regenerate the data files converted from PETRARCH2's dictionaries (stdlib only, no venv needed).
PETRARCH ?= ../shared/reference/petrarch2
data:
	$(PYTHON) tools/petrarch/convert.py $(PETRARCH) src/flashpoint/data

clean:
	rm -rf $(VENV) demo.duckdb .pytest_cache
