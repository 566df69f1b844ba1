"""Red flags, graded: the catalogue as data, with a citation on every entry.

Red flags are screened apart from the hip-versus-spine reasoning. Since the IFOMPT
framework (Finucane 2020) a clinician does not act on each flag alone: most flags
barely change the probability of serious pathology on their own (Downie 2013), so the
flags are combined with the person's profile into a **level of concern**, and the level
decides the action. This module holds that knowledge in two tables:

- :data:`RED_FLAGS`: one entry per red-flag field of the case record (what a learner
  ticks): its plain label, what it screens for, what it means on its own, and sources.
- :data:`RED_FLAG_RULES`: the graded rules. Each names the findings that must all be
  present (``all_of``) and those of which at least one must be present (``any_of``), the
  :data:`LEVELS` entry it gives, the action in words, and its sources. Rules of level
  ``monitor`` are single weak flags: ask more and safety-net; the plan continues.

The engine that applies the rules to a case is :func:`hipback.screening.screen`; every
sentence a learner reads about a red flag lives here and nowhere else. Thresholds that
are teaching choices say so. Educational use only: not for clinical decisions; follow
the local pathway.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from hipback.knowledge.references_guidelines import reference

# --- levels of concern ----------------------------------------------------------------

#: Levels of concern, most serious first (IFOMPT 2020 step 2: decide the action from the
#: level of concern; step 3: follow the local emergency or urgent pathway).
LEVELS: tuple[str, ...] = ("emergency", "urgent", "soon", "monitor")
#: Kept for older callers: the same tuple.
URGENCY_ORDER: tuple[str, ...] = LEVELS
#: Levels that make a case urgent: the plan is then the referral and nothing else.
URGENT_LEVELS: frozenset[str] = frozenset({"emergency", "urgent"})

#: What each level means for the physiotherapist, in words.
LEVEL_MEANING: MappingProxyType[str, str] = MappingProxyType(
    {
        "emergency": "Act now: the same day, emergency department or on-call team "
        "(999 if the person is collapsing). Nothing else until they have been seen.",
        "urgent": "The same day or within 24 hours: the specialist pathway or a medical "
        "review. Exercise and other treatment wait until then.",
        "soon": "Arrange a referral or medical review within days to weeks; the "
        "physiotherapy plan continues meanwhile.",
        "monitor": "No referral yet: ask the follow-up questions, give safety-netting "
        "advice and re-check at every visit; the plan continues.",
    }
)

# --- derived factors (from the case's age) --------------------------------------------


@dataclass(frozen=True, slots=True)
class AgeFactor:
    """A red-flag factor derived from age: ``age > above``.

    Attributes
    ----------
    name : str
        Name used in rules and hits (``"age_over_50"``).
    label : str
        Plain label.
    above : int
        The factor is present when the age is strictly above this.
    sources : tuple of str
        Reference keys.
    note : str
        Where the threshold comes from.
    """

    name: str
    label: str
    above: int
    sources: tuple[str, ...]
    note: str


AGE_FACTORS: tuple[AgeFactor, ...] = (
    AgeFactor(
        "age_over_50",
        "Age over 50",
        50,
        ("finucane2020", "nhs_pathway"),
        "New back pain over the age of 50 is a malignancy flag in the NHS pathways the kit "
        "follows; weak on its own, it raises concern together with a history of cancer.",
    ),
    AgeFactor(
        "age_over_65",
        "Age over 65",
        65,
        ("downie2013", "teaching_estimate"),
        "Older age raises the probability of a fracture (Downie 2013: post-test 9%, 3-25%); "
        "the studies used different cut-offs, so 65 is a teaching threshold.",
    ),
)
AGE_FACTOR_BY_NAME: MappingProxyType[str, AgeFactor] = MappingProxyType(
    {a.name: a for a in AGE_FACTORS}
)

# --- the red-flag fields ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red-flag field of the case record.

    Attributes
    ----------
    name : str
        The case field.
    label : str
        Plain-language label.
    condition : str
        The serious pathology it screens for.
    alone : str
        The level of concern of this flag on its own (one of :data:`LEVELS`).
    action : str
        What to do when it is present, in words (the full rule-by-rule actions are in
        :data:`RED_FLAG_RULES`).
    sources : tuple of str
        Reference keys.
    note : str
        What is known about how useful the flag is.
    """

    name: str
    label: str
    condition: str
    alone: str
    action: str
    sources: tuple[str, ...]
    note: str = ""

    @property
    def urgency(self) -> str:
        """The level of this flag on its own (older name of :attr:`alone`)."""
        return self.alone

    @property
    def level(self) -> str:
        """The level of this flag on its own."""
        return self.alone

    @property
    def citation(self) -> str:
        """Short citations joined by semicolons."""
        return "; ".join(reference(k).short for k in self.sources)


