"""Accept a Case or a Reasoning wherever a figure needs one."""

from __future__ import annotations

from typing import Any

from hipback.case import Case
from hipback.errors import HipbackInputError
from hipback.reasoning import Reasoning, classify


def as_result(obj: Any, argument: str = "result") -> Reasoning:
    """A :class:`Reasoning` from a Reasoning (returned as is) or a Case (classified)."""
    if isinstance(obj, Reasoning):
        return obj
    if isinstance(obj, Case):
        return classify(obj)
    raise HipbackInputError(
        f"{argument}: {type(obj).__name__} is not allowed; allowed: a hipback.Case or the "
        "result of hipback.classify"
    )
