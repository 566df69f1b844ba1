"""Printed case cards: one card per page, in Debian's Chromium (shares the session browser)."""

from __future__ import annotations

import re

import pytest

from hipback import generate_cases
from hipback.teaching.handouts import write_handout

pytestmark = pytest.mark.browser


def test_each_card_prints_on_exactly_one_page(tmp_path, chromium):
    """Print to PDF: as many pages as cards, even for busy cases with red flags."""
    busy = generate_cases(5, seed=3, difficulty="moderate", red_flag_rate=1.0)
    many = ("pain_groin", "pain_buttock", "worse_walking", "worse_stairs", "limp")
    busy = busy.assign(**dict.fromkeys(many, True))
    cards_path, _ = write_handout(busy, tmp_path / "s.html")
    page = chromium.new_page()
    try:
        page.goto(cards_path.as_uri())
        pdf = page.pdf(format="A4")
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == len(busy)
