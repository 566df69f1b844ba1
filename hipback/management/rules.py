"""Management: what to do for this patient, with the guideline position behind every item.

The knowledge
-------------
:data:`MANAGEMENT_ITEMS` is the one catalogue of management items. Each
:class:`ManagementItem` has a stable ``id`` (learners tick these), a plain
title, the ``pillar`` it belongs to (the source article's six management pillars,
plus spine essentials, assessment, imaging, referral, red flags and a few other
treatments learners may be tempted by), what to do in the kit's own words, and a
:class:`Position` for each guideline that speaks to it (NICE NG226 or NG59,
ACR/AF 2019, OARSI 2019, ACR Appropriateness Criteria; for assessment and
red-flag items the review or pathway that advises it). A position says whether
that source supports the item *as stated* ("for"/"against"/"no recommendation",
or "not verified" where the clinical reference could not confirm it), how
strongly, and cites its reference key. Where the article goes beyond the
guidelines (PRP, stem cells, turmeric, omega-3, hydration, supportive footwear,
routine X-ray or MRI "to confirm") ``beyond_guidelines`` says so plainly.
:func:`derive_status` turns the positions into one status, in one place.

How the plan is tailored (:func:`recommend`)
--------------------------------------------
1. **Red flags first.** Any red flag (:mod:`hipback.knowledge.red_flags`) gives a plan of
   the referral each flag requires, most urgent first, plus safety-netting, and
   nothing else: exercise and advice wait for medical clearance.
2. **The label picks the blocks.** ``hip`` gets the article's pillars as
   guidelines support them; ``spine`` gets the NICE NG59 essentials; ``combined``
   gets an assessment item for each source, then both blocks.
3. **The case tailors each block.** Items are added, or left out with a stated
   reason, from the case's own fields: NICE's criteria for a clinical diagnosis
   (age, morning stiffness), a limp (walking aid), BMI (weight advice only from
   :data:`OVERWEIGHT_BMI`; "check BMI" when it is missing), and function plus
   time for the hip-replacement referral: NICE's "consider referring" when at
   least two of :data:`FUNCTION_FIELDS` are limited (or one with advanced OA)
   and symptoms have lasted :data:`NON_SURGICAL_TRIAL_WEEKS` or more, never on
   the X-ray stage alone. Every item carries a ``why`` naming the findings,
   mechanism or case feature behind it; items left out carry a reason
   (:meth:`Plan.why_not`), and acceptable extras (tai chi, an injection in
   moderate or advanced OA) are listed as ``options``, not required.
4. **Never against guidance.** Items whose status is "not recommended",
   "against guidance" or "guidelines disagree" are never recommended; they stay
   in the catalogue so :func:`compare_plan` can explain why a learner who ticks
   them is off track.

Educational use only: not medical advice, not for clinical decisions.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDING_BY_NAME, MECHANISMS
from hipback.knowledge.red_flags import RED_FLAGS, URGENCY_ORDER, RedFlag
from hipback.knowledge.references import REFERENCES
from hipback.reasoning import DISCLAIMER, Reasoning, classify

# --- thresholds (each cited) -------------------------------------------------------------------

#: NICE NG226 1.1.1: diagnose OA clinically without imaging from this age ...
NG226_CLINICAL_DIAGNOSIS_AGE: int = 45
#: ... when morning joint stiffness is absent or lasts no longer than this (minutes).
NG226_MORNING_STIFFNESS_MINUTES: int = 30
#: Overweight from this BMI (kg/m²), the WHO classification that NICE and ACR's
#: "overweight or obese" refer to.
OVERWEIGHT_BMI: float = 25.0
#: Teaching estimate (no published figure): weeks of symptoms after which a course of
#: non-surgical care (exercise, weight loss, pain relief) can be taken as tried, about the
#: length of a supervised exercise course. NICE NG226 names no duration.
NON_SURGICAL_TRIAL_WEEKS: int = 12
#: Functional limitations that, together, show symptoms substantially affecting daily life.
FUNCTION_FIELDS: tuple[str, ...] = ("difficulty_shoes_socks", "difficulty_car_transfer", "limp")

# --- vocabulary --------------------------------------------------------------------------------

#: The source article's six management pillars, in its order.
ARTICLE_PILLARS: tuple[str, ...] = (
    "hip mobility",
    "core and glute strength",
    "posture and walking mechanics",
    "inflammation",
    "weight management",
    "regenerative or targeted therapies",
)

#: Every pillar, in display order (red flags first).
PILLARS: tuple[str, ...] = (
    "red flag",
    "assessment",
    "imaging",
    "education and activity",
    *ARTICLE_PILLARS,
    "spine essentials",
    "other treatments",
    "referral",
)

#: Statuses :func:`derive_status` can return.
STATUSES: tuple[str, ...] = (
    "recommended",
    "consider",
    "no guideline position",
    "guidelines disagree",
    "not recommended",
    "against guidance",
)

#: Statuses that :func:`recommend` never puts in a plan.
NEVER_RECOMMENDED: frozenset[str] = frozenset(
    {"not recommended", "against guidance", "guidelines disagree"}
)

DIRECTIONS: tuple[str, ...] = ("for", "against", "no recommendation", "not verified")
STRENGTHS: tuple[str, ...] = ("strong", "conditional", "")
TAGS: tuple[str, ...] = ("found", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class Position:
    """What one guideline (or review or pathway) says about an item, as the item is stated.

    Attributes
    ----------
    reference : str
        Key into :data:`hipback.knowledge.references.REFERENCES`.
    direction : str
        "for", "against", "no recommendation" (silent, not addressed or out of
        scope) or "not verified" (the clinical reference could not confirm it).
    strength : str
        "strong", "conditional" or "" (NICE "offer"/"do not offer" are strong,
        "consider" is conditional; ACR uses GRADE; OARSI "core"/level 1A strong).
    wording : str
        The guideline's wording or a close paraphrase, with the rec number.
    tag : str
        How it was checked (clinical reference tags): "found", "secondary" or
        "unverified".
    """

    reference: str
    direction: str
    strength: str
    wording: str
    tag: str = "found"

    @property
    def guideline(self) -> str:
        """Short name of the source ("NICE NG226")."""
        return REFERENCES[self.reference].short

    @property
    def stance(self) -> str:
        """ "strong for", "conditional against", "no recommendation", "not verified"..."""
        if self.direction in ("for", "against"):
            return f"{self.strength} {self.direction}".strip()
        return self.direction

    def __str__(self) -> str:
        return f"{self.guideline}: {self.stance} ({self.wording})"


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    """Supporting evidence that is not a guideline position (a study result)."""

    reference: str
    text: str

    @property
    def citation(self) -> str:
        """Short citation."""
        return REFERENCES[self.reference].short


def derive_status(positions: Iterable[Position]) -> str:
    """The one rule that turns guideline positions into an item's status.

    Parameters
    ----------
    positions : iterable of Position
        What each source says.

    Returns
    -------
    str
        "guidelines disagree" if some are for and some against; otherwise
        "against guidance" (any strong against) or "not recommended"
        (conditional against); "recommended" (any strong for) or "consider"
        (conditional for only); "no guideline position" when none takes a side.
        "not verified" positions do not count.

    Examples
    --------
    >>> derive_status([Position("acr2019", "against", "strong", "PRP")])
    'against guidance'
    >>> derive_status([Position("nice_ng226", "for", "conditional", "Consider referring")])
    'consider'
    >>> derive_status([Position("acr2019", "for", "conditional", "x"),
    ...                Position("nice_ng226", "against", "strong", "y")])
    'guidelines disagree'
    """
    positions = tuple(positions)
    fors = [p for p in positions if p.direction == "for"]
    againsts = [p for p in positions if p.direction == "against"]
    if fors and againsts:
        return "guidelines disagree"
    if againsts:
        return (
            "against guidance"
            if any(p.strength == "strong" for p in againsts)
            else "not recommended"
        )
    if fors:
        return "recommended" if any(p.strength == "strong" for p in fors) else "consider"
    return "no guideline position"


@dataclass(frozen=True, slots=True)
class ManagementItem:
    """One management item: what to do, for whom, and what the guidelines say.

    Attributes
    ----------
    id : str
        Short, stable snake_case id (learners tick these).
    title : str
        Plain-language title.
    pillar : str
        One of :data:`PILLARS`.
    what : str
        The exercise or advice, in the kit's own words.
    positions : tuple of Position
        Guideline (or review / pathway) positions, one per source.
    beyond_guidelines : str
        "" or a plain statement of where the source article goes beyond them.
    indication : str
        When the item applies (used to explain "not indicated").
    article : str
        Where the source article mentions it ("" if it does not).
    caution : str
        "" or a safety point for this item.
    evidence : tuple of EvidenceNote
        Study results behind the item that are not guideline positions.
    urgency : str or None
        For red-flag referrals, the most urgent level among their flags.
    """

    id: str
    title: str
    pillar: str
    what: str
    positions: tuple[Position, ...]
    beyond_guidelines: str = ""
    indication: str = ""
    article: str = ""
    caution: str = ""
    evidence: tuple[EvidenceNote, ...] = ()
    urgency: str | None = None

    @property
    def status(self) -> str:
        """Derived from :attr:`positions` by :func:`derive_status`."""
        return derive_status(self.positions)

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference key the item cites, in order, without repeats."""
        keys = [p.reference for p in self.positions] + [e.reference for e in self.evidence]
        if self.article:
            keys.append("article")
        return tuple(dict.fromkeys(keys))

    @property
    def guideline_summary(self) -> str:
        """One line: each source and its stance ("NICE NG226: strong for; ...")."""
        return "; ".join(f"{p.guideline}: {p.stance}" for p in self.positions)

    def position_for(self, reference: str) -> Position | None:
        """The position of one source, or None."""
        return next((p for p in self.positions if p.reference == reference), None)


