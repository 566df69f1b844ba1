"""Narrative vignettes: one case as the short paragraph a lecturer reads aloud.

:func:`vignette` says every finding present and nothing that was not recorded. Findings
asked about or examined and found absent close the story, in the record's own labels
("Checked and not found: pain in the groin …"), because the reasoning counts them (no
groin pain lowers the hip); red-flag questions answered no are said in one sentence. A
finding not assessed is left unsaid.
"""

from __future__ import annotations

import json
import math
import zlib
from typing import TYPE_CHECKING, Any

from hipback.case import FIELD_NAMES, FIELDS, RED_FLAG_GROUP, Case
from hipback.errors import HipbackInputError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


# --- narrative vignettes -------------------------------------------------------------------
#
# Each yes/no finding has a few interchangeable phrases. A phrase is chosen only when the
# finding is present, and the tests check, for many generated cases, that a phrase of every
# present finding appears and that no word signalling an absent finding does
# (:data:`FINDING_KEYWORDS`). Keep phrases free of each other's keywords.

#: Phrases for pain locations, used in "The pain is felt {list}."
LOCATION_PHRASES: dict[str, tuple[str, ...]] = {
    "pain_groin": ("deep in the groin", "in the groin"),
    "pain_buttock": ("in the buttock", "through the buttock"),
    "pain_anterior_thigh": ("down the front of the thigh", "over the front of the thigh"),
    "pain_lower_back": ("in the lower back", "over the low back"),
    "pain_below_knee": ("below the knee into the shin", "down past the knee into the calf"),
    "pain_posterior_thigh": ("down the back of the thigh", "into the back of the thigh"),
    "pain_lateral_hip": ("over the side of the hip", "at the outer hip"),
    "pain_knee": ("in the knee", "around the knee"),
}

#: Phrases for aggravating activities, used in "It is worse {list}."
AGGRAVATOR_PHRASES: dict[str, tuple[str, ...]] = {
    "worse_walking": ("when walking", "on longer walks"),
    "worse_stairs": ("on stairs", "climbing stairs"),
    "worse_sit_to_stand": ("getting up from a chair", "rising from a low chair"),
    "worse_bending": ("when bending forward", "bending to pick things up"),
    "worse_twisting": ("when twisting", "twisting to reach behind"),
    "worse_prolonged_sitting": ("after sitting for a long time", "after a long spell seated"),
    "worse_standing": ("when standing still", "standing in a queue"),
    "worse_lumbar_extension": ("extending the lower spine", "leaning the trunk backwards"),
}

#: Sentences for the effect of sitting.
SITTING_PHRASES: dict[str, tuple[str, ...]] = {
    "eases": ("Sitting down eases the pain.", "Sitting down brings relief."),
    "worsens": ("Sitting makes the pain worse.", "Sitting aggravates the pain."),
    "no_change": ("Sitting makes little difference to the pain.",
                  "Sitting neither helps nor hurts."),
}  # fmt: skip

#: Phrases (after the subject) for function and hip symptoms; {pos} is the possessive.
FUNCTION_PHRASES: dict[str, tuple[str, ...]] = {
    "difficulty_crossing_legs": ("finds it hard to cross {pos} legs",
                                 "can no longer cross {pos} legs comfortably"),
    "difficulty_shoes_socks": ("struggles to put on shoes and socks",
                               "needs help with socks and shoes"),
    "difficulty_car_transfer": ("finds getting in and out of the car awkward",
                                "has trouble getting into the car"),
    "clicking_catching": ("notices clicking and catching in the hip",
                          "feels the hip click and catch"),
    "limp": ("has started to limp", "limps noticeably"),
}  # fmt: skip

#: Phrases for nerve symptoms.
NERVE_PHRASES: dict[str, tuple[str, ...]] = {
    "numbness_tingling": ("pins and needles down the leg", "numbness and tingling in the leg"),
    "bilateral_leg_symptoms": ("symptoms in both legs", "trouble in both legs alike"),
    "leg_pain_worse_than_back": ("leg pain that outweighs the ache higher up",
                                 "a leg that hurts more than the spine itself"),
}  # fmt: skip

