"""The quiz's feedback page for one answered case (HTML only; the grading is in
:mod:`hipback.teaching.quiz_scoring`)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from hipback.case import Case
from hipback.cohort.explain import explain_disagreement
from hipback.knowledge.labels import LABEL_INFO
from hipback.knowledge.red_flags import LEVEL_MEANING, RED_FLAG_BY_NAME
from hipback.reasoning import Reasoning
from hipback.screening import screen
from hipback.teaching.quiz_scoring import POINTS_PER_CASE, QuizAnswer
from hipback.widgets._html import points_text


def feedback_html(a: QuizAnswer, result: Reasoning, case: Case, explanation: str = "") -> str:
    """The feedback after a case is submitted: points, the driver, the model's view, the
    red flags (graded by the screening rules) and the worked explanation if there is one."""
    p = result.probabilities
    if a.label_correct:
        driver = f"<p><b>&#10003; Right: the pain driver is {a.correct_label.upper()}.</b>"
    else:
        driver = (
            f"<p><b>&#10007; Not this time: the pain driver is {a.correct_label.upper()}"
            f"</b> (you chose {escape(a.label)})."
        )
    driver += f" {escape(LABEL_INFO[a.correct_label].meaning)}</p>"
    model = (
        f"<p>The reasoning model says <b>{result.label}</b> (hip source {p['hip']:.0%}, "
        f"spine source {p['spine']:.0%}); the chart below shows why."
    )
    if result.close_call_text:
        model += f" {escape(result.close_call_text)}"
    if result.label != a.correct_label:
        model += " Here the kit's reasoning and the case's true driver differ."
        if a.correct_label in ("hip", "spine", "combined"):
            why = explain_disagreement(case, a.correct_label)
            if why is not None:
                model += f" Why: {escape(why.text)}"
    model += "</p>"
    hits = screen(case)
    if a.red_flags_correct:
        flags = (
            "<p><b>&#10003; Red flags right:</b> "
            + (
                "none in this case."
                if not a.true_red_flags
                else ", ".join(escape(RED_FLAG_BY_NAME[f].label) for f in a.true_red_flags) + "."
            )
            + "</p>"
            + "".join(_hit_html(h) for h in hits)
        )
    else:
        missed = [f for f in a.true_red_flags if f not in a.red_flags]
        extra = [f for f in a.red_flags if f not in a.true_red_flags]
        lines = "".join(
            f"<li>&#10007; Missed: <b>{escape(RED_FLAG_BY_NAME[f].label)}</b>. "
            + _flag_grade_html(f, hits)
            + "</li>"
            for f in missed
        ) + "".join(
            f"<li>&#8211; Not in this case: {escape(RED_FLAG_BY_NAME[f].label)}</li>" for f in extra
        )
        flags = f"<p><b>&#10007; Red flags not quite right:</b></p><ul>{lines}</ul>"
    if explanation:
        flags += f"<p><b>Worked explanation:</b> {escape(explanation)}</p>"
    return (
        "<div class='hipback-quiz-feedback' role='status' aria-live='polite' "
        "style='border:2px solid #333;padding:6px 12px;margin:6px 0'>"
        f"<p style='font-size:1.15em'><b>This case: {points_text(a.points)} of "
        f"{points_text(POINTS_PER_CASE)} points</b></p>"
        f"{driver}{model}{flags}</div>"
    )


def _hit_html(hit: Any) -> str:
    """One graded red flag: its level, what is suspected, the action and what the level means."""
    return (
        f"<p><b>{escape(hit.level.capitalize())}</b>: {escape(hit.condition)}. "
        f"{escape(hit.action)} <i>{escape(LEVEL_MEANING[hit.level])}</i></p>"
    )


def _flag_grade_html(name: str, hits: Iterable[Any]) -> str:
    """What a missed flag means in this case, graded by the screening rules."""
    hit = next((h for h in hits if name in h.findings), None)
    if hit is not None:
        level, condition, action = hit.level, hit.condition, hit.action
    else:
        flag = RED_FLAG_BY_NAME[name]
        level, condition, action = flag.alone, flag.condition, flag.action
    return (
        f"Level <b>{escape(level)}</b> ({escape(condition)}): {escape(action)} "
        f"<i>{escape(LEVEL_MEANING[level])}</i>"
    )
