"""The plan builder, tested by what it sends to the learner's page.

Oracle: the page is what the widgets send through their comms (the ``sent`` fixture,
``tests/comm_recorder.py``), walked from the plan builder's own state the way a browser
renders it (``children`` hold ``IPY_MODEL_<id>`` references). The expected content comes
from the catalogue (:data:`hipback.management.ITEM_BY_ID`), the recommended plan
(:func:`hipback.recommend`) and the grader (:func:`hipback.management.compare_plan`),
each tested on its own in ``tests/test_management.py``; nothing here reads a widget's
child positions or private attributes. Ticking a box is done as the page does it: the
new value arrives as state (``set_state``), and the button is pressed with ``click()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape
from typing import Any

import pytest
from ipywidgets import Widget
from ipywidgets.widgets.widget import _instances  # the registry Widget.widgets reads

from hipback import Case, recommend
from hipback.management import ITEM_BY_ID, compare_plan, items_by_pillar
from hipback.widgets import plan_builder

HIP_OA = Case(age=67, bmi=31.0, pain_groin=True, hip_rotation_limited=True)
REF = "IPY_MODEL_"


def state(sent: Any, widget: Widget) -> dict[str, Any]:
    """The widget's state as the page holds it now: the opening state, then every update."""
    now = dict(sent.comm(widget).opened_with.get("state", {}))
    for update in sent.updates(widget):
        now.update(update)
    return now


def children(sent: Any, widget: Widget) -> list[Widget]:
    """The widgets the page draws inside ``widget`` (from the references it was sent)."""
    refs = state(sent, widget).get("children", [])
    return [_instances[ref.removeprefix(REF)] for ref in refs]


def page(sent: Any, root: Widget) -> Iterator[tuple[Widget, dict[str, Any]]]:
    """Every widget the page draws under ``root``, with its state, in drawing order."""
    yield root, state(sent, root)
    for child in children(sent, root):
        yield from page(sent, child)


def page_text(sent: Any, root: Widget) -> str:
    """All the HTML the page shows under ``root``."""
    return "\n".join(
        s["value"] for _w, s in page(sent, root) if s.get("_model_name") == "HTMLModel"
    )


def tick(box: Widget, value: bool = True) -> None:
    """Tick a box as the page does: the new value arrives as state from the browser."""
    box.set_state({"value": value})


def test_the_page_offers_every_catalogue_item_unticked_under_its_pillar(sent):
    pb = plan_builder(HIP_OA)
    boxes = {s["description"]: s for _w, s in page(sent, pb) if s["_model_name"] == "CheckboxModel"}
    assert set(boxes) == {item.title for item in ITEM_BY_ID.values()}
    assert not any(s["value"] for s in boxes.values())
    # A section of the page is a box holding a heading and checkboxes: the heading names
    # the pillar, and the checkboxes are exactly that pillar's catalogue items.
    sections = {}
    for widget, _s in page(sent, pb):
        inside = [state(sent, c) for c in children(sent, widget)]
        heads = [s["value"] for s in inside if s["_model_name"] == "HTMLModel"]
        ticks = {s["description"] for s in inside if s["_model_name"] == "CheckboxModel"}
        if ticks:
            assert len(heads) == 1, heads
            sections[heads[0]] = ticks
    assert len(sections) == len(items_by_pillar())
    for pillar, items in items_by_pillar().items():
        (heading,) = [h for h in sections if f">{escape(pillar.capitalize())}<" in h]
        assert sections[heading] == {item.title for item in items}


def test_the_recommended_plan_stays_off_the_page_until_the_learner_checks(sent):
    pb = plan_builder(HIP_OA)
    before = page_text(sent, pb)
    assert "Plan score" not in before and "Show the whole recommended plan" not in before
    pb.button.click()  # nothing ticked
    after = page_text(sent, pb)
    assert "Show the whole recommended plan" in after
    for item in recommend(HIP_OA):
        assert escape(item.title) in after.split("Show the whole recommended plan", 1)[1]
    assert "You have not ticked anything yet" in after
    assert "Plan score: 0%" in after


def test_feedback_on_the_page_names_each_category_and_explains_each_item(sent):
    pb = plan_builder(HIP_OA)
    tick(pb.checkboxes["hip_mobility_exercises"])
    tick(pb.checkboxes["prp_injection"])
    pb.button.click()  # the same path as a learner's click
    want = compare_plan(["hip_mobility_exercises", "prp_injection"], recommend(HIP_OA))
    assert [f.id for f in want.matched] == ["hip_mobility_exercises"]
    assert [f.id for f in want.against_guidance] == ["prp_injection"]
    shown = sent.last(pb.feedback, "value")
    # Symbol and words for each category, so colour is never the only cue.
    for words in ("Matched: in the recommended plan", "Missed:", "Against guidance"):
        assert words in shown
    for entry in want.matched + want.against_guidance + want.missed:
        assert escape(entry.message) in shown
    assert f"Plan score: {want.score:.0%}" in shown
    graded = len(want.matched) + len(want.missed) + len(want.not_indicated)
    graded += len(want.against_guidance)
    assert f"(1 matched of {graded} graded items)" in shown


def test_unticking_on_the_page_changes_the_feedback(sent):
    pb = plan_builder(HIP_OA)
    tick(pb.checkboxes["hip_mobility_exercises"])
    pb.button.click()
    first = sent.last(pb.feedback, "value")
    tick(pb.checkboxes["hip_mobility_exercises"], False)
    pb.button.click()
    assert sent.last(pb.feedback, "value") != first
    assert "You have not ticked anything yet" in sent.last(pb.feedback, "value")


def test_ticking_the_whole_recommended_plan_shows_full_marks(sent):
    plan = recommend(HIP_OA)
    pb = plan_builder(HIP_OA)
    for item_id in plan.ids:
        tick(pb.checkboxes[item_id])
    pb.button.click()
    assert "Plan score: 100%" in sent.last(pb.feedback, "value")


@pytest.mark.parametrize(
    ("case", "flagged"),
    [(HIP_OA, False), (HIP_OA.replace(saddle_anaesthesia=True), True)],
    ids=["hip", "saddle-anaesthesia"],
)
def test_the_page_says_when_the_case_has_red_flags_and_grades_against_its_own_plan(
    sent, case, flagged
):
    pb = plan_builder(case)
    assert ("with red flags" in page_text(sent, pb)) == flagged
    pb.button.click()
    shown = sent.last(pb.feedback, "value")
    for feedback in compare_plan([], recommend(case)).missed:
        assert escape(feedback.message) in shown
