r"""The flows view of a big group: the flows between families of members, with their totals.

A drawing of every pair's flows cannot be read beyond a few dozen lines (issue 12): when the
flows view of a group would draw more than :data:`DETAIL_MOST` of them, it draws what reads
instead. The head, and every member that controls another (the holdings) or stands alone in
its family (the GIE), stay themselves when they pay or are paid, as does every outside partner
that pays or is paid (an entity without flows is left out, but still places what it holds); the
other members (those that control nothing: operating associations, subsidiaries…) are gathered
by their holder and their family of legal form, each family one node that says how many
members it holds, of which forms, under whom, what they receive and pay, and what moves between
them. The flows in force between two nodes are one edge, a line per kind, summed (« frais de
siège · 420 k€ »), « gratuit » kept. No amount is lost: the edges and the families' « entre
eux » add up to every flow in force (between members, :func:`ges_graph.flows.flow_matrix`'s
total). The title says that the flows are grouped and that the detail, member by member, is in
the flows matrix (:func:`ges_graph.render.flow_heatmap`, and the report's table).
``layers=["flows"]`` still draws every flow.

Examples:
    >>> from ges_graph.generate import realistic_group
    >>> from ges_graph.graph import GES
    >>> from ges_graph.render.scene import build_scene
    >>> scene = build_scene(GES.from_data(realistic_group(30)), view="flows")
    >>> scene.grouped, len(scene.nodes)
    (True, 6)
    >>> print(scene.title.replace("\u202f", " "))
    Groupe Archipel (au 31/12/2025)
    flux regroupés par famille de membres ; le détail est dans la matrice des flux
    >>> family = next(n for n in scene.nodes if n.members)
    >>> print("\n".join(family.lines).replace("\xa0", " ").replace("\u202f", " "))
    20 membres · SARL, EURL, SAS
    rattachés à Archipel Développement
    reçoivent 529 k€ · versent 1 264 k€
    >>> family.id, len(family.members)
    ('holding+company', 20)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Mapping, Sequence
from typing import NamedTuple

from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, fr_a
from ges_graph.model import Family, Flow, FlowKind, Relation, RelationType
from ges_graph.render.labels import (
    clean,
    flows_label,
    kinds_label,
    mark_text,
    node_lines,
    tooltip,
)
from ges_graph.render.matrix import short_name
from ges_graph.render.options import check_direction, row_budget
from ges_graph.render.ranks import layer_ranks, stack_rows
from ges_graph.render.scene_model import Scene, SceneEdge, SceneFinding, SceneNode, worst
from ges_graph.render.style import format_amount

__all__ = ["DETAIL_MOST", "Marks", "family_scene", "too_many_flows"]

DETAIL_MOST = 30
"""The flows view draws each member when it has at most this many flows edges (one per payer
and payee); beyond, families of members (see the module docstring)."""

_MEMBERS = Tr("{n} membres · {forms}", "{n} members · {forms}")
_UNDER = Tr("rattachés {to_holder}", "under {holder}")  # « à l'Association Archipel »
_IN_OUT = Tr("reçoivent {received} · versent {paid}", "receive {received} · pay {paid}")
_WITHIN = Tr("entre eux · {amount}", "between them · {amount}")
_NOTE = Tr(
    "flux regroupés par famille de membres\u202f; le détail est dans la matrice des flux",
    "flows grouped by family of members; the detail is in the flows matrix",
)
_TIP = Tr("{kind} ({n})\u202f: {pairs}", "{kind} ({n}): {pairs}")
_KIND_ORDER = {kind: i for i, kind in enumerate(FlowKind)}
_HOLDER_MOST = 28
"""A holder's name longer than this is shortened in a family's label."""


class Marks(NamedTuple):
    """The findings as numbered for the diagram, and what each marks."""

    numbered: tuple[SceneFinding, ...]
    entities: Mapping[str, tuple[int, ...]]
    relations: Mapping[str, tuple[int, ...]]


def too_many_flows(keyed: Sequence[tuple[str, Relation]]) -> bool:
    """Whether the flows of ``keyed`` make more than :data:`DETAIL_MOST` edges.

    The detailed view draws one edge per (payer, payee), whatever the kinds.
    """
    pairs = {(r.from_, r.to) for _, r in keyed if isinstance(r, Flow)}
    return len(pairs) > DETAIL_MOST


def _families(
    ges: GES, pairs: Sequence[tuple[str, str]], head: str | None
) -> dict[str, tuple[str | None, list[str]]]:
    """The families of members: an id → (their holder, their ids), two members at least each.

    A member that controls nothing (and is not the head: a member of a GIE is gathered too)
    belongs to the family of its holder (the one that controls it, else its first holder that
    is a member) and of its form's family.
    """
    control = getattr(ges, "control", None)
    below: dict[str, frozenset[str]] = {}

    def rules(u: str, v: str) -> bool:
        if control is None:
            return True
        if u not in below:
            below[u] = control.controlled(u)
        return v in below[u]

    entities = ges.entities
    # Who is a group member, and each one's family: control has them (else, each entity says).
    members: Container[str]
    family_of: Mapping[str, Family]
    if control is not None:
        members, family_of = control.members, control.families
    else:
        members = {eid for eid, e in entities.items() if e.is_group_member}
        family_of = {eid: e.form.family for eid, e in entities.items()}
    preds: dict[str, list[str]] = {}
    holds = set()
    for u, v in pairs:
        above = preds.get(v)
        if above is None:
            preds[v] = [u]
        else:
            above.append(u)
        if u not in holds and rules(u, v):
            holds.add(u)
    which = rules if control is not None else None
    gathered: dict[tuple[str | None, Family], list[str]] = {}
    for eid in sorted(entities):
        if eid == head or eid in holds or eid not in members:
            continue
        above = preds.get(eid)
        if above is None:
            holder = None
        elif len(above) == 1:  # the most common: one holder (as _holder finds it)
            p = above[0]
            holder = p if (which is not None and which(p, eid)) or p in members else None
        else:
            holder = _holder(eid, sorted(above), which, members)
        key = (holder, family_of[eid])
        ids = gathered.get(key)
        if ids is None:
            gathered[key] = [eid]
        else:
            ids.append(eid)
    return {
        f"{holder or ''}+{family.value}": (holder, ids)
        for (holder, family), ids in gathered.items()
        if len(ids) > 1
    }


def _holder(
    eid: str,
    above: Sequence[str],
    rules: Callable[[str, str], bool] | None,
    members: Container[str],
) -> str | None:
    """The holder of ``eid`` among ``above``, in that order.

    The first that controls it, else the first group member (of ``members``), else None.

    Examples:
        >>> _holder("c", ["a", "b"], lambda u, v: u == "b", {"a", "b"})
        'b'
        >>> _holder("c", ["x", "a"], None, {"a"})
        'a'
    """
    if rules is not None:
        for p in above:
            if rules(p, eid):
                return p
    for p in above:
        if p in members:
            return p
    return None


def _contracted(
    pairs: Sequence[tuple[str, str]], where: Mapping[str, str], drawn: set[str]
) -> list[tuple[str, str]]:
    """The ranking pairs between drawn nodes, each entity moved to its node.

    The nodes not drawn are passed through: an entity not drawn still places what it holds.
    What a family's members are tied to does not rank it (a GIE is placed by its other
    members), so that gathering them closes no cycle.
    """
    succ: dict[str, set[str]] = {}
    for u, v in pairs:
        if where[u] == u and where[u] != where[v]:  # a family ranks nothing: no cycle
            succ.setdefault(u, set()).add(where[v])
    out = set()
    for u in sorted(drawn):
        todo, seen = sorted(succ.get(u, ())), set()
        while todo:
            v = todo.pop()
            if v in seen:
                continue
            seen.add(v)
            if v in drawn:
                out.add((u, v))
            else:
                todo.extend(sorted(succ.get(v, ())))
    return sorted(out)


def family_scene(
    ges: GES,
    keyed: Sequence[tuple[str, Relation]],
    pairs: Sequence[tuple[str, str]],
    marks: Marks,
    *,
    head: str | None,
    title: str,
    lang: Lang,
    direction: str | None,
    paper: str | None,
    live: Container[str] | None = None,
) -> Scene:
    """The flows view of ``ges`` with its members gathered in families (see the module).

    ``keyed``: the relations by their keys in the GES (``ges.relations``), sorted as the scene
    sorts them (its flows in force are drawn, the others ignored); ``pairs``: the ranking pairs
    of the whole group (the flows view's); ``title``: the group's, to which the note is added;
    ``live``: the keys of the relations in force, when the caller has them.

    Raises:
        UnknownLanguageError: ``lang`` is not a supported language.
    """
    lang = check_lang(lang)
    doc = ges.document
    families = _families(ges, pairs, head)
    where = {eid: eid for eid in ges.entities}
    for fid, (_, ids) in families.items():
        where.update(dict.fromkeys(ids, fid))
    # The flows in force: their keys are among the GES's (one set, not a date check a flow).
    if live is None:
        live = {key for key, _ in ges.relations_in_force()}
    edges, within = _edges(ges, keyed, live, where, marks, lang)
    # What pays or is paid: the ends of the edges, and the families (their flows within).
    drawn = {e.source for e in edges} | {e.target for e in edges} | set(families)
    if head is not None:
        drawn.add(head)
    ranking = _contracted(pairs, where, drawn)
    layered = layer_ranks(sorted(drawn), ranking, head)
    widest = max(Counter(layered.values()).values(), default=0)
    direction = check_direction(direction, "flows", widest)
    ranks = stack_rows(layered, ranking, row_budget(direction, paper))
    nodes = []
    for nid in sorted(drawn):
        if nid in families:
            nodes.append(_family_node(ges, nid, families[nid], edges, within, marks, lang))
        else:
            e, own = ges.entity(nid), marks.entities.get(nid, ())
            nodes.append(
                SceneNode(
                    nid, e, node_lines(e, nid == head, own, lang), 0, nid == head, own,
                    worst(marks.numbered, own), tooltip(e, lang),
                )
            )  # fmt: skip
    return Scene(
        title=f"{title}\n{_NOTE.render(lang)}",
        lang=lang,
        layers=frozenset({RelationType.FLOW.layer}),
        nodes=tuple(n._replace(rank=ranks[n.id]) for n in nodes),
        edges=edges,
        rank_pairs=tuple(ranking),
        head=head,
        findings=marks.numbered,
        currency=doc.currency,
        view="flows",
        direction=direction,
        paper=paper,
        grouped=True,
    )


def _edges(
    ges: GES,
    keyed: Sequence[tuple[str, Relation]],
    live: Container[str],
    where: Mapping[str, str],
    marks: Marks,
    lang: Lang,
) -> tuple[tuple[SceneEdge, ...], dict[str, list[Flow]]]:
    """One edge per (payer's node, payee's node), its flows in force summed by kind.

    ``live``: the keys of the relations in force. Also returns the flows within each family
    (drawn on its node, not as an edge).
    """
    doc = ges.document
    # Each edge's flows by kind (in the flows' order), and their keys: grouped in one pass.
    bundles: dict[tuple[str, str], tuple[dict[FlowKind, list[Flow]], list[str]]] = {}
    within: dict[str, list[Flow]] = {}
    for key, f in keyed:
        if key not in live or not isinstance(f, Flow):
            continue
        a, b = where[f.from_], where[f.to]
        if a == b and a != f.from_:
            inner = within.get(a)
            if inner is None:
                within[a] = [f]
            else:
                inner.append(f)
            continue
        bundle = bundles.get((a, b))
        if bundle is None:
            bundles[a, b] = ({FlowKind(f.kind): [f]}, [key])
            continue
        bundle[1].append(key)
        group = bundle[0].get(f.kind)
        if group is None:
            bundle[0][FlowKind(f.kind)] = [f]
        else:
            group.append(f)
    edges = []
    marked = marks.relations
    names = _Names(ges)
    for (a, b), (by_kind, keys) in sorted(bundles.items()):
        label, amount = kinds_label(by_kind, doc.as_of, lang, doc.currency)
        own = tuple(sorted({m for key in keys for m in marked.get(key, ())})) if marked else ()
        if own:
            label += "\n" + mark_text(own)
        first = next(iter(by_kind.values()))[0]  # the first of the edge's flows
        edges.append(
            SceneEdge(
                a, b, first, RelationType.FLOW, label, True, False, own,
                worst(marks.numbered, own), True, False, amount, _tip(by_kind, names, lang),
            )
        )  # fmt: skip
    return tuple(edges), within


class _Names(dict[str, str]):
    """Each entity's name as a tooltip gives it (shortened, cleaned), found when first asked."""

    def __init__(self, ges: GES) -> None:
        super().__init__()
        self.entities = ges.entities

    def __missing__(self, eid: str) -> str:
        name = short_name(self.entities[eid].name)
        name = self[eid] = name if name.isprintable() else clean(name)
        return name


def _tip(by_kind: Mapping[FlowKind, Sequence[Flow]], names: Mapping[str, str], lang: Lang) -> str:
    """An edge's tooltip: for each kind, between which members its flows go (payer → payee).

    The amounts are on the edge's text, summed by kind, and member by member in the matrix.
    """
    lines = []
    for kind in sorted(by_kind, key=_KIND_ORDER.__getitem__) if len(by_kind) > 1 else by_kind:
        ends = {(f.from_, f.to) for f in by_kind[kind]}
        pairs = sorted({f"{names[a]} → {names[b]}" for a, b in ends})
        lines.append(
            _TIP.format(lang, kind=kind.text.render(lang), n=len(pairs), pairs=", ".join(pairs))
        )
    return "\n".join(lines)


def _family_node(
    ges: GES,
    fid: str,
    family: tuple[str | None, list[str]],
    edges: Sequence[SceneEdge],
    within: Mapping[str, list[Flow]],
    marks: Marks,
    lang: Lang,
) -> SceneNode:
    """A family's node: how many members, of which forms, under whom, what comes in and out."""
    doc = ges.document
    holder, ids = family
    entity = ges.entity
    members = [entity(m) for m in ids]
    counted: Counter[str] = Counter()
    for form, many in Counter(e.form for e in members).items():  # each form named once
        counted[form.short_in(lang)] += many
    forms = ", ".join(sorted(counted, key=lambda form: (-counted[form], form)))
    lines = [_MEMBERS.format(lang, n=len(ids), forms=forms)]
    if holder is not None:
        name = short_name(ges.entity(holder).name, _HOLDER_MOST)
        lines.append(_UNDER.format(lang, holder=name, to_holder=fr_a(name)))
    received = sum(e.amount or 0.0 for e in edges if e.target == fid)
    paid = sum(e.amount or 0.0 for e in edges if e.source == fid)
    lines.append(
        _IN_OUT.format(
            lang,
            received=format_amount(received, lang, doc.currency),
            paid=format_amount(paid, lang, doc.currency),
        )
    )
    inner: float | None = None
    if fid in within:
        text, inner = flows_label(within[fid], doc.as_of, lang, doc.currency)
        lines.extend(_WITHIN.format(lang, amount=line) for line in text.split("\n"))
    marked = marks.entities
    own = tuple(sorted({m for eid in ids for m in marked.get(eid, ())})) if marked else ()
    if own:
        lines.append(mark_text(own))
    stand_in = members[0].model_copy(update={"id": fid, "name": lines[0]})
    return SceneNode(
        id=fid,
        entity=stand_in,
        lines=tuple(lines),
        rank=0,
        head=False,
        marks=own,
        severity=worst(marks.numbered, own),
        tooltip="\n".join([short_name(e.name) for e in members]),
        members=tuple(ids),
        within=inner,
    )
