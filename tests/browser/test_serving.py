"""The app server is safe by default and cleans up: Host check, XSRF, kernel cap, culling,
signals, offline pages, and ``make lab`` as root without the news prompt.

HTTP-level tests talk to the server as a browser would (cookies, form posts) over
127.0.0.1 only; the browser tests open the pages in headless Chromium. Each test that
needs special limits starts its own server with them.
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
from browser_support import (
    REPO,
    JupyterServer,
    free_port,
    jupyter_env,
    keep_on_loopback,
    kernel_running,
    page_kernel_id,
    running,
    start_voila,
)

from hipback.reasoning import DISCLAIMER

pytestmark = pytest.mark.browser

APPS = REPO / "apps"
_KERNEL_ID = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')


class Client:
    """A cookie-keeping HTTP client for one server (what a browser sends, without JS)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(
        self,
        path: str,
        *,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")


def kernels(server: JupyterServer) -> list[psutil.Process]:
    """The ipykernel processes the server started."""
    try:
        children = psutil.Process(server.process.pid).children(recursive=True)
    except psutil.Error:
        return []
    found = []
    for proc in children:
        with contextlib.suppress(psutil.Error):
            if "ipykernel" in " ".join(proc.cmdline()):
                found.append(proc)
    return found


def wait_for(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(0.2)


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[JupyterServer]:
    """A server started with the options the test is parametrized with (``indirect``).

    No warm (preheated) kernels unless asked for, so a test can count a page's kernels.
    """
    extra = ("--preheat=0", *getattr(request, "param", ()))
    with running(start_voila(APPS, extra=extra)) as started:
        yield started


# --- Host header ------------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "192.168.1.20"])
def test_a_foreign_host_header_gets_403_and_starts_no_kernel(server: JupyterServer, host: str):
    client = Client(server.url)
    for path in ("/voila/render/explorer.ipynb", "/", "/voila/api/shutdown/x"):
        status, body = client.request(path, headers={"Host": host})
        assert status == 403, f"{path} with Host {host} answered {status}"
        assert "Unknown address" in body and DISCLAIMER in body
    assert not kernels(server), "a request with a foreign Host started a kernel"


def test_loopback_names_are_served(server: JupyterServer) -> None:
    port = server.url.rsplit(":", 1)[1]
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
        status, _ = Client(server.url).request("/", headers={"Host": host})
        assert status == 200, host


@pytest.mark.parametrize("server", [("--allow-host=class.example",)], indirect=True)
def test_an_allowed_host_is_served(server: JupyterServer) -> None:
    status, _ = Client(server.url).request("/", headers={"Host": "Class.Example:8866"})
    assert status == 200


# --- XSRF and the page-close beacon ------------------------------------------------------------


def _open_app(client: Client, notebook: str = "index.ipynb") -> str:
    status, html = client.request(f"/voila/render/{notebook}")
    assert status == 200, html[:500]
    match = _KERNEL_ID.search(html)
    assert match, "no kernel id in the page"
    return match.group(1)


def test_shutdown_without_the_xsrf_token_is_refused(server: JupyterServer) -> None:
    client = Client(server.url)
    kernel_id = _open_app(client)
    status, _ = client.request(f"/voila/api/shutdown/{kernel_id}", data={"_xsrf": ""})
    assert status == 403
    other = Client(server.url)  # another site's form: no cookie, a guessed token
    status, _ = other.request(f"/voila/api/shutdown/{kernel_id}", data={"_xsrf": "2|0|0|0"})
    assert status == 403
    assert len(kernels(server)) == 1, "the kernel was shut down without the XSRF token"


def test_the_page_close_beacon_carries_the_xsrf_token_and_stops_the_kernel(
    server: JupyterServer,
) -> None:
    client = Client(server.url)
    kernel_id = _open_app(client)
    token = client.cookie("_xsrf")
    assert token, "the app page set no _xsrf cookie, so its close beacon would be refused"
    wait_for(lambda: len(kernels(server)) == 1, 10, "the page's kernel started")
    # What the page's beforeunload beacon sends: a form with the cookie's value.
    status, _ = client.request(f"/voila/api/shutdown/{kernel_id}", data={"_xsrf": token})
    assert status == 204
    wait_for(lambda: not kernels(server), 10, "the kernel stopped after the beacon")


def test_a_closed_browser_page_shuts_its_kernel_down(server: JupyterServer, chromium: Any) -> None:
    context = chromium.new_context()
    keep_on_loopback(context)
    page = context.new_page()
    page.goto(f"{server.url}/voila/render/index.ipynb")
    page.get_by_text(DISCLAIMER).first.wait_for(timeout=60_000)
    wait_for(lambda: len(kernels(server)) == 1, 10, "the page's kernel started")
    page.close(run_before_unload=True)
    try:
        wait_for(lambda: not kernels(server), 15, "the closed page's kernel stopped")
    finally:
        context.close()


# --- preheated kernels ---------------------------------------------------------------------------


def pools(server: JupyterServer) -> dict[str, dict[str, int]]:
    """The server's preheated pools: per notebook, its size and kernels ready / starting."""
    with urllib.request.urlopen(f"{server.url}/hipback/api/pools", timeout=10) as response:
        return json.load(response)


def pools_full(server: JupyterServer) -> bool:
    return all(p["ready"] == p["size"] for p in pools(server).values())


@pytest.mark.parametrize("server", [("--preheat=1", "--max-kernels=5")], indirect=True)
def test_pages_come_from_warm_kernels_which_count_towards_the_cap(server: JupyterServer):
    # One warm kernel per app (landing page, explorer, quiz) before anyone asks.
    wait_for(lambda: len(kernels(server)) == 3, 60, "three warm kernels started")
    assert set(pools(server)) == {"index.ipynb", "explorer.ipynb", "quiz.ipynb"}
    wait_for(lambda: pools_full(server), 60, "the warm kernels ran their apps")
    warm = {p.pid for p in kernels(server)}
    client = Client(server.url)
    kernel_id = _open_app(client, "explorer.ipynb")
    page_kernel = next(p for p in kernels(server) if any(kernel_id in a for a in p.cmdline()))
    assert page_kernel.pid in warm, "the page did not get a warm kernel"
    # The explorer's pool refills: 4 kernels now; 5 is the cap, so one more page fits...
    wait_for(lambda: len(kernels(server)) == 4, 60, "the explorer's pool refilled")
    _open_app(Client(server.url), "index.ipynb")
    wait_for(lambda: len(kernels(server)) == 5, 60, "the landing page's pool refilled")
    # ...a page whose app has a warm kernel still takes it at the cap (it starts none)...
    quiz_client = Client(server.url)
    quiz_kernel = _open_app(quiz_client, "quiz.ipynb?difficulty=hard")
    assert len(kernels(server)) == 5
    assert pools(server)["quiz.ipynb"]["ready"] == 0
    # ...and then the cap holds: the quiz's pool waits for a place, a page gets the notice.
    status, body = Client(server.url).request("/voila/render/quiz.ipynb")
    assert status == 503 and "All places are taken" in body
    assert len(kernels(server)) == 5
    # A page that closes frees its place, which the quiz's pool takes.
    status, _ = quiz_client.request(
        f"/voila/api/shutdown/{quiz_kernel}", data={"_xsrf": quiz_client.cookie("_xsrf")}
    )
    assert status == 204
    wait_for(lambda: pools(server)["quiz.ipynb"]["ready"] == 1, 60, "the quiz's pool refilled")
    assert len(kernels(server)) == 5


@pytest.mark.parametrize("server", [("--preheat=1",)], indirect=True)
def test_a_warm_quiz_kernel_builds_the_difficulty_the_page_asks_for(server: JupyterServer):
    wait_for(lambda: pools_full(server), 60, "the warm kernels ran their apps")
    # The kernel ran the quiz before the request; the page's query string still reaches it
    # (an impossible difficulty is refused by name; the test server shows tracebacks).
    # Without warm kernels the page runs its cells after loading (progressive rendering),
    # so there the browser tests read the page.
    _, html = Client(server.url).request("/voila/render/quiz.ipynb?difficulty=expert")
    assert "difficulty: &#39;expert&#39; is not allowed" in html or (
        "difficulty: 'expert' is not allowed" in html
    ), html[-3000:]
    _, html = Client(server.url).request("/voila/render/quiz.ipynb?difficulty=hard")
    assert "Traceback" not in html and "is not allowed" not in html, html[-3000:]
    assert _KERNEL_ID.search(html)
    wait_for(lambda: pools_full(server), 60, "the quiz's pool refilled after two pages")


def test_the_pools_endpoint_is_behind_the_host_check(server: JupyterServer) -> None:
    status, _ = Client(server.url).request("/hipback/api/pools", headers={"Host": "evil.example"})
    assert status == 403
    assert pools(server) == {}, "--preheat=0 keeps no warm kernels"


# --- kernel cap ---------------------------------------------------------------------------------


@pytest.mark.parametrize("server", [("--max-kernels=1",)], indirect=True)
def test_beyond_the_kernel_cap_a_clear_page_says_so(server: JupyterServer) -> None:
    _open_app(Client(server.url))
    wait_for(lambda: len(kernels(server)) == 1, 10, "the first page's kernel started")
    status, body = Client(server.url).request("/voila/render/explorer.ipynb")
    assert status == 503
    assert "All places are taken" in body and "at most 1 app page" in body
    assert DISCLAIMER in body
    assert len(kernels(server)) == 1, "a kernel started beyond the cap"


# --- culling -----------------------------------------------------------------------------------


# The timeout counts from the culler's first look at a page's kernel; the page must connect
# within it (10 minutes by default; 20 s here). Each test waits for that connection (the
# server's own count) before going on, so a slow page fails saying so.
CULL_S = 20


def connections(server: JupyterServer, kernel_id: str) -> int:
    """Open websockets to the kernel, as the server counts them (-1: no such kernel)."""
    status, body = Client(server.url).request(f"/api/kernels/{kernel_id}")
    return int(json.loads(body)["connections"]) if status == 200 else -1


def open_connected_page(server: JupyterServer, chromium: Any, notebook: str) -> tuple[Any, str]:
    """A browser context with ``notebook``'s page open and connected to its kernel."""
    context = chromium.new_context()
    keep_on_loopback(context)
    page = context.new_page()
    page.goto(f"{server.url}/voila/render/{notebook}")
    page.get_by_text(DISCLAIMER).first.wait_for(timeout=60_000)
    kernel_id = page_kernel_id(page)
    wait_for(lambda: connections(server, kernel_id) != 0, 60, "the page connected to its kernel")
    assert connections(server, kernel_id) >= 1, "the page's kernel went before the page connected"
    return context, kernel_id


@pytest.mark.parametrize(
    "server", [(f"--cull-idle-timeout={CULL_S}", "--cull-interval=1")], indirect=True
)
def test_a_page_whose_browser_is_gone_loses_its_kernel_within_the_cull_timeout(
    server: JupyterServer, chromium: Any
) -> None:
    # Closing the context without running beforeunload sends no beacon: as for a killed
    # browser, only the culler can stop the kernel (its websocket is gone).
    context, _ = open_connected_page(server, chromium, "index.ipynb")
    assert len(kernels(server)) == 1
    context.close()
    wait_for(lambda: not kernels(server), CULL_S + 1 + 10, "the idle kernel was culled")


@pytest.mark.parametrize(
    "server", [(f"--cull-idle-timeout={CULL_S}", "--cull-interval=1")], indirect=True
)
def test_an_open_page_keeps_its_kernel_while_connected(
    server: JupyterServer, chromium: Any
) -> None:
    context, kernel_id = open_connected_page(server, chromium, "index.ipynb")
    time.sleep(CULL_S + 3)  # past the timeout: a connected page is not culled
    assert connections(server, kernel_id) >= 1 and len(kernels(server)) == 1
    context.close()


@pytest.mark.parametrize(
    "server",
    [("--preheat=1", f"--cull-idle-timeout={CULL_S}", "--cull-interval=1")],
    indirect=True,
)
def test_a_warm_kernel_older_than_the_cull_timeout_serves_the_page_that_takes_it(
    server: JupyterServer, chromium: Any
) -> None:
    # Warm kernels are never culled while they wait, but their last activity is when they
    # ran the app: once a page took one it used to be culled before the page connected.
    wait_for(lambda: pools_full(server), 60, "the warm kernels ran their apps")
    time.sleep(CULL_S + 2)  # the warm kernels have now been idle longer than the timeout
    context, kernel_id = open_connected_page(server, chromium, "index.ipynb")
    assert kernel_running(server, kernel_id)
    context.close()


# --- signals to make app --------------------------------------------------------------------------


# How each signal reaches ``make app`` in practice: SIGTERM to make's own pid (``kill``, a
# service manager's main-process signal; make passes it on to its command), SIGINT
# (Ctrl+C) and SIGHUP (terminal closed) to the whole foreground process group. GNU make
# itself, given SIGINT or SIGHUP alone, only waits for its children: not tested here.
@pytest.mark.parametrize(
    ("sig", "to_group"),
    [(signal.SIGTERM, False), (signal.SIGTERM, True), (signal.SIGINT, True), (signal.SIGHUP, True)],
    ids=["TERM-to-make", "TERM-to-group", "INT-to-group", "HUP-to-group"],
)
def test_a_signal_to_make_app_stops_voila_and_every_kernel_within_10_s(
    tmp_path: Path, sig: signal.Signals, to_group: bool
) -> None:
    port = free_port()
    make = subprocess.Popen(
        ["make", "--no-print-directory", "app", f"APP_ARGS=--port={port}"],
        cwd=REPO,
        env=jupyter_env(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    tree: list[psutil.Process] = []
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(base + "/", timeout=2).status == 200:
                    break
            assert make.poll() is None and time.monotonic() < deadline, "make app did not start"
            time.sleep(0.2)
        _open_app(Client(base))

        def tree_now() -> list[psutil.Process]:
            return psutil.Process(make.pid).children(recursive=True)

        wait_for(
            lambda: any("ipykernel" in " ".join(p.cmdline()) for p in tree_now()), 10, "kernel"
        )
        tree = tree_now()
        if to_group:
            os.killpg(make.pid, sig)
        else:
            os.kill(make.pid, sig)
        _, alive = psutil.wait_procs([psutil.Process(make.pid), *tree], timeout=10)
        assert not alive, f"still running 10 s after {sig.name}: {[p.cmdline() for p in alive]}"
    finally:
        for proc in tree:
            with contextlib.suppress(psutil.Error):
                proc.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGKILL)
        make.wait(timeout=10)


# --- offline ------------------------------------------------------------------------------------


def test_no_app_page_asks_any_other_host(voila_server: JupyterServer, chromium: Any) -> None:
    context = chromium.new_context()
    outside = keep_on_loopback(context)
    page = context.new_page()
    try:
        page.set_default_timeout(90_000)
        page.goto(f"{voila_server.url}/")
        page.wait_for_load_state("networkidle")
        for path in ("voila/render/index.ipynb", "voila/render/quiz.ipynb"):
            page.goto(f"{voila_server.url}/{path}", wait_until="commit")
            page.get_by_text(DISCLAIMER).first.wait_for()
            page.wait_for_load_state("networkidle")
        page.goto(f"{voila_server.url}/voila/render/explorer.ipynb")
        page.locator(".hipback-summary").first.wait_for(timeout=60_000)
        page.wait_for_load_state("networkidle")
        # The icon font the widgets use loads, from this server, so icons show offline.
        loaded = page.evaluate(
            """async () => (await document.fonts.load('900 16px "Font Awesome 5 Free"'))
                 .map((face) => face.status)"""
        )
        assert loaded and set(loaded) == {"loaded"}, f"Font Awesome did not load: {loaded}"
    finally:
        context.close()
    assert not outside, "pages asked hosts other than their server:\n" + "\n".join(outside)


def test_no_jupyterlab_page_asks_any_other_host(lab_server: JupyterServer, chromium: Any) -> None:
    context = chromium.new_context()
    outside = keep_on_loopback(context)
    page = context.new_page()
    try:
        page.goto(f"{lab_server.url}/lab?token={lab_server.token}")
        page.wait_for_selector("#jupyterlab-splash", state="detached", timeout=60_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not outside, "JupyterLab asked hosts other than its server:\n" + "\n".join(outside)


# --- make lab -------------------------------------------------------------------------------------


def test_make_lab_starts_as_this_user_and_its_settings_switch_the_news_off(tmp_path: Path):
    port, token = free_port(), "hipback-test-token"
    env = {**jupyter_env(tmp_path), "JUPYTER_PORT": str(port), "JUPYTER_TOKEN": token}
    env["BROWSER"] = "true"  # never open a browser
    make = subprocess.Popen(
        ["make", "--no-print-directory", "lab"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError):
                url = f"{base}/api/status?token={token}"
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            if make.poll() is not None or time.monotonic() > deadline:
                output = make.stdout.read() if make.stdout else ""
                pytest.fail(f"make lab did not start (uid {os.getuid()}):\n{output[-3000:]}")
            time.sleep(0.3)
        settings_url = (
            f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification?token={token}"
        )
        with urllib.request.urlopen(settings_url, timeout=10) as response:
            settings = json.load(response)
        # JupyterLab applies overrides to the schema's defaults (built in: "none", i.e. ask
        # with a pop-up, and true); the user's own settings stay empty.
        props = settings["schema"]["properties"]
        assert props["fetchNews"]["default"] == "false", props["fetchNews"]
        assert props["checkForUpdates"]["default"] is False, props["checkForUpdates"]
        assert settings["settings"] == {}
        assert not (tmp_path / ".jupyter" / "lab" / "user-settings").exists() or not any(
            (tmp_path / ".jupyter" / "lab" / "user-settings").rglob("*.jupyterlab-settings")
        ), "the news setting was written into the user's home"
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(make.pid, signal.SIGTERM)
        try:
            make.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait(timeout=10)


def test_make_lab_adds_allow_root_only_for_root() -> None:
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "lab"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MAKEFLAGS": ""},
    ).stdout
    assert ("--allow-root" in dry) == (os.getuid() == 0), dry
    assert "jupyter-config/lab/settings" in dry
