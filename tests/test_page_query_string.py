"""How a quiz kernel learns which difficulty its page asked for (``page_query_string``).

In Voilà's preheated pool a kernel runs the quiz before anyone asks, then waits on the
server's ``voila/query/<kernel id>`` websocket for the page's request. These tests stand
in for the server with a small websocket server on loopback.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
from websockets.sync.server import serve

from hipback.serving.voila_server import page_query_string

KERNEL = "0a1b2c3d-0000-4000-8000-000000000000"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def warm_kernel(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The environment of a kernel in Voilà's pool, pointing at a free loopback port."""
    port = _free_port()
    for name, value in {
        "VOILA_PREHEAT": "True",
        "VOILA_APP_PORT": str(port),
        "VOILA_SERVER_URL": "/",
        "VOILA_KERNEL_ID": KERNEL,
        "QUERY_STRING": "",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.delenv("VOILA_APP_IP", raising=False)
    yield port


def _serve_request_info(port: int, delay: float, paths: list[str]) -> threading.Thread:
    """After ``delay`` s, listen on ``port`` and send each connection the page's request."""

    def handler(websocket) -> None:  # noqa: ANN001 - websockets' connection object
        paths.append(websocket.request.path)
        websocket.send(json.dumps({"QUERY_STRING": "difficulty=hard"}))

    def run() -> None:
        time.sleep(delay)
        with serve(handler, "127.0.0.1", port) as server:
            threading.Timer(5.0, server.shutdown).start()
            server.serve_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_a_kernel_started_for_its_page_reads_the_query_from_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "difficulty=easy")
    assert page_query_string() == "difficulty=easy"


def test_a_warm_kernel_gets_the_query_its_page_sends(warm_kernel: int) -> None:
    paths: list[str] = []
    _serve_request_info(warm_kernel, 0.0, paths)
    assert page_query_string(deadline=10) == "difficulty=hard"
    assert paths == [f"/voila/query/{KERNEL}"]


def test_a_server_slow_to_answer_is_tried_again_instead_of_building_the_default_quiz(
    warm_kernel: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing listens for the first 1.5 s (several kernels starting at once keep the
    # server busy): the kernel keeps trying and still gets the difficulty asked for.
    paths: list[str] = []
    _serve_request_info(warm_kernel, 1.5, paths)
    assert page_query_string(deadline=10) == "difficulty=hard"
    assert paths == [f"/voila/query/{KERNEL}"]
    assert "did not arrive" not in capsys.readouterr().err


def test_with_no_server_it_gives_up_at_the_deadline_and_says_so(
    warm_kernel: int, capsys: pytest.CaptureFixture[str]
) -> None:
    start = time.monotonic()
    assert page_query_string(deadline=1.0) == ""
    assert 1.0 <= time.monotonic() - start < 5.0
    assert "hipback: the page's request did not arrive" in capsys.readouterr().err
