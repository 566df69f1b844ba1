"""Class load test: N students on one Voilà server, each ticking findings in the explorer.

What a room of students does to the lecturer's machine (or to one hub user server's
worth of CPU): every student opens the case explorer and ticks or unticks a finding
every few seconds. Voilà is started exactly as ``make app`` starts it
(``scripts/serve_app.py``'s command line, on a free 127.0.0.1 port, temporary home).

Simulated students speak the page's own protocol, as JupyterHub's hubtraf does for hubs
(``tests/hub/kernel_protocol.py``): HTTP GET of the app page; the kernel websocket;
Voilà's execution websocket (progressive rendering); the widget models learnt from the
kernel's ``comm_open`` messages (or ``request_states``); then each click is a
``comm_msg`` ``update`` of a finding checkbox's model (found by its label, never by a
fixed id), timed until the first update of an HTML widget arrives (the explorer's
summary and label; this is the latency reported and held to 250 ms) and until the
kernel has sent every update it caused (figures too) and gone idle ("all updates").
Two real headless Chromium students (Debian's ``/usr/bin/chromium`` via Playwright)
click the groin-pain checkbox meanwhile, timed in the page until the summary text on
screen has changed (``bench_browser.measure``).

Reported per N: p50/p95/max toggle latency (simulated students, and Chromium
click→screen), errors, Voilà server RSS, per-kernel RSS, CPU of the server and its
kernels (% of one core) and of the whole machine, and the largest N held with
p95 ≤ 250 ms and no errors.

Run (loopback only, bounded: each level has a fixed window and hard time-outs)::

    .venv/bin/python benchmarks/bench_class.py                 # N = 10, 20, 30, 40
    .venv/bin/python benchmarks/bench_class.py --levels 5 --duration 20 --browsers 0

Exit code 1 when a level has errors or p95 over the limit (for the smallest level only
with ``--strict``; larger levels are expected to exceed it on a small machine).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "hub"))
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO / "tests"))  # process_tree, shared by the browser and hub helpers
sys.path.insert(0, str(REPO / "benchmarks"))  # bench_browser, when loaded by the short test

import browser_support as bs  # noqa: E402  (starts Voilà as make app does)
import kernel_protocol as kp  # noqa: E402

LIMIT_P95_MS = 250.0
APP = "explorer.ipynb"
#: Seconds between a student's clicks (uniform), "every few seconds".
INTERVAL = (2.0, 4.0)
#: A click whose updates take longer than this counts as an error.
TOGGLE_TIMEOUT = 10.0
#: Seconds allowed per student for the whole room to open the app before measuring.
RAMP_PER_STUDENT = 12.0
#: Each student toggles among the first few finding checkboxes (symptoms, not red flags).
FINDINGS_PER_STUDENT = 5


@dataclass
class StudentLog:
    name: str
    opened_s: float = 0.0
    #: (start, seconds to the first HTML widget update, seconds to kernel idle)
    toggles: list[tuple[float, float, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _student(
    name: str,
    url: str,
    gate: threading.Semaphore,
    stop: threading.Event,
    log: StudentLog,
    seed: int,
    open_timeout: float,
) -> None:
    rng = random.Random(seed)
    try:
        with gate:  # students arrive a few at a time, as a room does
            start = time.perf_counter()
            app = kp.open_voila_app(requests.Session(), url, timeout=open_timeout, username=name)
            log.opened_s = time.perf_counter() - start
    except Exception as exc:  # any failure to open counts as an error
        log.errors.append(f"open: {type(exc).__name__}: {exc}")
        return
    try:
        boxes = app.widgets.finding_controls()[:FINDINGS_PER_STUDENT]
        if not boxes:
            log.errors.append("open: no finding controls in the app")
            return
        while not stop.wait(rng.uniform(*INTERVAL)):
            box = rng.choice(boxes)
            started = time.monotonic()
            try:
                result = app.widgets.toggle(box, timeout=TOGGLE_TIMEOUT)
            except Exception as exc:
                log.errors.append(f"toggle: {type(exc).__name__}: {exc}")
                return  # a student whose page broke stops clicking
            if not result.updated or result.first_html_s is None:
                log.errors.append(f"toggle {box.description!r}: the summary did not update")
                continue
            log.toggles.append((started, result.first_html_s, result.latency_s))
    finally:
        app.close()


def _tree(server: bs.JupyterServer) -> tuple[psutil.Process, list[psutil.Process]]:
    proc = psutil.Process(server.process.pid)
    return proc, proc.children(recursive=True)


def _cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def _rss_mb(p: psutil.Process) -> float:
    try:
        return p.memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


def _pct(values: list[float], q: float) -> float:
    return bs.percentile(values, q) if values else float("nan")


def _browser_students(
    server: bs.JupyterServer, count: int, go: threading.Event, stop: threading.Event
) -> dict:
    """``count`` Chromium pages on the explorer; they click from ``go`` until ``stop``."""
    if count <= 0:
        return {"toggles_ms": [], "errors": []}
    import bench_browser  # benchmarks/bench_browser.py: the page-side toggle timer
    import explorer_page as ep
    from playwright.sync_api import sync_playwright

    frames: list[float] = []
    errors: list[str] = []
    with sync_playwright() as driver:
        browser = bs.launch_chromium(driver)
        try:
            pages = []
            for _ in range(count):
                page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
                page.goto(f"{server.url}/voila/render/{APP}")
                ep.wait_for_explorer(page, timeout=180_000)
                pages.append(page)
            go.wait()
            while not stop.is_set():
                for page in pages:
                    if stop.is_set():
                        break
                    try:  # two warm-up clicks, then three timed ones 0.4 s apart
                        timed = bench_browser.explorer_toggles(page, 3)
                        frames.extend(frame for _dom, frame in timed)
                    except Exception as exc:
                        errors.append(f"chromium: {type(exc).__name__}: {exc}"[:300])
                        stop.wait(2)
        finally:
            browser.close()
    return {"toggles_ms": frames, "errors": errors}


def run_level(
    n: int,
    duration: float = 30.0,
    browsers: int = 2,
    open_concurrency: int = 4,
    open_timeout: float = 240.0,
) -> dict[str, Any]:
    """One level: start Voilà, let ``n`` students in, measure ``duration`` s, stop it all."""
    # As class mode serves a room (hipback.serving.classroom): no warm kernels, every kernel a
    # student's; the cap is one per student here, so it is the load that is measured, not the
    # cap (the cap has its own tests).
    server = bs.start_voila(
        REPO / "apps", timeout=120, extra=(f"--max-kernels={n + browsers}", "--preheat=0")
    )
    try:
        url = f"{server.url}/voila/render/{APP}"
        stop = threading.Event()
        gate = threading.Semaphore(open_concurrency)
        logs = [StudentLog(f"student{i + 1}") for i in range(n)]
        threads = [
            threading.Thread(
                target=_student,
                args=(log.name, url, gate, stop, log, i, open_timeout),
                daemon=True,
            )
            for i, log in enumerate(logs)
        ]
        ramp_start = time.monotonic()
        for t in threads:
            t.start()
        browser_result: dict[str, Any] = {}
        browser_go, browser_stop = threading.Event(), threading.Event()

        def browsers_run() -> None:
            try:
                browser_result.update(_browser_students(server, browsers, browser_go, browser_stop))
            except Exception as exc:  # Chromium missing or the page never came up
                browser_result["errors"] = [f"chromium: {type(exc).__name__}: {exc}"[:300]]

        browser_thread = threading.Thread(target=browsers_run, daemon=True)
        browser_thread.start()
        # Ramp: wait until every student has opened the app (or failed), bounded.
        ramp_deadline = ramp_start + 60 + RAMP_PER_STUDENT * n
        while time.monotonic() < ramp_deadline:
            if all(log.opened_s or log.errors for log in logs):
                break
            time.sleep(0.5)
        ramp_s = time.monotonic() - ramp_start
        late = [log.name for log in logs if not (log.opened_s or log.errors)]
        # Let the browsers' pages come up too (they open in parallel with the ramp).
        time.sleep(2)

        proc, kernels = _tree(server)
        procs = [proc, *kernels]
        cpu0, wall0 = _cpu_seconds(procs), time.monotonic()
        psutil.cpu_percent(None)
        browser_go.set()
        window_start = time.monotonic()
        stop.wait(duration)
        window_end = time.monotonic()
        cpu1, wall1 = _cpu_seconds(procs), time.monotonic()
        machine_cpu = psutil.cpu_percent(None)
        proc, kernels = _tree(server)
        server_rss = _rss_mb(proc)
        kernel_rss = [_rss_mb(k) for k in kernels]

        stop.set()
        browser_stop.set()
        for t in threads:
            t.join(timeout=TOGGLE_TIMEOUT + 5)
        browser_thread.join(timeout=60)
    finally:
        server.stop()

    measured = [t for log in logs for t in log.toggles if window_start <= t[0] <= window_end]
    latencies = [summary * 1000 for _, summary, _ in measured]
    idle = [done * 1000 for _, _, done in measured]
    errors = [f"{log.name}: {e}" for log in logs for e in log.errors]
    errors += [f"{name}: app not open when the window started" for name in late]
    errors += browser_result.get("errors", [])
    frames = browser_result.get("toggles_ms", [])
    opened = [log.opened_s for log in logs if log.opened_s]
    result = {
        "n": n,
        "browsers": browsers,
        "window_s": round(window_end - window_start, 1),
        "ramp_s": round(ramp_s, 1),
        "open_s_median": round(statistics.median(opened), 1) if opened else None,
        "toggles": len(latencies),
        "p50_ms": round(_pct(latencies, 50), 1),
        "p95_ms": round(_pct(latencies, 95), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "all_updates_p50_ms": round(_pct(idle, 50), 1),
        "all_updates_p95_ms": round(_pct(idle, 95), 1),
        "chromium_toggles": len(frames),
        "chromium_p50_ms": round(_pct(frames, 50), 1),
        "chromium_p95_ms": round(_pct(frames, 95), 1),
        "errors": len(errors),
        "error_examples": errors[:3],
        "server_rss_mb": round(server_rss, 1),
        "kernels": len(kernel_rss),
        "kernel_rss_mb_median": round(statistics.median(kernel_rss), 1) if kernel_rss else None,
        "kernels_rss_mb_total": round(sum(kernel_rss), 1),
        "cpu_server_and_kernels_pct_of_one_core": round(100 * (cpu1 - cpu0) / (wall1 - wall0), 1),
        "cpu_machine_pct": round(machine_cpu, 1),
        "cores": psutil.cpu_count(),
    }
    result["ok"] = bool(latencies) and result["errors"] == 0 and result["p95_ms"] <= LIMIT_P95_MS
    return result


def table(results: list[dict[str, Any]]) -> str:
    """The load table as Markdown."""
    head = (
        "| N | toggles | p50 ms | p95 ms | max ms | all updates p50/p95 ms | Chromium p50/p95 "
        "ms | errors | server MB | kernel MB (median) | kernels MB total | CPU server+kernels "
        "(% of 1 core) | machine CPU % |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    rows = [
        f"| {r['n']} | {r['toggles']} | {r['p50_ms']} | {r['p95_ms']} | {r['max_ms']} | "
        f"{r['all_updates_p50_ms']}/{r['all_updates_p95_ms']} | "
        f"{r['chromium_p50_ms']}/{r['chromium_p95_ms']} | {r['errors']} | "
        f"{r['server_rss_mb']} | {r['kernel_rss_mb_median']} | {r['kernels_rss_mb_total']} | "
        f"{r['cpu_server_and_kernels_pct_of_one_core']} | {r['cpu_machine_pct']} |"
        for r in results
    ]
    return "\n".join([head, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=[10, 20, 30, 40])
    parser.add_argument("--duration", type=float, default=30.0, help="measured window, s")
    parser.add_argument("--browsers", type=int, default=2, help="real Chromium students")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--strict", action="store_true", help="exit 1 if any level fails")
    args = parser.parse_args(argv)

    results = []
    for n in args.levels:
        print(f"N={n}: starting ({args.duration:.0f} s window) ...", flush=True)
        result = run_level(n, args.duration, args.browsers)
        print(json.dumps(result), flush=True)
        results.append(result)
    print()
    print(table(results))
    held = [r["n"] for r in results if r["ok"]]
    print(
        f"\nLargest N held (p95 <= {LIMIT_P95_MS:.0f} ms, no errors) on this "
        f"{psutil.cpu_count()}-core machine: {max(held) if held else 'none of the levels'}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    failed = [r for r in results if not r["ok"]]
    if args.strict:
        return 1 if failed else 0
    return 1 if results and not results[0]["ok"] else 0


if __name__ == "__main__":
    sys.exit(main())
