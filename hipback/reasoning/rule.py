"""The label rule and the probability arithmetic of the reasoning, stated once.

Constants (the four labels, the thresholds, the two questions), the three
configurations of sources, :func:`label_from_probabilities`, Fagan's arithmetic and
the pre-test check. :mod:`hipback.reasoning` re-exports every name.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from hipback.errors import HipbackInputError
from hipback.knowledge.findings import PRETEST

#: The four labels: the primary pain driver, or "undetermined" (assess further).
LABELS: tuple[str, ...] = ("hip", "spine", "combined", "undetermined")

#: The labels a case's true pain driver can take (a synthetic case's answer, a quiz's key):
#: every label but "undetermined", which describes the evidence, not the patient.
TRUE_LABELS: tuple[str, ...] = ("hip", "spine", "combined")

#: The most probable configuration must reach this (more likely than not) to be the label.
CONFIGURATION_THRESHOLD: float = 0.5

#: A question counts as an established source from this post-test probability up (used in
#: explanations and figures; the label uses :data:`CONFIGURATION_THRESHOLD`).
SOURCE_THRESHOLD: float = 0.6

#: Fewer scored findings assessed (present or absent) than this: the label is undetermined.
MIN_ASSESSED: int = 2

QUESTIONS: tuple[str, ...] = ("hip", "spine")

_TOLERANCE = 1e-9  # probabilities closer than this count as equal (see label rule)

DISCLAIMER = (
    "Educational use only: hipback is a teaching kit, not medical advice, and must not be "
    "used for clinical decisions."
)


def configurations(p_hip: float, p_spine: float) -> dict[str, float]:
    """The chance of each configuration of sources, given that at least one is a source.

    The kit's population is people whose pain comes from the hip, the spine or both
    (Offierski & MacNab's hip-spine syndrome), so the two answers combine into three
    configurations: hip only ``h(1-s)``, spine only ``(1-h)s``, both ``hs``, each divided
    by ``1 - (1-h)(1-s)`` (the two questions are treated as independent, as elsewhere).

    Examples
    --------
    >>> {k: round(v, 2) for k, v in configurations(0.8, 0.3).items()}
    {'hip': 0.65, 'spine': 0.07, 'combined': 0.28}
    """
    hip_only = p_hip * (1.0 - p_spine)
    spine_only = (1.0 - p_hip) * p_spine
    both = p_hip * p_spine
    total = hip_only + spine_only + both
    return {"hip": hip_only / total, "spine": spine_only / total, "combined": both / total}


def label_from_probabilities(p_hip: float, p_spine: float, n_assessed: int | None = None) -> str:
    """The labelling rule, stated once.

    1. Fewer than :data:`MIN_ASSESSED` scored findings assessed: ``undetermined``.
    2. Otherwise the most probable configuration (:func:`configurations`: hip only,
       spine only, both = ``combined``) is the label, provided it reaches
       :data:`CONFIGURATION_THRESHOLD` (more likely than not); if none does, the
       evidence has not settled the question: ``undetermined`` (assess further).

    Parameters
    ----------
    p_hip, p_spine : float
        Post-test probabilities that the hip / the spine is a pain source.
    n_assessed : int, optional
        How many scored findings were assessed (present or absent); not checked
        when None.

    Examples
    --------
    >>> label_from_probabilities(0.8, 0.3)
    'hip'
    >>> label_from_probabilities(0.8, 0.75)
    'combined'
    >>> label_from_probabilities(0.4, 0.4)
    'undetermined'
    >>> label_from_probabilities(0.9, 0.1, n_assessed=1)
    'undetermined'
    """
    if n_assessed is not None and n_assessed < MIN_ASSESSED:
        return "undetermined"
    conf = configurations(p_hip, p_spine)
    # Ties (within a tolerance, so classify and classify_frame agree) go hip, spine, combined.
    best = max(conf.values())
    for name in ("hip", "spine", "combined"):
        if conf[name] >= best - _TOLERANCE:
            return name if conf[name] >= CONFIGURATION_THRESHOLD - _TOLERANCE else "undetermined"
    return "undetermined"  # pragma: no cover


def probability_to_log10_odds(p: float) -> float:
    """log10(p / (1 - p)).

    Examples
    --------
    >>> round(probability_to_log10_odds(0.5), 3)
    0.0
    """
    return math.log10(p / (1.0 - p))


def _from_log10_odds(x: float) -> float:
    return 1.0 / (1.0 + 10.0 ** (-x))


def post_test_probability(pretest: float, lr: float) -> float:
    """Fagan's nomogram as arithmetic: pre-test probability times an LR.

    Parameters
    ----------
    pretest : float
        Pre-test probability, strictly between 0 and 1.
    lr : float
        Likelihood ratio (> 0).

    Examples
    --------
    Sutlive 2008: pre-test 29% and LR 24.3 give about 91%.

    >>> round(post_test_probability(0.29, 24.3), 2)
    0.91
    """
    odds = pretest / (1.0 - pretest) * lr
    return odds / (1.0 + odds)


def lr_from_sens_spec(sensitivity: float, specificity: float) -> tuple[float, float]:
    """Positive and negative likelihood ratios from sensitivity and specificity.

    Examples
    --------
    Khan 2004, groin pain for hip OA vs spinal stenosis:

    >>> [round(x, 2) for x in lr_from_sens_spec(0.843, 0.703)]
    [2.84, 0.22]
    """
    return sensitivity / (1.0 - specificity), (1.0 - sensitivity) / specificity


def _checked_pretest(pretest: Mapping[str, float] | None) -> dict[str, float]:
    out = {q: PRETEST[q].probability for q in QUESTIONS}
    if pretest is None:
        return out
    for key, value in pretest.items():
        if key not in out:
            raise HipbackInputError(f"pretest: {key!r} is not a question; allowed: 'hip', 'spine'")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0.0 < float(value) < 1.0
        ):
            raise HipbackInputError(
                f"pretest[{key!r}]: {value!r} is not allowed; allowed: a probability strictly "
                "between 0 and 1"
            )
        out[key] = float(value)
    return out
