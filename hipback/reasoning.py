"""The reasoning model: is the hip a pain source? is the spine? which drives the pain?

How it works (the same rules in :func:`classify` and :func:`classify_frame`):

1. **Two questions, two likelihood-ratio models.** Each starts from a pre-test
   probability (:data:`hipback.knowledge.findings.PRETEST`, or the learner's own) and
   adds the evidence of every finding present, in points: 10·log10(LR). On the
   log-odds scale, post-test log10-odds = pre-test log10-odds + points / 10.
2. **No double counting.** Findings that measure one construct (for example
   walking, stairs and getting up from a chair are all pain on weight-bearing)
   share a ``construct`` in :mod:`hipback.knowledge.findings`. For each question only the
   finding with the largest absolute points in each construct counts; the
   others are shown with their points struck out ("overlaps with ...").
   Independence between constructs is still an assumption, and the cohort
   lesson shows what it costs.
3. **The label** follows from the two post-test probabilities by
   :func:`label_from_probabilities`: ``combined`` when both are at least
   :data:`SOURCE_THRESHOLD`, otherwise whichever is higher (``hip`` on a tie).
4. **Red flags are screened apart** (:mod:`hipback.knowledge.red_flags`) and always win:
   ``urgent`` is True and the result names the action each flag requires.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import CONSTRUCTS, FINDINGS, PRETEST, Finding
from hipback.knowledge.red_flags import RedFlag, most_urgent, screen

if TYPE_CHECKING:
    import pandas as pd

#: The three labels, by the primary pain driver.
LABELS: tuple[str, ...] = ("hip", "spine", "combined")

#: A question counts as an established source from this post-test probability up. Set above
#: even odds on purpose: most LRs in the catalogue are small or teaching estimates, so two
#: weak findings (which can lift 34% to just over 50%) should not make a second source.
SOURCE_THRESHOLD: float = 0.6

QUESTIONS: tuple[str, ...] = ("hip", "spine")

_TOLERANCE = 1e-9  # probabilities closer than this count as equal (see label rule)

DISCLAIMER = (
    "Educational use only: hipback is a teaching kit, not medical advice, and must not be "
    "used for clinical decisions."
)


def label_from_probabilities(p_hip: float, p_spine: float) -> str:
    """The labelling rule, stated once.

    Parameters
    ----------
    p_hip, p_spine : float
        Post-test probabilities that the hip / the spine is a pain source.

    Returns
    -------
    str
        ``"combined"`` if both reach :data:`SOURCE_THRESHOLD`; otherwise the
        higher of the two (``"hip"`` on an exact tie).

    Examples
    --------
    >>> label_from_probabilities(0.8, 0.3)
    'hip'
    >>> label_from_probabilities(0.7, 0.65)
    'combined'
    """
    # Compared with a tolerance: probabilities that are equal on paper (e.g. 40% pre-test
    # with two LRs of 1.5 is exactly 60%) may differ in the last bit depending on the order
    # the points were added, and the label must not depend on that.
    if p_hip >= SOURCE_THRESHOLD - _TOLERANCE and p_spine >= SOURCE_THRESHOLD - _TOLERANCE:
        return "combined"
    return "hip" if p_hip >= p_spine - _TOLERANCE else "spine"


def probability_to_log10_odds(p: float) -> float:
    """log10(p / (1 - p)).

    Examples
    --------
    >>> round(probability_to_log10_odds(0.5), 3)
    0.0
    """
    return math.log10(p / (1.0 - p))


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
    """What one finding present in the case adds.

    Attributes
    ----------
    name : str
        The finding's name (see :data:`hipback.knowledge.findings.FINDINGS`).
    label : str
        Plain-language label.
    points_hip, points_spine : float
        Points counted for each question (0 where the finding was not counted
        because a stronger one of the same construct was).
    points : float
        Net points toward the hip (``points_hip - points_spine``); negative
        values point toward the spine. This is what the reasoning chart draws.
    favours : str
        "hip", "spine" or "neither".
    source : str
        Citation(s) behind the numbers ("teaching estimate" where no figure
        was published).
    construct : str
        What the finding measures.
    note : str
        "" or why part of it was not counted.
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

    @property
    def finding(self) -> str:
        """Alias of :attr:`name`."""
        return self.name


