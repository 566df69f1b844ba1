"""The counting rule, shared by classify, next_questions and the vectorised tables.

Per question and construct, the member that counts (:func:`_counted`: the strongest
present member, otherwise the strongest absent one), the points it adds, which findings
count as scored, and the citation text a contribution shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hipback.knowledge.findings import CONSTRUCTS, FINDINGS, Finding
from hipback.reasoning.rule import QUESTIONS


def _ev_points(f: Finding, question: str, present: bool) -> float:
    ev = f.evidence(question, present)
    return ev.points if ev is not None else 0.0


def _scores(f: Finding, question: str) -> bool:
    """Whether a finding carries any evidence (present or absent) for a question."""
    absent = getattr(f, f"{question}_absent")
    return abs(getattr(f, question).points) > 1e-12 or (
        absent is not None and abs(absent.points) > 1e-12
    )


#: Per question, per construct: the members that carry evidence for that question.
_MEMBERS: dict[str, dict[str, tuple[Finding, ...]]] = {
    q: {c: tuple(f for f in FINDINGS if f.construct == c and _scores(f, q)) for c in CONSTRUCTS}
    for q in QUESTIONS
}
#: Findings that carry evidence for at least one question (these count as "assessed").
SCORED: tuple[Finding, ...] = tuple(f for f in FINDINGS if _scores(f, "hip") or _scores(f, "spine"))


def _counted(
    members: tuple[Finding, ...], states: Mapping[str, bool | None], question: str
) -> tuple[Finding | None, bool]:
    """The member that counts for one construct and question, and whether it is present.

    If any member is present, the present member with the largest |points| counts;
    otherwise the absent member with the largest |points|; ties go to catalogue order.
    """
    best: Finding | None = None
    best_abs = -1.0
    for present in (True, False):
        for f in members:
            if states.get(f.name) is present:
                size = abs(_ev_points(f, question, present))
                if size > best_abs + 1e-12:
                    best, best_abs = f, size
        if best is not None:
            return best, present
    return None, False


def _construct_points(
    members: tuple[Finding, ...], states: Mapping[str, bool | None], question: str
) -> float:
    f, present = _counted(members, states, question)
    return _ev_points(f, question, present) if f is not None else 0.0


def _states(case: Any) -> dict[str, bool | None]:
    return {f.name: f.state(case) for f in FINDINGS}


SCORED_SET = frozenset(SCORED)


def _source_text(f: Finding, present: bool, counted: Mapping[str, bool]) -> str:
    cites = []
    for q in QUESTIONS:
        ev = f.evidence(q, present)
        if ev is None or ev.basis == "neutral":
            continue
        sign = "LR+" if present else "LR-"
        text = (
            ev.citation if ev.basis == "teaching estimate" else f"{ev.citation}, {sign} {ev.lr:.2f}"
        )
        if ev.basis == "teaching estimate":
            text = f"teaching estimate, {sign} {ev.lr:.2f}"
        if ev.indirect:
            text += " (another population: half weight)"
        cites.append(text)
    if not cites:
        cites = [ev.citation for ev in (f.hip, f.spine)]
    return "; ".join(dict.fromkeys(cites))
