"""Serve the code-free apps with Voilà: loopback by default, offline, and tidy.

:func:`main` runs Voilà in this process (``make app`` and ``scripts/serve_app.py`` call
it) as :class:`HipbackVoila`, Voilà's own application with these additions:

* **Host check.** Requests are answered only when their ``Host`` header names this
  machine's loopback (``localhost``, ``127.0.0.1``, ``[::1]``) or a name in
  :attr:`ServeOptions.allowed_hosts`; any other Host (DNS rebinding) gets a 403 page.
  It is Tornado's own host routing (``Application.add_handlers(host_pattern, …)``).
* **XSRF on.** Voilà's page sends a kernel-shutdown beacon when it is closed, with the
  ``_xsrf`` cookie's value; Voilà 0.5 never sets that cookie, so the beacon was refused
  (voila-dashboards/voila#1458). The app pages here set it, so the beacon passes the
  check and the rest of the server keeps it.
* **Kernel lifecycle.** Idle kernels are culled by jupyter_server's own culler
  (``MappingKernelManager.cull_idle_timeout`` / ``cull_interval`` / ``cull_connected``);
  at most :attr:`ServeOptions.max_kernels` kernels run at once, and a page asked for
  beyond that says so in words (HTTP 503). SIGTERM, SIGINT and SIGHUP stop the server
  and shut every kernel down; with ``stop_with_parent`` it also stops when the process
  that started it (``make``) dies.
* **Warm kernels.** Voilà's preheated pools run each app in a kernel before anyone asks
  (:attr:`ServeOptions.preheat` kernels per app, one for the landing page): a page then
  comes without waiting for a kernel to start and the notebook to run. A page takes a
  warm kernel even when the cap is reached (it starts none); refilling the pool waits
  for a free place. ``/hipback/api/pools`` says how many kernels of each pool are ready.
  A warm quiz kernel learns its page's difficulty over Voilà's request-info websocket;
  two steps of Voilà's that could leave it waiting for ever are replaced
  (:mod:`hipback.serving.request_info`).
* **Offline.** The pages use the ``hipback`` Voilà template (Voilà's ``lab`` template
  without its CDN links; the icon font ships in Voilà's own bundle) and every other
  Voilà page has its CDN links removed as it is loaded.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

#: The folder holding the kit's Voilà template (``voila/templates/hipback``).
DATA_DIR = Path(__file__).resolve().parent / "share" / "jupyter"
TEMPLATE = "hipback"

#: Host names that always reach the server: this machine's loopback.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")

#: The landing page (links both apps) and the apps, relative to the apps folder.
LANDING = "index.ipynb"
APPS = {"explorer": "explorer.ipynb", "quiz": "quiz.ipynb"}
#: The lecturer's apps (hipback.widgets.projector / case_writer), never preheated.
LECTURER_APPS = ("projector.ipynb", "write_case.ipynb")

DEFAULT_PORT = 8866
DEFAULT_MAX_KERNELS = 10
DEFAULT_CULL_IDLE_TIMEOUT = 600  # seconds: 10 minutes without a message from the page
DEFAULT_CULL_INTERVAL = 60
#: Warm kernels per app: a reload, or two people opening an app at once, still get a page
#: at once; each holds ~100 MB. Raise it for a class (``--preheat``), or 0 for none.
DEFAULT_PREHEAT = 2
#: Where the pools' state is published (JSON; the benchmark waits on it).
POOLS_PATH = "/hipback/api/pools"

# <link ...> tags that fetch from a public CDN, as Voilà's base page.html has them.
_CDN_LINK = re.compile(r"<link\b[^>]*\bhref=\"https?://cdn\.jsdelivr\.net/[^\"]*\"[^>]*>\s*")


@dataclass(frozen=True)
class ServeOptions:
    """How the apps are served. The defaults are safe for a lecturer's own laptop.

    Attributes
    ----------
    apps_dir : Path
        Folder with the landing page and the app notebooks.
    host : str
        Address to listen on. Loopback by default: nothing is exposed by accident.
    port : int
        TCP port.
    allowed_hosts : tuple of str
        Host names (or addresses) accepted in the ``Host`` header besides loopback's,
        e.g. the LAN address a class reaches the server at.
    max_kernels : int
        Most kernels (open app pages) at once; 0 means no limit.
    cull_idle_timeout : int
        Seconds a kernel may stay idle before it is shut down; 0 never culls.
    cull_interval : int
        Seconds between two checks for idle kernels.
    cull_connected : bool
        Also cull idle kernels whose page is still open (default: only those whose page
        is gone: closed, crashed or killed).
    password : str or None
        When set, every page asks for it first (class mode).
    preheat : int
        Kernels per app (explorer, quiz) that Voilà starts and runs the app in before
        anyone asks (its preheated pool); the landing page keeps one. A page then appears
        without waiting for a kernel to start and the app to run, and the pool refills
        behind it. They count towards ``max_kernels`` (a page still takes a warm kernel
        when the cap is reached; the refill waits for a free place). 0 starts a kernel
        per page instead, and shows outputs as its cells run (progressive rendering).
    show_tracebacks : bool
        Send Python tracebacks to the page (tests only).
    stop_with_parent : bool
        Stop when the parent process dies (``make app`` sets it: ``make`` does not
        pass SIGHUP or SIGINT on to the commands it runs).
    """

    apps_dir: Path = Path("apps")
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    allowed_hosts: tuple[str, ...] = ()
    max_kernels: int = DEFAULT_MAX_KERNELS
    cull_idle_timeout: int = DEFAULT_CULL_IDLE_TIMEOUT
    cull_interval: int = DEFAULT_CULL_INTERVAL
    cull_connected: bool = False
    preheat: int = DEFAULT_PREHEAT
    password: str | None = field(default=None, repr=False)
    show_tracebacks: bool = False
    stop_with_parent: bool = False

    def __post_init__(self) -> None:
        for name in ("port", "max_kernels", "cull_idle_timeout", "cull_interval", "preheat"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name}: {value!r} is not allowed; allowed: an integer >= 0")
        if self.cull_interval == 0 and self.cull_idle_timeout:
            raise ValueError("cull_interval: 0 is not allowed while culling; allowed: >= 1")
        if self.max_kernels and self.warm_kernels > self.max_kernels:
            most = (self.max_kernels - 1) // len(APPS)
            raise ValueError(
                f"preheat: {self.preheat} is not allowed with max_kernels {self.max_kernels} "
                f"(the warm kernels alone would be {self.warm_kernels}); allowed: at most "
                f"{most}, or a larger max_kernels"
            )

    @property
    def warm_kernels(self) -> int:
        """Kernels the preheated pools hold when nobody uses the apps."""
        return self.preheat * len(APPS) + min(self.preheat, 1)

    @property
    def pool_sizes(self) -> dict[str, int]:
        """Warm kernels per notebook (``default``: every app, and any other notebook)."""
        return {"default": self.preheat, LANDING: min(self.preheat, 1)}

    @property
    def host_names(self) -> tuple[str, ...]:
        """Every name accepted in the Host header: loopback's, the bind address, the extras."""
        names = [*LOOPBACK_HOSTS]
        bind = f"[{self.host}]" if ":" in self.host else self.host
        for name in (bind, *self.allowed_hosts):
            name = name.strip().lower()
            if name and name not in ("0.0.0.0", "[::]") and name not in names:
                names.append(name)
        return tuple(names)

    @property
    def base_url(self) -> str:
        """The address to print (loopback's when listening on loopback)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


#: Seconds a warm kernel keeps trying to reach the server for its page's request. While the
#: pool fills, several kernels start at once and the server can take longer than a single
#: attempt allows (5 s) to answer; giving up then built the default quiz, not the one asked for.
QUERY_CONNECT_DEADLINE = 60.0


def page_query_string(deadline: float = QUERY_CONNECT_DEADLINE) -> str:
    """The query string of the page this kernel serves (``"difficulty=easy"``, or ``""``).

    What ``voila.utils.get_query_string()`` returns, without importing Voilà into the
    kernel: that import loads jupyter_server and jupyterlab_server (1.6 s on a quiet
    machine, 8 s measured on a loaded one), which an app pays on every kernel it runs in.
    In a kernel of Voilà's preheated pool this waits until a page takes the kernel: the
    server then sends the request's details over its ``voila/query/<kernel id>``
    websocket, as it does for Voilà's own function. A connection that is refused or times
    out is tried again until ``deadline`` seconds have passed; only then does it give up,
    saying so on stderr, and return ``""``. Run in a notebook in Voilà only.
    """
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        # A kernel started for its page: the request's details are in its environment.
        return os.environ.get("QUERY_STRING", "")
    import time

    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    base = os.environ.get("VOILA_WS_BASE_URL", os.environ.get("VOILA_SERVER_URL", "/"))
    url = (
        f"{os.environ.get('VOILA_WS_PROTOCOL', 'ws')}://"
        f"{os.environ.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{os.environ.get('VOILA_APP_PORT', str(DEFAULT_PORT))}"
        f"{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"
    )
    give_up = time.monotonic() + deadline
    while True:
        left = give_up - time.monotonic()
        try:
            websocket = connect(url, open_timeout=max(min(left, 10.0), 0.1))
            break
        except OSError as exc:  # refused, or no answer in time (TimeoutError): try again
            if left <= 0:
                return _no_request(exc)
            time.sleep(0.5)
        except (WebSocketException, ValueError) as exc:  # answered, but not as expected
            return _no_request(exc)
    try:
        with websocket:
            info = json.loads(websocket.recv())
    except (OSError, WebSocketException, ValueError) as exc:
        return _no_request(exc)
    os.environ.update({str(key): str(value) for key, value in info.items()})
    return os.environ.get("QUERY_STRING", "")


def _no_request(exc: BaseException) -> str:
    print(f"hipback: the page's request did not arrive ({exc})", file=sys.stderr)
    return ""


def app_url(base_url: str, notebook: str) -> str:
    """The address at which Voilà renders ``notebook`` (a path relative to the apps folder).

    Examples
    --------
    >>> app_url("http://127.0.0.1:8866", "quiz.ipynb")
    'http://127.0.0.1:8866/voila/render/quiz.ipynb'
    """
    return f"{base_url.rstrip('/')}/voila/render/{notebook}"


def host_pattern(names: Sequence[str]) -> str:
    """Tornado host pattern matching exactly ``names`` (case-insensitive, port stripped).

    Examples
    --------
    >>> host_pattern(["localhost", "[::1]"])
    '(localhost|\\\\[::1\\\\])$'
    """
    return "(" + "|".join(re.escape(name.lower()) for name in names) + ")$"


def voila_argv(options: ServeOptions) -> list[str]:
    """The command-line configuration of :class:`HipbackVoila` for ``options``.

    Examples
    --------
    >>> argv = voila_argv(ServeOptions(port=9000, cull_idle_timeout=120))
    >>> "--Voila.ip=127.0.0.1" in argv and "--port=9000" in argv
    True
    >>> "--MappingKernelManager.cull_idle_timeout=120" in argv
    True
    """
    argv = [
        str(options.apps_dir),
        "--no-browser",
        f"--Voila.ip={options.host}",
        f"--port={options.port}",
        "--Voila.port_retries=0",
        f"--VoilaConfiguration.template={TEMPLATE}",
        # Learners see widgets and text, never the code behind them.
        "--VoilaConfiguration.strip_sources=True",
        f"--VoilaConfiguration.show_tracebacks={options.show_tracebacks}",
        "--theme=light",
        *(
            # Run each app in a kernel before anyone asks; the page then comes at once.
            ["--VoilaConfiguration.preheat_kernel=True"]
            + [f"--VoilaConfiguration.default_pool_size={options.preheat}"]
            + [f"--HipbackVoila.pool_sizes={nb}={n}" for nb, n in options.pool_sizes.items()]
            # The lecturer's apps (projector, write a case) are opened rarely: no warm kernel.
            + [f"--VoilaKernelManager.preheat_denylist={name}" for name in LECTURER_APPS]
            if options.preheat
            # Else send the page at once and add outputs as cells run.
            else ["--VoilaConfiguration.progressive_rendering=True"]
        ),
        "--VoilaConfiguration.multi_kernel_manager_class="
        "hipback.serving.voila_server.CappedKernelManager",
        f"--CappedKernelManager.max_kernels={options.max_kernels}",
        f"--MappingKernelManager.cull_idle_timeout={options.cull_idle_timeout}",
        f"--MappingKernelManager.cull_interval={max(options.cull_interval, 1)}",
        f"--MappingKernelManager.cull_connected={options.cull_connected}",
        # A kernel that does not answer a shutdown request within 3 s is killed, so
        # stopping the server with every kernel takes well under 10 s.
        "--KernelManager.shutdown_wait_time=3",
        *(f"--HipbackVoila.allowed_hosts={name}" for name in options.host_names),
    ]
    if options.password:
        argv.append(f"--Voila.token={options.password}")
    return argv


# --- the Voilà application --------------------------------------------------------------------
# Imported lazily below so that ``import hipback.serving`` stays cheap for the CLI's --help.


def _capped_kernel_manager_class() -> type:
    import asyncio

    from jupyter_server._tz import utcnow
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from tornado import web
    from traitlets import Int
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.utils import ENV_VARIABLE

    from hipback.serving.request_info import forget_request_info

    class CappedKernelManager(AsyncMappingKernelManager):
        """jupyter_server's kernel manager with a maximum number of kernels."""

        max_kernels = Int(DEFAULT_MAX_KERNELS, help="Most kernels at once (0: no limit).").tag(
            config=True
        )

        def kernel_count(self) -> int:
            """Kernels running or starting."""
            return len(set(self._kernels) | set(self._pending_kernels))

        def at_capacity(self) -> bool:
            """True when no further kernel may start."""
            return bool(self.max_kernels) and self.kernel_count() >= self.max_kernels

        _stopping = False

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            if kwargs.get("kernel_id") is None:
                refill = (kwargs.get("env") or {}).get(ENV_VARIABLE.VOILA_PREHEAT) == "True"
                # A warm kernel for a pool waits for a free place (a page that closes or is
                # culled); a page's own kernel beyond the cap is refused.
                while refill and self.at_capacity() and not self._stopping:
                    await asyncio.sleep(0.5)
                if self._stopping:
                    raise RuntimeError("the server is stopping")
                # Checked after the last await before starting, so two requests cannot
                # both take the last place.
                if self.at_capacity():
                    raise web.HTTPError(503, f"all {self.max_kernels} kernels are in use")
            return await super().start_kernel(*args, **kwargs)

        async def shutdown_all(self, *args: Any, **kwargs: Any) -> None:
            self._stopping = True  # no pool refill takes a place that stopping frees
            await super().shutdown_all(*args, **kwargs)

        async def cull_kernel_if_idle(self, kernel_id: str) -> None:
            # Voilà skips the kernels waiting in its pools before calling this. A warm
            # kernel last active when it ran the app, maybe an hour ago, would be culled
            # as soon as a page takes it, before the page has connected: its idle time
            # starts when the culler first sees it as a page's kernel.
            seen = self.__dict__.setdefault("_hipback_cull_seen", set())
            if kernel_id not in seen:
                seen.add(kernel_id)
                kernel = self._kernels.get(kernel_id)
                if kernel is not None:
                    kernel.last_activity = utcnow()
                return
            await super().cull_kernel_if_idle(kernel_id)

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
            self.__dict__.get("_hipback_cull_seen", set()).discard(kernel_id)
            forget_request_info(RequestInfoSocketHandler, kernel_id)
            await super().shutdown_kernel(kernel_id, *args, **kwargs)

    return CappedKernelManager


