"""Serve the case explorer and the quiz as code-free Voilà apps on this computer only.

``make app`` runs this. It starts Voilà on 127.0.0.1 over ``apps/`` (code hidden,
tracebacks hidden, the educational-use disclaimer on every page) and prints the
landing page's address, which links both apps. Stop it with Ctrl+C.

The browser tests start Voilà through :func:`voila_command` too, so what they
test is what a lecturer serves.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APPS_DIR = REPO / "apps"

#: The landing page (links both apps) and the apps, relative to ``apps/``.
LANDING = "index.ipynb"
APPS = {"explorer": "explorer.ipynb", "quiz": "quiz.ipynb"}

DEFAULT_PORT = 8866


def app_url(base_url: str, notebook: str) -> str:
    """The address at which Voilà renders ``notebook`` (a path relative to ``apps/``).

    Examples
    --------
    >>> app_url("http://127.0.0.1:8866", "quiz.ipynb")
    'http://127.0.0.1:8866/voila/render/quiz.ipynb'
    """
    return f"{base_url.rstrip('/')}/voila/render/{notebook}"


def voila_command(
    apps_dir: Path = APPS_DIR, port: int = DEFAULT_PORT, *, show_tracebacks: bool = False
) -> list[str]:
    """The Voilà command line that serves ``apps_dir`` on 127.0.0.1:``port``.

    Parameters
    ----------
    apps_dir : Path
        Folder holding the landing page and the app notebooks.
    port : int
        TCP port on the loopback interface.
    show_tracebacks : bool
        Send Python tracebacks to the page (tests only; learners see a short message).

    Returns
    -------
    list of str
        ``argv`` for :class:`subprocess.Popen`, using this Python's Voilà.

    Examples
    --------
    >>> cmd = voila_command(Path("apps"), 9000)
    >>> "--Voila.ip=127.0.0.1" in cmd and "--port=9000" in cmd
    True
    """
    return [
        sys.executable,
        "-m",
        "voila",
        str(apps_dir),
        "--no-browser",
        # Loopback only: the apps are for the lecturer's own machine and projector.
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        # Learners see widgets and text, never the code behind them.
        "--VoilaConfiguration.strip_sources=True",
        f"--VoilaConfiguration.show_tracebacks={show_tracebacks}",
        "--theme=light",
        # Voilà 0.5's page posts a kernel-shutdown beacon on leaving the page, with an
        # _xsrf field it never receives a cookie for, so the server refused it (403) and
        # the kernel kept running (voila-dashboards/voila#1458). On a loopback-only server
        # whose only POST is that shutdown, accept it without the XSRF check.
        "--Voila.tornado_settings=disable_check_xsrf=True",
        # Send the page at once and add outputs as cells run, as Lab does. Besides showing
        # something sooner, this creates the explorer's four plotly FigureWidgets one after
        # another: created together (the default), their ~5 MB modules load in parallel and
        # anywidget 0.11's 2 s start-up timeout logged "Failed to initialize model" on
        # about half the page loads on a 2-core machine.
        "--VoilaConfiguration.progressive_rendering=True",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run Voilà in the foreground until interrupted; return its exit code.

    Examples
    --------
    ``python scripts/serve_app.py --port 8866`` prints
    ``http://127.0.0.1:8866/voila/render/index.ipynb`` and serves until Ctrl+C.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port on 127.0.0.1")
    args = parser.parse_args(argv)

    missing = [name for name in (LANDING, *APPS.values()) if not (APPS_DIR / name).is_file()]
    if missing:
        print(f"serve_app: missing in {APPS_DIR}: {', '.join(missing)}", file=sys.stderr)
        return 1

    base = f"http://127.0.0.1:{args.port}"
    print("hipback apps (educational use only, not medical advice)")
    print(f"  start here:    {app_url(base, LANDING)}")
    for name, notebook in APPS.items():
        print(f"  {name + ':':<14} {app_url(base, notebook)}")
    print("Open the first address in a browser. Stop with Ctrl+C.", flush=True)

    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    voila = subprocess.Popen(voila_command(APPS_DIR, args.port), cwd=APPS_DIR, env=env)
    try:
        return voila.wait()
    except KeyboardInterrupt:
        # Ctrl+C reached Voilà too (same process group): let it shut its kernels down
        # instead of killing it, which would leave them running.
        try:
            voila.wait(timeout=20)
        except subprocess.TimeoutExpired:
            voila.terminate()
            voila.wait(timeout=10)
        return 0


if __name__ == "__main__":
    sys.exit(main())