# --- shorthand for the catalogue ---------------------------------------------------------------


def _for(ref: str, wording: str, strength: str = "strong", tag: str = "found") -> Position:
    return Position(ref, "for", strength, wording, tag)


def _consider(ref: str, wording: str, tag: str = "found") -> Position:
    return Position(ref, "for", "conditional", wording, tag)


def _against(ref: str, wording: str, strength: str = "strong", tag: str = "found") -> Position:
    return Position(ref, "against", strength, wording, tag)


def _silent(ref: str, wording: str, tag: str = "found") -> Position:
    return Position(ref, "no recommendation", "", wording, tag)


def _unverified(ref: str, wording: str) -> Position:
    return Position(ref, "not verified", "", wording, "unverified")


_NOT_FOUND = "Not addressed in the guideline text reviewed (clinical reference §6)"
_OARSI_UNVERIFIED = "Hip-specific level not verified (clinical reference §8, §7 gap 2)"

# Exercise positions shared by the exercise items: each item is one part of the therapeutic
# exercise that all three OA guidelines put at the core.
_NICE_EXERCISE = _for(
    "nice_ng226",
    "Offer therapeutic exercise tailored to the person (local muscle strengthening, general "
    "aerobic fitness); warn that pain may rise at first",
)
_ACR_EXERCISE = _for(
    "acr2019",
    "Exercise strongly recommended for hip OA: walking, strengthening, neuromuscular and "
    "aquatic all count; supervised is better (p.224)",
)
_OARSI_EXERCISE = _for(
    "oarsi2019", "Core: structured land-based exercise (strengthening, cardio, balance)"
)
_EXERCISE = (_NICE_EXERCISE, _ACR_EXERCISE, _OARSI_EXERCISE)


# --- red-flag referral items, built from hipback.knowledge.red_flags (not retyped) ---

#: Which referral item each red flag leads to (one item per condition).
RED_FLAG_ITEM: dict[str, str] = {
    "saddle_anaesthesia": "refer_cauda_equina",
    "bladder_bowel_dysfunction": "refer_cauda_equina",
    "progressive_weakness": "refer_progressive_neurology",
    "history_of_cancer": "refer_spinal_malignancy",
    "unexplained_weight_loss": "refer_spinal_malignancy",
    "night_pain": "refer_spinal_malignancy",
    "fever": "refer_spinal_infection",
    "major_trauma": "refer_fracture",
}

_TAG_OF_STATUS = {"found": "found", "secondary": "secondary"}


def _red_flag_items() -> tuple[ManagementItem, ...]:
    groups: dict[str, list[RedFlag]] = {}
    for flag in RED_FLAGS:
        groups.setdefault(RED_FLAG_ITEM[flag.name], []).append(flag)
    items = []
    for item_id, flags in groups.items():
        condition = flags[0].condition
        actions = list(dict.fromkeys(f.action for f in flags))
        if len(actions) == 1:
            what = actions[0]
        else:
            what = " ".join(f"If {f.label.lower()}: {f.action}" for f in flags)
        sources = dict.fromkeys(k for f in flags for k in f.sources)
        positions = [
            _for(
                key,
                f"Red flag for {condition[0].lower()}{condition[1:]}: refer on the pathway",
                tag=_TAG_OF_STATUS.get(REFERENCES[key].status, "unverified"),
            )
            for key in sources
        ]
        positions.append(
            _for(
                "nice_ng59",
                "1.1.1: think about alternative diagnoses and exclude specific causes (cancer, "
                "infection, trauma, inflammatory disease)",
            )
        )
        urgency = min((f.urgency for f in flags), key=URGENCY_ORDER.index)
        items.append(
            ManagementItem(
                item_id,
                f"Refer: suspected {condition[0].lower()}{condition[1:]}",
                "red flag",
                what,
                tuple(positions),
                indication="Any of these red flags: " + ", ".join(f.label.lower() for f in flags),
                urgency=urgency,
            )
        )
    items.sort(key=lambda i: URGENCY_ORDER.index(i.urgency or URGENCY_ORDER[-1]))
    return tuple(items)


# --- the catalogue -----------------------------------------------------------------------------

_SAFETY_NETTING = ManagementItem(
    "safety_netting",
    "Safety-netting advice",
    "red flag",
    "Tell the person, in writing, which new symptoms need emergency help the same day "
    "(bladder or bowel change, numbness in the saddle area, leg weakness that gets worse) and "
    "how to get it.",
    (
        _for(
            "nhs_pathway",
            "Cauda equina pathways: give written safety-netting advice to people at risk",
            tag="secondary",
        ),
        _for(
            "finucane2020",
            "Decide the action from the level of concern and follow local emergency pathways",
        ),
    ),
    indication="A red flag, or leg symptoms that put the person at risk of cauda equina syndrome",
)

_ASSESSMENT = (
    ManagementItem(
        "assess_hip_source",
        "Assess the hip as a pain source",
        "assessment",
        "Examine the hip (range, provocation, gait). Where hip and spine both look abnormal, "
        "a specialist can inject local anaesthetic into the hip joint under image guidance: "
        "clear relief points to the hip as the main pain source.",
        (
            _consider(
                "buckland2017",
                "Review: tell hip from spine with examination, plain and advanced imaging and "
                "diagnostic injections",
            ),
            _consider(
                "devin2012",
                "Review: diagnostic hip injection helps find the dominant pain generator",
            ),
        ),
        indication="Both hip and spine evidence (combined pain)",
    ),
    ManagementItem(
        "assess_spine_source",
        "Assess the lumbar spine as a pain source",
        "assessment",
        "Examine the lumbar spine and the nerves (sensation, power, reflexes, straight-leg "
        "raise). If hip and spine both stay in doubt, ask for a specialist (musculoskeletal "
        "interface) opinion; spinal diagnostic injections belong to specialist care.",
        (
            _for(
                "nice_ng59",
                "1.1.1: think about alternative diagnoses; 1.1.6: consider imaging in specialist "
                "settings only if the result is likely to change management",
            ),
            _consider(
                "buckland2017",
                "Review: evaluate both sources; diagnostic injections when both are abnormal",
            ),
        ),
        indication="Both hip and spine evidence (combined pain)",
    ),
)

_IMAGING = (
    ManagementItem(
        "diagnose_clinically",
        "Diagnose hip OA clinically, without imaging",
        "imaging",
        "Make the diagnosis from the history and examination and explain that an X-ray is not "
        "needed to confirm typical hip osteoarthritis.",
        (
            _for(
                "nice_ng226",
                "1.1.1: diagnose osteoarthritis clinically without imaging in people who are "
                f"{NG226_CLINICAL_DIAGNOSIS_AGE} or over with activity-related joint pain and no "
                "morning stiffness or stiffness lasting no longer than "
                f"{NG226_MORNING_STIFFNESS_MINUTES} minutes; 1.2.2: usually no imaging needed "
                "to confirm",
            ),
        ),
        indication="Hip-driven pain with a typical presentation (NICE NG226 1.1.1: age "
        f"{NG226_CLINICAL_DIAGNOSIS_AGE} or over, morning stiffness "
        f"{NG226_MORNING_STIFFNESS_MINUTES} minutes or less)",
    ),
    ManagementItem(
        "xray_first_if_needed",
        "If imaging is needed, start with an X-ray",
        "imaging",
        "Image only for atypical features or a suspected other diagnosis; then the first test "
        "is a plain X-ray of the pelvis and hip, not an MRI.",
        (
            _consider(
                "nice_ng226",
                "1.1.2: do not routinely image unless there are atypical features or features "
                "that suggest an alternative or additional diagnosis",
            ),
            _for(
                "acr_ac_hip2016",
                "Chronic hip pain: X-ray of pelvis and hip is the first test (rated 9); MRI, CT, "
                "ultrasound or bone scan as a first test rated 1 (usually not appropriate)",
            ),
        ),
        indication=f"Atypical features: under {NG226_CLINICAL_DIAGNOSIS_AGE}, morning "
        f"stiffness over {NG226_MORNING_STIFFNESS_MINUTES} minutes or no hip OA (NICE "
        "NG226 1.1.2)",
    ),
    ManagementItem(
        "no_routine_spine_imaging",
        "No routine imaging of the back",
        "imaging",
        "Do not request a back X-ray or MRI without red flags; explain that age-related changes "
        "on scans are common in people without pain and rarely change treatment.",
        (
            _for(
                "nice_ng59",
                "1.1.4: do not routinely offer imaging in a non-specialist setting for low back "
                "pain with or without sciatica; 1.1.5: explain that people referred may not need "
                "imaging",
            ),
            _for(
                "acr_ac_lbp2021",
                "Low back pain without red flags and without prior management: all imaging "
                "usually not appropriate",
            ),
        ),
        indication="Spine-driven or combined pain without red flags",
        evidence=(
            EvidenceNote(
                "brinjikji2015",
                "Disc degeneration on imaging in 37% of pain-free 20-year-olds and 96% of "
                "pain-free 80-year-olds",
            ),
        ),
    ),
    ManagementItem(
        "routine_imaging_to_confirm",
        "X-ray or MRI to confirm the diagnosis",
        "imaging",
        "Order an X-ray or MRI of the hip or back to confirm where the pain comes from.",
        (
            _against(
                "nice_ng226",
                "1.1.2: do not routinely use imaging to diagnose osteoarthritis unless atypical "
                "features; 1.5.4: do not routinely image to monitor or guide non-surgical care",
            ),
            _against(
                "nice_ng59",
                "1.1.4: do not routinely offer imaging in a non-specialist setting for low back "
                "pain",
            ),
            _against(
                "acr_ac_hip2016",
                "MRI as the first test for chronic hip pain: rated 1, usually not appropriate",
            ),
            _against(
                "acr_ac_lbp2021",
                "Low back pain without red flags: imaging usually not appropriate",
            ),
        ),
        beyond_guidelines="The article treats an X-ray or MRI as the way to pin down a hip "
        "source. NICE "
        "diagnoses typical hip OA clinically and advises against routine imaging of the hip or "
        "back; when imaging is needed an X-ray comes first, not an MRI. X-ray changes and pain "
        "often disagree, so an X-ray cannot show that the hip is the source of the pain.",
        indication="Not indicated routinely; imaging only for atypical features (item "
        "xray_first_if_needed) or red flags",
        article="FAQ: telling whether the hip is the cause",
        evidence=(
            EvidenceNote(
                "kim2015",
                "Only 15.6% of hips in people with frequent hip pain showed radiographic OA",
            ),
            EvidenceNote(
                "kim2014",
                "Radiographic hip OA in 19.6% of adults 50 or over, symptomatic hip OA in 4.2%",
            ),
        ),
    ),
)

