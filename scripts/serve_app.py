"""Serve the case explorer and the quiz as code-free Voilà apps (``make app``).

A thin entry: the server is :mod:`hipback.serving.voila_server` (loopback only unless
told otherwise, Host check, XSRF on, idle kernels culled, a kernel cap, a clean stop on
SIGTERM / SIGINT / SIGHUP). It prints the landing page's address, which links both apps.
Run ``python scripts/serve_app.py --help`` for the options.

The browser tests start the server through :func:`voila_command`, so what they test is
what a lecturer serves.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APPS_DIR = REPO / "apps"
sys.path.insert(0, str(REPO))  # run from a clone without installing

from hipback.serving import voila_server  # noqa: E402

APPS, DEFAULT_PORT, LANDING = voila_server.APPS, voila_server.DEFAULT_PORT, voila_server.LANDING
app_url = voila_server.app_url

__all__ = ["APPS", "APPS_DIR", "DEFAULT_PORT", "LANDING", "app_url", "main", "voila_command"]


def voila_command(
    apps_dir: Path = APPS_DIR,
    port: int = DEFAULT_PORT,
    *,
    show_tracebacks: bool = False,
    extra: list[str] | tuple[str, ...] = (),
) -> list[str]:
    """The command line that serves ``apps_dir`` on 127.0.0.1:``port`` as ``make app`` does.

    Examples
    --------
    >>> cmd = voila_command(Path("apps"), 9000)
    >>> cmd[1].endswith("serve_app.py") and "--port=9000" in cmd
    True
    """
    argv = [sys.executable, str(Path(__file__).resolve()), f"--apps-dir={Path(apps_dir).resolve()}"]
    argv += [f"--port={port}", *extra]
    if show_tracebacks:
        argv.append("--show-tracebacks")
    return argv


def main(argv: list[str] | None = None) -> int:
    """Serve the apps in the foreground until stopped; return the exit code."""
    return voila_server.main(argv, apps_dir=APPS_DIR)


if __name__ == "__main__":
    sys.exit(main())
