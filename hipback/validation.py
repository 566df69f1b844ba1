"""Validate a whole table of cases at once, reporting every bad cell.

Used by :func:`hipback.classify_frame`, :func:`hipback.load_cases` and the
``hipback`` command. Checks are vectorised per column so that a clean,
well-typed frame of a million rows is checked in milliseconds; a bad frame
raises one :class:`~hipback.HipbackInputError` listing every bad row and
column, and nothing partial is returned.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hipback.case import FIELDS, FieldSpec
from hipback.errors import HipbackInputError

if TYPE_CHECKING:
    import pandas as pd

_MAX_LISTED = 200  # per column; the count of the rest is still given


def _bad_mask(spec: FieldSpec, series: pd.Series) -> Any:
    """Boolean mask of the cells of one column that the field does not allow."""
    import numpy as np
    import pandas as pd
    from pandas.api import types as pt

    optional = spec.default is None and not spec.required
    dtype = series.dtype
    if spec.kind == "bool":  # v2: <NA> / None / NaN = not assessed, when the field is optional
        if pt.is_bool_dtype(dtype) and not isinstance(dtype, pd.BooleanDtype):
            return None
        if isinstance(dtype, pd.BooleanDtype):
            return None if optional else series.isna().to_numpy()
        return ~series.map(
            lambda v: isinstance(v, bool | np.bool_) or (optional and _is_missing(v))
        ).to_numpy(dtype=bool)
    if spec.kind == "choice":
        missing_ok = series.isna().to_numpy() & optional
        if isinstance(dtype, pd.CategoricalDtype) and set(dtype.categories) <= set(spec.choices):
            return series.isna().to_numpy() & ~missing_ok
        return ~(series.isin(spec.choices).to_numpy(dtype=bool) | missing_ok)
    # numbers
    missing = series.isna().to_numpy()
    if pt.is_bool_dtype(dtype):
        return np.ones(len(series), dtype=bool)
    if pt.is_numeric_dtype(dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
    else:  # object column: only real numbers (not bools, not strings) are allowed
        ok_type = series.map(
            lambda v: (
                v is None
                or (
                    isinstance(v, int | float | np.integer | np.floating)
                    and not isinstance(v, bool)
                )
            )
        ).to_numpy(dtype=bool)
        values = np.where(
            ok_type, pd.to_numeric(series.where(ok_type), errors="coerce"), np.nan
        ).astype("float64")
        missing = missing & ok_type
        bad_type = ~ok_type
        bad = _range_bad(spec, values, missing, optional) | bad_type
        return bad
    return _range_bad(spec, values, missing, optional)


def _is_missing(value: Any) -> bool:
    """None, pandas NA or a float NaN (a blank cell: not assessed)."""
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def _range_bad(spec: FieldSpec, values: Any, missing: Any, optional: bool) -> Any:
    import numpy as np

    with np.errstate(invalid="ignore"):
        bad = np.zeros(len(values), dtype=bool)
        if spec.minimum is not None:
            bad |= values < spec.minimum
        if spec.maximum is not None:
            bad |= values > spec.maximum
        if spec.kind == "int":
            bad |= ~missing & (np.floor(values) != values)
    if not optional:
        bad |= missing
    return bad


def validate_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Check every case-record cell of a frame; return it with defaults for missing columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        One case per row. Columns that are not case-record fields are kept and
        not checked; missing optional fields are added with their defaults;
        ``age`` is required.

    Returns
    -------
    pandas.DataFrame
        The frame (a copy only if columns had to be added).

    Raises
    ------
    HipbackInputError
        Listing, per column, every bad row with its value and what is allowed.

    Examples
    --------
    >>> import pandas as pd
    >>> validate_frame(pd.DataFrame({"age": [60, 70]}))["pain_groin"].tolist()
    [<NA>, <NA>]
    >>> try:
    ...     validate_frame(pd.DataFrame({"age": [60, -3, "old"]}))
    ... except HipbackInputError as err:
    ...     print(err)
    column 'age': rows 1 (-3), 2 ('old'); allowed: a whole number from 18 to 110
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise HipbackInputError(
            f"frame: {type(frame).__name__} is not allowed; allowed: a pandas DataFrame"
        )
    problems = []
    missing = []
    for spec in FIELDS:
        if spec.name not in frame.columns:
            if spec.required:
                problems.append(f"column {spec.name!r}: missing; it is required")
            else:
                missing.append(spec)
            continue
        bad = _bad_mask(spec, frame[spec.name])
        if bad is None or not bad.any():
            continue
        rows = frame.index[bad]
        values = frame[spec.name][bad]
        listed = ", ".join(
            f"{r} ({v!r})" for r, v in zip(rows[:_MAX_LISTED], values[:_MAX_LISTED], strict=True)
        )
        more = f" and {len(rows) - _MAX_LISTED} more" if len(rows) > _MAX_LISTED else ""
        word = "row" if len(rows) == 1 else "rows"
        problems.append(f"column {spec.name!r}: {word} {listed}{more}; allowed: {spec.allowed()}")
    if problems:
        raise HipbackInputError(problems)
    if missing:
        from hipback.case import frame_dtypes

        dtypes = frame_dtypes()
        frame = frame.assign(
            **{
                s.name: pd.Series(s.default, index=frame.index, dtype=dtypes[s.name])
                for s in missing
            }
        )
    return frame
