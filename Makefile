# hipback: two commands from a fresh clone.
#   make lab   set up .venv and open JupyterLab on the lessons
#   make test  set up .venv and run every test (unit, property, notebooks, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test app execute lessons bench lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks

# The browser tests drive Debian's Chromium; the script installs it with apt when it is
# missing (as root). If that fails, make goes on and the browser tests fail saying why.
test: $(STAMP)
	-bash scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check hipback tests benchmarks scripts
	$(VENV)/bin/ruff format --check hipback tests benchmarks scripts
	$(VENV)/bin/lint-imports
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

app: $(STAMP)
	$(PY) scripts/serve_app.py

execute: $(STAMP)
	$(PY) scripts/execute_notebooks.py

# Refresh the generated cells of every lesson (header, navigation, lesson map) from
# hipback/teaching/lessons.yaml, rewrite the handouts, re-run each lesson and store outputs.
# One lesson: make lessons LESSONS=03
lessons: $(STAMP)
	$(PY) scripts/execute_notebooks.py $(LESSONS)

bench: $(STAMP)
	$(PY) benchmarks/run_all.py

format: $(STAMP)
	$(VENV)/bin/ruff format hipback tests benchmarks scripts
	$(VENV)/bin/ruff check --fix hipback tests benchmarks scripts

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts
