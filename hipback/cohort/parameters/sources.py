"""Frequencies with their sources (:class:`Freq`), and the intercept solver the sampler
uses so that a finding's frequency equals its cited figure (:func:`channel_intercept`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Label used for every number that has no published source.
TEACHING_ESTIMATE = "teaching estimate"


@dataclass(frozen=True, slots=True)
class Freq:
    """A frequency with where it comes from.

    Attributes
    ----------
    p : float
        Probability (0-1).
    source : str
        Reference key in :data:`hipback.knowledge.references.REFERENCES`, or
        ``"teaching_estimate"``.
    note : str
        What the figure is (population, comparison) or why the estimate was chosen.
    """

    p: float
    source: str
    note: str

    @property
    def basis(self) -> str:
        """ "published" or "teaching estimate"."""
        return TEACHING_ESTIMATE if self.source == "teaching_estimate" else "published"


def _te(p: float, note: str) -> Freq:
    return Freq(p, "teaching_estimate", note)


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def channel_intercept(target: float, loading: float, background: float) -> float:
    """Log-odds intercept so that the finding's frequency equals ``target`` on average.

    With severity ``z ~ N(0, 1)``, a source produces the finding with probability
    ``sigmoid(a + loading * z)``, and noise adds ``background``; this solves
    ``E[1 - (1 - sigmoid(a + loading z)) (1 - background)] = target`` for ``a``
    (Gauss-Hermite quadrature, then bisection; deterministic).

    Examples
    --------
    >>> round(channel_intercept(0.5, 0.0, 0.0), 6)
    0.0
    """
    import numpy as np

    p = 1.0 - (1.0 - target) / (1.0 - background)
    p = min(max(p, 1e-6), 1 - 1e-6)
    if loading == 0.0:
        return _logit(p)
    nodes, weights = np.polynomial.hermite_e.hermegauss(40)
    weights = weights / weights.sum()

    def mean(a: float) -> float:
        return float(np.sum(weights / (1.0 + np.exp(-(a + loading * nodes)))))

    lo, hi = -20.0, 20.0
    for _ in range(80):
        mid = (lo + hi) / 2.0
        if mean(mid) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0
