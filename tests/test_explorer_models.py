"""What the explorer sends to the page: how many widget models, and one model per finding.

Every widget that exists in the kernel is sent to the page, which builds a model (and,
when shown, a view) for each before it shows anything: the model count is what the page
pays for, whatever machine it runs on. These are guards against regressions, not timing
tests (``benchmarks/bench_browser.py`` times the page).
"""

from __future__ import annotations

import pytest
import traitlets
from comm_recorder import RecordingComm
from ipywidgets.widgets.widget import _instances  # the registry Widget.widgets reads

from hipback import Case, classify
from hipback.case import FIELDS
from hipback.widgets import case_explorer
from hipback.widgets.controls import NOT_ASKED, ThreeState

#: Widget models the explorer may send. Measured: 229 when each three-state finding was an
#: HBox around its ToggleButtons (53 findings, 2 models each), 175 with one ToggleButtons
#: model per finding (issue 12: the page took 1.76x a bare one-slider page, over 1.5x).
#: A few to spare for a new field or two; a wrapper per control again (+53) fails.
MAX_MODELS = 185

FINDING_OPTIONS = ("Yes", "No", NOT_ASKED)


def _opened_by(build):
    before = set(_instances)
    built = build()
    opened = [
        w
        for key, w in _instances.items()
        if key not in before and isinstance(getattr(w, "comm", None), RecordingComm)
    ]
    return built, opened


def test_the_explorer_sends_at_most_max_models(sent):
    _explorer, opened = _opened_by(case_explorer)
    assert len(opened) <= MAX_MODELS, (
        f"the explorer sends {len(opened)} widget models to the page (limit {MAX_MODELS})"
    )


def test_each_finding_is_one_toggle_buttons_model_on_the_page(sent):
    explorer, opened = _opened_by(case_explorer)
    three_state = [s for s in FIELDS if isinstance(explorer.controls[s.name], ThreeState)]
    assert three_state, "no three-state controls to check"
    by_label = {}
    for widget in opened:
        state = sent.comm(widget).opened_with.get("state", {})
        if state.get("_model_name") == "ToggleButtonsModel":
            by_label[state["description"]] = state
    for spec in three_state:
        state = by_label[spec.label]  # found by its visible label, as a learner finds it
        labels = tuple(state["_options_labels"])
        assert labels[-1] == NOT_ASKED
        if spec.kind == "bool":
            assert labels == FINDING_OPTIONS
        assert state["description_allow_html"] is False
    # No box wraps a single control: each finding's model sits in its section directly.
    boxes = [
        sent.comm(w).opened_with["state"]
        for w in opened
        if sent.comm(w).opened_with["state"].get("_model_name") in ("HBoxModel", "VBoxModel")
    ]
    control_ids = {f"IPY_MODEL_{explorer.controls[s.name].model_id}" for s in three_state}
    assert not [b for b in boxes if len(b["children"]) == 1 and b["children"][0] in control_ids]


def test_a_click_on_the_page_sets_the_finding_and_the_page_shows_the_new_reasoning(sent):
    explorer = case_explorer()
    groin = explorer.controls["pain_groin"]
    assert sent.last(groin, "index") == FINDING_OPTIONS.index(NOT_ASKED)
    groin.set_state({"index": FINDING_OPTIONS.index("Yes")})  # what the page sends on a click
    assert groin.value is True
    expected = classify(Case(age=60, pain_groin=True))
    assert f"{expected.probabilities['hip']:.0%}" in sent.last(explorer.summary, "value")
    groin.set_state({"index": FINDING_OPTIONS.index(NOT_ASKED)})
    assert groin.value is None
    assert explorer.case.pain_groin is None


def test_setting_a_value_in_python_presses_its_button_on_the_page(sent):
    explorer = case_explorer()
    control = explorer.controls["sitting_effect"]
    for value in (*control.spec.choices, None):
        control.value = value
        shown = sent.comm(control).opened_with["state"]["_options_labels"][
            sent.last(control, "index")
        ]
        assert shown == (NOT_ASKED if value is None else value.replace("_", " ").capitalize())
        assert explorer.case.sitting_effect == value


@pytest.mark.parametrize("bad", [1, 0, "yes", "True"])
def test_a_value_the_field_does_not_allow_is_refused_naming_the_field(bad):
    control = case_explorer().controls["pain_groin"]
    refused = r"pain_groin: .* is not allowed; allowed: True, False, None"
    with pytest.raises(traitlets.TraitError, match=refused):
        control.value = bad
    assert control.value is None
