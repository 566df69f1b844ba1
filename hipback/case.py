"""The case record: one patient's presentation, validated, immutable.

The field names are a contract: the lessons, the
generator, the shipped data and the hidden acceptance cases all use them.
:data:`FIELDS` is the one place that says what each field means, its type and
what it allows; validation, the data dictionary, the widgets and the generator
all read it from here.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hipback.errors import HipbackInputError

if TYPE_CHECKING:  # pandas is imported lazily so that ``import hipback`` stays fast
    import pandas as pd


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
        Where the field comes from (article row or clinical-reference section).
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
        "Hip osteoarthritis stage (if known)",
        "About the person",
        "unknown",
        choices=("none", "early", "moderate", "advanced", "unknown"),
        source="Management depends on it (source article, pillar 6)",
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
        "Fever or feeling systemically unwell",
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
)

FIELD_BY_NAME: dict[str, FieldSpec] = {f.name: f for f in FIELDS}
FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in FIELDS)
BOOL_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.kind == "bool")


def _check(spec: FieldSpec, value: Any) -> Any:
    """Return the value to store, or raise naming the field, the value and what is allowed."""

    def bad(why: str) -> HipbackInputError:
        return HipbackInputError(f"{spec.name}: {value!r} {why}; allowed: {spec.allowed()}")

    if value is None:
        if spec.required:
            raise bad("is required")
        if spec.default is None:
            return None
        raise bad("is not allowed")
    if spec.kind == "bool":
        # numpy.bool_ is not a subclass of bool; 0/1 and "yes" are refused (no coercion).
        if isinstance(value, bool) or (
            type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")
        ):
            return bool(value)
        raise bad("is not a finding state")
    if spec.kind == "choice":
        if isinstance(value, str) and value in spec.choices:
            return value
        raise bad("is not an allowed value")
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise bad("is not a whole number")
        value = int(value)
    else:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise bad("is not a number")
        value = float(value)
        if math.isnan(value):
            return _check(spec, None)
    if (spec.minimum is not None and value < spec.minimum) or (
        spec.maximum is not None and value > spec.maximum
    ):
        raise bad("is out of range")
    return value


def unknown_field_message(name: str) -> str:
    """Message for a field name the case record does not have, suggesting the nearest one."""
    near = difflib.get_close_matches(name, FIELD_NAMES, n=1, cutoff=0.5)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"{name}: not a case-record field{hint} (fields: see hipback.FIELD_NAMES)"


class Case:
    """One patient's presentation (the kit's case record; the field names are a contract).

    Every yes/no finding has three states (case record v2): ``True`` present,
    ``False`` asked or examined and absent, ``None`` not assessed (the default).
    The record is immutable: use :meth:`replace` to change a field. Bad input raises
    :class:`~hipback.HipbackInputError` naming the field, the value and what is
    allowed; nothing is silently coerced.

    Parameters
    ----------
    **fields
        Field values by name; see :data:`FIELDS` for the list, types and ranges.

    Examples
    --------
    >>> from hipback import Case
    >>> case = Case(age=67, pain_groin=True, hip_rotation_limited=True)
    >>> case.pain_groin, case.limp, case.sitting_effect
    (True, None, None)
    >>> case.replace(age=70).age
    70
    """

    __slots__ = FIELD_NAMES

    def __init__(self, **fields: Any) -> None:
        problems = [unknown_field_message(k) for k in fields if k not in FIELD_BY_NAME]
        for spec in FIELDS:
            value = fields.get(spec.name, spec.default)
            try:
                object.__setattr__(self, spec.name, _check(spec, value))
            except HipbackInputError as err:
                problems.extend(err.problems)
        if problems:
            raise HipbackInputError(problems)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Case is immutable; use case.replace({name}=...)")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Case is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Case):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in FIELD_NAMES)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, n) for n in FIELD_NAMES))

    def __repr__(self) -> str:
        shown = [
            f"{s.name}={getattr(self, s.name)!r}"
            for s in FIELDS
            if s.required or getattr(self, s.name) != s.default
        ]
        return f"Case({', '.join(shown)})"

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return ((n, getattr(self, n)) for n in FIELD_NAMES)

    def __reduce__(self):  # pickling and copy: rebuild through validation
        return (_rebuild, (self.to_dict(),))

    def to_dict(self) -> dict[str, Any]:
        """Return every field as a plain dict (JSON-serialisable).

        Examples
        --------
        >>> Case(age=50).to_dict()["age"]
        50
        """
        return {n: getattr(self, n) for n in FIELD_NAMES}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Case:
        """Build a case from a mapping; unknown keys are an error, not ignored.

        Examples
        --------
        >>> Case.from_dict({"age": 60, "pain_groin": True}).pain_groin
        True
        """
        return cls(**dict(data))

    def replace(self, **changes: Any) -> Case:
        """Return a copy with some fields changed (validated like a new case).

        Examples
        --------
        >>> Case(age=60).replace(fever=True).fever
        True
        """
        return Case(**{**self.to_dict(), **changes})

    def present_findings(self) -> tuple[str, ...]:
        """Names of the boolean fields that are True, in record order.

        Examples
        --------
        >>> Case(age=60, limp=True, fever=True).present_findings()
        ('limp', 'fever')
        """
        return tuple(n for n in BOOL_FIELDS if getattr(self, n) is True)

    def absent_findings(self) -> tuple[str, ...]:
        """Names of the yes/no fields recorded ``False`` (asked or examined, and absent).

        Examples
        --------
        >>> Case(age=60, limp=False, fever=True).absent_findings()
        ('limp',)
        """
        return tuple(n for n in BOOL_FIELDS if getattr(self, n) is False)

    def not_assessed(self) -> tuple[str, ...]:
        """Names of the yes/no fields left ``None`` (not assessed).

        Examples
        --------
        >>> "limp" in Case(age=60).not_assessed()
        True
        """
        return tuple(n for n in BOOL_FIELDS if getattr(self, n) is None)


def _rebuild(data: dict[str, Any]) -> Case:
    return Case(**data)


def cases_to_frame(cases: list[Case] | tuple[Case, ...]) -> pd.DataFrame:
    """Put cases in a DataFrame, one row per case, columns in record order.

    Examples
    --------
    >>> frame = cases_to_frame([Case(age=60, limp=False), Case(age=70, limp=True), Case(age=80)])
    >>> frame["limp"].tolist()
    [False, True, <NA>]
    """
    import pandas as pd

    frame = pd.DataFrame([c.to_dict() for c in cases], columns=list(FIELD_NAMES))
    return frame.astype(frame_dtypes()) if len(frame) else frame


def frame_dtypes() -> dict[str, Any]:
    """The pandas dtype of each case-record column.

    Yes/no fields are pandas' nullable ``boolean`` (``<NA>`` = not assessed);
    optional numbers are nullable (``Int64``,
    ``Float64``); choice fields are categorical with the allowed values as
    categories, in :data:`FIELDS` order, so that tables validate quickly.

    Examples
    --------
    >>> str(frame_dtypes()["pain_groin"]), str(frame_dtypes()["age"])
    ('boolean', 'int64')
    """
    import pandas as pd

    out: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.kind == "bool":
            out[spec.name] = "boolean"
        elif spec.kind == "choice":
            out[spec.name] = pd.CategoricalDtype(list(spec.choices))
        elif spec.kind == "int":
            out[spec.name] = "int64" if spec.default is not None or spec.required else "Int64"
        else:
            out[spec.name] = "Float64"
    return out