#: Sentences for symptoms eased by stooping forward (neurogenic claudication pattern).
EASED_PHRASES: dict[str, tuple[str, ...]] = {
    "eased_by_bending_forward": ("Stooping forward over a shopping trolley eases the legs.",
                                 "The legs settle when stooping forward."),
}  # fmt: skip

#: Past operations, used in "{Subject} {phrase}."
HISTORY_PHRASES: dict[str, tuple[str, ...]] = {
    "prior_hip_replacement": ("has had a hip replacement on that side",
                              "had the hip on that side replaced some years ago"),
    "prior_spine_surgery": ("has had an operation on the lower spine",
                            "had spinal surgery some years ago"),
}  # fmt: skip

#: Phrases for red flags, used in "{Subject} also mentions {list}."
RED_FLAG_PHRASES: dict[str, tuple[str, ...]] = {
    "saddle_anaesthesia": ("numbness in the saddle area", "reduced feeling around the saddle area"),
    "bladder_bowel_dysfunction": ("new trouble controlling the bladder",
                                  "a recent change in bladder and bowel control"),
    "progressive_weakness": ("a leg that is getting steadily weaker",
                             "weakness in the leg that is getting worse"),
    "history_of_cancer": ("treatment for cancer some years ago", "a past history of cancer"),
    "unexplained_weight_loss": ("losing weight without trying", "unexplained weight loss"),
    "fever": ("a raised temperature", "running a fever"),
    "night_pain": ("pain that keeps {obj} awake at night", "constant pain at night"),
    "major_trauma": ("a road traffic collision three weeks ago", "a fall from a height last month"),
    "long_term_corticosteroids": ("taking steroid tablets for years", "long-term steroid tablets"),
    "hot_swollen_joint": ("a hot, swollen hip", "a hip that has become hot and swollen"),
    "pulsatile_abdominal_mass": ("a pulsating lump in the abdomen",
                                 "a pulsatile swelling in the abdomen"),
    "immunosuppressed_or_ivdu": ("treatment that suppresses the immune system",
                                 "injecting drugs"),
    "minor_trauma": ("a minor stumble last week", "a small stumble at home recently"),
    "bilateral_sciatica": ("shooting pain down each leg", "sciatic pain in each leg"),
    "sexual_dysfunction": ("a recent change in sexual function", "new sexual difficulties"),
    "thoracic_pain": ("pain between the shoulder blades", "pain around the shoulder blades"),
    "inflammatory_back_pain": ("inflammatory features: early onset and easing with movement",
                               "inflammatory features: night waking and easing with movement"),
    "systemically_unwell": ("feeling shivery and generally unwell",
                            "sweats and rigors, feeling unwell in themselves"),
}  # fmt: skip

#: Phrases for examination findings, used in "On examination, {list}."
EXAM_PHRASES: dict[str, tuple[str, ...]] = {
    "hip_rotation_limited": ("hip rotation is clearly limited", "internal rotation of the hip is "
                             "restricted"),
    "spine_stiffness_bending": ("the lower back is stiff when bending and arching",
                                "lumbar movement is stiff in bending and arching"),
    "positive_slr": ("the straight-leg raise reproduces the leg pain",
                     "a straight-leg raise brings on the leg pain"),
    "hip_pain_on_passive_movement": ("moving the hip passively reproduces the pain",
                                     "passive hip movement brings on the familiar pain"),
    "dermatomal_sensory_loss": ("sensation is reduced in one dermatome",
                                "light touch sensation is dulled in one dermatome"),
    "reflex_change": ("one ankle reflex is reduced", "a knee reflex is diminished"),
    "myotomal_weakness": ("one leg muscle group tests below normal power",
                          "power is reduced in one myotome"),
    "positive_femoral_nerve_stretch": ("the femoral nerve stretch test reproduces the pain",
                                       "a femoral nerve stretch brings on the pain"),
}  # fmt: skip

