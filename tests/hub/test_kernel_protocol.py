"""The hub tests' page reader: a streamed page that never ends fails in time, not never."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from kernel_protocol import PageNotFinished, get_page


class _Endless(BaseHTTPRequestHandler):
    """Answers like a Voilà page whose kernel never started: headers, then a byte now and
    then to keep the connection alive, and never the end of the page."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.path == "/finished":
            body = b"<html>done</html>"
            self.wfile.write(b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
            return
        try:
            while not self.server.stopping.is_set():
                self.wfile.write(b"1\r\n \r\n")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Endless)
    httpd.stopping = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.stopping.set()
    httpd.shutdown()
    httpd.server_close()


def test_a_page_that_never_ends_fails_at_its_deadline(server):
    with requests.Session() as http:
        # A plain get would wait for ever: every read gets a byte within its timeout.
        start = time.monotonic()
        with pytest.raises(PageNotFinished, match="did not finish in 2 s"):
            get_page(http, f"{server}/endless", timeout=2)
        assert time.monotonic() - start < 6
        assert get_page(http, f"{server}/finished", timeout=2) == "<html>done</html>"