def __getattr__(name: str) -> Any:
    # traitlets imports ``hipback.serving.voila_server.CappedKernelManager`` by name.
    if name == "CappedKernelManager":
        cls = _capped_kernel_manager_class()
        globals()[name] = cls
        return cls
    raise AttributeError(name)


def pool_status(kernel_manager: Any) -> dict[str, dict[str, int]]:
    """Per preheated notebook: its pool's ``size``, kernels ``ready`` and ``starting``.

    A kernel is ready once it has run the notebook, or has run it up to the point where it
    waits for the page's request (``voila.utils.get_query_string``, as the quiz does).
    """
    from voila.request_info_handler import RequestInfoSocketHandler

    waiting = set(RequestInfoSocketHandler._waiters)
    configs = getattr(kernel_manager, "kernel_pools_config", {}) or {}
    default = configs.get("default", {})
    status = {}
    for notebook, pool in getattr(kernel_manager, "_pools", {}).items():
        ready = starting = 0
        for task in pool:
            if not task.done():
                starting += 1
            elif not task.cancelled() and task.exception() is None:
                content = task.result()
                if content["task"].done() or content["kernel_id"] in waiting:
                    ready += 1
                else:
                    starting += 1
        size = configs.get(notebook, default).get("pool_size", 0)
        status[notebook] = {"size": int(size), "ready": ready, "starting": starting}
    return status


