"""The GES object: a document and the ``networkx.MultiDiGraph`` built from it.

A :class:`GES` is immutable: it holds a validated :class:`~ges_graph.model.Document` and a graph
derived from it once (entity ids as nodes with their model under ``"entity"``, one edge per
relation keyed by :meth:`Document.relation_key <ges_graph.model.Document.relation_key>`, with the
model under ``"relation"``). Nothing can put the two out of step: the document cannot be replaced,
the models are frozen (their ``attrs`` too), and the graph is frozen down to its data (node, edge
and graph data are read-only mappings). Users get a plain copy with :meth:`GES.to_networkx`, and
give one back with :meth:`GES.from_networkx`.
:class:`GESBuilder` builds one programmatically, with the same checks as loading.

Examples:
    >>> b = GESBuilder("Groupe Tremplin", as_of="2025-12-31")
    >>> _ = b.entity("tremplin", "Association Tremplin", "association", conventions=["aci", "ai"])
    >>> _ = b.entity("holding", "Tremplin Développement", "sas")
    >>> _ = b.relation("shareholding", "tremplin", "holding", share=100)
    >>> _ = b.relation("flow", "holding", "tremplin", kind="management_fee", amount=12000)
    >>> ges = b.build()
    >>> sorted(ges.graph.nodes)
    ['holding', 'tremplin']
    >>> [(u, v, k) for u, v, k in ges.layer("capital").edges(keys=True)]
    [('tremplin', 'holding', 'relations[0]')]
    >>> ges.entity("holding").form.label_fr
    'société par actions simplifiée'
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn

from pydantic import TypeAdapter, ValidationError

from ges_graph._lazy import lazy_module
from ges_graph.control import Control
from ges_graph.control.positions import Positions
from ges_graph.errors import (
    ArgumentTypeError,
    DocumentError,
    ErrorDetail,
    ReadOnlyError,
    UnknownEntityError,
)
from ges_graph.model import (
    FORMAT,
    Document,
    Entity,
    Layer,
    Relation,
)
from ges_graph.validation_messages import error_details

if TYPE_CHECKING:
    import networkx as nx
else:
    nx = lazy_module("networkx")  # loaded when a graph is first asked for: checks never need it

__all__ = ["GES", "GESBuilder", "details_from_validation_error", "gc_paused"]

_RELATION_ID = operator.attrgetter("id")
_PLACES_KEPT = 4096
"""How many places' texts (``relations[i]``) stay made for the process."""
_PLACES: list[tuple[str, ...]] = [()]
"""The shared places' texts (one tuple, replaced whole)."""


def relation_places(n: int) -> Sequence[str]:
    """``relations[0]`` … ``relations[n-1]``: the keys of relations that have no id.

    The first few thousand are made once per process and shared (a small group's keys cost no
    formatting); the rest are made for the call. The shared ones are replaced whole when more
    are needed, never changed in place, so that threads reading them never see a partial list.

    Examples:
        >>> relation_places(2), relation_places(5000)[4999]
        (('relations[0]', 'relations[1]'), 'relations[4999]')
    """
    places = _PLACES[0]
    if n > len(places) and len(places) < _PLACES_KEPT:
        size = min(max(n, 2 * len(places), 64), _PLACES_KEPT)
        places = tuple(f"relations[{i}]" for i in range(size))
        _PLACES[0] = places
    if n <= len(places):
        return places[:n]
    return [*places, *(f"relations[{i}]" for i in range(len(places), n))]


@functools.cache
def _relation_adapter() -> TypeAdapter[Relation]:
    """The validator of one relation, built on first use (loading never needs it)."""
    return TypeAdapter(Relation)


