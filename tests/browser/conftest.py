"""Fixtures for the end-to-end tests: JupyterLab and Voilà driven by headless Chromium.

One JupyterLab and one Voilà server per test session, each on a free loopback port
with a temporary home, stopped at the end however the session ends. Pages block
every request that leaves 127.0.0.1, record console errors, and are screenshotted
into ``test-artifacts/browser/`` when a test using them fails.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from browser_support import (
    ARTIFACTS,
    REPO,
    BrowserPage,
    BrowserUnavailable,
    ConsoleLog,
    JupyterServer,
    copy_for_lab,
    keep_on_loopback,
    launch_chromium,
    serve,
    start_lab,
    start_voila,
)

# Pages alive right now, screenshotted when a test fails (module-scoped pages included).
_LIVE_PAGES: dict[int, tuple[str, Any]] = {}

VIEWPORT = {"width": 1280, "height": 1000}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """On a failed test, save a screenshot of every live page and name the files."""
    outcome = yield
    report = outcome.get_result()
    if report.when not in ("setup", "call") or not report.failed or not _LIVE_PAGES:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-120:]
    saved = []
    for index, (label, page) in enumerate(list(_LIVE_PAGES.values())):
        path = ARTIFACTS / f"{stem}-{index}-{label}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as exc:  # a crashed page must not hide the real failure
            saved.append(f"{path} (screenshot failed: {exc})")
        else:
            saved.append(str(path))
    report.sections.append(("browser screenshots", "\n".join(saved)))
    # Also straight to the terminal, so the path is seen even with -q or output captured.
    reporter = item.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        for line in saved:
            reporter.write_line(f"screenshot saved: {line}")


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """The Playwright driver (no browser of its own: Chromium comes from Debian)."""
    from playwright.sync_api import sync_playwright

    manager = sync_playwright()
    driver = manager.start()
    try:
        yield driver
    finally:
        manager.__exit__(None, None, None)


@pytest.fixture(scope="session")
def chromium(playwright_driver: Any) -> Iterator[Any]:
    """Headless ``/usr/bin/chromium``; the tests FAIL (never skip) when it cannot start."""
    try:
        browser = launch_chromium(playwright_driver)
    except BrowserUnavailable as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """JupyterLab over a temporary copy of ``notebooks/`` and ``data/``."""
    yield from serve(start_lab, copy_for_lab(tmp_path_factory.mktemp("lab-root")))


@pytest.fixture(scope="session")
def voila_server() -> Iterator[JupyterServer]:
    """Voilà serving ``apps/`` the way ``make app`` does."""
    yield from serve(start_voila, REPO / "apps")


@pytest.fixture(scope="module")
def open_page(chromium: Any) -> Iterator[Callable[[str], BrowserPage]]:
    """Factory: ``open_page(label)`` gives a fresh page, closed after the test module.

    Module scope lets the tests of one module share a page (and its Voilà kernel).
    """
    contexts: list[Any] = []

    def factory(label: str) -> BrowserPage:
        context = chromium.new_context(viewport=VIEWPORT)
        contexts.append(context)
        keep_on_loopback(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        console = ConsoleLog()
        console.attach(page)
        _LIVE_PAGES[id(page)] = (label, page)
        return BrowserPage(page, console)

    try:
        yield factory
    finally:
        for context in contexts:
            for page in context.pages:
                _LIVE_PAGES.pop(id(page), None)
            context.close()