_EDUCATION = (
    ManagementItem(
        "oa_education",
        "Explain hip OA and agree self-management",
        "education and activity",
        "Explain what hip osteoarthritis is, how a stiff hip can make the back work harder, "
        "that exercise may hurt a little at first and still helps, and agree goals the person "
        "can manage.",
        (
            _for(
                "nice_ng226",
                "Information and support are core, with therapeutic exercise and weight "
                "management; consider an education or behaviour-change programme",
            ),
            _for(
                "acr2019",
                "Self-efficacy and self-management programmes strongly recommended (knee/hip)",
                tag="secondary",
            ),
            _for("oarsi2019", "Core: arthritis education"),
        ),
        indication="Hip-driven or combined pain",
        article="Summary: the hip and back work as a team",
    ),
    ManagementItem(
        "low_impact_activity",
        "Low-impact aerobic activity",
        "education and activity",
        "Build up walking, cycling, swimming or water exercise, paced to symptoms; ease off "
        "high-impact or twisting activity while it flares.",
        _EXERCISE,
        indication="Hip-driven or combined pain",
        article="FAQ: should I still exercise",
    ),
    ManagementItem(
        "tai_chi",
        "Tai chi",
        "education and activity",
        "Tai chi classes for balance, strength and confidence.",
        (
            _silent("nice_ng226", "Not named"),
            _for("acr2019", "Tai chi strongly recommended for knee and/or hip OA (p.225)"),
            _consider("oarsi2019", "Mind-body exercise: conditional for hip", tag="secondary"),
        ),
        indication="An option for hip OA (ACR strong for); for back pain it is one mind-body "
        "choice inside the NG59 group exercise programme",
    ),
    ManagementItem(
        "yoga",
        "Yoga",
        "education and activity",
        "Yoga classes adapted to the person.",
        (
            _silent(
                "acr2019",
                "Conditional for knee OA; for hip OA no recommendation can be made for lack of "
                "data (p.226)",
            ),
            _consider("oarsi2019", "Mind-body exercise: conditional for hip", tag="secondary"),
            _consider(
                "nice_ng59",
                "Mind-body approaches are one option within a group exercise programme",
                tag="secondary",
            ),
        ),
        indication="An option for back pain (mind-body exercise in NG59's group programme); "
        "ACR makes no recommendation for hip OA",
    ),
)

_HIP_PILLARS = (
    ManagementItem(
        "hip_mobility_exercises",
        "Hip mobility exercises",
        "hip mobility",
        "Daily range-of-motion work for the hip within comfort: controlled rotations in and "
        "out, bending and moving the leg out to the side.",
        _EXERCISE,
        indication="Hip-driven or combined pain, especially with lost hip movement",
        article="Management 1: restore hip mobility",
    ),
    ManagementItem(
        "hip_flexor_stretch",
        "Hip-flexor stretch",
        "hip mobility",
        "Stretch the front of the hip (half-kneeling or standing lunge stretch) to keep the hip "
        "straightening fully, so the pelvis and low back need not tilt to make up for it.",
        (
            _consider(
                "nice_ng226",
                "Supported only as one part of tailored therapeutic exercise; stretching is not "
                "named",
            ),
            _consider(
                "acr2019",
                "Exercise strongly recommended, but stretching alone is not a named option",
            ),
            _silent("oarsi2019", "Stretching alone is not a core treatment", tag="unverified"),
        ),
        beyond_guidelines="No guideline prescribes hip-flexor stretching on its own; it fits "
        "as one part of a tailored exercise programme, which is what the guidelines support.",
        indication="Hip-driven or combined pain",
        article="Management 1: restore hip mobility",
    ),
    ManagementItem(
        "glute_core_strengthening",
        "Glute and core strengthening",
        "core and glute strength",
        "Progressive strengthening of the buttock, trunk and back muscles: bridges, side-lying "
        "leg raises, side planks, building load over weeks.",
        _EXERCISE,
        indication="Hip-driven or combined pain",
        article="Management 1 and 2: glute bridges, side-lying leg raises, side planks",
    ),
    ManagementItem(
        "graded_squats",
        "Graded squats and sit-to-stand practice",
        "core and glute strength",
        "Squats or standing up from a chair, to a depth that stays comfortable, progressed "
        "gradually.",
        _EXERCISE,
        indication="Hip-driven or combined pain",
        article="Management 2: squats",
        caution="Pain on squatting is itself a sign of hip OA (Metcalfe 2019) and squatting is "
        "one item of the Sutlive 2008 rule, so grade depth and load and stop short of pain "
        "that lingers.",
    ),
    ManagementItem(
        "walking_mechanics",
        "Walking and posture retraining",
        "posture and walking mechanics",
        "Physiotherapist-led work on an even walking pattern and standing posture: equal "
        "weight through both legs, step length, pelvic control and balance.",
        (
            _NICE_EXERCISE,
            _for(
                "acr2019",
                "Neuromuscular (balance and movement-control) exercise is part of the strongly "
                "recommended exercise (p.224)",
            ),
            _OARSI_EXERCISE,
        ),
        indication="A limp or pain on walking in hip-driven or combined pain",
        article="Management 3: posture and walking mechanics",
    ),
    ManagementItem(
        "walking_aid",
        "Walking aid (stick in the opposite hand)",
        "posture and walking mechanics",
        "A walking stick held in the hand opposite the painful hip, to unload it and even out "
        "the gait.",
        (
            _consider(
                "nice_ng226", "1.3.10: consider walking aids for lower-limb OA", tag="secondary"
            ),
            _for(
                "acr2019",
                "Cane strongly recommended when hip OA has a large enough impact on walking, "
                "stability or pain (p.226)",
            ),
            _consider(
                "oarsi2019",
                "Gait aids conditional for hip; sources differ on people with widespread pain "
                "or depression",
                tag="secondary",
            ),
        ),
        indication="A limp (hip pain affecting walking)",
    ),
    ManagementItem(
        "supportive_footwear",
        "Supportive footwear, insoles or a gait specialist",
        "posture and walking mechanics",
        "Special or cushioned shoes, insoles, or referral to a gait specialist to correct "
        "alignment.",
        (
            _against(
                "nice_ng226",
                "1.3.11: do not routinely offer insoles, braces, tape, splints or supports, "
                "unless instability or abnormal loading, exercise ineffective without them, and "
                "likely to improve function",
                "conditional",
                tag="secondary",
            ),
            _against(
                "acr2019",
                "Modified shoes and wedged insoles conditionally recommended against (p.226)",
                "conditional",
            ),
            _against("nice_ng59", "Do not offer foot orthotics or rocker-sole shoes for back pain"),
        ),
        beyond_guidelines="The article suggests supportive footwear or a gait specialist. "
        "Guidelines do not routinely support special shoes or insoles (NICE only in narrow "
        "cases; NG59 not for back pain) and 'gait specialist' is not a guideline category: "
        "physiotherapist-led exercise and a walking stick are.",
        indication="Not routinely: only the narrow NG226 1.3.11 exceptions",
        article="Management 3: posture and walking mechanics",
    ),
)

