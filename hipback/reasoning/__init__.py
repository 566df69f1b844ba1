"""The reasoning model: is the hip a pain source? is the spine? which drives the pain?

How it works (the same rules in :func:`classify` and, vectorised, in
:func:`hipback.reasoning_frame.classify_frame`):

1. **Two questions, two likelihood-ratio models.** Each starts from a pre-test
   probability (:data:`hipback.knowledge.findings.PRETEST`, or the learner's own)
   and adds the evidence of every finding assessed, in points: 10·log10(LR).
   A finding recorded present adds its LR+, one recorded absent its LR− (where
   the catalogue has one), one not assessed (``None``) nothing. On the
   log-odds scale, post-test log10-odds = pre-test log10-odds + points / 10.
2. **No double counting.** Findings that measure one construct share a
   ``construct`` in :mod:`hipback.knowledge.findings`. Per question, if any
   member of a construct is present the strongest present member counts;
   otherwise the strongest absent member counts; the others are shown as
   "overlaps with ...". Independence between constructs is still an
   assumption, and the cohort lesson shows what it costs.
3. **The label** follows by :func:`label_from_probabilities` (stated once there):
   the two answers combine into three configurations (hip only, spine only,
   both), given that the pain comes from at least one; the most probable
   configuration is the label if it is more likely than not, otherwise
   ``undetermined``, as it is when fewer than :data:`MIN_ASSESSED` scored
   findings were assessed.
4. **Ask this next.** :attr:`Reasoning.next_questions` ranks the findings not
   yet assessed by the expected change they would make to the two
   probabilities (see :func:`next_questions`).
5. **Red flags are screened apart** (:mod:`hipback.screening`) and come first:
   ``urgent`` is True for a flag at level emergency or urgent.

One job per module: :mod:`~hipback.reasoning.rule` (the label rule, the configurations,
the arithmetic), :mod:`~hipback.reasoning.counting` (which finding counts per construct),
:mod:`~hipback.reasoning.asking` (next questions), :mod:`~hipback.reasoning.margin` (how
far a label sits from the next), :mod:`~hipback.reasoning.result` (the result objects and
their text); :func:`classify` and :func:`label_margin` live here, and
every name is re-exported here, so ``from hipback.reasoning import ...`` keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDINGS, Finding
from hipback.reasoning.asking import _DEPENDS, ASKABLE, _Override, _p_present, next_questions
from hipback.reasoning.counting import (
    _MEMBERS,
    SCORED,
    SCORED_SET,
    _construct_points,
    _counted,
    _ev_points,
    _scores,
    _source_text,
    _states,
)
from hipback.reasoning.margin import CLOSE_CALL_POINTS, LabelMargin, nearest_boundary
from hipback.reasoning.result import Contribution, NextQuestion, Reasoning
from hipback.reasoning.rule import (
    _TOLERANCE,
    CONFIGURATION_THRESHOLD,
    DISCLAIMER,
    LABELS,
    MIN_ASSESSED,
    QUESTIONS,
    SOURCE_THRESHOLD,
    TRUE_LABELS,
    _checked_pretest,
    _from_log10_odds,
    configurations,
    label_from_probabilities,
    lr_from_sens_spec,
    post_test_probability,
    probability_to_log10_odds,
)
from hipback.screening import is_urgent, screen


def classify(case: Case, pretest: Mapping[str, float] | None = None) -> Reasoning:
    """Reason about one case: hip source? spine source? which label? any red flags?

    Parameters
    ----------
    case : Case
        The presentation.
    pretest : mapping, optional
        Pre-test probabilities ``{"hip": p, "spine": p}`` to use instead of
        the cited defaults (:data:`hipback.knowledge.findings.PRETEST`); either key may
        be left out.

    Returns
    -------
    Reasoning
        Label, probabilities, contributions, next questions, red flags and urgency.

    Examples
    --------
    >>> from hipback import Case, classify
    >>> r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True,
    ...                   pain_lower_back=False, numbness_tingling=False))
    >>> r.label, r.urgent
    ('hip', False)
    >>> round(r.probabilities["hip"], 2)
    0.77
    >>> classify(Case(age=67)).label
    'undetermined'
    """
    if not isinstance(case, Case):
        raise HipbackInputError(
            f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
        )
    pre = _checked_pretest(pretest)
    states = _states(case)
    chosen: dict[str, dict[str, tuple[Finding, bool]]] = {q: {} for q in QUESTIONS}
    points = {}
    for q in QUESTIONS:
        total = 0.0
        for c, members in _MEMBERS[q].items():
            f, present = _counted(members, states, q)
            if f is not None:
                chosen[q][c] = (f, present)
                total += _ev_points(f, q, present)
        points[q] = total
    probs = {q: _from_log10_odds(probability_to_log10_odds(pre[q]) + points[q] / 10.0)
             for q in QUESTIONS}  # fmt: skip
    n_assessed = sum(1 for f in SCORED if states[f.name] is not None)

    contributions = []
    advisories = []
    for f in FINDINGS:
        state = states[f.name]
        if state is None:
            continue
        present = state is True
        if not present and f.hip_absent is None and f.spine_absent is None:
            continue
        counted = {q: chosen[q].get(f.construct, (None,))[0] is f for q in QUESTIONS}
        ph = _ev_points(f, "hip", present) if counted["hip"] else 0.0
        ps = _ev_points(f, "spine", present) if counted["spine"] else 0.0
        dropped = [
            q for q in QUESTIONS if not counted[q] and abs(_ev_points(f, q, present)) > 1e-12
        ]
        note = ""
        if dropped:
            other, other_present = chosen[dropped[0]][f.construct]
            other_label = other.label if other_present else other.said_absent
            note = f"overlaps with '{other_label}' ({f.construct}): counted once"
        net = ph - ps
        favours = "neither" if abs(net) < 1e-9 else ("hip" if net > 0 else "spine")
        contributions.append(
            Contribution(
                f.name,
                f.label if present else f.said_absent,
                ph,
                ps,
                net,
                favours,
                _source_text(f, present, counted),
                f.construct,
                note,
                "present" if present else "absent",
            )
        )
        if present and f.caveat:
            advisories.append(f.caveat)
    contributions.sort(key=lambda c: (-abs(c.points), c.name))
    label = label_from_probabilities(probs["hip"], probs["spine"], n_assessed)
    counted_bases = {
        ev.basis
        for q in QUESTIONS
        for f, present in chosen[q].values()
        if (ev := f.evidence(q, present)) is not None and abs(ev.points) > 1e-12
    }
    if label != "undetermined" and counted_bases == {"teaching estimate"}:
        advisories.append(
            "No published figure backs this label: every finding counted is a teaching estimate."
        )
    flags = screen(case)
    return Reasoning(
        label=label,
        probabilities=MappingProxyType(probs),
        pretest=MappingProxyType(pre),
        points=MappingProxyType(points),
        red_flags=tuple(f.name for f in flags),
        urgent=is_urgent(flags),
        red_flag_actions=flags,
        contributions=tuple(contributions),
        advisories=tuple(advisories),
        case=case,
        n_assessed=n_assessed,
        next_questions=next_questions(case, states, points, pre, label, n_assessed),
    )


def label_margin(result: Reasoning, span: float = 40.0) -> float:
    """Points on either question that would change the label (the smaller of the two).

    The size of :attr:`Reasoning.margin` (exact: see :mod:`~hipback.reasoning.margin`);
    ``span`` when no move up to ``span`` points changes the label. Used to show how far a
    case sits from a label boundary.

    Examples
    --------
    >>> from hipback import Case, classify
    >>> label_margin(classify(Case(age=60))) == 40.0  # undetermined by too few findings
    True
    """
    m = nearest_boundary(result.log_odds, result.n_assessed, span)
    return span if m is None else m.points


__all__ = [
    "ASKABLE",
    "CLOSE_CALL_POINTS",
    "CONFIGURATION_THRESHOLD",
    "DISCLAIMER",
    "LABELS",
    "MIN_ASSESSED",
    "QUESTIONS",
    "SCORED",
    "SCORED_SET",
    "SOURCE_THRESHOLD",
    "TRUE_LABELS",
    "Contribution",
    "LabelMargin",
    "NextQuestion",
    "Reasoning",
    "_DEPENDS",
    "_MEMBERS",
    "_TOLERANCE",
    "_Override",
    "_checked_pretest",
    "_construct_points",
    "_counted",
    "_ev_points",
    "_from_log10_odds",
    "_p_present",
    "_scores",
    "_source_text",
    "_states",
    "classify",
    "configurations",
    "label_from_probabilities",
    "label_margin",
    "lr_from_sens_spec",
    "nearest_boundary",
    "next_questions",
    "post_test_probability",
    "probability_to_log10_odds",
]
