"""Management items for the hip: mobility, strength, walking (pillars 1-3) and weight (pillar 5)."""

from __future__ import annotations

from hipback.knowledge.management.model import (
    EXERCISE,
    OVERWEIGHT_BMI,
    ManagementItem,
    advises,
    against,
    consider,
    for_,
    silent,
)

HIP_PILLARS = (
    ManagementItem(
        "hip_mobility_exercises",
        "Hip mobility exercises",
        "hip mobility",
        "Daily range-of-motion work for the hip within comfort: controlled rotations in and "
        "out, bending and moving the leg out to the side.",
        EXERCISE,
        indication="Hip-driven or combined pain, especially with lost hip movement",
        article="Management 1: restore hip mobility",
        loading=True,
    ),
    ManagementItem(
        "hip_flexor_stretch",
        "Hip-flexor stretch",
        "hip mobility",
        "Stretch the front of the hip (half-kneeling or standing lunge stretch) to keep the hip "
        "straightening fully, so the pelvis and low back need not tilt to make up for it.",
        (
            # Silent, not "conditional for": neither guideline grades stretching; it can only
            # ride on their exercise recommendation (clinical reference, management table).
            silent(
                "nice_ng226",
                "Stretching is not named; it can be one part of the tailored therapeutic "
                "exercise NICE offers",
            ),
            silent(
                "acr2019",
                "Stretching is not named; exercise as a whole is strongly recommended",
            ),
            silent("oarsi2019", "Stretching alone is not a core treatment", tag="unverified"),
        ),
        beyond_guidelines="No guideline prescribes hip-flexor stretching on its own; it fits "
        "as one part of a tailored exercise programme, which is what the guidelines support.",
        indication="Hip-driven or combined pain",
        article="Management 1: restore hip mobility",
        loading=True,
    ),
    ManagementItem(
        "glute_core_strengthening",
        "Glute and core strengthening",
        "core and glute strength",
        "Progressive strengthening of the buttock, trunk and back muscles: bridges, side-lying "
        "leg raises, side planks, building load over weeks.",
        EXERCISE,
        indication="Hip-driven or combined pain",
        article="Management 1 and 2: glute bridges, side-lying leg raises, side planks",
        loading=True,
    ),
    ManagementItem(
        "graded_squats",
        "Graded squats and sit-to-stand practice",
        "core and glute strength",
        "Squats or standing up from a chair, to a depth that stays comfortable, progressed "
        "gradually.",
        EXERCISE,
        indication="Hip-driven or combined pain",
        article="Management 2: squats",
        caution="Pain on squatting is itself a sign of hip OA (Metcalfe 2019) and squatting is "
        "one item of the Sutlive 2008 rule, so grade depth and load and stop short of pain "
        "that lingers.",
        loading=True,
    ),
    ManagementItem(
        "walking_mechanics",
        "Walking and posture retraining",
        "posture and walking mechanics",
        "Physiotherapist-led work on an even walking pattern and standing posture: equal "
        "weight through both legs, step length, pelvic control and balance.",
        (
            silent(
                "nice_ng226",
                "Gait or posture retraining is not named; therapeutic exercise (local muscle "
                "strengthening, general aerobic fitness) is offered",
            ),
            silent(
                "acr2019",
                "Posture retraining is not named; neuromuscular (balance and movement-control) "
                "exercise is part of the strongly recommended exercise (p.224)",
            ),
            silent(
                "oarsi2019",
                "Not named; structured land-based exercise (strengthening, cardio, balance) is "
                "core",
            ),
        ),
        beyond_guidelines="The article makes posture and walking mechanics a pillar of its own. "
        "No guideline names posture or gait retraining; the guidelines support exercise, "
        "including neuromuscular (balance and movement-control) exercise, of which gait work "
        "can be one part. The kit offers it as an option, not a requirement.",
        indication="An option with a limp or pain on walking in hip-driven or combined pain",
        article="Management 3: posture and walking mechanics",
        loading=True,
    ),
    ManagementItem(
        "walking_aid",
        "Walking aid (stick in the opposite hand)",
        "posture and walking mechanics",
        "A walking stick held in the hand opposite the painful hip, to unload it and even out "
        "the gait.",
        (
            consider(
                "nice_ng226", "1.3.10: consider walking aids for lower-limb OA", tag="secondary"
            ),
            for_(
                "acr2019",
                "Cane strongly recommended when hip OA has a large enough impact on walking, "
                "stability or pain (p.226)",
            ),
            consider(
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
            against(
                "nice_ng226",
                "1.3.11: do not routinely offer insoles, braces, tape, splints or supports, "
                "unless instability or abnormal loading, exercise ineffective without them, and "
                "likely to improve function",
                "conditional",
                tag="secondary",
            ),
            against(
                "acr2019",
                "Modified shoes and wedged insoles conditionally recommended against (p.226)",
                "conditional",
            ),
            against("nice_ng59", "Do not offer foot orthotics or rocker-sole shoes for back pain"),
        ),
        beyond_guidelines="The article suggests supportive footwear or a gait specialist. "
        "Guidelines do not routinely support special shoes or insoles (NICE only in narrow "
        "cases; NG59 not for back pain) and 'gait specialist' is not a guideline category: "
        "physiotherapist-led exercise and a walking stick are.",
        indication="Not routinely: only the narrow NG226 1.3.11 exceptions",
        article="Management 3: posture and walking mechanics",
    ),
)


WEIGHT = (
    ManagementItem(
        "weight_management",
        "Support weight loss",
        "weight management",
        "Agree a realistic weight-loss goal and a plan (diet, activity, local weight "
        "service); any loss helps, and more loss tends to help more.",
        (
            for_(
                "nice_ng226",
                "If overweight or obese, support a weight-loss goal: any amount is beneficial, "
                "but losing 10% is likely to be better than 5%",
            ),
            for_(
                "acr2019",
                "Weight loss strongly recommended for knee and/or hip OA in people who are "
                "overweight or obese (p.225)",
            ),
            silent(
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
            for_(
                "nice_ng226",
                "Weight management is core if appropriate, that is, if overweight or obese",
            ),
            advises(
                "who_bmi",
                f"Definition, not a recommendation: overweight from BMI {OVERWEIGHT_BMI:g}",
                tag="unverified",
            ),
        ),
        indication="BMI not recorded",
        article="Management 5: weight management",
    ),
)
