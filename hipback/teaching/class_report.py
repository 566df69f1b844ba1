"""Class results: what a class got right and missed, per question, objective and quiz case.

Two kinds of file, read from the files and folders given (``hipback class-report PATH…``):

* **Self-check exports**: each student exports their self-check results as one small JSON
  file (the start page has an "Export my results" button; the file holds the name they
  typed, their answers and their marks, nothing else). Reported per question and per
  objective. Marks are recomputed here with :func:`hipback.teaching.selfcheck.score` from
  the saved answers, so a report always uses the current answer key.
* **The room's quiz results**: in class mode the quiz app saves each answered case to the
  class folder, one file per student session (:mod:`hipback.teaching.quiz_results`).
  Reported per case (with what students answered), as a confusion table (true driver
  against students' answers), the hardest cases, and per student.

A folder is read whole. A file that is neither kind, or is damaged, is not silently
dropped: it is listed first in the report with the reason (and when no file at all
could be read, the command fails naming each one). The file lock companions the quiz
keeps next to its files (``*.lock``) are the only files passed over without a word.
The report can also be written as a page with a bar chart of each table.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.reasoning import LABELS, TRUE_LABELS
from hipback.storage import write_text
from hipback.teaching import selfcheck
from hipback.teaching.lessons import LESSONS
from hipback.teaching.quiz_results import (
    CaseResult,
    is_quiz_data,
    is_quiz_key,
    load_json,
    name_key,
    quiz_results_from,
)

EXPORT_FORMAT = "hipback-selfcheck-results"
#: What to do when ``--out`` names a file that exists.
OUT_HINT = "add --force to replace it, or choose another --out"


def export_data(learner: str, answers: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """One learner's results as an export record: ``answers`` is quiz id → item id → response.

    >>> export_data("Sam", {"lesson-00": {"00-purpose": "B"}})["learner"]
    'Sam'
    """
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "learner": str(learner).strip()[:60],
        "answers": {q: dict(a) for q, a in answers.items() if q.startswith("lesson-")},
    }


@dataclass(frozen=True, slots=True)
class Result:
    learner: str
    item_id: str
    correct: bool


def _from_record(data: Mapping[str, Any], name: str) -> list[Result]:
    out = []
    for qid, group in data.get("answers", {}).items():
        if not str(qid).startswith("lesson-"):
            continue
        for item_id, response in group.items():
            try:
                x = selfcheck.item(item_id)
            except HipbackInputError:
                continue  # an item since removed from the bank
            out.append(Result(name, item_id, selfcheck.score(x, response).correct))
    return out


def read_results(paths: Iterable[str | Path]) -> list[Result]:
    """Every answer in the exported files (unreadable files raise, naming the file)."""
    out: list[Result] = []
    for path in map(Path, paths):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise HipbackInputError(f"{path}: not a results file ({err})") from None
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise HipbackInputError(
                f"{path}: not a self-check results file (use 'Export my results' on the "
                "start page of the lessons)"
            )
        out += _from_record(data, str(data.get("learner") or path.stem))
    return out


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file the report could not use, and why."""

    path: Path
    reason: str


