"""Invalid raw data: :func:`invalid_documents`, one rule of the format broken in one place."""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from collections.abc import Callable, Collection, Sequence
from typing import Any, Literal, NamedTuple

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn

from ges_graph.model import (
    MAX_DEPTH,
    RELATION_CLASSES,
    Convention,
    Document,  # noqa: F401 - the doctests use it
    Form,
    PublicKind,
    RelationType,
)
from ges_graph.strategies._args import validated
from ges_graph.strategies._values import _DATES, _luhn_digit
from ges_graph.strategies.models import documents

__all__ = ["INVALID_RULES", "InvalidDocument", "invalid_documents"]


class InvalidDocument(NamedTuple):
    """Raw document data that breaks exactly one rule of the format.

    Attributes:
        data: the data, as a JSON or YAML parser would give it (``dict``, lists, strings,
            numbers; ``NaN`` where the rule is ``not-finite``).
        path: the broken place, as a load error names it (``entities[2].form``, ``relations[0].to``,
            ``relatons`` for an unknown key, ``entities[1].name`` for a missing one); ``None`` for
            a rule that has no path (``too-deep``: excessive nesting is reported by line).
        rule: which rule is broken, one of :data:`INVALID_RULES`.
    """

    data: dict[str, Any]
    path: str | None
    rule: str

    def text(self, syntax: Literal["yaml", "json"] = "yaml") -> str:
        """The data as YAML or JSON text (that keeps the breakage: ``NaN``, ``.nan``…).

        Examples:
            >>> bad = InvalidDocument({"format": "ges-graph/2"}, "format", "unknown-format")
            >>> bad.text("json")
            '{"format": "ges-graph/2"}'
        """
        if syntax == "json":
            return json.dumps(self.data, ensure_ascii=False)
        import yaml  # noqa: PLC0415 - a core dependency, only needed here

        return yaml.safe_dump(self.data, allow_unicode=True, sort_keys=False)


_Mutation = Callable[[DrawFn, dict[str, Any]], str | None]
_FIELDS_BY_TYPE = {
    t.value: (set(RELATION_CLASSES[t].model_fields) - {"from_"}) | {"from"} for t in RelationType
}
_RELATION_FIELD_NAMES = sorted(
    {f for fields in _FIELDS_BY_TYPE.values() for f in fields} - {"type"}
)
_MINIMAL_RELATION: dict[str, dict[str, Any]] = {
    "membership": {},
    "board": {"seats": 1},
    "office": {"office": "director"},
    "statutory_control": {},
    "shareholding": {"share": 10},
    "flow": {"kind": "service"},
}
_REQUIRED_BY_TYPE = {
    "membership": (),
    "board": ("seats",),
    "office": ("office",),
    "statutory_control": (),
    "shareholding": ("share",),
    "flow": ("kind",),
}


def _fresh(data: dict[str, Any], stem: str = "x") -> str:
    used = {e["id"] for e in data["entities"]} | {
        r["id"] for r in data.get("relations", ()) if "id" in r
    }
    n = 1
    while f"{stem}{n}" in used:
        n += 1
    return f"{stem}{n}"


def _entity_index(draw: DrawFn, data: dict[str, Any]) -> int:
    return draw(st.integers(min_value=0, max_value=len(data["entities"]) - 1))


def _relation_index(draw: DrawFn, data: dict[str, Any], types: Sequence[str]) -> int:
    """Index of a relation of one of ``types``: an existing one, or one appended (valid)."""
    rels = data.setdefault("relations", [])
    found = [i for i, r in enumerate(rels) if r["type"] in types]
    reuse: bool = draw(st.booleans())
    if found and reuse:
        return int(draw(st.sampled_from(found)))
    while len(data["entities"]) < 2:
        data["entities"].append({"id": _fresh(data), "name": "X", "form": "sas"})
    kind = draw(st.sampled_from(list(types)))
    ends = draw(
        st.lists(
            st.sampled_from([e["id"] for e in data["entities"]]),
            min_size=2,
            max_size=2,
            unique=True,
        )
    )
    rels.append({"type": kind, "from": ends[0], "to": ends[1], **_MINIMAL_RELATION[kind]})
    return len(rels) - 1


def _m_unknown_format(draw: DrawFn, data: dict[str, Any]) -> str:
    data["format"] = draw(
        st.sampled_from(["ges-graph/2", "ges-graph/0", "GES-GRAPH/1", "gesgraph"])
    )
    return "format"


def _m_missing_key(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["top", "entity", "relation"]))
    if where == "top":
        key = draw(st.sampled_from(["format", "name", "entities"]))
        if key == "entities":
            data.pop("relations", None)
        del data[key]
        return str(key)
    if where == "entity":
        i = _entity_index(draw, data)
        key = draw(st.sampled_from(["id", "name", "form"]))
        del data["entities"][i][key]
        return f"entities[{i}].{key}"
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    rel = data["relations"][k]
    key = draw(st.sampled_from(["from", "to", *_REQUIRED_BY_TYPE[rel["type"]]]))
    del rel[key]
    return f"relations[{k}].{key}"


