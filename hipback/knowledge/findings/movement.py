"""Findings: movement, function and history.

Entries of :data:`hipback.knowledge.findings.FINDINGS`.
"""

from __future__ import annotations

from hipback.knowledge.findings.model import (
    _METCALFE_POP,
    _TABLE_HIP,
    _TABLE_SPINE,
    Finding,
    _derived,
    _neutral,
    _pub,
    _te,
)

MOVEMENT: tuple[Finding, ...] = (
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
        hip_absent=_derived(
            0.33,
            0.94,
            "metcalfe2019",
            "Groin pain on passive abduction or adduction absent: 1 - sensitivity 0.33 over "
            "specificity 0.94, the same item as the LR+ (it replaces a teaching estimate of 0.5 "
            "taken from FADIR's LR- range for impingement, another test and condition)",
            negative=True,
            indirect=True,
            population=_METCALFE_POP,
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
        hip_absent=_te(
            0.8, "Shoes and socks need hip flexion with rotation, which a stiff hip limits"
        ),
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
)
