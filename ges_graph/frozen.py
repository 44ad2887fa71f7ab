"""Read-only, hashable JSON data: what an ``attrs`` mapping holds once loaded.

A document's ``attrs`` (free data a user attaches to the group, an entity or a relation) is JSON
data: mappings, lists, strings, numbers, booleans, ``None``. Once validated it is held as
:class:`FrozenDict` and :class:`FrozenList`, which cannot be changed and can be hashed, so that a
model holding them is frozen all the way down and equal models hash equal. Both compare equal to
the plain ``dict`` and ``list`` they were made from, and :func:`thaw` gives the plain data back
(what ``model_dump`` and the writers put in a file).

Examples:
    >>> data = {"tags": ["aci", "ei"], "since": {"year": 2020}}
    >>> frozen = freeze(data)
    >>> frozen == data, hash(frozen) == hash(freeze(data))
    (True, True)
    >>> frozen["tags"].append("ai")
    Traceback (most recent call last):
    ...
    AttributeError: 'FrozenList' object has no attribute 'append'
    >>> data["tags"].append("ai")  # the caller's data is copied, not shared
    >>> frozen["tags"]
    ['aci', 'ei']
    >>> thaw(frozen) == {"tags": ["aci", "ei"], "since": {"year": 2020}}
    True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["FrozenDict", "FrozenList", "freeze", "thaw"]


class FrozenList(tuple[Any, ...]):
    """A list that cannot be changed: a tuple that equals the list it was made from.

    Examples:
        >>> FrozenList([1, 2]) == [1, 2] == FrozenList([1, 2])
        True
        >>> FrozenList([1, 2])
        [1, 2]
    """

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list):
            return tuple.__eq__(self, tuple(other))
        return tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__

    def __repr__(self) -> str:
        return repr(list(self))


class FrozenDict(Mapping[str, Any]):
    """A mapping that cannot be changed and can be hashed (its values must be hashable).

    Examples:
        >>> d = FrozenDict({"a": 1})
        >>> d["a"], d == {"a": 1}, d
        (1, True, {'a': 1})
        >>> d["a"] = 2
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenDict' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenDict, (self._data,))


def freeze(value: Any) -> Any:
    """A deep, read-only copy of JSON data.

    Mappings become :class:`FrozenDict`, lists and tuples :class:`FrozenList`; strings, numbers,
    booleans and ``None`` stay as they are.

    Examples:
        >>> type(freeze({"a": [1]})["a"]).__name__
        'FrozenList'
    """
    if isinstance(value, Mapping):
        return FrozenDict({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return FrozenList(freeze(v) for v in value)
    return value


def thaw(value: Any) -> Any:
    """Plain JSON data again (``dict`` and ``list``), a deep copy of a frozen value.

    Examples:
        >>> thaw(freeze({"a": [1, {"b": 2}]}))
        {'a': [1, {'b': 2}]}
    """
    kind = type(value)
    if kind in _PLAIN:  # the usual leaves, and empty ``attrs``, decided without an ABC check
        return value
    if kind is FrozenDict:
        data = value._data
        return {k: thaw(v) for k, v in data.items()} if data else {}
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [thaw(v) for v in value]
    return value


_PLAIN = frozenset({str, int, float, bool, type(None)})
