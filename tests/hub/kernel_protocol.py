"""Talk to a Jupyter kernel and its widgets the way a browser page does, without a browser.

Used by the JupyterHub integration test (``tests/hub``) and the class load test
(``benchmarks/bench_class.py``). Modelled on hubtraf's simulated users (a kernel
websocket at ``…/api/kernels/<id>/channels`` carrying Jupyter messages as JSON) and
on ipywidgets 8's own front end:

* the widget manager opens a comm to ``jupyter.widget.control`` and sends
  ``{"method": "request_states"}``; the kernel answers ``update_states`` with every
  widget model's state (that is how a page learns the widgets it has to draw);
* a click on a checkbox sends a ``comm_msg`` to that model's comm with
  ``{"method": "update", "state": {"value": true}, "buffer_paths": []}``; the kernel
  runs the Python callbacks and sends ``update`` messages for every widget they change
  (the summary, the label, the figures), then goes ``idle``.

A toggle's latency here is the time from sending that ``update`` until the kernel's
``idle`` for it: by then every update it caused has arrived on the websocket.

Voilà with progressive rendering sends the page first and executes the notebook when
the page asks over ``/voila/execution/<kernel id>``; :func:`open_voila_app` does that
too, so the same code opens the app whichever way the server is configured.
"""

from __future__ import annotations

import contextlib
import json
import re
import struct
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
import websocket

PROTOCOL_VERSION = "5.3"
#: ipywidgets 8's widget-control protocol (the kernel refuses another major version).
CONTROL_PROTOCOL_VERSION = "1.0.0"


class ProtocolError(RuntimeError):
    """The server or kernel did not answer as a browser page expects."""


def _decode_binary(data: bytes) -> dict[str, Any]:
    # jupyter_server's legacy websocket format for messages with buffers:
    # uint32 count n, then n uint32 offsets; part 0 is the JSON message, the rest buffers.
    (count,) = struct.unpack("!I", data[:4])
    offsets = list(struct.unpack(f"!{count}I", data[4 : 4 + 4 * count])) + [len(data)]
    msg = json.loads(data[offsets[0] : offsets[1]].decode("utf-8"))
    msg["buffers"] = [data[offsets[i] : offsets[i + 1]] for i in range(1, count)]
    return msg


