"""The catalogue of findings: the knowledge the reasoning model runs on.

Each :class:`Finding` says how it is read from a case, where it comes from in
the source article, which of the article's five mechanisms it illustrates, and
its likelihood ratio (LR) for each of the two questions the kit asks:

* **hip** — is the hip joint a source of this pain?
* **spine** — is the lumbar spine a source of this pain?

Every LR carries its basis: *published* (the figure is in the paper),
*derived* (arithmetic from a published sensitivity and specificity), *teaching
estimate* (no published figure exists; the rationale says why the number was
chosen) or *neutral* (LR 1: evidence that the finding does not separate the
two). Nothing else in the kit restates these numbers.

Findings that measure one construct more than once share a ``construct``; the
reasoning model counts only the strongest finding of each construct for each
question (see :mod:`hipback.reasoning`).
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
    "else, such as the back or thigh.",
}

#: Bases an LR can have.
BASES = ("published", "derived", "teaching estimate", "neutral")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One likelihood ratio with its basis.

    Attributes
    ----------
    lr : float
        Likelihood ratio applied when the finding is present (1.0 = no effect).
    basis : str
        One of :data:`BASES`.
    source : str
        Key into :data:`hipback.knowledge.references.REFERENCES`.
    note : str
        What the figure measures (population, comparison) or, for a teaching
        estimate, the one-line rationale.
    sensitivity, specificity : float or None
        The published figures a *derived* LR was computed from.
    """

    lr: float
    basis: str
    source: str
    note: str
    sensitivity: float | None = None
    specificity: float | None = None

    @property
    def points(self) -> float:
        """Evidence in points: 10·log10(LR) (positive raises the probability)."""
        return 10.0 * math.log10(self.lr)

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
        Plain-language label.
    field : str
        The case-record field it is read from.
    test : tuple
        How it is read: ``("is", True)``, ``("==", value)`` or
        ``("between", low, high)`` (inclusive).
    article : str
        Where the article mentions it (table row, section or FAQ).
    mechanism : str or None
        Key into :data:`MECHANISMS` where one applies.
    construct : str
        What it measures; findings sharing a construct are counted once.
    hip, spine : Evidence
        The LR for each question.
    caveat : str
        Where the evidence qualifies the article, said plainly ("" if none).
    requires_any : tuple of str
        Yes/no fields of which at least one must also be present (a finding that
        is a pattern, e.g. sitting relief *of leg symptoms*); empty for most.
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
    caveat: str = ""
    requires_any: tuple[str, ...] = ()

    def present(self, case: Any) -> bool:
        """Whether this finding is present in a case."""
        if self.requires_any and not any(getattr(case, r) for r in self.requires_any):
            return False
        value = getattr(case, self.field)
        op = self.test[0]
        if op == "is":
            return value is self.test[1]
        if op == "==":
            return value == self.test[1]
        low, high = self.test[1], self.test[2]
        return value is not None and low <= value <= high

    @property
    def favours(self) -> str:
        """'hip', 'spine' or 'neither': the side whose probability this finding raises."""
        net = self.hip.points - self.spine.points
        if abs(net) < 1e-9:
            return "neither"
        return "hip" if net > 0 else "spine"


def _neutral(source: str, note: str) -> Evidence:
    return Evidence(1.0, "neutral", source, note)


def _derived(sens: float, spec: float, source: str, note: str, reverse: bool = False) -> Evidence:
    """LR computed from a published sensitivity and specificity.

    ``reverse`` reads a direct two-group comparison (e.g. hip OA vs stenosis) from the
    other group's side: LR = (1 - specificity) / sensitivity.
    """
    lr = (1.0 - spec) / sens if reverse else sens / (1.0 - spec)
    return Evidence(lr, "derived", source, note, sens, spec)


def _te(lr: float, note: str) -> Evidence:
    return Evidence(lr, "teaching estimate", "teaching_estimate", note)


