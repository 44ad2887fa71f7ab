"""Changes of structure in the words a board reads: the *moves* shared by diff and plan.

A move is one decision about the group's structure: create an entity tied to the group, transfer
shares, acquire shares, give control by the statutes, end a relation, change a form, change the
conventions. :func:`moves` recognises them between two documents (what :func:`ges_graph.diff.diff`
reports first), and :mod:`ges_graph.planning` builds its plans out of the same moves, so that a
diff between a group and its plan reads like the plan: each move says itself with
:meth:`Move.sentence`.

Examples:
    >>> from ges_graph.model import Document
    >>> old = Document.model_validate({"format": "ges-graph/1", "name": "G", "entities": [
    ...     {"id": "t", "name": "Association Tremplin", "form": "association"},
    ...     {"id": "n", "name": "Tremplin Nettoyage", "form": "sarl"}], "relations": [
    ...     {"type": "shareholding", "from": "t", "to": "n", "share": 90}]})
    >>> new = Document.model_validate({**old.model_dump(mode="json", by_alias=True),
    ...     "entities": [*old.model_dump(mode="json")["entities"],
    ...                  {"id": "h", "name": "Holding Tremplin", "form": "sas"}],
    ...     "relations": [{"type": "shareholding", "from": "t", "to": "h", "share": 100},
    ...                   {"type": "shareholding", "from": "h", "to": "n", "share": 90}]})
    >>> names = {e.id: e.name for e in new.entities}
    >>> print(moves(old, new)[0].sentence(names, "fr"))
    créer la Holding Tremplin, une SAS détenue à 100 % par l'Association Tremplin, qui détient à son
    tour Tremplin Nettoyage (titres repris de l'Association Tremplin)
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ges_graph.i18n import Lang, Named, Tr, check_lang, format_percent, format_percent_span
from ges_graph.model import Convention, Document, Family, Form, RelationType

__all__ = [
    "ControlGiven",
    "ConventionsChanged",
    "EntityCreated",
    "FormChanged",
    "Move",
    "RelationEnded",
    "SharesAcquired",
    "SharesTransferred",
    "moves",
]

_AN_LETTERS = frozenset("AEFHILMNORSX")
"""Acronyms said with a vowel sound first in English (« an SAS », « an SCIC », « a GIE »)."""


def form_with_article(form: Form, lang: Lang) -> str:
    """« une SAS », « un GIE », « an SAS », « an association »: the form, with its article.

    Examples:
        >>> form_with_article(Form.SAS, "fr"), form_with_article(Form.GIE, "fr")
        ('une SAS', 'un GIE')
        >>> form_with_article(Form.SAS, "en"), form_with_article(Form.ASSOCIATION, "en")
        ('an SAS', 'an association')
        >>> form_with_article(Form.UNION, "en")
        'a union of associations'

    """
    check_lang(lang)
    en = form.short_in("en")
    # the sound, not the letter: « a union », « an association »
    vowel = en[0] in _AN_LETTERS if form.acronym else en[0].lower() in "aeiou"
    if not form.acronym and en.lower().startswith(("uni", "use", "eu", "one")):
        vowel = False
    french = ("une " if form.feminine else "un ") + form.short_in("fr")
    return Tr(french, ("an " if vowel else "a ") + en).render(lang)


def _agree(form: Form, word: Tr) -> str:
    """The French participle of ``word`` agreed with the form's gender (« détenue », « détenu »)."""
    return word.fr + ("e" if form.feminine else "")


def _named(names: Mapping[str, str], ids: Iterable[str], lang: Lang) -> Named:
    """The names of ``ids`` as one list (« A, B et C »)."""
    return Named.listing([names.get(i, i) for i in ids], Tr(" et ", " and ").render(lang))


def _name(names: Mapping[str, str], entity_id: str) -> Named:
    return Named(names.get(entity_id, entity_id))


