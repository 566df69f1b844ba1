"""Headless widget tests, in the manner of ipywidgets' own: set values, assert effects.

No browser and no kernel: ipywidgets 8 widgets (the explorer's figure views
included) work without a front end, so setting ``control.value`` runs the same callbacks a
click would.
"""

from __future__ import annotations

import contextlib
import io
from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go
import pytest
from ipywidgets.widgets.widget import _instances  # the registry the page's references name
from textbook_cases import TEXTBOOK

from hipback import Case, classify, recommend
from hipback.case import FIELDS, GROUPS
from hipback.knowledge.labels import LABEL_INFO
from hipback.plots import describe
from hipback.reasoning import DISCLAIMER
from hipback.widgets import case_explorer


@pytest.fixture
def explorer():
    return case_explorer()


def test_controls_cover_every_field_with_visible_plain_labels(explorer):
    assert set(explorer.controls) == {f.name for f in FIELDS}
    for spec in FIELDS:
        control = explorer.controls[spec.name]
        if hasattr(control, "number"):  # OptionalNumber: the number box carries the label
            control = control.number
        assert spec.label in control.description
        assert control.description_allow_html is False
        assert isinstance(control, widgets.ValueWidget)


def _page_order(sent, root) -> list:
    """The widgets of ``root``'s tree in the order the page lays them out, read from the
    ``children`` references each box sent to the page (not from Python-side positions)."""
    order = [root]
    for ref in sent.last(root, "children") or ():
        order += _page_order(sent, _instances[ref.removeprefix("IPY_MODEL_")])
    return order


def test_controls_are_grouped_in_history_order(sent):
    explorer = case_explorer()
    page = _page_order(sent, explorer)
    texts = [sent.last(w, "value") for w in page if isinstance(w, widgets.HTML)]
    assert any(DISCLAIMER in t for t in texts)
    # Under each group's heading (in GROUPS order) come exactly that group's findings.
    group_of = {spec.label: spec.group for spec in FIELDS}
    seen: list[tuple[str, str]] = []  # (heading, control label) in page order
    heading = None
    for w in page:
        value = sent.last(w, "value") if isinstance(w, widgets.HTML) else None
        if (
            isinstance(value, str)
            and value.startswith("<h4")
            and any(f">{g}<" in value for g in GROUPS)
        ):
            heading = next(g for g in GROUPS if f">{g}<" in value)
            seen.append((heading, ""))
        elif sent.last(w, "description") in group_of:
            seen.append((heading, sent.last(w, "description")))
    assert [h for h, label in seen if not label] == list(GROUPS)
    assert all(group_of[label] == h for h, label in seen if label)
    # Every yes / no / not-asked finding is on the page under its heading.
    on_page = {label for _, label in seen if label}
    assert {spec.label for spec in FIELDS if spec.kind == "bool"} <= on_page


def test_groin_pain_and_limited_rotation_raise_the_hip_probability(explorer):
    before = explorer.result.probabilities["hip"]
    summary_before = explorer.summary.value
    explorer.controls["pain_groin"].value = True
    explorer.controls["hip_rotation_limited"].value = True
    after = explorer.result.probabilities["hip"]
    assert after > before
    # the same answer as the library gives for the same case
    expected = classify(Case(age=60, pain_groin=True, hip_rotation_limited=True))
    assert after == pytest.approx(expected.probabilities["hip"])
    assert explorer.result.label == "hip"
    assert explorer.summary.value != summary_before
    assert f"{after:.0%}" in explorer.summary.value
    assert "HIP" in explorer.summary.value
    # what the label means and asks, in the words of the one catalogue of labels
    info = LABEL_INFO["hip"]
    assert escape(info.meaning) in explorer.summary.value
    assert escape(info.plan) in explorer.summary.value


def test_the_summary_says_when_the_label_is_a_close_call(sent):
    # Devin 2012's hip OA with mechanical back pain sits 0.2 points from a boundary: the
    # page says so. Leg symptoms that ease on bending forward settle it: the warning goes.
    explorer = case_explorer()
    (case,) = [t for t in TEXTBOOK if t["id"] == "hip_oa_and_mechanical_lbp"]
    for name, value in case["fields"].items():
        explorer.controls[name].value = value
    shown = sent.last(explorer.summary, "value")
    assert "COMBINED" in shown and "hipback-close-call" in shown
    assert "Close call: 0.2 points less on the spine question" in shown
    explorer.controls["eased_by_bending_forward"].value = True
    shown = sent.last(explorer.summary, "value")
    assert "COMBINED" in shown and "Close call" not in shown


