"""Findings: where it hurts (entries of :data:`hipback.knowledge.findings.FINDINGS`)."""

from __future__ import annotations

from hipback.knowledge.findings.model import (
    _KHAN_POP,
    _NOT_SPINE,
    _SURI_POP,
    _TABLE_HIP,
    _TABLE_SPINE,
    Finding,
    _derived,
    _implied_absent,
    _neutral,
    _pub,
    _te,
)

LOCATION: tuple[Finding, ...] = (
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
        hip_absent=_implied_absent(
            0.27, 1.5, "lesher2008", "front-of-thigh pain in hip-injection responders"
        ),
        absent_label="no pain in the front of the thigh",
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
        hip_absent=_implied_absent(
            0.77, 1.3, "poulsen2016", "greater-trochanter pain in primary-care hip OA"
        ),
        absent_label="no pain over the side of the hip",
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
            "Pain below the knee was the feature most closely linked with spine disorders "
            "already present before hip replacement (Parvizi 2010); no LR published",
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
)
