"""How cases are recorded and made easy or hard: what is left not assessed, the
difficulties, the hard-case mimics, and the serious pathologies behind red flags.
"""

from __future__ import annotations

from hipback.cohort.parameters.sources import Freq, _te

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
        (
            ("fever", 1.0),
            ("immunosuppressed_or_ivdu", 0.4),
            ("night_pain", 0.3),
            ("systemically_unwell", 0.4),
        ),
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
    "(Finucane 2020); history of cancer is the most useful malignancy flag (Downie 2013)",
)
PATHOLOGIES: tuple[str, ...] = ("none", *SERIOUS_PATHOLOGY)