#: Words that would signal each yes/no finding (lower case; matched from the start of a word);
#: none may appear in a vignette for an absent finding, outside the phrases of findings that
#: are present.
FINDING_KEYWORDS: dict[str, tuple[str, ...]] = {
    "pain_groin": ("groin",),
    "pain_buttock": ("buttock",),
    "pain_anterior_thigh": ("front of the thigh",),
    "pain_posterior_thigh": ("back of the thigh",),
    "pain_lateral_hip": ("side of the hip", "outer hip"),
    "pain_knee": ("in the knee", "around the knee"),
    "pain_lower_back": ("lower back", "low back", "back pain", "lumbar"),
    "pain_below_knee": ("below the knee", "past the knee", "shin", "calf", "foot"),
    "worse_walking": ("walk",),
    "worse_stairs": ("stair",),
    "worse_sit_to_stand": ("getting up", "rising", "from a chair", "low chair"),
    "worse_bending": ("bend",),
    "worse_twisting": ("twist",),
    "worse_prolonged_sitting": ("long time", "long spell", "prolonged"),
    "hip_rotation_limited": ("rotation", "rotate"),
    "difficulty_crossing_legs": ("cross",),
    "difficulty_shoes_socks": ("sock", "shoe"),
    "difficulty_car_transfer": ("car",),
    "spine_stiffness_bending": ("stiff when bending", "lumbar movement"),
    "clicking_catching": ("click", "catch"),
    "limp": ("limp",),
    "worse_standing": ("standing",),
    "worse_lumbar_extension": ("extending", "backwards"),
    "eased_by_bending_forward": ("stoop",),
    "bilateral_leg_symptoms": ("both legs",),
    "leg_pain_worse_than_back": ("outweighs", "more than the spine"),
    "hip_pain_on_passive_movement": ("passive",),
    "dermatomal_sensory_loss": ("dermatome", "sensation"),
    "reflex_change": ("reflex",),
    "myotomal_weakness": ("power", "myotome"),
    "positive_femoral_nerve_stretch": ("femoral",),
    "prior_hip_replacement": ("replace",),
    "prior_spine_surgery": ("operation", "surgery"),
    "long_term_corticosteroids": ("steroid",),
    "hot_swollen_joint": ("swollen",),
    "pulsatile_abdominal_mass": ("pulsat",),
    "immunosuppressed_or_ivdu": ("immune", "inject"),
    "minor_trauma": ("stumble",),
    "bilateral_sciatica": ("each leg",),
    "sexual_dysfunction": ("sexual",),
    "thoracic_pain": ("shoulder blade",),
    "inflammatory_back_pain": ("inflammat",),
    "systemically_unwell": ("unwell",),
    "numbness_tingling": ("numb", "tingl", "pins and needles"),
    "positive_slr": ("straight-leg", "straight leg", "leg raise"),
    "saddle_anaesthesia": ("saddle", "perine"),
    "bladder_bowel_dysfunction": ("bladder", "bowel", "continen"),
    "progressive_weak": ("weak",),
    "history_of_cancer": ("cancer", "tumour", "oncolog", "chemotherapy"),
    "unexplained_weight_loss": ("weight", "losing"),
    "fever": ("fever", "temperature"),
    "night_pain": ("night", "awake", "sleep"),
    "major_trauma": ("collision", "fall", "accident", "trauma", "injur"),
}
FINDING_KEYWORDS["progressive_weakness"] = FINDING_KEYWORDS.pop("progressive_weak")