@dataclass(frozen=True)
class Reasoning:
    """The result of :func:`classify` for one case.

    Attributes
    ----------
    label : str
        "hip", "spine" or "combined".
    probabilities : Mapping[str, float]
        Post-test probability that the hip / the spine is a pain source.
    pretest : Mapping[str, float]
        The pre-test probabilities used.
    points : Mapping[str, float]
        Total points counted for each question.
    red_flags : tuple of str
        Names of red flags present (most urgent first); empty when none.
    urgent : bool
        True when any red flag is present.
    red_flag_actions : tuple of RedFlag
        The flags with their condition, action and urgency.
    contributions : tuple of Contribution
        One per finding present, largest effect first.
    advisories : tuple of str
        Caveats that apply to this case (atypical features, evidence that
        qualifies the article).
    case : Case
        The case classified.
    """

    label: str
    probabilities: Mapping[str, float]
    pretest: Mapping[str, float]
    points: Mapping[str, float]
    red_flags: tuple[str, ...]
    urgent: bool
    red_flag_actions: tuple[RedFlag, ...]
    contributions: tuple[Contribution, ...]
    advisories: tuple[str, ...]
    case: Case = field(repr=False)

    @property
    def urgency(self) -> str | None:
        """The most urgent level among the red flags, or None."""
        return most_urgent(self.red_flag_actions)

    def __str__(self) -> str:
        p = self.probabilities
        lines = []
        if self.urgent:
            lines.append(f"URGENT ({self.urgency}): red flags override the hip/spine reasoning.")
            for flag in self.red_flag_actions:
                lines.append(f"  ! {flag.label} -> {flag.condition}. {flag.action}")
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
        if self.urgent:
            items = "".join(
                f"<li><b>{escape(f.label)}</b>: {escape(f.condition)}. {escape(f.action)}</li>"
                for f in self.red_flag_actions
            )
            banner = (
                "<div role='alert' style='border:3px solid #000;padding:6px;margin:4px 0'>"
                f"<b>&#9888; URGENT ({escape(str(self.urgency))})</b>: red flags override the "
                f"hip/spine reasoning.<ul>{items}</ul></div>"
            )
        notes = "".join(f"<li>{escape(a)}</li>" for a in self.advisories)
        return (
            f"<div class='hipback-reasoning'>{banner}"
            f"<p><b>Primary pain driver: {escape(self.label)}</b> &mdash; hip source "
            f"{p['hip']:.0%} (pre-test {self.pretest['hip']:.0%}), spine source "
            f"{p['spine']:.0%} (pre-test {self.pretest['spine']:.0%}).</p>"
            "<table><thead><tr><th>Finding</th><th>Points (+hip / &minus;spine)</th>"
            "<th>Favours</th><th>Source</th><th>Note</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            + (f"<ul>{notes}</ul>" if notes else "")
            + f"<p><small>{escape(DISCLAIMER)}</small></p></div>"
        )


def _source_text(f: Finding) -> str:
    cites = dict.fromkeys(e.citation for e in (f.hip, f.spine) if e.basis != "neutral")
    if not cites:
        cites = dict.fromkeys(e.citation for e in (f.hip, f.spine))
    return "; ".join(cites)