_INFLAMMATION = (
    ManagementItem(
        "oral_nsaid",
        "Discuss an anti-inflammatory painkiller with the prescriber",
        "inflammation",
        "If pain limits activity, suggest the person discusses an oral NSAID with their GP or "
        "pharmacist: lowest effective dose, shortest time, with stomach protection; the "
        "prescriber weighs stomach, kidney and heart risks.",
        (
            _consider(
                "nice_ng226",
                "Consider an oral NSAID at the lowest dose for the shortest time, with a PPI",
                tag="secondary",
            ),
            _for("acr2019", "Oral NSAIDs strongly recommended; first oral drug of choice (p.228)"),
            _consider("oarsi2019", "Oral NSAIDs conditional (with GI precautions)"),
            _consider(
                "nice_ng59",
                "Consider oral NSAIDs for low back pain, taking toxicity and age into account",
                tag="secondary",
            ),
        ),
        indication="Pain that limits activity, hip- or spine-driven (a prescriber decides)",
    ),
    ManagementItem(
        "healthy_diet",
        "Anti-inflammatory eating (vegetables, oily fish)",
        "inflammation",
        "A varied diet rich in vegetables and oily fish, offered as general health advice.",
        (
            _silent(
                "nice_ng226",
                "No diet recommendation found (clinical reference §6)",
                tag="unverified",
            ),
            _silent(
                "acr2019", "No diet recommendation found (clinical reference §6)", tag="unverified"
            ),
        ),
        beyond_guidelines="The article presents anti-inflammatory eating as a way to calm the "
        "hip. No OA or back-pain guideline recommends a diet for this: fine as general health "
        "advice, not as a treatment.",
        indication="General health advice only, not an OA or back-pain treatment",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "turmeric",
        "Turmeric (curcumin) supplement",
        "inflammation",
        "Take turmeric or curcumin capsules to reduce joint inflammation.",
        (
            _silent("nice_ng226", "No supplement recommendation other than glucosamine"),
            _silent("acr2019", "Turmeric not addressed (Paultre 2021)"),
            _silent("oarsi2019", "Turmeric not addressed (Paultre 2021)"),
        ),
        beyond_guidelines="The article recommends turmeric. No guideline addresses it; the "
        "trials are small, short, mostly in the knee and of low quality, so it is not a "
        "supported treatment.",
        indication="Not a guideline treatment",
        article="Management 4: manage inflammation",
        evidence=(
            EvidenceNote("paultre2021", "ACR and OARSI do not address turmeric"),
            EvidenceNote(
                "liu2018",
                "Supplement trials: large short-term effects but mostly low quality, mostly knee",
            ),
        ),
    ),
    ManagementItem(
        "omega3_supplement",
        "Omega-3 (fish oil) supplement",
        "inflammation",
        "Take fish-oil capsules to reduce joint inflammation.",
        (
            _against(
                "acr2019",
                "Fish oil conditionally recommended against for knee, hip and/or hand OA (p.229)",
                "conditional",
            ),
            _silent("nice_ng226", "Not addressed"),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article recommends omega-3s. As a supplement for OA, ACR 2019 "
        "conditionally recommends against fish oil; eating oily fish is fine as general "
        "health advice.",
        indication="Not recommended for OA",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "hydration",
        "Drink more water for the joints",
        "inflammation",
        "Keep well hydrated to support joint health.",
        (
            _silent("nice_ng226", _NOT_FOUND, tag="unverified"),
            _silent("nice_ng59", _NOT_FOUND, tag="unverified"),
            _silent("acr2019", _NOT_FOUND, tag="unverified"),
            _silent("oarsi2019", _NOT_FOUND, tag="unverified"),
        ),
        beyond_guidelines="The article links hydration to joint health. No OA or back-pain "
        "guideline addresses it: general health advice, not a treatment.",
        indication="General health advice only, not an OA or back-pain treatment",
        article="Management 4: manage inflammation",
    ),
    ManagementItem(
        "glucosamine",
        "Glucosamine or chondroitin supplement",
        "inflammation",
        "Take glucosamine or chondroitin to protect the cartilage.",
        (
            _against("nice_ng226", "Do not offer glucosamine", tag="secondary"),
            _against(
                "acr2019",
                "Glucosamine strongly recommended against (knee, hip, hand); chondroitin "
                "strongly against for knee and/or hip (p.230)",
            ),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        indication="Not recommended for OA",
    ),
)

_WEIGHT = (
    ManagementItem(
        "weight_management",
        "Support weight loss",
        "weight management",
        "Agree a realistic weight-loss goal and a plan (diet, activity, local weight "
        "service); any loss helps, and more loss tends to help more.",
        (
            _for(
                "nice_ng226",
                "If overweight or obese, support a weight-loss goal: any amount is beneficial, "
                "but losing 10% is likely to be better than 5%",
            ),
            _for(
                "acr2019",
                "Weight loss strongly recommended for knee and/or hip OA in people who are "
                "overweight or obese (p.225)",
            ),
            _silent(
                "oarsi2019",
                "Not core for hip (no direct hip evidence); may suit individuals",
                tag="secondary",
            ),
        ),
        indication=f"BMI {OVERWEIGHT_BMI:g} or more (overweight or obese)",
        article="Management 5: weight management",
    ),
    ManagementItem(
        "check_bmi",
        "Check BMI",
        "weight management",
        "Measure height and weight: whether weight-loss support is offered depends on BMI.",
        (
            _for(
                "nice_ng226",
                "Weight management is core if appropriate, that is, if overweight or obese",
            ),
            _for("who_bmi", f"Overweight from BMI {OVERWEIGHT_BMI:g}", tag="unverified"),
        ),
        indication="BMI not recorded",
        article="Management 5: weight management",
    ),
)

_TARGETED = (
    ManagementItem(
        "ia_corticosteroid",
        "Steroid injection into the hip (image-guided)",
        "regenerative or targeted therapies",
        "If pain stops the person exercising, a specialist may inject corticosteroid into the "
        "hip under ultrasound guidance; relief is short-term and is used to support exercise.",
        (
            _consider(
                "nice_ng226",
                "1.4.10: consider when other pain relief is ineffective or unsuitable, or to "
                "support therapeutic exercise; explain that relief is short-term",
                tag="secondary",
            ),
            _for(
                "acr2019",
                "Intra-articular glucocorticoid strongly recommended for knee and/or hip OA; "
                "ultrasound guidance strongly recommended for the hip (pp.228-229)",
            ),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        indication="An option in moderate or advanced hip OA when pain limits exercise",
        article="FAQ: treating the hip (injection)",
    ),
    ManagementItem(
        "hyaluronan_injection",
        "Hyaluronic acid injection into the hip",
        "regenerative or targeted therapies",
        "Inject hyaluronic acid (a joint 'lubricant') into the hip.",
        (
            _against(
                "nice_ng226",
                "1.4.9: do not offer intra-articular hyaluronan (potential harm for hip OA)",
                tag="secondary",
            ),
            _against("acr2019", "Strongly recommended against in hip OA (p.230)"),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        indication="Not recommended for hip OA",
    ),
    ManagementItem(
        "prp_injection",
        "Platelet-rich plasma (PRP) injection",
        "regenerative or targeted therapies",
        "Inject platelet-rich plasma into the hip to support the cartilage.",
        (
            _against(
                "acr2019",
                "Platelet-rich plasma strongly recommended against in knee and/or hip OA (p.231)",
            ),
            _silent("nice_ng226", "No PRP recommendation", tag="secondary"),
            _silent(
                "nice_ipg637",
                "Knee only: use only with special arrangements for governance, consent and "
                "audit or research",
            ),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article offers PRP in early to moderate arthritis to support "
        "cartilage and slow progression. ACR 2019 strongly recommends against it for the hip; "
        "NICE allows it only for the knee under research-style arrangements, and a knee trial "
        "found it no better than saline.",
        indication="Not recommended outside research",
        article="Management 6: regenerative therapies",
        evidence=(
            EvidenceNote("bennell2021", "Knee OA RCT: PRP no better than saline at 12 months"),
        ),
    ),
    ManagementItem(
        "stem_cell_injection",
        "Stem-cell injection",
        "regenerative or targeted therapies",
        "Inject stem cells into the hip to regenerate cartilage.",
        (
            _against(
                "acr2019",
                "Stem-cell injections strongly recommended against in knee and/or hip OA (p.231)",
            ),
            _silent("nice_ng226", "Not addressed", tag="unverified"),
            _unverified("oarsi2019", _OARSI_UNVERIFIED),
        ),
        beyond_guidelines="The article offers stem-cell therapy in early to moderate "
        "arthritis. ACR 2019 strongly recommends against stem-cell injections for the hip; "
        "there is no evidence that they regrow cartilage.",
        indication="Not recommended outside research",
        article="Management 6: regenerative therapies",
    ),
    ManagementItem(
        "refer_hip_replacement",
        "Consider referral for hip replacement",
        "regenerative or targeted therapies",
        "Discuss referral to an orthopaedic surgeon for hip replacement when symptoms "
        "substantially affect daily life and non-surgical care has not helped or does not suit "
        "the person. Explain that back pain often eases afterwards, less so when the spine has "
        "its own problem.",
        (
            _consider(
                "nice_ng226",
                "Consider referring people with hip osteoarthritis for joint replacement if "
                "their joint symptoms (such as pain, stiffness, reduced function or "
                "progressive joint deformity) are substantially impacting their quality of life "
                "and non-surgical management is ineffective or unsuitable",
                tag="secondary",
            ),
            _silent("acr2019", "Surgery outside the scope of this non-surgical guideline"),
            _silent("oarsi2019", "Surgery outside the scope of this non-surgical guideline"),
        ),
        beyond_guidelines="The article reserves surgery for 'advanced' cases. NICE judges the "
        "referral on how much symptoms affect life and whether non-surgical care has failed, "
        "not on how the X-ray looks.",
        indication="Hip symptoms substantially limiting function (for example shoes and socks, "
        "car transfers, a limp) after non-surgical care has been tried",
        article="Management 6: hip replacement for advanced cases; FAQ: treating the hip",
        evidence=(
            EvidenceNote(
                "parvizi2010",
                "Back pain before hip replacement in 170/344 (49.4%); it resolved in 113/170 "
                "(66.4%) afterwards",
            ),
            EvidenceNote(
                "force_tjr2016", "56% with moderate or severe back pain improved at 6 months"
            ),
            EvidenceNote(
                "prather2012",
                "A co-existing lumbar spine disorder predicted less improvement after surgery",
            ),
        ),
    ),
)

_SPINE = (
    ManagementItem(
        "back_self_management",
        "Reassure and support self-management of back pain",
        "spine essentials",
        "Explain that back pain is common and rarely serious, what helps, and how to manage "
        "flare-ups; revisit this at every step.",
        (
            _for(
                "nice_ng59",
                "1.2.1: advice and information tailored to the person, to help self-management, "
                "at all steps of the treatment pathway",
                tag="unverified",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "stay_active",
        "Stay active and keep up normal activities",
        "spine essentials",
        "Keep moving and carry on with usual activities and work as far as possible; bed rest "
        "does not help.",
        (
            _for(
                "nice_ng59",
                "1.2.1: include encouragement to continue normal activities",
                tag="unverified",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "start_back_stratification",
        "Risk-stratify with the STarT Back tool",
        "spine essentials",
        "Use the STarT Back tool at first contact to match how much treatment the person "
        "needs to their risk of a poor outcome.",
        (
            _consider(
                "nice_ng59",
                "1.1.2: consider risk stratification (for example STarT Back) at first contact "
                "for each new episode",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "ng59_exercise_programme",
        "Group exercise programme for back pain",
        "spine essentials",
        "A group exercise programme of biomechanical, aerobic or mind-body exercise (or a mix), "
        "matched to the person's preference.",
        (
            _consider(
                "nice_ng59",
                "Consider a group exercise programme (biomechanical, aerobic, mind-body or a "
                "combination of approaches) for a specific episode or flare-up",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
    ManagementItem(
        "spinal_manual_therapy",
        "Manual therapy for the back, only with exercise",
        "spine essentials",
        "Spinal manipulation, mobilisation or soft-tissue work, only as part of a package that "
        "includes exercise.",
        (
            _consider(
                "nice_ng59",
                "Consider manipulation, mobilisation or soft-tissue techniques only as part of "
                "a treatment package including exercise",
                tag="secondary",
            ),
        ),
        indication="Spine-driven or combined pain, alongside the exercise programme",
    ),
    ManagementItem(
        "ng59_avoid_list",
        "Do not offer passive treatments NICE rules out for back pain",
        "spine essentials",
        "Do not offer belts or corsets, foot orthotics, rocker-sole shoes, traction, "
        "acupuncture, ultrasound, PENS, TENS or interferential therapy for back pain, and "
        "explain why.",
        (
            _for(
                "nice_ng59",
                "Do not offer belts or corsets, foot orthotics, rocker-sole shoes, traction, "
                "acupuncture, ultrasound, PENS, TENS or interferential therapy",
            ),
        ),
        indication="Spine-driven or combined pain",
    ),
)

_OTHER = (
    ManagementItem(
        "tens",
        "TENS or other electrotherapy",
        "other treatments",
        "A TENS machine or other electrotherapy for pain.",
        (
            _against(
                "nice_ng226", "1.3.9: do not offer electrotherapy, including TENS", tag="secondary"
            ),
            _against("acr2019", "TENS strongly recommended against in knee and/or hip OA (p.227)"),
            _against("nice_ng59", "Do not offer TENS, PENS, ultrasound or interferential"),
        ),
        indication="Not recommended",
    ),
    ManagementItem(
        "acupuncture",
        "Acupuncture or dry needling",
        "other treatments",
        "A course of acupuncture or dry needling.",
        (
            _for(
                "acr2019",
                "Conditionally recommended for knee, hip and/or hand OA (p.226)",
                "conditional",
            ),
            _against(
                "nice_ng226", "1.3.8: do not offer acupuncture or dry needling", tag="secondary"
            ),
            _against("nice_ng59", "Do not offer acupuncture for low back pain"),
        ),
        indication="The guidelines disagree: ACR conditionally for in hip OA, NICE do not offer "
        "(hip and back)",
    ),
    ManagementItem(
        "hip_manual_therapy",
        "Manual therapy for the hip",
        "other treatments",
        "Hip joint mobilisation or manipulation by the physiotherapist.",
        (
            _consider(
                "nice_ng226",
                "Manual therapy only for hip or knee OA and only alongside therapeutic exercise",
                tag="secondary",
            ),
            _against(
                "acr2019",
                "Manual therapy with exercise conditionally recommended against, compared with "
                "exercise alone (p.227)",
                "conditional",
            ),
        ),
        indication="The guidelines disagree: NICE allows it alongside exercise, ACR "
        "conditionally against",
    ),
    ManagementItem(
        "lumbar_support_belt",
        "Back support belt or corset",
        "other treatments",
        "Wear a lumbar support belt or corset.",
        (_against("nice_ng59", "Do not offer belts or corsets for low back pain"),),
        indication="Not recommended",
    ),
    ManagementItem(
        "spinal_traction",
        "Spinal traction",
        "other treatments",
        "Traction of the lumbar spine.",
        (_against("nice_ng59", "Do not offer traction for low back pain"),),
        indication="Not recommended",
    ),
    ManagementItem(
        "sciatica_nerve_medicines",
        "Nerve-pain medicines or oral steroids for sciatica",
        "other treatments",
        "Gabapentinoids, other antiepileptics, oral corticosteroids or benzodiazepines for "
        "sciatica.",
        (
            _against(
                "nice_ng59",
                "2020 update: do not offer gabapentinoids, other antiepileptics, oral "
                "corticosteroids or benzodiazepines for managing sciatica",
                tag="secondary",
            ),
        ),
        indication="Not recommended",
    ),
)

_REFERRAL = (
    ManagementItem(
        "check_inflammatory_cause",
        "Look for an inflammatory cause; rheumatology if criteria met",
        "referral",
        "Morning stiffness beyond half an hour is atypical for OA: ask about inflammatory "
        "back pain and joint swelling, and refer to rheumatology when the NICE NG65 criteria "
        "for spondyloarthritis are met.",
        (
            _for(
                "nice_ng226",
                "1.1.2: atypical features such as prolonged morning stiffness suggest another "
                "diagnosis",
            ),
            _for("nice_ng65", "Refer to rheumatology when the criteria for axial SpA are met"),
        ),
        indication=f"Morning stiffness over {NG226_MORNING_STIFFNESS_MINUTES} minutes",
    ),
)

#: Every management item, red-flag referrals first.
MANAGEMENT_ITEMS: tuple[ManagementItem, ...] = (
    *_red_flag_items(),
    _SAFETY_NETTING,
    *_ASSESSMENT,
    *_IMAGING,
    *_EDUCATION,
    *_HIP_PILLARS,
    *_INFLAMMATION,
    *_WEIGHT,
    *_TARGETED,
    *_SPINE,
    *_OTHER,
    *_REFERRAL,
)

ITEM_BY_ID: Mapping[str, ManagementItem] = MappingProxyType(
    {item.id: item for item in MANAGEMENT_ITEMS}
)


def items_by_pillar(
    items: Iterable[ManagementItem] = MANAGEMENT_ITEMS,
) -> dict[str, tuple[ManagementItem, ...]]:
    """Group items by pillar, in :data:`PILLARS` order (empty pillars left out).

    Examples
    --------
    >>> groups = items_by_pillar()
    >>> next(iter(groups))
    'red flag'
    >>> [i.id for i in groups["weight management"]]
    ['weight_management', 'check_bmi']
    """
    items = tuple(items)
    out = {p: tuple(i for i in items if i.pillar == p) for p in PILLARS}
    return {p: group for p, group in out.items() if group}


# --- the plan ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One item in a plan: the knowledge entry, why it applies here, and its rank.

    Attributes
    ----------
    item : ManagementItem
        The catalogue entry.
    why : str
        The finding, mechanism or case feature that makes it apply.
    priority : int
        Rank in the plan, 1 first.
    """

    item: ManagementItem
    why: str
    priority: int

    @property
    def id(self) -> str:
        """The item id."""
        return self.item.id

    @property
    def title(self) -> str:
        """The item title."""
        return self.item.title

    @property
    def status(self) -> str:
        """The item's guideline status."""
        return self.item.status


@dataclass(frozen=True)
class Plan:
    """An ordered, immutable management plan for one case (from :func:`recommend`).

    Iterate over it for the :class:`PlanItem`\\ s; ``item_id in plan`` tests membership.

    Attributes
    ----------
    items : tuple of PlanItem
        The recommended items, in order.
    options : tuple of PlanItem
        Acceptable options that are not required (not counted as missed).
    label : str
        The reasoning label ("hip", "spine", "combined").
    urgent : bool
        True when a red flag is present: the plan then holds only referral and
        safety-netting.
    notes : tuple of str
        Plan-level notes (what waits for clearance, what to review later).
    reasons : Mapping[str, str]
        For items considered and left out: why, in one sentence.
    result : Reasoning
        The reasoning the plan was built from.
    """

    items: tuple[PlanItem, ...]
    options: tuple[PlanItem, ...]
    label: str
    urgent: bool
    notes: tuple[str, ...]
    reasons: Mapping[str, str]
    result: Reasoning = field(repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """The recommended item ids, in order."""
        return tuple(p.id for p in self.items)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The optional item ids."""
        return tuple(p.id for p in self.options)

    @property
    def case(self) -> Case:
        """The case the plan is for."""
        return self.result.case

    @property
    def urgency(self) -> str | None:
        """The most urgent red-flag level, or None."""
        return self.result.urgency

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per item (options last) for tables, handouts and widgets.

        Examples
        --------
        >>> from hipback import Case
        >>> rec = recommend(Case(age=60, fever=True)).to_records()[0]
        >>> rec["id"], rec["pillar"], rec["optional"]
        ('refer_spinal_infection', 'red flag', False)
        """
        return [
            {
                "priority": p.priority,
                "id": p.id,
                "title": p.title,
                "pillar": p.item.pillar,
                "status": p.status,
                "why": p.why,
                "guidelines": p.item.guideline_summary,
                "beyond_guidelines": p.item.beyond_guidelines,
                "optional": optional,
            }
            for optional, group in ((False, self.items), (True, self.options))
            for p in group
        ]

    def __iter__(self) -> Iterator[PlanItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> PlanItem:
        return self.items[index]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.ids

    def why_not(self, item_id: str) -> str:
        """Why an item is not in this plan, in one clause ("" if it is).

        Parameters
        ----------
        item_id : str
            Any id in :data:`ITEM_BY_ID`; an unknown id raises
            :class:`~hipback.HipbackInputError`.

        Examples
        --------
        >>> from hipback import Case
        >>> plan = recommend(Case(age=67, bmi=22.0, pain_groin=True, hip_rotation_limited=True))
        >>> plan.why_not("weight_management")
        'BMI 22 is under 25: weight-loss advice is not indicated'
        >>> plan.why_not("hip_mobility_exercises")
        ''
        """
        if item_id in self.ids or item_id in self.option_ids:
            return ""
        item = _lookup(item_id, "item_id")
        if item_id in self.reasons:
            return self.reasons[item_id]
        if self.urgent:
            return "a red flag comes first: this waits until the person has been medically cleared"
        if item.status == "guidelines disagree":
            return f"the guidelines disagree ({_sides(item)}), so the kit leaves it out"
        if item.status in NEVER_RECOMMENDED:
            return f"{item.status} ({_sides(item)})"
        return f"it is for: {item.indication[0].lower()}{item.indication[1:]}"

    def _heading(self) -> str:
        p = self.result.probabilities
        return (
            f"Management plan: {_LABEL_TEXT[self.label]} "
            f"(hip source {p['hip']:.0%}, spine source {p['spine']:.0%})"
        )

    def __str__(self) -> str:
        lines = [self._heading()]
        if self.urgent:
            lines.append(
                f"URGENT ({self.result.urgency}): red flags come first; everything else waits "
                "for medical clearance."
            )
        for p in self.items:
            lines.append(f"{p.priority:2d}. [{p.item.pillar}] {p.title} ({p.status})")
            lines.append(f"    Why: {p.why}")
            lines.append(f"    Guidelines: {p.item.guideline_summary}")
            if p.item.caution:
                lines.append(f"    Caution: {p.item.caution}")
        if self.options:
            lines.append("Options (acceptable, not required):")
            for p in self.options:
                lines.append(f"  - {p.title} ({p.status}): {p.why}")
        for note in self.notes:
            lines.append(f"Note: {note}")
        lines.append(DISCLAIMER)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def rows(plan_items: tuple[PlanItem, ...]) -> str:
            return "".join(
                f"<tr><td>{p.priority}</td><td>{escape(p.item.pillar)}</td>"
                f"<td><b>{escape(p.title)}</b><br><small><code>{escape(p.id)}</code></small></td>"
                f"<td>{escape(p.status)}</td><td>{escape(p.why)}</td>"
                f"<td><small>{escape(p.item.guideline_summary)}</small></td></tr>"
                for p in plan_items
            )

        banner = ""
        if self.urgent:
            banner = (
                "<div role='alert' style='border:3px solid #000;padding:6px;margin:4px 0'>"
                f"<b>&#9888; URGENT ({escape(str(self.result.urgency))})</b>: red flags come "
                "first; everything else waits for medical clearance.</div>"
            )
        head = (
            "<thead><tr><th>#</th><th>Pillar</th><th>Item</th><th>Status</th><th>Why</th>"
            "<th>Guidelines</th></tr></thead>"
        )
        options = ""
        if self.options:
            options = (
                "<p><b>Options</b> (acceptable, not required)</p>"
                f"<table>{head}<tbody>{rows(self.options)}</tbody></table>"
            )
        notes = "".join(f"<li>{escape(n)}</li>" for n in self.notes)
        return (
            f"<div class='hipback-plan'><p><b>{escape(self._heading())}</b></p>{banner}"
            f"<table>{head}<tbody>{rows(self.items)}</tbody></table>{options}"
            + (f"<ul>{notes}</ul>" if notes else "")
            + f"<p><small>{escape(DISCLAIMER)}</small></p></div>"
        )


_LABEL_TEXT = {
    "hip": "hip-driven pain",
    "spine": "spine-driven pain",
    "combined": "combined hip and spine pain",
}


def _lookup(item_id: object, what: str) -> ManagementItem:
    if not isinstance(item_id, str):
        raise HipbackInputError(
            f"{what}: {item_id!r} is not allowed; allowed: an item id string from "
            "hipback.management.ITEM_BY_ID"
        )
    item = ITEM_BY_ID.get(item_id)
    if item is None:
        raise HipbackInputError(_unknown_id_message(item_id, what))
    return item


def _unknown_id_message(item_id: str, what: str) -> str:
    # An id that contains what was typed ("prp" -> "prp_injection") is the best guess;
    # otherwise the closest by difflib's similarity ratio.
    key = item_id.strip().lower()
    containing = sorted((i for i in ITEM_BY_ID if key and key in i), key=len)
    close = containing[:1] or difflib.get_close_matches(key, list(ITEM_BY_ID), n=1, cutoff=0.0)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (
        f"{what}: {item_id!r} is not a management item id{hint} "
        "(allowed: the ids in hipback.management.ITEM_BY_ID)"
    )


def _mechanism(key: str) -> str:
    """ "(mechanism: pelvic imbalance)", the name read from :data:`MECHANISMS`."""
    return f"(mechanism: {MECHANISMS[key].split(':')[0].lower()})"


def _describe(case: Case, names: Iterable[str], mechanism: bool = True) -> list[str]:
    """Labels of the findings present, each with its mechanism where it has one."""
    out = []
    for name in names:
        f = FINDING_BY_NAME[name]
        if f.present(case):
            mech = f" {_mechanism(f.mechanism)}" if mechanism and f.mechanism else ""
            out.append(f"{f.label.lower()}{mech}")
    return out


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class _Builder:
    """Collects plan items in order, with reasons for the ones left out."""

    def __init__(self, case: Case, result: Reasoning) -> None:
        self.case = case
        self.result = result
        self.items: dict[str, str] = {}
        self.options: dict[str, str] = {}
        self.reasons: dict[str, str] = {}
        self.notes: list[str] = []

    def add(self, item_id: str, why: str) -> None:
        item = ITEM_BY_ID[item_id]
        # The guard that keeps against-guidance items out of every plan.
        if item.status in NEVER_RECOMMENDED:
            raise AssertionError(f"{item_id} is {item.status} and cannot be recommended")
        if item_id in self.items:
            if why not in self.items[item_id]:
                self.items[item_id] += f"; {why}"
            return
        self.options.pop(item_id, None)
        self.reasons.pop(item_id, None)
        self.items[item_id] = why

    def option(self, item_id: str, why: str) -> None:
        if item_id in self.items or item_id in self.options:
            return
        if ITEM_BY_ID[item_id].status in NEVER_RECOMMENDED:
            raise AssertionError(f"{item_id} cannot be an option")
        self.reasons.pop(item_id, None)
        self.options[item_id] = why

    def leave_out(self, item_id: str, reason: str) -> None:
        if item_id not in self.items and item_id not in self.options:
            self.reasons.setdefault(item_id, reason)

    # --- blocks ---------------------------------------------------------------------------

    def red_flags(self) -> None:
        by_item: dict[str, list[RedFlag]] = {}
        for flag in self.result.red_flag_actions:  # most urgent first
            by_item.setdefault(RED_FLAG_ITEM[flag.name], []).append(flag)
        for item_id, flags in by_item.items():
            why = "; ".join(f"{f.label.lower()} present: {f.action}" for f in flags)
            self.add(item_id, why)
        self.add(
            "safety_netting",
            "until the red flag has been assessed, the person must know what to do if "
            "symptoms change",
        )
        self.notes.append(
            "Red flag present: exercise, advice and other referrals wait until the person has "
            "been medically cleared; then rebuild the plan."
        )

    def assessment(self) -> None:
        hip = [c.label.lower() for c in self.result.contributions if c.points > 0]
        spine = [c.label.lower() for c in self.result.contributions if c.points < 0]
        p = self.result.probabilities
        self.add(
            "assess_hip_source",
            f"hip source {p['hip']:.0%}"
            + (f" ({_join(hip[:3])})" if hip else "")
            + ": find out how much the hip drives the pain",
        )
        self.add(
            "assess_spine_source",
            f"spine source {p['spine']:.0%}"
            + (f" ({_join(spine[:3])})" if spine else "")
            + ": find out how much the spine drives the pain",
        )

    def hip(self) -> None:
        case = self.case
        self._imaging()
        back = (
            "; with low back pain, explain that a stiff hip makes the back work harder "
            f"{_mechanism('compensation')} and that treating the hip often eases the back"
            if case.pain_lower_back
            else ""
        )
        nerves = _describe(
            case, ("pain_anterior_thigh", "numbness_tingling", "pain_below_knee"), mechanism=False
        )
        nerve_text = (
            f"; {_join(nerves)} can come from the hip too {_mechanism('shared_nerves')}"
            if nerves
            else ""
        )
        what = "not OA: explain the likely hip problem" if case.hip_oa_stage == "none" else ""
        self.add(
            "oa_education",
            f"{_LABEL_TEXT[self.result.label]}{' (' + what + ')' if what else ''}{back}"
            f"{nerve_text}",
        )
        stiff = _describe(
            case,
            (
                "hip_rotation_limited",
                "difficulty_crossing_legs",
                "difficulty_shoes_socks",
                "difficulty_car_transfer",
            ),
        )
        self.add(
            "hip_mobility_exercises",
            _join(stiff) if stiff else "keeps the hip moving so the pelvis need not compensate",
        )
        self.add(
            "hip_flexor_stretch",
            f"low back pain with a stiff hip {_mechanism('pelvic_imbalance')}"
            if case.pain_lower_back
            else f"keeps the hip straightening fully for walking {_mechanism('pelvic_imbalance')}",
        )
        weak = _describe(case, ("limp", "pain_lower_back"), mechanism=False)
        self.add(
            "glute_core_strengthening",
            (_join(weak) + ": " if weak else "")
            + "weak glutes and core leave the back to steady the pelvis "
            + _mechanism("weak_core_glutes"),
        )
        self.add(
            "graded_squats",
            "getting up from a chair is painful: practise it, graded to comfort"
            if case.worse_sit_to_stand
            else "builds strength for standing up and stairs, graded to comfort",
        )
        walking = _describe(case, ("worse_walking", "worse_stairs"), mechanism=False)
        self.add(
            "low_impact_activity",
            "exercise is core treatment for hip OA"
            + (f"; {_join(walking)}: start with cycling or water exercise" if walking else ""),
        )
        self.option("tai_chi", "ACR 2019 strongly supports tai chi in hip OA")
        self._walking()
        self._weight()
        self.add(
            "oral_nsaid",
            "if hip pain limits exercise (the prescriber decides)",
        )
        self._injection()
        self._replacement()

    def safety_net(self, names: tuple[str, ...]) -> None:
        """Safety-netting when leg symptoms put the person at risk of cauda equina syndrome."""
        leg = _describe(self.case, names, mechanism=False)
        if leg:
            self.add(
                "safety_netting",
                f"leg symptoms ({_join(leg)}): explain the warning signs of cauda equina syndrome",
            )
        else:
            self.leave_out("safety_netting", "no red flags and no leg nerve symptoms recorded")

    def _imaging(self) -> None:
        case = self.case
        atypical = []
        if case.age < NG226_CLINICAL_DIAGNOSIS_AGE:
            atypical.append(f"age {case.age} (under {NG226_CLINICAL_DIAGNOSIS_AGE})")
        if case.morning_stiffness_minutes > NG226_MORNING_STIFFNESS_MINUTES:
            atypical.append(
                f"morning stiffness {case.morning_stiffness_minutes} min (over "
                f"{NG226_MORNING_STIFFNESS_MINUTES})"
            )
        if case.hip_oa_stage == "none":
            atypical.append("hip OA recorded as absent, so another hip cause is likely")
        if atypical:
            self.add(
                "xray_first_if_needed",
                f"atypical for OA: {_join(atypical)}; if imaging is needed, X-ray first",
            )
            self.leave_out(
                "diagnose_clinically",
                f"the presentation is atypical ({_join(atypical)}), so NICE's clinical "
                "diagnosis rule does not apply",
            )
        else:
            activity = _describe(
                case, ("worse_walking", "worse_stairs", "worse_sit_to_stand"), mechanism=False
            )
            self.add(
                "diagnose_clinically",
                f"age {case.age} ({NG226_CLINICAL_DIAGNOSIS_AGE} or over), morning stiffness "
                f"{case.morning_stiffness_minutes} min ({NG226_MORNING_STIFFNESS_MINUTES} or "
                "less)"
                + (f", activity-related pain ({_join(activity)})" if activity else "")
                + ": NICE NG226 criteria for a clinical diagnosis",
            )
            self.leave_out(
                "xray_first_if_needed",
                "the presentation is typical of OA, so no imaging is needed",
            )
        if case.morning_stiffness_minutes > NG226_MORNING_STIFFNESS_MINUTES:
            self.add(
                "check_inflammatory_cause",
                f"morning stiffness {case.morning_stiffness_minutes} min (over "
                f"{NG226_MORNING_STIFFNESS_MINUTES}): atypical for OA",
            )
        else:
            self.leave_out(
                "check_inflammatory_cause",
                f"morning stiffness is {NG226_MORNING_STIFFNESS_MINUTES} minutes or less",
            )

    def _walking(self) -> None:
        case = self.case
        if case.limp:
            limp = f"limp {_mechanism('compensation')}"
            self.add("walking_aid", f"{limp}: a stick unloads the hip")
            self.add("walking_mechanics", f"{limp}: uneven loading strains the back")
            return
        self.leave_out(
            "walking_aid", "no limp recorded: a walking aid is for when hip pain affects walking"
        )
        if case.worse_walking:
            self.add("walking_mechanics", f"worse when walking {_mechanism('compensation')}")
        else:
            self.leave_out(
                "walking_mechanics", "no limp or walking pain recorded: gait is not the issue"
            )

    def _weight(self) -> None:
        bmi = self.case.bmi
        if bmi is None:
            self.add("check_bmi", "BMI not recorded: check BMI before advising on weight")
            self.leave_out("weight_management", "BMI not recorded: check BMI first")
        elif bmi >= OVERWEIGHT_BMI:
            self.add(
                "weight_management",
                f"BMI {bmi:g} ({OVERWEIGHT_BMI:g} or more): NICE NG226 and ACR 2019 support "
                "weight loss",
            )
            self.leave_out("check_bmi", "BMI is already recorded")
        else:
            self.leave_out(
                "weight_management",
                f"BMI {bmi:g} is under {OVERWEIGHT_BMI:g}: weight-loss advice is not indicated",
            )
            self.leave_out("check_bmi", "BMI is already recorded")

    def _injection(self) -> None:
        stage = self.case.hip_oa_stage
        if stage in ("moderate", "advanced"):
            self.option(
                "ia_corticosteroid",
                f"{stage} hip OA: if pain stops exercise, short-term relief to support it",
            )
        else:
            self.leave_out(
                "ia_corticosteroid",
                f"hip OA stage '{stage}': an injection is an option only when moderate or "
                "advanced OA pain stops exercise",
            )

    def _replacement(self) -> None:
        case = self.case
        stage = case.hip_oa_stage
        limits = [
            FINDING_BY_NAME[name].label.lower() for name in FUNCTION_FIELDS if getattr(case, name)
        ]
        if stage == "none":
            self.leave_out("refer_hip_replacement", "no hip OA recorded (stage 'none')")
            return
        substantial = len(limits) >= 2 or (stage == "advanced" and len(limits) >= 1)
        if not substantial:
            if stage == "advanced":
                reason = (
                    "stage 'advanced' on its own does not justify referral: NICE judges it on "
                    "symptoms and function, not the X-ray, and no functional limitation is "
                    "recorded"
                )
            else:
                reason = (
                    "function is not yet substantially limited"
                    + (f" (only {_join(limits)})" if limits else "")
                    + ": NICE bases referral on symptoms and function"
                )
            self.leave_out("refer_hip_replacement", reason)
            return
        weeks = case.symptom_weeks
        if weeks is not None and weeks < NON_SURGICAL_TRIAL_WEEKS:
            self.leave_out(
                "refer_hip_replacement",
                f"symptoms for {weeks} weeks: give non-surgical care a fair trial first "
                f"(the kit uses {NON_SURGICAL_TRIAL_WEEKS} weeks, a teaching estimate)",
            )
            self.notes.append(
                "Review for hip-replacement referral if function stays limited after a course "
                "of non-surgical care."
            )
            return
        basis = (f"{stage} hip OA with " if stage == "advanced" else "") + _join(limits)
        tried = (
            f"symptoms for {weeks} weeks"
            if weeks is not None
            else "check that non-surgical care has been tried"
        )
        spine = (
            "; a co-existing spine problem means back pain may persist afterwards"
            if self.result.label == "combined"
            else ""
        )
        self.add(
            "refer_hip_replacement",
            f"{basis}: symptoms substantially limit function; NICE: consider referring if "
            f"non-surgical care is ineffective or unsuitable ({tried}){spine}",
        )

    def spine(self) -> None:
        case = self.case
        self.add("back_self_management", f"{_LABEL_TEXT[self.result.label]}: NG59 first step")
        self.add("stay_active", "activity speeds recovery from back pain")
        self.add("start_back_stratification", "matches the amount of treatment to the risk")
        back = _describe(
            case, ("worse_bending", "worse_twisting", "spine_stiffness_bending"), mechanism=False
        )
        self.add(
            "ng59_exercise_programme",
            "core NG59 treatment" + (f" for {_join(back)}" if back else ""),
        )
        self.add("spinal_manual_therapy", "only together with the exercise programme")
        self.add("oral_nsaid", "NG59: consider for back pain (the prescriber decides)")
        self.add("no_routine_spine_imaging", "no red flags: imaging would not change management")
        self.add("ng59_avoid_list", "so the person does not spend effort on what does not help")
        self.option("yoga", "a mind-body option within NG59's group exercise")
        self.option("tai_chi", "a mind-body option within NG59's group exercise")
        self.safety_net(("numbness_tingling", "positive_slr", "pain_below_knee"))
        stage = case.hip_oa_stage
        if self.result.label == "spine" and stage in ("moderate", "advanced"):
            self.notes.append(
                f"Hip OA is recorded ({stage}) but the hip does not look like the pain driver: "
                "X-ray changes and pain often disagree (Kim 2015), so treat the back first and "
                "reassess the hip if the pain does not settle."
            )
        if self.result.label == "spine":
            self.leave_out(
                "refer_hip_replacement",
                "spine-driven pain: the hip is not the pain driver, so hip surgery would not be "
                "expected to help (the 'misdiagnosed' hip-spine pattern)",
            )
            self.leave_out(
                "weight_management",
                "NG59 makes no weight recommendation for back pain; weight advice belongs to "
                "the OA guidelines",
            )


def recommend(case: Case, result: Reasoning | None = None) -> Plan:
    """The recommended management plan for a case: red flags first, then tailored care.

    Parameters
    ----------
    case : Case
        The presentation.
    result : Reasoning, optional
        The reasoning for this case; defaults to ``classify(case)``.

    Returns
    -------
    Plan
        Ordered, immutable; ``plan.ids`` lists the item ids, ``str(plan)``
        prints it with the disclaimer.

    Examples
    --------
    >>> from hipback import Case
    >>> plan = recommend(Case(age=67, bmi=31.0, pain_groin=True, hip_rotation_limited=True))
    >>> plan.label, plan.urgent
    ('hip', False)
    >>> "weight_management" in plan, "prp_injection" in plan
    (True, False)
    >>> plan[0].id
    'diagnose_clinically'
    >>> recommend(Case(age=60, saddle_anaesthesia=True, pain_groin=True)).ids
    ('refer_cauda_equina', 'safety_netting')
    """
    if not isinstance(case, Case):
        raise HipbackInputError(
            f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
        )
    if result is None:
        result = classify(case)
    elif not isinstance(result, Reasoning):
        raise HipbackInputError(
            f"result: {type(result).__name__} is not allowed; allowed: the Reasoning from "
            "hipback.classify(case), or None"
        )
    elif result.case != case:
        raise HipbackInputError(
            "result: it was computed for a different case; allowed: classify(case) of this "
            "case, or None"
        )
    b = _Builder(case, result)
    if result.urgent:
        b.red_flags()
    else:
        if result.label == "combined":
            b.assessment()
        if result.label in ("hip", "combined"):
            b.hip()
        if result.label in ("spine", "combined"):
            b.spine()
        else:
            b.safety_net(("numbness_tingling", "positive_slr"))
    items = tuple(PlanItem(ITEM_BY_ID[i], why, n) for n, (i, why) in enumerate(b.items.items(), 1))
    options = tuple(
        PlanItem(ITEM_BY_ID[i], why, len(items) + n)
        for n, (i, why) in enumerate(b.options.items(), 1)
    )
    return Plan(
        items=items,
        options=options,
        label=result.label,
        urgent=result.urgent,
        notes=tuple(b.notes),
        reasons=MappingProxyType(dict(b.reasons)),
        result=result,
    )


# --- comparing a learner's plan ----------------------------------------------------------------

#: Categories of :class:`PlanComparison`, in display order.
CATEGORIES: tuple[str, ...] = ("matched", "missed", "not_indicated", "against_guidance", "optional")


@dataclass(frozen=True, slots=True)
class Feedback:
    """One graded item: its id, title, category and a sentence of feedback."""

    id: str
    title: str
    category: str
    message: str


@dataclass(frozen=True)
class PlanComparison:
    """A learner's chosen items graded against a plan (from :func:`compare_plan`).

    Attributes
    ----------
    chosen : tuple of str
        The learner's ids, duplicates removed, in the order given.
    matched, missed, not_indicated, against_guidance : tuple of Feedback
        Chosen and in the plan; in the plan but not chosen; chosen but not
        indicated for this case; chosen although guidelines advise against it.
    optional : tuple of Feedback
        Chosen acceptable options (not scored).
    score : float
        matched / (matched + missed + not_indicated + against_guidance), 0-1.
    plan : Plan
        The plan compared with.
    """

    chosen: tuple[str, ...]
    matched: tuple[Feedback, ...]
    missed: tuple[Feedback, ...]
    not_indicated: tuple[Feedback, ...]
    against_guidance: tuple[Feedback, ...]
    optional: tuple[Feedback, ...]
    score: float
    plan: Plan = field(repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """Number of entries in each category."""
        return {c: len(getattr(self, c)) for c in CATEGORIES}

    @property
    def feedback(self) -> tuple[Feedback, ...]:
        """Every graded item, category by category."""
        return tuple(f for c in CATEGORIES for f in getattr(self, c))

    def __str__(self) -> str:
        n = len(self.matched)
        total = n + len(self.missed) + len(self.not_indicated) + len(self.against_guidance)
        lines = [f"Score: {self.score:.0%} ({n} matched of {total} graded)"]
        for cat in CATEGORIES:
            entries = getattr(self, cat)
            if entries:
                lines.append(f"{_CATEGORY_TEXT[cat]} ({len(entries)}):")
                lines.extend(f"  - {f.message}" for f in entries)
        lines.append(DISCLAIMER)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = [f"<p><b>Score: {self.score:.0%}</b></p>"]
        for cat in CATEGORIES:
            entries = getattr(self, cat)
            if entries:
                lis = "".join(f"<li>{escape(f.message)}</li>" for f in entries)
                parts.append(f"<p><b>{escape(_CATEGORY_TEXT[cat])}</b></p><ul>{lis}</ul>")
        parts.append(f"<p><small>{escape(DISCLAIMER)}</small></p>")
        return "<div class='hipback-comparison'>" + "".join(parts) + "</div>"


_CATEGORY_TEXT = {
    "matched": "Matched",
    "missed": "Missed",
    "not_indicated": "Not indicated for this case",
    "against_guidance": "Against guidance",
    "optional": "Acceptable options",
}


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(".") else text + "."


def _sides(item: ManagementItem) -> str:
    """The sources that take a side on an item, with their stance."""
    return "; ".join(
        f"{p.guideline} {p.stance}" for p in item.positions if p.direction in ("for", "against")
    )


def _against_message(item: ManagementItem) -> str:
    extra = f" {item.beyond_guidelines}" if item.beyond_guidelines else ""
    return f"{item.title}: {item.status} ({_sides(item)}).{extra}"


def compare_plan(chosen: Iterable[str], plan: Plan) -> PlanComparison:
    """Grade a learner's chosen item ids against a recommended plan.

    Parameters
    ----------
    chosen : iterable of str
        Item ids (see :data:`ITEM_BY_ID`); order and repeats do not matter.
    plan : Plan
        From :func:`recommend`.

    Returns
    -------
    PlanComparison
        ``matched``, ``missed``, ``not_indicated``, ``against_guidance`` (and
        ``optional``), each entry with one sentence of feedback, and ``score``.

    Raises
    ------
    HipbackInputError
        For an unknown id (naming it and the nearest valid id) or a bad argument.

    Examples
    --------
    >>> from hipback import Case
    >>> plan = recommend(Case(age=67, bmi=22.0, pain_groin=True, hip_rotation_limited=True))
    >>> result = compare_plan(["hip_mobility_exercises", "prp_injection", "weight_management"],
    ...                       plan)
    >>> [f.id for f in result.matched], [f.id for f in result.against_guidance]
    (['hip_mobility_exercises'], ['prp_injection'])
    >>> result.not_indicated[0].message
    'Support weight loss: not indicated here, because BMI 22 is under 25: weight-loss advice is not indicated.'
    >>> compare_plan(["prp"], plan)
    Traceback (most recent call last):
    ...
    hipback.errors.HipbackInputError: chosen: 'prp' is not a management item id; did you mean 'prp_injection'? (allowed: the ids in hipback.management.ITEM_BY_ID)
    """  # noqa: E501
    if not isinstance(plan, Plan):
        raise HipbackInputError(
            f"plan: {type(plan).__name__} is not allowed; allowed: a Plan from "
            "hipback.recommend(case)"
        )
    if isinstance(chosen, str) or not isinstance(chosen, Iterable):
        raise HipbackInputError(
            f"chosen: {chosen!r} is not allowed; allowed: a list of item ids, "
            "e.g. ['hip_mobility_exercises']"
        )
    picked = tuple(dict.fromkeys(chosen))
    problems = []
    for item_id in picked:
        if not isinstance(item_id, str):
            problems.append(
                f"chosen: {item_id!r} is not allowed; allowed: item id strings from "
                "hipback.management.ITEM_BY_ID"
            )
        elif item_id not in ITEM_BY_ID:
            problems.append(_unknown_id_message(item_id, "chosen"))
    if problems:
        raise HipbackInputError(problems)

    chosen_set = set(picked)
    by_plan = {p.id: p for p in plan.items}
    by_option = {p.id: p for p in plan.options}
    matched = tuple(
        Feedback(p.id, p.title, "matched", f"{p.title}: yes, because {_sentence(p.why)}")
        for p in plan.items
        if p.id in chosen_set
    )
    missed = tuple(
        Feedback(
            p.id, p.title, "missed", f"{p.title}: missed; it applies because {_sentence(p.why)}"
        )
        for p in plan.items
        if p.id not in chosen_set
    )
    not_indicated, against, optional = [], [], []
    for item_id in picked:
        if item_id in by_plan:
            continue
        item = ITEM_BY_ID[item_id]
        if item_id in by_option:
            p = by_option[item_id]
            optional.append(
                Feedback(
                    item_id,
                    item.title,
                    "optional",
                    f"{item.title}: an acceptable option here; {_sentence(p.why)}",
                )
            )
        elif item.status in ("not recommended", "against guidance"):
            against.append(
                Feedback(item_id, item.title, "against_guidance", _against_message(item))
            )
        else:
            not_indicated.append(
                Feedback(
                    item_id,
                    item.title,
                    "not_indicated",
                    f"{item.title}: not indicated here, because {_sentence(plan.why_not(item_id))}",
                )
            )
    graded = len(matched) + len(missed) + len(not_indicated) + len(against)
    score = len(matched) / graded if graded else 1.0
    return PlanComparison(
        chosen=picked,
        matched=matched,
        missed=missed,
        not_indicated=tuple(not_indicated),
        against_guidance=tuple(against),
        optional=tuple(optional),
        score=score,
        plan=plan,
    )
