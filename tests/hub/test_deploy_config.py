"""deploy/jupyterhub: the Zero to JupyterHub values and the TLJH recipe say what the kit needs.

Parsed, not run (Kubernetes and TLJH's installer are not on this machine): the image is
the repo2docker build of the kit, the idle culler is on with sane timings, per-student
memory and CPU cover what the load test measured, the TLJH recipe sets the same limits
and culler, and the image's environment carries nbgitpuller and the idle culler.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "jupyterhub"

#: Measured per active student (capacity sheet in deploy/jupyterhub/README.md): a
#: single-user server plus the explorer's kernel plus one lesson kernel.
MEASURED_STUDENT_MB = 217 + 86 + 80  # server + explorer kernel + lesson kernel (2026-12-04)

_UNITS = {"": 1, "K": 1e3, "M": 1e6, "G": 1e9, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30}


def _bytes(text: str | int) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([KMG]i?)?", str(text))
    assert match, f"not a Kubernetes/TLJH size: {text!r}"
    return float(match.group(1)) * _UNITS[match.group(2) or ""]


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tljh() -> dict[str, str]:
    text = (DEPLOY / "tljh.sh").read_text(encoding="utf-8")
    return dict(re.findall(r"^sudo tljh-config set (\S+) (\S+)$", text, flags=re.MULTILINE))


def test_idle_culler_is_on_with_sane_timings(values):
    cull = values["cull"]
    assert cull["enabled"] is True
    assert 600 <= cull["timeout"] <= 4 * 3600  # not mid-exercise, not all day
    assert 0 < cull["every"] <= cull["timeout"] / 2
    assert cull["users"] is False  # stop servers, keep students' accounts and files
    assert cull.get("maxAge", 0) == 0 or cull["maxAge"] > cull["timeout"]


def test_student_image_is_the_repo2docker_build_of_the_kit(values):
    image = values["singleuser"]["image"]
    assert image["name"] and "/" in image["name"]
    assert isinstance(image["tag"], str) and image["tag"] and image["tag"] != "latest"
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert "repo2docker" in readme and "environment.yml" in readme
    assert values["singleuser"]["defaultUrl"] == "/lab"


def test_memory_and_cpu_cover_the_measured_student(values):
    memory, cpu = values["singleuser"]["memory"], values["singleuser"]["cpu"]
    guarantee, limit = _bytes(memory["guarantee"]), _bytes(memory["limit"])
    assert MEASURED_STUDENT_MB * 1e6 <= guarantee <= limit
    assert limit >= 2 * MEASURED_STUDENT_MB * 1e6  # room for a second lesson's kernel
    assert 0 < cpu["guarantee"] <= cpu["limit"] <= 2


def test_tljh_recipe_sets_the_same_limits_and_culler(values, tljh):
    assert _bytes(tljh["limits.memory"]) == _bytes(values["singleuser"]["memory"]["limit"])
    assert float(tljh["limits.cpu"]) == float(values["singleuser"]["cpu"]["limit"])
    assert tljh["services.cull.enabled"] == "True"
    assert int(tljh["services.cull.timeout"]) == values["cull"]["timeout"]
    assert int(tljh["services.cull.every"]) == values["cull"]["every"]


def test_image_environment_carries_nbgitpuller_and_the_idle_culler():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    hub_extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "optional-dependencies"
    ]["hub"]
    assert sorted(p for p in pip if p != "-e .") == sorted(hub_extra)
    names = {re.split(r"[<>=!~ ]", r)[0].lower() for r in hub_extra}
    assert {"nbgitpuller", "jupyterhub-idle-culler"} <= names