def has_warm_kernel(kernel_manager: Any, notebook: str) -> bool:
    """True when the notebook's pool holds a started kernel (a page can take it at once)."""
    for task in getattr(kernel_manager, "_pools", {}).get(notebook, ()):
        if task.done() and not task.cancelled() and task.exception() is None:
            return True
    return False


def full_page_html(title: str, body_html: str) -> str:
    """A small self-contained page (no outside request) with the educational-use notice."""
    from hipback.reasoning import DISCLAIMER

    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;"
        "padding:0 1em;line-height:1.5;color:#1a1a1a}</style></head><body>"
        f"<h1>{escape(title)}</h1>{body_html}"
        f"<p class='hipback-disclaimer'><small><i>{escape(DISCLAIMER)}</i></small></p>"
        "</body></html>"
    )


def busy_page_html(max_kernels: int) -> str:
    """What a browser shows when every kernel place is taken."""
    return full_page_html(
        "All places are taken",
        f"<p role='alert'>This server runs at most {max_kernels} app pages at once, and all "
        "of them are open now.</p><p>Try again in a minute or two: a page that nobody "
        "uses is closed after a while. Closing a tab you no longer need frees its place "
        "at once.</p>",
    )


def foreign_host_page_html() -> str:
    """What a request for an unexpected Host header gets."""
    return full_page_html(
        "Unknown address",
        "<p>This server answers only at the addresses it was started for. Use the address "
        "it printed when it started.</p>",
    )