def details_from_validation_error(
    exc: ValidationError, prefix: tuple[str | int, ...] = ()
) -> list[ErrorDetail]:
    """Turn a pydantic ``ValidationError`` into :class:`ErrorDetail` items with document paths.

    Args:
        exc: the error raised by validating a document or a part of one.
        prefix: the location of the validated part in the document (``("entities", 3)``).

    Examples:
        >>> try:
        ...     Entity.model_validate({"id": "a", "name": "A", "form": "asso"})
        ... except ValidationError as e:
        ...     print(details_from_validation_error(e, ("entities", 0))[0].path)
        entities[0].form

    The messages are those of loading (:func:`ges_graph.validation_messages.error_details`).
    """
    return error_details(exc, prefix)


class GES:
    """A Groupe Économique Solidaire: a valid document and its graph.

    Args:
        document: a validated document (see :func:`ges_graph.io.load` to read one from a file).

    A ``GES`` cannot be changed: its attributes cannot be set or deleted, and its graph is
    frozen down to its data.

    Examples:
        >>> doc = Document.model_validate({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> ges = GES(doc)
        >>> ges.name, len(ges)
        ('G', 1)
        >>> ges.document = doc
        Traceback (most recent call last):
        ...
        ges_graph.errors.ReadOnlyError: a GES cannot be changed (document); build another one
        >>> ges.graph.nodes["a"]["entity"] = None
        Traceback (most recent call last):
        ...
        TypeError: 'mappingproxy' object does not support item assignment
    """

    __slots__ = ("__dict__", "_document", "_graph")
    _document: Document
    _graph: nx.MultiDiGraph[str]

    def __init__(self, document: Document) -> None:
        if not isinstance(document, Document):
            raise ArgumentTypeError(f"GES expects a Document, not {type(document).__name__}")
        object.__setattr__(self, "_document", document)
        # The graph is built when first asked: validation and classification read the document
        # and the derived notions, never the graph (a third of loading a large document).

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise ReadOnlyError(f"a GES cannot be changed ({name}); build another one")

    def __delattr__(self, name: str) -> NoReturn:
        raise ReadOnlyError(f"a GES cannot be changed ({name}); build another one")

    def __reduce__(self) -> tuple[Any, ...]:
        return (GES, (self._document,))

    # -- basic access ---------------------------------------------------------------------------

    @property
    def document(self) -> Document:
        """The document, as loaded (frozen)."""
        return self._document

    @property
    def graph(self) -> nx.MultiDiGraph[str]:
        """The document's graph, frozen (built on first use, then kept)."""
        try:
            return self._graph
        except AttributeError:
            graph = _frozen_graph(self._document)
            object.__setattr__(self, "_graph", graph)
            return graph

    @functools.cached_property
    def _by_id(self) -> Mapping[str, Entity]:
        return MappingProxyType({e.id: e for e in self._document.entities})

    @functools.cached_property
    def _in_force(self) -> tuple[tuple[str, Relation], ...]:
        as_of = self._document.as_of
        rels = self._document.relations
        # Each relation's key: its id, else its place (the places' texts made once per process
        # for the first few thousand); the ids read in one C-speed pass, and the pairs zipped.
        ids = list(map(_RELATION_ID, rels))
        keys = relation_places(len(rels))
        if ids.count(None) != len(ids):
            keys = [k if i is None else i for i, k in zip(ids, keys, strict=True)]
        if as_of is None:
            return tuple(zip(keys, rels, strict=True))
        return tuple((k, r) for k, r in zip(keys, rels, strict=True) if r.in_force(as_of))

    @property
    def name(self) -> str:
        """The group's name."""
        return self.document.name

    @property
    def as_of(self) -> dt.date | None:
        """The date the structure describes, if given."""
        return self.document.as_of

    def __len__(self) -> int:
        return len(self.document.entities)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.document.entities)

    def __contains__(self, entity_id: object) -> bool:
        try:
            return entity_id in self._by_id
        except TypeError:  # unhashable: no entity has it as its id
            return False

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GES) and other.document == self.document

    def __hash__(self) -> int:
        return hash((GES, self.document.name, len(self.document.entities)))

    def __repr__(self) -> str:
        return (
            f"<GES {self.document.name!r}: {len(self.document.entities)} entities, "
            f"{len(self.document.relations)} relations>"
        )

    @functools.cached_property
    def control(self) -> Control:
        """The derived notions (control, heads, reach, …), computed once on first use.

        See :class:`ges_graph.control.Control`.
        """
        return Control(self)

    @functools.cached_property
    def positions(self) -> Positions:
        """The entities by position and the relations in force as columns, made on first use.

        What the passes over every relation read (:class:`~ges_graph.control.positions.Positions`).

        Examples:
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60}]})
            >>> ges.positions.at["b"], ges.positions.src, ges.positions.dst
            (1, [0], [1])
        """
        return Positions(self._document.entities, self._in_force)

    def entity(self, entity_id: str) -> Entity:
        """The entity with this id.

        Raises:
            UnknownEntityError: there is no such entity (a ``KeyError``).
        """
        try:
            return self._by_id[entity_id]
        except (KeyError, TypeError):
            raise UnknownEntityError(entity_id) from None

    @property
    def entities(self) -> Mapping[str, Entity]:
        """Entities by id, in document order."""
        return dict(self._by_id)

    @property
    def relations(self) -> Mapping[str, Relation]:
        """Relations by key (id, or ``relations[i]``), in document order."""
        return {self.document.relation_key(i): r for i, r in enumerate(self.document.relations)}

    def relations_in_force(self) -> Iterator[tuple[str, Relation]]:
        """(key, relation) pairs of the relations in force at ``as_of``, in document order.

        Derived notions and rules use only these; relations out of force are still loaded,
        saved and drawn (read once, then kept).
        """
        return iter(self._in_force)

    def layer(self, *layers: Layer | str, in_force: bool = False) -> nx.MultiDiGraph[str]:
        """A read-only view of the graph with only the relations of the given layers.

        Args:
            *layers: ``governance``, ``capital`` or ``flows`` (one or several).
            in_force: keep only the relations in force at ``as_of``.

        Examples:
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"},
            ...     {"id": "b", "name": "B", "form": "sarl"}], "relations": [
            ...     {"type": "shareholding", "from": "a", "to": "b", "share": 60},
            ...     {"type": "flow", "kind": "service", "from": "a", "to": "b"}]})
            >>> list(ges.layer("flows").edges(keys=True))
            [('a', 'b', 'relations[1]')]
        """
        wanted = {Layer(x) for x in layers}
        as_of = self.document.as_of

        def keep(u: str, v: str, k: str) -> bool:
            r: Relation = graph.edges[u, v, k]["relation"]
            return r.layer in wanted and (not in_force or r.in_force(as_of))

        graph = self.graph
        return nx.subgraph_view(graph, filter_edge=keep)

    # -- conversions ----------------------------------------------------------------------------

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> GES:
        """Build from plain data (as parsed from JSON or YAML), with the checks of loading.

        Raises:
            DocumentError: the data breaks the format; its details give the paths.
        """
        try:
            return cls(Document.model_validate(data))
        except ValidationError as exc:
            raise DocumentError(details_from_validation_error(exc)) from None

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """A plain, mutable copy of the graph, with the document's other fields in ``graph``.

        Node data: ``entity`` (the model) and ``name``, ``form``; edge data: ``relation`` (the
        model), ``type`` and ``index`` (the relation's place in the document, so that
        :meth:`from_networkx` gives the relations back in their order).

        Examples:
            >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
            ...     {"id": "a", "name": "A", "form": "association"}]})
            >>> g = ges.to_networkx()
            >>> g.nodes["a"]["form"], g.graph["name"]
            ('association', 'G')
            >>> GES.from_networkx(g) == ges
            True
            >>> g.nodes["a"]["name"] = "B"  # a plain copy: changing it leaves ``ges`` as it was
            >>> ges.entity("a").name
            'A'
        """
        g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        g.graph.update(
            self.document.model_dump(exclude={"entities", "relations"}, exclude_none=True)
        )
        for e in self.document.entities:
            g.add_node(e.id, entity=e, name=e.name, form=e.form.value)
        for i, r in enumerate(self.document.relations):
            key = self.document.relation_key(i)
            g.add_edge(r.from_, r.to, key=key, relation=r, type=r.type, index=i)
        return g

    @classmethod
    def from_networkx(cls, graph: nx.MultiDiGraph[str] | nx.DiGraph[str]) -> GES:
        """Build from a networkx graph, as given by :meth:`to_networkx` or made by hand.

        Each node's data is either ``entity`` (an :class:`Entity`) or the entity's fields
        (``name``, ``form``, …; the node is the id). Each edge's data is either ``relation`` or
        the relation's fields (``type``, ``share``, …). ``graph.graph`` holds the document's other
        fields (``name`` is required). Entities keep node order; relations keep the order of their
        ``index`` (as :meth:`to_networkx` writes it), else edge order; an edge key that is not
        ``relations[i]`` becomes the relation's ``id``.

        Raises:
            DocumentError: the graph does not describe a valid document.
        """
        data: dict[str, Any] = {"format": FORMAT, **dict(graph.graph)}
        entities: list[Any] = []
        for node, attrs in graph.nodes(data=True):
            if isinstance(attrs.get("entity"), Entity):
                entities.append(attrs["entity"])
            else:
                entities.append({"id": node, **attrs})
        relations: list[Any] = []
        edges: Iterable[tuple[Any, ...]] = (
            graph.edges(keys=True, data=True) if graph.is_multigraph() else graph.edges(data=True)
        )
        for edge in _in_document_order(edges):
            u, v, attrs = edge[0], edge[1], edge[-1]
            key = edge[2] if len(edge) == 4 else None
            rel = attrs.get("relation")
            if rel is None:
                fields = {k: w for k, w in attrs.items() if k not in ("relation", "index")}
                fields.update({"from": u, "to": v})
                if isinstance(key, str) and not key.startswith("relations[") and "id" not in fields:
                    fields["id"] = key
                relations.append(fields)
            else:
                relations.append(rel)
        data["entities"] = entities
        data["relations"] = relations
        return cls.from_data(data)


