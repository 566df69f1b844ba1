"""The code-free apps in Voilà, in headless Chromium: what a learner sees and clicks.

Expected texts are computed in this process with :func:`hipback.classify` (through
``explorer_page``), so a page that shows stale or wrong reasoning fails.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import explorer_page as ep
import pytest
from browser_support import (
    BrowserPage,
    JupyterServer,
    kernel_running,
    page_kernel_id,
    wait_until_shown,
)
from playwright.sync_api import expect

from hipback.knowledge.red_flags import RED_FLAG_BY_NAME
from hipback.reasoning import DISCLAIMER
from hipback.widgets.explorer import DEFAULT_CASE

pytestmark = pytest.mark.browser

WIDGET_ERRORS = re.compile("|".join(ep.WIDGET_PLACEHOLDERS), re.I)


def _render(
    open_page: Callable[[str], BrowserPage], server: JupyterServer, path: str
) -> BrowserPage:
    bp = open_page(path.split("?")[0].removesuffix(".ipynb"))
    bp.page.goto(f"{server.url}/voila/render/{path}")
    return bp


def _assert_app_page_is_clean(bp: BrowserPage) -> None:
    page = bp.page
    body = page.locator("body").inner_text()
    assert not WIDGET_ERRORS.search(body), "a widget did not render:\n" + body[:2000]
    assert "Traceback" not in body and "There was an error when executing" not in body, body[:2000]
    # Voilà strips the code: no input areas, no source text.
    code = page.locator(
        ".jp-CodeCell .jp-InputArea, .jp-InputPrompt, .jp-CodeMirrorEditor, pre code"
    )
    assert code.count() == 0, f"code is shown: {code.first.inner_text()[:200]}"
    assert "from hipback" not in body and "disclaimer()" not in body
    assert page.get_by_text(DISCLAIMER).first.is_visible()


@pytest.fixture(scope="module")
def landing(open_page: Callable[[str], BrowserPage], voila_server: JupyterServer) -> BrowserPage:
    """The landing page, as ``make app`` prints it."""
    bp = _render(open_page, voila_server, "index.ipynb")
    wait_until_shown(bp, bp.page.get_by_text(DISCLAIMER).first, voila_server)
    return bp


@pytest.fixture(scope="module")
def explorer_app(landing: BrowserPage, voila_server: JupyterServer) -> BrowserPage:
    """The explorer app, reached as a person does: by its link on the landing page."""
    landing.landing_kernel = page_kernel_id(landing.page)
    landing.page.get_by_role("link", name="Case explorer").click()
    landing.page.wait_for_url("**/voila/render/explorer.ipynb")
    wait_until_shown(landing, ep.summary_block(landing.page), voila_server)
    return landing


@pytest.fixture(scope="module")
def quiz_app(open_page: Callable[[str], BrowserPage], voila_server: JupyterServer) -> BrowserPage:
    bp = _render(open_page, voila_server, "quiz.ipynb?difficulty=easy")
    wait_until_shown(bp, bp.page.locator(".hipback-quiz"), voila_server, reloads=1)
    return bp


def test_landing_page_shows_the_disclaimer_and_links_both_apps(landing: BrowserPage) -> None:
    page = landing.page
    _assert_app_page_is_clean(landing)
    assert page.get_by_role("link", name="Case explorer").get_attribute("href") == "explorer.ipynb"
    quiz_hrefs = {
        page.get_by_role("link", name=name, exact=True).get_attribute("href")
        for name in ("Case quiz", "easy", "hard")
    }
    assert quiz_hrefs == {"quiz.ipynb", "quiz.ipynb?difficulty=easy", "quiz.ipynb?difficulty=hard"}
    landing.assert_no_console_errors()


def test_explorer_renders_the_reasoning_for_its_starting_case(explorer_app: BrowserPage) -> None:
    _assert_app_page_is_clean(explorer_app)
    assert ep.summary_text(explorer_app.page) == ep.expected_summary(DEFAULT_CASE)
    assert ep.banner(explorer_app.page).count() == 0
    explorer_app.assert_no_console_errors()


def test_ticking_a_red_flag_shows_the_banner_and_unticking_clears_it(
    explorer_app: BrowserPage,
) -> None:
    page = explorer_app.page
    flag = RED_FLAG_BY_NAME[ep.RED_FLAG]
    box = ep.finding_checkbox(page, ep.RED_FLAG)
    assert not box.is_checked()

    box.check()
    banner = ep.banner(page)
    banner.wait_for(state="visible", timeout=10_000)
    text = " ".join(banner.inner_text().split())
    assert "RED FLAG" in text and flag.label in text and flag.action in text
    flagged = DEFAULT_CASE.replace(**{ep.RED_FLAG: True})
    ep.wait_for_summary(page, ep.expected_summary(flagged))

    box.uncheck()  # "No": now recorded as absent
    banner.wait_for(state="detached", timeout=10_000)
    cleared = DEFAULT_CASE.replace(**{ep.RED_FLAG: False})
    ep.wait_for_summary(page, ep.expected_summary(cleared))
    explorer_app.assert_no_console_errors()


def test_toggling_groin_pain_updates_the_summary(explorer_app: BrowserPage) -> None:
    page = explorer_app.page
    box = ep.finding_checkbox(page, ep.TOGGLED_FINDING)
    box.check()
    ep.wait_for_summary(page, ep.expected_summary(DEFAULT_CASE.replace(pain_groin=True)))
    box.uncheck()
    ep.wait_for_summary(page, ep.expected_summary(DEFAULT_CASE.replace(pain_groin=False)))
    explorer_app.assert_no_console_errors()


def test_leaving_a_page_shuts_its_kernel_down(
    explorer_app: BrowserPage, voila_server: JupyterServer
) -> None:
    # The landing page's kernel must go when the learner follows a link (its close beacon,
    # with the XSRF token), or a lecturer's laptop collects one idle kernel per page visit.
    # Counted by id: the server also keeps warm kernels ready for the next visitors.
    landing_kernel = explorer_app.landing_kernel
    assert landing_kernel != page_kernel_id(explorer_app.page)
    deadline = time.monotonic() + 15
    while kernel_running(voila_server, landing_kernel) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not kernel_running(voila_server, landing_kernel), "the left page's kernel still runs"
    assert kernel_running(voila_server, page_kernel_id(explorer_app.page))


def test_quiz_takes_an_answer_and_gives_feedback(quiz_app: BrowserPage) -> None:
    page = quiz_app.page
    quiz = page.locator(".hipback-quiz")
    _assert_app_page_is_clean(quiz_app)
    assert "case 1 of" in quiz.inner_text()

    # Submitting with no answer asks for one instead of grading.
    quiz.get_by_role("button", name="Submit answer").click()
    quiz.get_by_role("alert").filter(has_text="Choose hip, spine or combined").wait_for()

    quiz.get_by_role("button", name="Hip", exact=True).click()
    quiz.get_by_role("button", name="Submit answer").click()
    feedback = page.locator(".hipback-quiz-feedback")
    feedback.wait_for(state="visible", timeout=10_000)
    text = " ".join(feedback.inner_text().split())
    assert re.search(r"This case: [0-3](\.\d+)? of 3 points", text), text
    # The feedback answers the choice made: right, or wrong and says what was chosen.
    assert "Right: the pain driver is HIP" in text or "(you chose hip)" in text, text
    assert re.search(r"Score: [0-3](\.\d+)? of 3 points", quiz.inner_text())

    next_button = quiz.get_by_role("button", name="Next case")
    assert next_button.is_enabled()
    next_button.click()
    quiz.get_by_text(re.compile("case 2 of")).wait_for(timeout=10_000)
    # The new case starts with no feedback (updates arrive one widget at a time: wait).
    expect(page.locator(".hipback-quiz-feedback")).to_have_count(0, timeout=10_000)
    quiz_app.assert_no_console_errors()