def swap_handlers(handlers: Sequence[tuple], replacements: dict[type, type]) -> list[tuple]:
    """Tornado's ``(pattern, handler class, ...)`` rules with some handler classes replaced.

    Examples
    --------
    >>> swap_handlers([("/a", int, {}), ("/b", str)], {int: bool})
    [('/a', <class 'bool'>, {}), ('/b', <class 'str'>)]
    """
    return [
        (pattern, replacements.get(handler, handler), *rest) for pattern, handler, *rest in handlers
    ]


def _voila_classes() -> tuple[type, type]:
    import json

    import tornado.web
    from jupyter_server.base.handlers import APIHandler
    from traitlets import Dict, Int, List, Unicode
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

    from hipback.serving.request_info import forget_waiter, send_request_info

    class RequestInfoHandler(RequestInfoSocketHandler):
        """Voilà's request-info websocket; a closing connection forgets only its own entry."""

        def on_close(self) -> None:
            forget_waiter(RequestInfoSocketHandler._waiters, self)

    class AppPageHandler(TornadoVoilaHandler):
        """Voilà's page handler that sets the XSRF cookie and refuses pages beyond the cap."""

        async def prepare(self) -> None:
            await super().prepare()
            # Reading the token sets the ``_xsrf`` cookie, which the page's shutdown
            # beacon sends back so that the closed page's kernel is shut down at once.
            _ = self.xsrf_token

        @tornado.web.authenticated
        async def get(self, path: str | None = None) -> None:
            manager = self.kernel_manager
            at_capacity = getattr(manager, "at_capacity", lambda: False)()
            if at_capacity and not has_warm_kernel(manager, path or ""):
                self.set_status(503)
                self.set_header("Retry-After", "60")
                self.set_header("Content-Type", "text/html; charset=utf-8")
                self.finish(busy_page_html(manager.max_kernels))
                return
            await super().get(path)

    class PoolsHandler(APIHandler):
        """``GET /hipback/api/pools``: :func:`pool_status` as JSON (no kernel ids)."""

        @tornado.web.authenticated
        def get(self) -> None:
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps(pool_status(self.kernel_manager)))

    class ForeignHostHandler(tornado.web.RequestHandler):
        """Answers every request whose Host header is not an allowed name."""

        def prepare(self) -> None:
            self.set_status(403)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(foreign_host_page_html())

    class HipbackVoila(Voila):
        """Voilà with a Host check, the XSRF cookie, a kernel cap and clean signals."""

        name = "hipback-voila"
        allowed_hosts = List(
            Unicode(),
            default_value=list(LOOPBACK_HOSTS),
            help="Host header names (port stripped) the server answers; others get 403.",
        ).tag(config=True)
        pool_sizes = Dict(
            value_trait=Int(),
            default_value={},
            help="Warm kernels per notebook path ('default': any other), when preheating.",
        ).tag(config=True)

        def initialize(self, argv: Any = None) -> None:
            super().initialize(argv)
            # Voilà's page handler calls this class method of the base class: keep every
            # page's request until its kernel has it (hipback.serving.request_info).
            RequestInfoSocketHandler.send_updates = classmethod(send_request_info)
            # Voilà handles SIGTERM; SIGHUP (terminal closed) gets the same clean stop.
            signal.signal(signal.SIGHUP, self._handle_signal_stop)

        def init_settings(self) -> dict:
            if self.pool_sizes:
                # Read by Voilà's kernel manager, which init_settings creates.
                self.config.VoilaKernelManager.kernel_pools_config = {
                    notebook: {"pool_size": size} for notebook, size in self.pool_sizes.items()
                }
            settings = super().init_settings()
            settings["xsrf_cookies"] = True
            # Tornado's host routing below does the Host check for every handler.
            settings["allow_remote_access"] = True
            for key in ("voila_jinja2_env", "jinja2_env"):
                env = settings.get(key)
                if env is not None:
                    env.loader = _OfflineLoader(env.loader)
            return settings

        def init_handlers(self) -> list:
            replacements = {
                TornadoVoilaHandler: AppPageHandler,
                RequestInfoSocketHandler: RequestInfoHandler,
            }
            return [(POOLS_PATH, PoolsHandler)] + swap_handlers(
                super().init_handlers(), replacements
            )

        def start(self) -> None:
            # Voilà.start, with the handlers bound to the allowed host names only.
            import tempfile

            self.connection_dir = tempfile.mkdtemp(prefix="voila_", dir=self.connection_dir_root)
            settings = self.init_settings()
            self.app = tornado.web.Application(**settings)
            self.app.settings.update(self.tornado_settings)
            self.app.add_handlers(host_pattern(self.allowed_hosts), self.init_handlers())
            self.app.add_handlers(".*$", [(r".*", ForeignHostHandler)])
            self.listen()

    return HipbackVoila, AppPageHandler


