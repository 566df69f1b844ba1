"""Findings: what makes it worse, and the effect of sitting.

Entries of :data:`hipback.knowledge.findings.FINDINGS`.
"""

from __future__ import annotations

from hipback.knowledge.findings.model import (
    _LEG,
    _METCALFE_POP,
    _SUB,
    _SURI_POP,
    _TABLE_HIP,
    _TABLE_SPINE,
    Finding,
    _implied_absent,
    _neutral,
    _pub,
    _te,
)

AGGRAVATORS: tuple[Finding, ...] = (
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
        hip_absent=_pub(
            0.58,
            "metcalfe2019",
            "No pain on walking: LR 0.25-0.58 for hip OA on X-ray; the kit takes 0.58, the end "
            "of the range nearest 1",
            indirect=True,
            population=_METCALFE_POP,
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
        hip_absent=_implied_absent(
            0.33,
            2.1,
            "metcalfe2019",
            "the lowest sensitivity Metcalfe 2019 gives for its three LR 2.1 items (stairs, "
            "family history, knee OA: 0.33-0.68)",
            why="the end of the range nearest 1 (0.47-0.79), as the item's own sensitivity is "
            "not given; another population, half weight",
            indirect=True,
        ),
        absent_label="stairs not painful",
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
        _neutral(
            "suri2010", "Standing still loads the hip less than walking; no hip figure published"
        ),
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
)
