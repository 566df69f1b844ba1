"""Putting a case's findings and red flags into words for a plan's reasons.

The words come from the knowledge modules (finding labels, mechanisms, red-flag labels
and actions); this module only joins them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hipback.case import Case
from hipback.knowledge.findings import FINDING_BY_NAME, FINDINGS, MECHANISMS
from hipback.knowledge.red_flags import RED_FLAG_BY_NAME
from hipback.screening import RedFlagHit

#: How many next questions an "assess further" plan names.
NEXT_QUESTIONS_SHOWN: int = 3


def finding_label(name: str) -> str:
    if name in FINDING_BY_NAME:
        return FINDING_BY_NAME[name].label.lower()
    if name in RED_FLAG_BY_NAME:
        return RED_FLAG_BY_NAME[name].label.lower()
    return name.replace("_", " ")


def action_text(hit: RedFlagHit) -> str:
    """The hit's action without a leading level word ("Urgent: ...") the plan already shows."""
    head, sep, rest = hit.action.partition(": ")
    if sep and head.lower() in ("emergency", "urgent", "urgent same day", "soon", "monitor"):
        return rest[0].upper() + rest[1:]
    return hit.action


def next_questions_text(result: Any, case: Case) -> list[str]:
    """What to assess next: the reasoning's ``next_questions`` when it has them (with their
    reasons), otherwise the findings not yet assessed, in catalogue order."""
    out = []
    for q in tuple(getattr(result, "next_questions", None) or ())[:NEXT_QUESTIONS_SHOWN]:
        if isinstance(q, str):
            name, reason, label = q, "", None
        else:
            name = getattr(q, "name", None) or getattr(q, "finding", None) or str(q)
            reason = getattr(q, "reason", "") or ""
            label = getattr(q, "label", None)
        text = (label or finding_label(name)).lower()
        out.append(f"{text} ({reason})" if reason else text)
    if not out:
        out = [
            f.label.lower()
            for f in FINDINGS
            if getattr(case, getattr(f, "field", f.name), False) is None
        ][:NEXT_QUESTIONS_SHOWN]
    return out


def mechanism_text(key: str) -> str:
    """ "(mechanism: pelvic imbalance)", the name read from :data:`MECHANISMS`."""
    return f"(mechanism: {MECHANISMS[key].split(':')[0].lower()})"


def describe(case: Case, names: Iterable[str], mechanism: bool = True) -> list[str]:
    """Labels of the findings present, each with its mechanism where it has one."""
    out = []
    for name in names:
        f = FINDING_BY_NAME.get(name)
        if f is not None and f.present(case):
            mech = f" {mechanism_text(f.mechanism)}" if mechanism and f.mechanism else ""
            out.append(f"{f.label.lower()}{mech}")
    return out


def join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
