r"""Where, in a YAML or JSON file, each relation begins: for findings that name one by its place.

A finding names a relation without an ``id`` by its place in the document (``relations[11]``),
which the reader of a long file cannot count. ``validate`` says on which line each such relation
begins. A YAML file in block style (as people and the library write it) is scanned line by line,
which costs a small part of reading it; the scan is trusted only when it finds as many relations
as the document holds. Otherwise (JSON, flow style, a scan that does not add up), the text is read
again with positions when it is at most :data:`READ_AGAIN_MAX` bytes, and nothing is said of a
larger one.

Examples:
    >>> text = (b"format: ges-graph/1\nname: G\nentities:\n"
    ...         b"  - {id: a, name: A, form: association}\n  - {id: b, name: B, form: sas}\n"
    ...         b"relations:\n  # capital\n  - type: shareholding\n    from: a\n    to: b\n"
    ...         b"    share: 100\n  - {type: board, from: a, to: b, seats: 1}\n")
    >>> relation_places(text, "yaml", 2)
    [(8, 3), (12, 3)]
    >>> relation_places(b'{"relations": [{"type": "board"}, {"type": "office"}]}', "json", 2)
    [(1, 16), (1, 35)]
"""

from __future__ import annotations

import re

from ges_graph.io.source import Syntax

__all__ = ["READ_AGAIN_MAX", "relation_places"]

READ_AGAIN_MAX = 512 * 1024
"""The largest text read again with positions when a scan cannot tell (512 KiB: a few hundred
entities, read again in a fraction of a second)."""

_RELATIONS_KEY = re.compile(r"relations[ \t]*:[ \t]*(?:#.*)?")
"""The top-level key of the relations, alone on its line (block style)."""
_ITEM = re.compile(r"([ \t]*)-(?:[ \t]|$)")
"""A list item's dash and its indentation."""


def relation_places(text: bytes, syntax: Syntax, count: int) -> list[tuple[int, int]] | None:
    """The (line, column) where each of the document's ``count`` relations begins, from 1.

    ``None`` when they cannot be told at a small cost: the text is not UTF-8, or a larger text
    than :data:`READ_AGAIN_MAX` does not scan.
    """
    try:
        source = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if syntax == "yaml":
        scanned = _scan_block(source)
        if scanned is not None and len(scanned) == count:
            return scanned
    if len(text) > READ_AGAIN_MAX:
        return None
    return _read_again(source, syntax, count)


def _scan_block(source: str) -> list[tuple[int, int]] | None:
    """The places of the items of a block-style ``relations`` list, or ``None`` if there is none.

    The items are the lines that open with a dash at the indentation of the first one, until a
    line that is less indented (or, at the margin, is no item); a deeper line belongs to an item.
    """
    lines = source.splitlines()
    start = next((i for i, line in enumerate(lines) if _RELATIONS_KEY.fullmatch(line)), None)
    if start is None:
        return None
    places: list[tuple[int, int]] = []
    indent: str | None = None
    for number, line in enumerate(lines[start + 1 :], start + 2):
        bare = line.strip()
        if not bare or bare.startswith("#"):
            continue
        item = _ITEM.match(line)
        if indent is None:
            if item is None:
                return None  # flow style, or an empty list followed by another key
            indent = item.group(1)
        if item is not None and item.group(1) == indent:
            places.append((number, len(indent) + 1))
            continue
        depth = len(line) - len(line.lstrip(" \t"))
        if depth <= len(indent):  # the next key, at the margin or less indented than the items
            break
    return places


def _read_again(source: str, syntax: Syntax, count: int) -> list[tuple[int, int]] | None:
    """The places read from the marks of a reading with positions (``None`` if one is missing)."""
    if syntax == "json":
        from ges_graph.io.json_reader import _JsonReader  # noqa: PLC0415 (on demand)

        _, _, marks = _JsonReader(source).read()
    else:
        from ges_graph.io.yaml_reader import _read_yaml  # noqa: PLC0415 (on demand)

        _, _, marks = _read_yaml(source, record=True)
    places = [marks.get(f"relations[{i}]") for i in range(count)]
    return None if any(p is None for p in places) else [p for p in places if p is not None]
