"""The plan builder: tick management items, then compare them with the recommended plan."""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.management import (
    CATEGORIES,
    PlanComparison,
    compare_plan,
    items_by_pillar,
    recommend,
)
from hipback.reasoning import Reasoning, classify
from hipback.widgets._html import APP_STYLE, disclaimer_html

#: How each feedback category is shown: a symbol and words, so colour is never the only cue.
CATEGORY_DISPLAY: dict[str, tuple[str, str, str]] = {
    "matched": ("&#10003;", "Matched: in the recommended plan", "#009E73"),
    "missed": ("&#10007;", "Missed: in the recommended plan but not chosen", "#D55E00"),
    "not_indicated": ("&#8211;", "Not indicated for this case", "#6E6E6E"),
    "against_guidance": ("&#9888;", "Against guidance", "#000000"),
    "optional": ("&#9675;", "Acceptable options (not scored)", "#0072B2"),
}


def plan_checkboxes() -> tuple[dict[str, widgets.Checkbox], widgets.GridBox]:
    """One checkbox per management item, grouped under a heading per pillar.

    Returns
    -------
    dict, GridBox
        Item id -> Checkbox, and the laid-out grid of pillar sections.

    Examples
    --------
    >>> boxes, grid = plan_checkboxes()
    >>> "hip_mobility_exercises" in boxes
    True
    """
    boxes: dict[str, widgets.Checkbox] = {}
    sections = []
    for pillar, items in items_by_pillar().items():
        members = []
        for item in items:
            box = widgets.Checkbox(
                value=False,
                description=item.title,
                indent=False,
                description_allow_html=False,
                tooltip=item.what,
                layout=widgets.Layout(width="auto"),
            )
            boxes[item.id] = box
            members.append(box)
        heading = widgets.HTML(f"<h4 style='margin:8px 0 2px 0'>{escape(pillar.capitalize())}</h4>")
        sections.append(widgets.VBox([heading, *members]))
    grid = widgets.GridBox(
        sections,
        layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(300px, 1fr))", grid_gap="4px 16px"
        ),
    )
    return boxes, grid


def comparison_html(comparison: PlanComparison) -> str:
    """Feedback on a learner's plan, category by category, each item explained."""
    graded = sum(len(getattr(comparison, c)) for c in CATEGORIES if c != "optional")
    parts = [
        "<div class='hipback-feedback' role='status' aria-live='polite'>",
        f"<p style='font-size:1.15em'><b>Plan score: {comparison.score:.0%}</b> "
        f"({len(comparison.matched)} matched of {graded} graded items)</p>",
    ]
    for category in CATEGORIES:
        entries = getattr(comparison, category)
        if not entries:
            continue
        symbol, title, colour = CATEGORY_DISPLAY[category]
        items = "".join(f"<li>{symbol} {escape(f.message)}</li>" for f in entries)
        parts.append(
            f"<div style='border-left:5px solid {colour};padding:2px 10px;margin:6px 0'>"
            f"<p style='margin:2px 0'><b>{symbol} {title} ({len(entries)})</b></p>"
            f"<ul style='margin:2px 0;list-style:none;padding-left:8px'>{items}</ul></div>"
        )
    if not comparison.chosen:
        parts.append("<p>You have not ticked anything yet: every plan item counts as missed.</p>")
    parts.append("</div>")
    return "".join(parts)


class PlanBuilder(widgets.VBox):
    """The widget returned by :func:`plan_builder`.

    Attributes
    ----------
    case : Case
        The case being planned for.
    result : Reasoning
        Its reasoning.
    plan : Plan
        The recommended plan (hidden from the learner until they check).
    checkboxes : dict
        Item id -> Checkbox.
    controls : dict
        Same as ``checkboxes`` (the name every kit widget uses).
    button : ipywidgets.Button
        "Check my plan".
    feedback : ipywidgets.HTML
        The feedback after checking.
    comparison : PlanComparison or None
        The latest comparison (None before the first check).
    """

    def __init__(self, case: Case, intro: str | None = None) -> None:
        if not isinstance(case, Case):
            raise HipbackInputError(
                f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
            )
        self.case = case
        self.result: Reasoning = classify(case)
        self.plan = recommend(case, self.result)
        self.comparison: PlanComparison | None = None
        self.checkboxes, grid = plan_checkboxes()
        self.controls = self.checkboxes
        self.button = widgets.Button(
            description="Check my plan",
            button_style="primary",
            icon="check",
            tooltip="Compare the items you ticked with the recommended plan",
        )
        self.button.on_click(lambda _b: self.check())
        self.feedback = widgets.HTML(
            "<p><i>Tick the items you would include, then press “Check my plan”.</i></p>"
        )
        self.recommended = widgets.HTML("")
        if intro is None:
            from hipback.cohort.vignettes import vignette

            intro = vignette(case)
        super().__init__(
            [
                widgets.HTML(
                    APP_STYLE + "<h3 style='margin:4px 0'>Plan builder</h3>"
                    f"<blockquote style='margin:4px 0 8px 0'>{escape(intro)}</blockquote>"
                    f"<p>The reasoning model's label for this case: <b>{self.result.label}</b>"
                    + (" &mdash; <b>with red flags</b>" if self.result.urgent else "")
                    + ". Which management items belong in the plan?</p>"
                ),
                grid,
                self.button,
                self.feedback,
                self.recommended,
                widgets.HTML(disclaimer_html()),
            ]
        )
        self.add_class("hipback-plan-builder")
        self.add_class("hipback-app")

    @property
    def chosen(self) -> tuple[str, ...]:
        """The ticked item ids, in catalogue order."""
        return tuple(i for i, box in self.checkboxes.items() if box.value)

    def check(self) -> PlanComparison:
        """What the "Check my plan" button does: grade the ticked items and show feedback.

        Examples
        --------
        >>> from hipback import Case
        >>> pb = plan_builder(Case(age=67, bmi=31.0, pain_groin=True, hip_rotation_limited=True))
        >>> pb.checkboxes["hip_mobility_exercises"].value = True
        >>> [f.id for f in pb.check().matched]
        ['hip_mobility_exercises']
        """
        self.comparison = compare_plan(self.chosen, self.plan)
        self.feedback.value = comparison_html(self.comparison)
        self.recommended.value = (
            "<details><summary>Show the whole recommended plan</summary>"
            f"{self.plan._repr_html_()}</details>"
        )
        return self.comparison


def plan_builder(case: Case, intro: str | None = None) -> PlanBuilder:
    """Let a learner tick management items for a case and get feedback on them.

    Parameters
    ----------
    case : Case
        The case to plan for.
    intro : str, optional
        Text shown above the items (default: the case's vignette).

    Returns
    -------
    PlanBuilder
        A widget exposing ``.checkboxes`` (item id -> Checkbox), ``.check()``
        (what the button does), ``.comparison``, ``.plan`` and ``.result``.

    Examples
    --------
    >>> from hipback import Case
    >>> pb = plan_builder(Case(age=60, saddle_anaesthesia=True))
    >>> pb.checkboxes["refer_cauda_equina"].value = True
    >>> pb.check().score
    0.5
    """
    return PlanBuilder(case, intro)
