"""Write the fingerprints of a source text, so the kit can test for copied runs without it.

The kit paraphrases and cites the article it teaches from; it never copies its
sentences, and it does not ship the article either. This script reads the article
once, from a path you give it, and writes one hash per line for every run of ten
consecutive words (a "shingle") to ``tests/data/article_shingles.txt``.
``tests/test_copied_text.py`` hashes every ten-word run of the lessons, handouts
and docs the same way and fails on any match. A hash cannot be turned back into
the words, so the file holds no article text.

Usage::

    python scripts/make_article_shingles.py PATH/TO/article.txt
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "article_shingles.txt"
WORDS = 10
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits only); curly apostrophes count as straight."""
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def shingle_hash(run: list[str] | tuple[str, ...]) -> str:
    """The fingerprint of one run of words: 16 hex digits of its SHA-256."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def shingles(text: str, n: int = WORDS) -> Iterator[tuple[int, str]]:
    """(index of the first word, fingerprint) for every run of ``n`` words in ``text``."""
    w = words(text)
    for i in range(len(w) - n + 1):
        yield i, shingle_hash(w[i : i + n])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path, help="plain-text file of the source article")
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the hashes")
    opts = parser.parse_args(argv)
    hashes = sorted({h for _, h in shingles(opts.article.read_text(encoding="utf-8"))})
    opts.out.parent.mkdir(parents=True, exist_ok=True)
    header = f"# {WORDS}-word shingle fingerprints (sha256, 16 hex) of the source article\n"
    opts.out.write_text(header + "\n".join(hashes) + "\n", encoding="utf-8")
    print(f"wrote {len(hashes)} fingerprints to {opts.out.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
