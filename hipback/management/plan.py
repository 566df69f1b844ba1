"""The management plan: an ordered, immutable list of items for one case.

:class:`Plan` is what :func:`hipback.management.recommend` returns; it shows red flags
first (graded: :attr:`Plan.red_flags`), prints with the disclaimer and explains why an item
is not in it (:meth:`Plan.why_not`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import escape

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.knowledge.management import ITEM_BY_ID, NEVER_RECOMMENDED, ManagementItem
from hipback.reasoning import DISCLAIMER, Reasoning
from hipback.screening import RedFlagHit, most_serious


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One item in a plan: the knowledge entry, why it applies here, and its rank.

    Attributes
    ----------
    item : ManagementItem
        The catalogue entry.
    why : str
        The finding, mechanism or case feature that makes it apply.
    priority : int
        Rank in the plan, 1 first.
    """

    item: ManagementItem
    why: str
    priority: int

    @property
    def id(self) -> str:
        """The item id."""
        return self.item.id

    @property
    def title(self) -> str:
        """The item title."""
        return self.item.title

    @property
    def status(self) -> str:
        """The item's guideline status."""
        return self.item.status


@dataclass(frozen=True)
class Plan:
    """An ordered, immutable management plan for one case (from :func:`recommend`).

    Iterate over it for the :class:`PlanItem`\\ s; ``item_id in plan`` tests membership.

    Attributes
    ----------
    items : tuple of PlanItem
        The recommended items, in order.
    options : tuple of PlanItem
        Acceptable options that are not required (not counted as missed).
    label : str
        The label the plan is for ("hip", "spine", "combined" or "undetermined"); the
        reasoning's label, or the one given to :func:`recommend_for_label`.
    urgent : bool
        True when a red flag at level emergency or urgent is present: the plan then holds
        only the referral and safety-netting.
    notes : tuple of str
        Plan-level notes (what waits for clearance, what to review later).
    reasons : Mapping[str, str]
        For items considered and left out: why, in one sentence.
    result : Reasoning
        The reasoning the plan was built from.
    red_flags : tuple of RedFlagHit
        The graded red flags (:func:`hipback.screening.screen`), most serious first.
    held : tuple of str
        Items the case would otherwise get that wait for a medical review a red flag asks
        for (a fever holds loading exercise); their reason is in :attr:`reasons`.
    """

    items: tuple[PlanItem, ...]
    options: tuple[PlanItem, ...]
    label: str
    urgent: bool
    notes: tuple[str, ...]
    reasons: Mapping[str, str]
    result: Reasoning = field(repr=False)
    red_flags: tuple[RedFlagHit, ...] = ()
    held: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        """The recommended item ids, in order."""
        return tuple(p.id for p in self.items)

    @property
    def option_ids(self) -> tuple[str, ...]:
        """The optional item ids."""
        return tuple(p.id for p in self.options)

    @property
    def case(self) -> Case:
        """The case the plan is for."""
        return self.result.case

    @property
    def urgency(self) -> str | None:
        """The most serious red-flag level ("emergency" ... "monitor"), or None."""
        return most_serious(self.red_flags)

    @property
    def holds_loading(self) -> bool:
        """True when a red flag (not urgent) holds loading exercise until a medical review."""
        return not self.urgent and any(h.holds_loading for h in self.red_flags)

    def _red_flag_line(self) -> str:
        """What the red flags mean for the rest of the plan, in words."""
        if self.urgent:
            return "red flags come first; everything else waits for medical clearance."
        if self.holds_loading:
            return (
                "act on them; loading exercise waits for the medical review, the rest of the "
                "plan applies."
            )
        return "act on them; the rest of the plan applies."

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per item (options last) for tables, handouts and widgets.

        Examples
        --------
        >>> from hipback import Case, recommend
        >>> rec = recommend(Case(age=60, fever=True, pain_groin=True)).to_records()[0]
        >>> rec["id"], rec["pillar"], rec["optional"]
        ('medical_review', 'red flag', False)
        """
        return [
            {
                "priority": p.priority,
                "id": p.id,
                "title": p.title,
                "pillar": p.item.pillar,
                "status": p.status,
                "why": p.why,
                "guidelines": p.item.guideline_summary,
                "beyond_guidelines": p.item.beyond_guidelines,
                "optional": optional,
            }
            for optional, group in ((False, self.items), (True, self.options))
            for p in group
        ]

    def __iter__(self) -> Iterator[PlanItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index: int) -> PlanItem:
        return self.items[index]

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.ids

    def why_not(self, item_id: str) -> str:
        """Why an item is not in this plan, in one clause ("" if it is).

        Parameters
        ----------
        item_id : str
            Any id in :data:`ITEM_BY_ID`; an unknown id raises
            :class:`~hipback.HipbackInputError`.

        Examples
        --------
        >>> from hipback import Case, recommend
        >>> plan = recommend(Case(age=67, bmi=22.0, pain_groin=True, hip_rotation_limited=True))
        >>> plan.why_not("weight_management")
        'BMI 22 is under 25: weight-loss advice is not indicated'
        >>> plan.why_not("hip_mobility_exercises")
        ''
        """
        if item_id in self.ids or item_id in self.option_ids:
            return ""
        item = lookup(item_id, "item_id")
        if item_id in self.reasons:
            return self.reasons[item_id]
        if self.urgent:
            return "a red flag comes first: this waits until the person has been medically cleared"
        if self.label == "undetermined":
            return "the pain driver is not determined yet: assess further before choosing treatment"
        if item.status == "guidelines disagree":
            return f"the guidelines disagree ({sides(item)}), so the kit leaves it out"
        if item.status in NEVER_RECOMMENDED:
            return f"{item.status} ({sides(item)})"
        return f"it is for: {item.indication[0].lower()}{item.indication[1:]}"

    def _heading(self) -> str:
        p = self.result.probabilities
        return (
            f"Management plan: {LABEL_TEXT[self.label]} "
            f"(hip source {p['hip']:.0%}, spine source {p['spine']:.0%})"
        )

    def __str__(self) -> str:
        lines = [self._heading()]
        if self.urgent:
            lines.append(f"URGENT ({self.urgency}): {self._red_flag_line()}")
        elif self.red_flags:
            lines.append(f"Red flags first ({self.urgency}): {self._red_flag_line()}")
        for p in self.items:
            lines.append(f"{p.priority:2d}. [{p.item.pillar}] {p.title} ({p.status})")
            lines.append(f"    Why: {p.why}")
            lines.append(f"    Guidelines: {p.item.guideline_summary}")
            if p.item.caution:
                lines.append(f"    Caution: {p.item.caution}")
        if self.options:
            lines.append("Options (acceptable, not required):")
            for p in self.options:
                lines.append(f"  - {p.title} ({p.status}): {p.why}")
        for note in self.notes:
            lines.append(f"Note: {note}")
        lines.append(DISCLAIMER)
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def rows(plan_items: tuple[PlanItem, ...]) -> str:
            return "".join(
                f"<tr><td>{p.priority}</td><td>{escape(p.item.pillar)}</td>"
                f"<td><b>{escape(p.title)}</b><br><small><code>{escape(p.id)}</code></small></td>"
                f"<td>{escape(p.status)}</td><td>{escape(p.why)}</td>"
                f"<td><small>{escape(p.item.guideline_summary)}</small></td></tr>"
                for p in plan_items
            )

        banner = ""
        if self.urgent:
            banner = (
                "<div role='alert' style='border:3px solid #000;padding:6px;margin:4px 0'>"
                f"<b>&#9888; URGENT ({escape(str(self.urgency))})</b>: "
                f"{escape(self._red_flag_line())}</div>"
            )
        elif self.red_flags:
            banner = (
                "<div role='note' style='border:2px dashed #000;padding:6px;margin:4px 0'>"
                f"<b>Red flags first ({escape(str(self.urgency))})</b>: "
                f"{escape(self._red_flag_line())}</div>"
            )
        head = (
            "<thead><tr><th>#</th><th>Pillar</th><th>Item</th><th>Status</th><th>Why</th>"
            "<th>Guidelines</th></tr></thead>"
        )
        options = ""
        if self.options:
            options = (
                "<p><b>Options</b> (acceptable, not required)</p>"
                f"<table>{head}<tbody>{rows(self.options)}</tbody></table>"
            )
        notes = "".join(f"<li>{escape(n)}</li>" for n in self.notes)
        return (
            f"<div class='hipback-plan'><p><b>{escape(self._heading())}</b></p>{banner}"
            f"<table>{head}<tbody>{rows(self.items)}</tbody></table>{options}"
            + (f"<ul>{notes}</ul>" if notes else "")
            + f"<p><small>{escape(DISCLAIMER)}</small></p></div>"
        )


LABEL_TEXT = {
    "hip": "hip-driven pain",
    "spine": "spine-driven pain",
    "combined": "combined hip and spine pain",
    "undetermined": "pain driver not yet determined",
}


def lookup(item_id: object, what: str) -> ManagementItem:
    if not isinstance(item_id, str):
        raise HipbackInputError(
            f"{what}: {item_id!r} is not allowed; allowed: an item id string from "
            "hipback.management.ITEM_BY_ID"
        )
    item = ITEM_BY_ID.get(item_id)
    if item is None:
        raise HipbackInputError(unknown_id_message(item_id, what))
    return item


def unknown_id_message(item_id: str, what: str) -> str:
    # An id that contains what was typed ("prp" -> "prp_injection") is the best guess;
    # otherwise the closest by difflib's similarity ratio.
    key = item_id.strip().lower()
    containing = sorted((i for i in ITEM_BY_ID if key and key in i), key=len)
    close = containing[:1] or difflib.get_close_matches(key, list(ITEM_BY_ID), n=1, cutoff=0.0)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return (
        f"{what}: {item_id!r} is not a management item id{hint} "
        "(allowed: the ids in hipback.management.ITEM_BY_ID)"
    )


def sides(item: ManagementItem) -> str:
    """The sources that take a side on an item, with their stance."""
    return "; ".join(
        f"{p.guideline} {p.stance}" for p in item.positions if p.direction in ("for", "against")
    )
