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
    default: Any = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    required: bool = False
    unit: str = ""
    source: str = ""

    def allowed(self) -> str:
        """Describe the allowed values in words (used in every error message)."""
        if self.kind == "bool":
            return "True or False"
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        if self.kind == "int":
            upper = f"to {self.maximum:g}" if self.maximum is not None else "or more"
            text = f"a whole number from {self.minimum:g} {upper}"
        else:
            text = f"a number from {self.minimum:g} to {self.maximum:g}"
        if not self.required and self.default is None:
            text += ", or None (not recorded)"
        return text


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
        None,
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
        source="Khan 2004; Lesher 2008 (clinical reference §2.1)",
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
        "sitting_effect",
        "choice",
        "What sitting does to the pain",
        "Effect of sitting",
        "no_change",
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
        source="Clinical reference §2.4 (Devillé 2000)",
    ),
    FieldSpec(
        "saddle_anaesthesia",
        "bool",
        "Numbness in the saddle area",
        "Red flags",
        source="Clinical reference §3.2 (cauda equina)",
    ),
    FieldSpec(
        "bladder_bowel_dysfunction",
        "bool",
        "New bladder or bowel problems",
        "Red flags",
        source="Clinical reference §3.2 (cauda equina)",
    ),
    FieldSpec(
        "progressive_weakness",
        "bool",
        "Leg weakness that is getting worse",
        "Red flags",
        source="Clinical reference §3.2",
    ),
    FieldSpec(
        "history_of_cancer",
        "bool",
        "Past history of cancer",
        "Red flags",
        source="Clinical reference §3.2 (malignancy)",
    ),
    FieldSpec(
        "unexplained_weight_loss",
        "bool",
        "Unexplained weight loss",
        "Red flags",
        source="Clinical reference §3.2 (malignancy)",
    ),
    FieldSpec(
        "fever",
        "bool",
        "Fever or feeling systemically unwell",
        "Red flags",
        source="Clinical reference §3.2 (infection)",
    ),
    FieldSpec(
        "night_pain",
        "bool",
        "Persistent pain at night",
        "Red flags",
        source="Clinical reference §3.2 (malignancy)",
    ),
    FieldSpec(
        "major_trauma",
        "bool",
        "Recent major trauma",
        "Red flags",
        source="Clinical reference §3.2 (fracture)",
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
        raise bad("is not True or False")
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

    Every boolean defaults to ``False`` (absent or not reported). The record is
    immutable: use :meth:`replace` to change a field. Bad input raises
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
    >>> case.pain_groin, case.sitting_effect
    (True, 'no_change')
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
        return tuple(n for n in BOOL_FIELDS if getattr(self, n))


def _rebuild(data: dict[str, Any]) -> Case:
    return Case(**data)


def cases_to_frame(cases: list[Case] | tuple[Case, ...]) -> pd.DataFrame:
    """Put cases in a DataFrame, one row per case, columns in record order.

    Examples
    --------
    >>> frame = cases_to_frame([Case(age=60), Case(age=70, limp=True)])
    >>> list(frame["limp"])
    [False, True]
    """
    import pandas as pd

    frame = pd.DataFrame([c.to_dict() for c in cases], columns=list(FIELD_NAMES))
    return frame.astype(frame_dtypes()) if len(frame) else frame


def frame_dtypes() -> dict[str, Any]:
    """The pandas dtype of each case-record column.

    Yes/no fields are ``bool``; optional numbers are nullable (``Int64``,
    ``Float64``); choice fields are categorical with the allowed values as
    categories, in :data:`FIELDS` order, so that tables validate quickly.

    Examples
    --------
    >>> str(frame_dtypes()["pain_groin"]), str(frame_dtypes()["age"])
    ('bool', 'int64')
    """
    import pandas as pd

    out: dict[str, Any] = {}
    for spec in FIELDS:
        if spec.kind == "bool":
            out[spec.name] = "bool"
        elif spec.kind == "choice":
            out[spec.name] = pd.CategoricalDtype(list(spec.choices))
        elif spec.kind == "int":
            out[spec.name] = "int64" if spec.default is not None or spec.required else "Int64"
        else:
            out[spec.name] = "Float64"
    return out


def cases_from_frame(frame: pd.DataFrame) -> list[Case]:
    """Turn each row of a DataFrame into a validated :class:`Case`.

    Extra columns (``case_id``, ground truth) are ignored; every bad cell in the
    frame is reported in one error, and nothing partial is returned.

    Examples
    --------
    >>> frame = cases_to_frame([Case(age=60, limp=True)])
    >>> cases_from_frame(frame)[0].limp
    True
    """
    from hipback.validation import validate_frame

    clean = validate_frame(frame)
    records = clean.to_dict("records")
    return [Case(**{n: _plain(r[n]) for n in FIELD_NAMES if n in r}) for r in records]


def _plain(value: Any) -> Any:
    """pandas missing values (NA, NaN) become None for optional fields."""
    try:
        import pandas as pd

        if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            return None
    except ImportError:  # pragma: no cover
        pass
    return value
