r"""JSON reading: a fast path with the standard library, a slow one that knows where values are.

:func:`_json_fast` is ``json.loads`` with hooks that give up (``_SUSPECT``) on anything the format
refuses: a duplicate key, a number that is not finite, nesting too deep. Only then, or for the
marks of the model's errors, does :class:`_JsonReader` read the text again, slowly, reporting
every refusal with its path, line and column.

Examples:
    >>> _json_fast('{"a": [1, 2.5]}')
    {'a': [1, 2.5]}
    >>> _json_fast('{"a": 1, "a": 2}') is _SUSPECT
    True
    >>> data, errors, marks = _JsonReader('{"a": 1,\n "a": 2}').read()
    >>> print(errors[0]), marks["a"]
    a: duplicate key 'a' (got 'a'; expected each key once per mapping)
    (None, (1, 7))
    >>> errors[0].line, errors[0].column
    (2, 2)
"""

from __future__ import annotations

import bisect
import json
import math
import re
import sys
from collections.abc import Callable, Iterable
from itertools import repeat
from typing import Any, NoReturn

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
from ges_graph.model import MAX_DEPTH
from ges_graph.yaml_scalars import NOT_FINITE, TOO_LARGE_NUMBER

__all__: list[str] = []  # internal to ges_graph.io, which reads with it

_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]")
"""An escaped UTF-16 surrogate: the slow reader checks that it is part of a pair."""
_SUSPECT: Any = object()
"""Returned by the fast JSON reader when the slow, position-aware reader must look."""


class _Suspect(Exception):
    pass


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise _Suspect
    return obj


def _constant(_: str) -> NoReturn:
    raise _Suspect


def _float(text: str) -> float:
    value = float(text)
    if value in (math.inf, -math.inf):
        raise _Suspect
    return value


def _int(text: str) -> int:
    if len(text) > 308:  # perhaps beyond a float's range: the slow reader decides
        raise _Suspect
    return int(text)