def _offline_loader_class() -> type:
    import jinja2

    class OfflineLoader(jinja2.BaseLoader):
        """Wraps a Jinja loader; removes ``<link>`` tags to public CDNs from each template."""

        def __init__(self, inner: jinja2.BaseLoader) -> None:
            self.inner = inner

        def get_source(self, environment: jinja2.Environment, template: str) -> Any:
            source, filename, uptodate = self.inner.get_source(environment, template)
            return _CDN_LINK.sub("", source), filename, uptodate

        def list_templates(self) -> list[str]:
            return self.inner.list_templates()

    return OfflineLoader


def _OfflineLoader(inner: Any) -> Any:  # noqa: N802 - reads as the class it builds
    return _offline_loader_class()(inner)


# --- process ------------------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def stop_with_parent() -> None:
    """Ask Linux to send this process SIGTERM when its parent dies (no-op elsewhere)."""
    if sys.platform != "linux":
        return
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def print_addresses(options: ServeOptions) -> None:
    """Print where the apps are, and how to stop the server."""
    base = options.base_url
    print("hipback apps (educational use only, not medical advice)")
    print(f"  start here:    {app_url(base, LANDING)}")
    for name, notebook in APPS.items():
        print(f"  {name + ':':<14} {app_url(base, notebook)}")
    limits = f"at most {options.max_kernels} pages at once" if options.max_kernels else "no cap"
    cull = (
        f"idle pages closed after {options.cull_idle_timeout // 60} min"
        if options.cull_idle_timeout
        else "idle pages kept"
    )
    print(f"  ({limits}; {cull})")
    print("Open the first address in a browser. Stop with Ctrl+C.", flush=True)