@dataclass
class ClassResults:
    """Everything read from the class's files and folders."""

    selfcheck: list[Result] = field(default_factory=list)
    quiz: list[CaseResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0  # files read
    repeats: int = 0  # later answers by the same name to the same case, left out

    @property
    def learners(self) -> int:
        """How many learners answered (self-check and quiz names together; capitals in a
        name do not make another learner, see :func:`~hipback.teaching.quiz_results.name_key`)."""
        return len({name_key(r.learner) for r in [*self.selfcheck, *self.quiz]})


def first_answers(quiz: list[CaseResult]) -> tuple[list[CaseResult], int]:
    """Each named student's first answer to each case, and how many later ones were left out.

    With the room's shared seed a student whose page restarted meets the same cases again;
    a second answer (by then they know it) would count twice. Anonymous sessions cannot be
    matched and are all kept; two students typing the same name (capitals aside) count as
    one.
    """
    kept: dict[tuple[str, str], CaseResult] = {}
    out: list[CaseResult] = []
    for r in sorted(quiz, key=lambda r: r.recorded):
        if r.learner.startswith("anonymous-"):
            out.append(r)
        elif (name_key(r.learner), r.case_key) not in kept:
            kept[(name_key(r.learner), r.case_key)] = r
            out.append(r)
    return out, len(quiz) - len(out)


def _finish(results: ClassResults) -> ClassResults:
    results.quiz, results.repeats = first_answers(results.quiz)
    return results


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The files to read: each file given, and every file in each folder given (sorted).

    Only the quiz's ``*.lock`` companions are left out; a path that does not exist raises.
    """
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and not p.name.endswith(".lock"))
        elif path.exists():
            out.append(path)
        else:
            raise HipbackInputError(f"{path}: no such file or folder")
    return out


def _read_one(path: Path, into: ClassResults) -> None:
    """Add one file's answers; raises HipbackInputError naming the file."""
    if ".json.corrupt-" in path.name:
        raise HipbackInputError(
            f"{path}: set aside by the quiz as damaged (open it to recover answers by hand)"
        )
    data = load_json(path)
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        into.selfcheck += _from_record(data, str(data.get("learner") or path.stem))
    elif is_quiz_data(data):
        found = quiz_results_from(data, path)
        if not found.results:
            own = any(not is_quiz_key(str(k)) for k in data.get("quizzes", {}))
            raise HipbackInputError(
                f"{path}: a progress file with no quiz answers in it"
                + (
                    "; its self-check answers are handed in with 'Export my results' on the "
                    "start page of the lessons"
                    if own
                    else ""
                )
            )
        into.quiz += found.results
    else:
        kind = data.get("format") if isinstance(data, dict) else type(data).__name__
        raise HipbackInputError(
            f"{path}: not a self-check results file (use 'Export my results' on the start "
            f"page of the lessons) nor a quiz results file of class mode (found: {kind!r})"
        )
    into.files += 1


def read_class(paths: Iterable[str | Path], *, strict: bool = False) -> ClassResults:
    """Read self-check exports and quiz results from files and folders.

    A file that cannot be used is listed in ``skipped`` with the reason (``strict``:
    raise at the first one instead). When files were given but none could be used,
    raises :class:`HipbackInputError` naming every one.
    """
    results = ClassResults()
    files = expand_paths(paths)
    for path in files:
        try:
            _read_one(path, results)
        except HipbackInputError as err:
            if strict:
                raise
            results.skipped.append(Skipped(path, str(err).removeprefix(f"{path}: ")))
    if files and not results.files:
        raise HipbackInputError(
            "no results could be read: "
            + "; ".join(f"{s.path}: {s.reason}" for s in results.skipped)
        )
    return _finish(results)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One quiz case across the room."""

    key: str
    truth: str
    difficulty: str
    answers: Counter[str]  # the students' labels

    @property
    def answered(self) -> int:
        return sum(self.answers.values())

    @property
    def right(self) -> int:
        return self.answers[self.truth]

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0

    def answers_text(self) -> str:
        return ", ".join(f"{label} {self.answers[label]}" for label in LABELS
                         if self.answers[label])  # fmt: skip


def by_case(quiz: list[CaseResult]) -> list[CaseRow]:
    """Each quiz case the room answered (one answer per student session and case)."""
    rows: dict[str, CaseRow] = {}
    for r in quiz:
        a = r.answer
        row = rows.setdefault(r.case_key, CaseRow(r.case_key, a.correct_label, a.difficulty,
                                                  Counter()))  # fmt: skip
        row.answers[a.label] += 1
    return sorted(rows.values(), key=lambda row: row.key)


def hardest(rows: list[CaseRow], k: int = 5) -> list[CaseRow]:
    """The ``k`` cases the fewest got right (share right, then most answered, first)."""
    return sorted((r for r in rows if r.answered), key=lambda r: (r.share, -r.answered, r.key))[:k]


def answer_labels(quiz: list[CaseResult]) -> tuple[str, ...]:
    """The labels of the confusion table: the three drivers, and "undetermined" when a
    practice round (marked against the kit, which can say it) has one."""
    used = {r.answer.correct_label for r in quiz} | {r.answer.label for r in quiz}
    return tuple(label for label in LABELS if label in TRUE_LABELS or label in used)


def confusion(quiz: list[CaseResult]) -> dict[str, Counter[str]]:
    """True driver -> the students' answers (counts)."""
    table: dict[str, Counter[str]] = {label: Counter() for label in answer_labels(quiz)}
    for r in quiz:
        table[r.answer.correct_label][r.answer.label] += 1
    return table


@dataclass(frozen=True, slots=True)
class StudentRow:
    learner: str
    sessions: int
    cases: int
    driver_right: int
    points: float
    possible: float
    #: The name's other spellings (capitals), from later pages; the row shows the first.
    also_typed: tuple[str, ...] = ()


def by_student(quiz: list[CaseResult]) -> list[StudentRow]:
    """Totals per name (a student who restarted and typed the same name is one row, even
    with other capitals; the row shows the name as first saved)."""
    from hipback.teaching.quiz_scoring import POINTS_PER_CASE

    names: dict[str, list[CaseResult]] = {}
    for r in sorted(quiz, key=lambda r: r.recorded):
        names.setdefault(name_key(r.learner), []).append(r)
    rows = []
    for _key, mine in sorted(names.items()):
        spellings = list(dict.fromkeys(r.learner for r in mine))
        rows.append(
            StudentRow(
                spellings[0],
                len({r.session for r in mine}),
                len(mine),
                sum(r.answer.label_correct for r in mine),
                round(sum(r.answer.points for r in mine), 6),
                POINTS_PER_CASE * len(mine),
                tuple(spellings[1:]),
            )
        )
    return rows


def quiz_text(quiz: list[CaseResult]) -> str:
    """The quiz part of the printed report."""
    rows = by_case(quiz)
    students = by_student(quiz)
    labels = answer_labels(quiz)
    w = max(len(label) for label in labels) + 1  # column width: the longest label fits
    lines = [f"Quiz: {len(students)} students, {len(quiz)} answered cases, {len(rows)} cases.",
             "", "Per case (right = the true pain driver chosen)",
             f"{'case':18} {'true driver':13} {'answered':>8} {'right':>6} {'% right':>8}"
             "  students answered"]  # fmt: skip
    for r in rows:
        lines.append(f"{r.key:18} {r.truth:13} {r.answered:8d} {r.right:6d} "
                     f"{100 * r.share:7.0f}%  {r.answers_text()}")  # fmt: skip
    lines += ["", "Confusion (rows: true driver; columns: what students answered)",
              f"{'':13}" + "".join(f"{label:>{w}}" for label in labels)]  # fmt: skip
    for truth, counts in confusion(quiz).items():
        lines.append(f"{truth:13}" + "".join(f"{counts[label]:{w}d}" for label in labels))
    lines += ["", "Hardest cases (fewest right)"]
    lines += [f"{r.key:18} {r.right} of {r.answered} right; true driver {r.truth}; answered: "
              f"{r.answers_text()}" for r in hardest(rows)]  # fmt: skip
    lines += ["", "Per student", f"{'student':32} {'cases':>5} {'driver right':>12} "
              f"{'points':>12} {'sessions':>8}"]  # fmt: skip
    for s in students:
        lines.append(f"{s.learner[:32]:32} {s.cases:5d} {s.driver_right:12d} "
                     f"{s.points:5g} of {s.possible:<4g} {s.sessions:8d}")  # fmt: skip
    return "\n".join(lines)


def skipped_text(skipped: list[Skipped]) -> str:
    return f"Skipped {len(skipped)} file(s) that could not be used:\n" + "\n".join(
        f"  {s.path}: {s.reason}" for s in skipped
    )


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    label: str
    answered: int
    right: int

    @property
    def share(self) -> float:
        return self.right / self.answered if self.answered else 0.0


def by_question(results: list[Result]) -> list[Row]:
    rows = []
    for x in selfcheck.all_items():
        mine = [r for r in results if r.item_id == x.id]
        first = x.prompt.split(". ")[0][:70]
        rows.append(Row(x.id, first, len(mine), sum(r.correct for r in mine)))
    return rows


def by_objective(results: list[Result]) -> list[Row]:
    rows = []
    for lesson in LESSONS:
        for k, text in enumerate(lesson.objectives, start=1):
            oid = lesson.objective_id(k)
            ids = {x.id for x in selfcheck.all_items() if oid in x.objectives}
            mine = [r for r in results if r.item_id in ids]
            rows.append(Row(oid, text, len(mine), sum(r.correct for r in mine)))
    return rows


def text_table(title: str, rows: list[Row]) -> str:
    lines = [title, f"{'':12} {'answered':>8} {'right':>6} {'% right':>8}  question"]
    for r in rows:
        pct = f"{100 * r.share:.0f}%" if r.answered else "-"
        lines.append(f"{r.key:12} {r.answered:8d} {r.right:6d} {pct:>8}  {r.label}")
    return "\n".join(lines)


def _chart(title: str, rows: list[Row]) -> str:
    """A bar per row (share right), with the numbers written beside it (not colour alone)."""
    bars = []
    for r in rows:
        width = round(100 * r.share)
        text = f"{r.right} of {r.answered} right" if r.answered else "not answered"
        bars.append(
            f"<tr><th scope='row' title='{escape(r.label)}'>{escape(r.key)}</th>"
            f"<td style='width:60%'><div style='background:#3b6ea5;height:1em;"
            f"width:{width}%'></div></td><td>{escape(text)}</td>"
            f"<td>{escape(r.label)}</td></tr>"
        )
    return (
        f"<h2>{escape(title)}</h2><table class='bars'><tr><th>Id</th><th>Share right</th>"
        "<th>Count</th><th>What it asks</th></tr>" + "".join(bars) + "</table>"
    )


def _quiz_html(quiz: list[CaseResult]) -> str:
    rows = by_case(quiz)
    case_rows = [
        Row(r.key, f"true driver {r.truth}; answered: {r.answers_text()}", r.answered, r.right)
        for r in rows
    ]
    labels = answer_labels(quiz)
    head = "".join(f"<th scope='col'>{escape(label)}</th>" for label in labels)
    body = "".join(
        f"<tr><th scope='row'>{escape(truth)}</th>"
        + "".join(f"<td>{counts[label]}</td>" for label in labels)
        + "</tr>"
        for truth, counts in confusion(quiz).items()
    )
    students = "".join(
        f"<tr><td>{escape(s.learner)}</td><td>{s.cases}</td><td>{s.driver_right}</td>"
        f"<td>{s.points:g} of {s.possible:g}</td><td>{s.sessions}</td></tr>"
        for s in by_student(quiz)
    )
    hard = "".join(
        f"<li><b>{escape(r.key)}</b>: {r.right} of {r.answered} right (true driver "
        f"{escape(r.truth)}; answered: {escape(r.answers_text())})</li>"
        for r in hardest(rows)
    )
    return (
        _chart("Quiz: per case (right = the true pain driver chosen)", case_rows)
        + "<h2>Quiz: confusion</h2><p>Rows: the case's true driver; columns: what students "
        f"answered.</p><table class='confusion'><tr><th></th>{head}</tr>{body}</table>"
        f"<h2>Quiz: hardest cases</h2><ol>{hard}</ol>"
        "<h2>Quiz: per student</h2><table><tr><th>Student</th><th>Cases</th>"
        "<th>Driver right</th><th>Points</th><th>Sessions</th></tr>"
        f"{students}</table>"
    )


def report_notes(results: ClassResults) -> list[str]:
    """What the lecturer should know about how names were counted (one sentence each)."""
    notes = []
    if results.repeats:
        notes.append(
            f"Left out {results.repeats} later answer(s) by the same name to the same quiz "
            "case (a page reopened on the same cases): each name's first answer counts."
        )
    shared = [s for s in by_student(results.quiz) if s.sessions > 1]
    if shared:
        names = ", ".join(
            f"{s.learner} ({s.sessions} pages"
            + "".join(f"; also typed as {other}" for other in s.also_typed)
            + ")"
            for s in shared
        )
        notes.append(
            f"Names saved by more than one quiz page: {names}. Each name counts as one "
            "learner: a page reopened, or two students who typed the same name (the quiz "
            "told the later one so). Ask, if it matters."
        )
    return notes


def report_html(results: ClassResults | list[Result]) -> str:
    """The report as a page (bar charts with the numbers written beside them)."""
    from hipback.reasoning import DISCLAIMER

    if not isinstance(results, ClassResults):
        results = ClassResults(selfcheck=list(results))
    learners = results.learners
    skipped = "".join(
        f"<li><code>{escape(str(s.path))}</code>: {escape(s.reason)}</li>" for s in results.skipped
    )
    parts = [f"<h2>Files that could not be used</h2><ul>{skipped}</ul>" if skipped else ""]
    parts += [f"<p>{escape(note)}</p>" for note in report_notes(results)]
    if results.quiz:
        parts.append(_quiz_html(results.quiz))
    if results.selfcheck or not results.quiz:
        parts += [
            _chart("Per objective", by_objective(results.selfcheck)),
            _chart("Per question", by_question(results.selfcheck)),
        ]
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class results"
        "</title><style>body{font-family:system-ui,sans-serif;margin:1.5em}"
        "td,th{padding:2px 6px;text-align:left;vertical-align:top}</style></head><body>"
        f"<h1>Class results ({learners} learners)</h1><p><i>{escape(DISCLAIMER)}</i></p>"
        + "".join(parts)
        + "</body></html>\n"
    )


