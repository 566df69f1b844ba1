"""The room's quiz results: one file per student session in the class folder.

In class mode (:mod:`hipback.serving.classroom`) every student's kernel runs on the
lecturer's machine with ``HIPBACK_PROGRESS_DIR`` naming the class folder. The quiz then
saves each answered case, as it is answered, to ``<folder>/quiz-<session>.json`` through
the kit's progress store (:class:`hipback.storage.progress.ProgressStore`: a file lock,
an atomic write, nothing lost on a kernel restart or a closed browser). ``hipback
class-report FOLDER`` and the projector page read the files back with
:func:`read_quiz_file`.

A file is a progress file (format ``hipback-quiz-progress``, version 2). Its quiz's
``meta`` holds ``app`` (``"quiz"``), ``session``, ``learner`` (the name or nickname the
student typed, or the session's anonymous id), ``seed``, ``difficulty`` and ``n``; each
item is one case: ``answer`` is a :class:`~hipback.teaching.quiz_scoring.QuizAnswer`
(label, true driver, right or not, red flags, plan score, points, the case's difficulty)
and ``recorded`` the time it was saved. The answer also carries ``answered``, the time it
was submitted to the microsecond (kept when the file is rewritten, e.g. for a name typed
later), which orders a student's answers.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.storage.progress import PROGRESS_FORMAT, ProgressStore
from hipback.teaching.quiz_scoring import POINTS_PER_CASE, QuizAnswer

#: Environment variable naming the class folder (set by class mode for every kernel).
PROGRESS_DIR_ENV = "HIPBACK_PROGRESS_DIR"
#: Environment variable with the class's quiz seed: everyone in the room gets the same cases.
CLASS_SEED_ENV = "HIPBACK_CLASS_SEED"
#: How a session file is named in the class folder.
FILE_PREFIX, FILE_SUFFIX = "quiz-", ".json"
APP = "quiz"
MAX_NAME = 40
#: A class file is small (at most a few hundred cases); anything far larger is not one.
MAX_FILE_BYTES = 2 * 1024 * 1024

_ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_session_id() -> str:
    """A short id for one quiz session, e.g. ``"k7qm2x"`` (also the anonymous name)."""
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(6))


def clean_name(name: Any) -> str:
    """The name as saved: one line, no control characters, at most 40 characters."""
    return _one_line(name)[:MAX_NAME]


def _one_line(name: Any) -> str:
    text = " ".join(str(name or "").split())
    return "".join(ch for ch in text if ch.isprintable())


def name_key(name: Any) -> str:
    """What makes two saved names one learner: the name on one line, capitals ignored.

    A student who reopens the quiz types "sam" as readily as "Sam"; the class report and
    the quiz's name check treat the two as one name (the report shows the first spelling).

    Examples
    --------
    >>> name_key("  Sam ") == name_key("sam")
    True
    """
    # Not cut to 40 characters: self-check exports keep longer names, and two of them
    # that share their first 40 characters are still two learners.
    return _one_line(name).casefold()


def class_folder(folder: Any = None) -> Path | None:
    """The class folder: ``folder`` if given, else ``$HIPBACK_PROGRESS_DIR``, else None."""
    if folder is None:
        folder = os.environ.get(PROGRESS_DIR_ENV) or None
    return None if folder is None else Path(folder)


def class_seed() -> int | None:
    """The class's quiz seed from ``$HIPBACK_CLASS_SEED`` (None when unset or not a number)."""
    value = os.environ.get(CLASS_SEED_ENV, "").strip()
    return int(value) if value.isdigit() else None


class ClassRecorder:
    """Saves one student session's answers to the class folder as they are given.

    Parameters
    ----------
    folder : path
        The class folder (it must exist; class mode creates it).
    quiz_id : str
        The quiz's key (its seed, difficulty and number of cases).
    meta : mapping
        The quiz's settings, saved with every answer.
    """

    def __init__(self, folder: str | os.PathLike[str], quiz_id: str, meta: Mapping[str, Any]):
        self.session = new_session_id()
        self.path = Path(folder) / f"{FILE_PREFIX}{self.session}{FILE_SUFFIX}"
        self.quiz_id = quiz_id
        self.name = ""
        #: Another page's file in the class folder saves the same name (see :meth:`set_name`).
        self.name_taken = False
        #: That name as the other page saved it ("" when none; capitals may differ).
        self.taken_as = ""
        self._recheck_name = False
        self._meta = dict(meta)
        self._last: tuple[QuizAnswer, str] | None = None
        self.store = ProgressStore(self.path)

    @property
    def learner(self) -> str:
        """The name saved: what the student typed, else ``anonymous-<session>``."""
        return self.name or f"anonymous-{self.session}"

    @property
    def status(self) -> str:
        """ "" while answers reach the folder; otherwise why not (one sentence)."""
        return self.store.status

    def _meta_now(self) -> dict[str, Any]:
        return {**self._meta, "app": APP, "session": self.session, "learner": self.learner}

    def record(self, answer: QuizAnswer, answered: str | None = None) -> bool:
        """Save one answered case now; True when it reached the file."""
        answered = answered or datetime.now(UTC).isoformat(timespec="microseconds")
        self._last = (answer, answered)
        saved = self.store.record(
            self.quiz_id,
            str(answer.index),
            {**asdict(answer), "answered": answered},
            score=answer.points,
            possible=POINTS_PER_CASE,
            meta=self._meta_now(),
        )
        if self._recheck_name:
            # Another page may have saved the same name since it was typed; now that this
            # page's own file exists, any later page with the name is told instead.
            self._recheck_name = False
            self._check_name()
        return saved

    def set_name(self, name: Any) -> str:
        """Set the student's name (saved at once if they have answered); returns it cleaned.

        Also sets :attr:`name_taken`. The class report counts one name as one learner, so
        that a reopened page is not a second student; two students who typed the same name
        would be merged (and the second one's answers to the same cases left out as
        repeats), so the quiz warns them. A page's file only exists once it has answered a
        case, so a page that has not yet looks again after its first saved answer.
        """
        self.name = clean_name(name)
        self._check_name()
        self._recheck_name = bool(self.name) and self._last is None
        if self._last is not None:
            self.record(*self._last)  # the name lives in the file's meta: write it now
        return self.name

    def _check_name(self) -> None:
        self.taken_as = self._name_elsewhere()
        self.name_taken = bool(self.taken_as)

    def _name_elsewhere(self) -> str:
        """The name as another session's file in the class folder saves it, if one saves
        this name (:func:`name_key`), else "" (files that cannot be read are passed over
        here: the report names them)."""
        if not self.name:
            return ""
        key = name_key(self.name)
        for path in sorted(self.path.parent.glob(f"{FILE_PREFIX}*{FILE_SUFFIX}")):
            if path == self.path:
                continue
            try:
                learner = read_quiz_file(path).learner
            except HipbackInputError:
                continue
            if name_key(learner) == key:
                return learner
        return ""


