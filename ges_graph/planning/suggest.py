"""Candidate moves for a failed condition, read from its predicate (never from a schema's id).

Each predicate of the condition language (:mod:`ges_graph.schemas.predicates`) has one
*suggester* here, which looks at the group as the condition saw it (its head, the names bound by
earlier conditions) and proposes the moves that could make the condition hold: give the head
control of a member it misses, take an outsider's hold off the head, create a member of the kind
a filter asks for, change a form or the conventions, transfer shares to the member a ``link``
starts from. A schema of your own gets suggestions like the six: only its predicates are read.
The suggestions are only candidates: :mod:`ges_graph.planning.search` keeps a move when the
classification of the result says it helped.

Examples:
    >>> from ges_graph.schemas import reference_schemas
    >>> from ges_graph.classification import classify
    >>> ges = reference_schemas()[1].example_ges()  # an S2 group, aimed at S5
    >>> s5 = reference_schemas()[4]
    >>> result = classify(ges, [s5]).candidate("S5")
    >>> failed = next(c for c in result.conditions if not c.held)
    >>> names = {e.id: e.name for e in ges.document.entities}
    >>> print(suggest(ges, result, failed.condition, s5, "fr")[0].sentence(names, "fr"))
    Vallées Intérim reprend les titres de Vallées Propreté détenus par Le Relais des Vallées
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ges_graph._ids import unique_id
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
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.model import Convention, Family, Form, RelationType
from ges_graph.planning.edits import Data, free_capital, shareholders
from ges_graph.schemas import (
    Condition,
    CountTest,
    EntityFilter,
    HeadLinkTest,
    HeadOutsideControlTest,
    HeadTest,
    LinkTest,
    MembersTest,
    RelationsTest,
    SchemaDef,
    UnifiedTest,
)
from ges_graph.schemas.predicates import Link

if TYPE_CHECKING:
    from ges_graph.classification import SchemaResult
    from ges_graph.graph import GES

__all__ = ["suggest"]

_REPRESENTATIVE: Mapping[Family, Form] = {
    Family.ASSOCIATIVE: Form.ASSOCIATION,
    Family.COMPANY: Form.SAS,
    Family.COOPERATIVE: Form.SCIC,
    Family.GROUPING: Form.GIE,
}
"""The form a new member (or a changed one) takes when a filter names only a family."""
_OTHER_FORMS = (Form.ASSOCIATION, Form.SAS, Form.SCIC)
"""Forms tried, in order, for a member that must leave a filter."""
_SHARE_LINKS = frozenset({Link.CAPITAL_CONTROLS, Link.MAJORITY_VOTES, Link.SHAREHOLDING})
"""Links that only shares give."""
_MAX_EACH = 4
"""Members looked at per condition, at most (the first by id): the search stays small."""


class _Ctx:
    """What a suggester reads: the group, its data, the head tried, the names bound, the schema."""

    def __init__(
        self, ges: GES, result: SchemaResult, schema: SchemaDef, lang: Lang, data: Data | None
    ) -> None:
        self.ges = ges
        self.control = ges.control
        if data is None:
            data = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
        self.data = data
        self.head = result.head
        self.bound = result.bound
        self.schema = schema
        self.lang = lang
        self.taken = {e["id"] for e in self.data["entities"]} | {
            r["id"] for r in self.data.get("relations", ()) if "id" in r
        }
        self.names = {e["name"] for e in self.data["entities"]}

    def members(self, flt: EntityFilter) -> list[str]:
        return flt.select(self.control, self.control.members)

    def new_entity(self, form: Form, role: Tr) -> tuple[str, str]:
        """A fresh id and name for a new member of ``form`` (``role`` names it, with the stem)."""
        source = self.ges.name if self.head is None else self.control.name(self.head)
        stem = _FORM_WORD.sub("", source) or source
        base = role.format(self.lang, form=_form_word(form, self.lang), stem=stem)
        name, n = base, 1
        while name in self.names:
            n += 1
            name = f"{base} {n}"
        slug = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")[:50] or "entite"
        return unique_id(slug, set(self.taken)), name


_FORM_WORD = re.compile(
    r"^(groupe|group|association|union|fédération|fondation|scic|scop|sas|sasu|sarl|sa|eurl|gie)"
    r"\s+(?:de\s+l['’]|d['’]|(?:de\s+la|des|du|de)\s+)?",
    re.IGNORECASE,
)
"""A word of form or kind that opens the head's name (« Association Tremplin », « Union des
Entreprises Solidaires »), with the « de » that follows it: the names of new members are made of
what follows (« Holding Tremplin », "Entreprises Solidaires SAS", never "des Entreprises…")."""


def _form_word(form: Form, lang: Lang) -> str:
    """The word of ``form`` a name opens with: its acronym, else its noun with a capital.

    A name reads « Association Tremplin » or « SCIC Tremplin », not « association loi 1901
    Tremplin »: the words that qualify the form (« loi 1901 », « d'associations ») are left to
    the sentence that says the form.

    Examples:
        >>> _form_word(Form.ASSOCIATION, "fr"), _form_word(Form.SCIC, "en")
        ('Association', 'SCIC')
    """
    word = form.short_in(lang).split()[0]
    return word[:1].upper() + word[1:]


_ROLE_MEMBER = Tr("{form} {stem}", "{stem} {form}")
_ROLE_HOLDING = Tr("Holding {stem}", "{stem} Holding")
_ROLE_HEAD = _ROLE_MEMBER


def _forms(flt: EntityFilter) -> list[Form]:
    """Forms that pass the filter's ``form`` and ``family`` (the first few)."""
    if flt.form is not None:
        return [f for f in flt.form if f.can_be_group_member][:3]
    if flt.family is not None:
        return [_REPRESENTATIVE[f] for f in flt.family if f in _REPRESENTATIVE][:2]
    return [Form.ASSOCIATION]


def _leaving(flt: EntityFilter) -> list[Form]:
    """Forms that fail the filter's ``form`` or ``family`` (a member changed to leave it)."""
    return [
        f
        for f in _OTHER_FORMS
        if (flt.form is not None and f not in flt.form)
        or (flt.family is not None and f.family not in flt.family)
    ][:1]


def _conventions(form: Form, flt: EntityFilter) -> tuple[str, ...]:
    """The conventions a new member needs to pass the filter's ``operating``."""
    if not flt.operating:
        return ()
    return (Convention.ACI.value if form.family is Family.ASSOCIATIVE else Convention.EI.value,)


def _change_form(x: _Ctx, m: str, form: Form, flt: EntityFilter | None = None) -> FormChanged:
    """``m`` takes ``form``; a company that loses its capital stays under its majority holder.

    The majority holder keeps ``m`` only when ``m`` does not control it: statutes that gave a
    member's control to its own subsidiary would close a cycle of control (the head of a group
    whose shares a member holds back, « A → A2 → A »), when the shares simply lapse with the
    capital and the cycle ends.

    When ``flt`` asks whether the member is operating and it is not as asked, its IAE
    conventions change with the form (an association that becomes an operator of an ACI).
    """
    now = x.control.form(m)
    keeper = None
    if now.has_capital and not form.has_capital:
        held = shareholders(x.data, m)
        below = x.control.controlled(m)
        keeper = next((h for h, s in sorted(held.items()) if s > 50 and h not in below), None)
    before = tuple(v.value for v in x.ges.entity(m).conventions)
    after: tuple[str, ...] | None = None
    if flt is not None and flt.operating is not None and x.control.is_operating(m) != flt.operating:
        kept = tuple(v for v in before if not Convention(v).is_iae)
        after = (*kept, *_conventions(form, flt)) if flt.operating else kept
    return FormChanged(m, now.value, form.value, keeper, before if after is not None else (), after)


_NO_STATUTES = frozenset({Form.PUBLIC_BODY, Form.PERSON, Form.COLLECTIVE})
"""Forms whose « statutes » the group cannot amend: a public body's organisation is set by law, a
person or a collective of persons has none."""


def _take_control(x: _Ctx, controller: str, controlled: str, shares: bool = False) -> list[Move]:
    """Moves that give ``controller`` direct control of ``controlled`` (by shares if asked)."""
    form = x.control.form(controlled)
    out: list[Move] = []
    if form.has_capital:
        held = shareholders(x.data, controlled)
        major = [h for h, s in sorted(held.items()) if s > 50 and h != controller]
        if major:
            out.append(SharesTransferred(major[0], controller, (controlled,)))
        elif free_capital(x.data, controlled) > 50:
            out.append(SharesAcquired(controller, controlled, free_capital(x.data, controlled)))
        elif held and controller not in held:
            biggest = max(sorted(held), key=lambda h: held[h])
            out.append(SharesTransferred(biggest, controller, (controlled,)))
    if (not shares or not form.has_capital) and form not in _NO_STATUTES:
        out.append(ControlGiven(controller, controlled))
    return out


def _create_under(x: _Ctx, parent: str, flt: EntityFilter, role: Tr = _ROLE_MEMBER) -> list[Move]:
    out: list[Move] = []
    for form in _forms(flt):
        new_id, name = x.new_entity(form, role)
        convs = _conventions(form, flt)
        out.append(EntityCreated(new_id, name, form.value, convs, parent, form.has_capital))
    return out


def _s_members(x: _Ctx, t: MembersTest) -> list[Move]:
    if x.head is None or t.members.at_least is None:
        return []
    if len(x.control.members) >= t.members.at_least:
        return []
    return _create_under(x, x.head, EntityFilter())


def _s_unified(x: _Ctx, t: UnifiedTest) -> list[Move]:
    c = x.control
    if not t.unified or x.head is None:
        return []
    others = [k for k in c.candidates if k != x.head]
    missing = sorted(c.members - c.reach(x.head) - set(others) - {x.head})
    out: list[Move] = []
    for k in [*others, *missing][:_MAX_EACH]:
        out += _take_control(x, x.head, k)
    return out


def _s_outside(x: _Ctx, t: HeadOutsideControlTest) -> list[Move]:
    if t.head_outside_control or x.head is None:
        return []
    members = x.control.members
    kinds = {RelationType.SHAREHOLDING, RelationType.STATUTORY_CONTROL, RelationType.BOARD}
    kinds.add(RelationType.MEMBERSHIP)
    ended: list[Move] = [
        RelationEnded(r["type"], r["from"], r["to"])
        for r in x.data.get("relations", ())
        if r["to"] == x.head and r["from"] not in members and RelationType(r["type"]) in kinds
    ]
    return ended[:_MAX_EACH]


def _s_head(x: _Ctx, t: HeadTest) -> list[Move]:
    if x.head is None:
        return []
    flt, head, c = t.head, x.head, x.control
    form = c.form(head)
    out: list[Move] = []
    form_ok = (flt.form is None or form in flt.form) and (
        flt.family is None or form.family in flt.family
    )
    if not form_ok:
        out += [_change_form(x, head, f, flt) for f in _forms(flt)]
    if flt.operating is not None and c.is_operating(head) != flt.operating:
        now = tuple(x.ges.entity(head).conventions)
        kept = tuple(v.value for v in now if not v.is_iae)
        new = kept if not flt.operating else (*(v.value for v in now), *_conventions(form, flt))
        out.append(ConventionsChanged(head, tuple(v.value for v in now), new))
    for f in _forms(flt):  # a new head above the present one
        new_id, name = x.new_entity(f, _ROLE_HEAD)
        convs = _conventions(f, flt)
        shares = form.has_capital and not shareholders(x.data, head)
        out.append(EntityCreated(new_id, name, f.value, convs, shares=shares, child=head))
    return out


def _s_count(x: _Ctx, t: CountTest) -> list[Move]:
    a = t.count
    found = [m for m in x.members(a.of) if not (a.exclude_head and m == x.head)]
    out: list[Move] = []
    if a.at_least is not None and len(found) < a.at_least:
        others = [m for m in sorted(x.control.members) if m not in found and m != x.head]
        for m in others[:_MAX_EACH]:
            form = x.control.form(m)
            out += [_change_form(x, m, f, a.of) for f in _forms(a.of) if f is not form]
        if x.head is not None:
            out += _create_under(x, x.head, a.of)
    if a.at_most is not None and len(found) > a.at_most:
        for m in found[:_MAX_EACH]:
            out += _leave(x, m, a.of)
    return out


def _leave(x: _Ctx, m: str, flt: EntityFilter) -> list[Move]:
    """Moves after which member ``m`` no longer passes ``flt``."""
    c = x.control
    out: list[Move] = [_change_form(x, m, f) for f in _leaving(flt)]
    if flt.operating:
        now = tuple(v.value for v in x.ges.entity(m).conventions)
        out.append(ConventionsChanged(m, now, tuple(v for v in now if not Convention(v).is_iae)))
    if flt.intermediate_holding and x.head is not None:
        held = sorted(c.shareholding_targets(m) & c.members)
        if held:
            out.append(SharesTransferred(m, x.head, tuple(held)))
    return out


def _s_relations(x: _Ctx, t: RelationsTest) -> list[Move]:
    a = t.relations
    if a.at_most is None:
        return []
    members = x.control.members
    types = {v.value for v in a.type}
    found = [
        r
        for r in x.data.get("relations", ())
        if r["type"] in types and r["from"] in members and r["to"] in members
    ]
    if len(found) <= a.at_most:
        return []
    return [RelationEnded(r["type"], r["from"], r["to"]) for r in found[:_MAX_EACH]]


def _link_moves(x: _Ctx, source: str, link: Link, flt: EntityFilter, role: Tr) -> list[Move]:
    """Moves after which ``source`` has ``link`` to one more member that passes ``flt``."""
    c = x.control
    shares = link in _SHARE_LINKS
    out: list[Move] = []
    above = c.controllers(source) | {source}
    for m in [m for m in x.members(flt) if m not in above][:_MAX_EACH]:
        out += _take_control(x, source, m, shares=shares)
    linked = [m for m in sorted(c.shareholding_targets(source) & c.members) if m not in above]
    for m in linked[:_MAX_EACH]:
        form = c.form(m)
        out += [_change_form(x, m, f, flt) for f in _forms(flt) if f is not form]
    out += _create_under(x, source, flt, role)
    return out


def _s_head_link(x: _Ctx, t: HeadLinkTest) -> list[Move]:
    if x.head is None:
        return []
    a = t.head_link
    out = _link_moves(x, x.head, a.link, a.to, _ROLE_MEMBER)
    if a.as_ is not None:
        out = _holding_moves(x, a.as_, a.to) + out
    return out


def _holding_moves(x: _Ctx, name: str, flt: EntityFilter) -> list[Move]:
    """A new member the head holds, which takes over what a later ``link`` from ``name`` wants.

    The later conditions that start from ``name`` (``link: {from: name}``) say what the bound
    member must hold: the head's own holdings in members that pass their filters move to it.
    """
    assert x.head is not None
    c = x.control
    wanted: list[str] = []
    for cond in x.schema.all_conditions:
        test = cond.test
        if isinstance(test, LinkTest) and test.link.from_ == name:
            own = c.shareholding_targets(x.head) & c.members
            wanted += [m for m in test.link.to.select(c, own) if m not in wanted]
    out: list[Move] = []
    for form in _forms(flt):
        if not form.has_capital or not wanted:
            continue
        new_id, new_name = x.new_entity(form, _ROLE_HOLDING)
        out.append(
            EntityCreated(
                new_id, new_name, form.value, (), x.head, True,
                takes_over=tuple(wanted), holder=x.head,
            )
        )  # fmt: skip
    return out


def _s_link(x: _Ctx, t: LinkTest) -> list[Move]:
    a = t.link
    out: list[Move] = []
    for source in x.bound.get(a.from_, ())[:2]:
        c = x.control
        own = c.shareholding_targets(x.head) & c.members if x.head is not None else frozenset()
        moving = [m for m in a.to.select(c, own) if m != source]
        if moving and x.head is not None and a.link in _SHARE_LINKS:
            out.append(SharesTransferred(x.head, source, tuple(moving)))
        out += _link_moves(x, source, a.link, a.to, _ROLE_MEMBER)
    return out


_SUGGEST: Mapping[type[Any], Callable[[_Ctx, Any], list[Move]]] = {
    MembersTest: _s_members,
    UnifiedTest: _s_unified,
    HeadOutsideControlTest: _s_outside,
    HeadTest: _s_head,
    CountTest: _s_count,
    RelationsTest: _s_relations,
    HeadLinkTest: _s_head_link,
    LinkTest: _s_link,
}


def suggest(
    ges: GES,
    result: SchemaResult,
    condition: Condition,
    schema: SchemaDef,
    lang: Lang = "fr",
    data: Data | None = None,
) -> list[Move]:
    """Candidate moves for one failed ``condition`` of ``schema`` on ``ges``.

    Args:
        ges: the group.
        result: the schema evaluated on the group (its head, its bound names).
        condition: the failed condition.
        schema: the schema (a ``head_link`` that binds a name reads the ``link`` tests after it).
        lang: the language of the names of new members (« Holding Tremplin »).
        data: the group's document as JSON data, when the caller has it already.

    Returns:
        The moves, most promising first; none when the predicate offers nothing here.
    """
    check_lang(lang)
    suggester = _SUGGEST.get(type(condition.test))
    if suggester is None:
        return []
    return suggester(_Ctx(ges, result, schema, lang, data), condition.test)


def dedupe(found: Iterable[Move]) -> list[Move]:
    """The moves, each once, in their first order."""
    seen: set[Move] = set()
    out: list[Move] = []
    for m in found:
        if m not in seen:
            seen.add(m)
            out.append(m)
    return out
