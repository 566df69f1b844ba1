# hipback: two commands from a fresh clone.
#   make lab   set up .venv and open JupyterLab on the lessons
#   make test  set up .venv and run every test (unit, property, notebooks, browser)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test app class execute lessons bench lint format clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# JupyterLab reads the kit's settings overrides (no "news" pop-up, no update check) from
# jupyter-config/lab/settings, not from the user's home. --allow-root only when root.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $(LAB_ROOT_FLAG) \
		--LabApp.app_settings_dir="$(CURDIR)/jupyter-config/lab/settings"

# The browser tests drive Debian's Chromium; the script installs it with apt when it is
# missing (as root). If that fails, make goes on and the browser tests fail saying why.
test: $(STAMP)
	-bash scripts/ensure_chromium.sh
	$(VENV)/bin/ruff check hipback tests benchmarks scripts
	$(VENV)/bin/ruff format --check hipback tests benchmarks scripts
	$(VENV)/bin/lint-imports
	$(PY) -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

# make app APP_ARGS="--port 8900 --max-kernels 4 --cull-idle-timeout 300" (see --help).
# --stop-with-parent: make passes SIGTERM on but not SIGHUP/SIGINT; the server stops
# (with every kernel) whenever make does.
APP_ARGS ?=
app: $(STAMP)
	$(PY) scripts/serve_app.py --stop-with-parent $(APP_ARGS)

# make class CLASS_ARGS="--ip 192.168.1.20": the apps for a room, behind a session
# password it prints; the projector page shows the address, password, QR code and the
# count of students connected. Options: python -m hipback.serving.classroom --help.
CLASS_ARGS ?=
class: $(STAMP)
	$(PY) -m hipback.serving.classroom --stop-with-parent $(CLASS_ARGS)

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
