"""environment.yml (conda, Binder) and pyproject.toml declare the same dependencies.

conda cannot be installed on the test machines, so the file is checked offline:
it parses, uses conda-forge, installs the kit itself with pip, and lists exactly the
runtime dependencies of pyproject.toml with the same version bounds.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONDA_ONLY = {"python", "pip"}


def _split(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(_split(r) for r in data["project"]["dependencies"])


def _environment() -> tuple[dict[str, str], list[str], list[str]]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda, pip = {}, []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip.extend(dep.get("pip", []))
        else:
            name, bound = _split(dep)
            conda[name] = bound
    return conda, pip, env["channels"]


def test_environment_yml_matches_pyproject_dependencies():
    conda, _, _ = _environment()
    runtime = {k: v for k, v in conda.items() if k not in CONDA_ONLY}
    assert runtime == _pyproject()


def test_environment_yml_uses_conda_forge_and_installs_the_kit():
    conda, pip, channels = _environment()
    assert channels == ["conda-forge"]
    assert "-e ." in pip
    assert conda["python"] == ">=3.11"


def test_python_requirement_agrees():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"]["requires-python"] == _environment()[0]["python"]
