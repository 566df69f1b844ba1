"""The result objects of the reasoning: :class:`Contribution`, :class:`NextQuestion` and
:class:`Reasoning` (with its text and HTML views).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import Any

from hipback.case import Case
from hipback.reasoning.margin import CLOSE_CALL_POINTS, LabelMargin, nearest_boundary
from hipback.reasoning.rule import DISCLAIMER, QUESTIONS, probability_to_log10_odds
from hipback.screening import most_urgent


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one assessed finding adds.

    Attributes
    ----------
    name : str
        The finding's name (see :data:`hipback.knowledge.findings.FINDINGS`).
    label : str
        The finding in words as recorded ("Groin pain", or "no groin pain" when absent).
    points_hip, points_spine : float
        Points counted for each question (0 where the finding was not counted
        because another of the same construct was).
    points : float
        Net points toward the hip (``points_hip - points_spine``); negative
        values point toward the spine. This is what the reasoning chart draws.
    favours : str
        "hip", "spine" or "neither" (of the counted points).
    source : str
        Citation(s) behind the numbers, with the LR used ("Khan 2004, LR- 0.22";
        "teaching estimate").
    construct : str
        What the finding measures.
    note : str
        "" or why part of it was not counted, or the population caveat.
    state : str
        "present" or "absent".
    """

    name: str
    label: str
    points_hip: float
    points_spine: float
    points: float
    favours: str
    source: str
    construct: str
    note: str = ""
    state: str = "present"

    @property
    def finding(self) -> str:
        """Alias of :attr:`name`."""
        return self.name

    @property
    def text(self) -> str:
        """The contribution in words.

        Example: "no groin pain: -6.5 points toward the hip (Khan 2004, LR- 0.22)".
        """
        parts = []
        for q, pts in (("hip", self.points_hip), ("spine", self.points_spine)):
            if abs(pts) > 1e-9:
                parts.append(f"{pts:+.1f} points toward the {q}")
        said = " and ".join(parts) if parts else "0 points (does not separate hip and spine)"
        note = f"; {self.note}" if self.note else ""
        return f"{self.label}: {said} ({self.source}){note}"


@dataclass(frozen=True, slots=True)
class NextQuestion:
    """A finding not yet assessed, and how much asking it could change the answer.

    Attributes
    ----------
    field : str
        The case-record field to assess.
    label : str
        What to ask or examine, in words.
    expected_change : float
        Expected absolute change of the two post-test probabilities (summed), over
        the possible answers (see :func:`next_questions`).
    changes_label : bool
        Whether some answer would change the label.
    reason : str
        Why, in words (what each answer would do).
    """

    field: str
    label: str
    expected_change: float
    changes_label: bool
    reason: str

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


