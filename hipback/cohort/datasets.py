"""The shipped synthetic case set, its data dictionary, and strict CSV loading.

Data card (``data/README.md`` points here)
--------------------------------------
- **What:** 400 synthetic patients in whom the question "hip, lumbar spine or
  both?" arises; one row per case. No real person is described.
- **How it was made:** ``generate_cases(**SHIPPED)`` (seed 2026, mixed
  difficulty: 30% easy, 40% moderate, 30% hard; red-flag rate 0.03), written
  by ``scripts/make_data.py``. The generator's parameters, with their
  citations, are in :mod:`hipback.cohort.parameters`; they are *not* the
  classifier's likelihood ratios, though six published figures appear on both
  sides (:data:`hipback.cohort.parameters.SHARED_WITH_CATALOGUE`), so scoring
  the classifier on this set checks its counting rather than being fully
  external. A test fails if the file drifts from the generator.
- **Columns (68):** ``case_id``; the 59 case-record fields
  (:data:`hipback.case.FIELD_NAMES`); and the ground truth ``true_label``,
  ``hip_source``, ``spine_source``, ``spine_pattern``,
  ``serious_pathology``, ``true_red_flags``, ``difficulty`` and ``mimic``.
  Meaning, type, allowed values, unit and source of each column are in
  ``data_dictionary.csv`` (built from :data:`hipback.case.FIELDS`, see
  :func:`data_dictionary`).
- **Format:** UTF-8 CSV, header row, ``True``/``False`` for yes/no, an empty
  cell for a finding not assessed (case record v2) or a value not recorded
  (``bmi``, ``symptom_weeks``; and
  ``true_red_flags`` when there is none), flags joined by ``;``.
- **Limits:** frequencies come from studies with different reference
  standards and populations; many are teaching
  estimates. The set teaches reasoning; it says nothing about real prevalence.
- **Licence:** CC BY 4.0 (data), as the rest of the kit's content.

Educational use only: not medical advice, not for clinical decisions.
"""

from __future__ import annotations

import io
import re
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hipback.case import FIELD_BY_NAME, FIELDS, FieldSpec, frame_dtypes
from hipback.cohort import parameters as cm
from hipback.cohort.sampler import RED_FLAG_FIELDS, generate_cases
from hipback.errors import HipbackInputError

if TYPE_CHECKING:
    import pandas as pd

#: How the shipped set was generated (``generate_cases(**SHIPPED)``).
SHIPPED: dict[str, Any] = {"n": 400, "seed": 2026, "difficulty": "mixed", "red_flag_rate": 0.03}

#: File names inside ``hipback/data`` (the one packaged copy).
CASES_FILE = "cases.csv"
DICTIONARY_FILE = "data_dictionary.csv"

_GENERATOR = "Synthetic generator (hipback.cohort.parameters)"

#: The columns that are not case-record fields: (name, meaning, type, allowed values, source).
EXTRA_COLUMNS: tuple[tuple[str, str, str, str, str], ...] = (
    ("case_id", "Identifier of the case: S<seed>-<number>", "text", "unique per file",
     _GENERATOR),
    ("true_label", "The primary pain driver the case was generated with (the answer)",
     "choice", ", ".join(cm.TRUTHS), _GENERATOR),
    ("hip_source", "The hip joint is a pain source in this case", "bool", "True or False",
     _GENERATOR),
    ("spine_source", "The lumbar spine is a pain source in this case", "bool", "True or False",
     _GENERATOR),
    ("spine_pattern", "Kind of spinal pain when the spine is a source", "choice",
     ", ".join(cm.SPINE_PATTERNS), _GENERATOR),
    ("serious_pathology", "Serious pathology behind the red flags, if any", "choice",
     ", ".join(cm.PATHOLOGIES), _GENERATOR + "; red-flag rules in hipback.knowledge.red_flags"),
    ("true_red_flags", "Red-flag fields present, joined by ';' (empty when none)", "text",
     ", ".join(RED_FLAG_FIELDS), _GENERATOR),
    ("difficulty", "How hard the case was made", "choice", ", ".join(cm.DIFFICULTIES),
     _GENERATOR),
    ("mimic", "The trap a hard case carries ('none' otherwise)", "choice",
     ", ".join(cm.MIMIC_NAMES), _GENERATOR),
)  # fmt: skip

