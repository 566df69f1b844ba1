"""Why the reasoning and a case's true driver differ: which finding misled the model.

The quiz and case cards call :func:`explain_disagreement` when the kit's label and the
case's truth (from the generator) differ, so that the feedback says *why* instead of
leaving the learner with two answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hipback.case import Case
from hipback.reasoning import (
    QUESTIONS,
    Contribution,
    Reasoning,
    classify,
    label_from_probabilities,
    probability_to_log10_odds,
)

_SOURCES = {
    "hip": {"hip": True, "spine": False},
    "spine": {"hip": False, "spine": True},
    "combined": {"hip": True, "spine": True},
}


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Why the kit's label differs from the true driver.

    Attributes
    ----------
    true_label, model_label : str
        The case's truth and the kit's label.
    misleading : tuple of Contribution
        The findings that pushed the model away from the truth, most responsible first
        (a finding whose removal alone gives the true label comes first).
    decisive : bool
        Whether removing the first finding alone gives the true label.
    missing : tuple of str
        Findings not assessed that would have helped most (the reasoning's next questions).
    text : str
        The explanation in words.
    """

    true_label: str
    model_label: str
    misleading: tuple[Contribution, ...]
    decisive: bool
    missing: tuple[str, ...]
    text: str

    def __str__(self) -> str:
        return self.text


def _label_without(result: Reasoning, c: Contribution) -> str:
    x = {
        q: probability_to_log10_odds(result.pretest[q])
        + (result.points[q] - (c.points_hip if q == "hip" else c.points_spine)) / 10.0
        for q in QUESTIONS
    }
    p = {q: 1.0 / (1.0 + 10.0 ** (-x[q])) for q in QUESTIONS}
    return label_from_probabilities(p["hip"], p["spine"], result.n_assessed)


def _wrong_way(c: Contribution, truth: dict[str, bool]) -> float:
    """Points this contribution pushed against the truth (0 when it agreed)."""
    total = 0.0
    for q, pts in (("hip", c.points_hip), ("spine", c.points_spine)):
        if truth[q] and pts < 0:
            total += -pts
        elif not truth[q] and pts > 0:
            total += pts
    return total


def explain_disagreement(case: Case | Any, true_label: str) -> Disagreement | None:
    """Explain, for a case whose label differs from its truth, which finding misled the model.

    Parameters
    ----------
    case : Case
        The case (a :class:`~hipback.Case`, or anything :func:`hipback.classify` accepts
        after ``Case(**dict)``).
    true_label : {"hip", "spine", "combined"}
        The case's true driver.

    Returns
    -------
    Disagreement or None
        None when the kit's label equals the truth.

    Examples
    --------
    >>> from hipback import Case
    >>> case = Case(age=70, pain_groin=False, pain_buttock=True, pain_lower_back=True,
    ...             worse_bending=True, hip_rotation_limited=True)
    >>> d = explain_disagreement(case, "hip")
    >>> d.model_label, d.misleading[0].label
    ('spine', 'no groin pain')
    """
    if not isinstance(case, Case):
        case = Case(**dict(case))
    if true_label not in _SOURCES:
        raise ValueError(f"true_label: {true_label!r}; allowed: 'hip', 'spine', 'combined'")
    result = classify(case)
    if result.label == true_label:
        return None
    truth = _SOURCES[true_label]
    against = [c for c in result.contributions if _wrong_way(c, truth) > 1e-9]
    decisive = [c for c in against if _label_without(result, c) == true_label]
    rest = sorted((c for c in against if c not in decisive), key=lambda c: -_wrong_way(c, truth))
    decisive.sort(key=lambda c: -_wrong_way(c, truth))
    misleading = tuple(decisive + rest)
    missing = tuple(q.label for q in result.next_questions[:3])
    if result.label == "undetermined" and not misleading:
        text = (
            f"The true driver is {true_label}, but too little pointed there for the kit to "
            f"commit: it says 'undetermined'. Asking next would help: {'; '.join(missing)}."
        )
    elif misleading:
        first = misleading[0]
        side = "hip" if abs(first.points_hip) >= abs(first.points_spine) else "spine"
        pts = first.points_hip if side == "hip" else first.points_spine
        how = (
            f"without it the label would be {true_label}"
            if decisive
            else "it pushed furthest the wrong way"
        )
        text = (
            f"The true driver is {true_label}; the kit says {result.label}. The finding that "
            f"misled it: '{first.label}' ({pts:+.1f} points on the {side} question, "
            f"{first.source}): {how}. Findings like this point the wrong way in some people."
        )
    else:
        text = (
            f"The true driver is {true_label}; the kit says {result.label}. No single finding "
            "points the wrong way: the evidence is weak on both sides."
        )
    return Disagreement(true_label, result.label, misleading, bool(decisive), missing, text)
