"""Running Graphviz's ``dot``: under a time budget, its failures said plainly, its output stable.

Examples:
    >>> FORMATS
    ('svg', 'png', 'pdf')
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import warnings

from ges_graph.errors import ArgumentError, RenderError

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "PNG_MAX_INCHES",
    "GraphvizWarning",
    "LayoutFallbackWarning",
    "find_dot",
    "run_dot",
]

DEFAULT_TIMEOUT = 60.0
"""Seconds ``dot`` may run for one diagram (all attempts together) before a RenderError."""

PNG_MAX_INCHES = 100
"""A PNG is scaled down to at most this many inches a side (9,600 pixels at 96 dpi): a larger
raster takes seconds to paint and cannot be read whole anyway; SVG and PDF are not capped."""

FORMATS = ("svg", "png", "pdf")
"""What :func:`run_dot` produces."""


class LayoutFallbackWarning(UserWarning):
    """The layout was drawn in a simpler way than asked (clusters dropped), and why."""


class GraphvizWarning(UserWarning):
    """``dot`` drew the diagram but said something on its error stream (quoted)."""


def find_dot() -> str | None:
    """The path of the ``dot`` binary on ``PATH``, or None."""
    return shutil.which("dot")


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
        raise RenderError(
            "the Graphviz 'dot' program is not on PATH: install Graphviz "
            "(apt install graphviz, brew install graphviz, https://graphviz.org/download/) "
            "or draw with engine='matplotlib'"
        )
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "TZ": "UTC"}
    png_size = [f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}"] if fmt == "png" else []
    try:
        done = subprocess.run(
            [exe, f"-T{fmt}", *png_size],
            input=source.encode("utf-8", "replace"),  # a lone surrogate from JSON: "?"
            capture_output=True,
            timeout=timeout,
            check=False,
            env=env,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz 'dot' did not finish within {timeout:g} s and was stopped; "
            "draw fewer layers, without clusters, or with engine='matplotlib'"
        ) from None
    except OSError as exc:
        raise RenderError(f"could not run Graphviz 'dot' ({exe}): {exc}") from None
    if done.returncode != 0 or not done.stdout:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(message[-3:]) if message else "no message"
        raise RenderError(
            f"Graphviz 'dot' failed (exit status {done.returncode}): {detail}; "
            "try without clusters, fewer layers, or engine='matplotlib'"
        )
    if done.stderr.strip():
        said = "; ".join(done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:])
        warnings.warn(f"Graphviz 'dot': {said}", GraphvizWarning, stacklevel=2)
    if fmt == "pdf":
        return _fixed_pdf_date(done.stdout)
    return done.stdout


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")


def _fixed_pdf_date(pdf: bytes) -> bytes:
    """The PDF with its creation date set to 1970, in place (same length: offsets stay valid).

    Cairo stamps the time it ran, so without this no two PDFs of the same diagram are equal.

    Examples:
        >>> _fixed_pdf_date(b"/CreationDate (D:20261126130859Z)")
        b'/CreationDate (D:19700101000000Z)'
    """
    return _PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:19700101000000", pdf)
