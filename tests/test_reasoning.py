"""The classifier v2: present and absent findings, evidence counted once, the label rule,
next questions, red flags, text and the vectorised path."""

from __future__ import annotations

import ast
import dataclasses
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from textbook_cases import TEXTBOOK

from hipback import Case, HipbackInputError, classify, classify_frame, generate_cases
from hipback.case import cases_to_frame
from hipback.knowledge.findings import FINDING_BY_NAME, INDIRECT_WEIGHT, PRETEST
from hipback.reasoning import (
    CLOSE_CALL_POINTS,
    CONFIGURATION_THRESHOLD,
    LABELS,
    MIN_ASSESSED,
    configurations,
    label_from_probabilities,
    label_margin,
    nearest_boundary,
)
from hipback.validation import cases_from_frame

ROOT = Path(__file__).resolve().parents[1]


def test_design_example():
    r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    assert r.label == "hip"
    assert set(r.probabilities) == {"hip", "spine"}
    assert all(0 <= p <= 1 for p in r.probabilities.values())
    assert r.red_flags == () and r.urgent is False
    assert {c.name for c in r.contributions} == {"pain_groin", "hip_rotation_limited"}
    groin = next(c for c in r.contributions if c.name == "pain_groin")
    assert groin.favours == "hip" and groin.points > 0 and groin.source.startswith("Khan 2004")


def test_a_blank_case_is_undetermined_with_questions_to_ask():
    # Clinical audit item 17: with no evidence the kit says so instead of guessing.
    r = classify(Case(age=50))
    assert r.label == "undetermined"
    assert r.probabilities["hip"] == pytest.approx(PRETEST["hip"].probability)
    assert r.probabilities["spine"] == pytest.approx(PRETEST["spine"].probability)
    assert r.contributions == () and r.n_assessed == 0
    assert len(r.next_questions) >= 3
    assert "assess further" in str(r)


def test_absent_finding_contributes_its_lr_minus_in_words():
    # Khan 2004: groin pain sens 84.3%, spec 70.3% -> LR- = 0.157 / 0.703 = 0.22.
    r = classify(Case(age=60, pain_groin=False))
    (c,) = r.contributions
    assert c.state == "absent" and c.label == "no groin pain"
    assert c.points_hip == pytest.approx(10 * math.log10(0.157 / 0.703))
    # -6.5 = 10 * log10(0.157 / 0.703), Khan 2004's own figures (not the code's output).
    assert c.text.startswith("no groin pain: -6.5 points toward the hip (Khan 2004, LR- 0.22)")


def test_not_assessed_contributes_nothing():
    assert classify(Case(age=60, pain_groin=None)).points == {"hip": 0.0, "spine": 0.0}


def test_khan_comparison_counts_once_on_the_hip_question_only():
    # Clinical audit item 1: one comparative LR is one piece of evidence.
    for value in (True, False):
        r = classify(Case(age=50, pain_groin=value))
        assert r.points["spine"] == 0.0
        assert r.probabilities["spine"] == pytest.approx(PRETEST["spine"].probability)


def test_lr_from_another_population_is_down_weighted_and_says_so():
    # Clinical audit item 2: Metcalfe 2019 (hip OA vs other hip pain) at half weight.
    r = classify(Case(age=60, hip_rotation_limited=True))
    assert r.points["hip"] == pytest.approx(INDIRECT_WEIGHT * 10 * math.log10(0.66 / 0.21))
    assert "another population" in r.contributions[0].source
    assert any("Prather 2017" in a for a in r.advisories)


def test_sub_syndrome_signs_have_no_lr_minus_on_the_spine():
    # A negative straight-leg raise argues against a disc, not against stenosis.
    assert classify(Case(age=60, positive_slr=False)).points["spine"] == 0.0


def test_numbness_symptom_is_not_scored_as_the_examination_sign():
    # Clinical audit item 8: Tawa 2017 measured the examination sign.
    assert FINDING_BY_NAME["numbness_tingling"].spine.basis == "teaching estimate"
    assert FINDING_BY_NAME["dermatomal_sensory_loss"].spine.source == "tawa2017"


