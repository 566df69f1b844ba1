"""The lecturer's kit and the printed handouts: session plans, prompts, model answers.

The words live in ``hipback/teaching/lecturer.yaml`` (plans, group roles, debrief,
discussion prompts with model answers) and in the self-check bank
(``hipback/teaching/selfchecks/``); this module only reads and lays them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from hipback.reasoning import DISCLAIMER
from hipback.teaching import selfcheck
from hipback.teaching.lessons import LESSONS

if TYPE_CHECKING:
    import pandas as pd

LECTURER_FILE = Path(__file__).resolve().parent / "lecturer.yaml"


@cache
def _data() -> dict[str, Any]:
    return yaml.safe_load(LECTURER_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class Slot:
    """One part of a session plan."""

    minutes: int
    activity: str
    show: str
    students: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """A discussion prompt and its model answer."""

    lesson: int
    prompt: str
    model_answer: str


def plan_lengths() -> list[int]:
    """The lengths (minutes) of the session plans on offer, e.g. ``[90, 60]``."""
    return [int(p["minutes"]) for p in _data()["plans"]]


def plan_slots(minutes: int = 90) -> tuple[Slot, ...]:
    for plan in _data()["plans"]:
        if int(plan["minutes"]) == minutes:
            return tuple(
                Slot(int(s["minutes"]), s["activity"], s.get("show", ""), s.get("students", ""))
                for s in plan["slots"]
            )
    raise ValueError(f"minutes: {minutes!r}; allowed: {plan_lengths()}")


SESSION_PLAN: tuple[Slot, ...] = plan_slots(90)


def session_plan(minutes: int = 90) -> pd.DataFrame:
    """A session plan as a table with computed start times (h:mm).

    Examples
    --------
    >>> plan = session_plan()
    >>> plan["Start"].iloc[0], int(plan["Minutes"].sum())
    ('0:00', 90)
    >>> int(session_plan(60)["Minutes"].sum())
    60
    """
    import pandas as pd

    rows, start = [], 0
    for slot in plan_slots(minutes):
        rows.append(
            {
                "Start": f"{start // 60}:{start % 60:02d}",
                "Minutes": slot.minutes,
                "What happens": slot.activity,
                "Show": slot.show,
                "Students do": slot.students,
            }
        )
        start += slot.minutes
    return pd.DataFrame(rows)


def group_roles() -> pd.DataFrame:
    """The four group roles for group work."""
    import pandas as pd

    return pd.DataFrame(
        [{"Role": r["name"], "What they do": r["does"]} for r in _data()["roles"]]
    ).set_index("Role")


def debrief() -> list[str]:
    """How to run the debrief, step by step."""
    return list(_data()["debrief"])


def prompts(lesson: int | None = None) -> list[Prompt]:
    """Discussion prompts with model answers (all lessons, or one)."""
    out = [
        Prompt(int(n), p["prompt"], " ".join(p["model_answer"].split()))
        for n, group in _data()["prompts"].items()
        for p in group
    ]
    return [p for p in out if lesson is None or p.lesson == lesson]


#: Discussion prompts for a live session, by lesson (the prompt texts only).
DISCUSSION_PROMPTS: dict[int, tuple[str, ...]] = {
    n: tuple(p.prompt for p in prompts(n)) for n in sorted({p.lesson for p in prompts()})
}


def model_answers() -> str:
    """Every discussion prompt with its model answer, as plain text for lesson 07."""
    lines = []
    for p in prompts():
        lines.append(f"Lesson {p.lesson:02d}. {p.prompt}")
        lines.append(f"  Model answer: {p.model_answer}")
        lines.append("")
    return "\n".join(lines).rstrip()


# --- the handouts ---------------------------------------------------------------------------


def _sections(answers: bool, seed: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The handout as (heading, blocks); a block is ("p", text), ("ul", list), ("ol", list)
    or ("plan", minutes)."""
    out: list[tuple[str, list[tuple[str, Any]]]] = []
    if answers:
        for minutes in plan_lengths():
            out.append((f"Session plan ({minutes} minutes)", [("plan", minutes)]))
        out.append(
            (
                "Group roles and debrief",
                [
                    ("ul", [f"{r['name']}: {r['does']}" for r in _data()["roles"]]),
                    ("p", "Debrief:"),
                    ("ul", debrief()),
                ],
            )
        )
    for lesson in LESSONS:
        blocks: list[tuple[str, Any]] = []
        found = prompts(lesson.number)
        if found:
            blocks.append(("p", "Discuss"))
            blocks.append(
                (
                    "ul",
                    [
                        f"{p.prompt} Model answer: {p.model_answer}" if answers else p.prompt
                        for p in found
                    ],
                )
            )
        group = selfcheck.bank().get(lesson.number, ())
        if group and lesson.audience == "students":
            blocks.append(("p", "Check yourself"))
            blocks.append(
                (
                    "ol",
                    [
                        selfcheck.describe(x, seed)
                        + (f"\nAnswer: {selfcheck.key_line(x, seed)}. {x.why}" if answers else "")
                        for x in group
                    ],
                )
            )
        if blocks:
            out.append((f"{lesson.label} (about {lesson.minutes} min)", blocks))
    return out


