"""Figures: content, the accessibility convention, and in-place updates.

Expected numbers come from the knowledge modules (findings catalogue, the
cohort model's cited frequencies), never retyped here.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from hipback import Case, classify
from hipback.errors import HipbackInputError
from hipback.knowledge.findings import FINDING_BY_NAME
from hipback.plots import (
    OKABE_ITO,
    REFERRAL_FREQUENCIES,
    REGIONS,
    body_map,
    calibration_figure,
    confusion_counts,
    confusion_matrix_figure,
    describe,
    fagan_nomogram,
    reasoning_chart,
    update_body_map,
    update_fagan_nomogram,
    update_reasoning_chart,
)
from hipback.plots.nomogram import _lo

HIP_CASE = Case(
    age=67,
    pain_groin=True,
    hip_rotation_limited=True,
    worse_walking=True,
    worse_stairs=True,
    pain_buttock=True,
    pain_lower_back=True,
)


def _all_figures():
    frame = {
        "true_label": ["hip", "spine", "combined", "hip"],
        "label": ["hip"] * 4,
        "p_hip": [0.9, 0.2, 0.7, 0.6],
        "p_spine": [0.1, 0.8, 0.7, 0.3],
    }
    import pandas as pd

    df = pd.DataFrame(frame)
    return {
        "reasoning": reasoning_chart(HIP_CASE),
        "nomogram": fagan_nomogram(HIP_CASE, "spine"),
        "body_map": body_map(HIP_CASE, show_referral=True),
        "confusion": confusion_matrix_figure(df),
        "calibration": calibration_figure(df),
    }


@pytest.mark.parametrize("name", list(_all_figures()))
def test_every_figure_has_title_axes_and_a_one_sentence_description(name):
    fig = _all_figures()[name]
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    text = describe(fig)
    assert text.endswith(".") and text.count(". ") == 0 and len(text) > 30
    assert fig.layout.meta["description"] == text


def test_palette_is_okabe_ito_and_hip_spine_differ_by_more_than_colour():
    fig = reasoning_chart(HIP_CASE)
    hip, spine, overlap = fig.data[0], fig.data[1], fig.data[2]
    assert hip.marker.color == OKABE_ITO["blue"]
    assert spine.marker.color == OKABE_ITO["vermillion"]
    assert (
        len({hip.marker.pattern.shape, spine.marker.pattern.shape, overlap.marker.pattern.shape})
        == 3
    )
    assert {hip.textposition, spine.textposition} == {"outside"}  # values printed too


def test_reasoning_chart_bars_are_the_contributions_largest_first():
    result = classify(HIP_CASE)
    fig = reasoning_chart(result)
    labels = list(fig.data[0].y)
    assert labels == [c.label for c in result.contributions]
    sizes = [abs(c.points) for c in result.contributions]
    assert sizes == sorted(sizes, reverse=True)
    assert fig.layout.yaxis.autorange == "reversed"  # the first (largest) row on top
    groin = labels.index("Groin pain")
    f = FINDING_BY_NAME["pain_groin"]
    assert fig.data[0].x[groin] == pytest.approx(f.hip.points - f.spine.points)
    assert "Khan 2004" in fig.data[0].customdata[groin][3]  # source in the hover


def test_overlapping_finding_is_drawn_as_not_counted():
    fig = reasoning_chart(HIP_CASE)
    labels = list(fig.data[0].y)
    walking = labels.index("Worse when walking")  # overlaps 'Worse on stairs'
    f = FINDING_BY_NAME["worse_walking"]
    assert fig.data[0].x[walking] == 0
    assert fig.data[2].x[walking] == pytest.approx(f.hip.points - f.spine.points)
    assert fig.data[2].text[walking] == "not counted"
    assert "overlaps" in fig.data[2].customdata[walking][4]
    buttock = labels.index("Buttock pain")  # neutral on both questions
    assert fig.data[3].x[buttock] == 0 and fig.data[3].text[buttock] == "0: fits both"
    assert "not counted twice" in describe(fig)


def test_reasoning_chart_updates_in_place_and_handles_no_findings():
    fig = go.FigureWidget(reasoning_chart(Case(age=60)))
    assert fig.layout.annotations[2].visible is True
    update_reasoning_chart(fig, Case(age=60, positive_slr=True))
    assert list(fig.data[1].y) == ["Straight-leg raise reproduces leg pain"]
    assert fig.data[1].x[0] < 0  # toward the spine
    assert fig.layout.annotations[2].visible is False
    assert "Straight-leg raise" in describe(fig)


def test_nomogram_line_is_bayes_on_the_odds_scale():
    result = classify(HIP_CASE)
    for q in ("hip", "spine"):
        fig = fagan_nomogram(result, q)
        y = fig.data[-1].y
        lr = 10 ** (result.points[q] / 10)
        assert y[0] == pytest.approx(-_lo(result.pretest[q]))
        assert y[1] == pytest.approx(math.log10(lr) / 2)
        assert y[2] == pytest.approx(_lo(result.probabilities[q]))
        assert (y[0] + y[2]) / 2 == pytest.approx(y[1])  # a straight line through all three
        assert f"{result.probabilities[q]:.0%}" in describe(fig)


def test_two_panel_nomograms_match_the_single_ones():
    from hipback.plots import fagan_nomograms, update_fagan_nomograms

    result = classify(HIP_CASE)
    both = fagan_nomograms(result)
    for index, q in ((4, "hip"), (9, "spine")):
        single = fagan_nomogram(result, q).data[-1]
        assert list(both.data[index].y) == pytest.approx(list(single.y))
        assert both.data[index].text == single.text
    assert both.data[9].xaxis == "x2"
    assert "hip question" in describe(both) and "spine question" in describe(both)
    update_fagan_nomograms(both, Case(age=60))
    assert both.data[4].text[0] == both.data[4].text[2]  # no findings: post = pre


def test_nomogram_update_and_bad_question():
    fig = fagan_nomogram(Case(age=60), "hip")
    update_fagan_nomogram(fig, HIP_CASE, "hip")
    assert fig.data[-1].text[2] == f"<b>{classify(HIP_CASE).probabilities['hip']:.0%}</b>"
    with pytest.raises(HipbackInputError, match="question"):
        fagan_nomogram(HIP_CASE, "knee")


def test_body_map_shades_exactly_the_painful_regions():
    case = Case(age=60, pain_groin=True, pain_below_knee=True)
    fig = body_map(case)
    shapes = {t.name: t.fillpattern.shape for t in fig.data[: len(REGIONS)]}
    assert shapes == {
        "Groin": "/",
        "Buttock": "",
        "Front of thigh": "",
        "Lower back": "",
        "Below the knee": "/",
    }
    labels = fig.data[len(REGIONS)].text
    assert "Groin: PAIN" in labels[0] and "no pain" in labels[1]  # words, not only shading
    assert "groin, below the knee" in describe(fig)
    update_body_map(fig, case.replace(pain_groin=False, pain_lower_back=True))
    assert fig.data[0].fillpattern.shape == "" and fig.data[3].fillpattern.shape == "/"


def test_referral_layer_reads_the_cited_frequencies():
    from hipback.cohort.parameters import FINDING_MODELS

    fig = body_map(Case(age=60), show_referral=True)
    text = " ".join(fig.data[len(REGIONS)].text)
    for r in REFERRAL_FREQUENCIES:
        assert f"{r.citation}: {r.percent:g}%" in text
    # the figures the cohort model holds are read from it, not retyped
    groin = next(m for m in FINDING_MODELS if m.field == "pain_groin").hip
    assert any(
        r.source == groin.source and r.percent == pytest.approx(100 * groin.p)
        for r in REFERRAL_FREQUENCIES
    )
    assert {r.source for r in REFERRAL_FREQUENCIES} == {"lesher2008", "khan2004"}
    fig2 = body_map(Case(age=60))
    assert "Lesher" not in " ".join(fig2.data[len(REGIONS)].text)
    update_body_map(fig2, Case(age=60), show_referral=True)
    assert "Lesher" in " ".join(fig2.data[len(REGIONS)].text)
    with pytest.raises(HipbackInputError, match="show_referral"):
        body_map(Case(age=60), show_referral="yes")


def test_confusion_matrix_counts_and_cell_text():
    # Rows: the three true labels; columns: the classifier's four (undetermined included).
    counts = confusion_counts(
        ["hip", "hip", "spine", "combined", "combined"],
        ["hip", "spine", "spine", "hip", "undetermined"],
    )
    assert counts.tolist() == [[1, 1, 0, 0], [0, 1, 0, 0], [1, 0, 0, 1]]
    fig = confusion_matrix_figure(
        ["hip", "hip", "spine", "combined"], ["hip", "spine", "spine", "hip"]
    )
    assert fig.data[0].text[0][0].startswith("<b>1</b>")
    assert "2 (50%)" in describe(fig)
    with pytest.raises(HipbackInputError, match="not a label"):
        confusion_counts(["knee"], ["hip"])
    with pytest.raises(HipbackInputError, match="not a true label"):
        confusion_counts(["undetermined"], ["hip"])
    with pytest.raises(HipbackInputError, match="as many"):
        confusion_counts(["hip"], ["hip", "hip"])


def test_confusion_matrix_from_a_table():
    import pandas as pd

    table = pd.DataFrame(
        [[5, 1, 0, 1], [2, 7, 1, 0], [0, 0, 3, 2]],
        index=["hip", "spine", "combined"],
        columns=["hip", "spine", "combined", "undetermined"],
    )
    fig = confusion_matrix_figure(table)
    assert [list(r) for r in fig.data[0].z] == table.to_numpy().tolist()


def test_calibration_points_are_the_evaluation_bins_and_the_diagonal_is_drawn():
    fig = calibration_figure([True, False, True, True], [0.95, 0.05, 0.91, 0.15])
    assert list(fig.data[0].x) == [0, 1] and list(fig.data[0].y) == [0, 1]
    hip = fig.data[1]
    assert list(hip.x) == pytest.approx([0.05, 0.15, 0.93])  # mean predicted per 10% bin
    assert list(hip.y) == [0.0, 1.0, 1.0]
    assert list(hip.text) == ["n=1", "n=1", "n=2"]
    assert hip.marker.symbol == "circle"
    with pytest.raises(HipbackInputError, match="probability"):
        calibration_figure([True], [1.5])
    with pytest.raises(HipbackInputError, match="one per outcome"):
        calibration_figure([True, False], [0.5])


def test_cohort_figures_take_the_evaluation_report():
    from hipback import classify_frame, generate_cases
    from hipback.cohort.evaluation import evaluate

    cohort = generate_cases(300, seed=11)
    report = evaluate(cohort)
    fig = confusion_matrix_figure(report)
    # The generator's truth is never "undetermined": the figure's rows are the true labels.
    true_rows = report.confusion.loc[["hip", "spine", "combined"]]
    assert [list(r) for r in fig.data[0].z] == true_rows.to_numpy().tolist()
    assert f"{report.accuracy:.0%}" in describe(fig)
    cal = calibration_figure(report)
    for trace, q in zip(cal.data[1:], ("hip", "spine"), strict=True):
        table = report.calibration[q]
        table = table[table["cases"] > 0]
        assert list(trace.y) == pytest.approx(table["observed"].tolist())
    # the scored frame gives the same curves as the report
    scored = cohort.join(classify_frame(cohort))
    same = calibration_figure(scored)
    assert list(same.data[1].y) == pytest.approx(list(cal.data[1].y))
    assert confusion_matrix_figure(scored).data[0].z == fig.data[0].z


def test_figures_refuse_other_inputs():
    with pytest.raises(HipbackInputError, match="result"):
        reasoning_chart({"age": 60})
    with pytest.raises(HipbackInputError, match="case"):
        body_map("groin")