def _of_kind(codes: Sequence[str], lang: Lang) -> str:
    """« d'atelier et chantier d'insertion et d'association intermédiaire »: the kinds of agreement.

    French puts « de » (elided before a vowel) and no article before each kind; English lists them.

    Examples:
        >>> _of_kind(["aci", "ei"], "fr")
        "d'atelier et chantier d'insertion et d'entreprise d'insertion"
        >>> _of_kind(["ai"], "en")
        'intermediary association'
    """
    check_lang(lang)
    labels = [Convention(c).label_in(lang) for c in codes]
    with_de = [("d'" if label[0].lower() in "aeéiouh" else "de ") + label for label in labels]
    return Tr(" et ".join(with_de), " and ".join(labels)).render(lang)


class Move(ABC):
    """A change of structure said as a decision (the base of every kind of move)."""

    kind: str = ""

    @abstractmethod
    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """The move in words, naming the entities by ``names`` (id → name)."""
        return check_lang(lang)  # each kind of move writes its own sentence

    def to_dict(self) -> dict[str, Any]:
        """The move as plain JSON data: ``kind`` and its fields."""
        data: dict[str, Any] = {"kind": self.kind}
        for key, value in vars(self).items():
            data[key] = list(value) if isinstance(value, tuple) else value
        return data


_CREATE = Tr("créer {name.the}, {form}", "create {name}, {form}")
_HELD_SHARES = Tr(" {held} à {pct} par {parent.the}", " {pct} owned by {parent}")
_HELD_STATUTES = Tr(
    " {held} par {parent.the} en vertu de ses statuts",
    " controlled by {parent} under its statutes",
)
_CONVENTIONED = Tr(", titulaire d'un conventionnement {label}", ", holding an agreement as {label}")
_CONVENTIONED_MANY = Tr(
    ", titulaire de conventionnements {label}", ", holding agreements as {label}"
)
_IN_TURN = Tr(
    ", qui détient à son tour {targets.the} (titres repris {holder.de})",
    ", which in turn holds {targets} (shares taken over from {holder})",
)
_ABOVE_SHARES = Tr(
    " qui détient {pct} {child.de} et devient tête de groupe",
    " which holds {pct} of {child} and becomes the head of the group",
)
_ABOVE_STATUTES = Tr(
    " qui devient tête de groupe, les statuts {child.de} lui en confiant le contrôle",
    " which becomes the head of the group, the statutes of {child} giving it control",
)
"""Whose statutes: those of the entity controlled (« ses statuts » would be the new one's)."""
_ABOVE_SHARES_ONLY = Tr(" qui détient {pct} {child.de}", " which holds {pct} of {child}")
_ABOVE_STATUTES_ONLY = Tr(
    ", les statuts {child.de} lui en confiant le contrôle",
    ", the statutes of {child} giving it control",
)
_HELD_WORDS = (Tr("détenu", "owned"), Tr("contrôlé", "controlled"))


@dataclass(frozen=True)
class EntityCreated(Move):
    """A new entity, tied to the group: held by ``parent``, or controlling ``child`` from above.

    Attributes:
        id: the new entity's id.
        name: its name.
        form: its form (a code of :class:`~ges_graph.model.Form`).
        conventions: the conventions it holds.
        parent: the entity that holds it (``None`` when it is created above ``child``).
        shares: whether ``parent`` holds it by shares (100 %) rather than by its statutes.
        child: the entity it controls from above (it becomes the head), or ``None``.
        takes_over: the entities whose shares it takes over from ``holder``.
        holder: who held the shares it takes over.
        head: whether, created above ``child``, it becomes the head of the group (a plan's
            does; two documents compared say whether it did).
    """

    id: str
    name: str
    form: str
    conventions: tuple[str, ...] = ()
    parent: str | None = None
    shares: bool = True
    child: str | None = None
    takes_over: tuple[str, ...] = ()
    holder: str | None = None
    head: bool = True
    kind: str = "create_entity"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« créer X, une SAS détenue à 100 % par l'Association Tremplin, qui détient … »."""
        check_lang(lang)
        form = Form(self.form)
        text = _CREATE.format(lang, name=Named(self.name), form=form_with_article(form, lang))
        pct = format_percent(100, lang)
        if self.parent is not None:
            parent = _name(names, self.parent)
            held = _agree(form, _HELD_WORDS[0 if self.shares else 1])
            template = _HELD_SHARES if self.shares else _HELD_STATUTES
            text += template.format(lang, held=held, pct=pct, parent=parent)
        for code in self.conventions:
            text += _CONVENTIONED.format(lang, label=_of_kind([code], lang))
        if self.takes_over and self.holder is not None:
            targets = _named(names, self.takes_over, lang)
            text += _IN_TURN.format(lang, targets=targets, holder=_name(names, self.holder))
        if self.child is not None:
            child = _name(names, self.child)
            if self.head:
                template = _ABOVE_SHARES if self.shares else _ABOVE_STATUTES
            else:
                template = _ABOVE_SHARES_ONLY if self.shares else _ABOVE_STATUTES_ONLY
            text += template.format(lang, pct=pct, child=child)
        return text


