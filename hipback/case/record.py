"""The case record itself: one patient's presentation, validated field by field, immutable.

Bad input raises :class:`~hipback.HipbackInputError` naming the field, the value and what
is allowed (:meth:`FieldSpec.allowed <hipback.case.fields.FieldSpec.allowed>`); nothing is
silently coerced. What the fields are lives in :mod:`hipback.case.fields`.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Iterator, Mapping
from typing import Any

from hipback.case.fields import BOOL_FIELDS, FIELD_BY_NAME, FIELD_NAMES, FIELDS, FieldSpec
from hipback.errors import HipbackInputError


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