def serve(options: ServeOptions) -> int:
    """Serve the apps in this process until stopped; return 0, or 1 when the apps are missing."""
    apps_dir = options.apps_dir.resolve()
    missing = [name for name in (LANDING, *APPS.values()) if not (apps_dir / name).is_file()]
    if missing:
        print(f"hipback serve: missing in {apps_dir}: {', '.join(missing)}", file=sys.stderr)
        return 1
    if options.stop_with_parent:
        stop_with_parent()
    # The kit's Voilà template, found before Voilà's own.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(DATA_DIR), os.environ.get("JUPYTER_PATH", "")) if p
    )
    # Kernels run this Python (and its hipback).
    os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    os.chdir(apps_dir)
    print_addresses(options)
    app_class, _ = _voila_classes()
    app = app_class()
    app.initialize(voila_argv(ServeOptions(**{**options.__dict__, "apps_dir": apps_dir})))
    app.start()
    return 0


def build_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """Command-line options of :func:`main` (also used by ``hipback serve``)."""
    parser = parser or argparse.ArgumentParser(description=__doc__.splitlines()[0])
    defaults = ServeOptions()
    parser.add_argument("--apps-dir", type=Path, default=None, help="folder of the app notebooks")
    parser.add_argument("--host", default=defaults.host, help="address to listen on")
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        dest="allowed_hosts",
        help="another Host name the server answers at (repeatable)",
    )
    parser.add_argument("--max-kernels", type=int, default=defaults.max_kernels)
    parser.add_argument(
        "--cull-idle-timeout",
        type=int,
        default=defaults.cull_idle_timeout,
        help="seconds before an idle kernel is shut down (0: never)",
    )
    parser.add_argument("--cull-interval", type=int, default=defaults.cull_interval)
    parser.add_argument("--cull-connected", action="store_true")
    parser.add_argument(
        "--preheat",
        type=int,
        default=defaults.preheat,
        help="kernels per app run before anyone asks (0: none)",
    )
    parser.add_argument("--show-tracebacks", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--stop-with-parent", action="store_true", help="stop when the parent process dies"
    )
    return parser


