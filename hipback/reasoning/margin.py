"""How far a label sits from the next one: the smallest move on one question that changes it.

A label a few points from a boundary is a close call: one more finding could change it,
and a student should hear that rather than read the label as settled. Along one question
(the other held where it is) the boundaries of
:func:`~hipback.reasoning.rule.label_from_probabilities` are known in closed form, so the
margin is exact and cheap enough to show with every result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hipback.reasoning.rule import QUESTIONS, _from_log10_odds, label_from_probabilities

#: A label within this many points of another is shown as a close call: one finding with
#: an LR of about 3 (10·log10 3 = 4.8 points) could change it. The same 5 points are the
#: textbook cases' margin criterion (issue 10).
CLOSE_CALL_POINTS: float = 5.0

# How far past a boundary the label is read (points): well above the label rule's
# probability tolerance, far below anything a finding adds.
_PAST = 1e-4


@dataclass(frozen=True, slots=True)
class LabelMargin:
    """The nearest label boundary: the smallest move on one question that changes the label.

    Attributes
    ----------
    points : float
        The size of the move, in points (10·log10 of the odds).
    question : str
        "hip" or "spine": the question moved.
    direction : int
        +1 (more toward that source) or -1 (less).
    becomes : str
        The label after the move.
    """

    points: float
    question: str
    direction: int
    becomes: str

    def __str__(self) -> str:
        more = "more" if self.direction > 0 else "less"
        size = f"{self.points:.1f}" if self.points >= 0.05 else "under 0.1"
        return (
            f"{size} points {more} on the {self.question} question would make the label "
            f"{self.becomes}"
        )


def _boundaries(other: float) -> list[float]:
    """Where the label can change along one question, as its probability, the other held.

    With h the moving question and s the other (the rule is symmetric): the hip-only and
    spine-only shares are equal at h = s; spine-only and both at h = 1/2; one share reaches
    1/2 at h = s/(1-s) (s < 1/2), h = s/(1+s) and h = s/(3s-1) (s > 1/2).
    """
    s = other
    out = [0.5, s, s / (1.0 + s)]
    if s < 0.5:
        out.append(s / (1.0 - s))
    if s > 0.5:
        out.append(s / (3.0 * s - 1.0))
    return [b for b in out if 0.0 < b < 1.0]


def _log_odds_points(p: float) -> float:
    return 10.0 * math.log10(p / (1.0 - p))


def nearest_boundary(
    log_odds: dict[str, float], n_assessed: int | None = None, span: float = 40.0
) -> LabelMargin | None:
    """The smallest move on either question, within ``span`` points, that changes the label.

    Parameters
    ----------
    log_odds : dict
        Post-test log10 odds per question (pre-test log10 odds plus points / 10).
    n_assessed : int, optional
        Scored findings assessed; with fewer than the rule's minimum no move of the points
        changes the label ("undetermined"), and the result is None.
    span : float, default 40
        Moves larger than this are not looked for (None when none is found).

    Examples
    --------
    >>> m = nearest_boundary({"hip": 1.2, "spine": 0.05})  # hip 94%, spine 53%
    >>> m.question, m.direction, m.becomes, round(m.points, 1)
    ('spine', -1, 'undetermined', 0.2)
    """

    def label(x: dict[str, float]) -> str:
        return label_from_probabilities(
            _from_log10_odds(x["hip"]), _from_log10_odds(x["spine"]), n_assessed
        )

    now = label(log_odds)
    best: LabelMargin | None = None
    for q in QUESTIONS:
        other = next(o for o in QUESTIONS if o != q)
        here = 10.0 * log_odds[q]
        moves = sorted(
            (_log_odds_points(b) - here for b in _boundaries(_from_log10_odds(log_odds[other]))),
            key=abs,
        )
        for direction in (1, -1):
            for move in moves:
                if move * direction < -_PAST or abs(move) > span:
                    continue  # the other way, or too far
                if best is not None and abs(move) >= best.points:
                    break
                x = dict(log_odds)
                x[q] += (move + direction * _PAST) / 10.0
                becomes = label(x)
                if becomes != now:
                    best = LabelMargin(abs(move), q, direction, becomes)
                    break
    return best
