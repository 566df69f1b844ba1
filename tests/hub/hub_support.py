"""A real JupyterHub on 127.0.0.1 for the integration test, and a scripted student.

The hub is JupyterHub from PyPI with its proxy, configurable-http-proxy, from the npm
registry (installed by :func:`ensure_proxy` into the git-ignored ``.hub-node/`` of the
checkout), ``DummyAuthenticator`` (any name, no password), ``SimpleLocalProcessSpawner``
(each student's server is a local ``jupyterhub-singleuser`` process with its own
temporary home) and ``jupyterhub-idle-culler`` as a hub service with a short timeout.
Everything listens on free ports of 127.0.0.1 and is stopped with its children.

A student does what a browser does (hubtraf's simulated users are the model): log in
through the form, follow the class's nbgitpuller link through every redirect (waiting
while the hub spawns their server), then do what nbgitpuller's status page does in
JavaScript: call ``git-pull/api`` (a server-sent event stream) until ``finished`` and go
to the link's ``urlpath``.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
from process_tree import stop_process_tree

REPO = Path(__file__).resolve().parents[2]
#: configurable-http-proxy from the npm registry, installed here (git-ignored).
NODE_PREFIX = REPO / ".hub-node"
PROXY_BIN = NODE_PREFIX / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_PACKAGE = "configurable-http-proxy@^5"
VENV_BIN = Path(sys.executable).parent

#: What the course repository served to the hub contains (a copy of the kit's files).
COURSE_FOLDERS = ("notebooks", "apps", "data")


class HubError(RuntimeError):
    """The hub or a student's server did not behave as a class needs."""


def ensure_proxy(timeout: float = 240.0) -> Path:
    """Install configurable-http-proxy into ``.hub-node/`` unless it is there; its path."""
    if PROXY_BIN.exists():
        return PROXY_BIN
    npm = shutil.which("npm")
    if npm is None:
        raise HubError(
            "npm is missing: install Node.js (Debian: apt-get install -y nodejs npm); the hub "
            f"test installs {PROXY_PACKAGE} from the npm registry into {NODE_PREFIX}"
        )
    result = subprocess.run(
        [npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
         "--loglevel=error", PROXY_PACKAGE],
        capture_output=True, text=True, timeout=timeout, check=False,
    )  # fmt: skip
    if result.returncode != 0 or not PROXY_BIN.exists():
        raise HubError(f"npm install {PROXY_PACKAGE} failed:\n{result.stderr[-2000:]}")
    return PROXY_BIN


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_course_repo(parent: Path, name: str = "hipback") -> Path:
    """A git repository holding a copy of the kit's lessons, apps and data (branch main).

    The hub's students clone it with nbgitpuller, as they would clone the department's
    copy of the kit; a copy of the working tree means the test sees uncommitted edits too.
    """
    repo = parent / name
    repo.mkdir(parents=True)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    for folder in COURSE_FOLDERS:
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, repo / folder, ignore=ignore)
    git = ["git", "-C", str(repo), "-c", "user.name=hipback test",
           "-c", "user.email=test@example.invalid"]  # fmt: skip
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "course copy"], check=True)
    return repo


