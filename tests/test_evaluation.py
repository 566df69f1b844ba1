"""Cohort evaluation: accuracy, confusion matrix, calibration, empirical LRs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hipback import DISCLAIMER, HipbackInputError, classify, classify_frame, generate_cases
from hipback.cohort.evaluation import calibration_table, empirical_lrs, evaluate, format_report
from hipback.knowledge.findings import FINDINGS
from hipback.reasoning import LABELS


@pytest.fixture(scope="module")
def cohort() -> pd.DataFrame:
    return generate_cases(5000, seed=1)


def test_counts_and_accuracy_agree_with_a_direct_count(cohort):
    ev = evaluate(cohort)
    predicted = classify_frame(cohort)["label"].astype(str)
    truth = cohort["true_label"].astype(str)
    assert ev.n == 5000
    assert ev.accuracy == pytest.approx((predicted == truth).mean())
    assert ev.confusion.to_numpy().sum() == 5000
    assert list(ev.confusion.index) == list(LABELS) == list(ev.confusion.columns)
    for t in LABELS:
        for p in LABELS:
            assert ev.confusion.loc[t, p] == ((truth == t) & (predicted == p)).sum()
    assert ev.per_label.loc["hip", "recall"] == pytest.approx(
        ev.confusion.loc["hip", "hip"] / (truth == "hip").sum()
    )
    assert ev.red_flags_agree >= 0.95  # 1.0 once every red-flag field has a screening rule
    assert set(ev.by_difficulty.index) == {"easy", "moderate", "hard"}


def test_calibration_table_bins_and_shares():
    p = np.array([0.05, 0.15, 0.15, 0.95, 1.0])
    t = np.array([False, True, False, True, True])
    table = calibration_table(p, t)
    assert table["cases"].sum() == 5
    row = table.set_index("bin").loc["0.1-0.2"]
    assert row["cases"] == 2 and row["observed"] == 0.5 and row["predicted"] == pytest.approx(0.15)
    assert table.set_index("bin").loc["0.9-1.0", "cases"] == 2  # 1.0 falls in the last bin
    assert np.isnan(table.set_index("bin").loc["0.5-0.6", "observed"])


def test_calibration_uses_the_source_truth(cohort):
    ev = evaluate(cohort)
    for q, col in (("hip", "hip_source"), ("spine", "spine_source")):
        table = ev.calibration[q]
        assert table["cases"].sum() == len(cohort)
        overall = (table["observed"].fillna(0) * table["cases"]).sum() / table["cases"].sum()
        assert overall == pytest.approx(cohort[col].mean())
        assert 0.0 <= ev.brier[q] <= 1.0


def test_report_text(cohort):
    text = format_report(evaluate(cohort))
    assert text.startswith("Classifier on 5000 synthetic cases")
    for needle in ("Accuracy", "Confusion matrix", "recall", "precision", "Brier", DISCLAIMER):
        assert needle in text
    assert str(evaluate(cohort)) == text


def test_empirical_lrs_match_a_direct_count(cohort):
    table = empirical_lrs(cohort).set_index("finding")
    assert list(table.index) == [f.name for f in FINDINGS]
    hip = cohort["hip_source"].to_numpy()
    assessed = cohort["pain_groin"].notna().to_numpy()
    groin = cohort["pain_groin"].fillna(False).to_numpy(dtype=bool)
    expected = groin[hip & assessed].mean() / groin[~hip & assessed].mean()
    assert table.loc["pain_groin", "lr_hip_cohort"] == pytest.approx(expected)
    assert table.loc["pain_groin", "lr_hip_catalogue"] == pytest.approx(
        next(f for f in FINDINGS if f.name == "pain_groin").hip.lr
    )


def test_works_on_the_shipped_set():
    from hipback import load_cases

    assert evaluate(load_cases()).n == 400


@pytest.mark.parametrize(
    "bad",
    [
        "cases",
        pd.DataFrame({"age": [60]}),
        generate_cases(3, seed=1).assign(true_label=["hip", "knee", "spine"]),
    ],
)
def test_bad_cohort_is_refused(bad):
    with pytest.raises(HipbackInputError):
        evaluate(bad)


def test_explain_disagreement_names_the_misleading_finding():
    from hipback import Case, explain_disagreement

    agree = Case(age=67, pain_groin=True, hip_rotation_limited=True)
    assert explain_disagreement(agree, "hip") is None
    cohort = generate_cases(400, seed=8)
    result = classify_frame(cohort)
    wrong = cohort[result["label"].astype(str) != cohort["true_label"].astype(str)]
    assert len(wrong) > 10
    from hipback.validation import cases_from_frame

    truths = wrong["true_label"].head(25)
    for case, truth in zip(cases_from_frame(wrong.head(25)), truths, strict=True):
        d = explain_disagreement(case, str(truth))
        assert d is not None and d.true_label == truth and d.model_label != truth
        assert f"true driver is {truth}" in d.text
        if d.decisive:  # removing that one finding alone gives the true label
            assert "without it the label would be" in d.text
        if d.misleading:
            assert d.misleading[0].label in d.text


def test_evaluation_figures_that_the_v2_kit_meets():
    # Targets of the reasoning-v2 issue that the kit meets on its own cohort (the full figures,
    # with those it misses, are in the hand-over note: hipback evaluate --n 20000 --seed 1).
    # Oracle: the thresholds are the stated targets, not values recorded from the code.
    ev = evaluate(generate_cases(5000, seed=1))
    assert ev.per_label.loc["spine", "recall"] >= 0.80
    assert ev.per_label.loc["combined", "precision"] >= 0.60
    assert ev.undetermined_by_difficulty["easy"] <= 0.05
    assert ev.by_difficulty["hard"] >= 0.65


def test_each_case_s_margin_from_the_table_is_its_reasoning_s_margin(cohort):
    from hipback.cohort.evaluation import label_margins
    from hipback.validation import cases_from_frame

    head = cohort.head(300)
    margins = label_margins(classify_frame(head))
    for case, margin in zip(cases_from_frame(head), margins, strict=True):
        m = classify(case).margin
        assert margin == pytest.approx(40.0 if m is None else m.points, abs=1e-6)


def test_settled_labels_are_right_far_more_often_than_close_calls(cohort):
    # The close-call warning earns its place only if it separates the doubtful labels.
    ev = evaluate(cohort)
    table = ev.close_calls
    assert list(table.index) == ["easy", "moderate", "hard", "all"]
    result = classify_frame(cohort)
    labelled = result["label"].astype(str) != "undetermined"
    assert table.loc["all", "labelled"] == labelled.sum()
    for row in table.itertuples():
        assert 0 < row.close_share < 1
        assert row.right_settled > row.right_close + 0.1, row
    assert table.loc["all", "right_settled"] > 0.9
    report = format_report(ev)
    assert "Close calls (a label within 5 points of another):" in report
    assert "Close calls by difficulty: easy" in report
