"""The quiz's progress file: JSON, written atomically, never silently lost.

* **Atomic writes.** The new content goes to a temporary file in the same
  directory, is flushed and ``fsync``-ed, then ``os.replace``-d over the old
  file (an atomic rename on POSIX and Windows). A crash at any moment leaves
  either the old file or the new one, never half of each.
* **Corrupt or foreign files are moved aside**, renamed with a
  ``.corrupt-<UTC time>`` suffix, with a :class:`ProgressFileWarning`; the quiz
  then starts a fresh file. Nothing is deleted or overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import warnings
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError

#: Marks a file as ours; anything else is "foreign".
PROGRESS_FORMAT = "hipback-quiz-progress"
PROGRESS_VERSION = 1


class ProgressFileWarning(UserWarning):
    """A progress file could not be used (it was moved aside) or could not be saved."""


def empty_progress() -> dict[str, Any]:
    """A new, empty progress record.

    Examples
    --------
    >>> empty_progress()["quizzes"]
    {}
    """
    return {"format": PROGRESS_FORMAT, "version": PROGRESS_VERSION, "quizzes": {}}


def _problem(data: Any) -> str:
    """Why ``data`` is not a progress record ("" if it is one)."""
    if not isinstance(data, dict):
        return f"it holds a {type(data).__name__}, not a progress record"
    if data.get("format") != PROGRESS_FORMAT:
        return f"it is not a hipback quiz progress file (format {data.get('format')!r})"
    if data.get("version") != PROGRESS_VERSION:
        return f"it has version {data.get('version')!r}; this kit reads {PROGRESS_VERSION}"
    quizzes = data.get("quizzes")
    if not isinstance(quizzes, dict):
        return "its 'quizzes' entry is not a mapping"
    for key, quiz in quizzes.items():
        if not isinstance(quiz, dict) or not isinstance(quiz.get("answers"), list):
            return f"quiz {key!r} has no list of answers"
    return ""


def atomic_write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as JSON to ``path`` atomically (temp file, fsync, os.replace).

    If anything fails, the old file is untouched and the temporary file is
    removed; the error is raised.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "p.json"
    >>> atomic_write_json(target, {"a": 1})
    >>> target.read_text()
    '{\\n  "a": 1\\n}\\n'
    """
    path = Path(path)
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # Make the rename itself durable where the platform allows syncing a directory.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def move_aside(path: str | os.PathLike[str], reason: str) -> Path:
    """Rename an unusable file with a ``.corrupt-<time>`` suffix and warn; return the new path.

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
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
    os.replace(path, target)
    warnings.warn(
        f"Quiz progress file {path} could not be used ({reason}); it was moved to {target} "
        "and a new progress file will be started.",
        ProgressFileWarning,
        stacklevel=3,
    )
    return target


class ProgressStore:
    """Load and save quiz progress at one path.

    Parameters
    ----------
    path : str or PathLike
        The JSON file (created on first save; its directory must exist).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> store = ProgressStore(pathlib.Path(tempfile.mkdtemp()) / "progress.json")
    >>> data = store.load()
    >>> data["quizzes"]["demo"] = {"answers": []}
    >>> store.save(data)
    >>> store.load()["quizzes"]
    {'demo': {'answers': []}}
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if not isinstance(path, str | os.PathLike):
            raise HipbackInputError(
                f"progress_path: {path!r} is not allowed; allowed: a file path or None"
            )
        self.path = Path(path)
        if self.path.is_dir():
            raise HipbackInputError(
                f"progress_path: {str(path)!r} is a directory; allowed: a file path or None"
            )
        if not self.path.parent.is_dir():
            raise HipbackInputError(
                f"progress_path: {str(path)!r} is not allowed, its folder does not exist; "
                "allowed: a file path in an existing folder, or None"
            )
        #: Where the last unusable file was moved to (None if none was).
        self.moved_to: Path | None = None

    def load(self) -> dict[str, Any]:
        """The saved progress, or an empty record (moving an unusable file aside)."""
        if not self.path.exists():
            return empty_progress()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            self.moved_to = move_aside(self.path, f"it is not valid JSON: {err}")
            return empty_progress()
        problem = _problem(data)
        if problem:
            self.moved_to = move_aside(self.path, problem)
            return empty_progress()
        return data

    def save(self, data: dict[str, Any]) -> None:
        """Write the progress atomically (raises OSError if the disk refuses)."""
        atomic_write_json(self.path, data)