def test_sitting_relief_inside_the_stenosis_pattern_adds_nothing_to_the_hip():
    # Clinical audit item 23.
    r = classify(Case(age=70, sitting_effect="eases", bilateral_leg_symptoms=True))
    assert r.points["hip"] == 0.0
    # One construct (the stenosis pattern): Suri 2010's 7.4 for sitting relief, not also
    # the 6.3 of the bilateral picture that sitting relief of both legs already contains.
    assert r.points["spine"] == pytest.approx(10 * math.log10(7.4))
    assert classify(Case(age=70, sitting_effect="eases")).points["hip"] > 0


def test_overlapping_findings_are_counted_once():
    three = classify(Case(age=60, worse_stairs=True, worse_walking=True, worse_sit_to_stand=True))
    strongest = max(
        abs(FINDING_BY_NAME[n].hip.points)
        for n in ("worse_stairs", "worse_walking", "worse_sit_to_stand")
    )
    assert three.points["hip"] == pytest.approx(strongest)
    counted = [c for c in three.contributions if not c.note]
    assert len(counted) == 1
    assert all(c.points == 0 and "counted once" in c.note for c in three.contributions if c.note)


def test_a_present_member_beats_absent_ones_of_the_same_construct():
    r = classify(Case(age=60, worse_walking=False, worse_stairs=True))
    assert r.points["hip"] == pytest.approx(FINDING_BY_NAME["worse_stairs"].hip.points)
    all_absent = classify(Case(age=60, worse_walking=False, worse_stairs=False))
    assert all_absent.points["hip"] == pytest.approx(
        FINDING_BY_NAME["worse_walking"].hip_absent.points
    )


def test_label_rule_configurations():
    conf = configurations(0.8, 0.3)
    assert sum(conf.values()) == pytest.approx(1.0)
    assert label_from_probabilities(0.8, 0.3) == "hip"
    assert label_from_probabilities(0.2, 0.9) == "spine"
    assert label_from_probabilities(0.9, 0.85) == "combined"
    assert label_from_probabilities(0.4, 0.4) == "undetermined"
    assert label_from_probabilities(0.95, 0.05, n_assessed=MIN_ASSESSED - 1) == "undetermined"
    assert CONFIGURATION_THRESHOLD == 0.5 and LABELS[-1] == "undetermined"


def test_label_margin_measures_points_to_the_nearest_boundary():
    r = classify(Case(age=67, pain_groin=True, hip_rotation_limited=True))
    margin = label_margin(r)
    assert 0 < margin < 40

    def shifted(points: float) -> str:
        odds = r.probabilities["hip"] / (1 - r.probabilities["hip"]) * 10 ** (points / 10)
        return label_from_probabilities(odds / (1 + odds), r.probabilities["spine"])

    # Within the margin the label holds on the hip question, in both directions.
    assert shifted(0.9 * margin) == shifted(-0.9 * margin) == r.label


def _label_at(log_odds: dict[str, float], question: str, move: float) -> str:
    x = dict(log_odds)
    x[question] += move / 10.0
    return label_from_probabilities(1 / (1 + 10 ** -x["hip"]), 1 / (1 + 10 ** -x["spine"]))


def test_the_nearest_boundary_is_exact_against_a_fine_scan():
    # The closed-form boundaries must find the first label change a 0.01-point scan finds,
    # on every question and in both directions, over the whole plane of probabilities.
    rng = np.random.default_rng(7)
    for _ in range(300):
        x = {"hip": float(rng.uniform(-2.5, 2.5)), "spine": float(rng.uniform(-2.5, 2.5))}
        now = _label_at(x, "hip", 0.0)
        m = nearest_boundary(x)
        assert m is not None  # some move within 40 points always changes the label
        # Just past the margin, in its direction, the label is the one it names ...
        assert _label_at(x, m.question, m.direction * (m.points + 0.001)) == m.becomes != now
        # ... and no smaller move, on either question, either way, changes it.
        for q in ("hip", "spine"):
            for sign in (1, -1):
                steps = np.arange(0.01, m.points - 0.005, 0.01)
                assert all(_label_at(x, q, sign * d) == now for d in steps), (x, q, sign)


