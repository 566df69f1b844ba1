"""``hipback class-link``: nbgitpuller links as nbgitpuller's own link generator builds them."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from hipback.cli import main
from hipback.errors import HipbackInputError
from hipback.serving import hub

REPO = Path(__file__).resolve().parents[2]


def _query(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query, strict_parsing=True).items()}


def test_lesson_link_follows_nbgitpuller_conventions():
    link = hub.class_link("https://hub.example.edu", "https://git.example.edu/team/hipback.git")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
    assert parts.path == "/hub/user-redirect/git-pull"
    assert _query(link) == {
        "repo": "https://git.example.edu/team/hipback.git",
        "branch": "main",
        "targetPath": "hipback",
        # the clone folder's name leads the path, as nbgitpuller's docs require
        "urlpath": "lab/tree/hipback/notebooks/00_start_here.ipynb",
    }


def test_explorer_link_opens_the_app_through_the_hubs_voila():
    link = hub.class_link("https://uni.example/jupyter/", "/srv/git/kit", "spring", "explorer")
    assert link.startswith("https://uni.example/jupyter/hub/user-redirect/git-pull?")
    q = _query(link)
    assert q["urlpath"] == "voila/render/kit/apps/explorer.ipynb"
    assert (q["branch"], q["targetPath"]) == ("spring", "kit")


@pytest.mark.parametrize("target", sorted(hub.TARGETS))
def test_every_link_target_exists_in_the_kit(target):
    # If a lesson or app is renamed, the links must follow.
    assert (REPO / hub.TARGETS[target][1]).is_file()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://hub.example.edu/", "https://hub.example.edu"),
        ("https://hub.example.edu/hub/home", "https://hub.example.edu"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://uni.example/jupyter/hub/", "https://uni.example/jupyter"),
    ],
)
def test_hub_address_is_normalised(given, expected):
    assert hub.validate_hub_url(given) == expected


@pytest.mark.parametrize(
    "bad",
    ["hub.example.edu", "ftp://hub.example.edu", "https://", "https://hub.example.edu/?x=1",
     "https://hub.example.edu:99999", "https://me:pw@hub.example.edu", ""],
)  # fmt: skip
def test_bad_hub_address_is_one_line_error_exit_2(bad, capsys):
    with pytest.raises(HipbackInputError):
        hub.validate_hub_url(bad)
    code = main(["class-link", "--hub", bad, "--repo", "https://example.org/hipback.git"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("hipback class-link: error: --hub")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_prints_the_link(capsys):
    code = main(
        ["class-link", "--hub", "https://hub.example.edu", "--repo",
         "https://example.org/hipback.git", "--open", "explorer"]
    )  # fmt: skip
    out = capsys.readouterr().out.strip()
    assert code == 0
    assert out == hub.class_link(
        "https://hub.example.edu", "https://example.org/hipback.git", open_="explorer"
    )


def test_unknown_open_target_is_an_argparse_error(capsys):
    code = main(["class-link", "--hub", "https://h.example", "--repo", "r", "--open", "lesson99"])
    assert code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_default_repo_is_the_checkouts_origin(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(HipbackInputError, match="no --repo given"):
        hub.default_repo(tmp_path)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "https://example.org/k/hipback"],
        check=True,
    )
    assert hub.default_repo(tmp_path) == "https://example.org/k/hipback"


@pytest.mark.parametrize("repo", ["https://example.org/.git", "git@example.org:", "   "])
def test_repo_without_a_name_is_refused(repo):
    with pytest.raises(HipbackInputError):
        hub.class_link("https://hub.example.edu", repo)
