"""The case record: one patient's presentation, validated, immutable.

One job per module:

* :mod:`hipback.case.fields` — what each field means, its type, what it allows, its source
  (:data:`FIELDS`, the contract every other part of the kit reads);
* :mod:`hipback.case.record` — :class:`Case`, validated field by field and immutable;
* :mod:`hipback.case.frame` — cases as a typed pandas table.

Every name is re-exported here, so ``from hipback.case import Case, FIELDS`` keeps working.
"""

from hipback.case.fields import (
    ALLOWED_STATES,
    BOOL_FIELDS,
    FIELD_BY_NAME,
    FIELD_NAMES,
    FIELDS,
    GROUPS,
    RED_FLAG_GROUP,
    FieldSpec,
)
from hipback.case.frame import cases_to_frame, frame_dtypes
from hipback.case.record import Case, unknown_field_message

# Cases pickled before the split name ``hipback.case._rebuild``: keep it importable here.
from hipback.case.record import _rebuild as _rebuild

__all__ = [
    "ALLOWED_STATES",
    "BOOL_FIELDS",
    "FIELDS",
    "FIELD_BY_NAME",
    "FIELD_NAMES",
    "GROUPS",
    "RED_FLAG_GROUP",
    "Case",
    "FieldSpec",
    "cases_to_frame",
    "frame_dtypes",
    "unknown_field_message",
]