def test_a_close_call_is_said_and_a_settled_label_is_not():
    # Devin 2012's hip OA with mechanical back pain: combined, 0.2 points from a boundary.
    (case,) = [t for t in TEXTBOOK if t["id"] == "hip_oa_and_mechanical_lbp"]
    r = classify(Case(**case["fields"]))
    assert r.label == "combined" and r.close_call is not None
    assert r.close_call.points < 1 and r.close_call.question == "spine"
    assert r.close_call.direction == -1 and r.close_call.becomes == "undetermined"
    assert r.close_call.points == pytest.approx(label_margin(r))
    text = str(r)
    assert (
        "Close call: 0.2 points less on the spine question would make the label "
        "undetermined." in text
    )
    assert text.index("Close call") < text.index("Findings (points")
    assert "Close call" in r._repr_html_()
    assert r.close_call_text.endswith("could change it; 'Ask next' shows which ones could.")
    # with nothing left to ask, the sentence does not point to a list that is not there
    asked_all = dataclasses.replace(r, next_questions=())
    assert asked_all.close_call_text.endswith("One more finding could change it.")
    # A typical hip case is far from any boundary: nothing is said.
    settled = classify(
        Case(
            age=67,
            pain_groin=True,
            hip_rotation_limited=True,
            hip_pain_on_passive_movement=True,
            difficulty_shoes_socks=True,
            pain_lower_back=False,
            numbness_tingling=False,
        )
    )
    assert settled.label == "hip" and label_margin(settled) >= CLOSE_CALL_POINTS
    assert settled.close_call is None and "Close call" not in str(settled)
    # "Assess further" already says the question is open: no close call on top of it.
    open_case = classify(Case(age=60, pain_lateral_hip=True, pain_lower_back=True))
    assert open_case.label == "undetermined" and open_case.close_call is None
    assert open_case.margin is not None  # the distance is still known


def test_a_label_on_its_boundary_is_a_close_call_in_words():
    r = classify(Case(age=60, pain_lower_back=True, pain_anterior_thigh=True))
    assert r.label == "hip" and r.close_call is not None and r.close_call.points < 0.05
    assert str(r.close_call).startswith("under 0.1 points more on the spine question")


def test_no_move_of_the_points_changes_a_case_with_too_few_findings():
    r = classify(Case(age=60, pain_groin=True))  # one finding: undetermined whatever it says
    assert r.label == "undetermined" and r.margin is None and label_margin(r) == 40.0


def test_next_questions_rank_unassessed_findings_with_reasons():
    case = Case(age=67, pain_groin=True, hip_rotation_limited=True, pain_lower_back=False)
    r = classify(case)
    fields = [q.field for q in r.next_questions]
    assert "pain_groin" not in fields and "pain_lower_back" not in fields
    changes = [q.expected_change for q in r.next_questions]
    assert changes == sorted(changes, reverse=True)
    assert all(q.reason.startswith("if ") for q in r.next_questions)
    shown = str(r).split("Ask next:")[1].splitlines()[1:4]
    assert [line.strip().startswith("?") for line in shown] == [True, True, True]


