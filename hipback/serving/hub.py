"""nbgitpuller links that put the kit into a student's JupyterHub home and open a lesson or app.

A department's JupyterHub (Zero to JupyterHub or The Littlest JupyterHub, see
``deploy/jupyterhub/``) hands course material to students with `nbgitpuller
<https://nbgitpuller.readthedocs.io>`_ links. Clicking one logs the student in, starts
their server, clones (or, later, merges) the kit's git repository into their home, and
opens a page in it. :func:`class_link` builds such a link the way nbgitpuller's own link
generator does::

    {hub}/hub/user-redirect/git-pull?repo=…&urlpath=…&branch=…&targetPath=…

``targetPath`` is always given, so the folder the kit is cloned into and the folder the
``urlpath`` opens are the same by construction (nbgitpuller's server names the clone
after the last part of the repository URL *with* a trailing ``.git``, its link generator
without it).

Examples
--------
>>> print(class_link("https://hub.example.edu", "https://git.example.edu/kit/hipback.git"))
... # doctest: +NORMALIZE_WHITESPACE
https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgit.example.edu%2Fkit%2Fhipback.git&urlpath=lab%2Ftree%2Fhipback%2Fnotebooks%2F00_start_here.ipynb&branch=main&targetPath=hipback
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from hipback.errors import HipbackInputError

#: What a link can open, as a path inside the kit's repository, and the Jupyter app for it.
#: ``lesson00`` opens in JupyterLab; ``explorer`` through the Voilà server extension that
#: the kit's image installs (no code shown), at ``/user/NAME/voila/render/...``.
TARGETS: dict[str, tuple[str, str]] = {
    "lesson00": ("lab/tree", "notebooks/00_start_here.ipynb"),
    "explorer": ("voila/render", "apps/explorer.ipynb"),
}

DEFAULT_BRANCH = "main"

#: The checkout this module lives in (used to find a default ``--repo``).
_CHECKOUT = Path(__file__).resolve().parents[2]


def validate_hub_url(hub: str) -> str:
    """The hub's base address without a trailing slash; one-line error when it is not one.

    Raises
    ------
    HipbackInputError
        When ``hub`` is not an ``http(s)://host[/prefix]`` address without query or fragment.

    Examples
    --------
    >>> validate_hub_url("https://hub.example.edu/")
    'https://hub.example.edu'
    >>> validate_hub_url("hub.example.edu")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    hipback.errors.HipbackInputError: --hub 'hub.example.edu' is not a web address; ...
    """
    text = (hub or "").strip()
    example = "give the hub's address starting with https:// (for example https://hub.example.edu)"
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise HipbackInputError(f"--hub {hub!r} is not a valid web address; {example}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise HipbackInputError(f"--hub {hub!r} is not a web address; {example}")
    if parts.query or parts.fragment:
        raise HipbackInputError(
            f"--hub {hub!r} has a query or fragment; give only the hub's base address ({example})"
        )
    if parts.username or parts.password:
        raise HipbackInputError(f"--hub {hub!r} contains a user name or password; remove it")
    segments = [s for s in parts.path.split("/") if s]
    if "hub" in segments:
        # A pasted hub page (https://hub.example.edu/hub/home): keep the part before /hub.
        segments = segments[: segments.index("hub")]
    path = "".join(f"/{s}" for s in segments)
    host = parts.hostname if port is None else f"{parts.hostname}:{port}"
    if ":" in parts.hostname:  # IPv6 literal
        host = f"[{parts.hostname}]" + ("" if port is None else f":{port}")
    return f"{parts.scheme}://{host}{path}"


def clone_folder(repo: str) -> str:
    """The folder name nbgitpuller's link generator derives from a repository URL.

    Examples
    --------
    >>> clone_folder("https://github.com/example/hipback.git")
    'hipback'
    >>> clone_folder("file:///srv/courses/hipback/")
    'hipback'
    >>> clone_folder("git@example.org:team/hipback")
    'hipback'
    """
    last = repo.rstrip("/").split("/")[-1].split(":")[-1]
    name = re.sub(r"\.(git|bundle)$", "", last)
    if not name or name in (".", ".."):
        raise HipbackInputError(f"--repo {repo!r} does not name a repository")
    return name


def default_repo(checkout: Path = _CHECKOUT) -> str:
    """The ``origin`` remote of the git checkout the kit runs from.

    Raises
    ------
    HipbackInputError
        When there is no such checkout or remote: then ``--repo`` must be given.
    """
    try:
        result = subprocess.run(
            ["git", "-C", str(checkout), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        result = None
    url = result.stdout.strip() if result is not None and result.returncode == 0 else ""
    if not url:
        raise HipbackInputError(
            "no --repo given and this copy of the kit has no git remote 'origin'; "
            "give the address students' hub can clone, e.g. --repo https://github.com/ORG/hipback"
        )
    return url


def class_link(
    hub: str,
    repo: str,
    branch: str = DEFAULT_BRANCH,
    open_: str = "lesson00",
) -> str:
    """The nbgitpuller link for a class.

    Parameters
    ----------
    hub : str
        The hub's base address, e.g. ``https://hub.example.edu`` (checked with
        :func:`validate_hub_url`).
    repo : str
        Git URL of the kit, as the hub's user servers can clone it.
    branch : str
        Branch to clone.
    open_ : {"lesson00", "explorer"}
        What to open once the kit is in the student's home: lesson 00 in JupyterLab, or
        the case explorer through the hub's Voilà.

    Examples
    --------
    >>> link = class_link("http://127.0.0.1:8000", "/srv/hipback", open_="explorer")
    >>> link.split("?")[0]
    'http://127.0.0.1:8000/hub/user-redirect/git-pull'
    >>> "urlpath=voila%2Frender%2Fhipback%2Fapps%2Fexplorer.ipynb" in link
    True
    """
    base = validate_hub_url(hub)
    repo = (repo or "").strip()
    if not repo:
        raise HipbackInputError("--repo is empty; give the kit's git address")
    branch = (branch or "").strip()
    if not branch or any(ch.isspace() for ch in branch) or branch.startswith("-"):
        raise HipbackInputError(f"--branch {branch!r} is not a git branch name")
    if open_ not in TARGETS:
        choices = ", ".join(TARGETS)
        raise HipbackInputError(f"--open {open_!r} is not one of: {choices}")
    folder = clone_folder(repo)
    app, path = TARGETS[open_]
    query = urlencode(
        {
            "repo": repo,
            "urlpath": f"{app}/{folder}/{path}",
            "branch": branch,
            "targetPath": folder,
        }
    )
    return f"{base}/hub/user-redirect/git-pull?{query}"


def add_class_link_parser(sub) -> None:  # type: ignore[no-untyped-def]
    """Add the ``class-link`` sub-command to ``hipback``'s sub-parsers."""
    p = sub.add_parser(
        "class-link",
        help="print the nbgitpuller link that puts the kit into students' JupyterHub homes",
        description=(
            "Print an nbgitpuller link for a JupyterHub: it clones the kit into the "
            "student's hub home and opens lesson 00 in JupyterLab or the case explorer app "
            "through the hub's Voila. See deploy/jupyterhub/README.md."
        ),
    )
    p.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    p.add_argument(
        "--repo",
        default=None,
        help="git address of the kit that the hub can clone (default: this checkout's origin)",
    )
    p.add_argument(
        "--branch", default=DEFAULT_BRANCH, help=f"branch to clone (default {DEFAULT_BRANCH})"
    )
    p.add_argument(
        "--open",
        dest="open_",
        choices=list(TARGETS),
        default="lesson00",
        help="what to open: lesson00 in JupyterLab (default) or the explorer app",
    )


def run_class_link(args) -> int:  # type: ignore[no-untyped-def]
    """Print the link for parsed ``class-link`` arguments; raise HipbackInputError if bad."""
    hub = validate_hub_url(args.hub)  # first, so a bad hub is the error a lecturer sees
    repo = args.repo if args.repo is not None else default_repo()
    print(class_link(hub, repo, args.branch, args.open_))
    return 0
