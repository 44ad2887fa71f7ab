r"""What a diagram shows, independent of the engine that draws it.

:func:`build_scene` turns a :class:`~ges_graph.graph.GES` (and optionally a validation report)
into a :class:`Scene`: nodes and edges sorted by content (so that the order of entities and
relations in the document never changes the drawing), with their label lines in the chosen
language, their styles, the findings that concern them, and a rank for each node: holders above
what they hold, the head of group on top. Both engines draw a scene; neither looks at the
document again.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "b", "name": "Tremplin Nettoyage", "form": "sarl", "conventions": ["ei"]},
    ...     {"id": "a", "name": "Association Tremplin", "form": "association"}],
    ...     "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 90}]})
    >>> scene = build_scene(ges)
    >>> for n in scene.nodes:
    ...     print(n.id, n.rank, n.lines)
    a 0 ('Association Tremplin', 'association loi 1901', '★ tête de groupe')
    b 1 ('Tremplin Nettoyage', 'SARL · EI')
    >>> scene.edges[0].label
    '90\xa0%'
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple, TypeVar

from ges_graph.errors import ArgumentError
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, format_date
from ges_graph.model import Flow, Layer, Relation, RelationType
from ges_graph.render.flowgroups import Marks, family_scene, too_many_flows
from ges_graph.render.labels import (
    clean,
    edge_label,
    flows_label,
    join_label,
    mark_text,
    node_lines,
    tooltip,
)
from ges_graph.render.labels import shorten as shorten  # noqa: PLC0414
from ges_graph.render.options import check_direction, check_paper, row_budget
from ges_graph.render.ranks import layer_ranks, rank_pairs, stack_rows, upwards
from ges_graph.render.scene_model import FindingLike as FindingLike  # noqa: PLC0414
from ges_graph.render.scene_model import ReportLike as ReportLike  # noqa: PLC0414
from ges_graph.render.scene_model import Scene as Scene  # noqa: PLC0414
from ges_graph.render.scene_model import SceneEdge as SceneEdge  # noqa: PLC0414
from ges_graph.render.scene_model import SceneFinding as SceneFinding  # noqa: PLC0414
from ges_graph.render.scene_model import SceneNode as SceneNode  # noqa: PLC0414
from ges_graph.render.scene_model import severity_order, worst
from ges_graph.render.style import EDGE_STYLES
from ges_graph.rules import RULES

__all__ = ["build_scene", "check_layers", "check_view"]
# shorten stays importable from here; its home is ges_graph.render.labels. So do the scene's
# records, their usual import path: FindingLike, ReportLike, Scene, SceneEdge, SceneFinding,
# SceneNode (their home is ges_graph.render.scene_model).

VIEWS = ("structure", "flows", "all")
"""What a diagram shows: ``structure`` (governance and capital: who holds, controls and
federates whom), ``flows`` (the money between the entities, over the same places), ``all``."""

_VIEW_LAYERS: dict[str, frozenset[Layer]] = {
    "structure": frozenset({Layer.GOVERNANCE, Layer.CAPITAL}),
    "flows": frozenset({Layer.FLOWS}),
    "all": frozenset(Layer),
}


# Edges, and the lines of a shared label, in this order: stakes first.
_TYPE_ORDER: dict[str, int] = {
    t.value: i
    for i, t in enumerate(
        [
            RelationType.SHAREHOLDING,
            RelationType.STATUTORY_CONTROL,
            RelationType.BOARD,
            RelationType.MEMBERSHIP,
            RelationType.OFFICE,
            RelationType.FLOW,
        ]
    )
}
_LAYER_OF: dict[str, Layer] = {t.value: t.layer for t in RelationType}
_RANKING = frozenset(t.value for t in RelationType if t.layer is not Layer.FLOWS)
_TYPES: dict[str, RelationType] = {t.value: t for t in RelationType}
_CONSTRAINING = frozenset(t.value for t, st in EDGE_STYLES.items() if st.constraint)
_FLOW = RelationType.FLOW.value
_F = TypeVar("_F", bound=FindingLike)


def check_layers(layers: Iterable[Layer | str] | None) -> frozenset[Layer]:
    """The layers to draw: all three when ``None``.

    Raises:
        ValueError: an unknown layer name, or none at all.

    Examples:
        >>> sorted(check_layers(["capital", "flows"]))
        [<Layer.CAPITAL: 'capital'>, <Layer.FLOWS: 'flows'>]
        >>> check_layers(["money"])
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: unknown layer: 'money' (must be one of governance, ...)
    """
    if layers is None:
        return frozenset(Layer)
    if isinstance(layers, str):
        layers = [part.strip() for part in layers.split(",") if part.strip()]
    out = set()
    for layer in layers:
        try:
            out.add(Layer(layer))
        except ValueError:
            choices = ", ".join(x.value for x in Layer)
            raise ArgumentError(f"unknown layer: {layer!r} (must be one of {choices})") from None
    if not out:
        raise ArgumentError("no layer to draw (choose among governance, capital, flows)")
    return frozenset(out)


def check_view(view: str) -> str:
    """``view`` when it is one of :data:`VIEWS`.

    Raises:
        ArgumentError: another value; the message names the accepted ones.

    Examples:
        >>> check_view("flows")
        'flows'
        >>> check_view("money")
        Traceback (most recent call last):
        ...
        ges_graph.errors.ArgumentError: unknown view: 'money' (must be one of structure, flows, all)
    """
    if view not in VIEWS:
        raise ArgumentError(f"unknown view: {view!r} (must be one of {', '.join(VIEWS)})")
    return view


def head_of(ges: GES) -> str | None:
    """The head of group from the GES's derived control notions, or None when there is none.

    Control (``ges.control``) comes from :mod:`ges_graph.control`; a GES without it gives None.
    """
    control = getattr(ges, "control", None)
    head = getattr(control, "head", None) if control is not None else None
    return head if isinstance(head, str) and head in ges else None


def build_scene(
    ges: GES,
    *,
    view: str = "structure",
    layers: Iterable[Layer | str] | None = None,
    lang: Lang = "fr",
    report: ReportLike | None = None,
    findings: bool = True,
    direction: str | None = None,
    paper: str | None = None,
) -> Scene:
    r"""The scene of a GES: sorted nodes and edges with labels, ranks and findings.

    Args:
        ges: the group to draw (never changed).
        view: ``structure`` (governance and capital, the default), ``flows`` or ``all``.
        layers: ``governance``, ``capital``, ``flows`` (any of them, or a comma-separated
            string): when given, the layers drawn, whatever ``view`` says (``custom`` view).
        lang: ``fr`` or ``en``, for every text on the diagram.
        report: a validation report whose findings are marked on what they concern.
        findings: False to leave the report's findings unmarked.
        direction: ``TB``, ``LR``, ``BT`` or ``RL``; by default ``LR`` for flows and for a
            structure too wide for rows (:func:`~ges_graph.render.options.default_direction`),
            else ``TB``.
        paper: ``a4`` or ``a3``: the paper to lay out for (how many entities a rank holds).

    Raises:
        ArgumentError: an unknown view, layer, direction, paper or language.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"},
        ...     {"id": "b", "name": "B", "form": "sas"}], "relations": [
        ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100},
        ...     {"type": "office", "from": "a", "to": "b", "office": "president"},
        ...     {"type": "flow", "from": "b", "to": "a", "kind": "management_fee",
        ...      "amount": 9000},
        ...     {"type": "flow", "from": "b", "to": "a", "kind": "management_fee",
        ...      "amount": 3000}]})
        >>> [(e.label, e.drawn) for e in build_scene(ges).edges]
        [('100\xa0% · présidence', True), ('', False)]
        >>> [(e.label, e.drawn, e.amount) for e in build_scene(ges, view="flows").edges]
        [('frais de siège · 12\xa0k€', True, 12000.0), ('', False, 12000.0)]
    """
    language = check_lang(lang)
    check_view(view)
    wanted = _VIEW_LAYERS[view] if layers is None else check_layers(layers)
    shown = view if layers is None else "custom"
    doc = ges.document
    head = head_of(ges)

    paper = check_paper(paper)
    ranked, keyed = _relations(ges, wanted)
    outside_after = shown != "flows"  # the flows view keeps every holder above what it holds
    # Each relation's way, worked out once: ranking and drawing both read it.
    ups = upwards(ges, ranked, head, outside_after)
    live = None if doc.as_of is None else frozenset(k for k, _ in ges.relations_in_force())
    pairs = rank_pairs(ges, ranked, head, outside_after, ups, live)
    numbered, entity_marks, relation_marks = _number_findings(
        ges, report if findings else None, language
    )
    if shown == "flows" and too_many_flows(keyed):
        marks = Marks(numbered, entity_marks, relation_marks)
        title = _title(doc.name, doc.as_of, language)
        return family_scene(
            ges, keyed, pairs, marks, head=head, title=title, lang=language,
            direction=direction, paper=paper, live=live,
        )  # fmt: skip
    layered = layer_ranks(sorted(ges.entities), pairs, head)
    widest = max(Counter(layered.values()).values(), default=0)
    given = direction is not None
    direction = check_direction(direction, shown, widest)
    ranks = stack_rows(layered, pairs, row_budget(direction, paper))

    nodes = _scene_nodes(ges, head, ranks, numbered, entity_marks, language)
    ranking = set(pairs)
    dated = (doc.as_of, doc.currency)
    context = _EdgeContext(ges, ranking, numbered, relation_marks, language, ups, dated, live)
    edges = _scene_edges(context, keyed)
    return Scene(
        title=_title(doc.name, doc.as_of, language),
        lang=language,
        layers=wanted,
        nodes=nodes,
        edges=edges,
        rank_pairs=tuple(sorted(ranking)),
        head=head,
        findings=numbered,
        currency=doc.currency,
        view=shown,
        direction=direction,
        paper=paper,
        direction_given=given,
    )


def _scene_nodes(
    ges: GES,
    head: str | None,
    ranks: Mapping[str, int],
    numbered: tuple[SceneFinding, ...],
    entity_marks: Mapping[str, tuple[int, ...]],
    lang: Lang,
) -> tuple[SceneNode, ...]:
    """The nodes of the scene, one per entity, sorted by id."""
    nodes = []
    for eid, e in sorted(ges.entities.items()):
        marks = entity_marks.get(eid, ())
        is_head = eid == head
        nodes.append(
            SceneNode(
                eid, e, node_lines(e, is_head, marks, lang), ranks[eid], is_head, marks,
                worst(numbered, marks) if marks else None, tooltip(e, lang),
            )
        )  # fmt: skip
    return tuple(nodes)


class _EdgeContext(NamedTuple):
    """What labelling and styling the edges needs besides the relations."""

    ges: GES
    ranking: set[tuple[str, str]]
    numbered: tuple[SceneFinding, ...]
    relation_marks: Mapping[str, tuple[int, ...]]
    lang: Lang
    ups: Mapping[str, bool]
    """:func:`~ges_graph.render.ranks.upward` of each ranking relation, by key."""
    dated: tuple[dt.date | None, str]
    """The document's ``as_of`` and currency."""
    live: frozenset[str] | None
    """The keys of the relations in force at ``as_of`` (None: no ``as_of``, all are)."""


