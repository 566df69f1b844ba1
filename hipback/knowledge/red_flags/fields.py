"""Red-flag levels of concern, age factors and the red-flag fields of the case record.

One :class:`RedFlag` per red-flag field (what a learner ticks): its label, what it screens
for, its level of concern on its own, what to do, and its sources. The graded rules that
combine them are in :mod:`hipback.knowledge.red_flags.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from hipback.knowledge.references import reference

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
        "physiotherapy plan continues meanwhile, except what the action says must wait for "
        "the review (with a fever: loading exercise).",
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


CES = "Cauda equina syndrome"
CES_ACTION = (
    "Emergency: send the same day to the emergency department or on-call spinal team for "
    "emergency MRI; give written safety-netting advice. No exercise prescription."
)
CES_SOURCES = ("greenhalgh2018", "finucane2020", "nhs_pathway")
MALIGNANCY = "Spinal malignancy (cancer in or spread to the spine)"
INFECTION = "Spinal infection (discitis, osteomyelitis, epidural abscess)"
#: The reference's action for suspected spinal infection (section 3.2: "urgent same day").
INFECTION_ACTION = (
    "Urgent same day: spinal team or emergency department, MRI with and without contrast, "
    "blood tests."
)
FRACTURE = "Vertebral or hip fracture"
SEPTIC = "Septic arthritis of the hip"

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle_anaesthesia",
        "Numbness in the saddle area",
        CES,
        "emergency",
        CES_ACTION,
        CES_SOURCES,
    ),
    RedFlag(
        "bladder_bowel_dysfunction",
        "New bladder or bowel problems",
        CES,
        "emergency",
        CES_ACTION,
        CES_SOURCES,
    ),
    RedFlag(
        "bilateral_sciatica",
        "Sciatica in both legs",
        CES,
        "emergency",
        CES_ACTION,
        CES_SOURCES,
        "Greenhalgh 2018 counts bilateral radicular symptoms among the features of suspected "
        "cauda equina syndrome.",
    ),
    RedFlag(
        "sexual_dysfunction",
        "New sexual dysfunction",
        CES,
        "emergency",
        CES_ACTION,
        CES_SOURCES,
        "Often not volunteered: ask directly.",
    ),
    RedFlag(
        "progressive_weakness",
        "Leg weakness that is getting worse",
        "Progressive neurological deficit (nerve or cord compression)",
        "urgent",
        "Urgent same day: discuss with the on-call spinal team today for an MRI; "
        "worsening weakness such as a foot drop cannot wait for a clinic. An emergency "
        "with weakness in both legs, bladder, bowel or saddle change, or a cancer history.",
        ("nhs_pathway", "finucane2020"),
        "The NHS pathway grades a rapidly worsening deficit without cauda equina features "
        "'urgent same day'; a severe or progressive deficit in both legs is a cauda equina "
        "feature, an emergency.",
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
        FRACTURE,
        "emergency",
        "Emergency: emergency department for imaging before any exercise.",
        ("downie2013", "nhs_pathway"),
        "Severe trauma: post-test probability of fracture 11% (Downie 2013).",
    ),
    RedFlag(
        "hot_swollen_joint",
        "A hot, swollen hip",
        SEPTIC,
        "urgent",
        "Urgent: same-day medical assessment; a hot swollen joint is treated as infected until "
        "proven otherwise, even without a fever. Emergency with a fever.",
        ("coakley2006", "nice_ng226"),
        "Not a feature of osteoarthritis: NICE NG226 lists a hot swollen joint among the "
        "atypical features that call for another diagnosis.",
    ),
    RedFlag(
        "fever",
        "Fever",
        INFECTION,
        "soon",
        "Check the temperature and ask how unwell the person feels; medical review before "
        "loading exercise. Urgent (same day) if they feel systemically unwell, or with "
        "immunosuppression, IV drug use or night pain; emergency with a hot swollen joint.",
        ("nhs_pathway", "finucane2020"),
        "Fever is often absent in spinal infection, and on its own has many harmless causes.",
    ),
    RedFlag(
        "immunosuppressed_or_ivdu",
        "Immunosuppressed, or injects drugs",
        INFECTION,
        "monitor",
        "A risk factor for spinal infection: ask about fever, chills and feeling unwell; "
        "urgent (same day) if any is present.",
        ("finucane2020", "nhs_pathway"),
    ),
    RedFlag(
        "history_of_cancer",
        "Past history of cancer",
        MALIGNANCY,
        "monitor",
        "Ask about night pain, weight loss, pain in the upper back and new nerve symptoms; "
        "urgent (within 24 hours, the MSCC pathway) with night pain, weight loss or "
        "upper-back pain, or over 50; an emergency with new weakness, sensory loss in a "
        "dermatome or the saddle area, or bladder or bowel change.",
        ("downie2013", "finucane2020", "nice_cg75"),
        "The most useful malignancy flag (Downie 2013: post-test probability 33%, 95% CI "
        "22-46%), yet the NICE 24-hour pathway needs cancer plus spinal symptoms.",
    ),
    RedFlag(
        "unexplained_weight_loss",
        "Unexplained weight loss",
        MALIGNANCY,
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
        MALIGNANCY,
        "monitor",
        "Ask whether it wakes the person and eases with a change of position; ask about "
        "cancer, weight loss and fever. Urgent together with a history of cancer or a fever.",
        ("finucane2020", "nhs_pathway"),
        "Night pain alone is a weak flag; weigh it with the person's profile (Finucane 2020).",
    ),
    RedFlag(
        "thoracic_pain",
        "Pain in the upper (thoracic) back",
        MALIGNANCY,
        "monitor",
        "Ask about cancer, steroid use and minor falls; urgent together with a history of cancer.",
        ("nice_ng234", "nice_cg75", "nhs_pathway"),
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
        "Count NICE NG65's features for back pain that began before 45 and has lasted over "
        "3 months: onset before 35, waking in the second half of the night, buttock pain, "
        "better with movement, better within 48 hours of an NSAID, a parent, child or "
        "sibling with spondyloarthritis, arthritis now or before, enthesitis now or before, "
        "and psoriasis now or before (nine in all). Four or more: refer to rheumatology. "
        "Exactly three: an HLA-B27 test, and refer if positive. Fewer: safety-net, and "
        "think again if uveitis, inflammatory bowel disease or psoriasis appear.",
        ("nice_ng65",),
        "NICE NG65's criteria count features; morning stiffness is not among them. A "
        "routine referral: exercise continues meanwhile.",
    ),
    RedFlag(
        "systemically_unwell",
        "Feeling systemically unwell (shivers, sweats or rigors)",
        INFECTION,
        "urgent",
        INFECTION_ACTION,
        ("nhs_pathway", "finucane2020"),
        "The reference's red-flag table lists 'systemically unwell' with fever, chills and "
        "rigors among the features of spinal infection, whose action is urgent same day; "
        "a measured fever is often absent in spinal infection.",
    ),
)

RED_FLAG_BY_NAME: MappingProxyType[str, RedFlag] = MappingProxyType({f.name: f for f in RED_FLAGS})
RED_FLAG_NAMES: tuple[str, ...] = tuple(f.name for f in RED_FLAGS)
