"""Regenerate the shipped synthetic case set and its data dictionary.

Writes ``hipback/data/cases.csv`` and ``hipback/data/data_dictionary.csv``, the
package data: the one copy (``data/`` at the repository root holds only a README
that points here). ``--check`` writes nothing and exits 1 if any file differs
from what the generator gives (``tests/test_datasets.py`` checks the same).

Usage::

    .venv/bin/python scripts/make_data.py           # regenerate
    .venv/bin/python scripts/make_data.py --check   # verify, exit 1 on drift
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hipback.cohort.datasets import CASES_FILE, DICTIONARY_FILE, dictionary_text, shipped_cases_text

ROOT = Path(__file__).resolve().parents[1]
TARGETS = (ROOT / "hipback" / "data",)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only; exit 1 on drift")
    args = parser.parse_args(argv)
    expected = {CASES_FILE: shipped_cases_text(), DICTIONARY_FILE: dictionary_text()}
    drift = []
    for folder in TARGETS:
        for name, text in expected.items():
            path = folder / name
            current = path.read_text(encoding="utf-8") if path.exists() else None
            if current == text:
                continue
            if args.check:
                drift.append(path.relative_to(ROOT))
            else:
                folder.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"wrote {path.relative_to(ROOT)}")
    if drift:
        print("out of date: " + ", ".join(map(str, drift)), file=sys.stderr)
        print("run: .venv/bin/python scripts/make_data.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