def _scene_edges(ctx: _EdgeContext, keyed: list[tuple[str, Relation]]) -> tuple[SceneEdge, ...]:
    """The edges of ``keyed`` (in that order): parallel relations merged, flows summed by kind.

    The relations joining two entities the same way are drawn as one edge per kind (governance
    and capital, or flows), the first in ``keyed`` order, with one label: the structure's texts
    joined (« 100 % · présidence »), the flows' amounts summed by flow kind, a line each; the
    others are kept, undrawn, for the findings and tooltips that name them.
    """
    marked, ups, ranking, live = ctx.relation_marks, ctx.ups, ctx.ranking, ctx.live
    bundles: dict[tuple[str, str, bool], list[tuple[str, Relation]]] = {}
    for key, r in keyed:
        ends = (r.from_, r.to, r.type == _FLOW)
        bundle = bundles.get(ends)
        if bundle is None:
            bundles[ends] = [(key, r)]
        else:
            bundle.append((key, r))
    firsts = {bundle[0][0]: _bundle_label(ctx, bundle) for bundle in bundles.values()}
    edges: list[SceneEdge] = []
    for key, r in keyed:
        source, target, kind = r.from_, r.to, r.type
        head = firsts.get(key)
        label, amount, tip = head if head is not None else ("", _amount_of(firsts, bundles, r), "")
        marks = marked.get(key, ()) if marked else ()
        up = ups.get(key, False)
        pair = (target, source) if up else (source, target)
        edges.append(
            SceneEdge(
                source, target, r, _TYPES[kind], label, live is None or key in live,
                kind in _CONSTRAINING and pair in ranking, marks,
                worst(ctx.numbered, marks) if marks else None, head is not None, up, amount, tip,
            )
        )  # fmt: skip
    return tuple(edges)


