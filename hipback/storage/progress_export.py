"""One learner's progress as a small file for a class result: the document, and reading it back.

:meth:`ProgressStore.export <hipback.storage.progress.ProgressStore.export>` writes
:func:`export_document` atomically; :func:`read_export` reads such a file back and says
in one clear error when a file is not one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.storage.progress_format import (
    EXPORT_FORMAT,
    MAX_FILE_BYTES,
    ItemRecord,
    QuizScore,
    now_stamp,
    quiz_score,
)


@dataclass(frozen=True)
class LearnerExport:
    """An exported file read back by :func:`read_export`."""

    learner: str
    exported: str
    scores: dict[str, QuizScore]
    items: dict[str, dict[str, ItemRecord]] = field(default_factory=dict)


def export_document(
    items: Mapping[str, Mapping[str, ItemRecord]],
    metas: Mapping[str, Mapping[str, Any]],
    learner: str = "",
) -> dict[str, Any]:
    """The export of the quizzes in ``items`` (by quiz, then item): scores, answers, settings.

    Examples
    --------
    >>> doc = export_document({"q": {"1": ItemRecord("q", "1", {"choice": "hip"}, 1, 1)}}, {})
    >>> doc["format"], doc["quizzes"]["q"]["score"]
    ('hipback-learner-progress', {'answered': 1, 'points': 1.0, 'possible': 1.0})
    """
    quizzes = {}
    for quiz_id, records in items.items():
        s = quiz_score(quiz_id, records.values())
        quizzes[quiz_id] = {
            "meta": dict(metas.get(quiz_id, {})),
            "score": {"answered": s.answered, "points": s.points, "possible": s.possible},
            "items": {
                i: {
                    "answer": r.answer,
                    "score": r.score,
                    "possible": r.possible,
                    "recorded": r.recorded,
                }
                for i, r in records.items()
            },  # fmt: skip
        }
    return {"format": EXPORT_FORMAT, "version": 1, "learner": str(learner),
            "exported": now_stamp(), "quizzes": quizzes}  # fmt: skip


def read_export(path: str | os.PathLike[str]) -> LearnerExport:
    """Read a file written by :meth:`ProgressStore.export` (one clear error if it is not one)."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_FILE_BYTES + 1]
        if len(raw) > MAX_FILE_BYTES:
            raise ValueError("it is too large")
        data = json.loads(raw.decode("utf-8"))
    except OSError as err:
        raise HipbackInputError(f"{path}: cannot be read ({err.strerror or err})") from None
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise HipbackInputError(f"{path}: not a progress export ({str(err)[:200]})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise HipbackInputError(f"{path}: not a hipback progress export")
    scores, items = {}, {}
    try:
        for quiz_id, quiz in data["quizzes"].items():
            s = quiz["score"]
            scores[quiz_id] = QuizScore(quiz_id, int(s["answered"]), float(s["points"]),
                                        float(s["possible"]))  # fmt: skip
            items[quiz_id] = {
                i: ItemRecord(quiz_id, i, dict(e["answer"]), e.get("score"), e.get("possible"),
                              str(e.get("recorded", "")))
                for i, e in quiz["items"].items()
            }  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise HipbackInputError(f"{path}: a progress export with a bad entry ({err!r})") from None
    return LearnerExport(str(data.get("learner", "")), str(data.get("exported", "")), scores, items)
