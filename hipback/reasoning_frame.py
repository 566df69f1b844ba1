"""The reasoning, vectorised: :func:`classify_frame` labels a whole table of cases at once.

It applies exactly the rules of :func:`hipback.reasoning.classify` (the same counting rule,
the same label rule, the same red-flag screening), with each construct's points looked up
in a table built once per construct from its members' states, so a million cases take
about as long as two numpy matrix–vector products.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hipback.knowledge.findings import CONSTRUCTS, FINDINGS, Finding
from hipback.reasoning import (
    _MEMBERS,
    _TOLERANCE,
    CONFIGURATION_THRESHOLD,
    LABELS,
    MIN_ASSESSED,
    QUESTIONS,
    SCORED_SET,
    _checked_pretest,
    _construct_points,
    probability_to_log10_odds,
)
from hipback.screening import screen_frame

if TYPE_CHECKING:
    import pandas as pd


#
# Each row's findings are packed into small integers (two bits per finding: present, absent),
# constructs are gathered into groups of at most _GROUP_BITS bits, and each group has a
# lookup table of the points counted (and the scored findings assessed) for every pattern of
# its bits. The tables are built with _counted, so the vectorised path follows exactly the
# rule of classify; a row then costs a few integer operations and one look-up per group.

_GROUP_BITS = 14


@dataclass(frozen=True)
class _Group:
    members: tuple[Finding, ...]  # bits 2j (present) and 2j+1 (absent) are members[j]
    hip: Any  # table: points counted for the hip question, per pattern
    spine: Any
    assessed: Any  # table: scored findings assessed, per pattern


def _pattern_states(members: list[Finding], pattern: int) -> dict[str, bool | None]:
    out: dict[str, bool | None] = {}
    for j, f in enumerate(members):
        bits = pattern >> (2 * j) & 3
        out[f.name] = True if bits == 1 else (False if bits == 2 else None)
    return out


def _construct_table(members: list[Finding]) -> Any:
    """(4**k, 3) table of counted (hip, spine) points and assessed count for one construct."""
    import numpy as np

    table = np.zeros((4 ** len(members), 3))
    construct = members[0].construct
    for pattern in range(4 ** len(members)):
        states = _pattern_states(members, pattern)
        for qi, q in enumerate(QUESTIONS):
            table[pattern, qi] = _construct_points(_MEMBERS[q][construct], states, q)
        table[pattern, 2] = sum(
            1 for f in members if f in SCORED_SET and states[f.name] is not None
        )
    return table


def _build_groups() -> tuple[_Group, ...]:
    import numpy as np

    groups: list[list[list[Finding]]] = [[]]
    for construct in CONSTRUCTS:
        members = [f for f in FINDINGS if f.construct == construct]
        if 2 * (sum(map(len, groups[-1])) + len(members)) > _GROUP_BITS:
            groups.append([])
        groups[-1].append(members)
    out = []
    for constructs in groups:
        flat = [f for members in constructs for f in members]
        patterns = np.arange(4 ** len(flat))
        total = np.zeros((len(patterns), 3))
        shift = 0
        for members in constructs:
            sub = (patterns >> shift) & (4 ** len(members) - 1)
            total += _construct_table(members)[sub]
            shift += 2 * len(members)
        out.append(_Group(tuple(flat), total[:, 0].copy(), total[:, 1].copy(), total[:, 2].copy()))
    return tuple(out)


_GROUPS: tuple[_Group, ...] | None = None


def _bool_columns(column: pd.Series) -> tuple[Any, Any]:
    """(present, absent) arrays of a yes/no column (nullable or plain bool)."""
    import numpy as np

    array = column.array
    if hasattr(array, "_mask"):  # pandas BooleanArray: data and mask, no copies
        data, mask = array._data, array._mask
        return data & ~mask, ~data & ~mask
    values = column.to_numpy()
    if values.dtype == bool:
        return values, ~values
    present = np.array([v is True or v is np.True_ for v in values], dtype=bool)
    absent = np.array([v is False or v is np.False_ for v in values], dtype=bool)
    return present, absent


def _state_columns(frame: pd.DataFrame, f: Finding) -> tuple[Any, Any]:
    """Whether a finding is present / recorded absent, for every row of a validated frame."""
    import numpy as np

    n = len(frame)
    if f.field not in frame:
        return np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    column = frame[f.field]
    op = f.test[0]
    absent = np.zeros(n, dtype=bool)
    if op == "is":
        present, absent = _bool_columns(column)
    elif op == "in":
        if isinstance(column.dtype, _categorical_dtype()):
            codes = column.cat.codes.to_numpy()
            cats = list(column.cat.categories)
            lookup = np.zeros(len(cats) + 1, dtype=bool)  # index 0: missing (code -1)
            lookup[[cats.index(v) + 1 for v in f.test[1] if v in cats]] = True
            present = lookup[codes.astype(np.intp) + 1]
        else:
            present = np.asarray(column.isin(f.test[1]), dtype=bool)
    else:
        values = column.to_numpy(dtype="float64", na_value=np.nan)
        present = (values >= f.test[1]) & (values <= f.test[2])
    if f.requires_any or f.requires_none:
        present = present.copy()
        if f.requires_any:
            also = np.zeros(n, dtype=bool)
            for name in f.requires_any:
                if name in frame:
                    also |= _bool_columns(frame[name])[0]
            present &= also
        for name in f.requires_none:
            if name in frame:
                present &= ~_bool_columns(frame[name])[0]
    return present, absent


def _finding_column(frame: pd.DataFrame, f: Finding) -> Any:
    """Whether a finding is present, for every row of a validated frame (bool array)."""
    return _state_columns(frame, f)[0]


def _categorical_dtype() -> type:
    """pandas' CategoricalDtype (imported on first use)."""
    import pandas as pd

    return pd.CategoricalDtype