def test_figures_update_in_place(sent):
    """Each figure is changed in place and the page receives the new case's figure."""
    from hipback.plots.view import PLOTLY_MIME

    explorer = case_explorer()
    figs = dict(explorer.figures)
    # Plain figures, shown through plotly's mime renderer: no FigureWidget, so no copy of
    # plotly.js per figure reaches the page.
    assert not any(isinstance(f, go.FigureWidget) for f in figs.values())
    assert all(isinstance(f, go.Figure) for f in figs.values())
    explorer.controls["pain_groin"].value = True
    for key, fig in figs.items():
        assert explorer.figures[key] is fig

    def on_page(key):  # the figure the page holds now: the view's last sent output
        (output,) = sent.last(explorer.figure_views[key], "outputs")
        return output["data"][PLOTLY_MIME]["data"]

    assert "Groin pain" in on_page("reasoning")[0]["y"]
    post_test = f"<b>{explorer.result.probabilities['hip']:.0%}</b>"
    assert any(post_test in (trace.get("text") or []) for trace in on_page("nomograms"))
    assert any(
        (trace.get("fillpattern") or {}).get("shape") == "/" for trace in on_page("body_map")
    )
    assert "groin" in sent.last(explorer.captions["body_map"], "value")


def test_figure_changes_are_sent_to_the_browser(explorer):
    """Each changed figure's view gets the whole new figure as its output (what the page draws)."""
    from hipback.plots.view import PLOTLY_MIME

    sent = {}
    for key, view in explorer.figure_views.items():
        assert view.figure is explorer.figures[key]
        view.observe(
            lambda change, key=key: sent.setdefault(key, []).append(change["new"]),
            names="outputs",
        )
    explorer.controls["pain_below_knee"].value = True
    assert set(sent) == {"reasoning", "nomograms", "body_map"}
    for key, outputs in sent.items():
        (output,) = outputs[-1]
        assert output["output_type"] == "display_data"
        assert output["data"]["text/plain"] == describe(explorer.figures[key])
    body = sent["body_map"][-1][0]["data"][PLOTLY_MIME]["data"]
    assert any("Below the knee: PAIN" in str(t) for trace in body for t in trace.get("text") or [])


def test_a_figure_view_shows_the_current_figure_from_its_state_alone(explorer):
    """A page that draws the view late (or anew) draws the current case: the whole figure
    is the widget's state, not a stream of edits a late view could miss."""
    from hipback.plots.view import PLOTLY_MIME

    explorer.controls["pain_groin"].value = True
    state = explorer.figure_views["reasoning"].get_state()
    (output,) = state["outputs"]
    bars = output["data"][PLOTLY_MIME]["data"][0]["y"]
    assert "Groin pain" in bars


def test_a_figure_view_sends_only_the_template_its_figure_reads(explorer):
    """Each change resends the whole figure: its template keeps the defaults of the trace
    types in it, exactly as plotly's (so nothing drawn changes), and none of the others."""
    import plotly.io as pio

    from hipback.plots.view import PLOTLY_MIME

    plotly_template = pio.templates[pio.templates.default].to_plotly_json()
    for key, view in explorer.figure_views.items():
        (output,) = view.get_state()["outputs"]
        spec = output["data"][PLOTLY_MIME]
        used = {trace.get("type", "scatter") for trace in spec["data"]}
        template = spec["layout"]["template"]
        assert set(template["data"]) == used & set(plotly_template["data"]), key
        for kind in used:
            assert template["data"][kind] == plotly_template["data"][kind], (key, kind)
        assert template["layout"]["xaxis"] == plotly_template["layout"]["xaxis"], key
        assert "scene" not in template["layout"] and "geo" not in template["layout"], key


def test_saddle_anaesthesia_raises_the_banner(explorer):
    assert "role='alert'" not in explorer.banner.value
    explorer.controls["saddle_anaesthesia"].value = True
    assert explorer.result.urgent
    assert "role='alert'" in explorer.banner.value
    assert "EMERGENCY" in explorer.banner.value  # said in words, not only colour
    assert "border:5px solid" in explorer.banner.value
    explorer.controls["saddle_anaesthesia"].value = False
    assert "role='alert'" not in explorer.banner.value


def test_choice_and_number_controls(explorer):
    explorer.controls["sitting_effect"].value = "worsens"
    assert explorer.case.sitting_effect == "worsens"
    assert any("Sitting makes" in c.label for c in explorer.result.contributions)
    explorer.controls["bmi"].value = 32.5
    assert explorer.case.bmi == 32.5
    explorer.controls["bmi"].value = None
    assert explorer.case.bmi is None
    explorer.controls["age"].value = 81
    assert explorer.case.age == 81


