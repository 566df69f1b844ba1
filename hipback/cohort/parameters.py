"""The synthetic cohort's own parameters, in one documented place.

:func:`hipback.cohort.sampler.generate_cases` draws every case from the numbers in
this module and from nowhere else. They are deliberately **not** the
classifier's likelihood ratios (:mod:`hipback.knowledge.findings`): the generator says
how often each finding occurs *given the true pain source*, taken from the
literature where a frequency has been published (Lesher 2008 and
Khan 2004 pain maps, Metcalfe 2019, Suri 2010, Parvizi 2010, Framingham) and
labelled ``"teaching estimate"`` everywhere else. It is **not** an
independent external check: five published figures appear on both sides
(:data:`SHARED_WITH_CATALOGUE`), and both sides were written by the same
authors from the same literature. What it does test is the counting (the
correlations through severity, the overlap rule, the absent findings, the
mimics) on cases the classifier's own numbers did not produce.

How a case is drawn (the story the numbers tell)
------------------------------------------------
1. **Truth.** The primary pain driver (``hip``, ``spine`` or ``combined``) from
   :data:`TRUTH_PREVALENCE`; spine-driven pain has a pattern
   (:data:`SPINE_PATTERNS`: stenosis, nerve-root or mechanical back pain).
2. **The person.** Age, sex, body-mass index and symptom duration depend on the
   truth and pattern (:data:`PERSON`).
3. **Latent severity.** Each active source has a severity ``z`` (standard
   normal; hip severity rises with age). Findings that reflect a stiff,
   worn joint load on it together (:class:`FindingModel` ``loading``), so a
   severe hip limits rotation, socks and shoes, car transfers and gait *at the
   same time*: the findings are correlated given the truth, and the
   classifier's independence assumption is visibly wrong in the cohort. Pain
   *location* does not load on severity, because Khan 2004 found that
   radiographic severity did not predict where the pain is felt.
4. **Findings.** Each source that is active produces a finding independently
   with its own probability (a "noisy OR"), plus a small background rate
   (:data:`BACKGROUND`) that stands for noise: findings that turn up for no
   reason connected with the hip or the spine. With the ``moderate``
   difficulty the frequency of a finding among cases of one source equals the
   cited figure (the intercept is solved for it, :func:`channel_intercept`).
5. **Stage.** Hip-driven cases get a stage from their severity; spine-driven
   cases often carry *incidental* radiographic hip OA (Framingham: 19.6% of
   adults over 50 have it, only 4.2% have symptoms), which also makes hip
   rotation more often limited (:data:`INCIDENTAL_ROTATION`).
6. **Difficulty** (:data:`DIFFICULTY`): ``easy`` cases are textbook (more
   severe, little noise), ``hard`` cases are subtler and carry one of the
   :data:`MIMICS`.
7. **Red flags** (:data:`SERIOUS_PATHOLOGY`): a serious pathology is present
   at ``red_flag_rate`` and shows itself through the red-flag fields.

Every probability below is a frequency (0-1) with its :class:`Source`.
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


#: Truths, in the order used for categorical codes.
TRUTHS: tuple[str, ...] = ("hip", "spine", "combined")

#: How often each truth occurs among people in whom the hip-or-spine question arises.
TRUTH_PREVALENCE: dict[str, Freq] = {
    "hip": _te(0.40, "Hip-driven pain, including back pain secondary to the hip"),
    "spine": _te(0.40, "Spine-driven pain, hip findings absent or incidental"),
    "combined": _te(
        0.20,
        "Both drive the pain; anchored on Prather 2012 (18% of people having hip replacement "
        "were also seen by a spine specialist) and Parvizi 2010 (a third of back pain "
        "persisted after hip replacement)",
    ),
}

#: Spine patterns (ground truth ``spine_pattern``); "none" when the spine is not a source.
SPINE_PATTERNS: tuple[str, ...] = ("none", "stenosis", "radicular", "mechanical")

#: Share of each pattern among spine-driven cases.
SPINE_PATTERN_SHARE: dict[str, Freq] = {
    "stenosis": _te(
        0.40,
        "Older population in which hip OA is also considered; stenosis "
        "is estimated in 19-47% of adults over 60 (UPMC patient information)",
    ),
    "radicular": _te(0.25, "Nerve-root pain (disc) with leg symptoms"),
    "mechanical": _te(0.35, "Non-specific mechanical low back pain"),
}


@dataclass(frozen=True, slots=True)
class PersonModel:
    """Age, sex, body-mass index and duration for one truth / pattern.

    Ages are normal (mean, sd) clipped to [18, 95]; BMI is normal clipped to
    [16, 55] and rounded to 0.1; symptom weeks are log-normal around a median.
    """

    age_mean: float
    age_sd: float
    female: float
    bmi_mean: float
    bmi_sd: float
    weeks_median: float
    source: str
    note: str


#: Person model by truth ("hip", "combined") or spine pattern.
PERSON: dict[str, PersonModel] = {
    "hip": PersonModel(
        66,
        10,
        0.60,
        29.0,
        5.0,
        52,
        "teaching_estimate",
        "Hip OA is rare before 50 (Metcalfe 2019: age under 60 LR 0.11) and a "
        "little commoner in women and with higher BMI",
    ),
    "combined": PersonModel(
        68,
        9,
        0.58,
        29.0,
        5.0,
        60,
        "teaching_estimate",
        "As for the hip, a little older (both conditions accumulate)",
    ),
    "stenosis": PersonModel(
        71,
        8,
        0.50,
        28.0,
        4.5,
        52,
        "teaching_estimate",
        "Stenosis is a condition of older adults (Suri 2010: age over 70 LR 2.0, under 60 LR 0.40)",
    ),
    "radicular": PersonModel(
        46,
        12,
        0.45,
        27.0,
        4.5,
        8,
        "teaching_estimate",
        "Disc-related nerve-root pain peaks in mid-life and is often recent",
    ),
    "mechanical": PersonModel(
        52, 14, 0.50, 27.5, 5.0, 16, "teaching_estimate", "Non-specific back pain across adult life"
    ),
}

#: Age limits the generator draws within (inside the case record's 18-110).
AGE_RANGE: tuple[int, int] = (18, 95)
#: BMI limits the generator draws within (inside the case record's 12-80).
BMI_RANGE: tuple[float, float] = (16.0, 55.0)
#: Spread of log(symptom weeks) around the median.
WEEKS_LOG_SD: float = 0.8
#: Symptom weeks are kept within 0 to 10 years (the log-normal tail is not realistic beyond).
WEEKS_RANGE: tuple[int, int] = (0, 520)
#: Share of cases whose sex is not recorded.
SEX_UNSPECIFIED = _te(0.03, "Some records do not state sex")
#: Share of cases without a recorded BMI / duration (optional fields left empty).
BMI_MISSING = _te(0.10, "BMI is often not measured at a first visit")
WEEKS_MISSING = _te(0.05, "Duration sometimes not recorded")
#: How strongly hip severity rises with age (correlation of z_hip with standardised age).
AGE_SEVERITY_CORRELATION: float = 0.4

#: Stage of hip-driven OA from hip severity z: early below the first cut, advanced above the
#: second (teaching estimate: roughly a third each).
STAGE_CUTS: tuple[float, float] = (-0.45, 0.45)
#: Hip-driven cases with no X-ray on record (stage "unknown").
STAGE_UNKNOWN_HIP = _te(
    0.35,
    "NICE NG226 advises diagnosing OA clinically without imaging, so many hip cases have no X-ray",
)
#: Spine-driven cases: incidental radiographic hip OA (age 50 and over / under 50).
INCIDENTAL_OA_50 = Freq(
    0.196,
    "kim2014",
    "Radiographic hip OA in community adults 50 and over (Framingham); only 4.2% had symptoms",
)
INCIDENTAL_OA_UNDER_50 = _te(0.05, "Radiographic hip OA is uncommon before 50")
#: Share of incidental OA graded moderate (the rest early).
INCIDENTAL_MODERATE = _te(0.30, "Most incidental OA is mild")
#: Spine-driven cases with no hip X-ray on record.
STAGE_UNKNOWN_SPINE = _te(0.50, "People presenting with back pain often have no hip X-ray")

#: Probability of limited hip rotation in spine-driven cases, by incidental hip stage.
INCIDENTAL_ROTATION: dict[str, Freq] = {
    "none": Freq(
        0.21,
        "metcalfe2019",
        "1 - specificity 0.79 of decreased passive internal rotation among people without hip OA",
    ),
    "unknown": _te(
        0.30,
        "Mixture of the other rows; Prather 2017 found reduced rotation in "
        "75% of people with back pain, with a lenient threshold",
    ),
    "early": _te(0.35, "Incidental early OA stiffens the hip a little"),
    "moderate": _te(0.55, "Incidental moderate OA limits rotation often, without driving pain"),
}


@dataclass(frozen=True, slots=True)
class FindingModel:
    """How one yes/no finding arises.

    Attributes
    ----------
    field : str
        The case-record field.
    hip : Freq
        Frequency when the hip drives the pain.
    stenosis, radicular, mechanical : Freq
        Frequency for each spine pattern.
    loading : float
        Log-odds added per unit of the active source's severity (0 = not
        related to severity). The same severity drives all the findings of
        one case, which is what correlates them.
    background : float
        Chance the finding appears with neither source (noise; teaching estimate).
    """

    field: str
    hip: Freq
    stenosis: Freq
    radicular: Freq
    mechanical: Freq
    loading: float = 0.0
    background: float = 0.02


#: Background (noise) rate: how often any finding turns up unrelated to hip or spine.
BACKGROUND = _te(0.02, "Noise: a finding reported for an unrelated reason")

_LESHER = "lesher2008"
_KHAN = "khan2004"

#: One model per yes/no finding of the history and examination (red flags come from
#: :data:`SERIOUS_PATHOLOGY`). Order is the case-record order.
FINDING_MODELS: tuple[FindingModel, ...] = (
    FindingModel(
        "pain_groin",
        Freq(0.843, _KHAN, "Groin pain in hip OA awaiting hip replacement (sensitivity 84.3%)"),
        Freq(
            0.297,
            _KHAN,
            "Groin pain in spinal stenosis awaiting decompression (1 - specificity 0.703)",
        ),
        _te(0.15, "Upper lumbar roots can refer to the groin; uncommon"),
        _te(0.10, "Rare in mechanical back pain"),
    ),
    FindingModel(
        "pain_buttock",
        Freq(0.71, _LESHER, "Buttock pain in hip-injection responders: 71%, the commonest site"),
        _te(0.65, "Buttock pain is usual in stenosis, often on both sides (Suri 2010)"),
        _te(0.60, "Nerve-root pain commonly starts in the buttock"),
        _te(0.40, "Mechanical back pain often spreads to the buttock"),
    ),
    FindingModel(
        "pain_anterior_thigh",
        Freq(0.27, _LESHER, "Anterior thigh pain in hip-injection responders: 27%"),
        _te(0.20, "Upper lumbar roots supply the front of the thigh"),
        _te(0.20, "L3-L4 nerve-root pain runs down the front of the thigh"),
        _te(0.05, "Rare in mechanical back pain"),
    ),
    FindingModel(
        "pain_lower_back",
        Freq(0.494, "parvizi2010", "Back pain before hip replacement: 170 of 344 (49.4%)"),
        _te(0.85, "Back pain is usual in stenosis"),
        _te(0.80, "Nerve-root pain usually comes with back pain"),
        _te(0.97, "Back pain is the complaint itself"),
    ),
    FindingModel(
        "pain_below_knee",
        Freq(
            0.22,
            _LESHER,
            "Below-knee pain in hip-injection responders: 22% (Khan 2004 found "
            "47% in people awaiting hip replacement, some of whom had spine disease too)",
        ),
        _te(0.55, "Stenosis symptoms often run into the legs"),
        _te(
            0.80,
            "Nerve-root pain typically runs below the knee (Parvizi 2010: below-knee "
            "pain went with spine disorders)",
        ),
        _te(0.05, "Mechanical back pain stays above the knee"),
    ),
    FindingModel(
        "worse_walking",
        _te(
            0.80,
            "Walking pain is sensitive for hip OA: its absence has LR 0.25-0.58 (Metcalfe 2019)",
        ),
        _te(0.85, "Neurogenic claudication, walking-provoked leg pain (Suri 2010)"),
        _te(0.40, "Walking often aggravates nerve-root pain"),
        _te(0.30, "Sometimes worse walking"),
        loading=0.6,
    ),
    FindingModel(
        "worse_stairs",
        _te(
            0.50,
            "Teaching estimate: the middle of the sensitivity range 0.33-0.68 that Metcalfe "
            "2019 gives for three findings grouped together (stairs, family and knee history)",
        ),
        _te(0.25, "Stairs less typical of stenosis"),
        _te(0.25, "Stairs less typical of nerve-root pain"),
        _te(0.20, "Stairs less typical of mechanical pain"),
        loading=0.6,
    ),
    FindingModel(
        "worse_sit_to_stand",
        _te(0.60, "Rising from a chair loads the hip in deep flexion"),
        _te(0.30, "Start-up pain on standing"),
        _te(0.35, "Standing up can jolt nerve-root pain"),
        _te(0.40, "Standing up after sitting is often stiff and sore"),
        loading=0.6,
    ),
    FindingModel(
        "worse_bending",
        _te(0.20, "Bending is hard with a stiff hip but is not the main aggravator"),
        _te(0.15, "Bending forward eases stenosis (Suri 2010, LR 6.4 for relief)"),
        _te(0.70, "Disc pain is provoked by bending"),
        _te(0.75, "Mechanical back pain is provoked by bending"),
        loading=0.3,
    ),
    FindingModel(
        "worse_twisting",
        _te(0.15, "Twisting on a planted leg can hurt the hip"),
        _te(0.20, "Twisting is not typical of stenosis"),
        _te(0.40, "Twisting can provoke disc pain"),
        _te(0.60, "Twisting is a classic mechanical aggravator"),
        loading=0.3,
    ),
    FindingModel(
        "worse_prolonged_sitting",
        _te(0.30, "Stiffness after sitting is an OA symptom named in the source article"),
        _te(0.10, "Sitting relieves stenosis"),
        _te(0.65, "Sustained flexion loads the disc"),
        _te(0.50, "Sustained postures aggravate mechanical pain"),
    ),
    FindingModel(
        "hip_rotation_limited",
        Freq(
            0.66, "metcalfe2019", "Decreased passive internal rotation in hip OA: sensitivity 0.66"
        ),
        # Spine-driven cases use INCIDENTAL_ROTATION instead; these rows are not used.
        INCIDENTAL_ROTATION["unknown"],
        INCIDENTAL_ROTATION["unknown"],
        INCIDENTAL_ROTATION["unknown"],
        loading=1.5,
    ),
    FindingModel(
        "difficulty_crossing_legs",
        _te(0.45, "Crossing the legs needs hip rotation and flexion (source article)"),
        _te(0.10, "Not expected from the spine"),
        _te(0.15, "A stretched nerve root can make it awkward"),
        _te(0.08, "Not expected from the spine"),
        loading=1.5,
    ),
    FindingModel(
        "difficulty_shoes_socks",
        _te(0.50, "Reaching the foot needs deep hip flexion (source article FAQ)"),
        _te(0.15, "Bending to the feet can hurt the back"),
        _te(0.30, "Bending to the feet tensions the nerve root"),
        _te(0.20, "Bending to the feet can hurt the back"),
        loading=1.5,
    ),
    FindingModel(
        "difficulty_car_transfer",
        _te(0.45, "Getting into a car needs hip flexion and rotation (source article)"),
        _te(0.10, "Not expected from the spine"),
        _te(0.15, "Twisting into a car can provoke nerve-root pain"),
        _te(0.12, "Twisting into a car can provoke back pain"),
        loading=1.5,
    ),
    FindingModel(
        "spine_stiffness_bending",
        _te(0.20, "The lumbar spine stiffens as it compensates for the hip (source article)"),
        _te(0.40, "Extension is limited and painful in stenosis"),
        _te(0.50, "Flexion is guarded in nerve-root pain"),
        _te(0.70, "Stiffness is usual in mechanical back pain"),
        loading=0.8,
    ),
    FindingModel(
        "clicking_catching",
        _te(0.25, "Mechanical hip symptoms named in the source article"),
        _te(0.03, "Not expected from the spine"),
        _te(0.03, "Not expected from the spine"),
        _te(0.05, "Not expected from the spine"),
        loading=0.3,
    ),
    FindingModel(
        "limp",
        _te(0.45, "Antalgic gait with a painful hip (Brown 2004 is quoted, unverified)"),
        _te(0.20, "Gait changes in stenosis (Suri 2010: wide-based gait)"),
        _te(0.15, "Limping with severe leg pain"),
        _te(0.05, "Uncommon"),
        loading=1.2,
    ),
    FindingModel(
        "numbness_tingling",
        _te(0.10, "Hip OA can mimic sciatica (source article) but rarely gives sensory symptoms"),
        _te(0.50, "Sensory symptoms in the legs are common in stenosis"),
        _te(
            0.61,
            "Reported numbness or tingling in nerve-root pain: no published frequency for the "
            "symptom; set at the sensitivity of the examination sign (Tawa 2017: dermatomal "
            "deficit 0.61), which is a different finding (clinical audit item 8)",
        ),
        _te(0.05, "Not expected"),
        loading=0.5,
    ),
    FindingModel(
        "positive_slr",
        _te(0.05, "Not a hip test; a stiff hip can make it uncomfortable"),
        _te(0.15, "Usually negative in stenosis"),
        Freq(
            0.90,
            "deville2000",
            "Straight-leg raise in disc herniation with radiculopathy "
            "confirmed at surgery: sensitivity 0.90",
        ),
        _te(0.10, "Hamstring tightness is sometimes read as positive"),
        loading=0.5,
    ),
    FindingModel(
        "pain_posterior_thigh",
        Freq(0.24, _LESHER, "Posterior thigh pain in hip-injection responders: 24%"),
        _te(0.45, "Stenosis symptoms often run down the back of the thighs"),
        _te(0.70, "L5-S1 nerve-root pain runs down the back of the thigh"),
        _te(0.15, "Mechanical back pain sometimes refers to the posterior thigh"),
    ),
    FindingModel(
        "pain_lateral_hip",
        Freq(0.77, "poulsen2016", "Pain at the greater trochanter in primary-care hip OA: 77%"),
        _te(0.25, "Lumbar referral to the side of the hip"),
        _te(0.20, "L5 referral to the side of the hip"),
        _te(0.15, "Occasional lateral referral"),
    ),
    FindingModel(
        "pain_knee",
        Freq(0.17, "poulsen2016", "Knee pain in primary-care hip OA: 17%"),
        _te(0.10, "Occasional"),
        _te(0.15, "L3-L4 roots refer to the knee"),
        _te(0.03, "Rare"),
    ),
    FindingModel(
        "bilateral_leg_symptoms",
        _te(0.10, "Hip OA is sometimes bilateral"),
        _te(0.65, "Stenosis typically gives symptoms in both legs (Suri 2010)"),
        _te(0.08, "Nerve-root pain is usually one-sided"),
        _te(0.05, "Rare"),
    ),
    FindingModel(
        "leg_pain_worse_than_back",
        _te(0.55, "Hip pain is felt in the groin and thigh more than the back"),
        _te(0.50, "Leg symptoms often dominate in stenosis"),
        _te(0.75, "Leg-dominant pain is the mark of sciatica (NICE NG59)"),
        _te(0.05, "Back pain dominates by definition"),
    ),
    FindingModel(
        "worse_standing",
        _te(0.30, "Standing loads the painful hip"),
        _te(0.70, "Standing extends the spine and provokes neurogenic claudication"),
        _te(0.25, "Sometimes"),
        _te(0.35, "Sustained standing aggravates mechanical pain"),
        loading=0.3,
    ),
    FindingModel(
        "worse_lumbar_extension",
        _te(0.10, "Extension stresses the hip little"),
        _te(0.55, "Extension narrows the canal in stenosis"),
        _te(0.25, "Sometimes"),
        _te(0.50, "Extension provokes facet and mechanical pain"),
        loading=0.3,
    ),
    FindingModel(
        "eased_by_bending_forward",
        _te(0.05, "Not a hip pattern"),
        _te(0.70, "Flexion relief is characteristic of stenosis (Suri 2010)"),
        _te(0.10, "Flexion usually aggravates disc pain"),
        _te(0.10, "Uncommon"),
    ),
    FindingModel(
        "hip_pain_on_passive_movement",
        _te(0.70, "Passive rotation or flexion-adduction reproduces the pain of a painful hip"),
        _te(0.20, "Provocative hip tests are often positive in back pain (Prather 2017)"),
        _te(0.20, "Provocative hip tests are often positive in back pain (Prather 2017)"),
        _te(0.20, "Provocative hip tests are often positive in back pain (Prather 2017)"),
        loading=1.0,
    ),
    FindingModel(
        "dermatomal_sensory_loss",
        _te(0.02, "Hip OA does not cause dermatomal loss"),
        _te(0.30, "Sensory loss occurs in stenosis, often patchy"),
        Freq(0.61, "tawa2017", "Dermatomal sensory deficit in radiculopathy: sensitivity 0.61"),
        _te(0.03, "Not expected"),
        loading=0.5,
    ),
    FindingModel(
        "reflex_change",
        _te(0.04, "Reflexes fade with age regardless of the hip"),
        _te(0.30, "Ankle reflexes are often reduced in stenosis"),
        _te(0.45, "Reflex change in radiculopathy (specificity 0.60-0.93, Tawa 2017)"),
        _te(0.05, "Not expected"),
        loading=0.5,
    ),
    FindingModel(
        "myotomal_weakness",
        _te(0.05, "Pain inhibition is not myotomal"),
        _te(0.20, "Some weakness in stenosis"),
        _te(0.35, "Motor weakness in radiculopathy (sensitivity 0.13-0.61, Tawa 2017)"),
        _te(0.03, "Not expected"),
        loading=0.5,
    ),
    FindingModel(
        "positive_femoral_nerve_stretch",
        _te(0.08, "Hip extension in the test can hurt an arthritic hip"),
        _te(0.10, "Occasional"),
        _te(0.15, "Upper lumbar roots are a minority of nerve-root pain"),
        _te(0.03, "Rare"),
    ),
    FindingModel(
        "prior_hip_replacement",
        _te(0.02, "A replaced hip is rarely the driver"),
        _te(0.08, "New or persisting back pain after hip replacement (Parvizi 2010)"),
        _te(0.04, "Occasional"),
        _te(0.05, "Occasional"),
        background=0.0,
    ),
    FindingModel(
        "prior_spine_surgery",
        _te(0.05, "Some people with hip pain have had spine surgery (Devin 2012)"),
        _te(0.12, "Previous decompression"),
        _te(0.10, "Previous discectomy"),
        _te(0.06, "Occasional"),
        background=0.0,
    ),
)

#: Not assessed: the chance each field is recorded at all (True or False) in a first
#: consultation, by kind of question (teaching estimates: a history is usually taken in full,
#: a neurological examination less often, a femoral nerve stretch only when thigh pain
#: suggests it). Easy (textbook) cases are assessed more fully (:data:`EASY_ASSESSED_BOOST`).
ASSESSED: dict[str, Freq] = {
    "history": _te(0.85, "History items are usually asked"),
    "pain_location": _te(
        0.97,
        "Where it hurts is the presenting complaint: the body chart of a first "
        "consultation records each area, painful or clear, so a location is rarely left "
        "unasked (and one that hurts is always recorded: the person reports it)",
    ),
    "hip_exam": _te(0.80, "The hip is examined in most hip-or-spine consultations"),
    "neuro_exam": _te(0.65, "A neurological examination is often, not always, done"),
    "special": _te(0.35, "Femoral nerve stretch only when thigh pain suggests it"),
    "red_flags": _te(0.85, "Red-flag screening questions are usually asked"),
}
#: Which assessment kind each field belongs to (history when not listed).
ASSESSMENT_KIND: dict[str, str] = {
    **{
        name: "pain_location"
        for name in (
            "pain_groin",
            "pain_buttock",
            "pain_anterior_thigh",
            "pain_lateral_hip",
            "pain_knee",
            "pain_lower_back",
            "pain_posterior_thigh",
            "pain_below_knee",
        )
    },
    "hip_rotation_limited": "hip_exam",
    "hip_pain_on_passive_movement": "hip_exam",
    "spine_stiffness_bending": "hip_exam",
    "positive_slr": "neuro_exam",
    "dermatomal_sensory_loss": "neuro_exam",
    "reflex_change": "neuro_exam",
    "myotomal_weakness": "neuro_exam",
    "positive_femoral_nerve_stretch": "special",
}
#: Easy cases: the chance of not being assessed is multiplied by this.
EASY_ASSESSED_BOOST: float = 0.3

#: Published figures the generator shares with the reasoning catalogue (the same numbers
#: appear on both sides, so on these findings the cohort is not an independent check):
SHARED_WITH_CATALOGUE: tuple[str, ...] = (
    "pain_groin (Khan 2004 sensitivity 84.3%, specificity 70.3%)",
    "hip_rotation_limited (Metcalfe 2019 sensitivity 0.66, specificity 0.79)",
    "dermatomal_sensory_loss (Tawa 2017 sensitivity 0.61)",
    "positive_slr (Devillé 2000 sensitivity 0.90)",
    "sitting_effect (Metcalfe 2019 LR 0.24 for pain not improved by sitting: the generator "
    "uses the bound it sets, at least 76% of hip OA eased by sitting)",
)

#: Effect of sitting: probabilities of ("eases", "worsens") per source; the rest is "no_change".
SITTING: dict[str, tuple[Freq, Freq]] = {
    "hip": (
        Freq(
            0.76,
            "metcalfe2019",
            "Pain not improved by sitting has LR 0.24 for hip OA (Metcalfe 2019). That LR is "
            "(1 - sensitivity) / specificity of 'improved by sitting', so pain is not improved "
            "in at most 0.24 x specificity, at most 24%, of hip OA: at least 76% are eased. The "
            "generator uses that bound (the old 60% contradicted the figure it cited)",
        ),
        _te(0.08, "Sitting occasionally aggravates the hip (inside the 24% not improved)"),
    ),
    "stenosis": (
        _te(0.80, "No pain when seated is the strongest stenosis sign (Suri 2010, LR 7.4)"),
        _te(0.03, "Rare"),
    ),
    "radicular": (
        _te(0.10, "Some nerve-root pain eases sitting"),
        _te(0.60, "Sitting loads the disc"),
    ),
    "mechanical": (
        _te(0.20, "Varies"),
        _te(0.35, "Sustained sitting aggravates mechanical pain"),
    ),
}

#: Worse after prolonged sitting is coherent with the sitting effect: this replaces the
#: per-source frequency when sitting worsens or eases the pain (teaching estimate).
PROLONGED_SITTING_GIVEN: dict[str, float] = {"worsens": 0.85, "eases": 0.10}

#: Morning stiffness: probability of none, and the median minutes when present, per source.
MORNING_STIFFNESS: dict[str, tuple[Freq, float]] = {
    "hip": (
        _te(
            0.25,
            "Most people with hip OA have brief morning stiffness, 30 minutes or "
            "less (NICE NG226 clinical diagnosis)",
        ),
        15.0,
    ),
    "stenosis": (_te(0.55, "Stiffness is not typical of stenosis"), 10.0),
    "radicular": (_te(0.60, "Stiffness is not typical of nerve-root pain"), 10.0),
    "mechanical": (_te(0.40, "Mechanical back pain is often stiff in the morning"), 20.0),
}
#: Spread of log(minutes) of morning stiffness; minutes are rounded to 5.
STIFFNESS_LOG_SD: float = 0.6

#: Difficulty: share in a "mixed" cohort, severity shift and how much noise is kept.
DIFFICULTY: dict[str, tuple[float, float, float]] = {
    # name: (share in "mixed", severity shift, multiplier on off-source findings)
    "easy": (0.30, 0.8, 0.3),
    "moderate": (0.40, 0.0, 1.0),
    "hard": (0.30, -0.5, 1.0),
}
DIFFICULTIES: tuple[str, ...] = tuple(DIFFICULTY)

#: The mimics used for hard cases, and the truths each can apply to.
MIMICS: dict[str, tuple[str, ...]] = {
    "hip_pain_below_knee": ("hip", "combined"),
    "stenosis_eased_by_sitting": ("spine",),
    "buttock_pain_fits_both": ("hip", "spine", "combined"),
    "red_flag_in_typical_hip": ("hip",),
}
MIMIC_NAMES: tuple[str, ...] = ("none", *MIMICS)

#: Serious pathologies behind red flags: share among flagged cases and, for each red-flag
#: field, the chance it is present (the first field listed is forced on if none is drawn).
SERIOUS_PATHOLOGY: dict[str, tuple[float, tuple[tuple[str, float], ...]]] = {
    "malignancy": (
        0.25,
        (
            ("history_of_cancer", 0.8),
            ("unexplained_weight_loss", 0.4),
            ("night_pain", 0.5),
            ("thoracic_pain", 0.2),
        ),
    ),
    "fracture": (
        0.20,
        (("major_trauma", 0.5), ("long_term_corticosteroids", 0.4), ("minor_trauma", 0.4)),
    ),
    "infection": (
        0.12,
        (("fever", 1.0), ("immunosuppressed_or_ivdu", 0.4), ("night_pain", 0.3)),
    ),
    "septic_arthritis": (0.05, (("hot_swollen_joint", 1.0), ("fever", 0.7))),
    "cauda_equina": (
        0.13,
        (
            ("saddle_anaesthesia", 0.8),
            ("bladder_bowel_dysfunction", 0.7),
            ("bilateral_sciatica", 0.4),
            ("sexual_dysfunction", 0.3),
            ("progressive_weakness", 0.3),
        ),
    ),
    "progressive_deficit": (0.10, (("progressive_weakness", 1.0),)),
    "aaa": (0.05, (("pulsatile_abdominal_mass", 1.0),)),
    "inflammatory": (0.10, (("inflammatory_back_pain", 1.0),)),
}
SERIOUS_PATHOLOGY_SOURCE = _te(
    1.0,
    "Shares are teaching estimates; fracture is the commonest serious pathology "
    "(Finucane 2020) but only major trauma is in the case record; history of cancer is the "
    "most useful malignancy flag (Downie 2013)",
)
PATHOLOGIES: tuple[str, ...] = ("none", *SERIOUS_PATHOLOGY)


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


def all_sources() -> list[tuple[str, str, str, float]]:
    """Every frequency parameter with its source, as rows (parameter, citation, note, p).

    ``citation`` is the short reference name or "teaching estimate"; the cohort
    lesson shows this table so learners see which numbers are published.

    Examples
    --------
    >>> rows = all_sources()
    >>> any(r[0] == "pain_groin | hip" for r in rows)
    True
    """
    from hipback.knowledge.references import REFERENCES

    def cite(f: Freq) -> str:
        return TEACHING_ESTIMATE if f.source == "teaching_estimate" else REFERENCES[f.source].short

    rows: list[tuple[str, str, str, float]] = []
    for name, f in TRUTH_PREVALENCE.items():
        rows.append((f"truth {name}", cite(f), f.note, f.p))
    for name, f in SPINE_PATTERN_SHARE.items():
        rows.append((f"spine pattern {name}", cite(f), f.note, f.p))
    for m in FINDING_MODELS:
        for source in ("hip", "stenosis", "radicular", "mechanical"):
            f = getattr(m, source)
            rows.append((f"{m.field} | {source}", cite(f), f.note, f.p))
    for stage, f in INCIDENTAL_ROTATION.items():
        rows.append(
            (f"hip_rotation_limited | spine, incidental stage {stage}", cite(f), f.note, f.p)
        )
    return rows
