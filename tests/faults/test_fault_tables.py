"""Tables with a bad shape are refused naming the columns; random input never gives a traceback.

Shape checks do not depend on the cell types of the finding columns (those are the
cell validators' business), so they hold whichever values the findings take.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hipback import classify_frame, load_cases
from hipback.case import FIELD_NAMES
from hipback.cli import main
from hipback.cohort.datasets import read_cases_csv, to_csv_text
from hipback.cohort.sampler import generate_cases
from hipback.errors import HipbackInputError
from hipback.reasoning import LABELS
from hipback.validation import MAX_LISTED, cases_from_frame

GOOD = generate_cases(6, seed=11)
GOOD_CSV = to_csv_text(GOOD)


def _csv_error(text: str) -> str:
    with pytest.raises(HipbackInputError) as err:
        read_cases_csv(io.StringIO(text), name="t.csv")
    return str(err.value)


def _frame_error(frame: pd.DataFrame) -> str:
    with pytest.raises(HipbackInputError) as err:
        classify_frame(frame)
    return str(err.value)


# --- CSV shapes ------------------------------------------------------------------------------
def test_misspelled_csv_column_is_refused_with_did_you_mean():
    text = GOOD_CSV.replace("pain_groin", "pain_grion", 1)
    assert "column 'pain_grion': not a case-record field; did you mean 'pain_groin'?" in (
        _csv_error(text)
    )


def test_unknown_csv_column_is_refused():
    text = GOOD_CSV.replace("\n", ",notes\n", 1).replace("\n", ",x\n").replace(",x\n", "\n", 1)
    assert "'notes'" in _csv_error(text.replace(",notes,x\n", ",notes\n", 1))


def test_missing_required_column_is_refused():
    frame = GOOD.drop(columns="age")
    assert "column 'age': missing; it is required" in _csv_error(to_csv_text(frame))
    assert "column 'age': missing" in _frame_error(frame)


def test_repeated_csv_column_is_refused_not_renamed():
    header, rest = GOOD_CSV.split("\n", 1)
    text = header + ",age\n" + "\n".join(r + ",70" for r in rest.strip().split("\n")) + "\n"
    assert "column 'age': appears more than once" in _csv_error(text)


def test_repeated_case_ids_are_refused_with_their_lines():
    frame = GOOD.copy()
    frame.loc[3, "case_id"] = frame.loc[1, "case_id"]
    message = _csv_error(to_csv_text(frame))
    assert f"rows 3 ({frame.loc[1, 'case_id']!r}), 5" in message and "each case id once" in message


def test_line_numbers_count_quoted_line_breaks_and_blank_lines():
    text = (
        "case_id,age,pain_groin\n"  # line 1
        '"first\nsecond",60,True\n'  # lines 2-3: one record, a quoted line break
        "\n"  # line 4: blank
        "c,old,True\n"  # line 5
    )
    assert "'age': row 5 ('old')" in _csv_error(text)


def test_ragged_rows_are_refused_with_their_lines():
    lines = GOOD_CSV.split("\n")
    lines[2] += ",extra"
    assert "rows 3 (45)" in _csv_error("\n".join(lines)) or "row 3" in _csv_error("\n".join(lines))


def test_every_column_is_capped_truth_columns_included():
    frame = generate_cases(150, seed=2)
    frame["true_label"] = frame["true_label"].astype(object)
    frame.loc[:, "true_label"] = "knee"
    frame["sex"] = "x"
    message = _csv_error(to_csv_text(frame))
    for column in ("true_label", "sex"):
        (line,) = [ln for ln in message.splitlines() if f"column '{column}'" in ln]
        assert line.count("'x'") + line.count("'knee'") == MAX_LISTED
        assert "and 130 more" in line


def test_huge_integer_and_bad_bytes_are_clean_errors(tmp_path):
    text = GOOD_CSV.replace("\n", "\n", 1)
    frame = GOOD.copy()
    frame["symptom_weeks"] = frame["symptom_weeks"].astype(object)
    frame.loc[0, "symptom_weeks"] = 99999999999999999999
    assert "'symptom_weeks': row 2 ('99999999999999999999')" in _csv_error(to_csv_text(frame))
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode("utf-16"))
    with pytest.raises(HipbackInputError, match="not UTF-8"):
        load_cases(path)


# --- frame shapes ----------------------------------------------------------------------------
def test_repeated_frame_columns_are_refused():
    frame = pd.concat([GOOD, GOOD[["pain_groin"]]], axis=1)
    assert "column 'pain_groin': appears more than once" in _frame_error(frame)


def test_multiindex_columns_are_refused():
    frame = GOOD.copy()
    frame.columns = pd.MultiIndex.from_product([["case"], list(GOOD.columns)])
    assert "MultiIndex" in _frame_error(frame)


def test_misspelled_frame_column_is_refused():
    frame = GOOD.rename(columns={"pain_groin": "pain_grion"})
    assert "did you mean 'pain_groin'" in _frame_error(frame)


def test_complex_numbers_are_refused():
    frame = GOOD.assign(age=GOOD["age"].astype(complex) + 1j)
    assert "column 'age'" in _frame_error(frame)
    frame = GOOD.assign(bmi=pd.Series([complex(25, 0)] * len(GOOD), dtype=object))
    assert "column 'bmi'" in _frame_error(frame)


def test_object_columns_holding_other_types_are_refused():
    for column, value in (("age", "67"), ("sex", 1), ("bmi", b"25"), ("symptom_weeks", [3])):
        frame = GOOD.copy()
        frame[column] = frame[column].astype(object)
        frame.loc[2, column] = value
        assert f"column {column!r}: row 2" in _frame_error(frame)


def test_huge_symptom_weeks_is_refused_in_frames_and_records():
    frame = GOOD.assign(symptom_weeks=pd.Series([10**30] * len(GOOD), dtype=object))
    assert "symptom_weeks" in _frame_error(frame)


def test_whole_float_ages_become_cases_and_fractions_name_the_row():
    frame = pd.DataFrame({"age": [60.0, 67.0]})
    assert [c.age for c in cases_from_frame(frame)] == [60, 67]
    with pytest.raises(HipbackInputError, match=r"row 1 \(67.5\)"):
        cases_from_frame(pd.DataFrame({"age": [60.0, 67.5]}))


def test_control_characters_in_a_case_id_never_reach_the_terminal(tmp_path, capsys):
    frame = GOOD.copy()
    frame["case_id"] = frame["case_id"].astype(object)
    frame.loc[0, "case_id"] = "S1-\x1b[2J\x1b]0;owned\x07"
    path = tmp_path / "c.csv"
    path.write_text(to_csv_text(frame))
    assert main(["explain", "--csv", str(path), "--row", "1"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"age": 1' + b"0" * 5000 + b"}", "not valid JSON"),
        (b'{"age": 67, "symptom_weeks": 100000000000000000000}', "symptom_weeks"),
        (b" " * 2_000_000, "larger than"),
    ],
    ids=["utf16", "nested", "huge-int", "weeks", "huge-file"],
)
def test_bad_json_files_are_one_line_errors(tmp_path, capsys, content, needle):
    path = tmp_path / "case.json"
    path.write_bytes(content)
    assert main(["explain", str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1, err


# --- random input: never a traceback, never a partial result --------------------------------
def _mutated_csv(draw_cells):
    lines = GOOD_CSV.split("\n")
    for row, col, text in draw_cells:
        row = 1 + row % (len(lines) - 2)
        cells = lines[row].split(",")
        cells[col % len(cells)] = text
        lines[row] = ",".join(cells)
    return "\n".join(lines)


csv_texts = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", errors="replace")),
    st.lists(
        st.tuples(st.integers(0, 100), st.integers(0, 100), st.text(max_size=12)), max_size=6
    ).map(_mutated_csv),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=csv_texts)
def test_random_csv_text_is_a_full_frame_or_a_clean_error(text):
    try:
        frame = read_cases_csv(io.StringIO(text), name="random.csv")
    except HipbackInputError as err:
        assert str(err)
        return
    assert set(FIELD_NAMES) <= set(frame.columns)  # complete, validated, no partial rows
    assert len(cases_from_frame(frame)) == len(frame)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=400))
def test_random_bytes_in_a_file_are_a_full_frame_or_a_clean_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "random.csv"
    path.write_bytes(data)
    try:
        frame = load_cases(path)
    except HipbackInputError:
        return
    assert set(FIELD_NAMES) <= set(frame.columns)


cell_values = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
    st.complex_numbers(max_magnitude=1e6), st.just(pd.NA), st.just(np.int64(60)),
)  # fmt: skip
columns = st.sampled_from([*FIELD_NAMES[:12], "pain_grion", "Age", "case_id", "notes", 0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spec=st.lists(
        st.tuples(columns, st.lists(cell_values, min_size=3, max_size=3)), min_size=0, max_size=6
    )  # fmt: skip
)
def test_random_frames_are_classified_whole_or_refused_cleanly(spec):
    frame = pd.DataFrame(
        {n: pd.Series(vals, dtype=object) for n, vals in (("age", [60, 61, 62]), *spec)}
    )
    if len({c for c, _ in spec}) < len(spec):  # also try genuinely repeated columns
        frame = pd.concat([pd.Series(v, dtype=object, name=c) for c, v in spec], axis=1)
    try:
        result = classify_frame(frame)
    except HipbackInputError as err:
        assert str(err)
        return
    assert len(result) == len(frame)
    assert result["label"].isin(LABELS).all()
    assert all(0 <= p <= 1 and not math.isnan(p) for p in result["p_hip"])