def run(paths: list[str], out: str | None = None, overwrite: bool = False) -> str:
    """What ``hipback class-report PATH…`` prints (and writes to ``out`` as a page, if given;
    an existing ``out`` is replaced only with ``overwrite``, and written whole or not at all).

    ``paths``: self-check export files, class-mode quiz results files, or folders of
    them (e.g. the class folder ``class-results/<date>``).
    """
    results = read_class(paths)
    learners = results.learners
    answers = len(results.selfcheck) + len(results.quiz)
    parts = [f"Class results: {learners} learners, {answers} answers, from {results.files} files."]
    if results.skipped:
        parts.append(skipped_text(results.skipped))
    parts += report_notes(results)
    if results.quiz:
        parts.append(quiz_text(results.quiz))
    if results.selfcheck or not results.quiz:
        parts += [
            text_table("Per objective", by_objective(results.selfcheck)),
            text_table("Per question", by_question(results.selfcheck)),
        ]
    text = "\n\n".join(parts)
    if out:
        replaced = Path(out).is_file()
        write_text(out, report_html(results), overwrite=overwrite, hint=OUT_HINT)
        text += f"\n\nWrote the charts to {out}" + (" (replaced: --force)" if replaced else "")
    return text


def read_folder(folder: str | Path) -> ClassResults:
    """The class folder as it is now, never raising: unusable files are in ``skipped``
    (a folder not made yet is an empty class)."""
    results = ClassResults()
    folder = Path(folder)
    if folder.is_dir():
        for path in expand_paths([folder]):
            try:
                _read_one(path, results)
            except HipbackInputError as err:
                results.skipped.append(Skipped(path, str(err).removeprefix(f"{path}: ")))
    return _finish(results)


