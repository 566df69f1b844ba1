"""The generated cells of a lesson notebook: which they are, what they hold, refreshing them.

A generated cell (header, navigation, lesson map, "Words used in this lesson") is marked
in ``cell.metadata["hipback"]["generated"]``; everything else in a notebook is the
lesson's own. :func:`refresh_generated_cells` rewrites the generated cells in place
(``make lessons``) and :func:`generated_drift` says which are stale
(``tests/test_notebooks_hygiene.py`` fails on them, naming the command).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from hipback.errors import HipbackInputError
from hipback.teaching.lesson_table import header_markdown, lesson_map, nav_markdown

#: What marks a generated cell: ``cell.metadata["hipback"]["generated"]`` holds one of
#: these names (the same names are kept as cell tags, which JupyterLab shows).
#: :func:`refresh_generated_cells` rewrites such cells; everything else is the lesson's own.
HEADER_TAG = "hipback-header"
NAV_TAG = "hipback-nav"
MAP_TAG = "hipback-lesson-map"
GLOSSARY_TAG = "hipback-glossary"
GENERATED_TAGS: tuple[str, ...] = (HEADER_TAG, NAV_TAG, MAP_TAG, GLOSSARY_TAG)
#: The command that refreshes generated cells (named in every drift message).
REFRESH_COMMAND = "make lessons"


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "


def glossary() -> list[dict[str, Any]]:
    """The glossary entries (term, match, definition, citation), read from the one source
    of truth, :data:`hipback.knowledge.glossary.GLOSSARY`, in its order."""
    from hipback.knowledge.glossary import GLOSSARY
    from hipback.knowledge.references import reference

    return [
        {
            "term": t.term,
            "match": list(t.spellings),
            "definition": t.definition,
            "citation": "" if t.source == "plain" else reference(t.source).short,
        }
        for t in GLOSSARY.values()
    ]


def _lesson_text(notebook: Mapping[str, Any]) -> str:
    """What a learner reads in a notebook: its own markdown and the outputs' text."""
    parts = []
    for cell in notebook.get("cells", []):
        meta = cell.get("metadata", {})
        if (meta.get("hipback") or {}).get("generated"):
            continue
        if cell.get("cell_type") == "markdown":
            parts.append(_source(cell))
        for out in cell.get("outputs", []):
            text = out.get("text", "")
            parts.append("".join(text) if isinstance(text, list) else text)
            plain = out.get("data", {}).get("text/plain", "")
            parts.append("".join(plain) if isinstance(plain, list) else plain)
    return "\n".join(parts)


def glossary_markdown(notebook: Mapping[str, Any]) -> str:
    """The "Words used in this lesson" box: every glossary term the lesson uses, defined.

    Examples
    --------
    >>> cell = {"cell_type": "markdown", "metadata": {}, "source": "Saddle: cauda equina."}
    >>> nb = {"cells": [cell]}
    >>> print(glossary_markdown(nb))
    **Words used in this lesson**
    <BLANKLINE>
    - **cauda equina**: The bundle of nerve roots below the end of the spinal cord; ...
    """
    text = _words(_lesson_text(notebook))
    lines = ["**Words used in this lesson**", ""]
    for entry in glossary():
        if any(_words(m.strip()) in text for m in entry["match"]):
            cite = f" ({entry['citation']})" if entry["citation"] else ""
            lines.append(f"- **{entry['term']}**: {entry['definition']}{cite}")
    return "\n".join(lines) if len(lines) > 2 else ""


def generated_source(tag: str, number: int, notebook: Mapping[str, Any] | None = None) -> str:
    """What a generated cell with this tag must contain in lesson ``number``.

    Examples
    --------
    >>> generated_source(NAV_TAG, 7).endswith("(00_start_here.ipynb#Lesson-map)")
    True
    """
    if tag == HEADER_TAG:
        return header_markdown(number)
    if tag == NAV_TAG:
        return nav_markdown(number)
    if tag == MAP_TAG:
        return "## Lesson map\n\n" + lesson_map()
    if tag == GLOSSARY_TAG:
        return glossary_markdown(notebook or {})
    raise HipbackInputError(f"tag: {tag!r} is not generated; allowed: {GENERATED_TAGS}")