#: Command-line options that map one to one onto :class:`ServeOptions` fields, in both
#: ``hipback serve`` and class mode (which declares them with class-mode defaults and help).
SHARED_OPTIONS: tuple[str, ...] = (
    "port",
    "max_kernels",
    "cull_idle_timeout",
    "cull_interval",
    "preheat",
    "show_tracebacks",
    "stop_with_parent",
)


def options_from_args(args: argparse.Namespace, apps_dir: Path, **overrides: Any) -> ServeOptions:
    """:class:`ServeOptions` from parsed arguments; ``overrides`` replace what they give.

    Class mode builds its server options here too, with its own ``--ip`` as the host and
    no server password (it keeps the session password itself).

    Examples
    --------
    >>> args = build_parser().parse_args(["--port", "8870", "--preheat", "0"])
    >>> opts = options_from_args(args, Path("apps"), host="0.0.0.0")
    >>> opts.port, opts.preheat, opts.host
    (8870, 0, '0.0.0.0')
    """
    defaults = ServeOptions()
    values: dict[str, Any] = {name: getattr(args, name) for name in SHARED_OPTIONS}
    values.update(
        apps_dir=args.apps_dir or apps_dir,
        host=getattr(args, "host", defaults.host),
        allowed_hosts=tuple(args.allowed_hosts),
        cull_connected=getattr(args, "cull_connected", defaults.cull_connected),
        password=getattr(args, "password", None),
    )
    values.update(overrides)
    return ServeOptions(**values)


def main(argv: list[str] | None = None, apps_dir: Path = Path("apps")) -> int:
    """``scripts/serve_app.py``: parse the options and serve until stopped."""
    args = build_parser().parse_args(argv)
    try:
        options = options_from_args(args, apps_dir)
    except ValueError as exc:
        print(f"hipback serve: {exc}", file=sys.stderr)
        return 2
    return serve(options)