def _amount_of(
    firsts: Mapping[str, tuple[str, float | None, str]],
    bundles: Mapping[tuple[str, str, bool], list[tuple[str, Relation]]],
    r: Relation,
) -> float | None:
    """The amount of the edge drawn for ``r``, an undrawn relation: its bundle's."""
    return firsts[bundles[(r.from_, r.to, r.type == _FLOW)][0][0]][1]


def _bundle_label(
    ctx: _EdgeContext, bundle: list[tuple[str, Relation]]
) -> tuple[str, float | None, str]:
    """The one label of relations drawn as one edge, with their amount and tooltip for flows.

    For flows, the total amount and the flows' texts in full (kind, provider, amount) as a
    tooltip; None and no tooltip for the others.
    """
    ges, lang, marked, live = ctx.ges, ctx.lang, ctx.relation_marks, ctx.live
    as_of, currency = ctx.dated
    key, first = bundle[0]
    if len(bundle) == 1 and first.type != _FLOW:  # the most common: one relation, one text
        own = marked.get(key, ()) if marked else ()
        return edge_label(first, ges, live is None or key in live, own, lang, currency), None, ""
    texts = [
        edge_label(r, ges, live is None or key in live, marked.get(key, ()), lang, currency)
        for key, r in bundle
    ]
    if bundle[0][1].type != _FLOW:
        return join_label(texts), None, ""
    flows = [r for _, r in bundle if isinstance(r, Flow)]
    label_of_flows, amount = flows_label(flows, as_of, lang, currency)
    marks = [m for key, _ in bundle for m in marked.get(key, ())]
    if marks:
        label_of_flows += "\n" + mark_text(sorted(set(marks)))
    return label_of_flows, amount, "\n".join(texts)


