r"""Writing files safely: whole or not at all, never through a symbolic link.

Every file the library and the command write goes through :func:`write_atomic`: the bytes go to
a temporary file in the same folder, which is flushed to disk and then renamed over the target
(:func:`os.replace`, atomic on POSIX and Windows). A failure part-way (disk full, file size
limit, an interrupted run) leaves the earlier file as it was and no temporary file behind. A
target that is a symbolic link is refused rather than followed: writing would replace a file
elsewhere than where the user pointed.

Examples:
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomic(p, "Été\n") == p, p.read_text(encoding="utf-8")
    (True, 'Été\n')
    >>> sorted(q.name for q in p.parent.iterdir())  # no temporary file left
    ['out.txt']
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ges_graph.errors import ArgumentError

__all__ = ["check_not_symlink", "write_atomic"]


def check_not_symlink(path: str | os.PathLike[str]) -> None:
    """Refuse a target that is a symbolic link (even a dangling one).

    Raises:
        ArgumentError: ``path`` is a symbolic link; the message names it.

    Examples:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> (d / "link.svg").symlink_to(d / "elsewhere.svg")
        >>> check_not_symlink(d / "link.svg")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: .../link.svg: is a symbolic link; refusing to write ...
    """
    if Path(path).is_symlink():
        raise ArgumentError(f"{os.fspath(path)}: is a symbolic link; refusing to write through it")


def _temporary(folder: Path) -> tuple[int, Path]:
    """A new file in ``folder``, opened for writing, with a data file's permissions (umask).

    ``0o666`` less the umask, as ``open`` gives: ``os.open``'s default, ``0o777``, would make
    every written file executable.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".ges-graph-{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
        return fd, tmp


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8, no newline translation) to ``path``, whole or not at all.

    The data goes to a temporary file beside ``path``, flushed and synced, then renamed over it;
    an existing file keeps its permissions. On failure the temporary file is removed and an
    earlier file at ``path`` is left untouched.

    Args:
        path: the file to write.
        data: its new content.

    Returns:
        ``path``, as a :class:`~pathlib.Path`.

    Raises:
        ArgumentError: ``path`` is a symbolic link (see :func:`check_not_symlink`).
        OSError: the file cannot be written (no such folder, disk full, ...).
    """
    out = Path(path)
    check_not_symlink(out)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    fd, tmp = _temporary(out.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, stat.S_IMODE(os.stat(out).st_mode))
        os.replace(tmp, out)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return out
