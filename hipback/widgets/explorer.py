"""The case explorer: tune a case and watch the reasoning update in place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.plots import (
    body_map,
    describe,
    fagan_nomograms,
    reasoning_chart,
    update_body_map,
    update_fagan_nomograms,
    update_reasoning_chart,
)
from hipback.plots.view import FigureView
from hipback.reasoning import QUESTIONS, Reasoning, classify
from hipback.widgets._html import (
    APP_STYLE,
    banner_html,
    caption_html,
    disclaimer_html,
    plan_html,
    summary_html,
)
from hipback.widgets.controls import build_controls, grouped

#: The case the explorer opens with when none is given: a blank record.
DEFAULT_CASE = Case(age=60)

_INTRO = (
    "<h3 style='margin:4px 0'>Case explorer</h3>"
    "<p style='margin:2px 0'>Change what the patient reports and what you find on "
    "examination. The label, the charts, the red-flag banner and the plan update at once.</p>"
)


class CaseExplorer(widgets.VBox):
    """The explorer widget returned by :func:`case_explorer`.

    Attributes
    ----------
    controls : dict
        Case field name -> its control (set ``.value`` to change the case).
    pretest_controls : dict
        "hip" / "spine" -> slider of the pre-test probability.
    case : Case
        The current case.
    result : Reasoning
        The current reasoning result.
    summary : ipywidgets.HTML
        Label and probabilities in words.
    banner : ipywidgets.HTML
        The red-flag banner (an ``role="alert"`` block when a flag is ticked).
    figures : dict
        "reasoning", "nomograms" (both questions), "body_map" -> ``go.Figure``, changed
        in place on each update.
    figure_views : dict
        Same keys -> :class:`hipback.plots.view.FigureView`, the widget that shows the
        figure through plotly's mime renderer (one plotly.js for the whole page).
    captions : dict
        Same keys -> HTML widget with the figure's text description.
    plan : ipywidgets.HTML
        The recommended plan.
    status : ipywidgets.HTML
        Shows why a value was refused, if one was.
    """

    def __init__(self, case: Case | None = None, pretest: Mapping[str, float] | None = None):
        if case is None:
            case = DEFAULT_CASE
        if not isinstance(case, Case):
            raise HipbackInputError(
                f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case or None"
            )
        self.case = case
        self._pretest = dict(pretest) if pretest else None
        self.result: Reasoning = classify(case, self._pretest)
        self._suspended = False

        self.controls = build_controls(case)
        self.pretest_controls = {
            q: widgets.FloatSlider(
                value=self.result.pretest[q],
                min=0.01,
                max=0.99,
                step=0.01,
                description=f"Starting probability: {q} is a source",
                readout_format=".0%",
                continuous_update=False,
                description_allow_html=False,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="95%"),
            )
            for q in QUESTIONS
        }
        self.show_referral = widgets.Checkbox(
            value=False,
            description="Show published referral frequencies on the body map",
            indent=False,
            description_allow_html=False,
            layout=widgets.Layout(width="auto"),
        )
        self.summary = widgets.HTML(summary_html(self.result))
        self.banner = widgets.HTML(banner_html(self.result))
        self.status = widgets.HTML("")
        self.plan = widgets.HTML(plan_html(case, self.result))
        self.figures: dict[str, go.Figure] = {
            "reasoning": reasoning_chart(self.result),
            "nomograms": fagan_nomograms(self.result),
            "body_map": body_map(self.result),
        }
        self.figure_views = {key: FigureView(fig) for key, fig in self.figures.items()}
        self.captions = {
            key: widgets.HTML(caption_html(describe(fig))) for key, fig in self.figures.items()
        }

        for name, control in self.controls.items():
            control.observe(self._field_changed, names="value")
            control._hipback_field = name  # lets the shared callback know which field
        for control in self.pretest_controls.values():
            control.observe(self._pretest_changed, names="value")
        self.show_referral.observe(self._referral_changed, names="value")

        super().__init__(self._layout())
        self.add_class("hipback-explorer")
        self.add_class("hipback-app")

    # --- layout -------------------------------------------------------------------------------
    def _layout(self) -> list[widgets.Widget]:
        starting = widgets.VBox(
            [
                widgets.HTML("<h4 style='margin:10px 0 2px 0'>Starting point (pre-test)</h4>"),
                *self.pretest_controls.values(),
            ]
        )
        left = widgets.VBox(
            [grouped(self.controls), starting],
            layout=widgets.Layout(flex="1 1 360px", min_width="320px", padding="0 12px 0 0"),
        )
        fig, cap = self.figure_views, self.captions
        right = widgets.VBox(
            [
                self.summary,
                fig["reasoning"],
                cap["reasoning"],
                fig["nomograms"],
                cap["nomograms"],
                self.show_referral,
                fig["body_map"],
                cap["body_map"],
                self.plan,
            ],
            layout=widgets.Layout(flex="2 1 560px", min_width="320px"),
        )
        return [
            widgets.HTML(APP_STYLE + _INTRO),
            self.banner,
            self.status,
            widgets.HBox([left, right], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML(disclaimer_html()),
        ]

    # --- callbacks ----------------------------------------------------------------------------
    def _field_changed(self, change: dict[str, Any]) -> None:
        if self._suspended:
            return
        name = change["owner"]._hipback_field
        try:
            case = self.case.replace(**{name: change["new"]})
        except HipbackInputError as err:
            self.status.value = f"<p role='alert'><b>Not changed:</b> {'; '.join(err.problems)}</p>"
            self._suspended = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._suspended = False
            return
        self.status.value = ""
        self.case = case
        self.refresh()

    def _pretest_changed(self, _change: dict[str, Any]) -> None:
        if self._suspended:
            return
        self._pretest = {q: c.value for q, c in self.pretest_controls.items()}
        self.refresh()

    def _referral_changed(self, change: dict[str, Any]) -> None:
        update_body_map(self.figures["body_map"], self.result, bool(change["new"]))
        self.figure_views["body_map"].refresh()
        self.captions["body_map"].value = caption_html(describe(self.figures["body_map"]))

    # --- public -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reclassify the current case and update every output in place."""
        r = classify(self.case, self._pretest)
        self.result = r
        self.summary.value = summary_html(r)
        self.banner.value = banner_html(r)
        figs = self.figures
        update_reasoning_chart(figs["reasoning"], r)
        update_fagan_nomograms(figs["nomograms"], r)
        update_body_map(figs["body_map"], r)
        for key, fig in figs.items():
            self.figure_views[key].refresh()
            self.captions[key].value = caption_html(describe(fig))
        self.plan.value = plan_html(self.case, r)

    def set_case(self, case: Case) -> None:
        """Show another case: every control takes its value, then one update.

        Examples
        --------
        >>> from hipback import Case
        >>> ex = case_explorer()
        >>> ex.set_case(Case(age=70, pain_groin=True))
        >>> ex.controls["pain_groin"].value, ex.result.case.age
        (True, 70)
        """
        if not isinstance(case, Case):
            raise HipbackInputError(
                f"case: {type(case).__name__} is not allowed; allowed: a hipback.Case"
            )
        self._suspended = True
        try:
            for name, control in self.controls.items():
                control.value = getattr(case, name)
        finally:
            self._suspended = False
        self.case = case
        self.status.value = ""
        self.refresh()