_TRANSFER = Tr(
    "{to.the} reprend les titres {targets.de} détenus par {holder.the}",
    "{to} takes over the shares of {targets} held by {holder}",
)


@dataclass(frozen=True)
class SharesTransferred(Move):
    """``holder``'s shareholdings in ``targets`` pass to ``to`` (the same shares, a new holder)."""

    holder: str
    to: str
    targets: tuple[str, ...]
    kind: str = "transfer_shares"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« la SAS X reprend les titres de Y détenus par l'Association Z » (actions or parts)."""
        check_lang(lang)
        return _TRANSFER.format(
            lang,
            to=_name(names, self.to),
            targets=_named(names, self.targets, lang),
            holder=_name(names, self.holder),
        )


_ACQUIRE = Tr("{to.the} acquiert {pct} du capital {target.de}", "{to} acquires {pct} of {target}")


@dataclass(frozen=True)
class SharesAcquired(Move):
    """``to`` acquires ``share`` % of ``target``'s capital (new shares)."""

    to: str
    target: str
    share: float
    share_max: float | None = None
    """The range's maximum when the share is known only by its bounds (``share`` its minimum)."""
    kind: str = "acquire_shares"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« l'Association X acquiert 60 % du capital de Y » (« de 10 à 20 % » for a range)."""
        check_lang(lang)
        pct = format_percent(self.share, lang)
        if self.share_max is not None and self.share_max != self.share:
            pct = format_percent_span(self.share, self.share_max, lang)
        return _ACQUIRE.format(
            lang, to=_name(names, self.to), pct=pct, target=_name(names, self.target)
        )


_GIVE_CONTROL = Tr(
    "modifier les statuts {controlled.de} pour en confier le contrôle {controller.a}",
    "amend the statutes of {controlled} to give control of it to {controller}",
)


@dataclass(frozen=True)
class ControlGiven(Move):
    """The statutes of ``controlled`` give its control to ``controller`` (statutory control)."""

    controller: str
    controlled: str
    kind: str = "give_control"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« modifier les statuts de X pour en confier le contrôle à l'Association Y »."""
        check_lang(lang)
        return _GIVE_CONTROL.format(
            lang,
            controlled=_name(names, self.controlled),
            controller=_name(names, self.controller),
        )


_ENDS: Mapping[str, Tr] = {
    RelationType.SHAREHOLDING.value: Tr(
        "{a.the} cède sa participation au capital {b.de}", "{a} sells its stake in {b}"
    ),
    RelationType.STATUTORY_CONTROL.value: Tr(
        "mettre fin au contrôle statutaire {a.de} sur {b.the}",
        "end the statutory control of {a} over {b}",
    ),
    RelationType.BOARD.value: Tr(
        "{a.the} renonce à ses sièges au conseil {b.de}", "{a} gives up its seats on {b}'s board"
    ),
    RelationType.MEMBERSHIP.value: Tr("{a.the} se retire {b.de}", "{a} withdraws from {b}"),
}
_END_OTHER = Tr(
    "mettre fin à la relation {a.de} {b.a} ({label})", "end the relation of {a} to {b} ({label})"
)