_CES = "Cauda equina syndrome"
_CES_ACTION = (
    "Emergency: send the same day to the emergency department or on-call spinal team for "
    "emergency MRI; give written safety-netting advice. No exercise prescription."
)
_CES_SOURCES = ("greenhalgh2018_ces", "finucane2020", "nhs_pathway")
_MALIGNANCY = "Spinal malignancy (cancer in or spread to the spine)"
_INFECTION = "Spinal infection (discitis, osteomyelitis, epidural abscess)"
_FRACTURE = "Vertebral or hip fracture"
_SEPTIC = "Septic arthritis of the hip"

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle_anaesthesia",
        "Numbness in the saddle area",
        _CES,
        "emergency",
        _CES_ACTION,
        _CES_SOURCES,
    ),
    RedFlag(
        "bladder_bowel_dysfunction",
        "New bladder or bowel problems",
        _CES,
        "emergency",
        _CES_ACTION,
        _CES_SOURCES,
    ),
    RedFlag(
        "bilateral_sciatica",
        "Sciatica in both legs",
        _CES,
        "emergency",
        _CES_ACTION,
        _CES_SOURCES,
        "Greenhalgh 2018 counts bilateral radicular symptoms among the features of suspected "
        "cauda equina syndrome.",
    ),
    RedFlag(
        "sexual_dysfunction",
        "New sexual dysfunction",
        _CES,
        "emergency",
        _CES_ACTION,
        _CES_SOURCES,
        "Often not volunteered: ask directly.",
    ),
    RedFlag(
        "progressive_weakness",
        "Leg weakness that is getting worse",
        "Progressive neurological deficit (nerve or cord compression)",
        "emergency",
        "Emergency: same-day assessment by the on-call spinal team with MRI; worsening "
        "weakness such as a foot drop cannot wait for a clinic.",
        ("nhs_pathway", "finucane2020"),
    ),
    RedFlag(
        "pulsatile_abdominal_mass",
        "A pulsating lump in the abdomen",
        "Abdominal aortic aneurysm",
        "emergency",
        "Emergency: a pulsatile mass with back or abdominal pain is a suspected symptomatic "
        "aneurysm; send to the emergency department at once (999 if faint, pale or "
        "collapsing). Do not exercise or manipulate.",
        ("nice_ng156", "nhs_pathway"),
        "Back pain that does not change with movement, in an older smoker, adds to the "
        "concern. The pathway wording was not checked against the primary text.",
    ),
    RedFlag(
        "major_trauma",
        "Recent major trauma",
        _FRACTURE,
        "emergency",
        "Emergency: emergency department for imaging before any exercise.",
        ("downie2013", "nhs_pathway"),
        "Severe trauma: post-test probability of fracture 11% (Downie 2013).",
    ),
    RedFlag(
        "hot_swollen_joint",
        "A hot, swollen hip",
        _SEPTIC,
        "urgent",
        "Urgent: same-day medical assessment; a hot swollen joint is treated as infected until "
        "proven otherwise, even without a fever. Emergency with a fever.",
        ("coakley2006", "nice_ng226"),
        "Not a feature of osteoarthritis: NICE NG226 lists a hot swollen joint among the "
        "atypical features that call for another diagnosis.",
    ),
    RedFlag(
        "fever",
        "Fever or feeling systemically unwell",
        _INFECTION,
        "soon",
        "Check the temperature and how unwell the person is; medical review before loading "
        "exercise. Urgent (same day) with immunosuppression or IV drug use; emergency with a "
        "hot swollen joint.",
        ("nhs_pathway", "finucane2020"),
        "Fever is often absent in spinal infection, and on its own has many harmless causes.",
    ),
    RedFlag(
        "immunosuppressed_or_ivdu",
        "Immunosuppressed, or injects drugs",
        _INFECTION,
        "monitor",
        "A risk factor for spinal infection: ask about fever, chills and feeling unwell; "
        "urgent (same day) if any is present.",
        ("finucane2020", "nhs_pathway"),
    ),
    RedFlag(
        "history_of_cancer",
        "Past history of cancer",
        _MALIGNANCY,
        "monitor",
        "Ask about night pain, weight loss, pain in the upper back and new nerve symptoms; "
        "urgent (within 24 hours, the MSCC pathway) when any is present or the person is "
        "over 50; an emergency with new neurological signs.",
        ("downie2013", "finucane2020", "nice_ng234"),
        "The most useful malignancy flag (Downie 2013: post-test probability 33%, 95% CI "
        "22-46%), yet the NICE 24-hour pathway needs cancer plus spinal symptoms.",
    ),
    RedFlag(
        "unexplained_weight_loss",
        "Unexplained weight loss",
        _MALIGNANCY,
        "soon",
        "Ask how much and over what time; ask the GP to review. Urgent with night pain, "
        "upper-back pain or a history of cancer.",
        ("downie2013", "finucane2020", "nhs_pathway"),
        "On its own it changes the probability of cancer little (Downie 2013), but it needs "
        "a medical explanation.",
    ),
    RedFlag(
        "night_pain",
        "Persistent pain at night",
        _MALIGNANCY,
        "monitor",
        "Ask whether it wakes the person and eases with a change of position; ask about "
        "cancer, weight loss and fever. Urgent together with a history of cancer.",
        ("finucane2020", "nhs_pathway"),
        "Night pain alone is a weak flag; weigh it with the person's profile (Finucane 2020).",
    ),
    RedFlag(
        "thoracic_pain",
        "Pain in the upper (thoracic) back",
        _MALIGNANCY,
        "monitor",
        "Ask about cancer, steroid use and minor falls; urgent together with a history of cancer.",
        ("nice_ng234", "nhs_pathway"),
        "Thoracic spinal pain is one of the NICE pointers to spinal metastases in people with "
        "cancer; alone it is a weak flag.",
    ),
    RedFlag(
        "long_term_corticosteroids",
        "Long-term steroid tablets",
        "Osteoporotic (fragility) fracture",
        "monitor",
        "Ask about minor falls or strains and sudden severe central back pain; urgent after "
        "minor trauma; soon (bone-health review) over 65.",
        ("downie2013", "acr_ac_lbp2021"),
        "Prolonged corticosteroid use: post-test probability of fracture 33% (10-67%) "
        "(Downie 2013).",
    ),
    RedFlag(
        "minor_trauma",
        "A minor fall or strain before the pain",
        "Osteoporotic (fragility) fracture",
        "monitor",
        "Ask about steroid use and bone health; urgent over 65 or with long-term steroids.",
        ("downie2013", "acr_ac_lbp2021"),
        "Minor trauma matters when bone is fragile (ACR Appropriateness Criteria, low back "
        "pain 2021, variant 6).",
    ),
    RedFlag(
        "inflammatory_back_pain",
        "Inflammatory back pain pattern",
        "Axial spondyloarthritis",
        "soon",
        "Refer to rheumatology (NICE NG65): back pain that began before 45, with morning "
        "stiffness easing with exercise and waking in the second half of the night.",
        ("nice_ng65",),
        "NICE NG65: refer when back pain began before 45, has lasted over 3 months and has "
        "4 or more of its features; with exactly 3, an HLA-B27 test decides.",
    ),
)