#: Phrases for every yes/no field, merged (the tests read this).
PHRASES: dict[str, tuple[str, ...]] = {
    **LOCATION_PHRASES,
    **AGGRAVATOR_PHRASES,
    **FUNCTION_PHRASES,
    **NERVE_PHRASES,
    **EASED_PHRASES,
    **HISTORY_PHRASES,
    **RED_FLAG_PHRASES,
    **EXAM_PHRASES,
}

#: Occupations or contexts: (working-age phrase, retired phrase).
OCCUPATIONS: tuple[tuple[str, str], ...] = (
    ("works as a primary-school teacher", "is a retired teacher"),
    ("drives a delivery van", "is a retired van driver"),
    ("is a nurse on a hospital ward", "is a retired nurse"),
    ("works in an office as an accountant", "used to work as an accountant"),
    ("runs a small bakery", "is a retired baker"),
    ("is a self-employed electrician", "used to be an electrician"),
    ("works as a hairdresser", "is a retired hairdresser"),
    ("manages a garden centre", "spends most days in the garden since retiring"),
    ("works in a warehouse", "is retired from a warehouse job"),
    ("is a software developer", "is a retired civil servant"),
    ("works as a chef", "is a retired chef"),
    ("looks after two grandchildren several days a week", "volunteers at a charity shop"),
    ("is a university lecturer", "sings in a community choir"),
    ("works as a postal clerk", "is a retired librarian"),
    ("is a farmer", "is a retired farmer"),
    ("cleans offices in the evenings", "plays bowls every week"),
)

#: Why the person has come (no clinical content).
CONTEXTS: tuple[str, ...] = (
    "has been referred by the GP",
    "has booked a first physiotherapy appointment",
    "comes to the clinic on a friend's advice",
    "has been sent by the practice nurse",
    "has self-referred to the physiotherapy service",
    "attends the musculoskeletal clinic",
)

_STAGE_PHRASES: dict[str, tuple[str, ...]] = {
    "none": ("A hip X-ray taken last year was reported as normal.",
             "An earlier hip X-ray showed no osteoarthritis."),
    "early": ("A hip X-ray shows early osteoarthritis.",
              "An X-ray last year was reported as early hip osteoarthritis."),
    "moderate": ("A hip X-ray shows moderate osteoarthritis.",
                 "An X-ray last year was reported as moderate hip osteoarthritis."),
    "advanced": ("A hip X-ray shows advanced osteoarthritis.",
                 "An X-ray last year was reported as advanced hip osteoarthritis."),
    "unknown": ("",),
}  # fmt: skip

#: Age from which the retired phrase is used.
RETIREMENT_AGE = 67


#: How the closing sentences start (the tests find them by these words).
NEGATIVES_LEAD = "Checked and not found: "
RED_FLAGS_NEGATIVE = (
    "Every red-flag question asked was answered no.",
    "The other red-flag questions asked were answered no.",
)


def red_flags_answer(case: Case) -> str:
    """The sentence on the red-flag questions answered no ("" when none was asked).

    Examples
    --------
    >>> from hipback import Case
    >>> red_flags_answer(Case(age=60, fever=False, night_pain=True))
    'The other red-flag questions asked were answered no.'
    """
    flags = [getattr(case, spec.name) for spec in FIELDS if spec.group == RED_FLAG_GROUP]
    if False not in flags:
        return ""
    return RED_FLAGS_NEGATIVE[1] if True in flags else RED_FLAGS_NEGATIVE[0]