def _m_unknown_key(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["top", "entity", "relation"]))
    if where == "top":
        key = draw(st.sampled_from(["relatons", "entites", "nom", "version"]))
        data[key] = []
        return str(key)
    if where == "entity":
        i = _entity_index(draw, data)
        key = draw(st.sampled_from(["nom", "forme", "siret", "type", "share"]))
        data["entities"][i][key] = 10
        return f"entities[{i}].{key}"
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    rel = data["relations"][k]
    others = [f for f in _RELATION_FIELD_NAMES if f not in _FIELDS_BY_TYPE[rel["type"]]]
    key = draw(st.sampled_from([*others, "shares", "montant"]))
    rel[key] = 10
    return f"relations[{k}].{key}"


def _m_wrong_type(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["name", "sources", "entity", "relation"]))
    if where == "name":
        data["name"] = 12
        return "name"
    if where == "sources":
        data["sources"] = "https://example.org"
        return "sources"
    if where == "entity":
        i = _entity_index(draw, data)
        ent = data["entities"][i]
        key, value = draw(
            st.sampled_from(
                [
                    ("name", 12),
                    ("employees", "12"),
                    ("external", "yes"),
                    ("board_size", [3]),
                    ("form", 1),
                ]
            )
        )
        if key == "employees":
            ent.pop("insertion_employees", None)
        ent[key] = value
        return f"entities[{i}].{key}"
    k = _relation_index(draw, data, ["board", "flow"])
    rel = data["relations"][k]
    key, value = ("seats", "3") if rel["type"] == "board" else ("agreement", "yes")
    rel[key] = value
    return f"relations[{k}].{key}"


def _m_unknown_value(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["form", "sector", "convention", "kind", "office", "category"]))
    if where in ("form", "sector", "convention"):
        i = _entity_index(draw, data)
        ent = data["entities"][i]
        if where == "form":
            ent["form"] = draw(st.sampled_from(["associaton", "SARLX", "company", "asso"]))
            return f"entities[{i}].form"
        if where == "sector":
            ent["sector"] = draw(st.sampled_from(["public", "markets", "Marchant"]))
            return f"entities[{i}].sector"
        conventions = list(ent.get("conventions", []))
        conventions.append(draw(st.sampled_from(["aci2", "ACII", "esus", "geiq"])))
        ent["conventions"] = conventions
        return f"entities[{i}].conventions[{len(conventions) - 1}]"
    types = {"kind": ["flow"], "office": ["office"], "category": ["membership", "shareholding"]}
    k = _relation_index(draw, data, types[where])
    data["relations"][k][where] = draw(st.sampled_from(["fees", "ceo", "staff", "Otherwise"]))
    return f"relations[{k}].{where}"


def _m_duplicate_convention(draw: DrawFn, data: dict[str, Any]) -> str:
    i = _entity_index(draw, data)
    c = draw(st.sampled_from([c.value for c in Convention]))
    data["entities"][i]["conventions"] = [c, c]
    return f"entities[{i}].conventions"


def _m_duplicate_id(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["entity", "relation", "relation-entity"]))
    if where == "entity":
        i = _entity_index(draw, data)
        data["entities"].append(copy.deepcopy(data["entities"][i]))
        return f"entities[{len(data['entities']) - 1}].id"
    if where == "relation-entity":
        k = _relation_index(draw, data, list(_MINIMAL_RELATION))
        data["relations"][k]["id"] = data["entities"][_entity_index(draw, data)]["id"]
        return f"relations[{k}].id"
    first = _relation_index(draw, data, list(_MINIMAL_RELATION))
    rels = data["relations"]
    while True:  # a second relation, after the first
        second = _relation_index(draw, data, list(_MINIMAL_RELATION))
        if second > first:
            break
        if second < first:
            first, second = second, first
            break
        rels.append(copy.deepcopy(rels[first]))
        rels[-1].pop("id", None)
        second = len(rels) - 1
        break
    rid = rels[first].get("id") or _fresh(data, "r")
    rels[first]["id"] = rid
    rels[second]["id"] = rid
    return f"relations[{second}].id"