def _cell_tags(cell: Mapping[str, Any]) -> list[str]:
    """The generated-cell marker of a cell (metadata first, then its tags)."""
    meta = cell.get("metadata", {})
    marker = (meta.get("hipback") or {}).get("generated")
    return [marker] if marker else list(meta.get("tags", []))


def mark_generated(cell: Any, tag: str) -> None:
    """Mark a cell (nbformat node or dict) as generated with ``tag``."""
    meta = cell.setdefault("metadata", {})
    meta.setdefault("hipback", {})["generated"] = tag
    tags = meta.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def generated_drift(notebook: Mapping[str, Any], number: int) -> list[str]:
    """Generated cells in a notebook (a JSON dict) that differ from the lesson table.

    Returns one line per stale cell; empty when all are current.

    Examples
    --------
    >>> generated_drift({"cells": []}, 0)[0]
    'lesson 0: no generated hipback-header cell'
    """
    problems = []
    required = [HEADER_TAG, NAV_TAG] + ([MAP_TAG] if number == 0 else [])
    cells = notebook.get("cells", [])
    for tag in GENERATED_TAGS:
        tagged = [c for c in cells if tag in _cell_tags(c)]
        if not tagged and tag in required:
            problems.append(f"lesson {number}: no generated {tag} cell")
        want = generated_source(tag, number, notebook) if tagged else ""
        for k, cell in enumerate(tagged):
            if _source(cell) != want:
                problems.append(
                    f"lesson {number}: generated cell {tag} #{k} is out of date "
                    f"(run `{REFRESH_COMMAND}`)"
                )
    return problems


def _new_markdown(tag: str, number: int, notebook: Any = None) -> dict[str, Any]:
    source = generated_source(tag, number, notebook)
    cell = {"cell_type": "markdown", "metadata": {}, "source": source}
    mark_generated(cell, tag)
    return cell


def _add_missing_generated_cells(notebook: Any, number: int) -> int:
    """A new lesson gets its header, navigation (top and bottom) and, for 00, the map."""
    cells = notebook["cells"]
    have = [t for c in cells for t in _cell_tags(c)]
    added = 0
    if HEADER_TAG not in have:
        cells.insert(0, _new_markdown(HEADER_TAG, number))
        added += 1
    if have.count(NAV_TAG) == 0:
        cells.insert(1, _new_markdown(NAV_TAG, number))
        cells.append(_new_markdown(NAV_TAG, number))
        added += 2
    if GLOSSARY_TAG not in have:
        cells.insert(2, _new_markdown(GLOSSARY_TAG, number, notebook))
        added += 1
    if number == 0 and MAP_TAG not in have:
        cells.insert(len(cells) - 1, _new_markdown(MAP_TAG, number))
        added += 1
    try:  # nbformat nodes want ids; plain dicts in doctests do not need them
        from nbformat import NotebookNode
        from nbformat.v4 import new_markdown_cell

        for k, cell in enumerate(cells):
            if not isinstance(cell, NotebookNode) and isinstance(notebook, NotebookNode):
                node = new_markdown_cell(cell["source"], metadata=cell["metadata"])
                cells[k] = node
    except ImportError:  # pragma: no cover - nbformat comes with JupyterLab
        pass
    return added


def refresh_generated_cells(notebook: Any, number: int) -> int:
    """Rewrite every generated cell of a notebook (nbformat node or dict) in place.

    A notebook without a header or navigation (a new lesson) gets them added. Returns
    the number of cells changed or added.

    Examples
    --------
    >>> nb = {"cells": []}
    >>> refresh_generated_cells(nb, 3), nb["cells"][1]["source"] == nav_markdown(3)
    (4, True)
    >>> [c["metadata"]["hipback"]["generated"] for c in nb["cells"]]
    ['hipback-header', 'hipback-nav', 'hipback-glossary', 'hipback-nav']
    >>> nb["cells"][1]["source"] = "old"
    >>> refresh_generated_cells(nb, 3)
    1
    """
    changed = _add_missing_generated_cells(notebook, number)
    for cell in notebook["cells"]:
        for tag in GENERATED_TAGS:
            if tag in _cell_tags(cell):
                want = generated_source(tag, number, notebook)
                mark_generated(cell, tag)
                if _source(cell) != want:
                    cell["source"] = want
                    changed += 1
    return changed
