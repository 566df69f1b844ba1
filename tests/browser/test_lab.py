"""Lesson 03 in JupyterLab, in headless Chromium, as a student uses it.

The lesson (a temporary copy: the repository's notebook is never written) is opened,
run with Run > Run All Cells, and its case explorer is used. The expected summary
text is computed in this process with :func:`hipback.classify` from the case the
kernel holds, so the page must show what the kit's reasoning says.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import explorer_page as ep
import pytest
from browser_support import (
    REPO,
    BrowserPage,
    JupyterServer,
    kernel_stdout,
    open_lab_notebook,
    run_all_cells,
)

from hipback.case import Case

pytestmark = pytest.mark.browser

LESSON = "notebooks/03_case_explorer.ipynb"

# Asks the kernel which cases its explorers hold (names kept out of the learner's namespace).
_EXPLORER_CASES = """
def _hipback_probe():
    import gc, json
    from hipback.widgets import CaseExplorer
    found = [o for o in gc.get_objects() if isinstance(o, CaseExplorer)]
    return json.dumps([o.case.to_dict() for o in found])
print(_hipback_probe())
del _hipback_probe
"""


@pytest.fixture(scope="module")
def lesson(
    open_page: Callable[[str], BrowserPage], lab_server: JupyterServer
) -> tuple[BrowserPage, dict[str, Any]]:
    """Lesson 03 open in JupyterLab after Run All; with the notebook state after the run."""
    if not (REPO / LESSON).is_file():
        pytest.fail(f"{LESSON} is missing: the Lab test opens that lesson", pytrace=False)
    bp = open_page("lab-03")
    open_lab_notebook(bp.page, lab_server, LESSON)
    state = run_all_cells(bp.page)
    return bp, state


def _kernel_case(page: Any) -> Case:
    cases = json.loads(kernel_stdout(page, _EXPLORER_CASES))
    assert len(cases) == 1, f"expected one case explorer in {LESSON}, the kernel has {len(cases)}"
    return Case.from_dict(cases[0])


def test_run_all_leaves_no_error_and_every_widget_drawn(
    lesson: tuple[BrowserPage, dict[str, Any]],
) -> None:
    bp, state = lesson
    assert state["pending"] == [], f"cells that did not run: {state['pending']}"
    assert state["errors"] == [], "cells with errors:\n" + "\n".join(state["errors"])
    assert state["widgets"] >= 1, "the lesson shows no widget"
    assert state["unrendered"] == [], "widgets left as placeholders:\n" + "\n".join(
        state["unrendered"]
    )
    body = bp.page.locator(".jp-Notebook").inner_text()
    for placeholder in ep.WIDGET_PLACEHOLDERS:
        assert placeholder not in body
    bp.assert_no_console_errors()


def test_toggling_groin_pain_updates_the_summary_as_the_reasoning_says(
    lesson: tuple[BrowserPage, dict[str, Any]],
) -> None:
    bp, _state = lesson
    page = bp.page
    before = _kernel_case(page)
    assert ep.summary_text(page) == ep.expected_summary(before)

    box = ep.finding_checkbox(page, ep.TOGGLED_FINDING)
    was = box.is_checked()
    assert was == bool(getattr(before, ep.TOGGLED_FINDING))
    box.click()
    after = before.replace(**{ep.TOGGLED_FINDING: not was})
    expected = ep.expected_summary(after)
    assert expected != ep.expected_summary(before), "the toggle should change the reasoning"
    ep.wait_for_summary(page, expected)
    assert box.is_checked() is (not was)
    # The kernel's case changed in exactly that one field.
    assert _kernel_case(page) == after

    box.click()  # and back ("No" when it was not asked: then recorded as absent)
    back = before.replace(**{ep.TOGGLED_FINDING: was})
    ep.wait_for_summary(page, ep.expected_summary(back))
    assert _kernel_case(page) == back
    bp.assert_no_console_errors()
