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
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from hipback.case import FIELD_BY_NAME, Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import CONSTRUCTS, FINDINGS, PRETEST, Finding
from hipback.screening import is_urgent, most_urgent, screen

if TYPE_CHECKING:
    pass

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
            "<table><thead><tr><th>Finding</th><th>Points (+hip / &minus;spine)</th>"
            "<th>Favours</th><th>Source</th><th>Note</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            + (f"<p>Ask next:</p><ol>{ask}</ol>" if ask else "")
            + (f"<ul>{notes}</ul>" if notes else "")
            + f"<p><small>{escape(DISCLAIMER)}</small></p></div>"
        )


# --- the counting rule, shared by classify, next_questions and the vectorised tables ------


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


def label_margin(result: Reasoning, step: float = 0.05, span: float = 40.0) -> float:
    """Points on either question that would change the label (the smaller of the two).

    Moves each question's points up and down in steps of ``step`` (up to ``span``)
    and returns the smallest move that changes :func:`label_from_probabilities`;
    ``span`` when none does. Used to show how far a case sits from a label boundary.

    Examples
    --------
    >>> from hipback import Case, classify
    >>> label_margin(classify(Case(age=60))) == 40.0  # undetermined by too few findings
    True
    """
    pre = result.pretest
    base = {q: probability_to_log10_odds(pre[q]) + result.points[q] / 10.0 for q in QUESTIONS}
    best = span
    for q in QUESTIONS:
        for sign in (1.0, -1.0):
            k = 1
            while k * step <= best:
                x = dict(base)
                x[q] += sign * k * step / 10.0
                lab = label_from_probabilities(
                    _from_log10_odds(x["hip"]), _from_log10_odds(x["spine"]), result.n_assessed
                )
                if lab != result.label:
                    best = min(best, k * step)
                    break
                k += 1
    return best
