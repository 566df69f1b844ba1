"""``make app``: Voilà serves the landing page and both apps on loopback, code hidden.

No browser here: these read the HTML Voilà sends (cells executed server-side) and
check the script's own promises. The browser tests check what a person sees.
"""

from __future__ import annotations

import contextlib
import json
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
from browser_support import REPO, free_port, jupyter_env, load_serve_app

from hipback.reasoning import DISCLAIMER
from hipback.serving import voila_server

serve_app = load_serve_app()
APPS = REPO / "apps"
NOTEBOOKS = [serve_app.LANDING, *serve_app.APPS.values()]


def _cells(name: str) -> list[dict]:
    return json.loads((APPS / name).read_text(encoding="utf-8"))["cells"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_app_notebooks_are_clean_and_show_the_disclaimer(name: str) -> None:
    cells = _cells(name)
    code = [c for c in cells if c["cell_type"] == "code"]
    # Voilà executes them afresh on every visit: stored outputs would only go stale.
    assert all(not c["outputs"] and c["execution_count"] is None for c in code)
    # The disclaimer comes from the kit (one source of truth), not retyped text.
    assert any("disclaimer()" in "".join(c["source"]) for c in code)
    assert not any(DISCLAIMER in "".join(c["source"]) for c in cells)


def test_landing_page_links_both_apps_and_apps_link_back() -> None:
    landing = "".join("".join(c["source"]) for c in _cells(serve_app.LANDING))
    for notebook in serve_app.APPS.values():
        assert f"]({notebook})" in landing
        assert (APPS / notebook).is_file()
        app_text = "".join("".join(c["source"]) for c in _cells(notebook))
        assert f"]({serve_app.LANDING})" in app_text


def test_voila_command_binds_loopback_and_hides_code() -> None:
    cmd = serve_app.voila_command(APPS, 9123)
    assert cmd[:2] == [sys.executable, str(REPO / "scripts" / "serve_app.py")]
    assert "--port=9123" in cmd and "--show-tracebacks" not in cmd
    args = voila_server.build_parser().parse_args(cmd[2:])
    argv = voila_server.voila_argv(voila_server.options_from_args(args, APPS))
    assert "--Voila.ip=127.0.0.1" in argv and "--port=9123" in argv
    assert "--VoilaConfiguration.strip_sources=True" in argv
    assert "--VoilaConfiguration.show_tracebacks=False" in argv
    assert "--VoilaConfiguration.template=hipback" in argv


def test_warm_kernels_per_app_are_configurable_and_fit_under_the_cap() -> None:
    options = voila_server.options_from_args(
        voila_server.build_parser().parse_args(["--preheat=3", "--max-kernels=12"]), APPS
    )
    argv = voila_server.voila_argv(options)
    # Each app keeps 3 warm kernels, the landing page 1.
    assert "--VoilaConfiguration.default_pool_size=3" in argv
    assert "--HipbackVoila.pool_sizes=default=3" in argv
    assert f"--HipbackVoila.pool_sizes={serve_app.LANDING}=1" in argv
    assert options.warm_kernels == 3 * len(serve_app.APPS) + 1
    # Warm kernels that would take every place are refused, saying what is allowed.
    with pytest.raises(
        ValueError, match=r"preheat: 5 is not allowed with max_kernels 10.*at most 4"
    ):
        voila_server.ServeOptions(preheat=5, max_kernels=10)
    assert voila_server.ServeOptions(preheat=5, max_kernels=0).warm_kernels == 11
    assert voila_server.main(["--preheat=6", "--max-kernels=4"]) == 2


def test_make_app_runs_serve_app() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^app:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe and "scripts/serve_app.py" in recipe.group(1)


def _read_url_line(process: subprocess.Popen[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "start here:" in line:
            return line.split("start here:", 1)[1].strip()
        if not line and process.poll() is not None:
            break
    raise AssertionError("serve_app.py printed no landing-page address")


def _get(url: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _kernels_of(pid: int, timeout: float = 10.0) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while True:
        kernels = [
            p
            for p in psutil.Process(pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())
        ]
        if kernels or time.monotonic() > deadline:
            return kernels
        time.sleep(0.1)


def test_serve_app_serves_the_landing_page_and_stops_cleanly(tmp_path: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(REPO / "scripts" / "serve_app.py"), "--port", str(port)],
        cwd=REPO,
        env=jupyter_env(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        url = _read_url_line(process, timeout=30)
        assert url == f"http://127.0.0.1:{port}/voila/render/{serve_app.LANDING}"
        html = _get(url)
        # Outputs (the disclaimer among them) arrive progressively: the browser tests check
        # those. The page itself carries the landing text and links, and no code.
        assert "hipback apps" in html
        for notebook in serve_app.APPS.values():
            assert f'href="{notebook}"' in html
        assert "from hipback" not in html, "Voilà showed the code behind the page"
        kernels = _kernels_of(process.pid)
        assert kernels, "Voilà started no kernel for the landing page"
    finally:
        # Ctrl+C in a terminal: Voilà shuts its kernels down and the script exits 0.
        try:
            children = psutil.Process(process.pid).children()
        except psutil.Error:
            children = []
        process.send_signal(signal.SIGINT)
        for child in children:
            with contextlib.suppress(psutil.Error):
                child.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert code == 0
    gone, alive = psutil.wait_procs(kernels, timeout=10)
    for proc in alive:
        proc.kill()
    assert not alive, "a Voilà kernel outlived the server"
