"""The case record's fields: what each one means, its type, what it allows, its source.

The field names are a contract: the lessons, the generator, the shipped data and the
hidden acceptance cases all use them. :data:`FIELDS` is the one place that says what
each field means; validation (:mod:`hipback.case.record`), the data dictionary, the
widgets and the generator all read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What one case-record field holds.

    Attributes
    ----------
    name : str
        The field name (the contract).
    kind : {"bool", "int", "float", "choice"}
        Its type.
    label : str
        Plain-language label for learners.
    group : str
        Which part of the history or examination it belongs to; groups follow
        the article's comparison table, so widgets and case cards lay them out
        the same way.
    default : Any
        Value when not given (``None`` for optional numbers).
    minimum, maximum : float or None
        Inclusive range for numbers.
    choices : tuple of str
        Allowed values for a ``choice`` field.
    required : bool
        Whether the field must be given.
    unit : str
        Unit for numbers ("" when none).
    source : str
        Where the field comes from (article row, guideline or reference).
    choice_labels : tuple of str
        Display text of each choice, in ``choices`` order (empty: derived from the value).
    """

    name: str
    kind: str
    label: str
    group: str
    default: Any = None
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    required: bool = False
    unit: str = ""
    source: str = ""
    choice_labels: tuple[str, ...] = ()

    @property
    def label_in_sentence(self) -> str:
        """The label as it reads inside a sentence ("pain in the groin").

        Examples
        --------
        >>> spec = FieldSpec("limp", "bool", "Walks with a limp", "Movement and function")
        >>> spec.label_in_sentence
        'walks with a limp'
        """
        return self.label[0].lower() + self.label[1:]

    def choice_text(self, value: str) -> str:
        """Display text of one choice ("no_change" -> "No change" unless labelled).

        Examples
        --------
        >>> from hipback.case import FIELD_BY_NAME
        >>> FIELD_BY_NAME["hip_oa_stage"].choice_text("none")
        'Shows no OA'
        >>> FIELD_BY_NAME["sitting_effect"].choice_text("no_change")
        'No change'
        """
        if self.choice_labels:
            return self.choice_labels[self.choices.index(value)]
        return value.replace("_", " ").capitalize()

    def allowed(self) -> str:
        """Describe the allowed values in words (used in every error message)."""
        if self.kind == "bool":
            return ALLOWED_STATES
        if self.kind == "choice":
            text = "one of " + ", ".join(repr(c) for c in self.choices)
            return text + (", or None (not assessed)" if self.default is None else "")
        if self.kind == "int":
            upper = f"to {self.maximum:g}" if self.maximum is not None else "or more"
            text = f"a whole number from {self.minimum:g} {upper}"
        else:
            text = f"a number from {self.minimum:g} to {self.maximum:g}"
        if not self.required and self.default is None:
            text += ", or None (not recorded)"
        return text


#: The three states of every yes/no finding (case record v2), in words.
ALLOWED_STATES = "True (present), False (asked or examined, and absent) or None (not assessed)"

#: Groups in the order a clinician takes a history and examines.
GROUPS: tuple[str, ...] = (
    "About the person",
    "Where it hurts",
    "What makes it worse",
    "Effect of sitting",
    "Movement and function",
    "Nerve signs",
    "Red flags",
)
#: The group of the red-flag fields (screened apart from the hip-or-spine findings).
RED_FLAG_GROUP: str = GROUPS[-1]