def _json_fast(source: str) -> Any:
    """``json.loads`` with hooks; ``_SUSPECT`` when anything is off (the slow reader explains)."""
    try:
        return json.loads(
            source,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except (_Suspect, ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return _SUSPECT


def _attrs_suspect(data: Any) -> bool:
    """True when ``attrs`` nests deeper than the limit.

    ``attrs`` is the only free-form part of a document: outside it the model admits no nesting
    deeper than four levels, so after the fast JSON reader this is enough to refuse deep nesting.
    The slow reader then says where.
    """
    if not isinstance(data, dict):
        return False
    top = data.get("attrs")
    if top and type(top) in (dict, list) and _attrs_bad(top, 2):
        return True
    for key in ("entities", "relations"):
        items = data.get(key)
        if type(items) is list:
            try:  # every item's attrs at C speed (a TypeError when an item is not a dict)
                given: Iterable[Any] = filter(None, map(dict.get, items, repeat("attrs")))
                for attrs in given:
                    if type(attrs) in (dict, list) and _attrs_bad(attrs, 4):
                        return True
            except TypeError:
                for item in items:
                    if type(item) is dict:
                        attrs = item.get("attrs")
                        if attrs and type(attrs) in (dict, list) and _attrs_bad(attrs, 4):
                            return True
    return False


def _attrs_bad(value: Any, depth: int) -> bool:
    if depth > MAX_DEPTH:
        return True
    for child in value.values() if type(value) is dict else value:
        kind = type(child)
        if (kind is dict or kind is list) and _attrs_bad(child, depth + 1):
            return True
    return False


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_JSON_WS = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_JSON_SKIP = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_JSON_LITERALS = {"null": None, "true": True, "false": False}

_JSON_SYNTAX_FR = {
    "extra data after the document": "données en trop après le document",
    "expecting a value": "valeur attendue",
    "unterminated list or mapping": "liste ou dictionnaire non fermé",
    "expecting a property name in double quotes": (
        "nom de propriété entre guillemets doubles attendu"
    ),
    "expecting ':' after a key": "« : » attendu après une clé",
    "expecting ',' or '}'": "« , » ou « } » attendu",
    "expecting ',' or ']'": "« , » ou « ] » attendu",
    "unterminated string starting at": "chaîne non fermée",
    "invalid control character at": "caractère de contrôle invalide",
    "invalid \\escape": "séquence d'échappement invalide",
    "invalid \\uxxxx escape": "séquence d'échappement \\uXXXX invalide",
}
"""French for the JSON syntax errors (ours, and those of the standard library's string scanner)."""
_JSON_NONFINITE = ("NaN", "Infinity", "-Infinity")


class _JsonReader:
    """A JSON reader that knows where each value is: for errors, never on the fast path.

    It accepts what ``json.loads`` accepts and reports, in document order, duplicate keys,
    non-finite numbers, nesting deeper than :data:`MAX_DEPTH`, strings that are not valid Unicode
    and syntax errors, each with the path and the line and column; it also gives the marks of every
    value for the model's errors.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors = _Errors()
        self.offsets: dict[str, int] = {}
        self._lines: list[int] | None = None

    def read(self) -> tuple[Any, list[ErrorDetail], _Marks]:
        data: Any = None
        try:
            data, pos = self._value(0, "", 1)
            pos = _JSON_WS.match(self.source, pos).end()  # type: ignore[union-attr]
            if pos != len(self.source):
                self._syntax("extra data after the document", pos)
        except _Stop:
            self.errors.stopped = True
        marks = {path: self.position(offset) for path, offset in self.offsets.items()}
        return data, self.errors, marks

    def position(self, offset: int) -> tuple[int, int]:
        if self._lines is None:
            self._lines = [m.end() for m in re.finditer("\n", self.source)]
        line = bisect.bisect_right(self._lines, offset)
        start = self._lines[line - 1] if line else 0
        return line + 1, offset - start + 1

    def _error(
        self,
        path: str,
        offset: int,
        message: tuple[str, str],
        value: Any,
        expected: tuple[str, str],
        kind: str,
    ) -> None:
        """Record an error; ``message`` and ``expected`` are (English, French)."""
        line, column = self.position(offset)
        self.errors.append(
            ErrorDetail(
                path,
                message[0],
                value,
                expected[0],
                line,
                column,
                type=kind,
                message_fr=message[1],
                expected_fr=expected[1],
            )
        )
        if self.errors.full:
            raise _Stop

    def _syntax(self, message: str, offset: int) -> NoReturn:
        """Record a syntax error (``message``: English, translated by :data:`_JSON_SYNTAX_FR`)."""
        french = _JSON_SYNTAX_FR.get(message, message)
        self._error(
            "",
            offset,
            (f"invalid JSON: {message}", f"JSON invalide : {french}"),
            None,
            ("", ""),
            "syntax",
        )
        raise _Stop

    def _value(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
        self.offsets.setdefault(path, pos)  # an empty key must not hide its parent
        ch = src[pos : pos + 1]
        if ch in ("{", "["):
            if depth > MAX_DEPTH:
                self._error(
                    path,
                    pos,
                    _DEEP,
                    None,
                    _DEEP_EXPECTED,
                    "too_deep",
                )
                return None, self._skip(pos)
            return self._object(pos, path, depth) if ch == "{" else self._array(pos, path, depth)
        if ch == '"':
            try:
                text, end = _scanstring(src, pos + 1)
            except json.JSONDecodeError as exc:
                self._syntax(exc.msg.lower(), exc.pos)
            if not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self._error(
                        path,
                        pos,
                        _SURROGATE_MESSAGE,
                        ascii(text[exc.start : exc.end]),
                        _UNICODE_TEXT,
                        "invalid_unicode",
                    )
            return text, end
        match = _JSON_NUMBER.match(src, pos)
        if match:
            integer, fraction, exponent = match.groups()
            if fraction or exponent:
                number: Any = float(match.group())
                if not math.isfinite(number):
                    self._error(
                        path,
                        pos,
                        TOO_LARGE_NUMBER,
                        match.group(),
                        _FINITE,
                        "non_finite",
                    )
            elif len(integer) > 308 and (
                len(integer) > 4000 or abs(int(integer)) > sys.float_info.max
            ):
                self._error(
                    path,
                    pos,
                    TOO_LARGE_NUMBER,
                    f"{integer[:20]}…",
                    _FINITE,
                    "non_finite",
                )
                number = None
            else:
                number = int(integer)
            return number, match.end()
        for word in _JSON_NONFINITE:
            if src.startswith(word, pos):
                self._error(path, pos, NOT_FINITE, word, _FINITE, "non_finite")
                return None, pos + len(word)
        for word, value in _JSON_LITERALS.items():
            if src.startswith(word, pos):
                return value, pos + len(word)
        self._syntax("expecting a value", pos)

    def _skip(self, pos: int) -> int:
        """The end of the nested value at ``pos``, read past without building it."""
        nest = 0
        for match in _JSON_SKIP.finditer(self.source, pos):
            token = match.group()
            if token in ("[", "{"):
                nest += 1
            elif token in ("]", "}"):
                nest -= 1
                if nest == 0:
                    return match.end()
        self._syntax("unterminated list or mapping", pos)

    def _object(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        obj: dict[str, Any] = {}
        pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]
        if src.startswith("}", pos):
            return obj, pos + 1
        while True:
            if not src.startswith('"', pos):
                self._syntax("expecting a property name in double quotes", pos)
            try:
                key, end = _scanstring(src, pos + 1)
            except json.JSONDecodeError as exc:
                self._syntax(exc.msg.lower(), exc.pos)
            child = f"{path}.{key}" if path else key
            self.offsets[child + "\0key"] = pos
            if not key.isascii():
                try:
                    key.encode("utf-8")
                except UnicodeEncodeError as exc:
                    self._error(
                        path,
                        pos,
                        _SURROGATE_MESSAGE,
                        ascii(key[exc.start : exc.end]),
                        _UNICODE_TEXT,
                        "invalid_unicode",
                    )
            if key in obj:
                self._error(
                    child,
                    pos,
                    (f"duplicate key '{key}'", f"clé en double : « {key} »"),
                    key,
                    _KEY_ONCE,
                    "duplicate_key",
                )
            pos = _JSON_WS.match(src, end).end()  # type: ignore[union-attr]
            if not src.startswith(":", pos):
                self._syntax("expecting ':' after a key", pos)
            value, pos = self._value(pos + 1, child, depth + 1)
            obj.setdefault(key, value)
            pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
            if src.startswith("}", pos):
                return obj, pos + 1
            if not src.startswith(",", pos):
                self._syntax("expecting ',' or '}'", pos)
            pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]

    def _array(self, pos: int, path: str, depth: int) -> tuple[Any, int]:
        src = self.source
        items: list[Any] = []
        pos = _JSON_WS.match(src, pos + 1).end()  # type: ignore[union-attr]
        if src.startswith("]", pos):
            return items, pos + 1
        while True:
            value, pos = self._value(pos, f"{path}[{len(items)}]", depth + 1)
            items.append(value)
            pos = _JSON_WS.match(src, pos).end()  # type: ignore[union-attr]
            if src.startswith("]", pos):
                return items, pos + 1
            if not src.startswith(",", pos):
                self._syntax("expecting ',' or ']'", pos)
            pos += 1
