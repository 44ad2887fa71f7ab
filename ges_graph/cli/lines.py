r"""Where, in a YAML or JSON text, each relation begins: for findings that name one by its place.

A finding names a relation without an ``id`` by its place in the document (``relations[11]``),
which the reader of a long file cannot count. ``validate`` says on which line each such relation
begins, read off the marks of the library's own readers: the text is read again with positions
when it is at most :data:`READ_AGAIN_MAX` bytes, and nothing is said of a larger one. (A scan of
the lines was tried, and set aside: a quoted text continued on a line that opens with a dash
looks like a relation to it, and gave wrong lines.)

Examples:
    >>> text = (b"format: ges-graph/1\nname: G\nentities:\n"
    ...         b"  - {id: a, name: A, form: association}\n  - {id: b, name: B, form: sas}\n"
    ...         b"relations:\n  # capital\n  - type: shareholding\n    from: a\n    to: b\n"
    ...         b"    share: 100\n  - {type: board, from: a, to: b, seats: 1}\n")
    >>> relation_places(text, "yaml", 2)
    [(8, 5), (12, 5)]
    >>> relation_places(b'{"relations": [{"type": "board"}, {"type": "office"}]}', "json", 2)
    [(1, 16), (1, 35)]
"""

from __future__ import annotations

from ges_graph.io.source import Syntax

__all__ = ["READ_AGAIN_MAX", "relation_places"]

READ_AGAIN_MAX = 512 * 1024
"""The largest text read again with positions (512 KiB: a few hundred entities, read again in
a fraction of a second)."""


def relation_places(text: bytes, syntax: Syntax, count: int) -> list[tuple[int, int]] | None:
    """The (line, column) where each of the document's ``count`` relations begins, from 1.

    ``None`` when the text is larger than :data:`READ_AGAIN_MAX` bytes, is not UTF-8, or does
    not give every relation a place.
    """
    if len(text) > READ_AGAIN_MAX:
        return None
    try:
        source = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if syntax == "json":
        from ges_graph.io.json_reader import _JsonReader  # noqa: PLC0415 (on demand)

        _, _, marks = _JsonReader(source).read()
    else:
        from ges_graph.io.yaml_reader import _read_yaml  # noqa: PLC0415 (on demand)

        _, _, marks = _read_yaml(source, record=True)
    places = [marks.get(f"relations[{i}]") for i in range(count)]
    return None if any(p is None for p in places) else [p for p in places if p is not None]
