# Quick start: `make cost` (bills for every blueprint into out/) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# checkov pins its own boto3 and replaces python-hcl2's module, so it lives in a venv of its own.
CHECKOV := .venv-checkov/bin/checkov
# Every Python package, direct and transitive, pinned with hashes: `make lock` rewrites both files.
LOCK := requirements.lock
CHECKOV_LOCK := requirements-checkov.lock
PIP_COMPILE := pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header --no-emit-index-url --no-emit-find-links
# Debian packages: Graphviz for diagrams, Chromium to test the HTML report, CJK fonts for Korean.
SYSTEM_PACKAGES := graphviz chromium fonts-noto-cjk

.PHONY: cost test bench catalogue system-deps bytecode lock diagrams

# The locked packages first (build backend included), then stackwright itself without resolving anything.
$(BIN)/stackwright: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(CHECKOV): $(CHECKOV_LOCK)
	$(PYTHON) -m venv .venv-checkov
	.venv-checkov/bin/python -m pip install --quiet --require-hashes --no-deps -r $(CHECKOV_LOCK)
	touch $@

# Re-resolve every pin (after a change to pyproject.toml's dependencies, or to take new releases).
lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet 'pip-tools==7.6.2'
	.venv-lock/bin/$(PIP_COMPILE) --extra test --all-build-deps -o $(LOCK) pyproject.toml
	echo 'checkov==3.3.30' | .venv-lock/bin/$(PIP_COMPILE) -o $(CHECKOV_LOCK) -

# Bytecode for stackwright's own modules, as a regular install has it (quick when nothing changed): where
# PYTHONDONTWRITEBYTECODE is set, every start of the editable install compiled every module again.
bytecode: $(BIN)/stackwright
	$(BIN)/python -m compileall -q src > /dev/null

system-deps:
	@command -v dot >/dev/null && command -v chromium >/dev/null && fc-list :lang=ko | grep -q . || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

# The main job: a bill per blueprint in out/, and each blueprint's full plan in out/plans/<name>/.
cost: $(BIN)/stackwright bytecode
	$(BIN)/stackwright cost blueprints/*.yaml --out out
	for spec in blueprints/*.yaml; do \
	  $(BIN)/stackwright plan $$spec --out out/plans/$$(basename $$spec .yaml) > /dev/null || exit 1; \
	done
	@echo "plans (CloudFormation, Terraform, design.md, diagram, report.html) in out/plans/"

test: $(BIN)/stackwright $(CHECKOV) system-deps bytecode
	$(BIN)/python -m pytest

bench: $(BIN)/stackwright
	$(BIN)/python bench/bench_cost.py
	$(BIN)/python bench/bench_optimize.py
	$(BIN)/python bench/bench_plan.py
	$(BIN)/python bench/bench_import.py

# The committed pictures of each blueprint's architecture diagram: docs/diagrams/<blueprint>.png.
diagrams: $(BIN)/stackwright system-deps
	for spec in blueprints/*.yaml; do \
	  name=$$(basename $$spec .yaml); rm -rf out/diagrams/$$name; \
	  $(BIN)/python -c 'import sys; from pathlib import Path; from stackwright.spec.loader import load; \
	    from stackwright.diagram import write_diagram; write_diagram(load(Path(sys.argv[1])).spec, Path(sys.argv[2]))' \
	    $$spec out/diagrams/$$name && mkdir -p docs/diagrams && cp out/diagrams/$$name/diagram.png docs/diagrams/$$name.png || exit 1; \
	done

# Rebuild the shipped price catalogue from the public snapshots next to the clone.
catalogue: $(BIN)/stackwright
	$(BIN)/stackwright prices build --source ../shared/pricing-source
