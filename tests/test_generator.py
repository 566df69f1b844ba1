"""The synthetic case generator: shape, validity, reproducibility, its own cited parameters."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hipback import HipbackInputError, classify_frame
from hipback.case import FIELD_NAMES, Case, frame_dtypes
from hipback.cohort import parameters as cm
from hipback.cohort.sampler import RED_FLAG_FIELDS, TRUTH_COLUMNS, generate_cases
from hipback.validation import cases_from_frame, validate_frame

MODEL = {m.field: m for m in cm.FINDING_MODELS}


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return generate_cases(4000, seed=11)


@pytest.fixture(scope="module")
def moderate() -> pd.DataFrame:
    return generate_cases(60_000, seed=5, difficulty="moderate", red_flag_rate=0.0)


def test_columns_in_record_order_with_record_dtypes(cohort):
    assert list(cohort.columns) == ["case_id", *FIELD_NAMES, *TRUTH_COLUMNS]
    for name, dtype in frame_dtypes().items():
        assert cohort[name].dtype == dtype, name
    assert cohort["case_id"].is_unique
    assert set(cohort["true_label"].cat.categories) == {"hip", "spine", "combined"}


def test_every_row_is_a_valid_case(cohort):
    validate_frame(cohort)  # raises on any bad cell
    cases = cases_from_frame(cohort.sample(300, random_state=0))
    assert all(isinstance(c, Case) for c in cases)
    assert cohort["bmi"].isna().any() and cohort["symptom_weeks"].isna().any()


def test_same_seed_same_frame_and_prefix_stable():
    a = generate_cases(500, seed=3)
    pd.testing.assert_frame_equal(a, generate_cases(500, seed=3))
    assert not a[list(FIELD_NAMES)].equals(generate_cases(500, seed=4)[list(FIELD_NAMES)])
    # Row i depends only on the seed and i: a shorter cohort is a prefix of a longer one.
    pd.testing.assert_frame_equal(generate_cases(200, seed=3), a.iloc[:200])


def test_numpy_integer_arguments_are_accepted():
    pd.testing.assert_frame_equal(generate_cases(np.int64(20), seed=np.int64(2)),
                                  generate_cases(20, seed=2))  # fmt: skip


def test_empty_cohort_keeps_columns_and_dtypes():
    empty = generate_cases(0, seed=1)
    assert len(empty) == 0
    assert list(empty.columns) == ["case_id", *FIELD_NAMES, *TRUTH_COLUMNS]
    validate_frame(empty)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"n": -1}, "n"),
        ({"n": 2.5}, "n"),
        ({"n": True}, "n"),
        ({"seed": -4}, "seed"),
        ({"seed": "seven"}, "seed"),
        ({"seed": 1.0}, "seed"),
        ({"difficulty": "expert"}, "difficulty"),
        ({"difficulty": "Hard"}, "difficulty"),
        ({"red_flag_rate": 1.5}, "red_flag_rate"),
        ({"red_flag_rate": "high"}, "red_flag_rate"),
    ],
)
def test_bad_arguments_name_the_argument_and_what_is_allowed(kwargs, field):
    args = {"n": 10, "seed": 1, **kwargs}
    with pytest.raises(HipbackInputError) as err:
        generate_cases(**args)
    assert str(err.value).startswith(f"{field}: ")
    assert "allowed" in str(err.value)


def test_several_bad_arguments_are_all_reported():
    with pytest.raises(HipbackInputError) as err:
        generate_cases(-1, seed=-1, difficulty="nope")
    assert len(err.value.problems) == 3


def _share(frame, field, **where):
    rows = np.ones(len(frame), dtype=bool)
    for col, value in where.items():
        rows &= (frame[col] == value).to_numpy()
    return frame.loc[rows, field].mean(), rows.sum()


@pytest.mark.parametrize(
    ("field", "source", "truth", "pattern", "reference"),
    [
        ("pain_groin", "hip", "hip", "none", "khan2004"),  # sensitivity 84.3%
        ("pain_groin", "stenosis", "spine", "stenosis", "khan2004"),  # 1 - specificity 70.3%
        ("pain_buttock", "hip", "hip", "none", "lesher2008"),  # 71%
        ("pain_anterior_thigh", "hip", "hip", "none", "lesher2008"),  # 27%
        ("pain_below_knee", "hip", "hip", "none", "lesher2008"),  # 22%
        ("pain_lower_back", "hip", "hip", "none", "parvizi2010"),  # 49.4%
        ("hip_rotation_limited", "hip", "hip", "none", "metcalfe2019"),  # sensitivity 0.66
        ("dermatomal_sensory_loss", "radicular", "spine", "radicular", "tawa2017"),  # 0.61
        ("positive_slr", "radicular", "spine", "radicular", "deville2000"),  # 0.90
    ],
)
def test_moderate_cases_reproduce_the_cited_frequencies(
    moderate, field, source, truth, pattern, reference
):
    cited = getattr(MODEL[field], source)
    assert cited.source == reference
    observed, count = _share(moderate, field, true_label=truth, spine_pattern=pattern)
    assert count > 2000
    assert observed == pytest.approx(cited.p, abs=0.025)


def test_sitting_in_hip_cases_respects_metcalfe_2019(moderate):
    # Metcalfe 2019: pain not improved by sitting, LR 0.24 for hip OA. LR- = (1 - sens) / spec
    # of "improved by sitting", so at most 24% of hip OA can be "not improved".
    assert cm.SITTING["hip"][0].source == "metcalfe2019"
    rows = (moderate["true_label"] == "hip") & moderate["sitting_effect"].notna()
    sitting = moderate.loc[rows, "sitting_effect"].astype(str)
    assert rows.sum() > 10_000
    assert (sitting != "eases").mean() <= 0.24 + 0.01
    assert (sitting == "eases").mean() == pytest.approx(cm.SITTING["hip"][0].p, abs=0.01)


def test_reported_numbness_is_not_given_the_examination_signs_citation():
    # Clinical audit item 8: Tawa 2017's sensitivity is for dermatomal loss on examination.
    assert MODEL["numbness_tingling"].radicular.basis == cm.TEACHING_ESTIMATE
    assert MODEL["dermatomal_sensory_loss"].radicular.source == "tawa2017"


def test_rotation_in_spine_cases_follows_incidental_hip_oa(moderate):
    # Metcalfe 2019: 1 - specificity 0.79 among people without hip OA.
    observed, count = _share(moderate, "hip_rotation_limited", true_label="spine",
                             hip_oa_stage="none")  # fmt: skip
    assert count > 1000
    assert observed == pytest.approx(cm.INCIDENTAL_ROTATION["none"].p, abs=0.03)
    moderate_oa, _ = _share(moderate, "hip_rotation_limited", true_label="spine",
                            hip_oa_stage="moderate")  # fmt: skip
    assert moderate_oa > observed + 0.15


def test_spine_cases_carry_incidental_radiographic_hip_oa(moderate):
    spine = moderate[(moderate.true_label == "spine") & (moderate.age >= 50)]
    imaged = spine[spine.hip_oa_stage != "unknown"]
    share = imaged.hip_oa_stage.isin(["early", "moderate"]).mean()
    assert share == pytest.approx(cm.INCIDENTAL_OA_50.p, abs=0.03)  # Framingham 19.6%
    assert cm.INCIDENTAL_OA_50.source == "kim2014"


def test_findings_are_correlated_within_a_truth(moderate):
    """Severity drives the stiff-hip findings together: independence given the truth fails."""
    hip = moderate[moderate.true_label == "hip"]
    pairs = [("hip_rotation_limited", "difficulty_shoes_socks"),
             ("difficulty_car_transfer", "limp"),
             ("difficulty_crossing_legs", "difficulty_shoes_socks")]  # fmt: skip
    for a, b in pairs:
        both = hip[hip[a].notna() & hip[b].notna()]  # v2: compare where both were assessed
        joint = (both[a] & both[b]).mean()
        assert joint > 1.15 * both[a].mean() * both[b].mean(), (a, b)
    # Severity shows in the stage too: advanced hips are stiffer than early ones.
    by_stage = hip.groupby("hip_oa_stage", observed=True)["hip_rotation_limited"].mean()
    assert by_stage["advanced"] > by_stage["early"] + 0.3


def test_pain_location_does_not_track_severity(moderate):
    """Khan 2004: radiographic severity did not correlate with where the pain is felt."""
    hip = moderate[moderate.true_label == "hip"]
    by_stage = hip.groupby("hip_oa_stage", observed=True)["pain_groin"].mean()
    assert abs(by_stage["advanced"] - by_stage["early"]) < 0.04


def test_generator_does_not_read_the_classifier():
    """The cohort must be an external check: no import of the classifier's LRs."""
    root = Path(__file__).resolve().parents[1] / "hipback"
    names = ["cohort/sampler.py", "cohort/vignettes.py"]
    names += [str(p.relative_to(root)) for p in (root / "cohort/parameters").glob("*.py")]
    assert len(names) >= 6
    for name in names:
        tree = ast.parse((root / name).read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
        assert not imported & {"hipback.knowledge.findings", "hipback.reasoning"}, name


def test_every_parameter_has_a_basis():
    rows = cm.all_sources()
    assert len(rows) > 80
    for parameter, citation, note, p in rows:
        assert 0.0 <= p <= 1.0, parameter
        assert citation, parameter
        assert note, parameter
    published = {r[1] for r in rows if r[1] != cm.TEACHING_ESTIMATE}
    assert {"Khan 2004", "Lesher 2008", "Metcalfe 2019", "Parvizi 2010"} <= published


def test_truth_columns_are_consistent(cohort):
    label = cohort["true_label"].astype(str)
    assert (cohort["hip_source"] == label.isin(["hip", "combined"])).all()
    assert (cohort["spine_source"] == label.isin(["spine", "combined"])).all()
    assert ((cohort["spine_pattern"] == "none") == ~cohort["spine_source"]).all()


def test_prevalence_and_difficulty_shares(cohort):
    shares = cohort["true_label"].value_counts(normalize=True)
    for truth, freq in cm.TRUTH_PREVALENCE.items():
        assert shares[truth] == pytest.approx(freq.p, abs=0.03)
    diff = cohort["difficulty"].value_counts(normalize=True)
    for name, (share, _, _) in cm.DIFFICULTY.items():
        assert diff[name] == pytest.approx(share, abs=0.03)


def test_fixed_difficulty():
    easy = generate_cases(500, seed=2, difficulty="easy")
    assert (easy["difficulty"] == "easy").all()
    assert (easy["mimic"] == "none").all()
    hard = generate_cases(2000, seed=2, difficulty="hard")
    assert (hard["mimic"] != "none").all()
    assert set(hard["mimic"].astype(str)) == set(cm.MIMICS)


def test_hard_mimics_look_like_what_they_claim():
    hard = generate_cases(3000, seed=9, difficulty="hard")
    m = hard["mimic"].astype(str)
    label = hard["true_label"].astype(str)
    knee = hard[m == "hip_pain_below_knee"]
    assert knee["pain_below_knee"].all() and label[knee.index].isin(["hip", "combined"]).all()
    sten = hard[m == "stenosis_eased_by_sitting"]
    assert (sten["sitting_effect"] == "eases").all() and (sten["spine_pattern"] == "stenosis").all()
    assert (label[sten.index] == "spine").all()
    both = hard[m == "buttock_pain_fits_both"]
    assert both["pain_buttock"].all() and not both["pain_groin"].fillna(False).any()
    assert not both["pain_below_knee"].fillna(False).any()
    flag = hard[m == "red_flag_in_typical_hip"]
    assert (label[flag.index] == "hip").all() and (flag["true_red_flags"] != "").all()


def test_red_flags_follow_the_rate_and_the_truth_columns():
    none = generate_cases(3000, seed=4, difficulty="hard", red_flag_rate=0.0)
    assert not none[list(RED_FLAG_FIELDS)].fillna(False).to_numpy(dtype=bool).any()
    assert (none["true_red_flags"] == "").all() and (none["serious_pathology"] == "none").all()
    many = generate_cases(4000, seed=4, difficulty="moderate", red_flag_rate=0.5)
    assert (many["true_red_flags"] != "").mean() == pytest.approx(0.5, abs=0.03)
    joined = many[list(RED_FLAG_FIELDS)].apply(
        lambda r: ";".join(n for n in RED_FLAG_FIELDS if pd.notna(r[n]) and bool(r[n])), axis=1
    )
    assert (joined == many["true_red_flags"]).all()
    assert ((many["true_red_flags"] != "") == (many["serious_pathology"] != "none")).all()
    # Screening finds a flag in every case with true flags, none in the others (flags of
    # fields without a screening rule in this build excepted).
    try:
        from hipback.screening import SCREEN_FIELDS as known
    except ImportError:  # the ungraded catalogue of the v1 kit
        from hipback.knowledge.red_flags import RED_FLAG_NAMES as known
    result = classify_frame(many)
    found = result["red_flags"].map(len) > 0
    assert not (found & (many["true_red_flags"] == "")).any()
    screened = many["true_red_flags"].map(lambda t: set(filter(None, t.split(";"))) <= set(known))
    assert (found == (many["true_red_flags"] != ""))[screened].all()


def test_textbook_cases_are_easier_than_hard_ones():
    cases = generate_cases(6000, seed=21)
    correct = classify_frame(cases)["label"].astype(str) == cases["true_label"].astype(str)
    by = correct.groupby(cases["difficulty"], observed=True).mean()
    assert by["easy"] > by["hard"] + 0.1


def test_numbers_stay_within_the_generator_ranges(cohort):
    assert cohort["age"].between(*cm.AGE_RANGE).all()
    assert cohort["bmi"].dropna().between(*cm.BMI_RANGE).all()
    assert cohort["symptom_weeks"].dropna().between(*cm.WEEKS_RANGE).all()
    minutes = cohort["morning_stiffness_minutes"]
    assert (minutes % 5 == 0).all() and minutes.between(0, 240).all()
