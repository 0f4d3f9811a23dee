# Quick start: `make cost` (bills for every blueprint into out/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: cost test bench catalogue

$(BIN)/stackwright: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

cost: $(BIN)/stackwright
	$(BIN)/stackwright cost blueprints/*.yaml --out out

test: $(BIN)/stackwright
	$(BIN)/python -m pytest

bench: $(BIN)/stackwright
	$(BIN)/python bench/bench_cost.py

# Rebuild the shipped price catalogue from the public snapshots next to the clone.
catalogue: $(BIN)/stackwright
	$(BIN)/stackwright prices build --source ../shared/pricing-source