def _select(present: list[Finding], question: str) -> dict[str, Finding]:
    """For one question, the finding that counts in each construct (largest |points|)."""
    chosen: dict[str, Finding] = {}
    for f in present:  # catalogue order, so ties go to the earlier finding
        ev = getattr(f, question)
        best = chosen.get(f.construct)
        if best is None or abs(ev.points) > abs(getattr(best, question).points) + 1e-12:
            chosen[f.construct] = f
    return chosen


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
        Label, probabilities, contributions, red flags and urgency.

    Examples
    --------
    >>> from hipback import Case, classify
    >>> r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    >>> r.label, r.urgent
    ('hip', False)
    >>> round(r.probabilities["hip"], 2)
    0.82
    """
    if not isinstance(case, Case):
        raise HipbackInputError(
            f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
        )
    pre = _checked_pretest(pretest)
    present = [f for f in FINDINGS if f.present(case)]
    chosen = {q: _select(present, q) for q in QUESTIONS}
    points = {q: sum(getattr(f, q).points for f in chosen[q].values()) for q in QUESTIONS}
    probs = {}
    for q in QUESTIONS:
        x = probability_to_log10_odds(pre[q]) + points[q] / 10.0
        probs[q] = 1.0 / (1.0 + 10.0 ** (-x))

    contributions = []
    advisories = []
    for f in present:
        counted = {q: chosen[q].get(f.construct) is f for q in QUESTIONS}
        ph = f.hip.points if counted["hip"] else 0.0
        ps = f.spine.points if counted["spine"] else 0.0
        dropped = [q for q in QUESTIONS if not counted[q] and abs(getattr(f, q).points) > 1e-12]
        note = ""
        if dropped:
            other = chosen[dropped[0]][f.construct].label
            note = f"overlaps with '{other}' ({f.construct}): counted once"
        contributions.append(
            Contribution(
                f.name, f.label, ph, ps, ph - ps, f.favours, _source_text(f), f.construct, note
            )
        )
        if f.caveat:
            advisories.append(f.caveat)
    contributions.sort(key=lambda c: (-abs(c.points), c.name))
    flags = screen(case)
    return Reasoning(
        label=label_from_probabilities(probs["hip"], probs["spine"]),
        probabilities=MappingProxyType(probs),
        pretest=MappingProxyType(pre),
        points=MappingProxyType(points),
        red_flags=tuple(f.name for f in flags),
        urgent=bool(flags),
        red_flag_actions=flags,
        contributions=tuple(contributions),
        advisories=tuple(advisories),
        case=case,
    )


# --- vectorised -------------------------------------------------------------------------------
#
# Each row's findings are packed into small integers (one bit per finding), constructs
# are gathered into groups of at most _GROUP_BITS bits, and each group has a lookup
# table of the points counted for every pattern of its bits. The tables are built from
# _select, so the vectorised path follows exactly the rule of classify; a row then costs
# a few integer operations and one table look-up per group.

_GROUP_BITS = 12


@dataclass(frozen=True)
class _Group:
    members: tuple[Finding, ...]  # bit j of the pattern is members[j]
    hip: Any  # table: points counted for the hip question, per pattern
    spine: Any


def _construct_table(members: list[Finding]) -> Any:
    """(2**k, 2) table of counted (hip, spine) points for every pattern of one construct."""
    import numpy as np

    table = np.zeros((2 ** len(members), 2))
    construct = members[0].construct
    for pattern in range(2 ** len(members)):
        present = [f for j, f in enumerate(members) if pattern >> j & 1]
        for qi, q in enumerate(QUESTIONS):
            chosen = _select(present, q).get(construct)
            table[pattern, qi] = getattr(chosen, q).points if chosen else 0.0
    return table


def _build_groups() -> tuple[_Group, ...]:
    import numpy as np

    groups: list[list[list[Finding]]] = [[]]
    for construct in CONSTRUCTS:
        members = [f for f in FINDINGS if f.construct == construct]
        if sum(map(len, groups[-1])) + len(members) > _GROUP_BITS:
            groups.append([])
        groups[-1].append(members)
    out = []
    for constructs in groups:
        flat = [f for members in constructs for f in members]
        patterns = np.arange(2 ** len(flat))
        total = np.zeros((len(patterns), 2))
        shift = 0
        for members in constructs:
            sub = (patterns >> shift) & (2 ** len(members) - 1)
            total += _construct_table(members)[sub]
            shift += len(members)
        out.append(_Group(tuple(flat), total[:, 0].copy(), total[:, 1].copy()))
    return tuple(out)


_GROUPS: tuple[_Group, ...] | None = None


def _finding_column(frame: pd.DataFrame, f: Finding) -> Any:
    """Whether a finding is present, for every row of a validated frame (bool array)."""
    import numpy as np

    if f.field not in frame:
        return np.zeros(len(frame), dtype=bool)
    column = frame[f.field]
    op = f.test[0]
    if op == "is":
        present = column.to_numpy(dtype=bool)
    elif op == "==":
        if isinstance(column.dtype, _categorical_dtype()):
            codes = column.cat.codes.to_numpy()
            cats = list(column.cat.categories)
            present = codes == cats.index(f.test[1]) if f.test[1] in cats else codes < -1
        else:
            present = np.asarray(column == f.test[1], dtype=bool)
    else:
        values = column.to_numpy(dtype="float64", na_value=np.nan)
        present = (values >= f.test[1]) & (values <= f.test[2])
    if f.requires_any:
        also = np.zeros(len(frame), dtype=bool)
        for name in f.requires_any:
            if name in frame:
                also |= frame[name].to_numpy(dtype=bool)
        present = present & also
    return present


def _categorical_dtype() -> type:
    """pandas' CategoricalDtype (imported on first use)."""
    import pandas as pd

    return pd.CategoricalDtype


