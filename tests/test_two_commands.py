"""The README's two commands, the Makefile and CI agree (what a fresh clone relies on)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    return [line.split("#")[0].strip() for line in blocks[0].splitlines() if line.strip()]


def test_readme_first_two_commands_are_make_lab_and_make_test():
    assert _readme_commands()[:2] == ["make lab", "make test"]


def test_ci_runs_the_readme_test_command_and_nothing_the_readme_does_not_say():
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    commands = [line for line in lines if not line.startswith(("set ", "cd "))]
    assert commands == ["make test"]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_lab_binds_loopback_keeps_the_token_and_opens_the_lessons():
    dry = subprocess.run(
        ["make", "-n", "-B", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-m venv .venv" in dry and 'pip install --quiet -e ".[test]"' in dry
    launch = next(line for line in dry.splitlines() if "jupyter lab" in line)
    assert "--ip=127.0.0.1" in launch and "--notebook-dir=notebooks" in launch
    assert "token" not in launch.lower()  # Jupyter's token stays on


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_creates_the_same_venv_and_runs_pytest():
    dry = subprocess.run(
        ["make", "-n", "-B", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-m venv .venv" in dry
    assert "ruff check" in dry and "ruff format --check" in dry
    assert re.search(r"\.venv/bin/python -m pytest", dry)
