"""Findings: a hip X-ray already on record.

Entries of :data:`hipback.knowledge.findings.FINDINGS`. The kit never suggests
an X-ray (NICE NG226 diagnoses hip OA clinically; ``hip_oa_stage`` is not a
question the next-question ranking may ask), but when a report is on record
it is evidence, weighed like any other finding: an X-ray shows whether the
joint is worn, not whether the worn joint is what hurts.
"""

from __future__ import annotations

from hipback.knowledge.findings.model import Evidence, Finding, _derived, _neutral

#: Kim 2014 (Framingham), community adults aged 50 and over: OA on X-ray (painful or not),
#: and OA with symptoms. The first is how often an X-ray shows OA when the hip is *not* what
#: hurts (1 - specificity). The kit's other texts on X-rays read these figures from here.
RADIOGRAPHIC_OA_50: float = 0.196
SYMPTOMATIC_OA_50: float = 0.042
#: Kim 2015 (Framingham): share of often-painful hips that showed OA on X-ray.
PAINFUL_HIPS_WITH_OA: float = 0.156

#: Teaching estimate: how often the X-ray shows OA (Kellgren-Lawrence grade 2 or more) when
#: the hip joint drives the pain. The diagnostic studies the kit cites define hip OA by that
#: grade (Altman 1991, Sutlive 2008, Metcalfe 2019), so most such hips show it; 0.8 rather
#: than 1 leaves room for early OA not yet visible and for other painful hip-joint problems.
XRAY_SENSITIVITY: float = 0.80

_SPECIFICITY = 1.0 - RADIOGRAPHIC_OA_50

_BASIS = (
    f"from a teaching-estimate sensitivity of {XRAY_SENSITIVITY:.0%} (hips whose OA hurts "
    f"usually show it) and the {RADIOGRAPHIC_OA_50:.1%} of adults 50 and over with "
    "OA on X-ray whether or not it hurts (Kim 2014, Framingham: specificity "
    f"{_SPECIFICITY:.3f})"
)

_CAVEAT = (
    "An X-ray shows a worn hip, not that the worn hip is what hurts: in Framingham "
    f"{RADIOGRAPHIC_OA_50:.1%} of adults 50 and over had OA on X-ray but only "
    f"{SYMPTOMATIC_OA_50:.1%} had symptoms (Kim 2014), and only {PAINFUL_HIPS_WITH_OA:.1%} of "
    "often-painful hips showed OA (Kim 2015). The report moves the odds; it does not "
    "settle the source. NICE NG226 diagnoses hip OA without imaging, so the kit never asks "
    "for an X-ray; it weighs one already on record."
)


def _xray(present: bool) -> Evidence:
    """The X-ray's LR+ (OA shown) or LR- (no OA shown), as a labelled teaching estimate."""
    what = (
        "LR+ = sensitivity / (1 - specificity)"
        if present
        else "LR- = (1 - sensitivity) / specificity"
    )
    note = f"Hip X-ray {'shows' if present else 'shows no'} OA: {what}, {_BASIS}"
    return _derived(
        XRAY_SENSITIVITY,
        _SPECIFICITY,
        "teaching_estimate",
        note,
        negative=not present,
        basis="teaching estimate",
    )


_ARTICLE = "Source article, diagnosis (it has X-ray or MRI confirm a hip source)"
_SPINE = "The hip X-ray says nothing about the spine"

IMAGING: tuple[Finding, ...] = (
    Finding(
        "xray_hip_oa",
        "Hip X-ray on record shows OA",
        "hip_oa_stage",
        ("in", ("early", "moderate", "advanced")),
        _ARTICLE,
        None,
        "hip X-ray",
        _xray(True),
        _neutral("kim2014", _SPINE),
        caveat=_CAVEAT,
    ),
    Finding(
        "xray_no_hip_oa",
        "Hip X-ray on record shows no OA",
        "hip_oa_stage",
        ("in", ("none",)),
        _ARTICLE,
        None,
        "hip X-ray",
        _xray(False),
        _neutral("kim2014", _SPINE),
        caveat=_CAVEAT,
    ),
)
