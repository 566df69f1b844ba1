"""The management catalogue's record types, vocabulary and thresholds.

A :class:`ManagementItem` is one thing a plan can contain; each carries a :class:`Position`
for every guideline (or review, framework or pathway) that speaks to it, and
:func:`derive_status` turns the positions into one status, in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hipback.knowledge.references import reference

# --- thresholds (each cited) -------------------------------------------------------------------

#: NICE NG226 1.1.1: diagnose OA clinically without imaging from this age ...
NG226_CLINICAL_DIAGNOSIS_AGE: int = 45
#: ... when morning joint stiffness is absent or lasts no longer than this (minutes).
NG226_MORNING_STIFFNESS_MINUTES: int = 30
#: Overweight from this BMI (kg/m²), the WHO classification that NICE and ACR's
#: "overweight or obese" refer to.
OVERWEIGHT_BMI: float = 25.0
#: Functional limitations that, together, show symptoms substantially affecting daily life.
FUNCTION_FIELDS: tuple[str, ...] = ("difficulty_shoes_socks", "difficulty_car_transfer", "limp")

# --- vocabulary --------------------------------------------------------------------------------

#: The source article's six management pillars, in its order.
ARTICLE_PILLARS: tuple[str, ...] = (
    "hip mobility",
    "core and glute strength",
    "posture and walking mechanics",
    "inflammation",
    "weight management",
    "regenerative or targeted therapies",
)

#: Every pillar, in display order (red flags first).
PILLARS: tuple[str, ...] = (
    "red flag",
    "assessment",
    "imaging",
    "education and activity",
    *ARTICLE_PILLARS,
    "spine essentials",
    "other treatments",
    "referral",
)

#: Statuses :func:`derive_status` can return.
STATUSES: tuple[str, ...] = (
    "recommended",
    "consider",
    "advised (ungraded)",
    "no guideline position",
    "guidelines disagree",
    "not recommended",
    "against guidance",
)

#: Statuses that :func:`recommend` never puts in a plan.
NEVER_RECOMMENDED: frozenset[str] = frozenset(
    {"not recommended", "against guidance", "guidelines disagree"}
)

DIRECTIONS: tuple[str, ...] = ("for", "against", "advises", "no recommendation", "not verified")
STRENGTHS: tuple[str, ...] = ("strong", "conditional", "")
TAGS: tuple[str, ...] = ("found", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class Position:
    """What one guideline (or review or pathway) says about an item, as the item is stated.

    Attributes
    ----------
    reference : str
        Reference key (:func:`hipback.knowledge.references.reference`).
    direction : str
        "for", "against" (a graded recommendation), "advises" (a review, framework,
        pathway or definition that advises it without grading it: it carries no
        strength), "no recommendation" (silent, not addressed or out of scope) or
        "not verified" (the evidence review could not confirm it).
    strength : str
        "strong", "conditional" or "" (NICE "offer"/"do not offer" are strong,
        "consider" is conditional; ACR uses GRADE; OARSI "core"/level 1A strong).
    wording : str
        The guideline's wording or a close paraphrase, with the rec number.
    tag : str
        How it was checked (the evidence review's tags): "found", "secondary" or
        "unverified".
    """

    reference: str
    direction: str
    strength: str
    wording: str
    tag: str = "found"

    @property
    def guideline(self) -> str:
        """Short name of the source ("NICE NG226")."""
        return reference(self.reference).short

    @property
    def stance(self) -> str:
        """ "strong for", "conditional against", "no recommendation", "not verified"..."""
        if self.direction in ("for", "against"):
            return f"{self.strength} {self.direction}".strip()
        if self.direction == "advises":
            return "advises (ungraded)"
        return self.direction

    def __str__(self) -> str:
        return f"{self.guideline}: {self.stance} ({self.wording})"


@dataclass(frozen=True, slots=True)
class EvidenceNote:
    """Supporting evidence that is not a guideline position (a study result)."""

    reference: str
    text: str

    @property
    def citation(self) -> str:
        """Short citation."""
        return reference(self.reference).short


def derive_status(positions: Iterable[Position]) -> str:
    """The one rule that turns guideline positions into an item's status.

    Parameters
    ----------
    positions : iterable of Position
        What each source says.

    Returns
    -------
    str
        "guidelines disagree" if some are for and some against; otherwise
        "against guidance" (any strong against) or "not recommended"
        (conditional against); "recommended" (any strong for) or "consider"
        (conditional for only); "advised (ungraded)" when only ungraded sources
        (reviews, frameworks, pathways) advise it; "no guideline position" when none
        takes a side. "not verified" positions do not count.

    Examples
    --------
    >>> derive_status([Position("acr2019", "against", "strong", "PRP")])
    'against guidance'
    >>> derive_status([Position("nice_ng226", "for", "conditional", "Consider referring")])
    'consider'
    >>> derive_status([Position("acr2019", "for", "conditional", "x"),
    ...                Position("nice_ng226", "against", "strong", "y")])
    'guidelines disagree'
    """
    positions = tuple(positions)
    fors = [p for p in positions if p.direction == "for"]
    againsts = [p for p in positions if p.direction == "against"]
    if fors and againsts:
        return "guidelines disagree"
    if againsts:
        return (
            "against guidance"
            if any(p.strength == "strong" for p in againsts)
            else "not recommended"
        )
    if fors:
        return "recommended" if any(p.strength == "strong" for p in fors) else "consider"
    if any(p.direction == "advises" for p in positions):
        return "advised (ungraded)"
    return "no guideline position"


@dataclass(frozen=True, slots=True)
class ManagementItem:
    """One management item: what to do, for whom, and what the guidelines say.

    Attributes
    ----------
    id : str
        Short, stable snake_case id (learners tick these).
    title : str
        Plain-language title.
    pillar : str
        One of :data:`PILLARS`.
    what : str
        The exercise or advice, in the kit's own words.
    positions : tuple of Position
        Guideline (or review / pathway) positions, one per source.
    beyond_guidelines : str
        "" or a plain statement of where the source article goes beyond them.
    indication : str
        When the item applies (used to explain "not indicated").
    article : str
        Where the source article mentions it ("" if it does not).
    caution : str
        "" or a safety point for this item.
    evidence : tuple of EvidenceNote
        Study results behind the item that are not guideline positions.
    urgency : str or None
        For red-flag referrals, the most urgent level among their flags.
    loading : bool
        Loading exercise, or treatment that only goes with it (manual therapy alongside
        exercise, an injection to make exercise possible): held while a red flag asks for
        a medical review before loading exercise.
    lowers_fever : bool
        A medicine that also brings a temperature down (an NSAID): held with loading
        exercise while a fever waits for its medical review, so as not to mask it.
    """

    id: str
    title: str
    pillar: str
    what: str
    positions: tuple[Position, ...]
    beyond_guidelines: str = ""
    indication: str = ""
    article: str = ""
    caution: str = ""
    evidence: tuple[EvidenceNote, ...] = ()
    urgency: str | None = None
    loading: bool = False
    lowers_fever: bool = False

    @property
    def status(self) -> str:
        """Derived from :attr:`positions` by :func:`derive_status`."""
        return derive_status(self.positions)

    @property
    def references(self) -> tuple[str, ...]:
        """Every reference key the item cites, in order, without repeats."""
        keys = [p.reference for p in self.positions] + [e.reference for e in self.evidence]
        if self.article:
            keys.append("article")
        return tuple(dict.fromkeys(keys))

    @property
    def guideline_summary(self) -> str:
        """One line: each source and its stance ("NICE NG226: strong for; ...")."""
        return "; ".join(f"{p.guideline}: {p.stance}" for p in self.positions)

    def position_for(self, reference: str) -> Position | None:
        """The position of one source, or None."""
        return next((p for p in self.positions if p.reference == reference), None)


# --- shorthand for the catalogue ---------------------------------------------------------------


def for_(ref: str, wording: str, strength: str = "strong", tag: str = "found") -> Position:
    return Position(ref, "for", strength, wording, tag)


def consider(ref: str, wording: str, tag: str = "found") -> Position:
    return Position(ref, "for", "conditional", wording, tag)


def against(ref: str, wording: str, strength: str = "strong", tag: str = "found") -> Position:
    return Position(ref, "against", strength, wording, tag)


def silent(ref: str, wording: str, tag: str = "found") -> Position:
    return Position(ref, "no recommendation", "", wording, tag)


def advises(ref: str, wording: str, tag: str = "found") -> Position:
    """An ungraded source (review, framework, pathway, definition) that advises the item."""
    return Position(ref, "advises", "", wording, tag)


def unverified(ref: str, wording: str) -> Position:
    return Position(ref, "not verified", "", wording, "unverified")


NOT_FOUND = "Not addressed in the guideline text reviewed"
OARSI_UNVERIFIED = "Hip-specific level not verified in the OARSI 2019 text reviewed"

# Exercise positions shared by the exercise items: each item is one part of the therapeutic
# exercise that all three OA guidelines put at the core.
NICE_EXERCISE = for_(
    "nice_ng226",
    "Offer therapeutic exercise tailored to the person (local muscle strengthening, general "
    "aerobic fitness); warn that pain may rise at first",
)
ACR_EXERCISE = for_(
    "acr2019",
    "Exercise strongly recommended for hip OA: walking, strengthening, neuromuscular and "
    "aquatic all count; supervised is better (p.224)",
)
OARSI_EXERCISE = for_(
    "oarsi2019", "Core: structured land-based exercise (strengthening, cardio, balance)"
)
EXERCISE = (NICE_EXERCISE, ACR_EXERCISE, OARSI_EXERCISE)