_CATEGORICAL_TRUTH: dict[str, tuple[str, ...]] = {
    "true_label": cm.TRUTHS,
    "spine_pattern": cm.SPINE_PATTERNS,
    "serious_pathology": cm.PATHOLOGIES,
    "difficulty": cm.DIFFICULTIES,
    "mimic": cm.MIMIC_NAMES,
}
_BOOL_TRUTH = ("hip_source", "spine_source")
_INT_TEXT = re.compile(r"[+-]?\d+")
#: Largest CSV read (the shipped set is 0.1 MB; a million cases about 100 MB).
MAX_CSV_BYTES = 200 * 2**20
_TYPE_WORD = {"bool": "bool", "int": "integer", "float": "number", "choice": "choice"}


def _allowed_text(spec: FieldSpec) -> str:
    if spec.kind == "choice":
        return ", ".join(spec.choices)
    # In a CSV a value not recorded is an empty cell, not Python's None.
    return spec.allowed().replace("None (not recorded)", "empty (not recorded)")


def data_dictionary() -> pd.DataFrame:
    """Every column of the case files: meaning, type, allowed values, unit, source.

    Built from :data:`hipback.case.FIELDS` (and :data:`EXTRA_COLUMNS`), never retyped.

    Examples
    --------
    >>> from hipback.cohort.datasets import data_dictionary
    >>> d = data_dictionary().set_index("column")
    >>> d.loc["age", "unit"], d.loc["sitting_effect", "allowed"]
    ('years', 'eases, worsens, no_change')
    """
    import pandas as pd

    rows = [
        {"column": "case_id", "meaning": EXTRA_COLUMNS[0][1], "type": EXTRA_COLUMNS[0][2],
         "allowed": EXTRA_COLUMNS[0][3], "unit": "", "group": "Identifier",
         "source": EXTRA_COLUMNS[0][4]},
    ]  # fmt: skip
    for spec in FIELDS:
        optional = spec.default is None and not spec.required
        meaning = spec.label + (" (empty when not recorded)" if optional else "")
        rows.append(
            {
                "column": spec.name,
                "meaning": meaning,
                "type": _TYPE_WORD[spec.kind],
                "allowed": _allowed_text(spec),
                "unit": spec.unit,
                "group": spec.group,
                "source": spec.source or "Case record (hipback.case.FIELDS)",
            }
        )
    for name, meaning, kind, allowed, source in EXTRA_COLUMNS[1:]:
        rows.append(
            {"column": name, "meaning": meaning, "type": kind, "allowed": allowed, "unit": "",
             "group": "Ground truth", "source": source}
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["column", "meaning", "type", "allowed", "unit", "group",
                                       "source"])  # fmt: skip


def to_csv_text(frame: pd.DataFrame) -> str:
    """The exact text the kit writes for a frame of cases (stable across runs).

    Examples
    --------
    >>> from hipback import generate_cases
    >>> to_csv_text(generate_cases(1, seed=1)).splitlines()[0].split(",")[:3]
    ['case_id', 'age', 'sex']
    """
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def shipped_cases_text() -> str:
    """What ``cases.csv`` must contain: the generator's output for :data:`SHIPPED`."""
    return to_csv_text(generate_cases(**SHIPPED))


def dictionary_text() -> str:
    """What ``data_dictionary.csv`` must contain."""
    return to_csv_text(data_dictionary())