_ART = "Source article, comparison table"
_SYM = "Source article, hip OA symptoms list"

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("age", "int", "Age", "About the person", None, 18, 110, required=True, unit="years"),
    FieldSpec(
        "sex",
        "choice",
        "Sex",
        "About the person",
        "unspecified",
        choices=("female", "male", "unspecified"),
    ),
    FieldSpec(
        "bmi",
        "float",
        "Body-mass index",
        "About the person",
        None,
        12,
        80,
        unit="kg/m²",
        source="Weight management (NICE NG226; ACR 2019)",
    ),
    FieldSpec(
        "symptom_weeks",
        "int",
        "How long the symptoms have lasted",
        "About the person",
        None,
        0,
        5720,  # 110 years (the oldest allowed age) in weeks: anything longer is a typing error
        unit="weeks",
    ),
    FieldSpec(
        "hip_oa_stage",
        "choice",
        "Hip X-ray on record",
        "About the person",
        "unknown",
        choices=("none", "early", "moderate", "advanced", "unknown"),
        choice_labels=(
            "Shows no OA",
            "Early OA",
            "Moderate OA",
            "Advanced OA",
            "No X-ray on record",
        ),
        source="From a hip X-ray on record; management depends on it (source article, pillar 6) "
        "and the reasoning weighs it (Kim 2014)",
    ),
    FieldSpec(
        "prior_hip_replacement",
        "bool",
        "Has had a hip replacement on the painful side",
        "About the person",
        source="Parvizi 2010",
    ),
    FieldSpec(
        "prior_spine_surgery",
        "bool",
        "Has had lumbar spine surgery",
        "About the person",
        source="ACR Appropriateness Criteria, low back pain (2021)",
    ),
    FieldSpec("pain_groin", "bool", "Pain in the groin", "Where it hurts", source=_ART),
    FieldSpec("pain_buttock", "bool", "Pain in the buttock", "Where it hurts", source=_ART),
    FieldSpec(
        "pain_anterior_thigh",
        "bool",
        "Pain in the front of the thigh",
        "Where it hurts",
        source=_ART,
    ),
    FieldSpec("pain_lower_back", "bool", "Pain in the lower back", "Where it hurts", source=_ART),
    FieldSpec(
        "pain_below_knee",
        "bool",
        "Pain below the knee",
        "Where it hurts",
        source="Khan 2004; Lesher 2008",
    ),
    FieldSpec(
        "pain_posterior_thigh",
        "bool",
        "Pain in the back of the thigh",
        "Where it hurts",
        source="Source article, comparison table; Lesher 2008",
    ),
    FieldSpec(
        "pain_lateral_hip",
        "bool",
        "Pain over the side of the hip",
        "Where it hurts",
        source="Poulsen 2016; Lesher 2008",
    ),
    FieldSpec("pain_knee", "bool", "Pain in the knee", "Where it hurts", source="Poulsen 2016"),
    FieldSpec(
        "bilateral_leg_symptoms",
        "bool",
        "Buttock or leg symptoms on both sides",
        "Where it hurts",
        source="Suri 2010",
    ),
    FieldSpec(
        "leg_pain_worse_than_back",
        "bool",
        "Leg pain worse than back pain",
        "Where it hurts",
        source="NICE NG59 (sciatica)",
    ),
    FieldSpec("worse_walking", "bool", "Worse when walking", "What makes it worse", source=_ART),
    FieldSpec("worse_stairs", "bool", "Worse on stairs", "What makes it worse", source=_ART),
    FieldSpec(
        "worse_sit_to_stand",
        "bool",
        "Worse getting up from a chair",
        "What makes it worse",
        source=_ART,
    ),
    FieldSpec("worse_bending", "bool", "Worse when bending", "What makes it worse", source=_ART),
    FieldSpec("worse_twisting", "bool", "Worse when twisting", "What makes it worse", source=_ART),
    FieldSpec(
        "worse_prolonged_sitting",
        "bool",
        "Worse after sitting for a long time",
        "What makes it worse",
        source=_ART,
    ),
    FieldSpec(
        "worse_standing",
        "bool",
        "Worse when standing still",
        "What makes it worse",
        source="Suri 2010 (neurogenic claudication)",
    ),
    FieldSpec(
        "worse_lumbar_extension",
        "bool",
        "Worse when arching the back (lumbar extension)",
        "What makes it worse",
        source="Clinical reasoning cue; no published LR (teaching estimate)",
    ),
    FieldSpec(
        "eased_by_bending_forward",
        "bool",
        "Leg symptoms ease on bending forward (neurogenic claudication pattern)",
        "What makes it worse",
        source="Suri 2010",
    ),
    FieldSpec(
        "sitting_effect",
        "choice",
        "What sitting does to the pain",
        "Effect of sitting",
        None,
        choices=("eases", "worsens", "no_change"),
        source=_ART,
    ),
    FieldSpec(
        "hip_rotation_limited",
        "bool",
        "Hip rotation limited on examination",
        "Movement and function",
        source=_ART,
    ),
    FieldSpec(
        "hip_pain_on_passive_movement",
        "bool",
        "Pain reproduced by passive hip rotation or flexion-adduction",
        "Movement and function",
        source="Metcalfe 2019; Sutlive 2008; Altman 1991",
    ),
    FieldSpec(
        "difficulty_crossing_legs",
        "bool",
        "Difficulty crossing the legs",
        "Movement and function",
        source=_ART,
    ),
    FieldSpec(
        "difficulty_shoes_socks",
        "bool",
        "Difficulty putting on shoes and socks",
        "Movement and function",
        source=_SYM,
    ),
    FieldSpec(
        "difficulty_car_transfer",
        "bool",
        "Difficulty getting in or out of a car",
        "Movement and function",
        source=_SYM,
    ),
    FieldSpec(
        "spine_stiffness_bending",
        "bool",
        "Back stiff when bending or arching",
        "Movement and function",
        source=_ART,
    ),
    FieldSpec(
        "morning_stiffness_minutes",
        "int",
        "Morning stiffness",
        "Movement and function",
        0,
        0,
        1440,
        unit="minutes",
        source=_SYM,
    ),
    FieldSpec(
        "clicking_catching",
        "bool",
        "Clicking or catching in the hip",
        "Movement and function",
        source=_SYM,
    ),
    FieldSpec(
        "limp",
        "bool",
        "Walks with a limp",
        "Movement and function",
        source="Source article, mechanism 1 (altered movement)",
    ),
    FieldSpec(
        "numbness_tingling",
        "bool",
        "Numbness or tingling in the leg",
        "Nerve signs",
        source="Source article, mechanism 3 and FAQ (mimics sciatica)",
    ),
    FieldSpec(
        "positive_slr",
        "bool",
        "Straight-leg raise reproduces leg pain",
        "Nerve signs",
        source="Devillé 2000",
    ),
    FieldSpec(
        "dermatomal_sensory_loss",
        "bool",
        "Sensory loss in a dermatome on examination",
        "Nerve signs",
        source="Tawa 2017 (examination sign, not the symptom)",
    ),
    FieldSpec(
        "reflex_change",
        "bool",
        "Reduced knee or ankle reflex on examination",
        "Nerve signs",
        source="Tawa 2017; Iversen 2013",
    ),
    FieldSpec(
        "myotomal_weakness",
        "bool",
        "Weakness in a myotome on examination",
        "Nerve signs",
        source="Tawa 2017; Iversen 2013",
    ),
    FieldSpec(
        "positive_femoral_nerve_stretch",
        "bool",
        "Femoral nerve stretch test reproduces thigh pain (upper lumbar roots)",
        "Nerve signs",
        source="Clinical reasoning cue; no published LR (teaching estimate)",
    ),
    FieldSpec(
        "saddle_anaesthesia",
        "bool",
        "Numbness in the saddle area",
        "Red flags",
        source="Red flags (cauda equina)",
    ),
    FieldSpec(
        "bladder_bowel_dysfunction",
        "bool",
        "New bladder or bowel problems",
        "Red flags",
        source="Red flags (cauda equina)",
    ),
    FieldSpec(
        "progressive_weakness",
        "bool",
        "Leg weakness that is getting worse",
        "Red flags",
        source="Red flags (progressive neurology)",
    ),
    FieldSpec(
        "history_of_cancer",
        "bool",
        "Past history of cancer",
        "Red flags",
        source="Red flags (malignancy)",
    ),
    FieldSpec(
        "unexplained_weight_loss",
        "bool",
        "Unexplained weight loss",
        "Red flags",
        source="Red flags (malignancy)",
    ),
    FieldSpec(
        "fever",
        "bool",
        "Fever (a raised temperature)",
        "Red flags",
        source="Red flags (infection)",
    ),
    FieldSpec(
        "night_pain",
        "bool",
        "Persistent pain at night",
        "Red flags",
        source="Red flags (malignancy)",
    ),
    FieldSpec(
        "major_trauma",
        "bool",
        "Recent major trauma",
        "Red flags",
        source="Red flags (fracture)",
    ),
    FieldSpec(
        "long_term_corticosteroids",
        "bool",
        "Long-term corticosteroid use",
        "Red flags",
        source="Red flags (fracture)",
    ),
    FieldSpec(
        "hot_swollen_joint",
        "bool",
        "Hot, swollen joint",
        "Red flags",
        source="Red flags (septic arthritis; NICE NG226 atypical features)",
    ),
    FieldSpec(
        "pulsatile_abdominal_mass",
        "bool",
        "Pulsatile abdominal mass",
        "Red flags",
        source="Red flags (abdominal aortic aneurysm)",
    ),
    FieldSpec(
        "immunosuppressed_or_ivdu",
        "bool",
        "Immunosuppressed or injects drugs",
        "Red flags",
        source="Red flags (infection)",
    ),
    FieldSpec(
        "minor_trauma",
        "bool",
        "Recent minor trauma (e.g. a fall from standing)",
        "Red flags",
        source="Red flags (osteoporotic fracture)",
    ),
    FieldSpec(
        "bilateral_sciatica",
        "bool",
        "Sciatica in both legs",
        "Red flags",
        source="Red flags (cauda equina)",
    ),
    FieldSpec(
        "sexual_dysfunction",
        "bool",
        "New sexual dysfunction",
        "Red flags",
        source="Red flags (cauda equina)",
    ),
    FieldSpec(
        "thoracic_pain",
        "bool",
        "Thoracic (mid-back) pain",
        "Red flags",
        source="Red flags (malignancy)",
    ),
    FieldSpec(
        "inflammatory_back_pain",
        "bool",
        "Inflammatory back pain features (NICE NG65)",
        "Red flags",
        source="Red flags (NICE NG65)",
    ),
    FieldSpec(
        "systemically_unwell",
        "bool",
        "Feeling systemically unwell (shivers, sweats or rigors)",
        "Red flags",
        source="Red flags (infection)",
    ),
)

FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
BOOL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "bool")
