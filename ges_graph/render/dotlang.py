r"""DOT syntax: quoted strings safe for DOT and for the SVG ``dot`` writes, attribute lists.

Examples:
    >>> print(dot_quote('A & "B"\n{C}'))
    "A &amp; \"B\"\n{C}"
    >>> dot_attrs(shape="box", penwidth=1.5, constraint=False, color=None)
    '[shape="box", penwidth=1.5, constraint=false]'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["FONT", "dot_attrs", "dot_label", "dot_quote"]

FONT = "Helvetica"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_ESCAPED = re.compile(r'["\\&\x00-\x09\x0b-\x1f\x7f]')
"""What needs more than its line breaks written ``\\n``: the text of nearly every label has none."""


_PIECE = 2000
"""Longer strings are quoted in pieces, each at most 5 times as long once escaped (``&amp;``)."""


def dot_quote(value: str) -> str:
    r"""``value`` as a double-quoted DOT string, safe for DOT and for the SVG ``dot`` writes.

    Backslashes and quotes are escaped for DOT; ``&`` becomes ``&amp;`` (Graphviz would otherwise
    read ``&lt;`` in a name as an entity); a line break becomes DOT's ``\n``; other control
    characters are dropped. ``<`` and ``>`` need nothing: in a plain label they are text, and
    ``dot`` escapes them in SVG.

    A long value (a name of a million characters, in a tooltip) is written as quoted pieces
    joined by DOT's ``+``: ``dot`` refuses a quoted string longer than 16 KiB.

    Examples:
        >>> print(dot_quote("a\\N"))
        "a\\N"
        >>> dot_quote("&" * 3000).count('" + "')
        1
    """
    if len(value) > _PIECE:
        value = value.replace("\r\n", "\n")
        pieces = range(0, len(value), _PIECE)
        return " + ".join(dot_quote(value[i : i + _PIECE]) for i in pieces)
    if _ESCAPED.search(value) is None:  # the slow way below would change its breaks alone
        return '"' + value.replace("\n", "\\n") + '"'
    s = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + s.replace("\n", "\\n") + '"'


def dot_label(lines: Iterable[str]) -> str:
    """A label of several lines, quoted."""
    return dot_quote("\n".join(lines))


def dot_attrs(**attrs: str | float | bool | None) -> str:
    """A DOT attribute list; a None value is left out."""
    parts = []
    for k, v in attrs.items():
        if v is None:
            continue
        if isinstance(v, str):
            parts.append(f"{k}={dot_quote(v)}")
        elif isinstance(v, bool):
            parts.append(f"{k}=true" if v else f"{k}=false")
        else:
            parts.append(f"{k}={v:g}")
    return "[" + ", ".join(parts) + "]"