def test_the_x_ray_dropdown_says_what_each_choice_means_and_moves_the_hip(explorer):
    stage = explorer.controls["hip_oa_stage"]
    # "None" alone would read as "nothing recorded"; it means an X-ray showing no OA.
    assert stage.description == "Hip X-ray on record"
    assert dict(stage.options)["Shows no OA"] == "none"
    assert dict(stage.options)["No X-ray on record"] == "unknown"
    before = explorer.result.probabilities["hip"]
    stage.value = "none"
    assert explorer.result.probabilities["hip"] < before
    assert any(c.name == "xray_no_hip_oa" for c in explorer.result.contributions)
    stage.value = "advanced"
    assert explorer.result.probabilities["hip"] > before


def test_bad_value_is_refused_and_explained(explorer):
    explorer.controls["bmi"].value = 5.0  # below the record's range
    assert explorer.case.bmi is None
    assert explorer.controls["bmi"].value is None
    assert "bmi" in explorer.status.value


def test_set_case_and_pretest(explorer):
    explorer.set_case(Case(age=72, pain_lower_back=True, pain_below_knee=True))
    assert explorer.controls["pain_below_knee"].value is True
    assert explorer.result.case.age == 72
    explorer.pretest_controls["spine"].value = 0.8
    assert explorer.result.pretest["spine"] == pytest.approx(0.8)


def test_referral_layer_toggles(explorer):
    explorer.show_referral.value = True
    labels = explorer.figures["body_map"].data[-1].text
    assert any("Lesher 2008" in t for t in labels)
    assert "Lesher 2008" in explorer.captions["body_map"].value


def test_callbacks_print_nothing(explorer):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        explorer.controls["pain_groin"].value = True
        explorer.controls["fever"].value = True
        explorer.show_referral.value = True
    assert out.getvalue() == ""


# The plan builder is tested in tests/test_plan_builder.py (what it sends to the page).


def test_explorer_plan_changes_with_the_case(explorer):
    before = explorer.plan.value
    explorer.controls["saddle_anaesthesia"].value = True
    assert explorer.plan.value != before
    assert recommend(explorer.case).ids[0] in explorer.plan.value


# --- FigureWidgets in a page that starts drawing late ----------------------------------------
# The explorer no longer uses FigureWidgets (its figure views carry the whole figure as their
# state). ``widget=True`` figures remain for other apps, so their late-view repair is tested
# here on a body map of their own.


@pytest.fixture
def body_widget(sent):
    from hipback.plots import body_map

    return body_map(Case(age=60), widget=True)


def test_a_view_drawn_after_a_change_draws_the_new_case(body_widget, sent):
    from hipback.plots import update_body_map

    fig = body_widget
    update_body_map(fig, Case(age=60, pain_below_knee=True))
    # A view created now starts from the state the page holds: it must be the new case's.
    page_data = sent.last(fig, "_widget_data")
    assert "<b>Below the knee: PAIN</b>" in page_data[-1]["text"]
    assert sent.last(fig, "_widget_layout")["meta"]["description"].endswith("below the knee.")


def test_a_view_that_reports_an_old_drawing_gets_the_whole_figure_once(body_widget):
    from hipback.plots import update_body_map

    fig = body_widget
    sent = []
    fig.observe(
        lambda change: sent.append(change["new"]) if change["new"] else None,
        names="_py2js_update",
    )
    update_body_map(fig, Case(age=60, pain_below_knee=True))
    sent.clear()
    # The page view finished its first drawing from the state before that change.
    fig.set_state({"_js2py_traceDeltas": {"trace_deltas": [], "trace_edit_id": 0}})
    assert len(sent) == 1
    style = sent[0]["style_data"]
    assert style["text"][-1][-1] == "<b>Below the knee: PAIN</b>"
    assert style["fillpattern"][-2]["shape"] == "/"  # the below-knee region is hatched
    assert sent[0]["layout_data"]["meta"]["description"].endswith("below the knee.")
    # Its answer to that resend, or a late answer to an older edit, sends nothing more.
    for edit in (sent[0]["trace_edit_id"], sent[0]["trace_edit_id"] - 1):
        fig.set_state({"_js2py_traceDeltas": {"trace_deltas": [], "trace_edit_id": edit}})
    assert len(sent) == 1
