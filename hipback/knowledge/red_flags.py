"""Red-flag screening: which flags are present and what each one requires.

Red flags are screened apart from the hip-versus-spine reasoning and always
win: a case with any red flag is urgent, whatever the scores, and its plan
starts with the referral the flag requires (clinical reference §3). The
catalogue below is the one place that states each flag's condition, action,
urgency and source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hipback.knowledge.references import REFERENCES

#: Urgency levels, most urgent first.
URGENCY_ORDER: tuple[str, ...] = ("emergency", "urgent same day", "urgent")


@dataclass(frozen=True, slots=True)
class RedFlag:
    """One red flag of the case record.

    Attributes
    ----------
    name : str
        The case field.
    label : str
        Plain-language label.
    condition : str
        The serious pathology it screens for.
    action : str
        What the clinician must do.
    urgency : str
        One of :data:`URGENCY_ORDER`.
    sources : tuple of str
        Reference keys.
    note : str
        What is known about how useful the flag is.
    """

    name: str
    label: str
    condition: str
    action: str
    urgency: str
    sources: tuple[str, ...]
    note: str = ""

    @property
    def citation(self) -> str:
        """Short citations joined by semicolons."""
        return "; ".join(REFERENCES[k].short for k in self.sources)


_CES = "Cauda equina syndrome"
_CES_ACTION = (
    "Emergency: send the same day to the emergency department or on-call spinal team for "
    "emergency MRI; give written safety-netting advice. No exercise prescription."
)
_MSCC = "Spinal malignancy or metastatic spinal cord compression"

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle_anaesthesia",
        "Numbness in the saddle area",
        _CES,
        _CES_ACTION,
        "emergency",
        ("nhs_pathway", "greenhalgh2018", "finucane2020"),
    ),
    RedFlag(
        "bladder_bowel_dysfunction",
        "New bladder or bowel problems",
        _CES,
        _CES_ACTION,
        "emergency",
        ("nhs_pathway", "greenhalgh2018", "finucane2020"),
    ),
    RedFlag(
        "progressive_weakness",
        "Leg weakness that is getting worse",
        "Progressive neurological deficit",
        "Urgent same day: discuss with a spinal specialist and arrange MRI; treat as cauda "
        "equina (emergency) if weakness is bilateral or with bladder, bowel or saddle "
        "symptoms.",
        "urgent same day",
        ("nhs_pathway", "finucane2020"),
    ),
    RedFlag(
        "history_of_cancer",
        "Past history of cancer",
        _MSCC,
        "Urgent: contact the acute oncology / MSCC pathway the same day or within 24 hours; "
        "emergency if there is new neurological deficit.",
        "urgent same day",
        ("downie2013", "finucane2020", "nhs_pathway"),
        "The most useful malignancy flag: post-test probability 33% (95% CI 22-46%) "
        "(Downie 2013). The 24-hour timing is from memory and must follow the local "
        "pathway (clinical reference §3.2).",
    ),
    RedFlag(
        "unexplained_weight_loss",
        "Unexplained weight loss",
        _MSCC,
        "Urgent: arrange MRI or referral through the suspected-cancer pathway.",
        "urgent",
        ("downie2013", "finucane2020", "nhs_pathway"),
        "On its own it changes the probability of cancer little (Downie 2013).",
    ),
    RedFlag(
        "night_pain",
        "Persistent pain at night",
        _MSCC,
        "Urgent: assess for malignancy and infection; arrange MRI or referral through the "
        "suspected-cancer pathway if it persists or other flags are present.",
        "urgent",
        ("finucane2020", "nhs_pathway"),
        "Night pain alone is a weak flag; weigh it with the person's profile (Finucane 2020).",
    ),
    RedFlag(
        "fever",
        "Fever or feeling systemically unwell",
        "Spinal infection (discitis, osteomyelitis, epidural abscess)",
        "Urgent same day: spinal team or emergency department, MRI with and without "
        "contrast, blood tests.",
        "urgent same day",
        ("nhs_pathway", "finucane2020"),
    ),
    RedFlag(
        "major_trauma",
        "Recent major trauma",
        "Vertebral (or hip) fracture",
        "Emergency: emergency department for imaging before any exercise.",
        "emergency",
        ("downie2013", "nhs_pathway"),
        "Severe trauma: post-test probability of fracture 11% (Downie 2013).",
    ),
)

RED_FLAG_BY_NAME: dict[str, RedFlag] = {f.name: f for f in RED_FLAGS}
RED_FLAG_NAMES: tuple[str, ...] = tuple(f.name for f in RED_FLAGS)


def screen(case: Any) -> tuple[RedFlag, ...]:
    """Return the red flags present in a case, most urgent first.

    Parameters
    ----------
    case : Case
        The case to screen.

    Returns
    -------
    tuple of RedFlag
        Empty when no flag is present.

    Examples
    --------
    >>> from hipback import Case
    >>> [f.condition for f in screen(Case(age=60, saddle_anaesthesia=True))]
    ['Cauda equina syndrome']
    >>> screen(Case(age=60))
    ()
    """
    present = [f for f in RED_FLAGS if getattr(case, f.name)]
    return tuple(sorted(present, key=lambda f: URGENCY_ORDER.index(f.urgency)))


def most_urgent(flags: tuple[RedFlag, ...]) -> str | None:
    """The highest urgency among flags, or None.

    Examples
    --------
    >>> most_urgent(tuple(RED_FLAG_BY_NAME[n] for n in ("night_pain", "major_trauma")))
    'emergency'
    """
    if not flags:
        return None
    return min((f.urgency for f in flags), key=URGENCY_ORDER.index)