@dataclass(frozen=True)
class Reasoning:
    """The result of :func:`classify` for one case.

    Attributes
    ----------
    label : str
        "hip", "spine", "combined" or "undetermined".
    probabilities : Mapping[str, float]
        Post-test probability that the hip / the spine is a pain source.
    pretest : Mapping[str, float]
        The pre-test probabilities used.
    points : Mapping[str, float]
        Total points counted for each question.
    red_flags : tuple of str
        Ids of the red flags found (most serious first); empty when none.
    urgent : bool
        True when a red flag at level emergency or urgent is present.
    red_flag_actions : tuple
        The red-flag hits with their level, condition and action.
    contributions : tuple of Contribution
        One per finding assessed (present, or absent with an LR−), largest effect first.
    advisories : tuple of str
        Caveats that apply to this case (atypical features, evidence that
        qualifies the article, evidence from another population).
    n_assessed : int
        Scored findings assessed (present or absent).
    next_questions : tuple of NextQuestion
        Findings not yet assessed, most useful first.
    case : Case
        The case classified.
    """

    label: str
    probabilities: Mapping[str, float]
    pretest: Mapping[str, float]
    points: Mapping[str, float]
    red_flags: tuple[str, ...]
    urgent: bool
    red_flag_actions: tuple[Any, ...]
    contributions: tuple[Contribution, ...]
    advisories: tuple[str, ...]
    case: Case = field(repr=False)
    n_assessed: int = 0
    next_questions: tuple[NextQuestion, ...] = ()

    @property
    def urgency(self) -> str | None:
        """The most serious level among the red flags, or None."""
        return most_urgent(self.red_flag_actions)

    @property
    def log_odds(self) -> dict[str, float]:
        """Post-test log10 odds per question (pre-test log10 odds + points / 10)."""
        return {
            q: probability_to_log10_odds(self.pretest[q]) + self.points[q] / 10.0 for q in QUESTIONS
        }

    @cached_property
    def margin(self) -> LabelMargin | None:
        """The nearest label boundary: the smallest move on one question that changes the
        label (:func:`~hipback.reasoning.margin.nearest_boundary`); None when no move of up
        to 40 points does (too few findings assessed)."""
        return nearest_boundary(self.log_odds, self.n_assessed)

    @property
    def close_call(self) -> LabelMargin | None:
        """:attr:`margin` when a hip, spine or combined label is within
        :data:`~hipback.reasoning.margin.CLOSE_CALL_POINTS` of another label, else None."""
        m = self.margin
        if self.label == "undetermined" or m is None or m.points >= CLOSE_CALL_POINTS:
            return None
        return m

    @property
    def close_call_text(self) -> str:
        """One sentence on a close call ("" when the label is not one)."""
        m = self.close_call
        if m is None:
            return ""
        ask = "; 'Ask next' shows which ones could" if self.next_questions else ""
        return f"Close call: {m}. One more finding could change it{ask}."

    @property
    def meaning(self) -> str:
        """What the label means and what it asks of the clinician (from the labels module)."""
        from hipback.knowledge.labels import LABEL_INFO

        return LABEL_INFO[self.label].meaning

    def __str__(self) -> str:
        p = self.probabilities
        lines = []
        if self.urgent:
            lines.append(f"URGENT ({self.urgency}): red flags override the hip/spine reasoning.")
        elif self.red_flag_actions:
            lines.append(
                f"Red flags to act on ({self.urgency}); the reasoning below still applies:"
            )
        for flag in self.red_flag_actions:
            level = getattr(flag, "level", None) or getattr(flag, "urgency", "")
            lines.append(f"  ! [{level}] {flag.label} -> {flag.condition}. {flag.action}")
        if self.label == "undetermined":
            lines.append(
                f"Primary pain driver: undetermined (hip source {p['hip']:.0%}, spine source "
                f"{p['spine']:.0%}; {self.n_assessed} scored findings assessed): assess further."
            )
        else:
            lines.append(
                f"Primary pain driver: {self.label} "
                f"(hip source {p['hip']:.0%}, spine source {p['spine']:.0%})."
            )
        for q in QUESTIONS:
            lines.append(
                f"{q.capitalize()}: pre-test {self.pretest[q]:.0%} {self.points[q]:+.1f} points "
                f"-> post-test {p[q]:.0%}."
            )
        if self.close_call_text:
            lines.append(self.close_call_text)
        if self.contributions:
            lines.append("Findings (points toward hip +, toward spine -):")
            for c in self.contributions:
                note = f"; {c.note}" if c.note else ""
                lines.append(f"  {c.points:+5.1f}  {c.label} [{c.source}]{note}")
        else:
            lines.append("No scored findings: the probabilities are the pre-test values.")
        if self.next_questions:
            lines.append("Ask next:")
            for nq in self.next_questions[:3]:
                lines.append(f"  ? {nq}")
        for text in self.advisories:
            lines.append(f"Note: {text}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        p = self.probabilities
        rows = "".join(
            f"<tr><td>{escape(c.label)}</td><td style='text-align:right'>{c.points:+.1f}</td>"
            f"<td>{escape(c.favours)}</td><td>{escape(c.source)}</td>"
            f"<td>{escape(c.note)}</td></tr>"
            for c in self.contributions
        )
        banner = ""
        if self.red_flag_actions:
            items = "".join(
                f"<li><b>{escape(str(getattr(f, 'level', '') or f.urgency))}</b> "
                f"{escape(f.label)}: {escape(f.condition)}. {escape(f.action)}</li>"
                for f in self.red_flag_actions
            )
            head = (
                f"<b>&#9888; URGENT ({escape(str(self.urgency))})</b>: red flags override the "
                "hip/spine reasoning."
                if self.urgent
                else f"<b>Red flags ({escape(str(self.urgency))})</b>: act on them; the "
                "reasoning still applies."
            )
            banner = (
                "<div role='alert' style='border:3px solid #000;padding:6px;margin:4px 0'>"
                f"{head}<ul>{items}</ul></div>"
            )
        notes = "".join(f"<li>{escape(a)}</li>" for a in self.advisories)
        ask = "".join(f"<li>{escape(str(q))}</li>" for q in self.next_questions[:3])
        return (
            f"<div class='hipback-reasoning'>{banner}"
            f"<p><b>Primary pain driver: {escape(self.label)}</b> &mdash; hip source "
            f"{p['hip']:.0%} (pre-test {self.pretest['hip']:.0%}), spine source "
            f"{p['spine']:.0%} (pre-test {self.pretest['spine']:.0%}).</p>"
            + (f"<p>{escape(self.close_call_text)}</p>" if self.close_call_text else "")
            + "<table><thead><tr><th>Finding</th><th>Points (+hip / &minus;spine)</th>"
            "<th>Favours</th><th>Source</th><th>Note</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            + (f"<p>Ask next:</p><ol>{ask}</ol>" if ask else "")
            + (f"<ul>{notes}</ul>" if notes else "")
            + f"<p><small>{escape(DISCLAIMER)}</small></p></div>"
        )
