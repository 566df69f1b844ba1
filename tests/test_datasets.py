"""The shipped case set: no drift from the generator, strict loading, installed-wheel access."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from hipback import HipbackInputError, generate_cases, load_cases
from hipback.case import FIELD_NAMES, FIELDS
from hipback.cohort.datasets import (
    CASES_FILE,
    DICTIONARY_FILE,
    SHIPPED,
    data_dictionary,
    dictionary_text,
    load_data_dictionary,
    read_cases_csv,
    shipped_cases_text,
    to_csv_text,
)
from hipback.cohort.sampler import TRUTH_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = ROOT / "hipback" / "data"
ROOT_DATA = ROOT / "data"


def test_shipped_csv_matches_the_generator_for_its_seed():
    text = (PACKAGE_DATA / CASES_FILE).read_text(encoding="utf-8")
    assert text == shipped_cases_text(), "run: .venv/bin/python scripts/make_data.py"
    assert (PACKAGE_DATA / DICTIONARY_FILE).read_text(encoding="utf-8") == dictionary_text()


def test_one_packaged_copy_and_data_holds_a_pointer_only():
    # Reasoning v2: the package data is the one copy; data/ keeps a README pointing to it.
    assert sorted(p.name for p in ROOT_DATA.iterdir()) == ["README.md"]
    assert "hipback/data/cases.csv" in (ROOT_DATA / "README.md").read_text(encoding="utf-8")


def test_make_data_check_passes():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_data.py"), "--check"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_load_cases_returns_the_generated_frame():
    cases = load_cases()
    pd.testing.assert_frame_equal(cases, generate_cases(**SHIPPED))
    # 400 is the size the data card promises (hipback/cohort/datasets.py), not a code output.
    assert len(cases) == SHIPPED["n"] == 400
    assert set(cases["difficulty"].astype(str)) == {"easy", "moderate", "hard"}


def test_data_dictionary_covers_every_column_and_comes_from_fields():
    d = data_dictionary()
    assert list(d["column"]) == ["case_id", *FIELD_NAMES, *TRUTH_COLUMNS]
    assert list(d.columns) == ["column", "meaning", "type", "allowed", "unit", "group", "source"]
    by = d.set_index("column")
    for spec in FIELDS:
        assert by.loc[spec.name, "meaning"].startswith(spec.label)
        assert by.loc[spec.name, "unit"] == spec.unit
        if spec.kind == "choice":
            assert by.loc[spec.name, "allowed"] == ", ".join(spec.choices)
    assert (d["meaning"] != "").all() and (d["type"] != "").all() and (d["source"] != "").all()
    pd.testing.assert_frame_equal(load_data_dictionary(), d.astype(str))


def test_data_card_in_readme_and_docstring():
    readme = (ROOT_DATA / "README.md").read_text(encoding="utf-8")
    for needle in ("400", str(SHIPPED["seed"]), "CC BY 4.0", "data_dictionary.csv",
                   "make_data.py", "Educational use"):  # fmt: skip
        assert needle in readme, needle
        assert needle in (load_cases.__doc__ or "") or needle in ("make_data.py",), needle


def _csv(frame: pd.DataFrame) -> io.StringIO:
    return io.StringIO(to_csv_text(frame))


def test_a_csv_round_trips_exactly():
    frame = generate_cases(300, seed=77, red_flag_rate=0.3)
    pd.testing.assert_frame_equal(read_cases_csv(_csv(frame)), frame)


def test_bad_cells_load_nothing_and_every_one_is_reported():
    text = to_csv_text(generate_cases(6, seed=1)).splitlines()
    header = text[0].split(",")
    rows = [line.split(",") for line in text[1:]]
    col = {name: header.index(name) for name in header}
    rows[0][col["age"]] = "sixty"  # line 2
    rows[2][col["pain_groin"]] = "yes"  # line 4
    rows[3][col["pain_groin"]] = "1"  # line 5: no coercion of 1 to True
    rows[4][col["sitting_effect"]] = "sometimes"  # line 6
    rows[5][col["age"]] = "61.5"  # line 7
    rows[1][col["bmi"]] = "heavy"  # line 3
    rows[1][col["true_label"]] = "knee"  # line 3
    bad = "\n".join([",".join(header), *(",".join(r) for r in rows)]) + "\n"
    with pytest.raises(HipbackInputError) as err:
        read_cases_csv(io.StringIO(bad), name="bad.csv")
    message = str(err.value)
    assert message.startswith("bad.csv: no case loaded")
    for fragment in ("'age': rows 2 ('sixty'), 7 ('61.5')", "'pain_groin': rows 4 ('yes'), 5 ('1')",
                     "'sitting_effect': row 6 ('sometimes')", "'bmi': row 3 ('heavy')",
                     "'true_label': row 3 ('knee')"):  # fmt: skip
        assert fragment in message, message


def test_empty_required_cell_and_missing_column_are_reported():
    with pytest.raises(HipbackInputError, match=r"'age': row 3 \(<NA>\)"):
        read_cases_csv(io.StringIO("age,limp\n60,True\n,False\n"))
    with pytest.raises(HipbackInputError, match="'age': missing"):
        read_cases_csv(io.StringIO("limp\nTrue\n"))


def test_minimal_csv_gets_defaults():
    frame = read_cases_csv(io.StringIO("age,limp,bmi\n60,True,\n70,False,31.5\n"))
    assert frame["limp"].tolist() == [True, False]
    assert frame["bmi"].isna().tolist() == [True, False]
    assert frame["sitting_effect"].isna().all()  # v2: not assessed by default
    assert frame["pain_groin"].isna().all()


def test_load_cases_from_a_path_and_bad_paths(tmp_path):
    path = tmp_path / "mine.csv"
    generate_cases(10, seed=3).to_csv(path, index=False)
    assert len(load_cases(path)) == 10
    with pytest.raises(HipbackInputError, match="path: .* not a file"):
        load_cases(tmp_path / "missing.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(HipbackInputError, match="cannot be read"):
        load_cases(tmp_path / "empty.csv")


def test_package_data_is_declared_for_the_wheel():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["hipback"]
    assert "data/*.csv" in globs


def test_load_cases_works_from_an_installed_copy(tmp_path):
    """Install-like layout: only what the wheel carries (modules + package data), no checkout.

    (A real ``pip wheel`` build needs the ``wheel`` package or setuptools >= 70.1, which the
    offline test environment may lack; this copies exactly what pyproject declares instead.)
    """
    site = tmp_path / "site"
    for source in (ROOT / "hipback").rglob("*"):
        relative = source.relative_to(ROOT)
        wanted = source.suffix == ".py" or (
            source.parent == PACKAGE_DATA and source.suffix == ".csv"
        )
        if source.is_file() and wanted and "__pycache__" not in source.parts:
            target = site / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import hipback; "
        "assert hipback.__file__.startswith(sys.argv[1]), hipback.__file__; "
        "print(len(hipback.load_cases()), len(hipback.cohort.datasets.load_data_dictionary()))"
    )
    run = subprocess.run([sys.executable, "-I", "-c", code, str(site)], capture_output=True,
                         text=True, cwd=tmp_path, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["400", str(len(FIELD_NAMES) + len(TRUTH_COLUMNS) + 1)]