@dataclass(frozen=True, slots=True)
class CaseResult:
    """One answered case in a class file."""

    learner: str
    session: str
    quiz_id: str
    case_key: str  # the same case for everyone who got the same quiz: "<difficulty> <case id>"
    answer: QuizAnswer
    recorded: str


@dataclass(frozen=True, slots=True)
class QuizFile:
    """One student session's file."""

    path: Path
    learner: str
    session: str
    results: tuple[CaseResult, ...]


def is_quiz_key(quiz_id: str) -> bool:
    """Whether a progress-file key is a quiz's: its settings, ``name=value`` joined by ``;``
    (``"seed=5;difficulty=easy;n=5"``, ``"practice=hip-01,..."``). A learner's own file
    also holds the self-checks (``"lesson-03"``) and the learner's seed (``"learner"``).

    Examples
    --------
    >>> is_quiz_key("seed=5;difficulty=easy;n=5"), is_quiz_key("lesson-03")
    (True, False)
    """
    return "=" in quiz_id


def case_key(quiz_id: str, answer: QuizAnswer) -> str:
    """A case's name in the report: the same seed and difficulty give the same cases."""
    settings = dict(part.split("=", 1) for part in quiz_id.split(";") if "=" in part)
    quiz_difficulty = settings.get("difficulty", "")
    if "practice" in settings:
        return answer.case_id
    return f"{quiz_difficulty} {answer.case_id}".strip()


def is_quiz_data(data: Any) -> bool:
    """Whether parsed JSON claims to be a progress file (the quiz's format)."""
    return isinstance(data, dict) and data.get("format") == PROGRESS_FORMAT


def quiz_results_from(data: Mapping[str, Any], path: Path) -> QuizFile:
    """The answers in one parsed progress file; raises HipbackInputError naming the file
    and the entry that is wrong."""
    quizzes = data.get("quizzes")
    if not isinstance(quizzes, dict):
        raise HipbackInputError(f"{path}: a quiz results file without its 'quizzes' table")
    results: list[CaseResult] = []
    learner, session = "", path.stem.removeprefix(FILE_PREFIX)
    for quiz_id, quiz in quizzes.items():
        if not isinstance(quiz, dict) or not isinstance(quiz.get("items"), dict):
            raise HipbackInputError(f"{path}: quiz {quiz_id!r} is not a table of answers")
        meta = quiz.get("meta") if isinstance(quiz.get("meta"), dict) else {}
        if meta.get("app", APP) != APP or not is_quiz_key(str(quiz_id)):
            continue  # another app's progress in a learner's own file: not a quiz answer
        learner = clean_name(meta.get("learner")) or learner
        session = str(meta.get("session") or session)
        for item_id, entry in quiz["items"].items():
            try:
                saved = dict(entry["answer"])
                answered = str(saved.pop("answered", "") or entry.get("recorded", ""))
                answer = QuizAnswer.from_json(saved)
            except (KeyError, TypeError, ValueError, AttributeError) as err:
                raise HipbackInputError(
                    f"{path}: quiz {quiz_id!r}, case {item_id!r} is not a quiz answer ({err})"
                ) from None
            recorded = answered
            results.append(
                CaseResult("", session, quiz_id, case_key(quiz_id, answer), answer, recorded)
            )
    learner = learner or f"anonymous-{session}"
    named = tuple(
        CaseResult(learner, r.session, r.quiz_id, r.case_key, r.answer, r.recorded) for r in results
    )
    return QuizFile(path, learner, session, named)


def load_json(path: Path) -> Any:
    """A results file's JSON; raises HipbackInputError naming the file and the problem."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise HipbackInputError(f"{path}: cannot be read ({err.strerror or err})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise HipbackInputError(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise HipbackInputError(f"{path}: not valid JSON ({str(err)[:120]})") from None


def read_quiz_file(path: str | os.PathLike[str]) -> QuizFile:
    """One session file of the class folder (a clear error naming the file if it is not)."""
    path = Path(path)
    data = load_json(path)
    if not is_quiz_data(data):
        raise HipbackInputError(f"{path}: not a quiz results file")
    return quiz_results_from(data, path)