class gc_paused:  # named as the function it replaces: ``with gc_paused():``
    """Pause the cyclic garbage collector for a whole check (``validate``, ``classify``).

    A check makes many small objects that live until it ends: the collector would walk them
    again and again for nothing (twice the time on a large group). Reference counting still frees
    what is dropped; the collector's state is put back as it was, even on an exception. What
    was made meanwhile and still lives goes straight to the oldest generation (``gc.freeze``,
    then ``gc.unfreeze``), as a collection would have moved it: the collector does not walk it
    all at once when it starts again (half a second for two million objects), only at its next
    full collection. When someone froze objects before, nothing is moved.

    A class rather than a generator: entered at every classification, it costs a third of a
    generator-based context manager.

    Examples:
        >>> import gc
        >>> with gc_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """

    __slots__ = ("_enabled",)

    def __enter__(self) -> None:
        self._enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._enabled:
            if not gc.get_freeze_count():
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _frozen_graph(document: Document) -> nx.MultiDiGraph[str]:
    """The document's graph, frozen: no node or edge can be added, and all data is read-only."""
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(name=document.name)
    # Filled as ``add_node`` and ``add_edge`` would fill it, without their checks (the document
    # is valid: ids unique, relation keys unique, every end an entity), a third of the time.
    # networkx keeps each node's and edge's data in a dict that ``g.nodes[n]`` and
    # ``g.edges[u, v, k]`` hand out as is; read-only views of them make the data as frozen as the
    # structure (every networkx algorithm only reads them, or copies them with ``.copy()``).
    nodes, succ, pred = g._node, g._succ, g._pred
    for e in document.entities:
        nodes[e.id] = MappingProxyType({"entity": e})
        succ[e.id] = {}
        pred[e.id] = {}
    for i, r in enumerate(document.relations):
        u, v = r.from_, r.to
        keydict = succ[u].get(v)
        if keydict is None:
            keydict = succ[u][v] = pred[v][u] = {}  # _pred shares the key dicts of _succ
        key = r.id if r.id is not None else f"relations[{i}]"
        keydict[key] = MappingProxyType({"relation": r, "type": r.type})
    g.graph = MappingProxyType(g.graph)
    return nx.freeze(g)