def negatives_sentences(case: Case) -> list[str]:
    """The closing sentences: findings recorded absent, and red-flag questions answered no.

    Examples
    --------
    >>> from hipback import Case
    >>> negatives_sentences(Case(age=60, pain_groin=False, limp=False, fever=False))
    ['Checked and not found: pain in the groin; walks with a limp.', \
'Every red-flag question asked was answered no.']
    """
    groups: dict[str, list[str]] = {}  # in record order, one list per group of the record
    for spec in FIELDS:
        asked_absent = spec.kind == "bool" and getattr(case, spec.name) is False
        if asked_absent and spec.group != RED_FLAG_GROUP:
            groups.setdefault(spec.group, []).append(spec.label_in_sentence)
    parts = [_join(labels) for labels in groups.values()]
    out = [NEGATIVES_LEAD + "; ".join(parts) + "."] if parts else []
    return out + ([red_flags] if (red_flags := red_flags_answer(case)) else [])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _case_of(case: Any) -> Case:
    """A Case from a Case or a DataFrame row (extra columns such as case_id are ignored)."""
    if isinstance(case, Case):
        return case
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(case, pd.Series):
        values = {}
        for name in FIELD_NAMES:
            if name not in case.index:
                continue
            v = case[name]
            if v is pd.NA or (isinstance(v, float) and math.isnan(v)):
                v = None
            values[name] = v
        return Case(**values)
    raise HipbackInputError(
        f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case or a row "
        "(pandas Series) of a cases DataFrame"
    )


def _rng_for(case: Case, seed: Any) -> Any:
    import numpy as np

    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        # Stable across runs and machines (no hash randomisation): a checksum of the fields.
        text = json.dumps(case.to_dict(), sort_keys=False)
        return np.random.default_rng(zlib.crc32(text.encode("utf-8")))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise HipbackInputError(
            f"seed: {seed!r} is not allowed; allowed: None, a whole number 0 or more, or a "
            "numpy Generator"
        )
    return np.random.default_rng(int(seed))


