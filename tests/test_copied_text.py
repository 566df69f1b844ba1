"""No run of ten words copied from the source article, anywhere in the kit.

The kit paraphrases the article it teaches from and cites it; it does not ship it.
``tests/data/article_shingles.txt`` holds one fingerprint (SHA-256, 16 hex digits)
per run of ten consecutive words of the article, written once by
``scripts/make_article_shingles.py PATH``; the fingerprints cannot be read back as
text. This test fingerprints every ten-word run of every lesson, handout, data file,
document and module the same way and fails on a match, naming the file, the cell and
the words. It needs nothing outside the repository, so it runs on a fresh clone.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from make_article_shingles import WORDS, shingle_hash, words  # noqa: E402

SHINGLES = ROOT / "tests" / "data" / "article_shingles.txt"
SUFFIXES = {".py", ".ipynb", ".md", ".txt", ".csv", ".json", ".toml", ".yml", ".yaml", ".html"}


def fingerprints() -> set[str]:
    lines = SHINGLES.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def kit_files() -> list[Path]:
    try:
        out = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        files = [ROOT / rel for rel in out if rel]
    except (subprocess.CalledProcessError, FileNotFoundError):  # not a git checkout
        skip = {".venv", ".git", "test-artifacts", ".pytest_cache"}
        files = [p for p in ROOT.rglob("*") if not skip & set(p.relative_to(ROOT).parts)]
    return sorted(
        p for p in files if p.is_file() and p.suffix in SUFFIXES and p.resolve() != SHINGLES
    )


def texts(path: Path):
    """(where, text) pairs: each notebook cell (source and outputs), or the whole file."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix != ".ipynb":
        yield "", raw
        return
    for k, cell in enumerate(json.loads(raw).get("cells", [])):
        parts = [cell.get("source", "")]
        for out in cell.get("outputs", []):
            parts.append(out.get("text", ""))
            parts += [v for m, v in out.get("data", {}).items() if m.startswith("text/")]
        yield f" cell {k}", "\n".join("".join(p) if isinstance(p, list) else p for p in parts)


def copied_runs(text: str, known: set[str]) -> list[str]:
    w = words(text)
    return [
        " ".join(w[i : i + WORDS])
        for i in range(len(w) - WORDS + 1)
        if shingle_hash(w[i : i + WORDS]) in known
    ]


def test_the_fingerprint_file_is_there_and_holds_no_text():
    known = fingerprints()
    assert len(known) > 500, "tests/data/article_shingles.txt is missing or nearly empty"
    assert all(len(h) == 16 and set(h) <= set("0123456789abcdef") for h in known)


def test_a_copied_run_would_be_found():
    """The check itself works: a planted run whose fingerprint is 'known' is reported."""
    planted = "the quick brown fox jumps over the lazy dog again"
    known = {shingle_hash(words(planted))}
    assert copied_runs(f"Some words first. {planted.title()}! And after.", known) == [planted]


@pytest.mark.parametrize("path", kit_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_ten_words_copied_from_the_article(path):
    known = fingerprints()
    found = [f"{where}: {run!r}" for where, text in texts(path) for run in copied_runs(text, known)]
    assert not found, (
        f"{path.relative_to(ROOT)} copies runs of {WORDS} words from the source article "
        "(say it in the kit's own words):\n" + "\n".join(found[:10])
    )
