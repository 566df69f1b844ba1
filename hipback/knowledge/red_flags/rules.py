"""The graded red-flag rules (IFOMPT 2020 level of concern; NICE pathways), as data.

Each :class:`RedFlagRule` names the findings that must all be present (``all_of``) and
those of which one must be present (``any_of``), the level it gives, the action in words
and its sources. The engine that applies them is :func:`hipback.screening.screen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from hipback.knowledge.red_flags.fields import (
    CES,
    CES_ACTION,
    CES_SOURCES,
    FRACTURE,
    INFECTION,
    INFECTION_ACTION,
    LEVELS,
    MALIGNANCY,
    RED_FLAG_BY_NAME,
    SEPTIC,
)
from hipback.knowledge.references import reference

# --- the graded rules ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """One graded red-flag rule.

    The rule fires when every finding in ``all_of`` is present and, if ``any_of`` is not
    empty, at least one of ``any_of`` is. Findings are red-flag fields, examination
    findings of the case record or :data:`AGE_FACTORS`; a finding that was not assessed
    (``None``) is not present.

    Attributes
    ----------
    id : str
        Stable id (``"cauda_equina"``).
    group : str
        The pathology family (``"malignancy"``): a rule is dropped when a more serious
        rule of the same group has fired.
    condition : str
        What the rule suspects.
    level : str
        One of :data:`LEVELS`.
    all_of, any_of : tuple of str
        The findings, as above.
    action : str
        What to do, in words.
    sources : tuple of str
        Reference keys.
    rationale : str
        Why this combination gives this level.
    ask : tuple of str
        For weak flags: the findings to ask about next.
    holds_loading : bool
        The action asks for a medical review before loading exercise: below ``urgent``
        (where the whole plan already waits) the plan keeps loading exercise, and the
        treatment that only serves it, out until that review.
    """

    id: str
    group: str
    condition: str
    level: str
    all_of: tuple[str, ...]
    any_of: tuple[str, ...]
    action: str
    sources: tuple[str, ...]
    rationale: str
    ask: tuple[str, ...] = ()
    holds_loading: bool = False

    @property
    def findings(self) -> tuple[str, ...]:
        """Every finding the rule reads."""
        return (*self.all_of, *self.any_of)

    @property
    def citation(self) -> str:
        """Short citations joined by semicolons."""
        return "; ".join(reference(k).short for k in self.sources)


def _single(name: str, group: str, ask: tuple[str, ...], rationale: str) -> RedFlagRule:
    """A rule for one weak flag on its own, read from its :data:`RED_FLAGS` entry."""
    flag = RED_FLAG_BY_NAME[name]
    return RedFlagRule(
        f"{name}_alone",
        group,
        flag.condition,
        flag.alone,
        (name,),
        (),
        f"{flag.label} on its own: {flag.action[0].lower()}{flag.action[1:]}",
        flag.sources,
        rationale,
        ask,
    )


#: Neurological findings that, in a person with cancer, make spinal metastases an
#: oncological emergency (NICE: contact the MSCC coordinator immediately).
MSCC_NEURO: tuple[str, ...] = (
    "progressive_weakness",
    "myotomal_weakness",
    "dermatomal_sensory_loss",
    "bladder_bowel_dysfunction",
    "saddle_anaesthesia",
)

#: The graded rules, most serious first (within a level, the order the engine reports).
RED_FLAG_RULES: tuple[RedFlagRule, ...] = (
    RedFlagRule(
        "cauda_equina",
        "cauda_equina",
        CES,
        "emergency",
        (),
        (
            "saddle_anaesthesia",
            "bladder_bowel_dysfunction",
            "bilateral_sciatica",
            "sexual_dysfunction",
        ),
        CES_ACTION,
        CES_SOURCES,
        "Any feature of suspected cauda equina syndrome is an emergency: outcome depends on "
        "decompression before function is lost.",
    ),
    RedFlagRule(
        "mscc",
        "malignancy",
        "Metastatic spinal cord compression",
        "emergency",
        ("history_of_cancer",),
        MSCC_NEURO,
        "Emergency: contact the acute oncology or MSCC coordinator immediately (NICE: an "
        "oncological emergency) for MRI of the whole spine; no exercise.",
        ("nice_ng234", "nice_cg75", "finucane2020"),
        "Cancer plus new neurological symptoms or signs: NICE says contact immediately, not "
        "within 24 hours.",
    ),
    RedFlagRule(
        "aortic_aneurysm",
        "vascular",
        "Abdominal aortic aneurysm",
        "emergency",
        ("pulsatile_abdominal_mass",),
        (),
        RED_FLAG_BY_NAME["pulsatile_abdominal_mass"].action,
        ("nice_ng156", "nhs_pathway"),
        "A symptomatic aneurysm can rupture: vascular emergency.",
    ),
    RedFlagRule(
        "major_trauma_fracture",
        "fracture",
        FRACTURE,
        "emergency",
        ("major_trauma",),
        (),
        RED_FLAG_BY_NAME["major_trauma"].action,
        ("downie2013", "nhs_pathway"),
        "Significant trauma: image before anything else.",
    ),
    RedFlagRule(
        "septic_arthritis",
        "septic_joint",
        SEPTIC,
        "emergency",
        ("hot_swollen_joint", "fever"),
        (),
        "Emergency: same day to the emergency department or on-call orthopaedic team; the "
        "joint needs aspirating (before antibiotics) to look for infection. No exercise.",
        ("coakley2006", "nice_ng226"),
        "A hot swollen joint with fever is septic arthritis until proven otherwise; the joint "
        "can be destroyed within days.",
    ),
    RedFlagRule(
        "progressive_neurology",
        "neurology",
        "Progressive neurological deficit (nerve or cord compression)",
        "urgent",
        ("progressive_weakness",),
        (),
        RED_FLAG_BY_NAME["progressive_weakness"].action,
        ("nhs_pathway", "finucane2020"),
        "Worsening weakness is a progressive deficit: same-day specialist discussion and MRI "
        "(NHS pathway: urgent same day). With cauda equina features or a cancer history the "
        "cauda equina and MSCC rules make it an emergency.",
    ),
    RedFlagRule(
        "spinal_metastasis",
        "malignancy",
        "Spinal metastases (cancer spread to the spine)",
        "urgent",
        ("history_of_cancer",),
        ("night_pain", "unexplained_weight_loss", "thoracic_pain", "age_over_50"),
        "Urgent: contact the acute oncology or MSCC team within 24 hours (NICE: cancer with "
        "spinal pain suggestive of metastases); explain the warning signs of cord "
        "compression and to get help at once if they appear.",
        ("nice_ng234", "nice_cg75", "downie2013", "finucane2020"),
        "A history of cancer is the strongest malignancy flag (Downie 2013); with suspicious "
        "spinal pain or age over 50 the level of concern is high (Finucane 2020).",
    ),
    RedFlagRule(
        "hot_swollen_joint",
        "septic_joint",
        "Septic or inflammatory arthritis of the hip",
        "urgent",
        ("hot_swollen_joint",),
        (),
        RED_FLAG_BY_NAME["hot_swollen_joint"].action,
        ("coakley2006", "nice_ng226"),
        "Fever is often absent in septic arthritis, so a hot swollen joint alone is urgent.",
    ),
    RedFlagRule(
        "spinal_infection",
        "infection",
        INFECTION,
        "urgent",
        ("fever",),
        ("immunosuppressed_or_ivdu", "night_pain"),
        INFECTION_ACTION,
        ("nhs_pathway", "finucane2020"),
        "Fever with a risk factor (immunosuppression, injecting drugs) or with pain that "
        "persists at night: high concern for spinal infection.",
    ),
    RedFlagRule(
        "systemically_unwell",
        "infection",
        INFECTION,
        "urgent",
        ("systemically_unwell",),
        (),
        INFECTION_ACTION,
        ("nhs_pathway", "finucane2020"),
        "Feeling systemically unwell (shivers, sweats, rigors) with back or hip pain: the "
        "reference's spinal-infection row, urgent same day, with or without a measured fever.",
    ),
    RedFlagRule(
        "possible_malignancy",
        "malignancy",
        MALIGNANCY,
        "urgent",
        ("unexplained_weight_loss",),
        ("night_pain", "thoracic_pain"),
        "Urgent: tell the GP within 24 hours so they can arrange urgent MRI or a "
        "suspected-cancer referral; safety-net for new nerve symptoms.",
        ("finucane2020", "downie2013", "nhs_pathway"),
        "Several malignancy flags together raise the level of concern even without a cancer "
        "history (Finucane 2020).",
    ),
    RedFlagRule(
        "fragility_fracture",
        "fracture",
        "Osteoporotic (fragility) fracture",
        "urgent",
        ("minor_trauma",),
        ("long_term_corticosteroids", "age_over_65"),
        "Urgent: medical review within 24 hours for an X-ray of the painful area and pain "
        "relief; no loading exercise until a fracture is excluded; emergency with new "
        "neurological signs or pain that cannot be controlled; then a bone-health check.",
        ("downie2013", "acr_ac_lbp2021", "nhs_pathway"),
        "Minor trauma in fragile bone (older age, long-term steroids): Downie 2013 found "
        "several fracture flags together raise the post-test probability to 90% (34-99%).",
    ),
    RedFlagRule(
        "inflammatory_back_pain",
        "spondyloarthritis",
        "Axial spondyloarthritis",
        "soon",
        ("inflammatory_back_pain",),
        (),
        RED_FLAG_BY_NAME["inflammatory_back_pain"].action,
        ("nice_ng65",),
        "NICE NG65: a routine (not urgent) rheumatology referral; exercise continues.",
    ),
    RedFlagRule(
        "fracture_risk",
        "fracture",
        "Osteoporotic fracture risk",
        "soon",
        ("long_term_corticosteroids",),
        ("age_over_65", "thoracic_pain"),
        "Soon: ask the GP to review bone health and fracture risk; ask about sudden, severe "
        "central back pain eased by lying down (an X-ray if present).",
        ("downie2013", "acr_ac_lbp2021"),
        "Long-term steroids with older age or upper-back pain: two fracture flags.",
    ),
    RedFlagRule(
        "fever_unexplained",
        "infection",
        "Possible infection",
        "soon",
        ("fever",),
        (),
        "Soon: check the temperature and how unwell the person is; a medical review (GP) "
        "within a day or two, before loading exercise or an anti-inflammatory (it lowers a "
        "fever). Ask how unwell they feel: feeling systemically unwell makes it urgent, the "
        "same day.",
        ("nhs_pathway", "finucane2020"),
        "Fever alone has many harmless causes, but back or hip pain with fever needs a "
        "medical explanation.",
        holds_loading=True,
    ),
    RedFlagRule(
        "weight_loss_unexplained",
        "malignancy",
        MALIGNANCY,
        "soon",
        ("unexplained_weight_loss",),
        (),
        RED_FLAG_BY_NAME["unexplained_weight_loss"].action,
        ("downie2013", "finucane2020"),
        "Weight loss alone is weak for cancer (Downie 2013) but needs a medical explanation.",
    ),
    _single(
        "history_of_cancer",
        "malignancy",
        ("night_pain", "unexplained_weight_loss", "thoracic_pain", "progressive_weakness"),
        "A past cancer alone, under 50 and without suspicious spinal pain, is a reason to "
        "ask more, not to refer on the MSCC pathway (NICE needs cancer plus spinal "
        "symptoms).",
    ),
    _single(
        "night_pain",
        "malignancy",
        ("history_of_cancer", "unexplained_weight_loss", "fever", "systemically_unwell"),
        "Night pain alone barely changes the probability of serious pathology.",
    ),
    _single(
        "thoracic_pain",
        "malignancy",
        ("history_of_cancer", "long_term_corticosteroids", "minor_trauma"),
        "Upper-back pain alone is a weak flag.",
    ),
    _single(
        "long_term_corticosteroids",
        "fracture",
        ("minor_trauma", "thoracic_pain"),
        "Steroids alone are a fracture risk factor, not a fracture.",
    ),
    _single(
        "minor_trauma",
        "fracture",
        ("long_term_corticosteroids",),
        "Minor trauma in a younger person without steroid use rarely causes a fracture.",
    ),
    _single(
        "immunosuppressed_or_ivdu",
        "infection",
        ("fever", "systemically_unwell"),
        "A risk factor for infection, not a sign of it.",
    ),
)

#: Several weak flags together (IFOMPT 2020: the level of concern rises with the number of
#: flags and the person's profile): two or more ``monitor`` flags left unexplained by a
#: stronger rule give this rule, at level ``soon``.
SEVERAL_WEAK_FLAGS = RedFlagRule(
    "several_weak_flags",
    "several",
    "Several weak red flags together",
    "soon",
    (),
    (),
    "Soon: several weak flags together raise the level of concern; ask the GP for a "
    "medical review and keep re-checking the flags at each visit.",
    ("finucane2020", "downie2013"),
    "Single flags are weak; combinations are more informative (Downie 2013; Finucane 2020).",
)

RULE_BY_ID: MappingProxyType[str, RedFlagRule] = MappingProxyType(
    {r.id: r for r in (*RED_FLAG_RULES, SEVERAL_WEAK_FLAGS)}
)


def most_serious(levels: object) -> str | None:
    """The most serious level among an iterable of levels (or of objects with ``.level``).

    Examples
    --------
    >>> most_serious(["monitor", "urgent"])
    'urgent'
    >>> most_serious([]) is None
    True
    """
    found = [getattr(x, "level", x) for x in levels]  # type: ignore[attr-defined]
    if not found:
        return None
    return min(found, key=LEVELS.index)


#: Kept for older callers: the same function.
most_urgent = most_serious