def case_explorer(
    case: Case | None = None, pretest: Mapping[str, float] | None = None
) -> CaseExplorer:
    """An interactive explorer: controls for every case field and the reasoning, live.

    Controls are grouped as the article's comparison table (where it hurts,
    what makes it worse, effect of sitting, movement and function, nerve
    signs, red flags, the person). Each change updates, in place: the label
    and probabilities, the reasoning chart, the two Fagan nomograms, the body
    map, the red-flag banner and the recommended plan.

    Parameters
    ----------
    case : Case, optional
        The case to start from (default: a 60-year-old with nothing ticked).
    pretest : mapping, optional
        Starting pre-test probabilities, as in :func:`hipback.classify`.

    Returns
    -------
    CaseExplorer
        A widget (display it as the last line of a cell) exposing
        ``.controls``, ``.result``, ``.case``, ``.banner``, ``.summary``,
        ``.figures`` and ``.plan``.

    Examples
    --------
    >>> ex = case_explorer()
    >>> ex.controls["pain_groin"].value = True
    >>> ex.controls["hip_rotation_limited"].value = True
    >>> ex.result.label
    'hip'
    >>> ex.controls["saddle_anaesthesia"].value = True
    >>> "role='alert'" in ex.banner.value
    True
    """
    return CaseExplorer(case, pretest)
