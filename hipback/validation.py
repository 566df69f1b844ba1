"""Validate a whole table of cases at once, reporting every bad cell.

Used by :func:`hipback.classify_frame`, :func:`hipback.load_cases` and the
``hipback`` command. Checks are vectorised per column so that a clean,
well-typed frame of a million rows is checked in milliseconds; a bad frame
raises one :class:`~hipback.HipbackInputError` listing every bad row and
column, and nothing partial is returned.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from hipback.case import FIELD_BY_NAME, FIELD_NAMES, FIELDS, Case, FieldSpec, frame_dtypes
from hipback.errors import HipbackInputError

if TYPE_CHECKING:
    import pandas as pd

#: Bad cells listed per column in a message; the count of the rest is still given.
MAX_LISTED = 20
_MAX_LISTED = MAX_LISTED
#: How alike a column name must be to a field name to be taken for a misspelling of it.
TYPO_CUTOFF = 0.8


def listed_cells(rows: Sequence[Any], values: Sequence[Any], limit: int = MAX_LISTED) -> str:
    """``"rows 3 ('x'), 7 (-1) and 12 more"``: the first ``limit`` bad cells and a count.

    Examples
    --------
    >>> listed_cells([3], ["x"])
    "row 3 ('x')"
    >>> listed_cells(list(range(30)), [0] * 30, limit=2)
    'rows 0 (0), 1 (0) and 28 more'
    """
    rows, values = list(rows), list(values)
    shown = ", ".join(f"{r} ({v!r})" for r, v in zip(rows[:limit], values[:limit], strict=True))
    more = f" and {len(rows) - limit} more" if len(rows) > limit else ""
    return f"{'row' if len(rows) == 1 else 'rows'} {shown}{more}"


def _near_field(name: str, others: Collection[str] = ()) -> str | None:
    """The case-record field (or known column) ``name`` looks like a misspelling of."""
    pool = {n.lower(): n for n in (*FIELD_NAMES, *others)}
    near = difflib.get_close_matches(name.lower(), list(pool), n=1, cutoff=TYPO_CUTOFF)
    return pool[near[0]] if near else None


def column_problems(frame: pd.DataFrame, known: Collection[str] | None = None) -> list[str]:
    """What is wrong with a table's columns (not its cells); ``[]`` when nothing.

    Refused: MultiIndex columns, a column that appears more than once, a column whose
    name looks like a misspelled case-record field (``pain_grion``: "did you mean"), and,
    when ``known`` is given (a case *file*), any column that is neither a case-record
    field nor in ``known``. Duplicated non-empty ``case_id`` values are refused too.
    Independent of the cells' types, so it holds whatever the finding columns hold.

    Examples
    --------
    >>> import pandas as pd
    >>> column_problems(pd.DataFrame({"age": [60], "pain_grion": [True]}))
    ["column 'pain_grion': not a case-record field; did you mean 'pain_groin'?"]
    """
    import pandas as pd

    columns = frame.columns
    if isinstance(columns, pd.MultiIndex):
        return [
            f"columns: {columns.nlevels} levels of column names (a MultiIndex) are not allowed; "
            "allowed: one level, named as the case record (flatten them first)"
        ]
    problems = []
    repeated = list(dict.fromkeys(c for c in columns[columns.duplicated()]))
    if repeated:
        names = ", ".join(repr(c) for c in repeated[:MAX_LISTED])
        problems.append(
            f"column{'s' if len(repeated) > 1 else ''} {names}: "
            f"appear{'s' if len(repeated) == 1 else ''} more than once; allowed: each column once"
        )
    unknown = []
    for column in dict.fromkeys(columns):
        if column in FIELD_BY_NAME or (known is not None and column in known):
            continue
        near = _near_field(column, known or ()) if isinstance(column, str) else None
        if near is not None:
            problems.append(f"column {column!r}: not a case-record field; did you mean {near!r}?")
        elif known is not None:
            unknown.append(column)
    if unknown:
        names = ", ".join(repr(c) for c in unknown[:MAX_LISTED])
        more = f" and {len(unknown) - MAX_LISTED} more" if len(unknown) > MAX_LISTED else ""
        problems.append(
            f"column{'s' if len(unknown) > 1 else ''} {names}{more}: not a case-record field "
            "nor a column of a case file; allowed: the fields of hipback.FIELD_NAMES, case_id "
            "and the ground-truth columns (see the data dictionary)"
        )
    if not repeated and "case_id" in columns:
        ids = frame["case_id"]
        given = ids.notna() & (ids.astype(str) != "")
        twice = given & ids.duplicated(keep=False)
        if twice.any():
            problems.append(
                f"column 'case_id': {listed_cells(frame.index[twice], ids[twice])} repeat an "
                "id; allowed: each case id once"
            )
    return problems


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
    if pt.is_bool_dtype(dtype) or pt.is_complex_dtype(dtype):
        return np.ones(len(series), dtype=bool)
    if pt.is_numeric_dtype(dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
    else:  # object column: only real numbers (not bools, not strings) are allowed
        ok_type = series.map(
            lambda v: (
                v is None
                or v is pd.NA
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


def validate_frame(frame: pd.DataFrame, known: Collection[str] | None = None) -> pd.DataFrame:
    """Check every case-record cell of a frame; return it with defaults for missing columns.

    Parameters
    ----------
    frame : pandas.DataFrame
        One case per row. Columns that are not case-record fields are kept and
        not checked, unless their name looks like a misspelled field; missing
        optional fields are added with their defaults; ``age`` is required.
        The shape is checked first (:func:`column_problems`).
    known : collection of str, optional
        The other columns allowed (a case file's ``case_id`` and ground truth):
        given, every other column is refused.

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
    problems = column_problems(frame, known)
    if problems:
        raise HipbackInputError(problems)
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
        listed = listed_cells(frame.index[bad], frame[spec.name][bad])
        problems.append(f"column {spec.name!r}: {listed}; allowed: {spec.allowed()}")
    if problems:
        raise HipbackInputError(problems)
    if missing:
        dtypes = frame_dtypes()
        frame = frame.assign(
            **{
                s.name: pd.Series(s.default, index=frame.index, dtype=dtypes[s.name])
                for s in missing
            }
        )
    return _whole_numbers_as_integers(frame)


def _whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole-number fields held as floats (60.0, already checked whole) become integers."""
    from pandas.api import types as pt

    convert = {
        spec.name: "Int64"
        for spec in FIELDS
        if spec.kind == "int" and not pt.is_integer_dtype(frame[spec.name].dtype)
    }
    if not convert:
        return frame
    import pandas as pd

    return frame.assign(
        **{name: pd.to_numeric(frame[name]).astype(kind) for name, kind in convert.items()}
    )


def cases_from_frame(frame: pd.DataFrame) -> list[Case]:
    """Turn each row of a DataFrame into a validated :class:`Case`.

    Extra columns (``case_id``, ground truth) are ignored; every bad cell in the
    frame is reported in one error, and nothing partial is returned.

    Examples
    --------
    >>> from hipback.case import Case, cases_to_frame
    >>> frame = cases_to_frame([Case(age=60, limp=True)])
    >>> cases_from_frame(frame)[0].limp
    True
    """
    clean = validate_frame(frame)
    records = clean.to_dict("records")
    return [Case(**{n: _plain(r[n]) for n in FIELD_NAMES if n in r}) for r in records]


def _plain(value: Any) -> Any:
    """pandas missing values (NA, NaN) become None for optional fields."""
    import pandas as pd

    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value
