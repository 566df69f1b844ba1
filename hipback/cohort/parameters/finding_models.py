"""How often each finding occurs given the true pain source (:data:`FINDING_MODELS`), the
effect of sitting, morning stiffness, and the published figures shared with the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from hipback.cohort.parameters.people import INCIDENTAL_ROTATION
from hipback.cohort.parameters.sources import Freq, _te


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

#: Pain on passive hip movement when the spine, not the hip, drives the pain: a teaching
#: estimate between two published anchors that measure different people.
_PROVOCATION_IN_SPINE = _te(
    0.20,
    "Between Metcalfe 2019 (groin pain on passive abduction or adduction in 6% of people "
    "without hip OA: specificity 0.94) and Prather 2017 (in people presenting with back pain, "
    "25%, 32% and 23% had 1, 2 and 3 positive provocative hip tests, 80% at least one; some may "
    "have had a hip source too)",
)

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
        _te(0.30, "Standing still loads the painful hip, though less than walking"),
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
        _PROVOCATION_IN_SPINE,
        _PROVOCATION_IN_SPINE,
        _PROVOCATION_IN_SPINE,
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

#: Published figures the generator shares with the reasoning catalogue (the same numbers
#: appear on both sides, so on these findings the cohort is not an independent check):
SHARED_WITH_CATALOGUE: tuple[str, ...] = (
    "pain_groin (Khan 2004 sensitivity 84.3%, specificity 70.3%)",
    "hip_rotation_limited (Metcalfe 2019 sensitivity 0.66, specificity 0.79)",
    "dermatomal_sensory_loss (Tawa 2017 sensitivity 0.61)",
    "positive_slr (Devillé 2000 sensitivity 0.90)",
    "sitting_effect (Metcalfe 2019 LR 0.24 for pain not improved by sitting: the generator "
    "uses the bound it sets, at least 76% of hip OA eased by sitting)",
    "hip_oa_stage (Kim 2014: radiographic hip OA in 19.6% of adults 50 and over; the generator "
    "gives it to spine-driven cases of that age, the catalogue derives the X-ray's LRs from it)",
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
        _te(
            0.80,
            "No pain when seated is the strongest stenosis item of the history (Suri 2010, LR 7.4)",
        ),
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