def _parse_column(
    spec_kind: str, raw: pd.Series, choices: tuple[str, ...] = (), blank_ok: bool = False
) -> pd.Series:
    """Parse one text column strictly; cells that do not parse keep their text (reported later).

    Nothing is coerced: "yes", "1" or "true " are not booleans; "6.0" is not a whole number.
    """
    import pandas as pd

    text = raw.astype(object)
    empty = text == ""
    if spec_kind == "bool":  # case record v2: a blank cell is "not assessed" (<NA>)
        mapped = text.map({"True": True, "False": False})
        if (mapped.notna() | (empty & blank_ok)).all():
            return mapped.astype("boolean") if blank_ok else mapped.astype(bool)
        out = mapped.where(mapped.notna(), text).astype(object)
        return out.where(~(empty & blank_ok), None) if blank_ok else out
    if spec_kind == "choice":
        ok = text.isin(choices) | (empty & blank_ok)
        if ok.all():
            cells = text.where(~empty)
            return pd.Series(pd.Categorical(cells, categories=list(choices)), index=raw.index)
        return text.where(~(empty & blank_ok), None)
    if spec_kind in ("int", "float"):
        numeric = pd.to_numeric(text.where(~empty), errors="coerce")
        if spec_kind == "int":
            looks = text.str.fullmatch(_INT_TEXT.pattern).fillna(False).astype(bool)
            parsed = numeric.where(looks)
        else:
            parsed = numeric
        bad = ~empty & parsed.isna()
        if spec_kind == "int":  # beyond exact integers: reported as given, never cast
            bad |= parsed.abs() > 2**53
        if bad.any():
            out = parsed.astype(object).where(~bad, text)
            return out.where(~empty, None)
        dtype = "Int64" if spec_kind == "int" else "Float64"
        return parsed.astype(dtype)
    return text  # pragma: no cover


