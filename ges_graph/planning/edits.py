"""Applying a move to a document's data: the edits a plan is made of.

A plan's edits are the moves of :mod:`ges_graph.diff.moves` (create an entity, transfer or
acquire shares, give control by the statutes, end a relation, change a form or the conventions);
:func:`apply_move` carries one out on a document's JSON data and gives new data (the input is left
as it was). A move that does not fit the data (an entity that is not there, a shareholding that
does not exist) raises :class:`~ges_graph.errors.ArgumentError`.

Examples:
    >>> data = {"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association"},
    ...     {"id": "b", "name": "B", "form": "sarl"}]}
    >>> new = apply_move(data, FormChanged("b", "sarl", "sas"))
    >>> new["entities"][1]["form"], data["entities"][1]["form"]
    ('sas', 'sarl')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ges_graph.diff.moves import (
    ControlGiven,
    ConventionsChanged,
    EntityCreated,
    FormChanged,
    Move,
    RelationEnded,
    SharesAcquired,
    SharesTransferred,
)
from ges_graph.errors import ArgumentError
from ges_graph.model import Form, RelationType

__all__ = ["Data", "apply_move", "free_capital", "shareholders"]

Data = dict[str, Any]
"""A document as JSON data (``model_dump(mode="json", by_alias=True)``)."""

_SHARE = RelationType.SHAREHOLDING.value
_STATUTES = RelationType.STATUTORY_CONTROL.value


def _low(share: Any) -> float:
    """The certain value of a percentage (``min`` of a range)."""
    return float(share["min"]) if isinstance(share, Mapping) else float(share)


def shareholders(data: Data, target: str) -> dict[str, float]:
    """Who holds shares in ``target``, and how much (certain values, summed per holder)."""
    out: dict[str, float] = {}
    for r in data.get("relations", ()):
        if r["type"] == _SHARE and r["to"] == target and r.get("end") is None:
            out[r["from"]] = out.get(r["from"], 0.0) + _low(r["share"])
    return out


def free_capital(data: Data, target: str) -> float:
    """The share of ``target``'s capital that nobody holds (0 to 100)."""
    return max(0.0, 100.0 - sum(shareholders(data, target).values()))


def _ids(data: Data) -> set[str]:
    return {e["id"] for e in data["entities"]}


def _need(data: Data, *ids: str | None) -> None:
    known = _ids(data)
    for i in ids:
        if i is not None and i not in known:
            raise ArgumentError(f"the move names {i!r}, which is not an entity of the group")


def _copy(data: Data) -> Data:
    return {
        **data,
        "entities": list(data["entities"]),
        "relations": list(data.get("relations", ())),
    }


def _tie(holder: str, held: str, shares: bool) -> dict[str, Any]:
    if shares:
        return {"type": _SHARE, "from": holder, "to": held, "share": 100}
    return {"type": _STATUTES, "from": holder, "to": held}


def _create(data: Data, m: EntityCreated) -> Data:
    _need(data, m.parent, m.child, m.holder, *m.takes_over)
    if m.id in _ids(data):
        raise ArgumentError(f"an entity of the group already has the id {m.id!r}")
    out = _copy(data)
    entity: dict[str, Any] = {"id": m.id, "name": m.name, "form": m.form}
    if m.conventions:
        entity["conventions"] = list(m.conventions)
    out["entities"].append(entity)
    if m.parent is not None:
        out["relations"].append(_tie(m.parent, m.id, m.shares))
    if m.child is not None:
        out["relations"].append(_tie(m.id, m.child, m.shares))
    if m.takes_over and m.holder is not None:
        out = _transfer(out, SharesTransferred(m.holder, m.id, m.takes_over))
    return out


def _transfer(data: Data, m: SharesTransferred) -> Data:
    _need(data, m.holder, m.to, *m.targets)
    out = _copy(data)
    moved = set()
    for i, r in enumerate(out["relations"]):
        if r["type"] == _SHARE and r["from"] == m.holder and r["to"] in m.targets:
            out["relations"][i] = {**r, "from": m.to}
            moved.add(r["to"])
    if moved != set(m.targets):
        raise ArgumentError(f"{m.holder!r} holds no shares in {sorted(set(m.targets) - moved)}")
    return out


def _acquire(data: Data, m: SharesAcquired) -> Data:
    _need(data, m.to, m.target)
    out = _copy(data)
    out["relations"].append({"type": _SHARE, "from": m.to, "to": m.target, "share": m.share})
    return out


def _give(data: Data, m: ControlGiven) -> Data:
    _need(data, m.controller, m.controlled)
    out = _copy(data)
    out["relations"].append(_tie(m.controller, m.controlled, shares=False))
    return out


def _end(data: Data, m: RelationEnded) -> Data:
    out = _copy(data)
    kept = [
        r
        for r in out["relations"]
        if not (r["type"] == m.type and r["from"] == m.from_ and r["to"] == m.to)
    ]
    if len(kept) == len(out["relations"]):
        raise ArgumentError(f"no {m.type} relation from {m.from_!r} to {m.to!r}")
    out["relations"] = kept
    return out


def _entity_edit(data: Data, entity_id: str, **fields: Any) -> Data:
    _need(data, entity_id)
    out = _copy(data)
    for i, e in enumerate(out["entities"]):
        if e["id"] == entity_id:
            new = {**e, **fields}
            out["entities"][i] = {k: v for k, v in new.items() if v not in (None, [])}
    return out


def _form(data: Data, m: FormChanged) -> Data:
    _need(data, m.controller)
    fields: dict[str, Any] = {"form": m.new}
    if m.conventions is not None:
        fields["conventions"] = list(m.conventions)
    out = _entity_edit(data, m.entity, **fields)
    if not Form(m.new).has_capital:  # shares in a body without capital become nothing
        out["relations"] = [
            r for r in out["relations"] if not (r["type"] == _SHARE and r["to"] == m.entity)
        ]
    if m.controller is not None:
        out["relations"].append(_tie(m.controller, m.entity, shares=False))
    return out


def _conventions(data: Data, m: ConventionsChanged) -> Data:
    return _entity_edit(data, m.entity, conventions=list(m.new))


_APPLY: Mapping[type[Move], Callable[[Data, Any], Data]] = {
    EntityCreated: _create,
    SharesTransferred: _transfer,
    SharesAcquired: _acquire,
    ControlGiven: _give,
    RelationEnded: _end,
    FormChanged: _form,
    ConventionsChanged: _conventions,
}


def apply_move(data: Data, move: Move) -> Data:
    """``data`` with ``move`` carried out (a new mapping; ``data`` is not changed).

    Raises:
        ArgumentError: the move names an entity or a relation the data does not have.
    """
    return _APPLY[type(move)](data, move)