def _title(name: str, as_of: dt.date | None, lang: Lang) -> str:
    """The group's name, with the date the structure describes when the document gives it.

    Examples:
        >>> _title("G", dt.date(2025, 12, 31), "fr"), _title("G", dt.date(2025, 12, 31), "en")
        ('G (au 31/12/2025)', 'G (as of 2025-12-31)')
    """
    name = " ".join(clean(part) for part in shorten(name).splitlines()).strip() or "·"
    if as_of is None:
        return name
    return _AS_OF.format(lang, name=name, date=format_date(as_of, lang))


_AS_OF = Tr("{name} (au {date})", "{name} (as of {date})")
_WHOLE_GROUP = Tr("tout le groupe", "the whole group")
"""What a finding naming no entity nor relation is about, in the legend."""
ABOUT_MAX = 28
"""The most characters of an entity's name after a finding's title in the legend."""


def _canon(r: Relation) -> str:
    return r.model_dump_json(by_alias=True)


def _relations(
    ges: GES, wanted: frozenset[Layer]
) -> tuple[list[tuple[str, Relation]], list[tuple[str, Relation]]]:
    """The (key, relation) pairs that rank the layout, and those of the ``wanted`` layers.

    The governance and capital relations rank it whatever their order (ranking sorts what it
    reads): they are given in document order. The others are drawn, in the order of
    :func:`_sorted_relations`: only they are sorted. The keys are those of ``ges.relations``:
    when every relation is in force, the GES has them already (its relations in force, keyed).
    """
    rels = ges.document.relations
    keyed: Sequence[tuple[str, Relation]] = tuple(ges.relations_in_force())
    if len(keyed) != len(rels):  # some are out of force: all are keyed here
        keyed = [(r.id if r.id is not None else f"relations[{i}]", r) for i, r in enumerate(rels)]
    types = {t for t, layer in _LAYER_OF.items() if layer in wanted}
    ranked = [kr for kr in keyed if kr[1].type in _RANKING]
    drawn = [kr for kr in keyed if kr[1].type in types]
    return ranked, _sorted_relations(drawn)