_TABLE_HIP = "Comparison table, hip column"
_TABLE_SPINE = "Comparison table, spine column"

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
        ),
        _derived(
            0.843,
            0.703,
            "khan2004",
            "The same hip-vs-stenosis comparison read from the spine side",
            reverse=True,
        ),
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
        _neutral("lesher2008", "Thigh pain also follows lumbar nerve roots; no published LR"),
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
    ),
    Finding(
        "pain_below_knee",
        "Pain below the knee",
        "pain_below_knee",
        ("is", True),
        f"{_TABLE_SPINE} (pain location: leg)",
        "shared_nerves",
        "pain below the knee",
        _neutral(
            "khan2004",
            "47% of people with hip OA had pain below the knee, so it does not exclude the hip",
        ),
        _te(
            1.5,
            "Pain below the knee was the feature most linked with spine disorders that "
            "persisted after hip replacement (Parvizi 2010); no LR published",
        ),
        caveat="Many believe hip pain never passes the knee; it does in about half of hip OA "
        "(Khan 2004).",
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
        _te(
            1.5,
            "Absence of walking pain lowers the odds of hip OA (Metcalfe 2019, LR- "
            "0.25-0.58) but no LR+ is published",
        ),
        _neutral(
            "suri2010",
            "Walking also provokes neurogenic claudication (Suri 2010), so "
            "it is not counted for or against the spine",
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
        Evidence(
            2.1,
            "published",
            "metcalfe2019",
            "Pain on stairs or slopes, hip OA on X-ray vs other hip pain (not vs spine)",
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
        _te(
            1.5,
            "The article's table lists it for the hip; no LR found (clinical reference "
            "§2.4 NOT FOUND)",
        ),
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
        caveat="In lumbar stenosis bending forward often eases symptoms (Suri 2010, LR 6.4), "
        "so bending pain points to other spinal sources such as the discs.",
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
        ("==", "eases"),
        f"{_TABLE_HIP} (relief position)",
        None,
        "effect of sitting",
        _te(
            1.5,
            "Pain not eased by sitting lowers the odds of hip OA (Metcalfe 2019, LR 0.24); "
            "the LR for relief itself is not published",
        ),
        _neutral(
            "suri2010",
            "Not scored for the spine on its own; relief of leg symptoms when seated is the "
            "stenosis pattern (see the next finding)",
        ),
        caveat="The article says sitting eases hip pain; sitting also eases lumbar stenosis, "
        "and reliably so when the relief is of leg symptoms (Suri 2010, LR 7.4).",
    ),
    Finding(
        "sitting_eases_leg_symptoms",
        "Sitting eases leg symptoms (pain below the knee or tingling)",
        "sitting_effect",
        ("==", "eases"),
        f"{_TABLE_HIP} (relief position), qualified by the evidence",
        "shared_nerves",
        "effect of sitting",
        _neutral("metcalfe2019", "Sitting relief in hip OA is already counted above"),
        Evidence(
            7.4,
            "published",
            "suri2010",
            "No pain when seated: lumbar spinal stenosis syndrome vs other causes of leg pain "
            "in older adults (95% CI 1.9-30)",
        ),
        caveat="Leg symptoms that settle when sitting are the classic pattern of lumbar "
        "stenosis (Suri 2010), the opposite of what the article's table suggests.",
        requires_any=("pain_below_knee", "numbness_tingling"),
    ),
    Finding(
        "sitting_worsens",
        "Sitting makes the pain worse",
        "sitting_effect",
        ("==", "worsens"),
        f"{_TABLE_SPINE} (relief position)",
        None,
        "effect of sitting",
        Evidence(
            0.24,
            "published",
            "metcalfe2019",
            "Pain not improved by sitting, hip OA on X-ray vs other hip pain: LR 0.24",
        ),
        _te(
            2.0,
            "The article's table says spinal pain is often worse sitting (disc loading); "
            "no LR published",
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
            "Decreased passive internal rotation, hip OA on X-ray vs other hip pain",
        ),
        _neutral(
            "prather2017",
            "75% of people presenting with back pain also have reduced hip "
            "rotation, so it does not argue against the spine",
        ),
        caveat="Brown 2004 reported limited rotation made a hip source about 14 times more "
        "likely; that is an odds-type figure from a secondary source, so the kit uses "
        "Metcalfe 2019 instead.",
    ),
    Finding(
        "difficulty_crossing_legs",
        "Difficulty crossing the legs",
        "difficulty_crossing_legs",
        ("is", True),
        f"{_TABLE_HIP} (range of motion); hip OA symptoms",
        "compensation",
        "hip-dependent function",
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
        _te(
            2.0,
            "The article's FAQ singles it out as a hip clue; no LR published (clinical "
            "reference §2.4 NOT FOUND)",
        ),
        _neutral("teaching_estimate", "No spine figure published"),
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
            "Brief morning stiffness is part of NICE NG226's clinical diagnosis of OA; "
            "no LR published for hip vs spine",
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
        _te(1.3, "Mechanical symptoms point to the joint itself; no LR published"),
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
            "Often reported with hip pathology (Brown 2004 is quoted as about 7 times, "
            "unverified, so not used); a modest weight",
        ),
        _neutral("suri2010", "Gait changes also occur in stenosis"),
    ),
    # --- Nerve signs ---------------------------------------------------------------------------
    Finding(
        "numbness_tingling",
        "Numbness or tingling in the leg",
        "numbness_tingling",
        ("is", True),
        "Mechanism 3; FAQ (mimics sciatica)",
        "shared_nerves",
        "nerve-root signs",
        _neutral(
            "tawa2017",
            "Hip OA can mimic sciatica (article) but does not cause dermatomal sensory loss",
        ),
        _derived(0.61, 0.63, "tawa2017", "Dermatomal sensory deficit for radiculopathy on MRI"),
    ),
    Finding(
        "positive_slr",
        "Straight-leg raise reproduces leg pain",
        "positive_slr",
        ("is", True),
        "Mechanism 3 (mimics sciatica)",
        "shared_nerves",
        "nerve-root signs",
        _neutral("deville2000", "Not a test of the hip joint"),
        _derived(
            0.90,
            0.23,
            "deville2000",
            "Disc herniation with radiculopathy at surgery (straight-leg raise)",
        ),
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
        0.34,
        "published",
        "metcalfe2019",
        "34% of primary-care patients with hip or groin pain have radiographic hip OA. "
        "X-ray OA is not proof that the hip hurts, so treat this as an anchor, not a fact.",
    ),
    "spine": Pretest(
        0.40,
        "teaching estimate",
        "teaching_estimate",
        "No study reports how often the lumbar spine is a pain source when the hip is also "
        "suspected; set a little above the hip anchor because back pain is the presenting "
        "complaint. Change it to see how much the starting point matters.",
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
        "Its items (squat pain, scour test, active flexion and extension pain) are not in the "
        "case record, and the 5-of-5 LR (7.3) being lower than 4-of-5 shows how unstable small "
        "derivation samples are.",
    ),
    (
        "Brown 2004: limited rotation, limp, groin pain",
        "About 14 times (rotation), 7 times (limp, groin) more likely hip than spine",
        "Odds-type figures seen only in secondary sources (clinical reference §8).",
    ),
)