def test_a_hip_xray_on_record_counts_on_the_hip_question_and_is_never_asked_for():
    base = Case(age=67, pain_groin=True, pain_lower_back=True)
    plain = classify(base)
    oa = classify(base.replace(hip_oa_stage="moderate"))
    normal = classify(base.replace(hip_oa_stage="none"))
    # OA on the X-ray raises the hip, a normal X-ray lowers it; the spine does not move.
    assert normal.probabilities["hip"] < plain.probabilities["hip"] < oa.probabilities["hip"]
    assert (
        oa.probabilities["spine"] == normal.probabilities["spine"] == plain.probabilities["spine"]
    )
    xray = next(c for c in oa.contributions if c.name == "xray_hip_oa")
    assert xray.points == pytest.approx(10 * math.log10(FINDING_BY_NAME["xray_hip_oa"].hip.lr))
    assert "teaching estimate" in str(oa) and "does not settle the source" in str(oa)
    # Every grade of OA is one piece of evidence; "unknown" (no X-ray) counts nothing.
    for stage in ("early", "advanced"):
        assert classify(base.replace(hip_oa_stage=stage)).probabilities == oa.probabilities
    assert classify(base.replace(hip_oa_stage="unknown")).probabilities == plain.probabilities
    # NICE NG226 diagnoses hip OA without imaging: the kit never suggests an X-ray.
    assert all(q.field != "hip_oa_stage" for q in plain.next_questions)


def test_red_flag_comes_first():
    r = classify(Case(age=71, pain_groin=True, hip_rotation_limited=True, saddle_anaesthesia=True))
    assert r.urgent and r.urgency == "emergency" and r.red_flags
    assert str(r).startswith("URGENT (emergency)")


def test_str_is_deterministic_and_reads_as_reasoning():
    case = Case(**TEXTBOOK[0]["fields"])
    a, b = str(classify(case)), str(classify(case))
    assert a == b
    assert a.splitlines()[0].startswith("Primary pain driver: hip (hip source")
    pre = PRETEST["hip"].probability  # the kit's stated teaching estimate, read where it lives
    assert f"pre-test {pre:.0%}" in a and "Khan 2004" in a


def test_html_repr_contains_label_table_and_disclaimer():
    html = classify(Case(age=60, pain_groin=True, fever=True))._repr_html_()
    assert "<table>" in html and "Groin pain" in html
    assert "role='alert'" in html and "not medical advice" in html


def test_advisories_carry_caveats_where_evidence_qualifies_the_article():
    r = classify(Case(age=70, sitting_effect="eases"))
    assert any("Suri 2010" in a for a in r.advisories)