@dataclass
class Hub:
    """A running JupyterHub (with proxy and idle culler) and how to reach it."""

    url: str
    process: subprocess.Popen[bytes]
    root: Path
    log_path: Path
    api_token: str
    cull_timeout: int
    _stopped: bool = field(default=False, repr=False)

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, path: str) -> Any:
        """GET the hub's REST API as the test's read-only observer service."""
        response = requests.get(
            f"{self.url}/hub/api{path}",
            headers={"Authorization": f"token {self.api_token}"},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()

    def running_servers(self) -> dict[str, dict[str, Any]]:
        """``{user: server model}`` of every user whose default server is running."""
        users = self.api("/users?state=active")
        return {u["name"]: u["servers"][""] for u in users if "" in u.get("servers", {})}

    def stop(self) -> None:
        """Stop the hub, the proxy, the culler and every student's server."""
        if self._stopped:
            return
        self._stopped = True
        stop_process_tree(self.process, grace=15)


_CONFIG = """\
# JupyterHub for the hipback integration test: loopback only, temporary state.
import sys
c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.JupyterHub.db_url = "sqlite:///{root}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{root}/jupyterhub.pid"
c.ConfigurableHTTPProxy.command = ["{proxy}"]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = "{root}/proxy.pid"
c.ConfigurableHTTPProxy.should_start = True
# Students: any name, no password; each server a local process with its own home.
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{root}/homes/{{username}}"
c.Spawner.cmd = ["{singleuser}"]
c.Spawner.args = ["--allow-root", "--ServerApp.ip=127.0.0.1"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 90
c.Spawner.http_timeout = 90
c.Spawner.environment = {{
    # Servers tell the hub about activity every 2 s (default: every 5 minutes), so
    # the culler's short timeout measures real idleness.
    "JUPYTERHUB_ACTIVITY_INTERVAL": "2",
    "PATH": "{venv_bin}" + ":/usr/local/bin:/usr/bin:/bin",
}}
c.JupyterHub.last_activity_interval = 5
# The idle culler, as Zero to JupyterHub and TLJH run it: a hub service with the API
# scopes it needs; here with a short timeout so the test sees it stop the servers.
c.JupyterHub.services = [
    {{
        "name": "idle-culler",
        "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                    "--timeout={cull_timeout}", "--cull-every={cull_every}"],
    }},
    {{"name": "test-observer", "api_token": "{api_token}"}},
]
c.JupyterHub.load_roles = [
    {{
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }},
    {{
        "name": "test-observer",
        "scopes": ["list:users", "read:users", "read:servers"],
        "services": ["test-observer"],
    }},
]
"""


def start_hub(root: Path, cull_timeout: int = 15, cull_every: int = 3, timeout: float = 60) -> Hub:
    """Start JupyterHub in ``root`` on free loopback ports; return when its API answers."""
    proxy = ensure_proxy()
    root.mkdir(parents=True, exist_ok=True)
    (root / "homes").mkdir(exist_ok=True)
    port, hub_port, proxy_api_port = free_port(), free_port(), free_port()
    api_token = secrets.token_hex(16)
    config = root / "jupyterhub_config.py"
    config.write_text(
        _CONFIG.format(
            port=port,
            hub_port=hub_port,
            proxy_api_port=proxy_api_port,
            root=root,
            proxy=proxy,
            singleuser=VENV_BIN / "jupyterhub-singleuser",
            venv_bin=VENV_BIN,
            cull_timeout=cull_timeout,
            cull_every=cull_every,
            api_token=api_token,
        )
    )
    env = dict(os.environ)
    for key in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTER_RUNTIME_DIR", "JUPYTER_TOKEN"):
        env.pop(key, None)
    env.update(
        HOME=str(root),
        JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
        JUPYTER_DATA_DIR=str(root / ".local" / "share" / "jupyter"),
        CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(16),
        PATH=os.pathsep.join([str(VENV_BIN), env.get("PATH", "")]),
        PYTHONUNBUFFERED="1",
    )
    log_path = root / "jupyterhub.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(config)],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    hub = Hub(f"http://127.0.0.1:{port}", process, root, log_path, api_token, cull_timeout)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            hub.stop()
            raise HubError(f"JupyterHub exited ({process.returncode}):\n{hub.log_tail()}")
        try:
            if requests.get(f"{hub.url}/hub/api/", timeout=2).status_code == 200:
                return hub
        except requests.RequestException:
            pass
        time.sleep(0.3)
    hub.stop()
    raise HubError(f"JupyterHub not ready after {timeout:.0f} s:\n{hub.log_tail()}")


def cookies_for(jar: CookieJar, url: str) -> dict[str, str]:
    """The cookies a browser would send to ``url`` (the most specific path wins)."""
    path = urlsplit(url).path or "/"
    chosen = sorted(
        (c for c in jar if path.startswith(c.path) or f"{path}/" == c.path),
        key=lambda c: len(c.path),
    )
    return {c.name: c.value for c in chosen if c.value is not None}


_DATA_ATTR = re.compile(r'data-([a-z-]+)="([^"]*)"')


@dataclass
class Student:
    """One scripted student using the hub as a browser would."""

    name: str
    hub: Hub
    http: requests.Session = field(default_factory=requests.Session)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def server_url(self) -> str:
        return f"{self.hub.url}/user/{self.name}/"

    def xsrf_headers(self) -> dict[str, str]:
        token = cookies_for(self.http.cookies, self.server_url).get("_xsrf", "")
        return {"X-XSRFToken": token} if token else {}

    def login(self) -> None:
        start = time.perf_counter()
        page = self.http.get(f"{self.hub.url}/hub/login", timeout=30)
        page.raise_for_status()
        xsrf = cookies_for(self.http.cookies, f"{self.hub.url}/hub/login").get("_xsrf", "")
        reply = self.http.post(
            f"{self.hub.url}/hub/login",
            data={"username": self.name, "password": "any", "_xsrf": xsrf},
            allow_redirects=False,
            timeout=30,
        )
        if reply.status_code != 302:
            raise HubError(f"{self.name}: login answered {reply.status_code}")
        self.timings["login"] = time.perf_counter() - start

    def follow_class_link(self, link: str, timeout: float = 120.0, open_target: bool = True) -> str:
        """Follow an nbgitpuller link to the end; return the address it finally opens.

        With ``open_target=False`` the final page is not requested (the caller opens it,
        e.g. as a Voila app, which would otherwise start a second kernel).
        """
        start = time.perf_counter()
        deadline = time.monotonic() + timeout
        while True:
            page = self.http.get(link, timeout=60)
            if urlsplit(page.url).path == f"/user/{self.name}/git-pull" and page.ok:
                break  # nbgitpuller's status page, served by the student's own server
            if time.monotonic() > deadline:
                raise HubError(f"{self.name}: link still at {page.url} ({page.status_code})")
            time.sleep(1.0)  # the hub's "your server is starting" page; try again
        self.timings.setdefault("spawn", time.perf_counter() - start)
        # As its index.js does: data-* attributes are URI-encoded.
        data = {k: unquote(html.unescape(v)) for k, v in _DATA_ATTR.findall(page.text)}
        missing = {"base-url", "repo", "targetpath", "path"} - data.keys()
        if missing:
            raise HubError(f"{self.name}: nbgitpuller page lacks {sorted(missing)}")
        # What nbgitpuller's gitsync.js does: stream git-pull/api until "finished".
        params = {"repo": data["repo"], "targetpath": data["targetpath"]}
        if data.get("branch"):
            params["branch"] = data["branch"]
        if data.get("xsrf"):
            params["_xsrf"] = data["xsrf"]
        pulled = time.perf_counter()
        with self.http.get(
            f"{self.hub.url}{data['base-url']}git-pull/api",
            params=params,
            stream=True,
            timeout=60,
        ) as stream:
            if stream.status_code != 200:
                raise HubError(f"{self.name}: git-pull/api answered {stream.status_code}")
            phase = ""
            for line in stream.iter_lines(decode_unicode=True):
                if not line or not line.startswith("data:"):
                    continue
                event = json.loads(line[5:])
                phase = event.get("phase", phase)
                if phase == "error":
                    raise HubError(f"{self.name}: nbgitpuller: {event.get('message')}")
                if phase == "finished":
                    break
        if phase != "finished":
            raise HubError(f"{self.name}: nbgitpuller stream ended in phase {phase!r}")
        self.timings.setdefault("git-pull", time.perf_counter() - pulled)
        target = f"{self.hub.url}{data['base-url']}{data['path']}"
        if not open_target:
            return target
        opened = self.http.get(target, timeout=60)
        if opened.status_code != 200:
            raise HubError(f"{self.name}: {target} answered {opened.status_code}")
        return target

    @contextlib.contextmanager
    def lab_open(self, every: float = 2.0):
        """While the block runs, poll the server's API as an open JupyterLab tab does.

        JupyterLab polls ``api/sessions``, ``api/kernels`` and ``api/contents`` every few
        seconds; that is what the server reports to the hub as activity, so it is what
        keeps a working student's server from being culled.
        """
        stop = threading.Event()

        def poll() -> None:
            while not stop.wait(every):
                with contextlib.suppress(requests.RequestException):
                    self.http.get(f"{self.server_url}api/sessions", timeout=10)

        thread = threading.Thread(target=poll, name=f"{self.name}-lab-poll", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=15)

    def contents(self, path: str) -> dict[str, Any]:
        reply = self.http.get(f"{self.server_url}api/contents/{path}", timeout=30)
        if reply.status_code != 200:
            raise HubError(f"{self.name}: contents {path}: HTTP {reply.status_code}")
        return reply.json()

    def start_notebook_kernel(self, path: str) -> str:
        """Start a kernel for ``path`` as JupyterLab does (a session); its kernel id."""
        reply = self.http.post(
            f"{self.server_url}api/sessions",
            json={"path": path, "name": Path(path).name, "type": "notebook",
                  "kernel": {"name": "python3"}},
            headers=self.xsrf_headers(),
            timeout=60,
        )  # fmt: skip
        if reply.status_code != 201:
            raise HubError(f"{self.name}: new session: HTTP {reply.status_code} {reply.text}")
        return str(reply.json()["kernel"]["id"])

    def ws_cookies(self) -> dict[str, str]:
        return cookies_for(self.http.cookies, self.server_url)
