"""Cases as a pandas table: one row per case, the columns typed from the field catalogue.

pandas is imported inside the functions so that ``import hipback`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hipback.case.fields import FIELD_NAMES, FIELDS

if TYPE_CHECKING:
    import pandas as pd

    from hipback.case.record import Case


def cases_to_frame(cases: list[Case] | tuple[Case, ...]) -> pd.DataFrame:
    """Put cases in a DataFrame, one row per case, columns in record order.

    Examples
    --------
    >>> from hipback.case import Case
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
