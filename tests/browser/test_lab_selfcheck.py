"""A learner answers a self-check in JupyterLab: commit first, then feedback and a score.

Lesson 00 (a temporary copy) is opened in headless Chromium and run with Run All. The
first end-of-lesson item is answered right and the second wrong, as a learner would (pick
an option, press "Check my answer"). Which option is right on screen is computed here
from the item bank with the seed the kernel uses, so the test follows the shuffle.
Screenshots of the self-check before and after answering are saved in
``test-artifacts/`` (``selfcheck-before.png``, ``selfcheck-after.png``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_support import REPO, BrowserPage, JupyterServer, open_lab_notebook, run_all_cells

from hipback.teaching import selfcheck as sc

pytestmark = pytest.mark.browser

LESSON = "notebooks/00_start_here.ipynb"
SHOTS = REPO / "test-artifacts"
LETTERS = "ABCDEFGH"


def _label(item: sc.Item, option: sc.Option) -> str:
    shown = sc.arrange(item, sc.DEFAULT_SEED)  # the kernel keeps progress in memory only
    return f"{LETTERS[shown.index(option)]}. {option.text}"


@pytest.fixture(scope="module")
def lesson(open_page: Callable[[str], BrowserPage], lab_server: JupyterServer) -> BrowserPage:
    bp = open_page("lab-00-selfcheck")
    open_lab_notebook(bp.page, lab_server, LESSON)
    state = run_all_cells(bp.page)
    assert state["errors"] == [], state["errors"]
    return bp


def test_commit_then_feedback_and_score(lesson: BrowserPage) -> None:
    page: Any = lesson.page
    check = page.locator(".hipback-selfcheck").last
    check.scroll_into_view_if_needed()
    items = check.locator(".hipback-selfcheck-item")
    group = [x for x in sc.items(0) if not x.inline]
    assert items.count() == len(group)
    total = len(group)
    score = check.locator("[role=status]").last
    assert f"0 of {total} right" in score.inner_text()
    first, second = items.nth(0), items.nth(1)
    assert first.locator(".hipback-feedback").count() == 0, "feedback shown before an answer"
    SHOTS.mkdir(exist_ok=True)
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "selfcheck-before.png"))

    right = next(o for o in group[0].options if o.correct)
    first.get_by_role("radio", name=_label(group[0], right)).check()
    assert first.locator(".hipback-feedback").count() == 0, "feedback before committing"
    first.get_by_role("button", name="Check my answer").click()
    feedback = first.locator(".hipback-feedback")
    feedback.wait_for()
    assert "✔ Right" in feedback.inner_text() and right.why.split(".")[0] in feedback.inner_text()
    page.wait_for_function(
        "([el, t]) => el.innerText.includes(t)",
        arg=[score.element_handle(), f"1 of {total} right"],
    )

    wrong = next(o for o in group[1].options if not o.correct)
    second.get_by_role("radio", name=_label(group[1], wrong)).check()
    second.get_by_role("button", name="Check my answer").click()
    second.locator(".hipback-feedback").wait_for()
    text = second.locator(".hipback-feedback").inner_text()
    assert "✘ Not right" in text and wrong.misconception in text
    page.wait_for_function(
        "([el, t]) => el.innerText.includes(t)",
        arg=[score.element_handle(), f"1 of {total} right (2 of {total} answered)"],
    )
    # committed answers cannot be changed
    assert first.get_by_role("button", name="Answered").is_disabled()
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "selfcheck-after.png"))
    lesson.assert_no_console_errors()
