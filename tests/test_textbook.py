"""Twenty-two textbook presentations get the label a clinician would give (see textbook_cases)."""

from __future__ import annotations

import pytest
from textbook_cases import TEXTBOOK

from hipback import Case, classify


def test_there_are_at_least_twenty_presentations_each_citing_what_it_models():
    assert len(TEXTBOOK) >= 20
    assert all(t["models"] for t in TEXTBOOK)
    assert len({t["id"] for t in TEXTBOOK}) == len(TEXTBOOK)
    assert {t["label"] for t in TEXTBOOK} == {"hip", "spine", "combined"}


@pytest.mark.parametrize("presentation", TEXTBOOK, ids=[t["id"] for t in TEXTBOOK])
def test_label_and_urgency_as_a_clinician_would_give(presentation):
    result = classify(Case(**presentation["fields"]))
    assert result.label == presentation["label"], str(result)
    assert result.urgent is presentation["urgent"]