@dataclass(frozen=True)
class RelationEnded(Move):
    """The relation of ``type`` from ``from_`` to ``to`` ends."""

    type: str
    from_: str
    to: str
    kind: str = "end_relation"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« l'Association X cède sa participation au capital de Y »."""
        check_lang(lang)
        a, b = _name(names, self.from_), _name(names, self.to)
        template = _ENDS.get(self.type)
        if template is None:
            label = RelationType(self.type).label_in(lang)
            return _END_OTHER.format(lang, a=a, b=b, label=label)
        return template.format(lang, a=a, b=b)

    def to_dict(self) -> dict[str, Any]:
        """``kind``, ``type``, ``from``, ``to``."""
        return {"kind": self.kind, "type": self.type, "from": self.from_, "to": self.to}


_CONVERT = Tr("transformer {entity.the} en {form}", "convert {entity} into {form}")
"""French says « en SAS », « en association loi 1901 »: the form without its article."""
_DROPPING = (
    Tr(", sans son conventionnement {labels}", ", without its agreement as {labels}"),
    Tr(", sans ses conventionnements {labels}", ", without its agreements as {labels}"),
)
_KEEPS = Tr(
    ", dont les statuts confient le contrôle {controller.a}",
    ", whose statutes give control of it to {controller}",
)
_REPLACE = Tr("remplacer {entity.the} par {form}", "replace {entity} with {form}")
"""A company or cooperative does not become an association, a foundation or an endowment fund
by transformation: it is wound up, and the new body takes over its activity."""
_WOUND_UP = Tr(
    " (dissolution, puis reprise de son activité par la nouvelle entité)",
    " (wound up, its activity taken over by the new body)",
)
_NOT_CONVERTIBLE = (Family.COMPANY, Family.COOPERATIVE)


@dataclass(frozen=True)
class FormChanged(Move):
    """``entity`` changes its legal form from ``old`` to ``new``.

    A company that becomes a body without capital (an association) has no shares left to hold;
    ``controller``, when given, is the former majority holder that its new statutes keep in
    control (statutory control). ``conventions``, when given, are the conventions it holds after
    the change (``old_conventions`` before): a form and the agreements that go with it change
    together.
    """

    entity: str
    old: str
    new: str
    controller: str | None = None
    old_conventions: tuple[str, ...] = ()
    conventions: tuple[str, ...] | None = None
    kind: str = "change_form"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« transformer X en SAS », « remplacer X par une association loi 1901 »."""
        check_lang(lang)
        new = Form(self.new)
        replaced = Form(self.old).family in _NOT_CONVERTIBLE and new.family is Family.ASSOCIATIVE
        if replaced:  # « remplacer X par une association loi 1901 »
            text = _REPLACE.format(
                lang, entity=_name(names, self.entity), form=form_with_article(new, lang)
            )
        else:  # « transformer X en SAS »
            form = Tr(new.short_in("fr"), form_with_article(new, "en")).render(lang)
            text = _CONVERT.format(lang, entity=_name(names, self.entity), form=form)
        if self.conventions is not None:
            added = [c for c in self.conventions if c not in self.old_conventions]
            dropped = [c for c in self.old_conventions if c not in self.conventions]
            if added:
                said = _CONVENTIONED if len(added) == 1 else _CONVENTIONED_MANY
                text += said.format(lang, label=_of_kind(added, lang))
            if dropped:
                text += _DROPPING[len(dropped) > 1].format(lang, labels=_of_kind(dropped, lang))
        if self.controller is not None:
            text += _KEEPS.format(lang, controller=_name(names, self.controller))
        return text + _WOUND_UP.render(lang) if replaced else text


_OBTAINS = (
    Tr(
        "{entity.the} obtient un conventionnement {labels}",
        "{entity} obtains an agreement as {labels}",
    ),
    Tr(
        "{entity.the} obtient des conventionnements {labels}",
        "{entity} obtains agreements as {labels}",
    ),
)
_GIVES_UP = (
    Tr(
        "{entity.the} renonce à son conventionnement {labels}",
        "{entity} gives up its agreement as {labels}",
    ),
    Tr(
        "{entity.the} renonce à ses conventionnements {labels}",
        "{entity} gives up its agreements as {labels}",
    ),
)
"""One agreement, then several (« ses conventionnements d'atelier … et d'association … »)."""


@dataclass(frozen=True)
class ConventionsChanged(Move):
    """``entity``'s conventions change from ``old`` to ``new``."""

    entity: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    kind: str = "change_conventions"

    def sentence(self, names: Mapping[str, str], lang: Lang = "fr") -> str:
        """« l'Association X obtient un conventionnement d'atelier et chantier d'insertion »."""
        check_lang(lang)
        entity = _name(names, self.entity)
        added = [c for c in self.new if c not in self.old]
        dropped = [c for c in self.old if c not in self.new]
        parts = []
        for codes, templates in ((added, _OBTAINS), (dropped, _GIVES_UP)):
            if codes:
                labels = _of_kind(codes, lang)
                template = templates[len(codes) > 1]
                parts.append(template.format(lang, entity=entity, labels=labels))
        return Tr(" ; ", "; ").render(lang).join(parts)


