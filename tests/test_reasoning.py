"""The classifier: rules, overlap handling, red flags, text and the vectorised path."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from textbook_cases import TEXTBOOK

from hipback import Case, HipbackInputError, classify, classify_frame
from hipback.case import cases_to_frame
from hipback.knowledge.findings import FINDING_BY_NAME, PRETEST
from hipback.reasoning import SOURCE_THRESHOLD, label_from_probabilities


def test_design_example():
    r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    assert r.label == "hip"
    assert set(r.probabilities) == {"hip", "spine"}
    assert all(0 <= p <= 1 for p in r.probabilities.values())
    assert r.red_flags == () and r.urgent is False
    names = {c.name for c in r.contributions}
    assert names == {"pain_groin", "hip_rotation_limited"}
    groin = next(c for c in r.contributions if c.name == "pain_groin")
    assert groin.favours == "hip" and groin.points > 0 and groin.source == "Khan 2004"


def test_no_findings_gives_pretest_probabilities():
    r = classify(Case(age=50))
    assert r.probabilities["hip"] == pytest.approx(PRETEST["hip"].probability)
    assert r.probabilities["spine"] == pytest.approx(PRETEST["spine"].probability)
    assert r.contributions == ()


def test_pretest_can_be_changed_and_is_validated():
    base = classify(Case(age=60, pain_groin=True))
    higher = classify(Case(age=60, pain_groin=True), pretest={"hip": 0.6})
    assert higher.probabilities["hip"] > base.probabilities["hip"]
    assert higher.pretest["spine"] == PRETEST["spine"].probability
    for bad in ({"hip": 0.0}, {"hip": 1.2}, {"knee": 0.3}, {"hip": "high"}):
        with pytest.raises(HipbackInputError, match="pretest"):
            classify(Case(age=60), pretest=bad)


def test_classify_refuses_a_dict():
    with pytest.raises(HipbackInputError, match="hipback.Case"):
        classify({"age": 60})  # type: ignore[arg-type]


def test_label_rule_thresholds():
    t = SOURCE_THRESHOLD
    assert label_from_probabilities(t, t) == "combined"
    assert label_from_probabilities(t - 0.01, 0.9) == "spine"
    assert label_from_probabilities(0.9, t - 0.01) == "hip"
    assert label_from_probabilities(0.3, 0.3) == "hip"


def test_overlapping_findings_are_counted_once():
    one = classify(Case(age=60, worse_stairs=True))
    three = classify(Case(age=60, worse_stairs=True, worse_walking=True, worse_sit_to_stand=True))
    assert three.points["hip"] == pytest.approx(one.points["hip"])
    dropped = [c for c in three.contributions if c.note]
    assert {c.name for c in dropped} == {"worse_walking", "worse_sit_to_stand"}
    assert all(c.points == 0 and "counted once" in c.note for c in dropped)


def test_different_constructs_add_up():
    groin = FINDING_BY_NAME["pain_groin"].hip.points
    rotation = FINDING_BY_NAME["hip_rotation_limited"].hip.points
    r = classify(Case(age=60, pain_groin=True, hip_rotation_limited=True))
    assert r.points["hip"] == pytest.approx(groin + rotation)


def test_red_flag_wins_over_a_typical_hip_story():
    r = classify(
        Case(
            age=71,
            pain_groin=True,
            hip_rotation_limited=True,
            saddle_anaesthesia=True,
            night_pain=True,
        )
    )
    assert r.urgent and r.urgency == "emergency"
    assert r.red_flags == ("saddle_anaesthesia", "night_pain")  # most urgent first
    text = str(r)
    assert text.startswith("URGENT (emergency)")
    assert "Cauda equina" in text and "emergency MRI" in text


def test_str_is_deterministic_and_reads_as_reasoning():
    case = Case(**TEXTBOOK[0]["fields"])
    a, b = str(classify(case)), str(classify(case))
    assert a == b
    assert a.splitlines()[0].startswith("Primary pain driver: hip (hip source")
    assert "pre-test 34%" in a and "Khan 2004" in a


def test_html_repr_contains_label_table_and_disclaimer():
    html = classify(Case(age=60, pain_groin=True, fever=True))._repr_html_()
    assert "<table>" in html and "Groin pain" in html
    assert "role='alert'" in html and "not medical advice" in html


def test_advisories_carry_caveats_where_evidence_qualifies_the_article():
    r = classify(Case(age=70, sitting_effect="eases"))
    assert any("Suri 2010" in a for a in r.advisories)


# --- classify_frame ------------------------------------------------------------------------


def _textbook_frame() -> pd.DataFrame:
    return cases_to_frame([Case(**t["fields"]) for t in TEXTBOOK])


def test_classify_frame_equals_classify_row_by_row():
    frame = _textbook_frame()
    out = classify_frame(frame)
    for i, case in enumerate(Case(**t["fields"]) for t in TEXTBOOK):
        r = classify(case)
        row = out.iloc[i]
        assert row["label"] == r.label
        assert row["p_hip"] == pytest.approx(r.probabilities["hip"], abs=1e-12)
        assert row["p_spine"] == pytest.approx(r.probabilities["spine"], abs=1e-12)
        assert row["red_flags"] == r.red_flags
        assert bool(row["urgent"]) is r.urgent


def test_classify_frame_keeps_index_and_accepts_pretest():
    frame = _textbook_frame().set_index(pd.Index([f"c{i}" for i in range(len(TEXTBOOK))]))
    out = classify_frame(frame, pretest={"spine": 0.2})
    assert list(out.index) == list(frame.index)
    assert out["p_spine"].iloc[0] == pytest.approx(
        classify(Case(**TEXTBOOK[0]["fields"]), pretest={"spine": 0.2}).probabilities["spine"]
    )


def test_classify_frame_with_plain_object_columns():
    frame = pd.DataFrame(
        {"age": [60, 70], "sitting_effect": ["eases", "worsens"], "pain_groin": [True, False]}
    )
    out = classify_frame(frame)
    assert list(out["label"]) == [
        classify(Case(age=60, sitting_effect="eases", pain_groin=True)).label,
        classify(Case(age=70, sitting_effect="worsens")).label,
    ]


def test_classify_frame_bad_cells_one_error_listing_every_row_and_column():
    frame = pd.DataFrame(
        {
            "age": [60, -3, 70, 200],
            "sitting_effect": ["eases", "better", "no_change", "no_change"],
            "pain_groin": [True, False, 1, False],
        }
    )
    with pytest.raises(HipbackInputError) as info:
        classify_frame(frame)
    problems = info.value.problems
    assert len(problems) == 3
    text = str(info.value)
    assert "column 'age': rows 1 (-3), 3 (200)" in text
    assert "column 'sitting_effect': row 1 ('better')" in text
    assert "column 'pain_groin': row 2 (1)" in text


def test_classify_frame_requires_age_and_a_dataframe():
    with pytest.raises(HipbackInputError, match="'age': missing"):
        classify_frame(pd.DataFrame({"pain_groin": [True]}))
    with pytest.raises(HipbackInputError, match="DataFrame"):
        classify_frame([{"age": 60}])  # type: ignore[arg-type]


def test_classify_frame_empty():
    out = classify_frame(cases_to_frame([]).astype({"age": "int64"}))
    assert len(out) == 0 and list(out.columns)[:3] == ["label", "p_hip", "p_spine"]


def test_optional_numbers_may_be_missing_in_a_frame():
    frame = pd.DataFrame({"age": [60, 61], "bmi": [np.nan, 30.0], "symptom_weeks": [None, 3]})
    assert len(classify_frame(frame)) == 2


def test_label_does_not_hinge_on_the_last_floating_point_bit():
    # 40% pre-test with two spine LRs of 1.5 is exactly 60% on paper (the threshold);
    # classify and classify_frame add points in different orders and must still agree.
    case = Case(
        age=60,
        pain_lower_back=True,
        worse_bending=True,
        hip_rotation_limited=True,
        difficulty_shoes_socks=True,
    )
    r = classify(case)
    assert r.probabilities["spine"] == pytest.approx(SOURCE_THRESHOLD)
    assert r.label == "combined"
    assert classify_frame(cases_to_frame([case]))["label"].iloc[0] == "combined"
    assert label_from_probabilities(0.6 - 1e-15, 0.6 + 1e-15) == "combined"
    assert label_from_probabilities(0.3, 0.3 + 1e-15) == "hip"
