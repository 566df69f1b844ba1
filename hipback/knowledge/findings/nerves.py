"""Findings: nerve signs (entries of :data:`hipback.knowledge.findings.FINDINGS`)."""

from __future__ import annotations

from hipback.knowledge.findings.model import (
    _DEVILLE_POP,
    _SUB,
    _TAWA_POP,
    Finding,
    _derived,
    _neutral,
    _te,
)

NERVE_SIGNS: tuple[Finding, ...] = (
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
