"""Class results: what a class got right and missed, per question and per objective.

Each student exports their self-check results as one small JSON file (the start page has
an "Export my results" button; the file holds the name they typed, their answers and
their marks, nothing else). ``hipback class-report FILES…`` reads the files, prints a
table per question and per objective, and can write a page with a bar chart of each for
the projector.

Marks are recomputed here with :func:`hipback.teaching.selfcheck.score` from the saved
answers, so a report always uses the current answer key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from hipback.errors import HipbackInputError
from hipback.teaching import selfcheck
from hipback.teaching.lessons import LESSONS

EXPORT_FORMAT = "hipback-selfcheck-results"


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


def report_html(results: list[Result]) -> str:
    from hipback.reasoning import DISCLAIMER

    learners = len({r.learner for r in results})
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class results"
        "</title><style>body{font-family:system-ui,sans-serif;margin:1.5em}"
        "td,th{padding:2px 6px;text-align:left;vertical-align:top}</style></head><body>"
        f"<h1>Class results ({learners} learners)</h1><p><i>{escape(DISCLAIMER)}</i></p>"
        + _chart("Per objective", by_objective(results))
        + _chart("Per question", by_question(results))
        + "</body></html>\n"
    )


def run(paths: list[str], out: str | None = None) -> str:
    """What ``hipback class-report`` prints (and writes to ``out`` as a page, if given)."""
    results = read_results(paths)
    learners = len({r.learner for r in results})
    text = "\n\n".join(
        [
            f"Class results: {learners} learners, {len(results)} answers.",
            text_table("Per objective", by_objective(results)),
            text_table("Per question", by_question(results)),
        ]
    )
    if out:
        Path(out).write_text(report_html(results), encoding="utf-8")
        text += f"\n\nWrote the charts to {out}"
    return text


def answer_key_page(code: str, out: str | None = None) -> str:
    """The self-check key for learners who typed class code ``code`` (Markdown; ``out``
    also gets a printable page)."""
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
        Path(out).write_text(
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Answer key"
            f"</title></head><body>{body}<p><i>{escape(DISCLAIMER)}</i></p></body></html>\n",
            encoding="utf-8",
        )
        text += f"\nWrote the key to {out}"
    return text