def vignette(
    case: Case | pd.Series,
    seed: int | np.random.Generator | None = None,
    *,
    negatives: bool = True,
) -> str:
    """A short narrative of a case, in the kit's own words, for reading aloud.

    Every finding present in the case is conveyed and none that is absent is
    claimed; findings recorded absent are listed as not found (the reasoning counts
    them); the wording (occupation, context, sentence forms) varies from case to case.

    Parameters
    ----------
    case : Case or pandas.Series
        The case, or a row of a frame from :func:`generate_cases` or
        :func:`hipback.load_cases` (extra columns are ignored).
    seed : int, numpy.random.Generator or None
        Chooses the wording. ``None`` (default) derives it from the case
        itself, so the same case always reads the same way.
    negatives : bool, default True
        Close with the findings checked and not found and the red-flag questions answered
        no (:func:`negatives_sentences`); False where they are shown another way (the
        case cards list them under "At a glance").

    Returns
    -------
    str
        One paragraph.

    Examples
    --------
    >>> from hipback import Case, vignette
    >>> text = vignette(Case(age=64, sex="female", pain_groin=True, limp=True), seed=3)
    >>> "64-year-old woman" in text and "groin" in text and "limp" in text
    True
    """
    case = _case_of(case)
    rng = _rng_for(case, seed)

    def pick(options: tuple[str, ...] | list[str]) -> str:
        return options[int(rng.integers(len(options)))]

    noun, subj, pos, obj, third = {
        "female": ("woman", "she", "her", "her", True),
        "male": ("man", "he", "his", "him", True),
        "unspecified": ("person", "they", "their", "them", False),
    }[case.sex]

    def verb(base: str, third_form: str) -> str:
        return third_form if third else base

    def fill(text: str) -> str:
        return text.format(pos=pos, obj=obj)

    work, retired = pick(OCCUPATIONS)
    occupation = retired if case.age >= RETIREMENT_AGE else work
    context = pick(CONTEXTS).replace("the GP", f"{pos} GP")
    article = "An" if str(case.age).startswith("8") or case.age in (11, 18) else "A"
    # The opening's subject is the noun ("a 64-year-old person"), so its verbs stay singular;
    # only sentences that start with "they" take plural verbs.
    sentences = [
        pick(
            [
                f"{article} {case.age}-year-old {noun} {context}.",
                f"{article} {case.age}-year-old {noun}, who {occupation}, {context}.",
            ]
        )
    ]
    Subj = subj.capitalize()
    if ", who " not in sentences[0]:
        sentences.append(f"{Subj} {occupation if third else _plural(occupation)}.")

    weeks = case.symptom_weeks
    if weeks is not None:
        if weeks == 0:
            sentences.append("The pain began only in the last few days.")
        else:
            unit = "week" if weeks == 1 else "weeks"
            sentences.append(
                pick(
                    [
                        f"The trouble has built up over {weeks} {unit}.",
                        f"It has been going on for {weeks} {unit}.",
                    ]
                )
            )

    places = [pick(LOCATION_PHRASES[f]) for f in LOCATION_PHRASES if getattr(case, f) is True]
    if places:
        lead = pick(
            [
                "The pain is felt ",
                "Pain is reported ",
                f"{Subj} {verb('point', 'points')} to pain ",
                f"{Subj} {verb('describe', 'describes')} an ache ",
            ]
        )
        sentences.append(lead + _join(places) + ".")
    else:
        sentences.append(f"{Subj} {verb('find', 'finds')} the pain hard to pin down to one place.")

    worse = [pick(AGGRAVATOR_PHRASES[f]) for f in AGGRAVATOR_PHRASES if getattr(case, f) is True]
    if worse:
        lead = pick(["It is worse ", "It gets worse ", "It is made worse "])
        sentences.append(lead + _join(worse) + ".")
    if case.sitting_effect is not None:
        sentences.append(pick(SITTING_PHRASES[case.sitting_effect]))
    if case.eased_by_bending_forward is True:
        sentences.append(pick(EASED_PHRASES["eased_by_bending_forward"]))

    minutes = case.morning_stiffness_minutes
    if minutes:
        sentences.append(
            pick(
                [
                    f"Mornings start with about {minutes} minutes of stiffness.",
                    f"{Subj} {verb('feel', 'feels')} stiff for about {minutes} minutes after "
                    "getting out of bed in the morning.",
                ]
            )
        )

    doing = [fill(pick(FUNCTION_PHRASES[f])) for f in FUNCTION_PHRASES if getattr(case, f) is True]
    if doing:
        if not third:
            doing = [_plural(d) for d in doing]
        sentences.append(f"{Subj} {_join(doing)}.")

    nerves = [pick(NERVE_PHRASES[f]) for f in NERVE_PHRASES if getattr(case, f) is True]
    if nerves:
        sentences.append(f"{Subj} {verb('describe', 'describes')} {_join(nerves)}.")
    history = [pick(HISTORY_PHRASES[f]) for f in HISTORY_PHRASES if getattr(case, f) is True]
    if history:
        if not third:
            history = [_plural(h) for h in history]
        sentences.append(f"{Subj} {_join(history)}.")

    flags = [fill(pick(RED_FLAG_PHRASES[f])) for f in RED_FLAG_PHRASES if getattr(case, f) is True]
    if flags:
        sentences.append(f"{Subj} also {verb('mention', 'mentions')} {_join(flags)}.")

    exam = [pick(EXAM_PHRASES[f]) for f in EXAM_PHRASES if getattr(case, f) is True]
    if exam:
        lead = pick(["On examination, ", "When examined, ", "The examination finds that "])
        sentences.append(lead + _join(exam) + ".")

    if negatives:
        sentences += negatives_sentences(case)
    if case.bmi is not None:
        sentences.append(f"{pos.capitalize()} body-mass index is {case.bmi:.1f}.")
    stage_text = pick(_STAGE_PHRASES[case.hip_oa_stage])
    if stage_text:
        sentences.append(stage_text)
    return " ".join(sentences)


def _plural(phrase: str) -> str:
    """Third-person singular verb at the start of a phrase -> plural form (for 'they')."""
    first, _, rest = phrase.partition(" ")
    irregular = {"has": "have", "needs": "need", "is": "are"}
    if first in irregular:
        first = irregular[first]
    elif first.endswith("s"):
        first = first[:-1]
    return f"{first} {rest}"
