"""The one writer for every file the kit writes: atomic, all-or-nothing, never clobbering.

Every file the kit writes (``hipback cases -o``, handouts, progress files, exported
results) goes through :func:`write_files`:

* **Atomic.** Each file's new content goes to a temporary file in the *same folder*,
  is written with low-level ``os.write`` calls, flushed and ``fsync``-ed, then renamed
  over the target. A crash, a full disk or a signal at any moment leaves the old file
  (or no file) — never a truncated one.
* **All or nothing.** Several files (a handout's cards and its answer key) are written
  together: every temporary file is complete before the first rename, and if a rename
  fails the targets already renamed are put back as they were.
* **Devices and pipes** (``/dev/null``, ``/dev/stdout``, a FIFO) are written in place:
  they cannot be renamed over, and are not files that could be replaced.
* **No silent overwrite.** An existing file is replaced only with ``overwrite=True``
  (the command line's ``--force``); otherwise :class:`OutputExistsError` names the file
  and how to proceed. Without ``overwrite`` the final step is a hard link, which fails
  if the target appeared meanwhile, so a race cannot clobber it either.

Errors are :class:`~hipback.HipbackInputError` with one line naming the path and why
(``No space left on device``, ``Permission denied``...); temporary files are removed.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "a.txt", "hello\\n")
>>> (folder / "a.txt").read_text()
'hello\\n'
>>> try:
...     write_text(folder / "a.txt", "again\\n")
... except OutputExistsError as err:
...     print(str(err).split(" (")[0])
output: 'a.txt' already exists
>>> write_text(folder / "a.txt", "again\\n", overwrite=True)
>>> sorted(p.name for p in folder.iterdir())
['a.txt']
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from hipback.errors import HipbackInputError

__all__ = ["OutputExistsError", "write_bytes", "write_files", "write_text"]

_CHUNK = 1 << 20


class OutputExistsError(HipbackInputError):
    """The target file exists and replacing it was not asked for."""

    def __init__(self, path: Path, hint: str = "") -> None:
        self.path = path
        hint = hint or "pass overwrite=True to replace it, or choose a new name"
        super().__init__(f"output: {path.name!r} already exists (in {str(path.parent)!r}); {hint}")


def _reason(err: OSError) -> str:
    return err.strerror or (errno.errorcode.get(err.errno or 0) or type(err).__name__)


def _write_error(path: Path, err: OSError) -> HipbackInputError:
    return HipbackInputError(
        f"output: cannot write {str(path)!r} ({_reason(err)}); nothing was written and any "
        "existing file is unchanged"
    )


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:  # pragma: no cover - os.write raises instead
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def _sync_folder(folder: Path) -> None:
    """Make renames in ``folder`` durable where the platform allows syncing a directory."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _temp_copy(path: Path, data: bytes) -> Path:
    """A complete, fsync-ed temporary file next to ``path`` holding ``data``."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    os.close(fd)
    try:  # an existing file keeps its permissions; a new one gets the usual 0o666 - umask
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = 0o666 & ~_UMASK
    with contextlib.suppress(OSError):
        os.chmod(name, mode)
    return Path(name)


def _read_umask() -> int:
    """The process umask, read without changing it where /proc allows (thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read once, at import
    os.umask(mask)
    return mask


_UMASK = _read_umask()


def _is_stream(path: Path) -> bool:
    """A device or pipe (``/dev/null``, ``/dev/stdout``, a FIFO): written in place, not renamed."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY)
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as err:
        raise _write_error(path, err) from err


def _check_target(path: Path, overwrite: bool, hint: str) -> None:
    if path.is_dir():
        raise HipbackInputError(f"output: {str(path)!r} is a folder; allowed: a file path")
    if not path.parent.is_dir():
        raise HipbackInputError(
            f"output: cannot write {str(path)!r} (its folder does not exist); allowed: a file "
            "path in an existing, writable folder"
        )
    if path.exists() and not overwrite:
        raise OutputExistsError(path, hint)


def write_files(
    files: Mapping[str | os.PathLike[str], bytes | str],
    *,
    overwrite: bool = False,
    hint: str = "",
) -> None:
    """Write several files atomically and together: all of them, or none.

    Parameters
    ----------
    files : mapping of path to bytes or str
        Text is encoded as UTF-8.
    overwrite : bool
        Replace existing files (default: refuse, naming the first that exists).
    hint : str
        How the user can replace a file or choose another name (for the message),
        e.g. ``"add --force to replace it, or choose another --output"``.

    Raises
    ------
    OutputExistsError
        A target exists and ``overwrite`` is false (nothing was written).
    HipbackInputError
        A file could not be written (full disk, no permission...); nothing was
        changed and no temporary file is left.
    """
    targets = [(Path(p), d.encode("utf-8") if isinstance(d, str) else bytes(d))
               for p, d in files.items()]  # fmt: skip
    streams = [(p, d) for p, d in targets if _is_stream(p)]
    targets = [(p, d) for p, d in targets if not _is_stream(p)]
    for path, _ in targets:
        _check_target(path, overwrite, hint)
    temps: list[tuple[Path, Path]] = []
    # (target, backup of the old file or None, whether a file was there before)
    done: list[tuple[Path, Path | None, bool]] = []
    current = targets[0][0] if targets else Path()
    try:
        for path, data in targets:
            current = path
            temps.append((_temp_copy(path, data), path))
        for temp, path in temps:
            current = path
            existed = path.exists()
            if overwrite:
                # listed before the rename, so a signal right after it is still undone
                done.append((path, _backup(path) if existed else None, existed))
                os.replace(temp, path)
                continue
            try:
                _link_no_clobber(temp, path, hint)
            except OutputExistsError:
                raise
            except BaseException:
                if _same_file(temp, path):  # linked just before the interruption
                    done.append((path, None, False))
                raise
            done.append((path, None, False))
    except BaseException as err:
        with _signals_held():  # a second Ctrl-C or SIGTERM must not stop the clean-up
            _roll_back(done)
            for temp, _ in temps:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
        if isinstance(err, OSError):
            raise _write_error(current, err) from err
        raise
    for _path, backup, _existed in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)
    for folder in {p.parent for p, _ in targets}:
        _sync_folder(folder)
    for path, data in streams:  # devices and pipes last: they cannot be taken back
        _write_stream(path, data)


def _backup(path: Path) -> Path | None:
    """A hard link to the current file (to restore it if a later rename fails)."""
    backup = Path(tempfile.mktemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
    try:
        os.link(path, backup)
    except OSError:
        return None  # no hard links here: the old file cannot be restored, but is not lost
    return backup


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _link_no_clobber(temp: Path, path: Path, hint: str) -> None:
    try:
        os.link(temp, path)
    except FileExistsError:
        raise OutputExistsError(path, hint) from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if path.exists():  # file systems without hard links: check, then rename
            raise OutputExistsError(path, hint) from None
        os.replace(temp, path)
        return
    os.unlink(temp)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT, SIGTERM and SIGHUP while files are put back, then deliver them.

    Python runs signal handlers in the main thread only, between bytecodes; swapping
    the handlers (rather than blocking the signal, which another thread could still
    receive) is what keeps the handler from interrupting the clean-up.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers never run in this thread
        return
    names = [n for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)]
    caught: list[int] = []
    old = {}
    for name in names:
        number = getattr(signal, name)
        with contextlib.suppress(ValueError, OSError):
            old[number] = signal.signal(number, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        for number, handler in old.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _roll_back(done: list[tuple[Path, Path | None, bool]]) -> None:
    """Put back the files already renamed (a new file is removed, an old one restored)."""
    for path, backup, existed in reversed(done):
        with contextlib.suppress(OSError):
            if backup is not None and _same_file(backup, path):
                os.unlink(backup)  # the rename had not happened: the old file is in place
            elif backup is not None:
                os.replace(backup, path)
            elif not existed:
                os.unlink(path)


def write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False,
                hint: str = "") -> None:  # fmt: skip
    """Write one file atomically (see :func:`write_files`)."""
    write_files({path: data}, overwrite=overwrite, hint=hint)


def write_text(path: str | os.PathLike[str], text: str, *, overwrite: bool = False,
               hint: str = "") -> None:  # fmt: skip
    """Write one UTF-8 text file atomically (see :func:`write_files`)."""
    write_files({path: text}, overwrite=overwrite, hint=hint)
