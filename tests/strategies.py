"""Hypothesis strategies for case records, built from the field catalogue (not retyped)."""

from __future__ import annotations

from hypothesis import strategies as st

from hipback.case import FIELDS, FieldSpec


def value_strategy(spec: FieldSpec) -> st.SearchStrategy:
    """Any value the field allows."""
    if spec.kind == "bool":  # v2: three states
        return st.sampled_from((True, False, None))
    if spec.kind == "choice":
        choices = st.sampled_from(spec.choices)
        return st.one_of(st.none(), choices) if spec.default is None else choices
    upper = int(spec.maximum) if spec.maximum is not None else 520
    if spec.kind == "int":
        base = st.integers(int(spec.minimum), upper)
    else:
        base = st.floats(spec.minimum, spec.maximum, allow_nan=False).map(lambda x: round(x, 1))
    return st.one_of(st.none(), base) if spec.default is None and not spec.required else base


def case_fields() -> st.SearchStrategy[dict]:
    """A dict of valid field values for ``Case(**fields)``."""
    return st.fixed_dictionaries({spec.name: value_strategy(spec) for spec in FIELDS})
