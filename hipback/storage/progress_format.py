"""What a progress file holds, and how to tell a good entry from a bad one (no file access).

The file is JSON: ``{"format": PROGRESS_FORMAT, "version": 2, "quizzes": {quiz_id:
{"meta": {...}, "items": {item_id: {"answer", "score", "possible", "recorded"}}}}}``.
:func:`split_bad` keeps the well-formed entries and lists the bad ones with a reason, so
that the store (:mod:`hipback.storage.progress`) can set a bad entry aside on its own.
Version-1 files (a list of answers per quiz) are read here in the version-2 shape.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: Marks a file as ours; anything else is "foreign".
PROGRESS_FORMAT = "hipback-quiz-progress"
#: Version 2 keys answers per quiz *and per item*; version 1 files (a list of answers
#: per quiz) are read and converted on the next write.
PROGRESS_VERSION = 2
EXPORT_FORMAT = "hipback-learner-progress"

#: A progress file larger than this is not read (it cannot be one the kit wrote).
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ItemRecord:
    """One saved answer: which quiz and item, the answer itself, its points, when."""

    quiz_id: str
    item_id: str
    answer: dict[str, Any]
    score: float | None = None
    possible: float | None = None
    recorded: str = ""


@dataclass(frozen=True)
class QuizScore:
    """Points so far in one quiz (items without a score count 0 of 0)."""

    quiz_id: str
    answered: int
    points: float
    possible: float

    @property
    def fraction(self) -> float | None:
        """``points / possible``, or None when nothing scoreable was answered."""
        return self.points / self.possible if self.possible else None


def now_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def empty_progress() -> dict[str, Any]:
    return {"format": PROGRESS_FORMAT, "version": PROGRESS_VERSION, "quizzes": {}}


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, allow_nan=False) + "\n"


def quiz_score(quiz_id: str, items: Iterable[ItemRecord]) -> QuizScore:
    """Points so far in one quiz from its saved items (an item without a score counts 0 of 0).

    Examples
    --------
    >>> items = [ItemRecord("q", "1", {}, 1, 1), ItemRecord("q", "2", {}, None, None)]
    >>> quiz_score("q", items)
    QuizScore(quiz_id='q', answered=2, points=1.0, possible=1.0)
    """
    items = list(items)
    return QuizScore(
        quiz_id,
        len(items),
        float(sum(i.score or 0 for i in items)),
        float(sum(i.possible or 0 for i in items)),
    )


def number_or_none(value: Any) -> bool:
    return value is None or (
        isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    )


def item_problem(entry: Any) -> str:
    if not isinstance(entry, dict):
        return f"it holds a {type(entry).__name__}, not an answer record"
    if not isinstance(entry.get("answer"), dict):
        return "it has no answer mapping"
    for key in ("score", "possible"):
        if not number_or_none(entry.get(key)):
            return f"its {key} {entry.get(key)!r} is not a number"
    if not isinstance(entry.get("recorded", ""), str):
        return "its time stamp is not text"
    return ""


def file_problem(data: Any) -> str:
    """Why ``data`` is not a progress file at all ("" if it is one)."""
    if not isinstance(data, dict):
        return f"it holds a {type(data).__name__}, not a progress record"
    if data.get("format") != PROGRESS_FORMAT:
        return f"it is not a hipback quiz progress file (format {data.get('format')!r})"
    if data.get("version") not in (1, PROGRESS_VERSION):
        return f"it has version {data.get('version')!r}; this kit reads 1 and {PROGRESS_VERSION}"
    if not isinstance(data.get("quizzes"), dict):
        return "its 'quizzes' entry is not a mapping"
    return ""


def from_v1(quiz: Any) -> Any:
    """A version-1 quiz entry (a list of answers) in the version-2 shape (items by index)."""
    if not isinstance(quiz, dict) or not isinstance(quiz.get("answers"), list):
        return quiz
    items: dict[str, Any] = {}
    for n, answer in enumerate(quiz["answers"]):
        key = str(answer.get("index", n)) if isinstance(answer, dict) else str(n)
        items[key] = {"answer": answer, "score": None, "possible": None,
                      "recorded": str(quiz.get("updated", ""))}  # fmt: skip
        if isinstance(answer, dict) and number_or_none(answer.get("points")):
            items[key]["score"] = answer.get("points")
    meta = {k: v for k, v in quiz.items() if k not in ("answers", "updated")}
    return {"meta": meta, "items": items}


def split_bad(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The file's well-formed content (version 2) and its bad entries, each with a reason."""
    good = empty_progress()
    for key in ("learner",):
        if isinstance(data.get(key), str):
            good[key] = data[key]
    bad: list[dict[str, Any]] = []
    for quiz_id, quiz in data["quizzes"].items():
        if data.get("version") == 1:
            quiz = from_v1(quiz)
        if not isinstance(quiz, dict) or not isinstance(quiz.get("items"), dict):
            bad.append({"quiz_id": quiz_id, "reason": "the quiz entry has no items mapping",
                        "entry": quiz})  # fmt: skip
            continue
        meta = quiz.get("meta", {})
        items = {}
        for item_id, entry in quiz["items"].items():
            problem = item_problem(entry)
            if problem:
                bad.append({"quiz_id": quiz_id, "item_id": item_id, "reason": problem,
                            "entry": entry})  # fmt: skip
            else:
                items[item_id] = entry
        good["quizzes"][quiz_id] = {"meta": meta if isinstance(meta, dict) else {},
                                    "items": items}  # fmt: skip
    return good, bad