class KernelChannel:
    """One websocket to a kernel's channels (shell, iopub, …), as JupyterLab or Voilà opens it.

    Parameters
    ----------
    ws_url : str
        ``ws://…/api/kernels/<id>/channels``.
    cookies : dict, optional
        Cookies of the logged-in browser session (JupyterHub user servers need them).
    headers : dict, optional
        Extra headers (e.g. ``Authorization``).
    """

    def __init__(
        self,
        ws_url: str,
        cookies: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30.0,
        username: str = "student",
    ) -> None:
        self.session = uuid.uuid4().hex
        self.username = username
        sep = "&" if "?" in ws_url else "?"
        cookie = "; ".join(f"{k}={v}" for k, v in (cookies or {}).items()) or None
        header = [f"{k}: {v}" for k, v in (headers or {}).items()]
        try:
            self.ws = websocket.create_connection(
                f"{ws_url}{sep}session_id={self.session}",
                cookie=cookie,
                header=header,
                timeout=timeout,
                enable_multithread=True,
            )
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"kernel websocket {ws_url}: {exc}") from exc
        #: Messages read while waiting for something else (kept for later waits).
        self.backlog: list[dict[str, Any]] = []

    def close(self) -> None:
        """Close the websocket (the kernel keeps running, as when a tab is closed)."""
        with contextlib.suppress(OSError, websocket.WebSocketException):
            self.ws.close()

    def send(
        self,
        msg_type: str,
        content: dict[str, Any],
        channel: str = "shell",
        metadata: dict[str, Any] | None = None,
    ) -> str:
        """Send one message; return its ``msg_id``."""
        msg_id = uuid.uuid4().hex
        msg = {
            "header": {
                "msg_id": msg_id,
                "username": self.username,
                "session": self.session,
                "msg_type": msg_type,
                "version": PROTOCOL_VERSION,
                "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()),
            },
            "parent_header": {},
            "metadata": metadata or {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }
        self.ws.send(json.dumps(msg))
        return msg_id

    def recv(self, timeout: float) -> dict[str, Any]:
        """The next message from the kernel (``ProtocolError`` after ``timeout`` seconds)."""
        if self.backlog:
            return self.backlog.pop(0)
        self.ws.settimeout(max(timeout, 0.001))
        try:
            opcode, data = self.ws.recv_data()
        except websocket.WebSocketTimeoutException:
            raise ProtocolError(f"no kernel message within {timeout:.1f} s") from None
        except (OSError, websocket.WebSocketException) as exc:
            raise ProtocolError(f"kernel websocket closed: {exc}") from exc
        if opcode == websocket.ABNF.OPCODE_CLOSE:
            raise ProtocolError("kernel websocket closed by the server")
        if opcode == websocket.ABNF.OPCODE_BINARY:
            return _decode_binary(data)
        return json.loads(data)

    def pump(self, seconds: float) -> None:
        """Read whatever arrives for ``seconds`` into the backlog.

        A browser reads its websockets all the time, which also answers the server's
        pings (jupyter_server closes a kernel websocket whose pings go unanswered for
        30 s). Call this while waiting on something else.
        """
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            self.ws.settimeout(remaining)
            try:
                opcode, data = self.ws.recv_data()
            except websocket.WebSocketTimeoutException:
                return
            except (OSError, websocket.WebSocketException) as exc:
                raise ProtocolError(f"kernel websocket closed: {exc}") from exc
            if opcode == websocket.ABNF.OPCODE_CLOSE:
                raise ProtocolError("kernel websocket closed by the server")
            if opcode == websocket.ABNF.OPCODE_BINARY:
                self.backlog.append(_decode_binary(data))
            elif opcode == websocket.ABNF.OPCODE_TEXT:
                self.backlog.append(json.loads(data))

    def collect(
        self,
        parent_id: str,
        timeout: float,
        on_message: Callable[[dict[str, Any]], None] | None = None,
    ) -> list[dict[str, Any]]:
        """Every iopub message caused by ``parent_id`` up to and including its ``idle``.

        ``on_message`` is called with each of them as it arrives (to time them).
        """
        deadline = time.monotonic() + timeout
        got: list[dict[str, Any]] = []
        keep: list[dict[str, Any]] = []
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ProtocolError(f"kernel did not finish {parent_id} in {timeout:.0f} s")
                msg = self.recv(remaining)
                if msg.get("parent_header", {}).get("msg_id") != parent_id:
                    keep.append(msg)
                    continue
                if msg.get("channel") != "iopub":
                    continue
                got.append(msg)
                if on_message is not None:
                    on_message(msg)
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    return got
        finally:
            self.backlog.extend(keep)

    def execute(self, code: str, timeout: float = 60.0) -> list[dict[str, Any]]:
        """Run ``code``; its iopub messages. ``ProtocolError`` if it raised."""
        msg_id = self.send(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        messages = self.collect(msg_id, timeout)
        for msg in messages:
            if msg["msg_type"] == "error":
                content = msg["content"]
                raise ProtocolError(f"{content['ename']}: {content['evalue']}")
        return messages


def run_notebook(channel: KernelChannel, notebook: dict[str, Any], timeout: float) -> int:
    """Run every code cell of a notebook (nbformat JSON) in order, as Run All does.

    Returns the number of code cells run; raises ``ProtocolError`` naming the first cell
    that failed (cells tagged ``raises-exception`` may fail, as in nbval/nbclient).
    """
    deadline = time.monotonic() + timeout
    count = 0
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell.get("source", ""))
        if not source.strip():
            continue
        count += 1
        remaining = deadline - time.monotonic()
        tags = cell.get("metadata", {}).get("tags", [])
        try:
            channel.execute(source, timeout=max(remaining, 0.1))
        except ProtocolError as exc:
            if "raises-exception" in tags and "did not finish" not in str(exc):
                continue
            raise ProtocolError(f"cell {index}: {exc}") from exc
    return count


@dataclass
class WidgetModel:
    """One widget model as the kernel reports it."""

    model_id: str
    model_name: str
    state: dict[str, Any]

    @property
    def description(self) -> str:
        return str(self.state.get("description", ""))


@dataclass
class ToggleResult:
    """What one click on a checkbox caused."""

    latency_s: float  # until the kernel is idle again: every update it caused has arrived
    updated: list[str] = field(default_factory=list)  # model ids updated (echo excluded)
    #: Until the first update of an HTML widget (the explorer's summary and label are
    #: HTML widgets): what a student sees change first. None if no HTML widget changed.
    first_html_s: float | None = None


#: The options of a finding's toggle buttons in the explorer (three-state case record).
FINDING_OPTIONS: tuple[str, ...] = ("Yes", "No", "Not asked")


class WidgetClient:
    """The widget side of a page: model states, and clicks sent as comm messages."""

    def __init__(self, channel: KernelChannel) -> None:
        self.channel = channel
        self.models: dict[str, WidgetModel] = {}

    def request_states(self, timeout: float = 30.0) -> dict[str, WidgetModel]:
        """Ask the kernel for every widget's state (ipywidgets 8 ``request_states``)."""
        comm_id = uuid.uuid4().hex
        self.channel.send(
            "comm_open",
            {"comm_id": comm_id, "target_name": "jupyter.widget.control", "data": {}},
            metadata={"version": CONTROL_PROTOCOL_VERSION},
        )
        self.channel.send("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}})
        deadline = time.monotonic() + timeout
        keep: list[dict[str, Any]] = []
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ProtocolError("no widget states from the kernel")
                msg = self.channel.recv(remaining)
                content = msg.get("content", {})
                data = content.get("data", {}) if isinstance(content, dict) else {}
                if (
                    msg.get("msg_type") == "comm_msg"
                    and content.get("comm_id") == comm_id
                    and data.get("method") == "update_states"
                ):
                    break
                keep.append(msg)
        finally:
            self.channel.backlog.extend(keep)
        self.models = {
            model_id: WidgetModel(model_id, entry.get("model_name", ""), entry.get("state", {}))
            for model_id, entry in data["states"].items()
        }
        return self.models

    def absorb(self, messages: Iterable[dict[str, Any]]) -> int:
        """Learn models from ``comm_open``/``update`` messages seen live; how many are new.

        With progressive rendering the page is connected while the notebook runs, so
        the kernel's ``comm_open`` messages (which carry each model's full state) reach
        it directly, as they reach this client.
        """
        new = 0
        for msg in messages:
            content = msg.get("content", {})
            data = content.get("data", {}) if isinstance(content, dict) else {}
            if msg.get("msg_type") == "comm_open" and content.get("target_name") == (
                "jupyter.widget"
            ):
                state = data.get("state", {})
                self.models[content["comm_id"]] = WidgetModel(
                    content["comm_id"], state.get("_model_name", ""), dict(state)
                )
                new += 1
            elif msg.get("msg_type") == "comm_msg" and data.get("method") == "update":
                model = self.models.get(content.get("comm_id", ""))
                if model is not None:
                    model.state.update(data.get("state", {}))
        return new

    def find(self, model_name: str, pattern: str = "") -> list[WidgetModel]:
        """Models of ``model_name`` whose description matches the regex ``pattern``."""
        regex = re.compile(pattern, re.IGNORECASE)
        return [
            m
            for m in self.models.values()
            if m.model_name == model_name and regex.search(m.description)
        ]

    def finding_controls(self, exclude: Iterable[str] = ("not recorded", "^show ")) -> list:
        """The controls that record a finding, found by what they show, never by a fixed id.

        The explorer's findings are Yes / No / Not asked toggle buttons; a checkbox that
        records a finding counts too (not the 'not recorded' / 'show …' switches).
        """
        skip = [re.compile(p, re.IGNORECASE) for p in exclude]
        out = []
        for m in self.models.values():
            if not m.description or any(r.search(m.description) for r in skip):
                continue
            labels = tuple(m.state.get("_options_labels", ()))
            if (m.model_name == "ToggleButtonsModel" and labels == FINDING_OPTIONS) or (
                m.model_name == "CheckboxModel"
            ):
                out.append(m)
        return out

    def toggle(self, model: WidgetModel, timeout: float = 30.0) -> ToggleResult:
        """Click a finding as a learner does: Yes and No swap; a checkbox flips."""
        if model.model_name == "ToggleButtonsModel":
            return self.set_state(
                model, {"index": 1 if model.state.get("index") == 0 else 0}, timeout
            )
        return self.set_state(model, {"value": not model.state.get("value", False)}, timeout)

    def set_value(self, model: WidgetModel, value: Any, timeout: float = 30.0) -> ToggleResult:
        """Set ``value`` as a click does; time until the kernel has sent every update."""
        return self.set_state(model, {"value": value}, timeout)

    def set_state(
        self, model: WidgetModel, state: dict[str, Any], timeout: float = 30.0
    ) -> ToggleResult:
        """Send ``state`` as the page does; time until the kernel has sent every update."""
        start = time.perf_counter()
        msg_id = self.channel.send(
            "comm_msg",
            {
                "comm_id": model.model_id,
                "data": {"method": "update", "state": state, "buffer_paths": []},
            },
        )
        first_html: list[float] = []

        def watch(msg: dict[str, Any]) -> None:
            if first_html or msg.get("msg_type") != "comm_msg":
                return
            target = self.models.get(msg["content"].get("comm_id", ""))
            if target is not None and target.model_name == "HTMLModel":
                first_html.append(time.perf_counter() - start)

        messages = self.channel.collect(msg_id, timeout, on_message=watch)
        latency = time.perf_counter() - start
        updated = []
        for msg in messages:
            if msg["msg_type"] == "error":
                raise ProtocolError(f"widget callback failed: {msg['content'].get('evalue')}")
            if msg["msg_type"] != "comm_msg":
                continue
            data = msg["content"].get("data", {})
            if data.get("method") == "update" and msg["content"]["comm_id"] != model.model_id:
                updated.append(msg["content"]["comm_id"])
                if msg["content"]["comm_id"] in self.models:
                    self.models[msg["content"]["comm_id"]].state.update(data.get("state", {}))
        model.state.update(state)
        return ToggleResult(latency, updated, first_html[0] if first_html else None)


_CONFIG_RE = re.compile(
    r'<script[^>]*id="jupyter-config-data"[^>]*>(.*?)</script>', re.DOTALL | re.IGNORECASE
)


def page_config(html: str) -> dict[str, Any]:
    """The ``jupyter-config-data`` JSON a Voilà page carries (kernel id, base URL, …)."""
    match = _CONFIG_RE.search(html)
    if not match:
        raise ProtocolError("page has no jupyter-config-data (not a Voila page?)")
    return json.loads(match.group(1))


def ws_base(http_url: str) -> str:
    """``ws://host:port`` for an ``http://host:port/...`` address."""
    parts = urlsplit(http_url)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return f"{scheme}://{parts.netloc}"


@dataclass
class VoilaApp:
    """An opened Voilà page: its kernel channel and widgets."""

    kernel_id: str
    channel: KernelChannel
    widgets: WidgetClient
    page_seconds: float
    ready_seconds: float

    def close(self) -> None:
        self.channel.close()


class PageNotFinished(ProtocolError):
    """A streamed page that did not finish within its deadline."""


def get_page(
    http: requests.Session, url: str, timeout: float, headers: dict[str, str] | None = None
) -> str:
    """GET a page, all of it within ``timeout`` seconds, or raise :class:`PageNotFinished`.

    Voilà streams its page as the notebook runs and keeps the connection alive with small
    writes, so a per-read timeout never fires: when Voilà fails to start the page's
    kernel ("Kernel didn't respond in 60 seconds", seen under load) the response never
    ends, and a plain ``get`` waits for ever. This reads it with a deadline instead.
    """
    deadline = time.monotonic() + timeout
    with http.get(url, timeout=min(timeout, 30.0), headers=headers, stream=True) as response:
        if response.status_code != 200:
            raise ProtocolError(f"GET {url}: HTTP {response.status_code}")
        body = bytearray()
        for chunk in response.iter_content(chunk_size=65536):
            body += chunk
            if time.monotonic() > deadline:
                raise PageNotFinished(f"GET {url}: the page did not finish in {timeout:.0f} s")
        return body.decode(response.encoding or "utf-8", errors="replace")


def open_voila_app(
    http: requests.Session,
    page_url: str,
    timeout: float = 60.0,
    headers: dict[str, str] | None = None,
    username: str = "student",
    cookies: dict[str, str] | None = None,
    widget_states: bool = True,
) -> VoilaApp:
    """Open a Voilà app page as a browser does and return its live widgets.

    GET the page; connect the kernel websocket; with progressive rendering, ask Voilà to
    execute the notebook over ``/voila/execution/<kernel>`` and wait for every cell;
    then learn the widget models from the ``comm_open`` messages seen while it ran, or
    (without progressive rendering, when the page connects after the run) ask for
    them with ``request_states``. ``widget_states=False`` skips that request.
    """
    start = time.perf_counter()
    text = get_page(http, page_url, timeout, headers)
    page_seconds = time.perf_counter() - start
    config = page_config(text)
    kernel_id = config.get("kernelId")
    if not kernel_id:
        raise ProtocolError("Voila page names no kernel")
    base = config.get("baseUrl", "/")
    root = ws_base(page_url)
    if cookies is None:
        cookies = http.cookies.get_dict()
    channel = KernelChannel(
        f"{root}{base}api/kernels/{kernel_id}/channels",
        cookies=cookies,
        headers=headers,
        timeout=timeout,
        username=username,
    )
    try:
        if config.get("progressiveRendering"):
            _voila_execute(root, base, kernel_id, cookies, headers, timeout, channel)
        widgets = WidgetClient(channel)
        # Everything the kernel published before this request reaches us before its idle.
        channel.collect(channel.send("kernel_info_request", {}), timeout=timeout)
        seen, channel.backlog = channel.backlog, []
        if widget_states and not widgets.absorb(seen):
            widgets.request_states(timeout=timeout)
    except BaseException:
        channel.close()
        raise
    return VoilaApp(kernel_id, channel, widgets, page_seconds, time.perf_counter() - start)


def _voila_execute(
    root: str,
    base: str,
    kernel_id: str,
    cookies: dict[str, str],
    headers: dict[str, str] | None,
    timeout: float,
    channel: KernelChannel,
) -> None:
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items()) or None
    header = [f"{k}: {v}" for k, v in (headers or {}).items()]
    ws = websocket.create_connection(
        f"{root}{base}voila/execution/{kernel_id}", cookie=cookie, header=header, timeout=timeout
    )
    deadline = time.monotonic() + timeout
    try:
        ws.settimeout(timeout)
        json.loads(ws.recv())  # {"action": "initialized"}
        ws.send(json.dumps({"action": "execute", "payload": {"kernel_id": kernel_id}}))
        while True:
            if time.monotonic() > deadline:
                raise ProtocolError(f"Voila did not execute the app in {timeout:.0f} s")
            ws.settimeout(0.5)
            try:
                msg = json.loads(ws.recv())
            except websocket.WebSocketTimeoutException:
                channel.pump(0.2)  # keep reading the kernel websocket meanwhile
                continue
            if msg.get("action") == "execution_error":
                raise ProtocolError(f"Voila execution error: {msg.get('payload')}")
            payload = msg.get("payload", {})
            cell = payload.get("output_cell", {})
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    raise ProtocolError(f"app cell failed: {output.get('ename')}")
            if payload.get("cell_index", -1) + 1 >= payload.get("total_cell", 0):
                return
    finally:
        ws.close()