def _m_dangling_reference(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    end = draw(st.sampled_from(["from", "to"]))
    data["relations"][k][end] = _fresh(data, "ghost")
    return f"relations[{k}].{end}"


def _m_self_relation(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    rel = data["relations"][k]
    rel["to"] = rel["from"]
    return f"relations[{k}].to"


def _m_bad_pattern(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["entity", "relation", "id", "currency"]))
    bad_ids = ["-a", "a b", "é", "a" * 65, "_x", "a/b", ""]
    if where == "entity":
        data["entities"].append({"id": draw(st.sampled_from(bad_ids)), "name": "X", "form": "sas"})
        return f"entities[{len(data['entities']) - 1}].id"
    if where == "relation":
        k = _relation_index(draw, data, list(_MINIMAL_RELATION))
        data["relations"][k]["id"] = draw(st.sampled_from(bad_ids))
        return f"relations[{k}].id"
    if where == "id":
        data["id"] = draw(st.sampled_from(["Groupe X", "ges_1", "-ges", "ges-"]))
        return "id"
    data["currency"] = draw(st.sampled_from(["eur", "EURO", "€"]))
    return "currency"


def _m_blank_string(draw: DrawFn, data: dict[str, Any]) -> str:
    blank = draw(st.sampled_from(["", " ", "\t", "\u00a0"]))
    if draw(st.booleans()):
        data["name"] = blank
        return "name"
    i = _entity_index(draw, data)
    data["entities"][i]["name"] = blank
    return f"entities[{i}].name"


def _m_empty_entities(draw: DrawFn, data: dict[str, Any]) -> str:
    data["entities"] = []
    data.pop("relations", None)
    return "entities"


def _m_percent_out_of_range(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, ["shareholding", "membership"])
    rel = data["relations"][k]
    field = "share" if rel["type"] == "shareholding" and draw(st.booleans()) else "votes"
    rel[field] = draw(st.sampled_from([100.5, 101, 150, -1, -0.5]))
    return f"relations[{k}].{field}"


def _m_zero_share(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, ["shareholding"])
    data["relations"][k]["share"] = draw(st.sampled_from([0, 0.0, {"min": 0, "max": 10}]))
    return f"relations[{k}].share"


def _m_range_order(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, ["shareholding", "membership"])
    rel = data["relations"][k]
    field = "share" if rel["type"] == "shareholding" and draw(st.booleans()) else "votes"
    high = draw(st.integers(min_value=1, max_value=99))
    rel[field] = {"min": high + 1, "max": high}
    return f"relations[{k}].{field}"


def _m_dates_order(draw: DrawFn, data: dict[str, Any]) -> str:
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    end = draw(_DATES.filter(lambda d: d < dt.date(2099, 12, 31)))
    rel = data["relations"][k]
    rel["end"] = end.isoformat()
    rel["start"] = (end + dt.timedelta(days=draw(st.integers(1, 400)))).isoformat()
    return f"relations[{k}].end"


def _m_bad_date(draw: DrawFn, data: dict[str, Any]) -> str:
    bad = draw(st.sampled_from(["2025-13-01", "31/12/2025", "2025-02-30", "2025-1-1", "today"]))
    if draw(st.booleans()):
        data["as_of"] = bad
        return "as_of"
    k = _relation_index(draw, data, list(_MINIMAL_RELATION))
    rel = data["relations"][k]
    rel.pop("end", None)
    rel["start"] = bad
    return f"relations[{k}].start"


def _m_insertion_above(draw: DrawFn, data: dict[str, Any]) -> str:
    i = _entity_index(draw, data)
    n = draw(st.integers(min_value=0, max_value=50))
    data["entities"][i]["employees"] = n
    data["entities"][i]["insertion_employees"] = n + draw(st.integers(min_value=1, max_value=5))
    return f"entities[{i}].insertion_employees"


def _m_negative_number(draw: DrawFn, data: dict[str, Any]) -> str:
    where = draw(st.sampled_from(["employees", "budget", "board_size", "amount", "seats"]))
    if where in ("amount", "seats"):
        k = _relation_index(draw, data, ["flow"] if where == "amount" else ["board"])
        data["relations"][k][where] = -1 if where == "amount" else 0
        return f"relations[{k}].{where}"
    i = _entity_index(draw, data)
    ent = data["entities"][i]
    ent.pop("insertion_employees", None)
    ent[where] = {"employees": -1, "budget": -0.5, "board_size": 0}[where]
    return f"entities[{i}].{where}"


def _m_invalid_siren(draw: DrawFn, data: dict[str, Any]) -> str:
    i = _entity_index(draw, data)
    body = draw(st.text("0123456789", min_size=8, max_size=8))
    good = _luhn_digit(body)
    wrong = str((int(good) + draw(st.integers(min_value=1, max_value=9))) % 10)
    data["entities"][i]["siren"] = draw(
        st.sampled_from([body + wrong, body, body + good + "0", body[:7] + "A" + good])
    )
    return f"entities[{i}].siren"


def _m_public_kind_misplaced(draw: DrawFn, data: dict[str, Any]) -> str:
    i = _entity_index(draw, data)
    ent = data["entities"][i]
    if ent["form"] in (Form.PUBLIC_BODY, "public_body"):
        ent["form"] = draw(st.sampled_from([f.value for f in Form if f is not Form.PUBLIC_BODY]))
    ent["public_kind"] = draw(st.sampled_from([k.value for k in PublicKind]))
    return f"entities[{i}].public_kind"


def _m_not_finite(draw: DrawFn, data: dict[str, Any]) -> str:
    value = draw(st.sampled_from([math.nan, math.inf, -math.inf]))
    where = draw(st.sampled_from(["budget", "amount", "attrs"]))
    if where == "budget":
        i = _entity_index(draw, data)
        data["entities"][i]["budget"] = value
        return f"entities[{i}].budget"
    if where == "amount":
        k = _relation_index(draw, data, ["flow"])
        data["relations"][k]["amount"] = value
        return f"relations[{k}].amount"
    attrs = data.setdefault("attrs", {})
    attrs["x"] = value
    return "attrs.x"


def _m_too_deep(draw: DrawFn, data: dict[str, Any]) -> None:
    extra = draw(st.integers(min_value=0, max_value=5))
    value: Any = 1
    for _ in range(MAX_DEPTH + extra):
        value = [value] if draw(st.booleans()) else {"x": value}
    data["attrs"] = {"deep": value}


_MUTATIONS: dict[str, _Mutation] = {
    "unknown-format": _m_unknown_format,
    "missing-key": _m_missing_key,
    "unknown-key": _m_unknown_key,
    "wrong-type": _m_wrong_type,
    "unknown-value": _m_unknown_value,
    "duplicate-convention": _m_duplicate_convention,
    "duplicate-id": _m_duplicate_id,
    "dangling-reference": _m_dangling_reference,
    "self-relation": _m_self_relation,
    "bad-pattern": _m_bad_pattern,
    "blank-string": _m_blank_string,
    "empty-entities": _m_empty_entities,
    "percent-out-of-range": _m_percent_out_of_range,
    "zero-share": _m_zero_share,
    "range-order": _m_range_order,
    "dates-order": _m_dates_order,
    "bad-date": _m_bad_date,
    "insertion-above-employees": _m_insertion_above,
    "negative-number": _m_negative_number,
    "invalid-siren": _m_invalid_siren,
    "public-kind-misplaced": _m_public_kind_misplaced,
    "not-finite": _m_not_finite,
    "too-deep": _m_too_deep,
}

INVALID_RULES: tuple[str, ...] = tuple(_MUTATIONS)
"""The format rules :func:`invalid_documents` can break, by name."""


def _check_invalid(args: dict[str, Any]) -> None:
    rules = args["rules"]
    if rules is None:
        return
    if isinstance(rules, str) or not isinstance(rules, Collection) or not rules:
        raise InvalidArgument(f"rules={rules!r} must be a non-empty collection of rule names")
    for r in rules:
        if r not in _MUTATIONS:
            raise InvalidArgument(
                f"rules: unknown rule {r!r} (must be one of {', '.join(INVALID_RULES)})"
            )


@validated(_check_invalid)
@st.composite
def invalid_documents(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn, *, rules: Collection[str] | None = None
) -> InvalidDocument:
    """Raw data that breaks exactly one rule of the format, with the place and the rule.

    The data starts as a valid document drawn from :func:`documents` (as ``model_dump`` gives
    it), then one rule is broken in one place; what the break needs (a relation, a second
    entity) is added in a valid form first. The result is meant for testing loaders and their
    error messages: loading it must fail, and the first error must name ``path``.

    Args:
        rules: the rules to break (names from :data:`INVALID_RULES`); default all of them.

    Examples:
        >>> from hypothesis import given, settings
        >>> from pydantic import ValidationError
        >>> from ges_graph.model import format_loc
        >>> @settings(max_examples=20, database=None)
        ... @given(invalid_documents(rules=["dangling-reference", "unknown-value"]))
        ... def check(bad):
        ...     try:
        ...         Document.model_validate(bad.data)
        ...     except ValidationError as exc:
        ...         assert format_loc(exc.errors()[0]["loc"]) == bad.path
        ...     else:
        ...         raise AssertionError("accepted")
        >>> check()
        >>> invalid_documents(rules=["typo"])
        Traceback (most recent call last):
        ...
        hypothesis.errors.InvalidArgument: rules: unknown rule 'typo' (must be one of ...)
    """
    rule = draw(st.sampled_from(sorted(rules) if rules is not None else INVALID_RULES))
    doc = draw(documents(max_entities=4, max_relations=4))
    data: dict[str, Any] = doc.model_dump(mode="json", exclude_defaults=True)
    path = _MUTATIONS[rule](draw, data)
    return InvalidDocument(data, path, rule)