# --------------------------------------------------------------------------------------------
# Recognising the moves between two documents
# --------------------------------------------------------------------------------------------

_Sig = tuple[str, str, str]


def _relations(doc: Document) -> dict[_Sig, dict[str, Any]]:
    """The structural relations by (type, from, to), as JSON data (flows and offices left out)."""
    kept = {RelationType.SHAREHOLDING, RelationType.STATUTORY_CONTROL}
    kept |= {RelationType.BOARD, RelationType.MEMBERSHIP}
    out: dict[_Sig, dict[str, Any]] = {}
    for r in doc.relations:
        if RelationType(r.type) in kept:
            out.setdefault((r.type, r.from_, r.to), r.model_dump(mode="json", by_alias=True))
    return out


def _created(
    new: Document,
    added: set[_Sig],
    removed: set[_Sig],
    old_ids: set[str],
    figures: tuple[Mapping[_Sig, dict[str, Any]], Mapping[_Sig, dict[str, Any]]],
    new_head: str | None,
) -> list[Move]:
    """The entities of ``new`` not in the old document, each with the relation that ties it.

    Only a tie that the move says is taken as one: the whole capital (100 %), or control by the
    statutes. Any other (a part of the capital, a seat, a membership) is left to the other moves
    and sections; shares are taken over only when the same figure passes to the new holder.
    ``figures`` are the old and the new relations' data; ``new_head`` is the new group's head.
    """
    before, after = figures
    out: list[Move] = []
    share, statutes = RelationType.SHAREHOLDING.value, RelationType.STATUTORY_CONTROL.value

    def whole(s: _Sig) -> bool:
        held = after[s].get("share") if s[0] == share else None
        return s[0] == statutes or (isinstance(held, int | float) and held >= 100 - 1e-9)

    for e in new.entities:
        if e.id in old_ids:
            continue
        parent = next(
            (s for s in sorted(added) if s[2] == e.id and s[1] in old_ids and whole(s)), None
        )
        child = next(
            (s for s in sorted(added) if s[1] == e.id and s[2] in old_ids and whole(s)), None
        )
        taken = [s for s in sorted(added) if s[0] == share and s[1] == e.id]
        holders = {h for (t, h, x) in removed if t == share for s in taken if x == s[2]}
        if parent is not None:
            added.discard(parent)
            holder = sorted(holders)[0] if len(holders) == 1 else None
            targets = tuple(
                s[2]
                for s in taken
                if (share, holder, s[2]) in removed
                and before[share, str(holder), s[2]].get("share") == after[s].get("share")
            )
            for s in taken:
                if s[2] in targets:
                    added.discard(s)
                    removed.discard((share, str(holder), s[2]))
            out.append(
                EntityCreated(
                    e.id, e.name, e.form.value, tuple(c.value for c in e.conventions),
                    parent=parent[1], shares=parent[0] == share, takes_over=targets,
                    holder=holder if targets else None,
                )
            )  # fmt: skip
        elif child is not None:
            added.discard(child)
            out.append(
                EntityCreated(
                    e.id, e.name, e.form.value, tuple(c.value for c in e.conventions),
                    shares=child[0] == share, child=child[2], head=new_head == e.id,
                )
            )  # fmt: skip
    return out