def _read_text(source: str | PathLike[str] | io.TextIOBase, label: str) -> str:
    """The whole file as text; not UTF-8, unreadable or too large is one clear error."""
    try:
        if isinstance(source, str | PathLike):
            with open(source, "rb") as handle:
                raw = handle.read(MAX_CSV_BYTES + 1)
            if len(raw) > MAX_CSV_BYTES:
                raise HipbackInputError(
                    f"{label}: larger than {MAX_CSV_BYTES // 2**20} MB; no case loaded; allowed: "
                    "a smaller CSV (split it)"
                )
            text = raw.decode("utf-8")
        else:
            text = source.read(MAX_CSV_BYTES + 1)
            if not isinstance(text, str):
                raise HipbackInputError(f"{label}: a binary stream; allowed: a text stream")
            if len(text) > MAX_CSV_BYTES:
                raise HipbackInputError(f"{label}: too large; no case loaded")
    except UnicodeDecodeError as err:
        raise HipbackInputError(
            f"{label}: not UTF-8 text ({err.reason} at byte {err.start}); no case loaded; "
            "allowed: a CSV saved as UTF-8"
        ) from None
    except OSError as err:
        raise HipbackInputError(
            f"{label}: cannot be read ({err.strerror or err}); no case loaded"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _plain_layout(text: str) -> bool:
    """No quotes, no blank lines, no lone CR: one record per line, line n = record n - 1."""
    if '"' in text or "\r" in text.replace("\r\n", "\n"):
        return False
    body = text.replace("\r\n", "\n")
    return "\n\n" not in body.rstrip("\n") and not body.startswith("\n")


def _table(text: str, label: str) -> tuple[list[str], pd.DataFrame]:
    """The header as written and the cells as text, indexed by each record's first line.

    Plain files are parsed by pandas; files with quoted cells or blank lines by
    :mod:`csv` (strict quoting), which counts the lines inside quoted cells. A record
    with more or fewer cells than the header is refused.
    """
    import csv

    import pandas as pd

    if not text.strip():
        raise HipbackInputError(
            f"{label}: cannot be read as a CSV of cases (it is empty); allowed: a CSV with "
            "a header row of columns"
        )
    if _plain_layout(text):
        try:
            table = pd.read_csv(io.StringIO(text), header=None, dtype=str,
                                keep_default_na=False, na_filter=False)  # fmt: skip
        except (pd.errors.ParserError, ValueError):
            table = None  # ragged rows: the csv path below names their lines
        commas = text.count(",", 0, text.find("\n") if "\n" in text else len(text))
        same_width = all(
            line.count(",") == commas for line in text.splitlines() if line
        )  # pandas pads short rows: they take the csv path, which names their lines
        if table is not None and same_width and not table.isna().any().any():
            header = [str(c) for c in table.iloc[0]]
            body = table.iloc[1:].astype(object)
            body.index = pd.RangeIndex(2, len(table) + 1)
            body.columns = pd.RangeIndex(len(header))
            return header, body
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    cache: dict[str, str] = {}
    header_row: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    ragged: list[tuple[int, int]] = []
    end = 0
    try:
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record:
                continue
            if header_row is None:
                header_row = record
                continue
            if len(record) != len(header_row):
                ragged.append((start, len(record)))
                continue
            rows.append([cache.setdefault(c, c) for c in record])
            lines.append(start)
    except csv.Error as err:
        raise HipbackInputError(
            f"{label}: cannot be read as a CSV of cases (line {reader.line_num}: {err}); no "
            "case loaded"
        ) from None
    assert header_row is not None
    if ragged:
        from hipback.validation import listed_cells

        shown = listed_cells([r for r, _ in ragged], [n for _, n in ragged])
        raise HipbackInputError(
            [f"{label}: no case loaded; rows with the wrong number of cells "
             "(row = line of the file):",
             f"{shown} have the wrong number of cells (in brackets); allowed: "
             f"{len(header_row)} cells, as in the header"]
        )  # fmt: skip
    index = pd.Index(lines, dtype="int64")
    cells = list(zip(*rows, strict=True)) if rows else [() for _ in header_row]
    body = pd.DataFrame({n: pd.Series(c, index=index, dtype=object) for n, c in enumerate(cells)},
                        index=index)  # fmt: skip
    return header_row, body


def _known_columns() -> set[str]:
    """The columns a case file may hold besides the case-record fields."""
    names = {name for name, *_ in EXTRA_COLUMNS}
    names.update(str(c) for c in generate_cases(1, seed=0).columns)
    return names


def read_cases_csv(source: str | PathLike[str] | io.TextIOBase, name: str = "") -> pd.DataFrame:
    """Read a CSV of cases strictly and validate every row through the case record.

    Parameters
    ----------
    source : path or text stream
        The CSV (header row; columns named as the case record, ``case_id`` and the
        ground truth; any other column is refused, a misspelling with "did you mean").
    name : str
        Name used in error messages (defaults to the path).

    Returns
    -------
    pandas.DataFrame
        Case-record columns with :func:`hipback.case.frame_dtypes`; ground-truth
        columns typed as in :func:`hipback.generate_cases`; others as text.

    Raises
    ------
    HipbackInputError
        If a column is unknown, missing, repeated, or any cell is bad: every bad row
        and column is listed (up to 20 per column, then a count; rows numbered as
        lines of the file, the header being line 1, quoted line breaks counted) and
        nothing is returned.

    Examples
    --------
    >>> import io
    >>> frame = read_cases_csv(io.StringIO("age,pain_groin\\n67,True\\n"))
    >>> bool(frame.loc[0, "pain_groin"])
    True
    """
    import pandas as pd

    from hipback.validation import listed_cells, validate_frame

    label = name or str(source)
    header, raw = _table(_read_text(source, label), label)
    columns = pd.Index(header, dtype=object)
    if columns.duplicated().any():
        from hipback.validation import column_problems

        problems = column_problems(pd.DataFrame(columns=columns))
        raise HipbackInputError([f"{label}: no case loaded; bad columns:", *problems])
    raw.columns = columns
    parsed = {}
    for column in raw.columns:
        spec = FIELD_BY_NAME.get(column)
        if spec is not None:
            blank_ok = spec.default is None and not spec.required
            parsed[column] = _parse_column(spec.kind, raw[column], spec.choices, blank_ok)
        elif column in _CATEGORICAL_TRUTH:
            parsed[column] = _parse_column("choice", raw[column], _CATEGORICAL_TRUTH[column])
        elif column in _BOOL_TRUTH:
            parsed[column] = _parse_column("bool", raw[column])
        else:
            parsed[column] = raw[column].astype("str")
    frame = pd.DataFrame(parsed, index=raw.index)
    problems = []
    try:
        frame = validate_frame(frame, known=_known_columns())
    except HipbackInputError as err:
        problems.extend(err.problems)
    for column in (*_CATEGORICAL_TRUTH, *_BOOL_TRUTH):
        if column in frame and frame[column].dtype == object:
            allowed = (
                ", ".join(_CATEGORICAL_TRUTH[column]) if column in _CATEGORICAL_TRUTH
                else "True or False"
            )  # fmt: skip
            bad = ~frame[column].isin(_CATEGORICAL_TRUTH.get(column, (True, False)))
            shown = listed_cells(frame.index[bad], frame.loc[bad, column])
            problems.append(f"column {column!r}: {shown}; allowed: {allowed}")
    if problems:
        raise HipbackInputError(
            [f"{label}: no case loaded; bad columns or cells (row = line of the file):", *problems]
        )
    dtypes = {k: v for k, v in frame_dtypes().items() if k in frame}
    frame = frame.astype(dtypes)
    return frame.reset_index(drop=True)


def load_cases(path: str | PathLike[str] | None = None) -> pd.DataFrame:
    """Load the shipped synthetic cases (or a CSV of your own), validated row by row.

    The shipped set travels inside the package (``hipback/data/cases.csv``),
    so it loads from an installed wheel as well as from a checkout.

    Data card: 400 synthetic cases from ``generate_cases(n=400, seed=2026,
    difficulty="mixed", red_flag_rate=0.03)``; 44 columns: ``case_id``, the 35
    case-record fields, and the ground truth (``true_label``, ``hip_source``,
    ``spine_source``, ``spine_pattern``, ``serious_pathology``,
    ``true_red_flags``, ``difficulty``, ``mimic``). Column meanings, types,
    allowed values, units and sources: :func:`data_dictionary` (shipped as
    ``data_dictionary.csv``). Frequencies come from the generator's own cited
    parameters (:mod:`hipback.cohort.parameters`), many of them teaching estimates.
    No real patient is described. Licence CC BY 4.0. Educational use only: not
    medical advice.

    Parameters
    ----------
    path : path, optional
        A CSV to load instead of the shipped set.

    Returns
    -------
    pandas.DataFrame
        One row per case, dtypes as :func:`hipback.generate_cases`.

    Raises
    ------
    HipbackInputError
        If any cell is bad: nothing is loaded and every bad row and column is listed.

    Examples
    --------
    >>> from hipback import load_cases
    >>> cases = load_cases()
    >>> len(cases), cases["true_label"].isin(["hip", "spine", "combined"]).all()
    (400, np.True_)
    """
    if path is None:
        resource = resources.files("hipback").joinpath("data", CASES_FILE)
        with resource.open("r", encoding="utf-8", newline="") as stream:
            return read_cases_csv(stream, name=f"hipback/data/{CASES_FILE}")
    path = Path(path)
    if not path.is_file():
        raise HipbackInputError(f"path: {str(path)!r} is not a file; allowed: a CSV file of cases")
    return read_cases_csv(path, name=str(path))


def load_data_dictionary() -> pd.DataFrame:
    """The shipped data dictionary (``hipback/data/data_dictionary.csv``) as text columns.

    Examples
    --------
    >>> "age" in set(load_data_dictionary()["column"])
    True
    """
    import pandas as pd

    resource = resources.files("hipback").joinpath("data", DICTIONARY_FILE)
    with resource.open("r", encoding="utf-8", newline="") as stream:
        return pd.read_csv(stream, dtype=str, keep_default_na=False)
