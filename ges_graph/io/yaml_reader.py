r"""YAML reading with positions, event by event, refusing what the format refuses before building.

The text is read from libyaml's parser (the pure-Python one where libyaml is missing), as YAML 1.1
with a safe loader's types (:func:`ges_graph.yaml_scalars.resolve_plain`). Tags, anchors, aliases
(merge keys included), several documents, duplicate keys, keys that are not strings, non-finite
numbers and nesting deeper than :data:`~ges_graph.model.MAX_DEPTH` are refused *before* any value
is built, so an alias bomb costs no more than its text. With ``record``, the line and column of
every value and key are kept, for the model's errors.

Examples:
    >>> data, errors, marks = _read_yaml("a: [1, yes]\nb: x\n", record=True)
    >>> data, errors, marks["b"]
    ({'a': [1, True], 'b': 'x'}, [], (2, 4))
    >>> _, errors, _ = _read_yaml("a: &x 1\nb: *x\n", record=False)
    >>> print(errors[0])
    a: YAML anchors are refused (&x) (expected plain values, written out)
    >>> errors[0].location
    'a (line 1, column 4)'
"""

from __future__ import annotations

from typing import Any

import yaml

from ges_graph.errors import ErrorDetail
from ges_graph.io.source import (
    _DEEP,
    _DEEP_EXPECTED,
    _FINITE,
    _KEY_ONCE,
    _SURROGATE_MESSAGE,
    _UNICODE_TEXT,
    _Errors,
    _Marks,
    _Stop,
)
from ges_graph.io.yaml_errors import _marked_error, _reader_error
from ges_graph.model import MAX_DEPTH
from ges_graph.validation_messages import KEY_NOT_STRING, STRING_KEY, key_not_string
from ges_graph.yaml_scalars import RefusedScalar, resolve_plain

__all__: list[str] = []  # internal to ges_graph.io, which reads with it

_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it (several times faster), else PyYAML's."""

_PLAIN = ("plain values, written out", "des valeurs simples, écrites en entier")
_NOKEY: Any = object()


