"""Run every lesson notebook cleanly, in order, and store its outputs (``make execute``).

For each notebook listed in :data:`hipback.teaching.lessons.LESSONS` this script

1. refreshes the generated cells (header, previous · contents · next, lesson map)
   from the lesson table, so they never drift;
2. clears all outputs and runs the notebook top to bottom in a fresh kernel
   (nbclient, with a per-cell timeout: an Output widget cleared during execution
   can otherwise hang forever, a known nbclient behaviour);
3. strips stored widget state (``metadata.widgets``: a single FigureWidget adds
   ~5 MB) and per-cell timing metadata, so the file is small and diffs are clean.

It also rewrites the question handout and answer key in ``notebooks/handouts/``
from :data:`hipback.teaching.lessons.HANDOUTS`.

Usage::

    python scripts/execute_notebooks.py            # all lessons
    python scripts/execute_notebooks.py 02 03      # some lessons, by number or file
    python scripts/execute_notebooks.py --check    # report stale generated cells; write nothing
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from hipback.teaching.lessons import (
    HANDOUTS,
    LESSONS,
    Lesson,
    generated_drift,
    refresh_generated_cells,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
HANDOUT_DIR = NOTEBOOKS / "handouts"
CELL_TIMEOUT = 120  # seconds; the slowest lesson cell takes a few seconds


def strip_volatile(nb: nbformat.NotebookNode) -> None:
    """Remove stored widget state and timing metadata that change from run to run."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            data.pop("application/vnd.jupyter.widget-state+json", None)


def execute(path: Path) -> nbformat.NotebookNode:
    """Run one notebook in a fresh kernel from its own folder; raise on any error."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    return nb


def select(args: list[str]) -> list[Lesson]:
    """Lessons named on the command line (number or file), or all."""
    if not args:
        return list(LESSONS)
    chosen = []
    for arg in args:
        match = [
            x
            for x in LESSONS
            if arg in (x.file, x.file.removesuffix(".ipynb"))
            or (arg.isdigit() and int(arg) == x.number)
        ]
        if not match:
            sys.exit(f"unknown lesson {arg!r}; use a number 0-{len(LESSONS) - 1} or a file name")
        chosen += match
    return chosen


def write_handouts(check: bool) -> list[str]:
    """Write (or, with ``check``, compare) the handout files; return stale names."""
    stale = []
    HANDOUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, make in HANDOUTS.items():
        path = HANDOUT_DIR / name
        text = make()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
            if not check:
                path.write_text(text, encoding="utf-8")
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers or files (default: all)")
    parser.add_argument(
        "--check", action="store_true", help="only report stale generated cells and handouts"
    )
    opts = parser.parse_args(argv)
    lessons = select(opts.lessons)

    if opts.check:
        problems = []
        for item in lessons:
            nb = nbformat.read(NOTEBOOKS / item.file, as_version=4)
            problems += generated_drift(nb, item.number)
        problems += [f"handout {name} is out of date" for name in write_handouts(check=True)]
        print("\n".join(problems) or "all generated cells and handouts are current")
        return 1 if problems else 0

    for name in write_handouts(check=False):
        print(f"wrote notebooks/handouts/{name}")
    total = time.perf_counter()
    for item in lessons:
        path = NOTEBOOKS / item.file
        nb = nbformat.read(path, as_version=4)
        refresh_generated_cells(nb, item.number)
        nbformat.write(nb, path)
        start = time.perf_counter()
        nb = execute(path)
        strip_volatile(nb)
        nbformat.validate(nb)
        nbformat.write(nb, path)
        size = path.stat().st_size / 1024
        print(f"{item.file}: {time.perf_counter() - start:5.1f} s, {size:6.0f} kB")
    print(f"done in {time.perf_counter() - total:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