def _in_document_order(edges: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The edges in the order of their ``index`` when every edge has a distinct integer one."""
    listed = list(edges)
    indexes = [e[-1].get("index") for e in listed]
    if all(type(i) is int for i in indexes) and len(set(indexes)) == len(indexes):
        return [e for _, e in sorted(zip(indexes, listed, strict=True), key=lambda p: p[0])]
    return listed


class GESBuilder:
    """Build a :class:`GES` step by step, each step checked as loading checks it.

    Every method returns the builder, so calls chain. An entity or relation that breaks the format
    raises :class:`~ges_graph.errors.DocumentError` at once, with its path in the document to be.

    Args:
        name: the group's name.
        **fields: other top-level fields (``as_of``, ``territory``, ``currency``, …).

    Examples:
        >>> b = GESBuilder("G").entity("a", "A", "association")
        >>> b.relation("shareholding", "a", "b", share=10)
        Traceback (most recent call last):
        ...
        ges_graph.errors.DocumentError: relations[0].to: 'b' is not the id of an entity (got 'b')
        >>> b.entity("b", "B", "sarl").relation("shareholding", "a", "b", share=10).build()
        <GES 'G': 2 entities, 1 relations>
    """

    def __init__(self, name: str, **fields: Any) -> None:
        self._fields: dict[str, Any] = {"format": FORMAT, "name": name, **fields}
        self._entities: list[Entity] = []
        self._ids: set[str] = set()
        self._relations: list[Relation] = []

    def entity(self, id: str, name: str, form: str, **fields: Any) -> GESBuilder:
        """Add an entity (``fields``: ``conventions``, ``external``, ``budget``, …)."""
        index = len(self._entities)
        try:
            e = Entity.model_validate({"id": id, "name": name, "form": form, **fields})
        except ValidationError as exc:
            raise DocumentError(details_from_validation_error(exc, ("entities", index))) from None
        if e.id in self._ids:
            raise DocumentError(
                [
                    ErrorDetail(
                        f"entities[{index}].id",
                        "duplicate entity id",
                        e.id,
                        type="duplicate_id",
                        message_fr="id d'entité en double",
                    )
                ]
            )
        self._entities.append(e)
        self._ids.add(e.id)
        return self

    def relation(self, type: str, from_: str, to: str, **fields: Any) -> GESBuilder:
        """Add a relation of ``type`` from ``from_`` to ``to`` (``share``, ``kind``… as fields)."""
        index = len(self._relations)
        try:
            r = _relation_adapter().validate_python(
                {"type": type, "from": from_, "to": to, **fields}
            )
        except ValidationError as exc:
            raise DocumentError(details_from_validation_error(exc, ("relations", index))) from None
        for end, value in (("from", r.from_), ("to", r.to)):
            if value not in self._ids:
                raise DocumentError(
                    [
                        ErrorDetail(
                            f"relations[{index}].{end}",
                            f"{value!r} is not the id of an entity",
                            value,
                            type="unknown_entity",
                            message_fr=f"{value!r} n'est l'id d'aucune entité",
                        )
                    ]
                )
        self._relations.append(r)
        return self

    def build(self) -> GES:
        """The GES (every remaining check, such as relation ids, runs here).

        Raises:
            DocumentError: the document is not valid.
        """
        return GES.from_data(
            {**self._fields, "entities": self._entities, "relations": self._relations}
        )
