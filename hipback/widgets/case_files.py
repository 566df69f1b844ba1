"""Case files: one named teaching case as a small JSON file (written by "Write a case",
opened by the projector app).

The file holds the case record (:meth:`hipback.Case.to_dict`), its name and the
lecturer's note, nothing else::

    {"format": "hipback-case", "version": 1, "name": "...", "note": "...", "case": {...}}
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from hipback.case import Case
from hipback.errors import HipbackInputError

CASE_FORMAT = "hipback-case"
CASE_VERSION = 1
#: Environment variable naming the folder the projector app opens case files from.
CASES_DIR_ENV = "HIPBACK_CASES_DIR"

_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """A file-name-safe form of a case name.

    Examples
    --------
    >>> slug("Mrs B., 67: groin pain!")
    'mrs-b-67-groin-pain'
    """
    text = _SLUG.sub("-", name.strip().lower()).strip("-")
    return text[:60] or "case"


def case_record(name: str, case: Case, note: str = "") -> dict[str, Any]:
    """The JSON record of a named case.

    Examples
    --------
    >>> case_record("Demo", Case(age=60))["format"]
    'hipback-case'
    """
    name = name.strip()
    if not name:
        raise HipbackInputError("name: an empty name is not allowed; allowed: any short text")
    return {
        "format": CASE_FORMAT,
        "version": CASE_VERSION,
        "name": name[:120],
        "note": note.strip(),
        "case": case.to_dict(),
    }


def case_json(record: dict[str, Any]) -> str:
    """The text of a case file."""
    return json.dumps(record, indent=2) + "\n"


def read_case_file(path: str | os.PathLike[str]) -> tuple[str, Case]:
    """The name and case in a case file; a clear :class:`HipbackInputError` when it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise HipbackInputError(f"case file {path.name!r} could not be read ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != CASE_FORMAT:
        raise HipbackInputError(f"case file {path.name!r} is not a hipback case file")
    if data.get("version") != CASE_VERSION:
        raise HipbackInputError(
            f"case file {path.name!r} has version {data.get('version')!r}; "
            f"this kit reads {CASE_VERSION}"
        )
    return str(data.get("name") or path.stem), Case.from_dict(data.get("case") or {})