def handout_markdown(answers: bool = False, seed: Any = selfcheck.DEFAULT_SEED) -> str:
    """The session question handout (and, with ``answers=True``, its answer key).

    Options are lettered in the order learners with ``seed`` see them.

    Examples
    --------
    >>> handout_markdown().splitlines()[0]
    '# hipback session: questions'
    """
    title = "answer key" if answers else "questions"
    lines = [f"# hipback session: {title}", "", f"*{DISCLAIMER}*", ""]
    lines += [f"Option letters match the self-checks of learners using the seed `{seed}`.", ""]
    for heading, blocks in _sections(answers, seed):
        lines += [f"## {heading}", ""]
        for kind, value in blocks:
            if kind == "p":
                lines += [f"**{value}**", ""]
            elif kind == "plan":
                lines += ["| Start | Min | What | Show | Students do |", "|---|---|---|---|---|"]
                lines += [
                    f"| {r['Start']} | {r['Minutes']} | {r['What happens']} | {r['Show']} "
                    f"| {r['Students do']} |"
                    for r in session_plan(value).to_dict("records")
                ]
                lines.append("")
            else:
                for k, text in enumerate(value, start=1):
                    first, *rest = text.split("\n")
                    lines.append(f"{k}. {first}" if kind == "ol" else f"- {first}")
                    lines += [f"   {r.strip()}" for r in rest]
                lines.append("")
    text = "\n".join(lines).rstrip() + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)


_PRINT_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:46em;margin:1.5em auto;line-height:1.45}"
    "h2{margin-top:1.4em;border-bottom:1px solid #999}"
    "table{border-collapse:collapse}td,th{border:1px solid #999;padding:3px 6px}"
    "li{margin:2px 0;white-space:pre-line}"
    ".write{border-bottom:1px dotted #777;height:1.6em;margin:4px 0 10px}"
    "@media print{h2{break-after:avoid}li{break-inside:avoid}}"
)


def handout_html(answers: bool = False, seed: Any = selfcheck.DEFAULT_SEED) -> str:
    """The handout as one printable HTML page (same content as :func:`handout_markdown`).

    Examples
    --------
    >>> "<h1>hipback session: questions</h1>" in handout_html()
    True
    """
    title = "answer key" if answers else "questions"
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>hipback session: {title}</title><style>{_PRINT_CSS}</style></head><body>",
        f"<h1>hipback session: {title}</h1>",
        f"<p><b>{escape(DISCLAIMER)}</b></p>",
        f"<p>Option letters match the self-checks of learners using the seed "
        f"<code>{escape(str(seed))}</code>.</p>",
    ]
    for heading, blocks in _sections(answers, seed):
        out.append(f"<h2>{escape(heading)}</h2>")
        for kind, value in blocks:
            if kind == "p":
                out.append(f"<p><b>{escape(value)}</b></p>")
            elif kind == "plan":
                out.append("<table><tr><th>Start</th><th>Min</th><th>What</th><th>Show</th>")
                out.append("<th>Students do</th></tr>")
                out += [
                    f"<tr><td>{r['Start']}</td><td>{r['Minutes']}</td>"
                    f"<td>{escape(r['What happens'])}</td><td>{escape(r['Show'])}</td>"
                    f"<td>{escape(r['Students do'])}</td></tr>"
                    for r in session_plan(value).to_dict("records")
                ]
                out.append("</table>")
            else:
                tag = "ol" if kind == "ol" else "ul"
                write = "" if answers or kind != "ol" else "<div class='write'></div>"
                out.append(f"<{tag}>")
                out += [f"<li>{escape(text)}{write}</li>" for text in value]
                out.append(f"</{tag}>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


#: Handout files in ``notebooks/handouts/`` and the function that writes each.
HANDOUTS: dict[str, Callable[[], str]] = {
    "session_questions.md": lambda: handout_markdown(answers=False),
    "session_answer_key.md": lambda: handout_markdown(answers=True),
    "session_questions.html": lambda: handout_html(answers=False),
    "session_answer_key.html": lambda: handout_html(answers=True),
}
