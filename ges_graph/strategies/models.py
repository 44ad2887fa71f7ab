"""Models valid by the format: :func:`entities`, :func:`relations`, :func:`documents`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import DrawFn, SearchStrategy

from ges_graph.model import (
    FORMAT,
    RELATION_CLASSES,
    YEAR_MAX,
    YEAR_MIN,
    AccountKind,
    Basis,
    Category,
    Convention,
    Document,
    Entity,
    FlowKind,
    Form,
    OfficeRole,
    PublicKind,
    Relation,
    RelationType,
    Sector,
)
from ges_graph.strategies._args import (
    check_bool,
    check_flag,
    check_int,
    check_strategy,
    enum_values,
    validated,
)
from ges_graph.strategies._values import (
    _ANY_IDS,
    _ATTRS,
    _DATES,
    _FREE_TEXT,
    _IDS,
    _NAMES,
    _SLUGS,
    _optional,
    _percents,
    _sirens,
)

__all__ = ["documents", "entities", "relations"]


def _check_entities(args: dict[str, Any]) -> None:
    for name in ("ids", "names", "forms"):
        check_strategy(name, args[name])
    check_flag("external", args["external"])
    check_bool("details", args["details"])


@validated(_check_entities)
@st.composite
def entities(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn,
    *,
    ids: SearchStrategy[str] | None = None,
    names: SearchStrategy[str] | None = None,
    forms: SearchStrategy[Form | str] | None = None,
    external: bool | None = None,
    details: bool = True,
) -> Entity:
    """Entities valid by the format, shrinking to ``Entity(id="a", name="A", form=...)``.

    Args:
        ids: strategy for the id (each value must match the id pattern); default short ids such
            as ``a``, ``b2`` first, then any id of the pattern.
        names: strategy for the name; default readable names first, then any non-blank text.
        forms: strategy for the legal form; default any form.
        external: the ``external`` flag, or ``None`` to draw it.
        details: whether optional fields (conventions, SIREN, headcounts, budget, board size,
            tags, attrs…) may appear; when they do, they are consistent (``insertion_employees``
            at most ``employees``, SIRENs Luhn-valid, conventions without duplicates).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, database=None)
        ... @given(entities(forms=st.sampled_from(["sas", "sasu"]), external=False))
        ... def check(entity):
        ...     assert entity.form.is_societe_par_actions and not entity.external
        >>> check()
        >>> entities(forms=["sas"])
        Traceback (most recent call last):
        ...
        hypothesis.errors.InvalidArgument: forms=['sas'] must be a strategy or None
    """
    data: dict[str, Any] = {
        "id": draw(ids if ids is not None else _IDS),
        "name": draw(names if names is not None else _NAMES),
        "form": draw(forms if forms is not None else st.sampled_from(Form)),
        "external": draw(st.booleans()) if external is None else external,
    }
    if details and draw(st.booleans()):
        data["conventions"] = draw(st.lists(st.sampled_from(Convention), unique=True, max_size=3))
        data["sector"] = draw(_optional(st.sampled_from(Sector)))
        data["siren"] = draw(_optional(_sirens()))
        employees = draw(_optional(st.integers(min_value=0, max_value=500)))
        data["employees"] = employees
        data["insertion_employees"] = draw(
            _optional(st.integers(min_value=0, max_value=500 if employees is None else employees))
        )
        data["budget"] = draw(
            _optional(
                st.integers(min_value=0, max_value=10**8).map(float)
                | st.floats(min_value=0, max_value=1e12)
            )
        )
        data["board_size"] = draw(_optional(st.integers(min_value=1, max_value=30)))
        if data["form"] == Form.PUBLIC_BODY:
            data["public_kind"] = draw(_optional(st.sampled_from(PublicKind)))
        data["tags"] = draw(st.lists(_FREE_TEXT, max_size=2))
        data["attrs"] = draw(_ATTRS)
        # Last: its draws vary in number, and drawn in the middle they kept the shrinker from
        # deleting a whole entity (tests/test_strategies.py, ids shrink to small groups).
        data["accounts"] = draw(_accounts(data["budget"], employees))
    return Entity.model_validate({k: v for k, v in data.items() if v is not None})


_FIGURES = st.integers(min_value=0, max_value=10**7).map(float) | st.floats(0, 1e9)


@st.composite
def _accounts(
    draw: DrawFn, budget: float | None, employees: int | None
) -> list[dict[str, Any]] | None:
    """Accounts valid by the format: actual years first, then forecasts, each year once.

    The latest actual year agrees with ``budget`` and ``employees`` where both are given.
    """
    if not draw(st.booleans()):
        return None
    first = draw(st.integers(min_value=YEAR_MIN, max_value=YEAR_MAX - 4))
    actual = draw(st.integers(min_value=0, max_value=2))
    forecast = draw(st.integers(min_value=0, max_value=2))
    out = []
    for i in range(actual + forecast):
        out.append(
            {
                "year": first + i,
                "kind": AccountKind.ACTUAL if i < actual else AccountKind.FORECAST,
                "resources": draw(_optional(_FIGURES)),
                "charges": draw(_optional(_FIGURES)),
                "employees": draw(_optional(st.integers(min_value=0, max_value=500))),
            }
        )
    if actual:
        latest = out[actual - 1]
        if budget is not None and latest["resources"] is not None:
            latest["resources"] = budget
        if employees is not None and latest["employees"] is not None:
            latest["employees"] = employees
    order = draw(st.permutations(range(len(out))))
    return [{k: v for k, v in out[i].items() if v is not None} for i in order] or None


# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------


def _check_relations(args: dict[str, Any]) -> None:
    ids = args["entity_ids"]
    if ids is not None:
        if isinstance(ids, str) or not isinstance(ids, Sequence):
            raise InvalidArgument(f"entity_ids={ids!r} must be a sequence of entity ids")
        if len(set(ids)) < 2:
            raise InvalidArgument(
                f"entity_ids={ids!r} must hold at least two distinct ids (a relation joins two)"
            )
    enum_values("types", args["types"], RelationType)
    check_bool("ranges", args["ranges"])
    check_bool("dates", args["dates"])
    check_bool("details", args["details"])


def _relation_fields(
    draw: DrawFn, kind: RelationType, *, ranges: bool, details: bool
) -> dict[str, Any]:
    """The fields proper to one relation type, valid by the format."""
    opt: Callable[[SearchStrategy[Any]], Any] = (
        (lambda s: draw(_optional(s))) if details else (lambda s: None)
    )
    if kind is RelationType.MEMBERSHIP:
        return {
            "votes": opt(_percents(ranges=ranges)),
            "category": opt(st.sampled_from(Category)),
            "ex_officio": draw(st.booleans()) if details else False,
        }
    if kind is RelationType.BOARD:
        return {
            "seats": draw(st.integers(min_value=1, max_value=20)),
            "chair": draw(st.booleans()) if details else False,
        }
    if kind is RelationType.OFFICE:
        return {"office": draw(st.sampled_from(OfficeRole))}
    if kind is RelationType.STATUTORY_CONTROL:
        return {}
    if kind is RelationType.SHAREHOLDING:
        return {
            "share": draw(_percents(ranges=ranges, positive=True)),
            "votes": opt(_percents(ranges=ranges)),
            "category": opt(st.sampled_from(Category)),
        }
    return {
        "kind": draw(st.sampled_from(FlowKind)),
        "amount": opt(st.integers(min_value=0, max_value=10**7).map(float) | st.floats(0, 1e12)),
        "basis": opt(st.sampled_from(Basis)),
        "agreement": draw(st.booleans()) if details else False,
        "authorised": draw(st.booleans()) if details else False,
        "label": opt(_FREE_TEXT),
        "year": opt(st.integers(min_value=YEAR_MIN, max_value=YEAR_MAX)),
    }


@validated(_check_relations)
@st.composite
def relations(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn,
    *,
    entity_ids: Sequence[str] | None = None,
    types: Collection[RelationType | str] | None = None,
    ranges: bool = True,
    dates: bool = True,
    details: bool = True,
) -> Relation:
    """Relations valid by the format (``from`` ≠ ``to``, shares above 0, ranges ordered…).

    Args:
        entity_ids: the ids the relation may join (at least two distinct ones), typically the
            entity ids of a document; default any two distinct ids.
        types: the relation types to draw from (``RelationType`` or codes); default all six.
        ranges: whether percentages may be ranges ``{min, max}`` (with ``min`` ≤ ``max``).
        dates: whether ``start``/``end`` may appear (with ``start`` ≤ ``end``).
        details: whether optional fields (votes, category, amount, label, id, source, note,
            attrs…) may appear.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, database=None)
        ... @given(relations(entity_ids=["a", "b", "c"], types=["shareholding"]))
        ... def check(rel):
        ...     assert rel.type == "shareholding" and rel.from_ != rel.to
        >>> check()
        >>> relations(types=["ownership"])
        Traceback (most recent call last):
        ...
        hypothesis.errors.InvalidArgument: types: unknown RelationType 'ownership' (must be one of membership, board, office, statutory_control, shareholding, flow)
    """  # noqa: E501
    kinds = enum_values("types", types, RelationType) or tuple(RelationType)
    kind = draw(st.sampled_from(kinds))
    if entity_ids is None:
        ends = draw(st.lists(_IDS, min_size=2, max_size=2, unique=True))
    else:
        pool = list(dict.fromkeys(entity_ids))
        first = draw(st.sampled_from(pool))
        ends = [first, draw(st.sampled_from([i for i in pool if i != first]))]
    data: dict[str, Any] = {"type": kind.value, "from": ends[0], "to": ends[1]}
    details = details and draw(st.booleans())
    data.update(_relation_fields(draw, kind, ranges=ranges, details=details))
    if dates:
        start, end = draw(_optional(_DATES)), draw(_optional(_DATES))
        if start is not None and end is not None and start > end:
            start, end = end, start
        data["start"], data["end"] = start, end
    if details:
        data["id"] = draw(_optional(_RELATION_IDS))
        data["source"] = draw(_optional(_FREE_TEXT))
        data["note"] = draw(_optional(_FREE_TEXT))
        data["attrs"] = draw(_ATTRS)
    cls = RELATION_CLASSES[kind]
    return cls.model_validate({k: v for k, v in data.items() if v is not None})  # type: ignore[return-value]


_RELATION_IDS = st.integers(min_value=1, max_value=99).map("r{}".format) | _ANY_IDS


# --------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------


def _check_documents(args: dict[str, Any]) -> None:
    low = check_int("min_entities", args["min_entities"], 1)
    high = check_int("max_entities", args["max_entities"], 1)
    if low > high:
        raise InvalidArgument(f"min_entities={low} is above max_entities={high}")
    check_int("max_relations", args["max_relations"], 0)
    enum_values("relation_types", args["relation_types"], RelationType)
    check_strategy("forms", args["forms"])
    for name in ("ranges", "dates", "details"):
        check_bool(name, args[name])


# Over 80 lines: the docstring (options and a running example) is a third of it.
@validated(_check_documents)
@st.composite
def documents(  # noqa: D417 - draw is Hypothesis's
    draw: DrawFn,
    *,
    min_entities: int = 1,
    max_entities: int = 6,
    max_relations: int = 8,
    relation_types: Collection[RelationType | str] | None = None,
    forms: SearchStrategy[Form | str] | None = None,
    ranges: bool = True,
    dates: bool = True,
    details: bool = True,
) -> Document:
    """Whole documents valid by the format, shrinking to one entity and no relation.

    Entity ids are unique; relation ids (when drawn) are unique and distinct from entity ids;
    every relation joins two entities of the document. Nothing is promised about meaning:
    shares may add up to more than 100 %, an association may hold capital — what validation
    reports, not what loading refuses.

    Args:
        min_entities: at least this many entities (≥ 1).
        max_entities: at most this many entities.
        max_relations: at most this many relations (none when there is a single entity).
        relation_types: the relation types to draw from; default all six.
        forms: strategy for the entities' legal forms; default any form.
        ranges: whether percentages may be ranges.
        dates: whether ``as_of``, ``start`` and ``end`` may appear.
        details: whether optional fields may appear (top-level ``id``, ``territory``,
            ``sources``, ``attrs``…, and the entities' and relations' own).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None)
        ... @given(documents(min_entities=2, max_entities=4, relation_types=["flow"]))
        ... def check(doc):
        ...     ids = {e.id for e in doc.entities}
        ...     assert all(r.type == "flow" and {r.from_, r.to} <= ids for r in doc.relations)
        >>> check()
    """
    # Unique ids by construction (a taken id gets a numeric suffix), never by rejection: every
    # id can shrink to "a" on its own and the group reads "a", "a2", "a3".
    drawn_entities = draw(
        st.lists(
            entities(forms=forms, details=details), min_size=min_entities, max_size=max_entities
        )
    )
    ents: list[Entity] = []
    taken: set[str] = set()
    for e in drawn_entities:
        new_id, n = e.id, 1
        while new_id in taken:
            n += 1
            new_id = f"{e.id[:60]}{n}"
        taken.add(new_id)
        ents.append(e if new_id == e.id else e.model_copy(update={"id": new_id}))
    ids = [e.id for e in ents]
    rels: list[Relation] = []
    if len(ids) >= 2 and max_relations > 0:
        drawn = draw(
            st.lists(
                relations(
                    entity_ids=ids,
                    types=relation_types,
                    ranges=ranges,
                    dates=dates,
                    details=details,
                ),
                max_size=max_relations,
            )
        )
        for r in drawn:
            if r.id is not None and r.id in taken:
                r = r.model_copy(update={"id": None})  # noqa: PLW2901
            if r.id is not None:
                taken.add(r.id)
            rels.append(r)
    data: dict[str, Any] = {
        "format": FORMAT,
        "name": draw(_NAMES),
        "entities": ents,
        "relations": rels,
    }
    if dates:
        data["as_of"] = draw(_optional(_DATES))
    if details:
        data["id"] = draw(_optional(_SLUGS))
        data["description"] = draw(_optional(_FREE_TEXT))
        data["territory"] = draw(_optional(_FREE_TEXT))
        data["currency"] = draw(_optional(st.sampled_from(["EUR", "CHF", "XPF"])))
        data["sources"] = draw(st.lists(_FREE_TEXT, max_size=2))
        data["attrs"] = draw(_ATTRS)
    return Document.model_validate({k: v for k, v in data.items() if v is not None})