def findings_matrix(frame: pd.DataFrame) -> Any:
    """Boolean matrix (cases × findings, in :data:`FINDINGS` order) of a validated frame.

    Examples
    --------
    >>> from hipback.case import cases_to_frame
    >>> findings_matrix(cases_to_frame([Case(age=60, limp=True)])).shape[1] == len(FINDINGS)
    True
    """
    import numpy as np

    cols = [_finding_column(frame, f) for f in FINDINGS]
    return np.column_stack(cols) if cols else np.zeros((len(frame), 0), dtype=bool)


def classify_frame(frame: pd.DataFrame, pretest: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Classify every row of a DataFrame of cases, vectorised.

    Gives, row by row, what :func:`classify` gives for the same case. The frame
    is validated first: every bad cell is reported in one
    :class:`~hipback.HipbackInputError` and nothing partial is returned.
    Columns that are not case-record fields (``case_id``, ground truth) are
    ignored; missing optional columns take their defaults.

    Parameters
    ----------
    frame : pandas.DataFrame
        One case per row, columns named as the case record.
    pretest : mapping, optional
        As in :func:`classify`.

    Returns
    -------
    pandas.DataFrame
        Same index; columns ``label`` (categorical), ``p_hip``, ``p_spine``,
        ``points_hip``, ``points_spine``, ``red_flags`` (tuple of names, most
        urgent first) and ``urgent``.

    Examples
    --------
    >>> from hipback.case import cases_to_frame
    >>> out = classify_frame(cases_to_frame([Case(age=67, pain_groin=True), Case(age=40)]))
    >>> list(out["label"])
    ['hip', 'spine']
    """
    import numpy as np
    import pandas as pd

    from hipback.knowledge.red_flags import RED_FLAGS, URGENCY_ORDER
    from hipback.validation import validate_frame

    global _GROUPS
    if _GROUPS is None:
        _GROUPS = _build_groups()
    pre = _checked_pretest(pretest)
    frame = validate_frame(frame)
    n = len(frame)
    points_hip = np.zeros(n)
    points_spine = np.zeros(n)
    for group in _GROUPS:
        pattern = np.zeros(n, dtype=np.uint16)
        for j, f in enumerate(group.members):
            pattern |= _finding_column(frame, f).view(np.uint8).astype(np.uint16) << j
        points_hip += group.hip[pattern]
        points_spine += group.spine[pattern]

    def post(q: str, pts: Any) -> Any:
        return 1.0 / (1.0 + 10.0 ** (-(probability_to_log10_odds(pre[q]) + pts / 10.0)))

    p_hip, p_spine = post("hip", points_hip), post("spine", points_spine)
    cut = SOURCE_THRESHOLD - _TOLERANCE  # the same rule as label_from_probabilities
    both = (p_hip >= cut) & (p_spine >= cut)
    codes = np.where(both, 2, np.where(p_hip >= p_spine - _TOLERANCE, 0, 1)).astype(np.int8)

    # Red flags: pack each row's flags (most urgent first) into an integer, then map
    # every possible pattern to its tuple of names with one look-up.
    ordered = sorted(RED_FLAGS, key=lambda f: URGENCY_ORDER.index(f.urgency))
    bits = np.zeros(n, dtype=np.intp)
    for j, flag in enumerate(ordered):
        if flag.name in frame:
            bits |= frame[flag.name].to_numpy(dtype=bool).view(np.uint8).astype(np.intp) << j
    as_tuples = np.empty(2 ** len(ordered), dtype=object)
    for pattern in range(len(as_tuples)):
        as_tuples[pattern] = tuple(f.name for j, f in enumerate(ordered) if pattern >> j & 1)
    return pd.DataFrame(
        {
            "label": pd.Categorical.from_codes(codes, categories=list(LABELS)),
            "p_hip": p_hip,
            "p_spine": p_spine,
            "points_hip": points_hip,
            "points_spine": points_spine,
            "red_flags": as_tuples[bits],
            "urgent": bits != 0,
        },
        index=frame.index,
        copy=False,
    )
