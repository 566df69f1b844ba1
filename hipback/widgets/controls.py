"""One keyboard-operable ipywidgets control per case-record field, built from its FieldSpec.

Case record v2: every yes/no finding has three states, shown as three toggle buttons
(Yes / No / Not asked, :class:`ThreeState`); a choice that may be not assessed (the
effect of sitting) gets a "Not asked" button too.

Every control has the field's plain label as its visible ``description``
(rendered as a ``<label>``, so screen readers announce it), plain text only
(``description_allow_html=False``), and the field's source as its tooltip.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import traitlets

from hipback.case import FIELDS, GROUPS, Case, FieldSpec

_STYLE = {"description_width": "initial"}
_SLIDER_SPAN = 200  # wider integer ranges get a number box: a slider would be too coarse


def _label(spec: FieldSpec) -> str:
    return f"{spec.label} ({spec.unit})" if spec.unit else spec.label


class OptionalNumber(widgets.HBox):
    """A number that may be "not recorded" (``value`` is then None).

    A number box plus a "not recorded" tick box; both are standard,
    keyboard-operable widgets.

    Examples
    --------
    >>> from hipback.case import FIELD_BY_NAME
    >>> box = OptionalNumber(FIELD_BY_NAME["bmi"], None)
    >>> box.value = 31.5
    >>> box.number.value, box.missing.value
    (31.5, False)
    """

    value = traitlets.Any(None, allow_none=True)

    def __init__(self, spec: FieldSpec, value: Any) -> None:
        cls = widgets.BoundedIntText if spec.kind == "int" else widgets.BoundedFloatText
        upper = spec.maximum if spec.maximum is not None else 10**6
        self.spec = spec
        self.number = cls(
            value=value if value is not None else spec.minimum,
            min=spec.minimum,
            max=upper,
            description=_label(spec),
            description_allow_html=False,
            style=_STYLE,
            tooltip=spec.source or None,
            layout=widgets.Layout(width="auto", max_width="420px"),
        )
        self.missing = widgets.Checkbox(
            value=value is None,
            description="not recorded",
            description_allow_html=False,
            indent=False,
            layout=widgets.Layout(width="auto", margin="0 0 0 8px"),
        )
        self.number.disabled = value is None
        super().__init__([self.number, self.missing], layout=widgets.Layout(flex_flow="row wrap"))
        self._syncing = False
        self.value = value
        self.number.observe(self._from_parts, names="value")
        self.missing.observe(self._from_parts, names="value")
        self.observe(self._to_parts, names="value")

    def _from_parts(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.number.disabled = self.missing.value
        self.value = None if self.missing.value else self.number.value

    def _to_parts(self, change: dict[str, Any]) -> None:
        self._syncing = True
        try:
            new = change["new"]
            self.missing.value = new is None
            self.number.disabled = new is None
            if new is not None:
                self.number.value = new
        finally:
            self._syncing = False


#: Text of the "not assessed" button.
NOT_ASKED = "Not asked"


class SharedLooks:
    """Layout and style models that the three-state controls of one form share.

    Each widget otherwise brings its own layout and style models: ~50 findings x 3
    models were 40% of the explorer's widget state, each sent to the page and built
    there before the form appears. Shared per form (not per module), so closing one
    form's widgets leaves another's intact.
    """

    def __init__(self) -> None:
        self.buttons = widgets.Layout()
        self.buttons_style = widgets.ToggleButtonsStyle(
            description_width=_STYLE["description_width"], button_width="auto"
        )


class _ButtonsByText:
    """A :class:`ThreeState`'s buttons addressed by their text ("Yes", "No", "Not asked").

    ``value`` is the text of the pressed button; setting it presses that button (as a
    click does). Everything else is the control's own (``description``, ``options``...).
    """

    def __init__(self, control: ThreeState) -> None:
        self._control = control

    @property
    def value(self) -> str:
        return self._control.label

    @value.setter
    def value(self, text: str) -> None:
        self._control.label = text

    def __getattr__(self, name: str) -> Any:
        return getattr(self._control, name)


class ThreeState(widgets.ToggleButtons):
    """Toggle buttons whose ``value`` may be None ("Not asked").

    ipywidgets selections read a value of None as "nothing selected"; here None is the
    "Not asked" button. ``value`` is the field's value (``True`` / ``False`` / ``None``
    for a finding; the choices plus ``None`` for a choice that may be not assessed);
    the page only sees which button is pressed (``index``), as for any ToggleButtons.

    One widget model per control, no wrapper: the explorer has ~50 of them, and every
    model is sent to the page and built there before the page shows anything.

    Examples
    --------
    >>> from hipback.case import FIELD_BY_NAME
    >>> box = ThreeState(FIELD_BY_NAME["pain_groin"], None)
    >>> box.buttons.value
    'Not asked'
    >>> box.value = False
    >>> box.buttons.value, box.index
    ('No', 1)
    >>> box.buttons.value = "Yes"
    >>> box.value
    True
    >>> box.value = 1
    Traceback (most recent call last):
    ...
    traitlets.traitlets.TraitError: pain_groin: 1 is not allowed; allowed: True, False, None
    """

    value = traitlets.Any(None, allow_none=True, help="The field's value; None: not asked")

    def __init__(self, spec: FieldSpec, value: Any, looks: SharedLooks | None = None) -> None:
        self.spec = spec
        if spec.kind == "bool":
            pairs = [("Yes", True), ("No", False), (NOT_ASKED, None)]
        else:
            pairs = [(spec.choice_text(c), c) for c in spec.choices] + [(NOT_ASKED, None)]
        self._values = tuple(v for _, v in pairs)
        shared = {} if looks is None else {"layout": looks.buttons, "style": looks.buttons_style}
        super().__init__(
            options=pairs,
            index=self._index_of(value),
            value=value,
            description=spec.label,
            description_allow_html=False,
            tooltip=spec.source or None,
            **({"style": {**_STYLE, "button_width": "auto"}} | shared),
        )

    @property
    def buttons(self) -> _ButtonsByText:
        """The buttons by their text (``.buttons.value`` is the pressed button's text)."""
        return _ButtonsByText(self)

    def _index_of(self, value: Any) -> int:
        # By identity and type, not ==: 1 == True, but 1 is not a finding's value.
        for i, v in enumerate(self._values):
            if v is value or (type(v) is type(value) and v == value):
                return i
        allowed = ", ".join(repr(v) for v in self._values)
        raise traitlets.TraitError(
            f"{self.spec.name}: {value!r} is not allowed; allowed: {allowed}"
        )

    # The three handlers below replace ToggleButtons' own (same names): value <-> index by
    # _index_of, so None is a button rather than "nothing selected".
    @traitlets.validate("value")
    def _validate_value(self, proposal: Any) -> Any:
        self._index_of(proposal.value)
        return proposal.value

    @traitlets.observe("value")
    def _propagate_value(self, change: dict[str, Any]) -> None:
        index = self._index_of(change["new"])
        if self.index != index:
            self.index = index

    @traitlets.observe("index")
    def _propagate_index(self, change: dict[str, Any]) -> None:
        index = change["new"]
        if index is None:  # the page never unselects toggle buttons; keep the state whole
            self.index = self._index_of(self.value)
            return
        label, value = self._options_labels[index], self._values[index]
        if self.label != label:
            self.label = label
        if self._index_of(self.value) != index:
            self.value = value


def control_for(spec: FieldSpec, value: Any, looks: SharedLooks | None = None) -> widgets.DOMWidget:
    """The control for one field, showing ``value``.

    Parameters
    ----------
    spec : FieldSpec
        The field (from :data:`hipback.case.FIELDS`).
    value : Any
        Its current value.
    looks : SharedLooks, optional
        Layout and style models to share with the form's other three-state controls.

    Returns
    -------
    ipywidgets.DOMWidget
        :class:`ThreeState` (yes / no / not asked; a choice that may be not
        assessed), ToggleButtons (up to three choices), Dropdown (more
        choices), IntSlider (short ranges), a bounded number box (long
        ranges) or :class:`OptionalNumber` (may be not recorded). Its
        ``value`` is the field value.

    Examples
    --------
    >>> from hipback.case import FIELD_BY_NAME
    >>> type(control_for(FIELD_BY_NAME["pain_groin"], False)).__name__
    'ThreeState'
    """
    common = {"description_allow_html": False, "style": _STYLE, "tooltip": spec.source or None}
    if spec.kind == "bool" or (spec.kind == "choice" and spec.default is None):
        return ThreeState(spec, value, looks)
    if spec.kind == "choice":
        options = [(spec.choice_text(c), c) for c in spec.choices]
        if len(spec.choices) <= 3:
            return widgets.ToggleButtons(
                options=options,
                value=value,
                description=spec.label,
                style={**_STYLE, "button_width": "auto"},
                description_allow_html=False,
                tooltip=spec.source or None,
            )
        return widgets.Dropdown(
            options=options,
            value=value,
            description=spec.label,
            layout=widgets.Layout(width="max-content"),
            **common,
        )
    if not spec.required and spec.default is None:
        return OptionalNumber(spec, value)
    if spec.maximum is not None and spec.maximum - spec.minimum <= _SLIDER_SPAN:
        return widgets.IntSlider(
            value=value,
            min=spec.minimum,
            max=spec.maximum,
            description=_label(spec),
            continuous_update=False,
            layout=widgets.Layout(width="95%"),
            **common,
        )
    return widgets.BoundedIntText(
        value=value,
        min=spec.minimum,
        max=spec.maximum if spec.maximum is not None else 10**6,
        description=_label(spec),
        layout=widgets.Layout(width="auto"),
        **common,
    )


def build_controls(case: Case) -> dict[str, widgets.DOMWidget]:
    """One control per case field, in record order, showing ``case``'s values.

    Examples
    --------
    >>> controls = build_controls(Case(age=60))
    >>> controls["age"].value, len(controls) == len(FIELDS)
    (60, True)
    """
    looks = SharedLooks()
    return {spec.name: control_for(spec, getattr(case, spec.name), looks) for spec in FIELDS}


def grouped(controls: dict[str, widgets.DOMWidget]) -> widgets.VBox:
    """Lay the controls out under one heading per :data:`hipback.case.GROUPS` entry.

    Examples
    --------
    >>> box = grouped(build_controls(Case(age=60)))
    >>> len(box.children) == len(GROUPS)
    True
    """
    sections = []
    for group in GROUPS:
        members = [controls[s.name] for s in FIELDS if s.group == group and s.name in controls]
        heading = widgets.HTML(f"<h4 style='margin:10px 0 2px 0'>{group}</h4>")
        sections.append(
            widgets.VBox([heading, *members], layout=widgets.Layout(margin="0 0 6px 0"))
        )
    return widgets.VBox(sections)