def findings_matrix(frame: pd.DataFrame) -> Any:
    """Boolean matrix (cases × findings, in :data:`FINDINGS` order): finding present.

    Examples
    --------
    >>> from hipback.case import Case, cases_to_frame
    >>> findings_matrix(cases_to_frame([Case(age=60, limp=True)])).shape[1] == len(FINDINGS)
    True
    """
    import numpy as np

    cols = [_finding_column(frame, f) for f in FINDINGS]
    return np.column_stack(cols) if cols else np.zeros((len(frame), 0), dtype=bool)


def findings_states(frame: pd.DataFrame) -> tuple[Any, Any]:
    """Two boolean matrices (cases × findings): present, and recorded absent.

    Examples
    --------
    >>> from hipback.case import Case, cases_to_frame
    >>> present, absent = findings_states(cases_to_frame([Case(age=60, limp=False)]))
    >>> bool(absent[0, [f.name for f in FINDINGS].index("limp")])
    True
    """
    import numpy as np

    pairs = [_state_columns(frame, f) for f in FINDINGS]
    return np.column_stack([p for p, _ in pairs]), np.column_stack([a for _, a in pairs])


def classify_frame(frame: pd.DataFrame, pretest: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Classify every row of a DataFrame of cases, vectorised.

    Gives, row by row, what :func:`classify` gives for the same case. The frame
    is validated first: every bad cell is reported in one
    :class:`~hipback.HipbackInputError` and nothing partial is returned.
    Columns that are not case-record fields (``case_id``, ground truth) are
    ignored; missing optional columns take their defaults.

    Parameters
    ----------
    frame : pandas.DataFrame
        One case per row, columns named as the case record.
    pretest : mapping, optional
        As in :func:`classify`.

    Returns
    -------
    pandas.DataFrame
        Same index; columns ``label`` (categorical), ``p_hip``, ``p_spine``,
        ``points_hip``, ``points_spine``, ``red_flags`` (tuple of names, most
        urgent first) and ``urgent``.

    Examples
    --------
    >>> from hipback.case import Case, cases_to_frame
    >>> out = classify_frame(cases_to_frame([
    ...     Case(age=67, pain_groin=True, hip_rotation_limited=True), Case(age=40)]))
    >>> list(out["label"])
    ['hip', 'undetermined']
    """
    import numpy as np
    import pandas as pd

    from hipback.validation import validate_frame

    global _GROUPS
    if _GROUPS is None:
        _GROUPS = _build_groups()
    pre = _checked_pretest(pretest)
    frame = validate_frame(frame)
    n = len(frame)
    points_hip = np.zeros(n)
    points_spine = np.zeros(n)
    assessed = np.zeros(n)
    for group in _GROUPS:
        pattern = np.zeros(n, dtype=np.uint16)
        for j, f in enumerate(group.members):
            present, absent = _state_columns(frame, f)
            pattern |= present.view(np.uint8).astype(np.uint16) << (2 * j)
            pattern |= absent.view(np.uint8).astype(np.uint16) << (2 * j + 1)
        points_hip += group.hip[pattern]
        points_spine += group.spine[pattern]
        assessed += group.assessed[pattern]

    def post(q: str, pts: Any) -> Any:
        return 1.0 / (1.0 + 10.0 ** (-(probability_to_log10_odds(pre[q]) + pts / 10.0)))

    p_hip, p_spine = post("hip", points_hip), post("spine", points_spine)
    # The same rule as label_from_probabilities, on arrays (unnormalised configurations;
    # the tolerance is scaled by their total, as the rule compares normalised values).
    hip_only = p_hip * (1 - p_spine)
    spine_only = (1 - p_hip) * p_spine
    both = p_hip * p_spine
    total = hip_only + spine_only + both
    best = np.maximum(hip_only, np.maximum(spine_only, both))
    slack = best - _TOLERANCE * total
    first = np.where(hip_only >= slack, 0, np.where(spine_only >= slack, 1, 2))
    unsettled = best < (CONFIGURATION_THRESHOLD - _TOLERANCE) * total
    codes = np.where((assessed < MIN_ASSESSED) | unsettled, 3, first).astype(np.int8)
    red_flags, urgent = _frame_red_flags(frame)
    return pd.DataFrame(
        {
            "label": pd.Categorical.from_codes(codes, categories=list(LABELS)),
            "p_hip": p_hip,
            "p_spine": p_spine,
            "points_hip": points_hip,
            "points_spine": points_spine,
            "n_assessed": assessed.astype(np.int64),
            "red_flags": red_flags,
            "urgent": urgent,
        },
        index=frame.index,
        copy=False,
    )


def _frame_red_flags(frame: pd.DataFrame) -> tuple[Any, Any]:
    """(red-flag ids per row, urgent per row), exactly as :func:`classify` screens them."""
    flags = screen_frame(frame)
    return flags["red_flags"].to_numpy(), flags["urgent"].to_numpy()