def live_summary(folder: str | Path) -> dict[str, Any]:
    """What the class projector page shows of the quiz (JSON-ready): students who answered,
    answered cases, and per case the share right; files that could not be read are counted
    and named."""
    folder = Path(folder)
    results = read_folder(folder)
    rows = by_case(results.quiz)
    return {
        "students": len({name_key(r.learner) for r in results.quiz}),
        "sessions": len({r.session for r in results.quiz}),
        "answers": len(results.quiz),
        "cases": [
            {
                "case": r.key,
                "truth": r.truth,
                "answered": r.answered,
                "right": r.right,
                "percent": round(100 * r.share),
            }
            for r in rows
        ],  # fmt: skip
        "skipped": [{"file": s.path.name, "reason": s.reason} for s in results.skipped],
        "report": f"hipback class-report {folder}",
    }


def answer_key_page(code: str, out: str | None = None, overwrite: bool = False) -> str:
    """The self-check key for learners who typed class code ``code`` (Markdown; ``out``
    also gets a printable page, replacing an existing one only with ``overwrite``)."""
    from hipback.reasoning import DISCLAIMER

    text = selfcheck.answer_key(seed=code)
    if out:
        body = "".join(
            f"<h2>{escape(line[3:])}</h2>"
            if line.startswith("## ")
            else f"<h1>{escape(line[2:])}</h1>"
            if line.startswith("# ")
            else f"<p>{escape(line).replace('**', '')}</p>"
            for line in text.splitlines()
            if line.strip()
        )
        replaced = Path(out).is_file()
        write_text(
            out,
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Answer key"
            f"</title></head><body>{body}<p><i>{escape(DISCLAIMER)}</i></p></body></html>\n",
            overwrite=overwrite,
            hint=OUT_HINT,
        )
        text += f"\nWrote the key to {out}" + (" (replaced: --force)" if replaced else "")
    return text
