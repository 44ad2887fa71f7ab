"""Running Graphviz's ``dot``: under a time budget, its failures said plainly, its output stable.

Examples:
    >>> FORMATS
    ('svg', 'png', 'pdf')
"""

from __future__ import annotations

import os
import re
import select
import selectors
import shutil
import subprocess
import time
import warnings

from ges_graph.errors import ArgumentError, RenderError, os_reason

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "PNG_DPI",
    "PNG_MAX_INCHES",
    "GraphvizWarning",
    "LayoutFallbackWarning",
    "find_dot",
    "run_dot",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds ``dot`` may run for one diagram (all attempts together) before a RenderError."""

PNG_DPI = 200
"""A PNG's resolution: 9-point text is then 25 pixels high, sharp once printed (at Graphviz's
default, 96 dpi, it was 12 pixels, blurred on paper)."""

PNG_MAX_INCHES = 48
"""A PNG is scaled down to at most this many inches a side (9,600 pixels at :data:`PNG_DPI`): a
larger raster takes seconds to paint and cannot be read whole anyway; SVG and PDF are not
capped."""

FORMATS = ("svg", "png", "pdf")
"""What :func:`run_dot` produces."""


class LayoutFallbackWarning(UserWarning):
    """The layout was drawn in a simpler way than asked (clusters dropped), and why."""


class GraphvizWarning(UserWarning):
    """``dot`` drew the diagram but said something on its error stream (quoted)."""


def find_dot() -> str | None:
    """The path of the ``dot`` binary on ``PATH``, or None.

    Once found, it is kept for that ``PATH`` while it is there and can be run: looking for it
    again along ``PATH`` took a tenth of a millisecond a diagram.
    """
    path = os.environ.get("PATH", os.defpath)
    exe = _FOUND.get(path)
    if exe is not None and os.access(exe, os.X_OK) and not os.path.isdir(exe):
        return exe
    exe = shutil.which("dot")
    if exe is not None:
        _FOUND[path] = exe
    return exe


_FOUND: dict[str, str] = {}
"""Where ``dot`` was found, by the ``PATH`` it was found on."""


def run_dot(source: str, fmt: str = "svg", *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Lay out and render DOT ``source`` with the ``dot`` binary, within ``timeout`` seconds.

    Args:
        source: DOT source.
        fmt: ``svg``, ``png`` or ``pdf``.
        timeout: seconds before ``dot`` is stopped.

    Raises:
        RenderError: ``dot`` is not installed, failed (its message is quoted) or ran out of time.
        ValueError: an unknown format.
    """
    if fmt not in FORMATS:
        raise ArgumentError(f"unknown format: {fmt!r} (must be one of {', '.join(FORMATS)})")
    exe = find_dot()
    if exe is None:
        install = "(apt install graphviz, brew install graphviz, https://graphviz.org/download/)"
        raise RenderError(
            f"the Graphviz 'dot' program is not on PATH: install Graphviz {install} "
            "or draw with engine='matplotlib'",
            message_fr="le programme « dot » de Graphviz est introuvable : installez Graphviz "
            f"{install}",
            message_en=f"the Graphviz 'dot' program is not on PATH: install Graphviz {install}",
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "TZ": "UTC"}
    png_size = [f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}", f"-Gdpi={PNG_DPI}"]
    if fmt != "png":
        png_size = []
    try:
        done = _run(
            [exe, f"-T{fmt}", *png_size],
            source.encode("utf-8", "replace"),  # a lone surrogate from JSON: "?"
            env,
            timeout,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz 'dot' did not finish within {timeout:g} s and was stopped; "
            "draw fewer layers, without clusters, or with engine='matplotlib'",
            message_fr=f"« dot » (Graphviz) n'a pas fini en {timeout:g} s et a été arrêté",
            message_en=f"Graphviz 'dot' did not finish within {timeout:g} s and was stopped",
        ) from None
    except OSError as exc:
        raise RenderError(
            f"could not run Graphviz 'dot' ({exe}): {os_reason(exc, 'en')}",
            message_fr=f"« dot » (Graphviz, {exe}) n'a pu être lancé : {os_reason(exc, 'fr')}",
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(message[-3:]) if message else "no message"
        raise RenderError(
            f"Graphviz 'dot' failed (exit status {done.returncode}): {detail}; "
            "try without clusters, fewer layers, or engine='matplotlib'",
            message_fr=f"« dot » (Graphviz) a échoué (code de sortie {done.returncode}) : {detail}",
            message_en=f"Graphviz 'dot' failed (exit status {done.returncode}): {detail}",
        )
    if done.stderr.strip():
        said = "; ".join(done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
        warnings.warn(f"Graphviz 'dot': {said}", GraphvizWarning, stacklevel=2)
    if fmt == "pdf":
        return _fixed_pdf_date(done.stdout)
    return done.stdout


def _run(
    args: list[str], data: bytes, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[bytes]:
    """``args`` run with ``data`` on its input, its output and error stream read whole.

    As ``subprocess.run(args, input=data, capture_output=True, timeout=timeout, env=env)``,
    but woken the moment the program ends: once its streams close, ``subprocess`` looks for
    its end after sleeps of 1, 2, 4... ms (a millisecond or more lost on most diagrams), where
    this waits on a file descriptor of the process (Linux; elsewhere, ``subprocess.run``).

    Raises:
        subprocess.TimeoutExpired: it did not end within ``timeout`` seconds (it is stopped).
        OSError: it could not be started.

    Examples:
        >>> import sys
        >>> done = _run([sys.executable, "-c", "import sys; print(sys.stdin.read()[::-1])"],
        ...             b"dot", {}, 60)
        >>> done.returncode, done.stdout.strip(), done.stderr
        (0, b'tod', b'')
    """
    if not hasattr(os, "pidfd_open"):  # not Linux: nothing to wait on but the process
        return subprocess.run(
            args, input=data, capture_output=True, timeout=timeout, check=False, env=env
        )
    deadline = time.monotonic() + timeout
    pipe = subprocess.PIPE
    with subprocess.Popen(args, stdin=pipe, stdout=pipe, stderr=pipe, env=env) as proc:
        try:
            out, err = _exchange(proc, data, deadline, timeout)
            _await(proc, deadline, timeout)
        except BaseException:
            proc.kill()
            raise
    return subprocess.CompletedProcess(args, proc.returncode, out, err)


_SELECTOR = getattr(selectors, "PollSelector", selectors.SelectSelector)
"""As ``subprocess`` chooses: ``poll`` where there is one (Linux, where this is used)."""
_CHUNK = 1 << 16
"""The most written or read at once: what a pipe holds (64 KiB on Linux). The input pipe does
not block: each write takes what fits, most often the whole DOT source at once (in pieces of
``PIPE_BUF``, 4 KiB, a poll each, it took a dozen rounds at 100 members)."""


def _exchange(
    proc: subprocess.Popen[bytes], data: bytes, deadline: float, timeout: float
) -> tuple[bytes, bytes]:
    """``data`` written to ``proc``'s input while its output and error stream are read whole.

    As ``Popen.communicate`` does, without its wait for the end.
    """
    if proc.stdin is None or proc.stdout is None or proc.stderr is None:  # opened as pipes
        raise RenderError("could not talk to Graphviz 'dot': a pipe is missing")
    out, err = proc.stdout.fileno(), proc.stderr.fileno()
    read: dict[int, list[bytes]] = {out: [], err: []}
    view, sent = memoryview(data), 0
    with _SELECTOR() as selector:
        if data:
            os.set_blocking(proc.stdin.fileno(), False)
            selector.register(proc.stdin, selectors.EVENT_WRITE)
        else:
            proc.stdin.close()
        selector.register(proc.stdout, selectors.EVENT_READ)
        selector.register(proc.stderr, selectors.EVENT_READ)
        while selector.get_map():
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(proc.args, timeout)
            for key, _ in selector.select(left):
                if key.fileobj is proc.stdin:
                    try:
                        sent += os.write(key.fd, view[sent : sent + _CHUNK])
                    except BlockingIOError:  # full again: written when it says it has room
                        continue
                    except BrokenPipeError:  # it stopped reading: what it says comes next
                        sent = len(data)
                    if sent >= len(data):
                        selector.unregister(proc.stdin)
                        proc.stdin.close()
                    continue
                chunk = os.read(key.fd, _CHUNK)
                if chunk:
                    read[key.fd].append(chunk)
                else:
                    selector.unregister(key.fileobj)
                    key.fileobj.close()  # type: ignore[union-attr]
    return b"".join(read[out]), b"".join(read[err])


def _await(proc: subprocess.Popen[bytes], deadline: float, timeout: float) -> None:
    """The end of ``proc`` awaited until ``deadline``, woken when it comes (Linux's pidfd)."""
    left = max(deadline - time.monotonic(), 0.0)
    try:
        pidfd = os.pidfd_open(proc.pid)
    except OSError:  # a Linux older than 5.3
        proc.wait(timeout=left)
        return
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        if not poller.poll(left * 1000):
            raise subprocess.TimeoutExpired(proc.args, timeout)
    finally:
        os.close(pidfd)
    proc.wait()


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def _fixed_pdf_date(pdf: bytes) -> bytes:
    """The PDF with its creation date set to 1970, in place (same length: offsets stay valid).

    Cairo stamps the time it ran, so without this no two PDFs of the same diagram are equal.

    Examples:
        >>> _fixed_pdf_date(b"/CreationDate (D:20261126130859Z)")
        b'/CreationDate (D:19700101000000Z)'
    """
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:19700101000000", pdf)
