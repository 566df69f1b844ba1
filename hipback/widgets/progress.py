"""The quiz's progress file (moved to :mod:`hipback.storage.progress`; names kept here).

The store merges each answer into the file under a file lock, writes atomically, sets a
bad entry aside on its own, and never stops a quiz from starting. See
:mod:`hipback.storage.progress` for the API.
"""

from __future__ import annotations

from hipback.storage.progress import (
    PROGRESS_FORMAT,
    PROGRESS_VERSION,
    ItemRecord,
    ProgressFileWarning,
    ProgressStore,
    QuizScore,
    atomic_write_json,
    move_aside,
    read_export,
)

__all__ = [
    "PROGRESS_FORMAT",
    "PROGRESS_VERSION",
    "ItemRecord",
    "ProgressFileWarning",
    "ProgressStore",
    "QuizScore",
    "atomic_write_json",
    "move_aside",
    "read_export",
]
