"""The server's side of telling a warm kernel which page took it (hipback.serving.request_info).

Voilà keeps two tables on its ``RequestInfoSocketHandler``: the kernels connected and
waiting (``_waiters``) and the requests kept for kernels not connected yet (``_cache``).
These tests use stand-ins for both and for the connections.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hipback.serving.request_info import forget_request_info, forget_waiter, send_request_info

REPO = Path(__file__).resolve().parents[1]
PAGE = {"QUERY_STRING": "difficulty=easy"}


class Connection:
    """A kernel's websocket as the server holds it: what was written to it."""

    def __init__(self, closed: bool = False) -> None:
        self.closed = closed
        self.sent: list[dict[str, str]] = []

    def write_message(self, payload: dict[str, str]) -> None:
        if self.closed:
            raise RuntimeError("websocket closed")  # tornado's WebSocketClosedError
        self.sent.append(payload)


class Tables:
    """Stands in for Voilà's handler class and its two tables."""

    def __init__(self) -> None:
        self._waiters: dict[str, Connection] = {}
        self._cache: dict[str, dict[str, str]] = {}


def test_a_late_close_of_a_replaced_connection_keeps_every_other_kernel_waiting() -> None:
    # Kernel A connected again (its first attempt timed out); kernel B waits for its page.
    first_a, again_a, b = Connection(), Connection(), Connection()
    waiters = {"A": again_a, "B": b}
    forget_waiter(waiters, first_a)  # Voilà's own on_close deleted B's entry here
    assert waiters == {"A": again_a, "B": b}
    tables = Tables()
    tables._waiters = waiters
    send_request_info(tables, {"kernel_id": "B", "payload": PAGE})
    assert b.sent == [PAGE], "kernel B did not get its page's request"


def test_a_request_sent_to_a_connection_that_just_closed_is_kept_for_the_next_one() -> None:
    tables = Tables()
    tables._waiters["A"] = Connection(closed=True)
    send_request_info(tables, {"kernel_id": "A", "payload": PAGE})  # no error raised
    # Voilà's open() sends a kept request as soon as the kernel connects again.
    assert tables._cache["A"] == PAGE


def test_a_connected_kernel_gets_the_request_at_once_and_it_is_kept_until_shutdown() -> None:
    tables = Tables()
    waiting = Connection()
    tables._waiters["A"] = waiting
    send_request_info(tables, {"kernel_id": "A", "payload": PAGE})
    assert waiting.sent == [PAGE] and tables._cache["A"] == PAGE
    forget_request_info(tables, "A")
    forget_request_info(tables, "never-seen")  # a kernel that never had a page
    assert tables._cache == {}


def test_the_app_server_uses_them() -> None:
    # In a child process: the app's set-up replaces a signal handler and starts no server.
    script = """
import json
from pathlib import Path
from voila.request_info_handler import RequestInfoSocketHandler
from hipback.serving import voila_server as vs
from hipback.serving.request_info import send_request_info
app_class, _ = vs._voila_classes()
app = app_class()
app.initialize(vs.voila_argv(vs.ServeOptions(apps_dir=Path("apps"), preheat=1, port=0)))
app.init_settings()
rules = [rule for rule in app.init_handlers() if "voila/query" in str(rule[0])]
print(json.dumps({
    "query_handlers": [rule[1].__name__ for rule in rules],
    "send_updates": RequestInfoSocketHandler.send_updates.__func__ is send_request_info,
}))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"query_handlers": ["RequestInfoHandler"], "send_updates": True}
