"""Browser benchmark of the Voilà apps, beside a bare one-slider Voilà page as the floor.

Drives Debian's Chromium (``/usr/bin/chromium``) with Playwright against the apps served
as ``make app`` serves them (``hipback.serving``), all in one run so ratios compare like
with like. For each page, the bare page included:

* **page-to-interactive** — from ``goto`` to the page's own "ready" mark: the bare page's
  slider and its value; the explorer's label and all of its charts drawn; the quiz's
  vignette and its check button. Cold: a fresh browser context (empty cache), median of
  ``--cold`` loads. Warm: the same context again, median of ``--warm`` loads.
* **bytes transferred** on a cold load (Chromium's encoded sizes) and how many copies of
  plotly.js reached the page;
* **kernel RSS** once the page is ready (the page's own kernel, from the server's children);
* **toggle latency** — for the explorer a click on "groin pain" until the new label text
  is in the DOM and the next frame paints it (MutationObserver, inside the page); for the
  bare page a key press on the slider until its value is shown. p50 / p95 of ``--toggles``.

Run: ``.venv/bin/python benchmarks/bench_browser.py`` (also part of ``make bench``).
Exits 1 when a limit of issue 12 is missed: explorer and quiz warm page-to-interactive
at most 1.5x the bare page's, at most one plotly.js, explorer toggle p95 <= 250 ms.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import psutil

REPO = Path(__file__).resolve().parents[1]
# The browser tests' helpers, and the process helper they share with the other tests.
sys.path[:0] = [str(REPO / "tests" / "browser"), str(REPO / "tests")]

import browser_support as bs  # noqa: E402  (lives with the browser tests it serves)
import explorer_page as ep  # noqa: E402

LIMIT_P95_MS = 250.0
LIMIT_RATIO = 1.5
PAUSE_MS = 400

#: The floor: a bare Voilà page with one ipywidgets slider whose value is shown.
BARE_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "bare-1",
            "metadata": {},
            "outputs": [],
            "source": [
                "import ipywidgets as widgets\n",
                "slider = widgets.IntSlider(value=0, description='Value')\n",
                "shown = widgets.HTML('<span class=\"bare-value\">0</span>')\n",
                "def show(change):\n",
                '    shown.value = f\'<span class="bare-value">{change["new"]}</span>\'\n',
                "slider.observe(show, names='value')\n",
                "widgets.VBox([slider, shown])",
            ],
        }
    ],
    "metadata": {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}

# Ready marks, evaluated in the page.
_READY_JS = {
    "bare": """() => Boolean(document.querySelector('.widget-slider .noUi-handle')
                 && document.querySelector('.bare-value'))""",
    "explorer": """() => {
        const ex = document.querySelector('.hipback-explorer');
        if (!ex || !ex.querySelector('.hipback-summary')) return false;
        const plots = ex.querySelectorAll('.js-plotly-plot');
        return plots.length >= 3
          && Array.from(plots).every((p) => p.querySelector('.main-svg'));
    }""",
    "quiz": """() => {
        const q = document.querySelector('.hipback-quiz');
        return Boolean(q && q.querySelector('.hipback-vignette') && q.querySelector('button'));
    }""",
}

# A key press on the bare page's slider; resolves with ms until the value is shown.
_SLIDER_LATENCY_JS = """
([expected, timeoutMs]) => new Promise((resolve, reject) => {
  const root = document.querySelector('.bare-value').closest('.widget-html');
  const handle = document.querySelector('.widget-slider .noUi-handle');
  const read = () => (root.querySelector('.bare-value') || {}).textContent;
  let t0 = 0;
  const observer = new MutationObserver(() => {
    if (read() === expected) {
      const dom = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve({dom, frame: performance.now() - t0}));
    }
  });
  const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no update')); },
                           timeoutMs);
  observer.observe(root, {subtree: true, childList: true, characterData: true});
  t0 = performance.now();
  handle.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', keyCode: 39,
                                                     bubbles: true}));
})
"""


@dataclass
class PageFigures:
    """What was measured for one page."""

    name: str
    cold_s: list[float] = field(default_factory=list)
    warm_s: list[float] = field(default_factory=list)
    cold_bytes: int = 0
    plotly_copies: int = 0
    kernel_rss_mb: float = 0.0
    toggles: list[tuple[float, float]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        frames = [f for _, f in self.toggles]
        return {
            "page": self.name,
            "cold_s": statistics.median(self.cold_s),
            "warm_s": statistics.median(self.warm_s),
            "cold_MB": self.cold_bytes / 1e6,
            "plotly_js_copies": self.plotly_copies,
            "kernel_rss_MB": self.kernel_rss_mb,
            "toggle_p50_ms": bs.percentile(frames, 50) if frames else None,
            "toggle_p95_ms": bs.percentile(frames, 95) if frames else None,
        }


class Traffic:
    """Bytes a page received (HTTP and kernel websocket) and the plotly.js copies among them.

    plotly.js reaches a page as the ``jupyterlab-plotly`` extension's chunk (HTTP), or
    inside each ``FigureWidget``'s anywidget module (a websocket message of the widget's
    state). Both are counted when over 1 MB and carrying plotly's source.
    """

    def __init__(self, context: Any, page: Any) -> None:
        self.bytes = 0
        self.plotly = 0
        self._cdp = context.new_cdp_session(page)
        self._cdp.send("Network.enable")
        self._cdp.on("Network.loadingFinished", self._finished)
        self._cdp.on("Network.webSocketFrameReceived", self._frame)
        page.on("response", self._response)

    def _finished(self, event: dict[str, Any]) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))

    def _frame(self, event: dict[str, Any]) -> None:
        frame = event["response"]
        payload = frame.get("payloadData", "")
        if frame.get("opcode") == 2:  # binary (Jupyter's v1 websocket protocol): base64
            data = base64.b64decode(payload)
        else:
            data = payload.encode("utf-8", "replace")
        self.bytes += len(data)
        if len(data) > 1_000_000 and b"plotly" in data.lower():
            self.plotly += 1

    def _response(self, response: Any) -> None:
        if not urlsplit(response.url).path.endswith(".js"):
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - redirects and aborted loads have no body
            return
        if len(body) > 1_000_000 and b"plotly.js" in body:
            self.plotly += 1


def kernel_rss_mb(server: bs.JupyterServer, kernel_id: str) -> float:
    """RSS of the page's own kernel (found by its id in the connection file's name)."""
    for proc in psutil.Process(server.process.pid).children(recursive=True):
        try:
            if any(kernel_id in part for part in proc.cmdline()):
                return proc.memory_info().rss / 1e6
        except psutil.Error:
            continue
    return 0.0


def load(page: Any, url: str, ready: str, timeout_ms: int = 90_000) -> float:
    """Seconds from ``goto`` to the ready mark."""
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_function(ready, timeout=timeout_ms, polling=50)
    return time.perf_counter() - started


def measure_page(
    browser: Any,
    server: bs.JupyterServer,
    name: str,
    path: str,
    cold: int,
    warm: int,
    toggles: Callable[[Any, int], list[tuple[float, float]]] | None,
    n_toggles: int,
) -> PageFigures:
    figures = PageFigures(name)
    url = f"{server.url}/voila/render/{path}"
    ready = _READY_JS[name]
    for i in range(cold):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        bs.keep_on_loopback(context)
        page = context.new_page()
        traffic = Traffic(context, page) if i == 0 else None
        figures.cold_s.append(load(page, url, ready))
        if traffic is not None:
            page.wait_for_timeout(500)  # late responses of this load
            figures.cold_bytes, figures.plotly_copies = traffic.bytes, traffic.plotly
            figures.kernel_rss_mb = kernel_rss_mb(server, bs.page_kernel_id(page))
        if i == cold - 1:
            # Warm: the same context (its cache filled) loads the page again.
            for _ in range(warm):
                page.goto("about:blank")
                figures.warm_s.append(load(page, url, ready))
            if toggles is not None:
                figures.toggles = toggles(page, n_toggles)
        context.close()
    return figures


def explorer_toggles(page: Any, n: int) -> list[tuple[float, float]]:
    """Answer "groin pain" Yes / No in turn ``n`` times (after a warm-up); on-screen times."""
    control = ep.finding_checkbox(page, ep.TOGGLED_FINDING)
    root = ep.summary(page)
    texts = []
    for button in (control.yes, control.no):  # warm-up: learn each answer's text
        before = ep.summary_text(page)
        button.click()
        deadline = time.monotonic() + 10
        while ep.summary_text(page) == before and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        page.wait_for_timeout(300)
        texts.append(ep.summary_text(page))
    if texts[0] == texts[1]:
        raise RuntimeError("groin pain Yes and No give the same summary: nothing to time")
    timings = []
    for i in range(n):
        page.wait_for_timeout(PAUSE_MS)  # a person clicks at most a few times a second
        button, expected = (control.yes, texts[0]) if i % 2 == 0 else (control.no, texts[1])
        timings.append(bs.toggle_latency_ms(page, button, root, ep.SUMMARY, expected))
    return timings


def bare_toggles(page: Any, n: int) -> list[tuple[float, float]]:
    """Press the right arrow on the slider ``n`` times; on-screen times."""
    page.evaluate(_SLIDER_LATENCY_JS, ["1", 10_000])  # warm-up
    timings = []
    for i in range(n):
        page.wait_for_timeout(PAUSE_MS)
        result = page.evaluate(_SLIDER_LATENCY_JS, [str(i + 2), 10_000])
        timings.append((float(result["dom"]), float(result["frame"])))
    return timings


def report(rows: list[dict[str, Any]]) -> bool:
    """Print the table and the limits; True when every limit holds."""
    print(
        f"{'page':<9} {'cold s':>7} {'warm s':>7} {'cold MB':>8} {'plotly.js':>9} "
        f"{'kernel MB':>9} {'toggle p50':>10} {'p95 ms':>7}"
    )
    for r in rows:
        p50 = "-" if r["toggle_p50_ms"] is None else f"{r['toggle_p50_ms']:.0f}"
        p95 = "-" if r["toggle_p95_ms"] is None else f"{r['toggle_p95_ms']:.0f}"
        print(
            f"{r['page']:<9} {r['cold_s']:7.2f} {r['warm_s']:7.2f} {r['cold_MB']:8.1f} "
            f"{r['plotly_js_copies']:9d} {r['kernel_rss_MB']:9.0f} {p50:>10} {p95:>7}"
        )
    by = {r["page"]: r for r in rows}
    ok = True
    for name in ("explorer", "quiz"):
        ratio = by[name]["warm_s"] / by["bare"]["warm_s"]
        good = ratio <= LIMIT_RATIO
        ok &= good
        print(
            f"{name}: warm page-to-interactive {ratio:.2f}x the bare page "
            f"(limit {LIMIT_RATIO}x)  {'OK' if good else 'OVER LIMIT'}"
        )
    copies = by["explorer"]["plotly_js_copies"]
    ok &= copies <= 1
    print(f"explorer: {copies} plotly.js copies (limit 1)  {'OK' if copies <= 1 else 'OVER'}")
    p95 = by["explorer"]["toggle_p95_ms"]
    ok &= p95 <= LIMIT_P95_MS
    print(
        f"explorer: toggle p95 {p95:.0f} ms (limit {LIMIT_P95_MS:.0f})  "
        f"{'OK' if p95 <= LIMIT_P95_MS else 'OVER LIMIT'}"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    """Measure the bare page, the explorer and the quiz in one run; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=3, help="cold loads per page (median)")
    parser.add_argument("--warm", type=int, default=5, help="warm loads per page (median)")
    parser.add_argument("--toggles", type=int, default=20)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="hipback-bench-apps-") as tmp:
        apps = Path(tmp) / "apps"
        shutil.copytree(REPO / "apps", apps)
        (apps / "bare.ipynb").write_text(json.dumps(BARE_NOTEBOOK), encoding="utf-8")
        server = bs.start_voila(apps, extra=("--max-kernels=0",))
        with bs.running(server), sync_playwright() as playwright:
            browser = bs.launch_chromium(playwright)
            try:
                rows = []
                for name, path, toggles in (
                    ("bare", "bare.ipynb", bare_toggles),
                    ("explorer", "explorer.ipynb", explorer_toggles),
                    ("quiz", "quiz.ipynb", None),
                ):
                    figures = measure_page(
                        browser, server, name, path, args.cold, args.warm, toggles, args.toggles
                    )
                    rows.append(figures.row())
                    print(f"  measured {name}", flush=True)
            finally:
                browser.close()
    ok = report(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"(browser benchmark took {time.perf_counter() - started:.1f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