RED_FLAG_BY_NAME: MappingProxyType[str, RedFlag] = MappingProxyType({f.name: f for f in RED_FLAGS})
RED_FLAG_NAMES: tuple[str, ...] = tuple(f.name for f in RED_FLAGS)

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
        _CES,
        "emergency",
        (),
        (
            "saddle_anaesthesia",
            "bladder_bowel_dysfunction",
            "bilateral_sciatica",
            "sexual_dysfunction",
        ),
        _CES_ACTION,
        _CES_SOURCES,
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
        ("nice_ng234", "finucane2020"),
        "Cancer plus new neurological symptoms or signs: NICE says contact immediately, not "
        "within 24 hours.",
    ),
    RedFlagRule(
        "progressive_neurology",
        "neurology",
        "Progressive neurological deficit (nerve or cord compression)",
        "emergency",
        ("progressive_weakness",),
        (),
        RED_FLAG_BY_NAME["progressive_weakness"].action,
        ("nhs_pathway", "finucane2020"),
        "Worsening weakness is a progressive deficit: same-day specialist assessment.",
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
        _FRACTURE,
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
        _SEPTIC,
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
        "spinal_metastasis",
        "malignancy",
        "Spinal metastases (cancer spread to the spine)",
        "urgent",
        ("history_of_cancer",),
        ("night_pain", "unexplained_weight_loss", "thoracic_pain", "age_over_50"),
        "Urgent: contact the acute oncology or MSCC team within 24 hours (NICE: cancer with "
        "spinal pain suggestive of metastases); explain the warning signs of cord "
        "compression and to get help at once if they appear.",
        ("nice_ng234", "downie2013", "finucane2020"),
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
        _INFECTION,
        "urgent",
        ("fever",),
        ("immunosuppressed_or_ivdu", "night_pain"),
        "Urgent same day: spinal team or emergency department, MRI with and without "
        "contrast, blood tests.",
        ("nhs_pathway", "finucane2020"),
        "Fever with a risk factor (immunosuppression, injecting drugs) or with pain that "
        "persists at night: high concern for spinal infection.",
    ),
    RedFlagRule(
        "possible_malignancy",
        "malignancy",
        _MALIGNANCY,
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
        "within a day or two, before loading exercise; the same day if they feel unwell.",
        ("nhs_pathway", "finucane2020"),
        "Fever alone has many harmless causes, but back or hip pain with fever needs a "
        "medical explanation.",
    ),
    RedFlagRule(
        "weight_loss_unexplained",
        "malignancy",
        _MALIGNANCY,
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
        ("history_of_cancer", "unexplained_weight_loss", "fever"),
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
        ("fever",),
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
