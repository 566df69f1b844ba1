"""The catalogue of findings: the knowledge the reasoning model runs on (v2).

Each :class:`Finding` says how it is read from a case, where it comes from in
the source article, which of the article's five mechanisms it illustrates, and
its likelihood ratios (LR) for each of the two questions the kit asks:

* **hip** — is the hip joint a source of this pain?
* **spine** — is the lumbar spine a source of this pain?

Every LR carries its basis: *published* (the figure is in the paper),
*derived* (arithmetic from a published sensitivity and specificity), *teaching
estimate* (no published figure exists; the rationale says why the number was
chosen) or *neutral* (LR 1: the finding does not bear on that question).
Nothing else in the kit restates these numbers.

The rules the catalogue follows (audit of the v1 kit, and the v2 case record):

* **Present and absent.** A finding recorded ``True`` contributes its LR+
  (``hip`` / ``spine``); one recorded ``False`` (asked and absent) contributes
  its LR− (``hip_absent`` / ``spine_absent``) where one exists; ``None`` (not
  assessed) contributes nothing.
* **Each piece of evidence counts once.** A comparative figure (Khan 2004:
  hip OA vs lumbar stenosis, two separate groups) is one piece of evidence
  about hip *versus* spine. It enters the hip question only (groin pain is
  the hip's signature; the spine question has its own direct findings), and
  it is not read backwards on the spine question.
* **Another population.** An LR measured as hip OA vs *other hip pain*
  (Metcalfe 2019) is carried into a back-pain population where the findings
  are common (Prather 2017: reduced rotation in 75%). Such evidence is marked
  ``indirect`` and counted at :data:`INDIRECT_WEIGHT` of its points (half the
  log-LR: LR 3.14 counts as 1.77), and the caveat is shown with it.
  Every other published figure names its population in ``population``.
* **Sub-syndromes.** The spine question covers stenosis, nerve-root pain and
  mechanical back pain. A finding that marks one sub-syndrome (a straight-leg
  raise for disc herniation, flexion relief for stenosis) has no LR− on the
  spine question: its absence argues against that sub-syndrome, not against
  the spine. Its published LR− is shown in the note, not counted.
* **One construct counted once.** Findings that measure one construct share a
  ``construct``; per question, if any member is present the strongest present
  member counts, otherwise the strongest absent member (see
  :mod:`hipback.reasoning`).
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
) -> Evidence:
    """LR computed from a published sensitivity and specificity (LR+ or, if negative, LR−)."""
    lr = (1.0 - sens) / spec if negative else sens / (1.0 - spec)
    return Evidence(lr, "derived", source, note, sens, spec, indirect, population)


def _pub(
    lr: float, source: str, note: str, indirect: bool = False, population: str = ""
) -> Evidence:
    return Evidence(lr, "published", source, note, indirect=indirect, population=population)


def _te(lr: float, note: str) -> Evidence:
    return Evidence(lr, "teaching estimate", "teaching_estimate", note)


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

FINDINGS: tuple[Finding, ...] = (
    # --- Where it hurts -------------------------------------------------------------------
    Finding(
        "pain_groin",
        "Groin pain",
        "pain_groin",
        ("is", True),
        f"{_TABLE_HIP} (pain location); FAQ",
        None,
        "groin pain",
        _derived(
            0.843,
            0.703,
            "khan2004",
            "Hip OA vs lumbar stenosis: sensitivity 84.3%, specificity 70.3%",
            population=_KHAN_POP,
        ),
        _neutral("khan2004", _NOT_SPINE),
        hip_absent=_derived(
            0.843,
            0.703,
            "khan2004",
            "Hip OA vs lumbar stenosis: 1 - sensitivity over specificity",
            negative=True,
            population=_KHAN_POP,
        ),
        caveat="Khan 2004 compares hip OA with stenosis: one piece of evidence, counted on the "
        "hip question only (it is not read backwards on the spine question).",
    ),
    Finding(
        "pain_buttock",
        "Buttock pain",
        "pain_buttock",
        ("is", True),
        "Comparison table, both columns (pain location)",
        "referred_pain",
        "buttock pain",
        _neutral(
            "lesher2008",
            "Buttock is the commonest hip referral site (71%) yet is common "
            "in spinal pain too, so it does not separate the two",
        ),
        _neutral("lesher2008", "Appears in both columns of the article's table"),
        caveat="Buttock pain fits both; one-sided buttock pain does not discriminate "
        "(Lesher 2008). Bilateral buttock or leg pain favours stenosis (Suri 2010).",
    ),
    Finding(
        "pain_anterior_thigh",
        "Pain in the front of the thigh",
        "pain_anterior_thigh",
        ("is", True),
        f"{_TABLE_HIP} (pain location)",
        "shared_nerves",
        "thigh pain",
        _te(
            1.5,
            "The article places front-of-thigh pain with the hip and 27% of hip-injection "
            "responders report it (Lesher 2008); no LR has been published",
        ),
        _neutral("lesher2008", "Thigh pain also follows upper lumbar roots; no published LR"),
    ),
    Finding(
        "pain_lateral_hip",
        "Pain over the side of the hip",
        "pain_lateral_hip",
        ("is", True),
        "Hip OA symptoms (pain location)",
        None,
        "lateral hip pain",
        _te(
            1.3,
            "77% of primary-care hip OA had pain at the greater trochanter (Poulsen 2016), but "
            "trochanteric pain syndrome and lumbar referral cause it too; no LR published",
        ),
        _neutral("poulsen2016", "No spine figure published"),
    ),
    Finding(
        "pain_knee",
        "Knee pain",
        "pain_knee",
        ("is", True),
        "Hip OA symptoms (pain location)",
        "referred_pain",
        "knee pain",
        _neutral("poulsen2016", "17% of primary-care hip OA report knee pain (Poulsen 2016)"),
        _neutral("poulsen2016", "Upper lumbar roots also refer to the knee; no LR published"),
        caveat="Hip OA can be felt in the knee (Poulsen 2016: 17%); examine the hip when the "
        "knee hurts.",
    ),
    Finding(
        "pain_lower_back",
        "Low back pain",
        "pain_lower_back",
        ("is", True),
        f"{_TABLE_SPINE} (pain location); mechanisms 1-2",
        "compensation",
        "back pain",
        _neutral(
            "parvizi2010",
            "Half of people awaiting hip replacement report back pain "
            "(49.4%), so back pain does not argue against the hip",
        ),
        _te(
            1.5,
            "Back pain points to the spine more often than not, but is common with hip OA "
            "(Parvizi 2010); a modest weight",
        ),
        spine_absent=_te(
            0.5,
            "Most spine-driven presentations include back pain; leg-dominant nerve-root pain "
            "can come without it, so its absence halves the odds rather than excluding the spine",
        ),
        absent_label="no low back pain",
    ),
    Finding(
        "pain_posterior_thigh",
        "Pain in the back of the thigh",
        "pain_posterior_thigh",
        ("is", True),
        f"{_TABLE_SPINE} (pain location: leg)",
        "shared_nerves",
        "sciatic-distribution leg pain",
        _neutral(
            "lesher2008",
            "24% of hip-injection responders had posterior thigh pain (Lesher 2008); no patient "
            "with hip OA had it alone (Poulsen 2016)",
        ),
        _te(
            1.3,
            "The back of the thigh is sciatic (L5-S1) territory; hip pain reaches it less often; "
            "no LR published",
        ),
    ),
    Finding(
        "pain_below_knee",
        "Pain below the knee",
        "pain_below_knee",
        ("is", True),
        f"{_TABLE_SPINE} (pain location: leg)",
        "shared_nerves",
        "sciatic-distribution leg pain",
        _neutral(
            "lesher2008",
            "22% of hip-injection responders (Lesher 2008) and 15% of primary-care hip OA "
            "(Poulsen 2016) had pain below the knee, so it does not exclude the hip",
        ),
        _te(
            1.5,
            "Pain below the knee was the feature most linked with spine disorders that "
            "persisted after hip replacement (Parvizi 2010); no LR published",
        ),
        spine_absent=_te(0.8, "Stenosis and nerve-root pain usually reach below the knee"),
        caveat="Hip pain can pass the knee: 22% in Lesher 2008, 15% in Poulsen 2016, 47% in "
        "Khan 2004's surgical waiting list (where some had spine disease too).",
    ),
    Finding(
        "bilateral_leg_symptoms",
        "Buttock or leg symptoms on both sides",
        "bilateral_leg_symptoms",
        ("is", True),
        "Suri 2010 (not in the article's table)",
        None,
        "stenosis pattern",
        _neutral("suri2010", "Hip OA can be bilateral; no hip figure published"),
        _pub(
            6.3,
            "suri2010",
            "Bilateral buttock or leg pain: LR 6.3 (95% CI 3.1-13) for lumbar stenosis. One "
            "construct with flexion and sitting relief: 'sitting eases symptoms in both legs' "
            "is only read when this finding is present, so counting both would count the "
            "two-legged picture twice (Suri 2010's LRs are for single items, not combined)",
            population=_SURI_POP,
        ),
    ),
    Finding(
        "leg_pain_worse_than_back",
        "Leg pain worse than back pain",
        "leg_pain_worse_than_back",
        ("is", True),
        "NICE NG59 (sciatica)",
        "shared_nerves",
        "leg-dominant pain",
        _neutral("nice_ng59", "Hip pain is felt in the leg too, so it does not argue either way"),
        _neutral(
            "nice_ng59",
            "Leg-dominant pain separates sciatica from back pain (NICE NG59), not the spine from "
            "the hip: a painful hip is felt in the leg too, so it is not scored",
        ),
    ),
    # --- What makes it worse -------------------------------------------------------------
    Finding(
        "worse_walking",
        "Worse when walking",
        "worse_walking",
        ("is", True),
        f"{_TABLE_HIP} (aggravated by)",
        "compensation",
        "pain on weight-bearing",
        _te(1.3, "Walking pain is usual in hip OA but common in spinal pain too; no LR+ published"),
        _neutral(
            "suri2010",
            "Walking also provokes neurogenic claudication (Suri 2010), so "
            "it is not counted for or against the spine",
        ),
        hip_absent=_te(
            0.6,
            "No pain on walking lowers the odds of hip OA (Metcalfe 2019: LR 0.25-0.58, hip OA "
            "vs other hip pain); the kit uses 0.6, the weak end, as a teaching estimate",
        ),
    ),
    Finding(
        "worse_stairs",
        "Worse on stairs",
        "worse_stairs",
        ("is", True),
        f"{_TABLE_HIP} (aggravated by)",
        "compensation",
        "pain on weight-bearing",
        _pub(
            2.1,
            "metcalfe2019",
            "Pain on stairs or slopes: LR 2.1 for hip OA on X-ray",
            indirect=True,
            population=_METCALFE_POP,
        ),
        _neutral("metcalfe2019", "No spine figure published"),
    ),
    Finding(
        "worse_sit_to_stand",
        "Worse getting up from a chair",
        "worse_sit_to_stand",
        ("is", True),
        f"{_TABLE_HIP} (aggravated by)",
        "compensation",
        "pain on weight-bearing",
        _te(1.5, "The article's table lists it for the hip; no LR found"),
        _neutral("teaching_estimate", "No spine figure published"),
    ),
    Finding(
        "worse_bending",
        "Worse when bending",
        "worse_bending",
        ("is", True),
        f"{_TABLE_SPINE} (aggravated by)",
        None,
        "pain on spinal movement",
        _neutral("teaching_estimate", "No hip figure published"),
        _te(1.5, "The article's table lists bending for the spine; no LR published"),
        spine_absent=_te(0.8, "Spinal pain is usually provoked by some spinal movement"),
        caveat="In lumbar stenosis bending forward often eases the leg symptoms (Suri 2010, "
        "LR 6.4), so pain on bending fits other spinal sources better.",
    ),
    Finding(
        "worse_twisting",
        "Worse when twisting",
        "worse_twisting",
        ("is", True),
        f"{_TABLE_SPINE} (aggravated by)",
        None,
        "pain on spinal movement",
        _neutral("teaching_estimate", "No hip figure published"),
        _te(1.3, "The article's table lists twisting for the spine; no LR published"),
    ),
    Finding(
        "worse_lumbar_extension",
        "Worse when arching the back",
        "worse_lumbar_extension",
        ("is", True),
        "Clinical reasoning cue (not in the article's table)",
        None,
        "pain on spinal movement",
        _neutral("teaching_estimate", "No hip figure published"),
        _te(
            1.5,
            "Extension provokes facet and stenotic pain; no published LR as a standalone item "
            "(a clinical-reasoning cue)",
        ),
        spine_absent=_te(0.8, "Spinal pain is usually provoked by some spinal movement"),
    ),
    Finding(
        "worse_standing",
        "Worse when standing still",
        "worse_standing",
        ("is", True),
        "Suri 2010 (neurogenic claudication)",
        None,
        "neurogenic claudication",
        _neutral("suri2010", "Standing loads the hip little; no hip figure published"),
        _te(
            1.5,
            "Standing extends the lumbar spine and provokes neurogenic claudication (Suri 2010 "
            "gives 3.7 for the whole claudication history, not for standing alone)",
        ),
    ),
    Finding(
        "eased_by_bending_forward",
        "Leg symptoms ease on bending forward",
        "eased_by_bending_forward",
        ("is", True),
        "Suri 2010 (neurogenic claudication pattern)",
        "shared_nerves",
        "stenosis pattern",
        _neutral("suri2010", "Not a hip pattern"),
        _pub(
            6.4,
            "suri2010",
            "Symptoms improve on bending forward: LR 6.4 (95% CI 4.1-9.9) for lumbar stenosis"
            + _SUB,
            population=_SURI_POP,
        ),
        absent_label="leg symptoms not eased by bending forward",
    ),
    Finding(
        "worse_prolonged_sitting",
        "Worse after sitting for a long time",
        "worse_prolonged_sitting",
        ("is", True),
        f"{_TABLE_SPINE} (aggravated by)",
        None,
        "effect of sitting",
        _neutral("article", "Stiffness after sitting is also a hip OA symptom (article)"),
        _te(1.5, "The article's table lists prolonged sitting for the spine; no LR published"),
    ),
    # --- Effect of sitting ----------------------------------------------------------------
    Finding(
        "sitting_eases",
        "Sitting eases the pain",
        "sitting_effect",
        ("in", ("eases",)),
        f"{_TABLE_HIP} (relief position)",
        None,
        "effect of sitting",
        _te(
            1.5,
            "Pain not eased by sitting lowers the odds of hip OA (Metcalfe 2019, LR 0.24); "
            "the LR for relief itself is not published",
        ),
        _neutral("suri2010", "Scored for the spine only as relief of leg symptoms (next finding)"),
        caveat="The article says sitting eases hip pain; sitting also eases lumbar stenosis, "
        "and then the relief is of leg symptoms (Suri 2010, LR 7.4).",
        requires_none=_LEG,
    ),
    Finding(
        "sitting_eases_leg_symptoms",
        "Sitting eases symptoms in both legs",
        "sitting_effect",
        ("in", ("eases",)),
        f"{_TABLE_HIP} (relief position), qualified by the evidence",
        "shared_nerves",
        "stenosis pattern",
        _neutral(
            "suri2010",
            "Relief of leg symptoms when seated is the stenosis pattern, so it adds nothing "
            "to the hip (audit: no hip points inside the stenosis pattern)",
        ),
        _pub(
            7.4,
            "suri2010",
            "No pain when seated: LR 7.4 (95% CI 1.9-30) for lumbar stenosis",
            population=_SURI_POP,
        ),
        caveat="Leg symptoms that settle when sitting are the classic pattern of lumbar "
        "stenosis (Suri 2010), the opposite of what the article's table suggests.",
        requires_any=_LEG,
    ),
    Finding(
        "sitting_not_eased",
        "Sitting does not ease the pain",
        "sitting_effect",
        ("in", ("worsens", "no_change")),
        f"{_TABLE_HIP} (relief position)",
        None,
        "effect of sitting",
        _pub(
            0.24,
            "metcalfe2019",
            "Pain not improved by sitting: LR 0.24 for hip OA on X-ray",
            indirect=True,
            population=_METCALFE_POP,
        ),
        _neutral("teaching_estimate", "Scored for the spine only when sitting worsens the pain"),
    ),
    Finding(
        "sitting_worsens",
        "Sitting makes the pain worse",
        "sitting_effect",
        ("in", ("worsens",)),
        f"{_TABLE_SPINE} (relief position)",
        None,
        "effect of sitting",
        _neutral("metcalfe2019", "Counted for the hip as 'not eased by sitting'"),
        _te(
            1.5,
            "The article's table says spinal pain is often worse sitting; no LR published",
        ),
    ),
    # --- Movement and function ---------------------------------------------------------------
    Finding(
        "hip_rotation_limited",
        "Limited hip internal rotation",
        "hip_rotation_limited",
        ("is", True),
        f"{_TABLE_HIP} (range of motion); FAQ",
        "compensation",
        "hip range of motion",
        _derived(
            0.66,
            0.79,
            "metcalfe2019",
            "Decreased passive internal rotation: sensitivity 0.66, specificity 0.79",
            indirect=True,
            population=_METCALFE_POP,
        ),
        _neutral(
            "prather2017",
            "75% of people presenting with back pain (one clinic) had reduced hip "
            "rotation, so it does not argue against the spine",
        ),
        hip_absent=_derived(
            0.66,
            0.79,
            "metcalfe2019",
            "Normal passive internal rotation: 1 - sensitivity over specificity",
            negative=True,
            indirect=True,
            population=_METCALFE_POP,
        ),
        caveat="Metcalfe 2019 measured rotation in hip pain, not back pain, where reduced "
        "rotation is common (Prather 2017): counted at half weight. Brown 2004's '14 times' is "
        "an odds-type figure seen only in a secondary source and is not used.",
        absent_label="normal hip internal rotation",
    ),
    Finding(
        "hip_pain_on_passive_movement",
        "Pain on passive hip movement",
        "hip_pain_on_passive_movement",
        ("is", True),
        "Hip OA examination (Sutlive 2008 scour item; ACR 1991 pain on rotation)",
        None,
        "hip provocation",
        _pub(
            5.7,
            "metcalfe2019",
            "Groin pain on passive abduction or adduction: LR 5.7 (95% CI 1.6-20) for hip OA",
            indirect=True,
            population=_METCALFE_POP,
        ),
        _neutral(
            "prather2017",
            "Provocative hip tests are often positive in back pain (Prather 2017), so not "
            "counted against the spine",
        ),
        hip_absent=_te(
            0.5,
            "A hip that is painless to move passively is less likely to hurt; screening tests "
            "such as FADIR have LR- 0.09-0.83 for intra-articular pathology (Reiman 2015 via the "
            "hip-pain consensus table), so a middle value is a teaching estimate",
        ),
        absent_label="passive hip movement painless",
    ),
    Finding(
        "difficulty_crossing_legs",
        "Difficulty crossing the legs",
        "difficulty_crossing_legs",
        ("is", True),
        f"{_TABLE_HIP} (range of motion); hip OA symptoms",
        "compensation",
        "hip range of motion",
        _te(1.5, "A functional sign of lost hip rotation named in the article; no LR published"),
        _neutral("teaching_estimate", "No spine figure published"),
    ),
    Finding(
        "difficulty_shoes_socks",
        "Difficulty putting on shoes and socks",
        "difficulty_shoes_socks",
        ("is", True),
        "Hip OA symptoms; FAQ",
        "compensation",
        "hip-dependent function",
        _te(2.0, "The article's FAQ singles it out as a hip clue; no LR published"),
        _neutral("teaching_estimate", "No spine figure published"),
        hip_absent=_te(0.8, "Deep hip flexion is among the first functions a stiff hip loses"),
    ),
    Finding(
        "difficulty_car_transfer",
        "Difficulty getting in or out of a car",
        "difficulty_car_transfer",
        ("is", True),
        "Hip OA symptoms",
        "compensation",
        "hip-dependent function",
        _te(1.5, "Needs deep hip flexion and rotation; named in the article; no LR published"),
        _neutral("teaching_estimate", "No spine figure published"),
    ),
    Finding(
        "spine_stiffness_bending",
        "Back stiff when bending or arching",
        "spine_stiffness_bending",
        ("is", True),
        f"{_TABLE_SPINE} (range of motion)",
        None,
        "lumbar range of motion",
        _neutral("teaching_estimate", "No hip figure published"),
        _te(1.5, "The article's table lists spinal stiffness for the spine; no LR published"),
        spine_absent=_te(
            0.8, "A freely moving lumbar spine makes a spinal source a little less likely"
        ),
    ),
    Finding(
        "morning_stiffness_brief",
        "Morning stiffness of 30 minutes or less",
        "morning_stiffness_minutes",
        ("between", 1, 30),
        "Hip OA symptoms (stiffness)",
        None,
        "morning stiffness",
        _te(
            1.3,
            "Stiffness of 30 minutes or less is one of NICE NG226's three criteria for a clinical "
            "diagnosis of OA (with age 45 or over and activity-related joint pain); no LR",
        ),
        _neutral("nice_ng226", "No spine figure published"),
    ),
    Finding(
        "morning_stiffness_prolonged",
        "Morning stiffness of more than 30 minutes",
        "morning_stiffness_minutes",
        ("between", 31, 1440),
        "Hip OA symptoms (stiffness)",
        None,
        "morning stiffness",
        _te(
            0.8,
            "Longer stiffness is atypical for OA (NICE NG226 1.1.2) and suggests an "
            "inflammatory cause",
        ),
        _neutral("nice_ng65", "Inflammatory back pain is screened separately (NICE NG65)"),
        caveat="Stiffness beyond 30 minutes is an atypical feature: do not assume OA "
        "(NICE NG226 1.1.2); think of inflammatory arthritis or spondyloarthritis.",
    ),
    Finding(
        "clicking_catching",
        "Clicking or catching in the hip",
        "clicking_catching",
        ("is", True),
        "Hip OA symptoms",
        None,
        "mechanical hip symptoms",
        _te(
            1.3,
            "Mechanical symptoms point to the joint itself (more often labral or impingement "
            "than OA); no LR published",
        ),
        _neutral("teaching_estimate", "No spine figure published"),
    ),
    Finding(
        "limp",
        "Limp",
        "limp",
        ("is", True),
        "Mechanism 1 (altered movement)",
        "compensation",
        "gait",
        _te(
            1.5,
            "Often reported with hip pathology; Brown 2004's 'about 7 times' was never seen in "
            "the paper (unverified), so it is not used; a modest weight",
        ),
        _neutral("suri2010", "Gait changes also occur in stenosis"),
    ),
    # --- History ---------------------------------------------------------------------------
    Finding(
        "prior_hip_replacement",
        "Hip replaced on the painful side",
        "prior_hip_replacement",
        ("is", True),
        "Source article, pillar 6 (hip replacement)",
        None,
        "previous hip surgery",
        _te(
            0.5,
            "A replaced hip is a less likely source (loosening and infection still happen); "
            "back pain that persists or starts after replacement often has a spinal cause "
            "(Parvizi 2010)",
        ),
        _neutral("parvizi2010", "Counted on the hip question"),
    ),
    Finding(
        "prior_spine_surgery",
        "Previous lumbar spine surgery",
        "prior_spine_surgery",
        ("is", True),
        "Imaging criteria (ACR Appropriateness Criteria, prior surgery)",
        None,
        "previous spine surgery",
        _neutral("devin2012", "A hip source can be missed after spine surgery (Devin 2012)"),
        _te(1.3, "Recurrent or adjacent-level spinal pain is common after surgery; no LR"),
    ),
    # --- Nerve signs ---------------------------------------------------------------------------
    Finding(
        "numbness_tingling",
        "Numbness or tingling in the leg (reported)",
        "numbness_tingling",
        ("is", True),
        "Mechanism 3; FAQ (mimics sciatica)",
        "shared_nerves",
        "radicular symptoms",
        _neutral("tawa2017", "Hip OA can mimic sciatica (article) but rarely numbs the leg"),
        _te(
            1.5,
            "Reported paraesthesia suggests nerve involvement; Tawa 2017's figure is for the "
            "examination sign (dermatomal sensory loss), not the symptom",
        ),
        spine_absent=_te(0.8, "Nerve-root and stenotic pain usually bring some paraesthesia"),
        absent_label="no numbness or tingling",
    ),
    Finding(
        "positive_slr",
        "Straight-leg raise reproduces leg pain",
        "positive_slr",
        ("is", True),
        "Mechanism 3 (mimics sciatica)",
        "shared_nerves",
        "neural tension",
        _neutral("deville2000", "Not a test of the hip joint"),
        _derived(
            0.90,
            0.23,
            "deville2000",
            "Straight-leg raise, sensitivity 0.90, specificity 0.23 (LR- 0.43" + _SUB + ")",
            population=_DEVILLE_POP,
        ),
        absent_label="straight-leg raise negative",
    ),
    Finding(
        "positive_femoral_nerve_stretch",
        "Femoral nerve stretch reproduces thigh pain",
        "positive_femoral_nerve_stretch",
        ("is", True),
        "Upper lumbar roots (L2-L4) mimic hip pain in the thigh",
        "shared_nerves",
        "neural tension",
        _neutral("teaching_estimate", "Hip extension in the test can hurt an arthritic hip"),
        _te(2.0, "Tensions the upper lumbar roots; no published LR (a clinical-reasoning cue)"),
        absent_label="femoral nerve stretch negative",
    ),
    Finding(
        "dermatomal_sensory_loss",
        "Dermatomal sensory loss on examination",
        "dermatomal_sensory_loss",
        ("is", True),
        "Mechanism 3 (shared nerve pathways)",
        "shared_nerves",
        "neurological deficit",
        _neutral("tawa2017", "Hip OA does not cause dermatomal sensory loss"),
        _derived(
            0.61,
            0.63,
            "tawa2017",
            "Dermatomal sensory deficit: sensitivity 0.61, specificity 0.63 (LR- 0.62" + _SUB + ")",
            population=_TAWA_POP,
        ),
        absent_label="sensation normal",
    ),
    Finding(
        "reflex_change",
        "Reduced reflex on examination",
        "reflex_change",
        ("is", True),
        "Mechanism 3 (shared nerve pathways)",
        "shared_nerves",
        "neurological deficit",
        _neutral("tawa2017", "Not a hip sign"),
        _te(
            2.0,
            "Reflex change is specific (0.60-0.93, Tawa 2017) but sensitivity was not pooled; "
            "no single neurological test reaches LR 4 (Iversen 2013)",
        ),
        absent_label="reflexes normal",
    ),
    Finding(
        "myotomal_weakness",
        "Myotomal weakness on examination",
        "myotomal_weakness",
        ("is", True),
        "Mechanism 3 (shared nerve pathways)",
        "shared_nerves",
        "neurological deficit",
        _neutral("tawa2017", "A painful hip weakens muscles too, but not in a myotome"),
        _te(
            2.0,
            "Motor weakness sensitivity 0.13-0.61 (Tawa 2017); no single neurological test "
            "reaches LR 4 (Iversen 2013)",
        ),
        absent_label="power normal",
    ),
)

FINDING_BY_NAME: dict[str, Finding] = {f.name: f for f in FINDINGS}

#: Constructs in first-appearance order; each is counted once per question.
CONSTRUCTS: tuple[str, ...] = tuple(dict.fromkeys(f.construct for f in FINDINGS))


@dataclass(frozen=True, slots=True)
class Pretest:
    """A pre-test probability with its source."""

    probability: float
    basis: str
    source: str
    note: str

    @property
    def citation(self) -> str:
        """Short citation, or 'teaching estimate'."""
        if self.basis == "teaching estimate":
            return "teaching estimate"
        return REFERENCES[self.source].short


#: Default pre-test probabilities; learners may pass others to ``classify``.
PRETEST: dict[str, Pretest] = {
    "hip": Pretest(
        0.40,
        "teaching estimate",
        "teaching_estimate",
        "No study reports how often the hip is a pain source among adults whose back, buttock "
        "or leg pain raises the hip-or-spine question. Anchors: 34% of primary-care hip or "
        "groin pain has radiographic OA (Metcalfe 2019), but only 15.6% of painful hips in "
        "Framingham had it (Kim 2015), and half of people awaiting hip replacement have back "
        "pain (Parvizi 2010). Change it to see how much the starting point matters.",
    ),
    "spine": Pretest(
        0.25,
        "teaching estimate",
        "teaching_estimate",
        "No study reports how often the lumbar spine is a pain source when the hip is also "
        "suspected. Anchors: among people having hip replacement, 18% were also seen by a "
        "spine specialist (Prather 2012) and back pain persisted after surgery in a third of "
        "the half who had it, about 17% (Parvizi 2010); set a little higher because the kit's "
        "population also includes people who present with back pain. Change it to see how "
        "much the starting point matters.",
    ),
}

#: Published figures the kit shows but does not score, and why.
NOT_SCORED: tuple[tuple[str, str, str], ...] = (
    (
        "Age under 60",
        "Hip OA on X-ray: LR 0.11 (Metcalfe 2019); lumbar stenosis: LR 0.40, "
        "age over 70 LR 2.0 (Suri 2010)",
        "Both compare one diagnosis with other causes of pain in the same region, not hip with "
        "spine; in younger people other hip and spine sources (impingement, disc) still count.",
    ),
    (
        "Sutlive 2008 rule (4 of 5 items)",
        "LR 24.3 for hip OA in unilateral hip pain",
        "Only two of its items are in the case record (painful passive movement, rotation); "
        "it was derived in 72 people against other hip pain, and the 5-of-5 LR (7.3) being "
        "lower than 4-of-5 shows how unstable small derivation samples are.",
    ),
    (
        "Brown 2004: limited rotation, limp, groin pain",
        "About 14 times (rotation, seen only in a secondary source); the limp and groin "
        "figures (about 7 times) were never seen at all",
        "Unverified: the paper itself was not found; the 14 times is an odds-type figure, not "
        "a likelihood ratio.",
    ),
)
