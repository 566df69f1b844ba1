"""Ask this next: rank the findings not yet assessed by how much asking could change
the answer (:func:`next_questions`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hipback.case import FIELD_BY_NAME, Case
from hipback.knowledge.findings import FINDINGS, Finding
from hipback.reasoning.counting import _MEMBERS, SCORED, SCORED_SET, _construct_points
from hipback.reasoning.result import NextQuestion
from hipback.reasoning.rule import (
    QUESTIONS,
    _from_log10_odds,
    label_from_probabilities,
    probability_to_log10_odds,
)

#: For each case field, the findings whose state depends on it (field or requirement).
_DEPENDS: dict[str, tuple[Finding, ...]] = {}
for _f in FINDINGS:
    for _name in (_f.field, *_f.requires_any, *_f.requires_none):
        _DEPENDS[_name] = (*_DEPENDS.get(_name, ()), _f)
del _f, _name

#: Case fields the next-question ranking may suggest (scored findings, not red flags).
ASKABLE: tuple[str, ...] = tuple(
    name for name in dict.fromkeys(f.field for f in SCORED) if FIELD_BY_NAME[name].default is None
)


def _p_present(f: Finding, question: str, p: float) -> float:
    """Chance the finding is present, from the sensitivity and specificity its LR+ and LR−
    imply (LR+ = s/(1-c), LR- = (1-s)/c) and the current probability of the question;
    0.5 when the pair does not determine them (no LR−, or LR+ = LR−)."""
    pos = f.evidence(question, True)
    neg = f.evidence(question, False)
    if pos is None or neg is None:
        return 0.5
    a, b = pos.lr, neg.lr
    if not (a > 1.0 > b):
        return 0.5
    sens = a * (1.0 - b) / (a - b)
    spec = (a - 1.0) / (a - b)
    return p * sens + (1.0 - p) * (1.0 - spec)


def next_questions(
    case: Case,
    states: Mapping[str, bool | None],
    points: Mapping[str, float],
    pre: Mapping[str, float],
    label: str,
    n_assessed: int,
) -> tuple[NextQuestion, ...]:
    """Rank the scored findings not yet assessed by how much asking could change the answer.

    The measure (documented choice): the **expected absolute change in the two post-test
    probabilities** (hip + spine) over the possible answers. For a yes/no finding the
    answers are present / absent, weighted by the chance the finding is present given
    the current probability of the question it bears on most (from the sensitivity and
    specificity its LR+ and LR− imply; 0.5 when they do not determine it). For the
    effect of sitting the three answers are weighted equally. The overlap rule applies
    to each hypothetical answer, so a finding whose construct is already counted adds
    little. Ties break by the case-record order; each carries a reason in words.
    """
    base = {q: probability_to_log10_odds(pre[q]) + points[q] / 10.0 for q in QUESTIONS}
    base_p = {q: _from_log10_odds(base[q]) for q in QUESTIONS}
    out = []
    for name in ASKABLE:
        if getattr(case, name) is not None:
            continue
        spec = FIELD_BY_NAME[name]
        affected = _DEPENDS[name]
        own = [f for f in affected if f.field == name]
        if spec.kind == "bool":
            answers: list[tuple[str, Any]] = [("present", True), ("absent", False)]
        else:
            answers = [(c, c) for c in spec.choices]
        constructs = {q: {f.construct for f in affected if f in _MEMBERS[q][f.construct]}
                      for q in QUESTIONS}  # fmt: skip
        results = []
        for said, value in answers:
            new_states = dict(states)
            for f in affected:
                new_states[f.name] = f.state(_Override(case, name, value))
            delta = {}
            for q in QUESTIONS:
                d = 0.0
                for c in constructs[q]:
                    members = _MEMBERS[q][c]
                    d += _construct_points(members, new_states, q) - _construct_points(
                        members, states, q
                    )
                delta[q] = d
            probs = {q: _from_log10_odds(base[q] + delta[q] / 10.0) for q in QUESTIONS}
            new_n = n_assessed + (1 if any(f in SCORED_SET for f in own) else 0)
            new_label = label_from_probabilities(probs["hip"], probs["spine"], new_n)
            results.append((said, delta, probs, new_label))
        if spec.kind == "bool":
            main = max(own, key=lambda f: max(abs(f.hip.points), abs(f.spine.points)))
            q_main = "hip" if abs(main.hip.points) >= abs(main.spine.points) else "spine"
            pp = _p_present(main, q_main, base_p[q_main])
            weights = [pp, 1.0 - pp]
        else:
            weights = [1.0 / len(answers)] * len(answers)
        expected = sum(
            w * sum(abs(r[2][q] - base_p[q]) for q in QUESTIONS)
            for w, r in zip(weights, results, strict=True)
        )
        if expected < 1e-6:
            continue
        changes = any(r[3] != label for r in results)
        bits = []
        for said, delta, _probs, new_label in results:
            moved = [f"{q} {delta[q]:+.1f}" for q in QUESTIONS if abs(delta[q]) > 0.05]
            if not moved:
                continue
            then = f", label {new_label}" if new_label != label else ""
            bits.append(f"if {said}: {', '.join(moved)} points{then}")
        reason = "; ".join(bits)
        out.append(NextQuestion(name, spec.label, expected, changes, reason))
    out.sort(key=lambda nq: -nq.expected_change)
    return tuple(out)


class _Override:
    """A case seen with one field replaced (for hypothetical answers)."""

    __slots__ = ("_case", "_name", "_value")

    def __init__(self, case: Any, name: str, value: Any) -> None:
        self._case, self._name, self._value = case, name, value

    def __getattr__(self, attr: str) -> Any:
        if attr == self._name:
            return self._value
        return getattr(self._case, attr)