def test_reasoning_never_reads_the_generators_parameters():
    # The classifier and its catalogue import nothing from the cohort package ...
    paths = ["hipback/reasoning_frame.py"]
    paths += [str(p.relative_to(ROOT)) for p in (ROOT / "hipback/case").glob("*.py")]
    paths += [str(p.relative_to(ROOT)) for p in (ROOT / "hipback/reasoning").glob("*.py")]
    paths += [str(p.relative_to(ROOT)) for p in (ROOT / "hipback/knowledge/findings").glob("*.py")]
    for path in paths:
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("hipback.cohort"), path
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("hipback.cohort") for a in node.names), path
    # ... and classifying does not load it.
    code = (
        "import sys; from hipback import Case, classify; "
        "classify(Case(age=60, pain_groin=True)); "
        "print('hipback.cohort.parameters' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- classify_frame ------------------------------------------------------------------------


def _textbook_frame() -> pd.DataFrame:
    return cases_to_frame([Case(**t["fields"]) for t in TEXTBOOK])


def _same(out: pd.DataFrame, cases: list[Case]) -> None:
    for i, case in enumerate(cases):
        r = classify(case)
        row = out.iloc[i]
        assert row["label"] == r.label
        assert row["p_hip"] == pytest.approx(r.probabilities["hip"], abs=1e-12)
        assert row["p_spine"] == pytest.approx(r.probabilities["spine"], abs=1e-12)
        assert row["n_assessed"] == r.n_assessed
        assert row["red_flags"] == r.red_flags
        assert bool(row["urgent"]) is r.urgent


def test_classify_frame_equals_classify_row_by_row():
    _same(classify_frame(_textbook_frame()), [Case(**t["fields"]) for t in TEXTBOOK])


def test_classify_frame_equals_classify_on_generated_cases():
    cohort = generate_cases(300, seed=5)
    _same(classify_frame(cohort), cases_from_frame(cohort))


def test_classify_frame_keeps_index_and_accepts_pretest():
    frame = _textbook_frame().set_index(pd.Index([f"c{i}" for i in range(len(TEXTBOOK))]))
    out = classify_frame(frame, pretest={"spine": 0.2})
    assert list(out.index) == list(frame.index)
    assert out["p_spine"].iloc[0] == pytest.approx(
        classify(Case(**TEXTBOOK[0]["fields"]), pretest={"spine": 0.2}).probabilities["spine"]
    )


def test_classify_frame_with_plain_object_columns():
    frame = pd.DataFrame(
        {
            "age": [60, 70, 80],
            "sitting_effect": ["eases", "worsens", None],
            "pain_groin": [True, False, None],
            "limp": [True, None, False],
        }
    )
    out = classify_frame(frame)
    assert list(out["label"]) == [
        classify(Case(age=60, sitting_effect="eases", pain_groin=True, limp=True)).label,
        classify(Case(age=70, sitting_effect="worsens", pain_groin=False)).label,
        classify(Case(age=80, limp=False)).label,
    ]
    assert out["points_hip"].iloc[1] == pytest.approx(
        classify(Case(age=70, sitting_effect="worsens", pain_groin=False)).points["hip"]
    )


def test_classify_frame_bad_cells_one_error_listing_every_row_and_column():
    frame = pd.DataFrame(
        {
            "age": [60, -3, 70, 200],
            "sitting_effect": ["eases", "better", "no_change", "no_change"],
            "pain_groin": [True, False, 1, "maybe"],
        }
    )
    with pytest.raises(HipbackInputError) as info:
        classify_frame(frame)
    problems = info.value.problems
    assert len(problems) == 3
    text = str(info.value)
    assert "column 'age': rows 1 (-3), 3 (200)" in text
    assert "column 'sitting_effect': row 1 ('better')" in text
    assert "column 'pain_groin': rows 2 (1), 3 ('maybe')" in text
    assert "or None (not assessed)" in text


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
    # Equal configurations on paper: ties go hip, spine, combined in both paths.
    assert label_from_probabilities(0.75, 0.75 + 1e-15) == "combined"
    case = Case(age=60, pain_lower_back=True, worse_bending=True, pain_groin=False)
    r = classify(case)
    assert classify_frame(cases_to_frame([case]))["label"].iloc[0] == r.label


def test_labels_and_glossary_carry_a_source_each():
    from hipback.knowledge.glossary import GLOSSARY
    from hipback.knowledge.labels import LABEL_INFO
    from hipback.knowledge.references import REFERENCES

    assert set(LABEL_INFO) == set(LABELS)
    for info in LABEL_INFO.values():
        assert all(k in REFERENCES for k in info.source.split("; "))
    wanted = {"internal rotation", "neurogenic claudication", "stenosis", "radicular pain",
              "likelihood ratio", "pre-test probability", "post-test probability", "MSCC",
              "cauda equina", "STarT Back", "Brier score"}  # fmt: skip
    assert wanted <= set(GLOSSARY)
    assert all(t.source == "plain" or t.source in REFERENCES for t in GLOSSARY.values())
    assert classify(Case(age=50)).meaning.startswith("The findings assessed so far")


def test_a_label_backed_only_by_teaching_estimates_says_so():
    # Clinical audit item 18.
    fields = dict(age=60, worse_sit_to_stand=True, difficulty_shoes_socks=True, limp=True,
                  clicking_catching=True, pain_anterior_thigh=True)  # fmt: skip
    r = classify(Case(**fields))
    assert r.label == "hip"
    assert any(a.startswith("No published figure backs this label") for a in r.advisories)
    published = classify(Case(**fields, pain_groin=True))
    assert not any(a.startswith("No published figure") for a in published.advisories)
