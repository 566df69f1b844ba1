"""The two file operations of the progress store: write JSON atomically, set a file aside.

Nothing is deleted: an unusable file is renamed ``<file>.corrupt-<UTC time>`` and a
:class:`ProgressFileWarning` says where it went.
"""

from __future__ import annotations

import os
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.storage.atomic import write_files
from hipback.storage.progress_format import json_text


class ProgressFileWarning(UserWarning):
    """A progress file, or part of it, could not be used (it was set aside) or saved."""


def atomic_write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as JSON to ``path`` atomically, replacing it (old file kept on failure).

    Raises ``TypeError``/``ValueError`` for data that is not JSON, ``OSError`` when the
    disk refuses (the old file is untouched and no temporary file is left).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "p.json"
    >>> atomic_write_json(target, {"a": 1})
    >>> target.read_text()
    '{\\n  "a": 1\\n}\\n'
    """
    text = json_text(data)
    try:
        write_files({path: text}, overwrite=True)
    except HipbackInputError as err:
        cause = err.__cause__
        if isinstance(cause, OSError):
            raise cause from None
        raise OSError(str(err)) from err


def aside_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    return target


def move_aside(path: str | os.PathLike[str], reason: str) -> Path:
    """Rename an unusable file with a ``.corrupt-<time>`` suffix and warn; return the new path.

    Raises ``OSError`` if it cannot be renamed (e.g. a read-only folder).

    Examples
    --------
    >>> import tempfile, pathlib, warnings
    >>> bad = pathlib.Path(tempfile.mkdtemp()) / "p.json"
    >>> _ = bad.write_text("{")
    >>> with warnings.catch_warnings(record=True):
    ...     warnings.simplefilter("always")
    ...     moved = move_aside(bad, "it is not valid JSON")
    >>> moved.name.startswith("p.json.corrupt-"), bad.exists()
    (True, False)
    """
    path = Path(path)
    target = aside_name(path)
    os.replace(path, target)
    warnings.warn(
        f"Quiz progress file {path} could not be used ({reason}); it was moved to {target} "
        "and a new progress file will be started.",
        ProgressFileWarning,
        stacklevel=3,
    )
    return target