def _sorted_relations(relations: Iterable[tuple[str, Relation]]) -> list[tuple[str, Relation]]:
    """(key, relation) pairs sorted by type, ends, then whole content: never by document order.

    The content (a JSON dump) is only computed to break ties between relations of one type
    joining the same two entities.
    """
    groups: dict[tuple[int, str, str], list[tuple[str, Relation]]] = {}
    for key, r in relations:
        groups.setdefault((_TYPE_ORDER[r.type], r.from_, r.to), []).append((key, r))
    out: list[tuple[str, Relation]] = []
    for k in sorted(groups):
        group = groups[k]
        if len(group) > 1:
            group.sort(key=lambda kv: _canon(kv[1]))
        out.extend(group)
    return out


# -- findings ------------------------------------------------------------------------------------


def _severity(finding: FindingLike) -> str:
    sev = finding.severity
    return str(getattr(sev, "value", sev))


def finding_order(ges: GES, findings: Iterable[_F]) -> list[_F]:
    """The findings in the order a diagram numbers them (from 1): by severity, rule, subjects.

    The report's table of findings numbers its rows the same way, so that « ⚠ 3 » on the
    diagram is the row numbered 3. The order does not depend on the order ``findings`` come in.

    Examples:
        >>> from ges_graph import load, validate
        >>> from ges_graph._data import example_path
        >>> ges = load(example_path("tremplin.yaml"))
        >>> [f.rule for f in finding_order(ges, reversed(validate(ges).findings))]
        ['company-regulated-agreement', 'management-fee-vat']
    """
    relations = ges.relations

    def subject_key(s: str) -> str:
        return _canon(relations[s]) if s in relations else s

    return sorted(
        findings,
        key=lambda f: (
            severity_order(_severity(f)),
            f.rule,
            sorted(subject_key(s) for s in f.subjects),
        ),
    )


def _number_findings(
    ges: GES, report: ReportLike | None, lang: Lang = "fr"
) -> tuple[tuple[SceneFinding, ...], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
    """Number the findings in a stable order; map entity ids and relation keys to numbers."""
    if report is None:
        return (), {}, {}
    relations = ges.relations
    entities = ges.entities
    ordered = finding_order(ges, report.findings)
    numbered: list[SceneFinding] = []
    ent: dict[str, list[int]] = {}
    rel: dict[str, list[int]] = {}
    titles: dict[str, str] = {}
    for f in ordered:
        number = len(numbered) + 1
        title = titles.get(f.rule)
        if title is None:
            known = RULES.get(f.rule)
            title = titles[f.rule] = f.rule if known is None else known.title(lang)
        # what it is about: three « Membre contrôlé de l'extérieur » could not be told apart
        first = next((s for s in f.subjects if s in entities), None)
        about = (
            shorten(entities[first].name, ABOUT_MAX)
            if first is not None
            else _WHOLE_GROUP.render(lang)
            if not f.subjects
            else ""
        )
        numbered.append(SceneFinding(number, _severity(f), f.rule, title, about))
        for s in dict.fromkeys(f.subjects):
            if s in entities:
                ent.setdefault(s, []).append(number)
            elif s in relations:
                rel.setdefault(s, []).append(number)
    return (
        tuple(numbered),
        {k: tuple(v) for k, v in ent.items()},
        {k: tuple(v) for k, v in rel.items()},
    )