class _Ignored:
    """A key that is reported (duplicate, not a string) and then read past: hashed by identity."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


class _Tree:
    """The containers being built, outermost first, with the errors and marks found so far.

    ``keys`` holds, per container, its pending key (mappings) or ``_NOKEY``. The event loop keeps
    the innermost container's pending key in a local for speed, and brings ``keys[-1]`` up to date
    (``keys[-1] = pending``) before any method here uses a path.
    """

    __slots__ = ("conts", "documents", "errors", "keys", "marks", "record", "root")

    def __init__(self, record: bool) -> None:
        self.record = record
        self.conts: list[Any] = []
        self.keys: list[Any] = []
        self.errors = _Errors()
        self.marks: _Marks = {}
        self.root: Any = None
        self.documents = 0

    def path(self, key: Any = _NOKEY) -> str:
        """The path of the node being read (or of ``key`` in the innermost mapping)."""
        out = ""
        last = len(self.conts) - 1
        for i, cont in enumerate(self.conts):
            part = key if i == last and key is not _NOKEY else self.keys[i]
            if type(cont) is list:
                out += f"[{len(cont)}]"
            elif part is not _NOKEY:
                out += f".{part}" if out else str(part)
        return out

    def error(
        self,
        message: tuple[str, str],
        mark: Any,
        value: Any,
        expected: tuple[str, str],
        kind: str,
        at: str,
    ) -> None:
        """Record an error; ``message`` and ``expected`` are (English, French)."""
        self.errors.append(
            ErrorDetail(
                at,
                message[0],
                value,
                expected[0],
                mark.line + 1,
                mark.column + 1,
                type=kind,
                message_fr=message[1],
                expected_fr=expected[1],
            )
        )
        if self.errors.full:
            raise _Stop

    def node_start(self, ev: Any) -> None:
        """Refuse anchors and tags; record where the node is."""
        if ev.anchor is not None:
            message = (
                f"YAML anchors are refused (&{ev.anchor})",
                f"les ancres YAML sont refusées (&{ev.anchor})",
            )
            self.error(message, ev.start_mark, None, _PLAIN, "yaml_anchor", self.path())
            raise _Stop
        if ev.tag is not None:
            message = (
                f"YAML tags are refused ({ev.tag})",
                f"les étiquettes YAML sont refusées ({ev.tag})",
            )
            untagged = ("an untagged value", "une valeur sans étiquette")
            self.error(message, ev.start_mark, None, untagged, "yaml_tag", self.path())
            raise _Stop
        conts = self.conts
        if self.record and not (conts and type(conts[-1]) is dict and self.keys[-1] is _NOKEY):
            self.marks.setdefault(self.path(), (ev.start_mark.line + 1, ev.start_mark.column + 1))

    def new_key(self, value: Any, mark: Any) -> Any:
        """The key to use for ``value`` in the innermost mapping, after the checks."""
        if type(value) is not str:
            # The keys of the mappings that hold this one (the last is this mapping's own).
            message = key_not_string(value, in_attrs="attrs" in self.keys[:-1])
            self.error(message, mark, value, STRING_KEY, "key_type", self.path())
            return _Ignored(str(value))
        if value in self.conts[-1]:
            message = (f"duplicate key '{value}'", f"clé en double : « {value} »")
            self.error(message, mark, value, _KEY_ONCE, "duplicate_key", self.path(value))
            return _Ignored(value)  # keep the first value, read the rest
        if self.record:
            self.marks[self.path(value) + "\0key"] = (mark.line + 1, mark.column + 1)
        return value

    def plain(self, ev: Any, as_key: bool) -> Any:
        """The value of a plain scalar; a refused one is reported and read as its text."""
        try:
            return resolve_plain(ev.value)
        except RefusedScalar as exc:
            at = self.path(ev.value) if as_key else self.path()
            expected = (
                _FINITE if exc.kind == "non_finite" else ("a valid value", "une valeur valide")
            )
            message = (exc.message, exc.message_fr)
            self.error(message, ev.start_mark, ev.value, expected, exc.kind, at)
            return ev.value

    def check_unicode(self, ev: Any) -> None:
        """Report a double-quoted scalar that escapes a lone surrogate (not valid Unicode)."""
        try:
            ev.value.encode("utf-8")
        except UnicodeEncodeError:
            message, value = _SURROGATE_MESSAGE, ascii(ev.value)
            self.error(message, ev.start_mark, value, _UNICODE_TEXT, "invalid_unicode", self.path())

    def too_deep(self, ev: Any, get_event: Any) -> None:
        """Report a container nested too deep, and read past it without building it."""
        self.error(_DEEP, ev.start_mark, None, _DEEP_EXPECTED, "too_deep", self.path())
        nest = 1
        while nest:
            skipped = type(get_event())
            if skipped is yaml.MappingStartEvent or skipped is yaml.SequenceStartEvent:
                nest += 1
            elif skipped is yaml.MappingEndEvent or skipped is yaml.SequenceEndEvent:
                nest -= 1

    def alias(self, ev: Any) -> None:
        """Refuse an alias: nothing is built for it, reading stops."""
        message = (
            f"YAML aliases are refused (*{ev.anchor})",
            f"les alias YAML sont refusés (*{ev.anchor})",
        )
        self.error(message, ev.start_mark, None, _PLAIN, "yaml_alias", self.path())
        raise _Stop

    def document_start(self, ev: Any) -> None:
        """Count the documents of the stream; a second one stops reading."""
        self.documents += 1
        if self.documents > 1:
            message = (
                "several YAML documents in one file",
                "plusieurs documents YAML dans un même fichier",
            )
            one = ("one document", "un seul document")
            self.error(message, ev.start_mark, None, one, "multiple_documents", "")
            raise _Stop


def _read_yaml(source: str, *, record: bool) -> tuple[Any, list[ErrorDetail], _Marks]:
    """Plain data from YAML, built from parser events with every refusal checked on the way.

    Nothing is built for an alias, so an alias bomb costs no more than its text. With ``record``,
    the line and column of every value and key are kept (for the model's errors).
    """
    loader = _LOADER(source)
    tree = _Tree(record)
    try:
        _build(loader, tree)
    except _Stop:
        tree.errors.stopped = True
    except yaml.MarkedYAMLError as exc:
        tree.errors.append(_marked_error(exc))
        tree.errors.stopped = True
    except yaml.reader.ReaderError as exc:
        tree.errors.append(_reader_error(exc, source, loader))
        tree.errors.stopped = True
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports everything above
        message = (f"invalid YAML: {exc}", f"YAML invalide : {exc}")
        tree.errors.append(ErrorDetail("", message[0], type="syntax", message_fr=message[1]))
        tree.errors.stopped = True
    finally:
        loader.dispose()
    return tree.root, tree.errors, tree.marks


def _put(top: Any, top_is_list: bool, pending: Any, value: Any) -> Any:
    """Put a finished container (or None for a skipped one) in ``top``; the new pending key."""
    if top_is_list:
        top.append(value)
        return pending
    if pending is not _NOKEY:
        top[pending] = value
        return _NOKEY
    return _Ignored("?")  # a mapping or list as a key, already reported


# The event loop stays one function (about 70 lines): the innermost container, whether it is a
# list and its pending key are locals, and the scalar branch is inline, because this loop runs
# once per event of the document and is the cost of reading YAML (``benchmarks/bench_load.py``).
# Everything rare (errors, marks, refusals) is a method of ``_Tree``.
def _build(loader: Any, tree: _Tree) -> None:
    """Read the events of ``loader`` into ``tree.root``; refusals go to ``tree.errors``."""
    conts, keys, record = tree.conts, tree.keys, tree.record
    cache: dict[str, Any] = {}
    cached = cache.get
    top: Any = None
    top_is_list = False
    pending: Any = _NOKEY
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, mapping_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    sequence_start, sequence_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    get_event = loader.get_event
    while True:
        ev = get_event()
        cls = type(ev)
        if cls is scalar_event:
            if record or ev.anchor is not None or ev.tag is not None:
                if conts:
                    keys[-1] = pending
                tree.node_start(ev)
            value = ev.value
            if ev.implicit[0]:
                hit = cached(value, _NOKEY)
                if hit is _NOKEY:
                    if conts:
                        keys[-1] = pending
                    hit = cache[value] = tree.plain(ev, pending is _NOKEY and not top_is_list)
                value = hit
            elif ev.style == '"' and not value.isascii():
                if conts:
                    keys[-1] = pending
                tree.check_unicode(ev)
            if top_is_list:
                top.append(value)
            elif pending is not _NOKEY:
                top[pending] = value
                pending = _NOKEY
            elif top is None:
                tree.root = value
            elif type(value) is str and not record and value not in top:
                pending = value
            else:
                keys[-1] = _NOKEY
                pending = tree.new_key(value, ev.start_mark)
        elif cls is mapping_start or cls is sequence_start:
            if conts:
                keys[-1] = pending
            tree.node_start(ev)
            if len(conts) >= MAX_DEPTH:
                tree.too_deep(ev, get_event)
                pending = _put(top, top_is_list, pending, None)
                continue
            if top is not None and not top_is_list and pending is _NOKEY:
                at = tree.path()
                tree.error(KEY_NOT_STRING, ev.start_mark, None, STRING_KEY, "key_type", at)
            top = {} if cls is mapping_start else []
            top_is_list = cls is sequence_start
            pending = _NOKEY
            conts.append(top)
            keys.append(_NOKEY)
        elif cls is mapping_end or cls is sequence_end:
            done = conts.pop()
            keys.pop()
            if not conts:
                top, top_is_list, tree.root = None, False, done
                continue
            top = conts[-1]
            top_is_list = type(top) is list
            pending = _put(top, top_is_list, keys[-1], done)
        elif cls is alias_event:
            if conts:
                keys[-1] = pending
            tree.alias(ev)
        elif cls is yaml.DocumentStartEvent:
            tree.document_start(ev)
        elif cls is yaml.StreamEndEvent:
            return