def _transfers(
    added: set[_Sig],
    removed: set[_Sig],
    figures: tuple[Mapping[_Sig, dict[str, Any]], Mapping[_Sig, dict[str, Any]]],
) -> list[Move]:
    """Shareholdings whose holder changed, the same figure passing: by (old holder, new holder).

    A different figure is not a takeover of those shares: the new holding is acquired, the old
    one ended.
    """
    before, after = figures
    share = RelationType.SHAREHOLDING.value
    groups: dict[tuple[str, str], list[str]] = {}
    for t, to, target in sorted(added):
        if t != share:
            continue
        holders = sorted(h for (u, h, x) in removed if u == share and x == target)
        same = len(holders) == 1 and (
            before[share, holders[0], target].get("share") == after[t, to, target].get("share")
        )
        if same:
            groups.setdefault((holders[0], to), []).append(target)
    out: list[Move] = []
    for (holder, to), targets in groups.items():
        for target in targets:
            added.discard((share, to, target))
            removed.discard((share, holder, target))
        out.append(SharesTransferred(holder, to, tuple(targets)))
    return out


def _entity_moves(old: Document, new: Document, added: set[_Sig], removed: set[_Sig]) -> list[Move]:
    """Forms and conventions changed, entity by entity in the new document's order.

    A company become a body without capital whose former holder now controls it by its statutes
    is one move (the shareholding removed and the statutory control added are part of it).
    """
    before = {e.id: e for e in old.entities}
    share, statutes = RelationType.SHAREHOLDING.value, RelationType.STATUTORY_CONTROL.value
    out: list[Move] = []
    for e in new.entities:
        was = before.get(e.id)
        if was is None:
            continue
        if was.form is not e.form:
            keeper = None
            if was.form.has_capital and not e.form.has_capital:
                keepers = sorted(a for t, a, b in added if t == statutes and b == e.id)
                keeper = next((k for k in keepers if (share, k, e.id) in removed), None)
                if keeper is not None:
                    added.discard((statutes, keeper, e.id))
            for t, a, b in sorted(removed):
                if t == share and b == e.id and not e.form.has_capital:
                    removed.discard((t, a, b))  # shares in a body without capital go with it
            before_c = tuple(c.value for c in was.conventions)
            after_c = tuple(c.value for c in e.conventions)
            both = None if set(before_c) == set(after_c) else after_c
            out.append(
                FormChanged(
                    e.id, was.form.value, e.form.value, keeper, before_c if both else (), both
                )
            )
        elif set(was.conventions) != set(e.conventions):
            out.append(
                ConventionsChanged(
                    e.id,
                    tuple(c.value for c in was.conventions),
                    tuple(c.value for c in e.conventions),
                )
            )
    return out


def moves(old: Document, new: Document, new_head: str | None = None) -> tuple[Move, ...]:
    """The moves that lead from ``old`` to ``new``, in a board's reading order.

    Entities created (with the relation that ties each, and the shares it takes over), shares
    transferred, forms and conventions changed, shares acquired, control given by the statutes,
    relations ended. Flows, offices and figures are not moves: the diff's other sections show
    them. ``new_head``: the new group's head, which an entity created above a member may be.
    """
    before, after = _relations(old), _relations(new)
    added, removed = set(after) - set(before), set(before) - set(after)
    old_ids = {e.id for e in old.entities}
    out = _created(new, added, removed, old_ids, (before, after), new_head)
    entity_moves = _entity_moves(old, new, added, removed)
    out += _transfers(added, removed, (before, after))
    out += entity_moves
    for t, a, b in sorted(added):
        if t == RelationType.SHAREHOLDING.value:
            share = after[t, a, b]["share"]
            if isinstance(share, dict):
                out.append(SharesAcquired(a, b, float(share["min"]), float(share["max"])))
            else:
                out.append(SharesAcquired(a, b, float(share)))
        elif t == RelationType.STATUTORY_CONTROL.value:
            out.append(ControlGiven(a, b))
    new_ids = {e.id for e in new.entities}
    out += [RelationEnded(t, a, b) for t, a, b in sorted(removed) if a in new_ids and b in new_ids]
    return tuple(out)


def sentences(found: Sequence[Move], names: Mapping[str, str], lang: Lang = "fr") -> list[str]:
    """Each move's sentence, in order."""
    check_lang(lang)
    return [m.sentence(names, lang) for m in found]
