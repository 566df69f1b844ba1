"""Learners' progress (quiz answers, lesson self-checks): one JSON file, safe to share.

This module holds the store itself (:class:`ProgressStore`: reading, merging under the
lock, repairing); the file's shape and its checks are in
:mod:`hipback.storage.progress_format`, the atomic write and setting a file aside in
:mod:`hipback.storage.progress_files`, a learner's export in
:mod:`hipback.storage.progress_export`. Every name is importable from here.

Several quizzes — two tabs, two kernels, two processes — can use one progress file
without losing each other's answers:

* **Merge on write, under a file lock.** :meth:`ProgressStore.record` takes the file's
  lock (:mod:`filelock`), reads the file as it is *now*, sets the one answer it was
  given (keyed by quiz and item) and writes the file back atomically
  (:mod:`hipback.storage.atomic`). Nothing held in memory is written over the file.
* **A bad entry is set aside on its own.** An item or quiz entry that is not well
  formed is moved to a ``<file>.corrupt-<UTC time>`` file next to it, with the reason;
  the rest of the file is kept. Only a file that is not a progress file at all (not
  JSON, someone else's format) is moved aside whole. Nothing is deleted.
* **The quiz always starts.** A read-only folder, an unreadable or corrupt file that
  cannot be moved aside, a full disk: the store keeps working in memory, never raises,
  and :attr:`ProgressStore.status` says what happened (the widget shows it);
  :attr:`ProgressStore.saving` says whether answers reach the file.

API (typed; used by the quiz and the lessons)
---------------------------------------------
``ProgressStore(path)``
    ``path=None`` keeps progress in memory only.
``store.load() -> dict[quiz_id, dict[item_id, ItemRecord]]``
    Everything saved (a fresh read of the file).
``store.items(quiz_id) -> dict[item_id, ItemRecord]``
``store.record(quiz_id, item_id, answer, *, score=None, possible=None, meta=None) -> bool``
    Save one answer (a JSON-able mapping); ``True`` when it reached the file.
``store.discard(quiz_id, item_id, reason)``
    Set one saved item aside (e.g. it does not match the quiz any more).
``store.scores() -> dict[quiz_id, QuizScore]`` and ``store.score(quiz_id) -> QuizScore``
``store.meta(quiz_id) -> dict``
``store.export(target, *, learner="", quiz_ids=None, overwrite=False) -> Path``
    One learner's progress (scores and answers) to a small JSON file, for a class
    result; read it back with :func:`read_export`.
``store.status -> str``, ``store.saving -> bool``

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> store = ProgressStore(folder / "progress.json")
>>> store.record("lesson-02", "q1", {"choice": "hip"}, score=1, possible=1)
True
>>> store.record("lesson-02", "q2", {"choice": "spine"}, score=0, possible=1)
True
>>> other = ProgressStore(folder / "progress.json")   # another tab, kernel or process
>>> other.record("lesson-03", "q1", {"choice": "combined"}, score=1, possible=1)
True
>>> sorted(store.load())                               # nobody's answers were lost
['lesson-02', 'lesson-03']
>>> store.score("lesson-02")
QuizScore(quiz_id='lesson-02', answered=2, points=1.0, possible=2.0)
>>> store.items("lesson-02")["q1"].answer
{'choice': 'hip'}
>>> exported = store.export(folder / "ana.json", learner="Ana")
>>> read_export(exported).scores["lesson-03"].points
1.0
>>> store.status, store.saving
('', True)
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.storage.atomic import write_files
from hipback.storage.progress_export import LearnerExport, export_document, read_export
from hipback.storage.progress_files import (
    ProgressFileWarning,
    aside_name,
    atomic_write_json,
    move_aside,
)
from hipback.storage.progress_format import (
    EXPORT_FORMAT,
    MAX_FILE_BYTES,
    PROGRESS_FORMAT,
    PROGRESS_VERSION,
    ItemRecord,
    QuizScore,
    empty_progress,
    file_problem,
    json_text,
    now_stamp,
    number_or_none,
    quiz_score,
    split_bad,
)

__all__ = [
    "EXPORT_FORMAT",
    "PROGRESS_FORMAT",
    "PROGRESS_VERSION",
    "ItemRecord",
    "LearnerExport",
    "ProgressFileWarning",
    "ProgressStore",
    "QuizScore",
    "atomic_write_json",
    "move_aside",
    "read_export",
]

#: Seconds to wait for another writer's lock before giving up on one save.
LOCK_TIMEOUT = 10.0


class _Unreadable(Exception):
    """The file exists but is not a progress file (the reason is the message)."""


class ProgressStore:
    """Quiz and lesson progress at one path, shared safely (see the module docstring).

    Parameters
    ----------
    path : str or PathLike or None
        The JSON file (created on the first answer; its folder must exist). ``None``
        keeps the progress in memory only.

    Attributes
    ----------
    path : Path or None
    status : str
        "" while all is well; otherwise one sentence for the learner (shown by the quiz).
    saving : bool
        Whether answers reach the file.
    moved_to : Path or None
        Where the last set-aside part (or whole unusable file) went.
    """

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.status = ""
        self.moved_to: Path | None = None
        self._memory = empty_progress()
        # answers not yet in the file (a save failed): kept, shown, retried on the next save
        self._pending: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
        # one store object may be shared by threads (a widget's callbacks): its own state
        # is guarded here; other objects, kernels and processes are kept out by the file lock
        self._mutex = threading.RLock()
        if path is None:
            self.path: Path | None = None
            self.saving = False
            return
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
        self.saving = True
        self._lock_path = self.path.with_name(self.path.name + ".lock")
        self._memory = self._read_and_repair()

    # --- reading ------------------------------------------------------------------------------
    def _read_raw(self) -> dict[str, Any] | None:
        """The file's JSON (None when there is no file); raises _Unreadable or OSError."""
        assert self.path is not None
        try:
            with self.path.open("rb") as handle:
                raw = handle.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return None
        if len(raw) > MAX_FILE_BYTES:
            raise _Unreadable(f"it is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as err:
            raise _Unreadable(f"it is not valid JSON: {str(err)[:200]}") from None
        problem = file_problem(data)
        if problem:
            raise _Unreadable(problem)
        return data

    def _lock(self) -> Any:
        from filelock import FileLock

        return FileLock(str(self._lock_path), timeout=LOCK_TIMEOUT)

    def _fail(self, message: str) -> None:
        self.status = message
        self.saving = False
        warnings.warn(message, ProgressFileWarning, stacklevel=4)

    def _read_and_repair(self) -> dict[str, Any]:
        """Read the file; set aside what is bad (under the lock). Never raises OSError."""
        assert self.path is not None
        try:
            data = self._read_raw()
        except _Unreadable as err:
            return self._repair(str(err))
        except OSError as err:
            self._fail(
                f"Progress file {self.path} cannot be read ({err.strerror or err}); the quiz "
                "runs without saving."
            )
            return empty_progress()
        if data is None:
            return empty_progress()
        good, bad = split_bad(data)
        if bad or data.get("version") != PROGRESS_VERSION:
            return self._repair("")
        return good

    def _repair(self, whole_reason: str) -> dict[str, Any]:
        """Under the lock: move an unusable file aside or set its bad entries aside."""
        assert self.path is not None
        try:
            with self._lock():
                try:
                    data = self._read_raw()
                except _Unreadable as err:
                    self.moved_to = move_aside(self.path, str(err))
                    return empty_progress()
                if data is None:
                    return empty_progress()
                good, bad = split_bad(data)
                if bad:
                    self._set_aside(bad)
                if bad or data.get("version") != PROGRESS_VERSION:
                    atomic_write_json(self.path, good)
                return good
        except Exception as err:  # noqa: BLE001 - read-only folder, lock timeout, disk full
            why = getattr(err, "strerror", None) or str(err) or type(err).__name__
            problem = whole_reason or "some entries are not well formed"
            self._fail(
                f"Progress file {self.path} could not be used ({problem}) and could not be "
                f"set aside ({why}); the quiz runs without saving and the file is left as it is."
            )
            if whole_reason:
                return empty_progress()
            with contextlib.suppress(Exception):
                data = self._read_raw()
                if data is not None:
                    return split_bad(data)[0]
            return empty_progress()

    def _set_aside(self, bad: list[dict[str, Any]]) -> None:
        assert self.path is not None
        target = aside_name(self.path)
        record = {"format": PROGRESS_FORMAT + "-set-aside", "from": str(self.path),
                  "when": now_stamp(), "entries": bad}  # fmt: skip
        write_files({target: json.dumps(record, indent=2, default=repr) + "\n"})
        self.moved_to = target
        names = ", ".join(
            f"{b['quiz_id']!r}" + (f"/{b['item_id']!r}" if "item_id" in b else "") for b in bad[:5]
        ) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        warnings.warn(
            f"Quiz progress file {self.path}: {len(bad)} bad entr{'y' if len(bad) == 1 else 'ies'}"
            f" ({names}: {bad[0]['reason']}) moved to {target}; the rest of the file is kept.",
            ProgressFileWarning,
            stacklevel=5,
        )

    def load(self) -> dict[str, dict[str, ItemRecord]]:
        """Everything saved, by quiz and item (a fresh read of the file).

        Answers recorded in this session that could not be saved are included.
        """
        with self._mutex:
            if self.path is not None and self.saving:
                with contextlib.suppress(_Unreadable, OSError):
                    data = self._read_raw()
                    self._memory = split_bad(data)[0] if data is not None else empty_progress()
                    self._merge_pending(self._memory)
            snapshot = json.loads(json.dumps(self._memory))
        return {
            quiz_id: {
                item_id: ItemRecord(
                    quiz_id,
                    item_id,
                    dict(entry["answer"]),
                    entry.get("score"),
                    entry.get("possible"),
                    entry.get("recorded", ""),
                )
                for item_id, entry in quiz["items"].items()
            }  # fmt: skip
            for quiz_id, quiz in snapshot["quizzes"].items()
        }

    def items(self, quiz_id: str) -> dict[str, ItemRecord]:
        """The saved answers of one quiz, by item id (empty when none)."""
        return self.load().get(quiz_id, {})

    def meta(self, quiz_id: str) -> dict[str, Any]:
        """What was stored about the quiz itself (its settings), or ``{}``."""
        self.load()
        return dict(self._memory["quizzes"].get(quiz_id, {}).get("meta", {}))

    def score(self, quiz_id: str) -> QuizScore:
        """Points so far in one quiz."""
        return quiz_score(quiz_id, self.items(quiz_id).values())

    def scores(self) -> dict[str, QuizScore]:
        """Points so far in every quiz, by quiz id."""
        return {quiz_id: self.score(quiz_id) for quiz_id in self.load()}

    # --- writing ------------------------------------------------------------------------------
    def record(
        self,
        quiz_id: str,
        item_id: str,
        answer: Mapping[str, Any],
        *,
        score: float | None = None,
        possible: float | None = None,
        meta: Mapping[str, Any] | None = None,
    ) -> bool:
        """Save one answer, merged into the file as it is now; True when it was saved.

        Never raises for a file problem: the answer is kept in memory, :attr:`status`
        says why it was not saved, and a :class:`ProgressFileWarning` is issued.
        """
        for name, value in (("quiz_id", quiz_id), ("item_id", item_id)):
            if not isinstance(value, str) or not value:
                raise HipbackInputError(
                    f"{name}: {value!r} is not allowed; allowed: a non-empty text"
                )
        for name, value in (("score", score), ("possible", possible)):
            if not number_or_none(value):
                raise HipbackInputError(
                    f"{name}: {value!r} is not allowed; allowed: a number or None"
                )
        entry = {
            "answer": dict(answer),
            "score": score,
            "possible": possible,
            "recorded": now_stamp(),
        }
        try:
            json.dumps([entry, dict(meta or {})], allow_nan=False)
        except (TypeError, ValueError) as err:
            raise HipbackInputError(f"answer: cannot be saved as JSON ({err})") from None

        with self._mutex:
            self._pending[(quiz_id, item_id)] = (entry, dict(meta or {}))
            self._merge_pending(self._memory)
            if self.path is None or not self.saving:
                return False
            try:
                with self._lock():
                    try:
                        data = self._read_raw()
                    except _Unreadable as err:
                        self.moved_to = move_aside(self.path, str(err))
                        data = None
                    if data is None:
                        current = empty_progress()
                    else:
                        current, bad = split_bad(data)
                        if bad:
                            self._set_aside(bad)
                    self._merge_pending(current)
                    atomic_write_json(self.path, current)
                    self._memory = current
                    self._pending.clear()
            except Exception as err:  # noqa: BLE001 - disk full, read-only, lock timeout
                why = getattr(err, "strerror", None) or str(err) or type(err).__name__
                self.status = (
                    f"could not write {self.path} ({why}); the previous file is unchanged "
                    "and your answers in this session are kept."
                )
                warnings.warn(
                    f"Quiz progress could not be saved to {self.path} ({why}); the previous file "
                    "is unchanged.",
                    ProgressFileWarning,
                    stacklevel=2,
                )
                return False
            self.status = ""
            return True

    def _merge_pending(self, data: dict[str, Any]) -> None:
        for (quiz_id, item_id), (entry, meta) in self._pending.items():
            quiz = data["quizzes"].setdefault(quiz_id, {"meta": {}, "items": {}})
            quiz["meta"].update(meta)
            quiz["items"][item_id] = entry

    def discard(self, quiz_id: str, item_id: str, reason: str) -> None:
        """Set one saved item aside (to a ``.corrupt-`` file, with the reason); keep the rest."""
        with self._mutex:
            self._memory["quizzes"].get(quiz_id, {}).get("items", {}).pop(item_id, None)
            self._pending.pop((quiz_id, item_id), None)
            if self.path is None or not self.saving:
                return
            try:
                with self._lock():
                    data = self._read_raw()
                    if data is None:
                        return
                    current, bad = split_bad(data)
                    entry = current["quizzes"].get(quiz_id, {}).get("items", {}).pop(item_id, None)
                    if entry is not None:
                        bad.append({"quiz_id": quiz_id, "item_id": item_id, "reason": reason,
                                    "entry": entry})  # fmt: skip
                    if bad:
                        self._set_aside(bad)
                        atomic_write_json(self.path, current)
                    self._memory = current
            except Exception as err:  # noqa: BLE001
                why = getattr(err, "strerror", None) or str(err) or type(err).__name__
                self._fail(
                    f"Progress file {self.path} has an entry that does not fit ({reason}) and it "
                    f"could not be set aside ({why}); the quiz runs without saving."
                )

    def export(
        self,
        target: str | os.PathLike[str],
        *,
        learner: str = "",
        quiz_ids: list[str] | None = None,
        overwrite: bool = False,
    ) -> Path:
        """Write one learner's progress (scores and answers) to a small JSON file.

        Written atomically; an existing file is replaced only with ``overwrite=True``
        (otherwise :class:`~hipback.storage.OutputExistsError`). Returns the path.
        """
        everything = self.load()
        chosen = list(everything) if quiz_ids is None else [q for q in quiz_ids if q in everything]
        document = export_document(
            {q: everything[q] for q in chosen}, {q: self.meta(q) for q in chosen}, learner
        )
        path = Path(target)
        write_files({path: json_text(document)}, overwrite=overwrite)
        return path
