"""The truths, the spine patterns and the people they happen to (age, sex, BMI, duration,
hip stage, incidental radiographic hip OA).
"""

from __future__ import annotations

from dataclasses import dataclass

from hipback.cohort.parameters.sources import Freq, _te

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
        "is estimated in 19-47% of adults over 60 (UPMC physician resources)",
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
