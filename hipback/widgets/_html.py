"""HTML fragments shared by the widgets: summary, red-flag banner, figure captions, plan."""

from __future__ import annotations

from html import escape
from typing import Any

from hipback.knowledge.labels import LABEL_INFO
from hipback.knowledge.red_flags import LEVEL_MEANING
from hipback.reasoning import DISCLAIMER, Reasoning

#: Styles shared by the apps: long checkbox labels wrap instead of being cut off.
APP_STYLE = (
    "<style>"
    ".hipback-app .widget-checkbox{height:auto;min-height:var(--jp-widgets-inline-height,28px)}"
    ".hipback-app .widget-checkbox .widget-label-basic{align-items:flex-start;overflow:visible}"
    ".hipback-app .widget-checkbox .widget-label-basic span{white-space:normal;"
    "overflow:visible;text-overflow:clip;line-height:1.3;padding-top:4px}"
    "</style>"
)


def points_text(points: float) -> str:
    """Points for display: whole numbers plain, others to two decimals ("2", "1.05").

    Examples
    --------
    >>> points_text(3.0), points_text(0.047619), points_text(2.5)
    ('3', '0.05', '2.5')
    """
    return f"{points:.2f}".rstrip("0").rstrip(".")


def disclaimer_html() -> str:
    """The educational-use sentence as a small paragraph."""
    return f"<p class='hipback-disclaimer'><small><i>{escape(DISCLAIMER)}</i></small></p>"


def summary_html(result: Reasoning) -> str:
    """Label and probabilities in words (announced politely to screen readers)."""
    p, pre = result.probabilities, result.pretest
    info = LABEL_INFO[result.label]
    notes = "".join(f"<li>{escape(a)}</li>" for a in result.advisories)
    urgent = (
        "<p><b>Red flags are present: the urgent action in the banner comes before any of "
        "this.</b></p>"
        if result.urgent
        else ""
    )
    return (
        "<div class='hipback-summary' role='status' aria-live='polite'>"
        f"<p style='font-size:1.25em;margin:4px 0'><b>Primary pain driver: "
        f"{escape(result.label.upper())}</b></p>"
        f"<p style='margin:2px 0'>What the label means: {escape(info.meaning)} "
        f"<b>Next:</b> {escape(info.plan)}</p>"
        f"<p style='margin:2px 0'>Hip is a pain source: <b>{p['hip']:.0%}</b> "
        f"(started at {pre['hip']:.0%}, {result.points['hip']:+.1f} points). "
        f"Spine is a pain source: <b>{p['spine']:.0%}</b> (started at {pre['spine']:.0%}, "
        f"{result.points['spine']:+.1f} points).</p>"
        + (
            f"<p class='hipback-close-call' style='margin:2px 0'><b>"
            f"{escape(result.close_call_text)}</b></p>"
            if result.close_call_text
            else ""
        )
        + f"{urgent}"
        + (
            f"<details><summary>Notes for this case ({len(result.advisories)})</summary>"
            f"<ul>{notes}</ul></details>"
            if notes
            else ""
        )
        + "</div>"
    )


def banner_html(result: Reasoning) -> str:
    """The red-flag banner: a bordered alert with text, never colour alone."""
    if not result.red_flag_actions:
        return (
            "<div class='hipback-banner-clear' role='status' "
            "style='border:1px dashed #555;padding:4px 10px;margin:4px 0'>"
            "No red flags ticked. Screen for them in every patient (see the Red flags group)."
            "</div>"
        )
    items = "".join(
        f"<li>[{escape(f.level)}] <b>{escape(f.label)}</b>: possible "
        f"{escape(f.condition.lower())}. <b>{escape(f.action)}</b> "
        f"<small>({escape(f.citation)})</small></li>"
        for f in result.red_flag_actions
    )
    level = escape(str(result.urgency).upper())
    meaning = escape(LEVEL_MEANING[str(result.urgency)])
    return (
        "<div class='hipback-banner hipback-alert' role='alert' "
        "style='border:5px solid #000000;background:#FFF1D6;color:#000000;padding:8px 14px;"
        "margin:6px 0;font-size:1.1em'>"
        f"<p style='margin:0;font-size:1.3em'><b>&#9888; RED FLAG: {level}</b></p>"
        f"<p style='margin:4px 0'>{meaning} Act on them first:</p>"
        f"<ul style='margin:4px 0'>{items}</ul></div>"
    )


def caption_html(description: str) -> str:
    """A figure's text description shown under it."""
    return (
        "<p class='hipback-figure-description' style='margin:0 0 10px 0'>"
        f"<small><b>In words:</b> {escape(description)}</small></p>"
    )


def plan_html(case: Any, result: Reasoning) -> str:
    """The recommended plan for the case, or a note while management is unavailable."""
    try:
        from hipback.management import recommend
    except ImportError:  # management lands separately; the explorer works without it
        return "<p><i>The recommended plan needs hipback.management, which is not available."
    plan = recommend(case, result)
    return "<div class='hipback-plan'><h4>Recommended plan</h4>" + plan._repr_html_() + "</div>"
