"""How the browser tests and the benchmark find things in the case explorer.

Selectors rely on what a person sees or what assistive technology announces:
controls by their role and visible label (the field's label from
:data:`hipback.case.FIELD_BY_NAME`), the summary and banner by the classes and
roles ``hipback.widgets`` gives them. Expected text is computed here, in the test
process, from :func:`hipback.classify`, never read back from the kernel.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from hipback.case import FIELD_BY_NAME, Case
from hipback.reasoning import classify
from hipback.widgets._html import summary_html

#: The finding the tests and the benchmark toggle (the article's key hip sign).
TOGGLED_FINDING = "pain_groin"
#: The red flag ticked in the banner test (cauda equina: the most urgent action).
RED_FLAG = "saddle_anaesthesia"

EXPLORER = ".hipback-explorer"
SUMMARY = ".hipback-summary"
BANNER = ".hipback-banner"
# Texts ipywidgets shows instead of a widget when its model or view is missing.
WIDGET_PLACEHOLDERS = ("Error displaying widget", "Loading widget", "model not found")


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text content of an HTML fragment, whitespace collapsed (as the DOM's textContent).

    Examples
    --------
    >>> html_text("<p><b>Hip</b>:  80%</p><p>Spine</p>")
    'Hip: 80%Spine'
    """
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def expected_summary(case: Case) -> str:
    """The summary text the explorer must show for ``case`` (computed in this process)."""
    return html_text(summary_html(classify(case)))


def explorer(page: Any) -> Any:
    """The first case explorer on the page."""
    return page.locator(EXPLORER).first


class FindingControl:
    """A yes/no finding's control: "Yes" / "No" / "Not asked" toggle buttons under its label.

    ``check()`` presses "Yes", ``uncheck()`` presses "No" (the finding is then recorded
    as absent, ``False``), ``click()`` switches between the two as a tick box would.
    """

    def __init__(self, page: Any, field: str) -> None:
        label = FIELD_BY_NAME[field].label
        self.group = (
            explorer(page)
            .locator(".widget-toggle-buttons")
            .filter(has=page.get_by_text(label, exact=True))
            .first
        )
        self.yes = self.group.get_by_role("button", name="Yes", exact=True)
        self.no = self.group.get_by_role("button", name="No", exact=True)

    def wait_for(self, **kwargs: Any) -> None:
        self.yes.wait_for(**kwargs)

    def is_checked(self) -> bool:
        return "mod-active" in (self.yes.get_attribute("class") or "")

    def check(self) -> None:
        self.yes.click()

    def uncheck(self) -> None:
        self.no.click()

    def set_checked(self, value: bool) -> None:
        (self.yes if value else self.no).click()

    def click(self) -> None:
        (self.no if self.is_checked() else self.yes).click()


def finding_checkbox(page: Any, field: str) -> FindingControl:
    """The control of a yes/no field, found by its visible label."""
    return FindingControl(page, field)


def summary(page: Any) -> Any:
    """The HTML widget holding the label and probabilities (its inner block is replaced
    on each update, so observe this stable outer element)."""
    return explorer(page).locator(".widget-html", has=page.locator(SUMMARY)).first


def summary_block(page: Any) -> Any:
    """The summary's inner block (label and probabilities), once the explorer has drawn it."""
    return explorer(page).locator(SUMMARY).first


def summary_text(page: Any) -> str:
    """The summary's text content, whitespace collapsed."""
    return " ".join(summary_block(page).text_content().split())


def banner(page: Any) -> Any:
    """The red-flag alert (absent while no red flag is ticked)."""
    return explorer(page).locator(f"{BANNER}[role='alert']")


def wait_for_explorer(page: Any, timeout: float = 60_000) -> None:
    """Wait until the explorer's summary is drawn."""
    summary_block(page).wait_for(state="visible", timeout=timeout)


def wait_for_summary(page: Any, expected: str, timeout: float = 10_000) -> None:
    """Wait until the summary's text is ``expected``; fail saying what it shows instead."""
    try:
        page.wait_for_function(
            """([root, inner, want]) => {
              const el = root.querySelector(inner);
              return Boolean(el) && el.textContent.replace(/\\s+/g, ' ').trim() === want;
            }""",
            arg=[summary(page).element_handle(), SUMMARY, expected],
            timeout=timeout,
            polling=20,
        )
    except Exception as exc:  # Playwright's TimeoutError: say what the page shows
        raise AssertionError(
            f"summary shows {summary_text(page)!r}, expected {expected!r}"
        ) from exc
