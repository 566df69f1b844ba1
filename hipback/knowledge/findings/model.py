"""The records of the findings catalogue: :class:`Evidence` (one LR with its basis) and
:class:`Finding`, with the helpers the catalogue modules build entries with.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from hipback.knowledge.references import REFERENCES

#: The article's five mechanisms linking hip osteoarthritis and back pain.
MECHANISMS: dict[str, str] = {
    "compensation": "Altered movement and compensation: a stiff hip makes the lower back and "
    "pelvis do extra work.",
    "pelvic_imbalance": "Pelvic imbalance: a stiff hip tilts or twists the pelvis, changing how "
    "the lumbar spine is loaded.",
    "shared_nerves": "Shared nerve pathways: hip and lower back are supplied from the lumbar "
    "plexus, so irritation can spread pain and mimic sciatica.",
    "weak_core_glutes": "Weak core and glutes: moving less weakens the muscles that steady the "
    "pelvis and spine.",
    "referred_pain": "Inflammation and referred pain: an inflamed hip can be felt somewhere "
    "else, such as the buttock, thigh or knee (Lesher 2008 found no referral to the lower back; "
    "back pain with a painful hip comes from compensation, not referral).",
}

#: Bases an LR can have.
BASES = ("published", "derived", "teaching estimate", "neutral")

#: Share of its points an ``indirect`` LR counts for (an LR measured in another population,
#: e.g. hip OA vs other hip pain, applied to people with back or leg pain). Stated once here.
INDIRECT_WEIGHT: float = 0.5


@dataclass(frozen=True, slots=True)
class Evidence:
    """One likelihood ratio with its basis.

    Attributes
    ----------
    lr : float
        The likelihood ratio as published, derived or estimated (1.0 = no effect).
    basis : str
        One of :data:`BASES`.
    source : str
        Key into :data:`hipback.knowledge.references.REFERENCES`.
    note : str
        What the figure measures (population, comparison) or, for a teaching
        estimate, the one-line rationale.
    sensitivity, specificity : float or None
        The published figures a *derived* LR was computed from.
    indirect : bool
        Measured in another population (see :data:`INDIRECT_WEIGHT`).
    population : str
        Who the figure was measured in, shown with it ("" for teaching estimates).
    """

    lr: float
    basis: str
    source: str
    note: str
    sensitivity: float | None = None
    specificity: float | None = None
    indirect: bool = False
    population: str = ""

    @property
    def weight(self) -> float:
        """Share of the points counted (1, or :data:`INDIRECT_WEIGHT`)."""
        return INDIRECT_WEIGHT if self.indirect else 1.0

    @property
    def points(self) -> float:
        """Evidence counted, in points: 10·log10(LR) times :attr:`weight`."""
        return 10.0 * math.log10(self.lr) * self.weight

    @property
    def citation(self) -> str:
        """Short citation, or 'teaching estimate'."""
        if self.basis == "teaching estimate":
            return "teaching estimate"
        return REFERENCES[self.source].short


@dataclass(frozen=True, slots=True)
class Finding:
    """One clinical finding the reasoning model can use.

    Attributes
    ----------
    name : str
        Identifier (the case field for yes/no findings).
    label : str
        Plain-language label (present).
    field : str
        The case-record field it is read from.
    test : tuple
        How it is read: ``("is", True)`` (a yes/no finding: ``False`` is
        absent), ``("in", values)`` or ``("between", low, high)`` (inclusive).
    article : str
        Where the article mentions it (table row, section or FAQ).
    mechanism : str or None
        Key into :data:`MECHANISMS` where one applies.
    construct : str
        What it measures; findings sharing a construct are counted once.
    hip, spine : Evidence
        LR+ for each question (applied when the finding is present).
    hip_absent, spine_absent : Evidence or None
        LR− for each question (applied when the finding is recorded absent);
        None where no LR− is used.
    caveat : str
        Where the evidence qualifies the article, said plainly ("" if none).
    requires_any, requires_none : tuple of str
        Yes/no fields of which at least one must be / none may be present
        (a finding that is a pattern, e.g. sitting relief *of leg symptoms*).
    absent_label : str
        How an absent finding is said ("no groin pain"); derived when empty.
    """

    name: str
    label: str
    field: str
    test: tuple[Any, ...]
    article: str
    mechanism: str | None
    construct: str
    hip: Evidence
    spine: Evidence
    hip_absent: Evidence | None = None
    spine_absent: Evidence | None = None
    caveat: str = ""
    requires_any: tuple[str, ...] = ()
    requires_none: tuple[str, ...] = ()
    absent_label: str = ""

    def state(self, case: Any) -> bool | None:
        """True present, False recorded absent, None not assessed (or not applicable)."""
        value = getattr(case, self.field)
        if value is None:
            return None
        op = self.test[0]
        if op == "is":
            hit = value is True
            if not hit:
                return False
        elif op == "in":
            hit = value in self.test[1]
        else:
            hit = self.test[1] <= value <= self.test[2]
        if not hit:
            return None  # another value of a choice or number: scored by its own finding
        if self.requires_any and not any(getattr(case, r) is True for r in self.requires_any):
            return None
        if self.requires_none and any(getattr(case, r) is True for r in self.requires_none):
            return None
        return True

    def present(self, case: Any) -> bool:
        """Whether this finding is present in a case."""
        return self.state(case) is True

    def evidence(self, question: str, present: bool) -> Evidence | None:
        """The evidence counted for one question when present (LR+) or absent (LR−)."""
        if present:
            return getattr(self, question)
        return getattr(self, f"{question}_absent")

    @property
    def said_absent(self) -> str:
        """The absent finding in words ("no groin pain")."""
        return self.absent_label or f"no {self.label[0].lower()}{self.label[1:]}"

    @property
    def favours(self) -> str:
        """'hip', 'spine' or 'neither': the side whose probability this finding raises."""
        net = self.hip.points - self.spine.points
        if abs(net) < 1e-9:
            return "neither"
        return "hip" if net > 0 else "spine"


def _neutral(source: str, note: str) -> Evidence:
    return Evidence(1.0, "neutral", source, note)


def _derived(
    sens: float,
    spec: float,
    source: str,
    note: str,
    negative: bool = False,
    indirect: bool = False,
    population: str = "",
    basis: str = "derived",
) -> Evidence:
    """LR computed from a sensitivity and specificity (LR+ or, if negative, LR−): published
    ones ("derived"), or a pair with an estimated member (``basis="teaching estimate"``)."""
    lr = (1.0 - sens) / spec if negative else sens / (1.0 - spec)
    return Evidence(lr, basis, source, note, sens, spec, indirect, population)


def _pub(
    lr: float, source: str, note: str, indirect: bool = False, population: str = ""
) -> Evidence:
    return Evidence(lr, "published", source, note, indirect=indirect, population=population)


def _te(lr: float, note: str) -> Evidence:
    return Evidence(lr, "teaching estimate", "teaching_estimate", note)


def implied_lr_minus(sensitivity: float, lr_plus: float) -> float:
    """The LR- that a published sensitivity and an LR+ imply together.

    LR+ = sens / (1 - spec) fixes the specificity, spec = 1 - sens / LR+, and then
    LR- = (1 - sens) / spec. A finding with LR+ above 1 that most people with the condition
    have cannot be neutral when absent: leaving its LR- out would say its sensitivity is
    near zero, against the published figure.

    Examples
    --------
    Poulsen 2016 (pain at the greater trochanter in 77% of hip OA) with LR+ 1.3:

    >>> round(implied_lr_minus(0.77, 1.3), 2)
    0.56
    """
    specificity = 1.0 - sensitivity / lr_plus
    if not 0.0 < specificity < 1.0:
        raise ValueError("sensitivity and LR+ do not give a specificity between 0 and 1")
    return (1.0 - sensitivity) / specificity


def _implied_absent(
    sensitivity: float,
    lr_plus: float,
    source: str,
    what: str,
    why: str = "a teaching estimate because the LR+ is one",
    indirect: bool = False,
) -> Evidence:
    """A teaching-estimate LR- implied by a published sensitivity and an LR+."""
    lr = implied_lr_minus(sensitivity, lr_plus)
    specificity = 1.0 - sensitivity / lr_plus
    note = (
        f"Implied by {what} (sensitivity {sensitivity:.0%}, {REFERENCES[source].short}) with "
        f"the LR+ {lr_plus}: specificity {specificity:.2f}, LR- (1 - sensitivity) / "
        f"specificity; {why}"
    )
    return Evidence(
        lr, "teaching estimate", "teaching_estimate", note, sensitivity, specificity, indirect
    )


_TABLE_HIP = "Comparison table, hip column"
_TABLE_SPINE = "Comparison table, spine column"
_KHAN_POP = "60 people awaiting hip replacement vs 60 awaiting decompression for stenosis"
_METCALFE_POP = "Hip OA on X-ray vs other causes of hip pain (not vs the spine)"
_SURI_POP = "Lumbar stenosis syndrome vs other causes of leg pain in older adults"
_TAWA_POP = "Radiculopathy on MRI among people with suspected radiculopathy"
_DEVILLE_POP = "Disc herniation at surgery among people operated for sciatica"
_NOT_SPINE = "Counted on the hip question only (one piece of evidence, counted once)"
_SUB = (
    "; its absence argues against this spine syndrome only, so no LR- is counted on the "
    "spine question"
)
#: What makes sitting relief the stenosis pattern: symptoms in both legs (Suri 2010). Pain
#: location alone (below the knee, back of the thigh) is not enough, nor is one-sided tingling:
#: hip pain reaches there too, hip OA can mimic sciatica (article), and hip pain is also eased
#: by sitting (pain *not* eased by sitting argues against hip OA, Metcalfe 2019). The record's
#: ``sitting_effect`` describes "the pain", so only a two-legged picture makes it the leg
#: symptoms that settle.
_LEG = ("bilateral_leg_symptoms",)
