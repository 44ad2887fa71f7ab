r"""The texts of a diagram: entity labels, edge labels and tooltips, in one language.

Names are cleaned of what no drawing can show, cut at :data:`LABEL_MAX` characters and wrapped at
:data:`WRAP`; an edge says its relation (percentages, seats, office, flow kind and amount). The
scene (:mod:`ges_graph.render.scene`) calls these; neither engine writes a text of its own.

Examples:
    >>> from ges_graph.model import Entity
    >>> node_lines(Entity(id="a", name="Association Tremplin", form="association"), True, (), "fr")
    ('Association Tremplin', 'association loi 1901', '★ tête de groupe')
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import textwrap
from collections.abc import Mapping, Sequence

from ges_graph.flows import is_free
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang
from ges_graph.model import (
    Board,
    Entity,
    Flow,
    FlowKind,
    Membership,
    Office,
    Relation,
    RelationType,
    Shareholding,
)
from ges_graph.render.style import format_amount, format_percent, text
from ges_graph.vocabulary import Convention, Form, PublicKind, SchemaRole

__all__ = [
    "LABEL_LINES",
    "LABEL_MAX",
    "LONG_WORD",
    "WRAP",
    "clean",
    "edge_label",
    "flows_label",
    "join_label",
    "kinds_label",
    "mark_text",
    "node_lines",
    "shorten",
    "tooltip",
]

WRAP = 24
"""Names are wrapped at this many characters."""
LABEL_MAX = 300
"""A name is cut at this many characters, with « … », in a drawing's labels (issue 15: a name of
a million characters drew for minutes, or not at all); tooltips and the report's tables keep it
whole."""
LONG_WORD = 2 * WRAP
"""A word longer than this is broken every :data:`WRAP` characters in a label."""
LABEL_LINES = 16
"""A name takes at most this many lines of a label, the last ending with « … » when cut."""


MARK_RUNS = 4
"""A label names at most this many runs of finding numbers, then how many more findings."""


def mark_text(marks: Sequence[int]) -> str:
    """The finding numbers as marked on a label: « ⚠ 1, 3 », runs as ranges, a few at most.

    Three numbers or more in a row are one range (« 6–30 »); after :data:`MARK_RUNS` runs,
    the label says how many more findings concern the entity (« +12 »): an entity named in
    seventy findings keeps a label of one short line (the legend and the report list them).

    Examples:
        >>> mark_text([1, 3]), mark_text([2, 3, 4, 5, 9]), mark_text([1, 2])
        ('⚠ 1, 3', '⚠ 2–5, 9', '⚠ 1, 2')
        >>> mark_text([1, 3, 5, 7, 9, 11, 13])
        '⚠ 1, 3, 5, 7 +3'
    """
    runs: list[list[int]] = []
    for m in sorted(set(marks)):
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    words: list[str] = []
    for run in runs:
        if len(run) >= 3:
            words.append(f"{run[0]}–{run[-1]}")
        else:
            words.extend(str(m) for m in run)
    # a run of two is two words: count words, not runs, against the cap
    shown, rest = words[:MARK_RUNS], words[MARK_RUNS:]
    more = sum(_count(w) for w in rest)
    return "⚠ " + ", ".join(shown) + (f" +{more}" if more else "")


def _count(word: str) -> int:
    """How many numbers a word of :func:`mark_text` stands for (« 6–30 »: 25)."""
    low, _, high = word.partition("–")
    return int(high) - int(low) + 1 if high else 1


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
"""Characters no drawing can show and XML 1.0 forbids (control characters, lone surrogates)."""


def clean(text: str) -> str:
    r"""``text`` without the characters of :data:`_NOT_TEXT`.

    Examples:
        >>> clean("A\x1bB\ud800C")
        'ABC'
    """
    return _NOT_TEXT.sub("", text)


def shorten(text: str, most: int = LABEL_MAX) -> str:
    """``text`` cut at ``most`` characters, the last one « … », when it is longer.

    Examples:
        >>> shorten("Tremplin"), shorten("Tremplin Nettoyage", 10)
        ('Tremplin', 'Tremplin…')
    """
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


_LONG_WORD = re.compile(rf"\S{{{LONG_WORD + 1},}}")


def _break_long_words(text: str) -> str:
    return _LONG_WORD.sub(
        lambda m: " ".join(m[0][i : i + WRAP] for i in range(0, len(m[0]), WRAP)), text
    )


def _wrap(name: str) -> list[str]:
    r"""A name as label lines, wrapped at :data:`WRAP` characters.

    The name's own line breaks are kept and its blank lines dropped. Words are not cut unless
    longer than :data:`LONG_WORD`; a name is cut at :data:`LABEL_MAX` characters and
    :data:`LABEL_LINES` lines, with « … ».

    Examples:
        >>> _wrap("Association pour le développement\n\nde l'insertion")
        ['Association pour le', 'développement', "de l'insertion"]
        >>> _wrap("x" * 60)
        ['xxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'xxxxxxxxxxxx']
    """
    lines: list[str] = []
    for raw in shorten(name).splitlines():
        line = _break_long_words(clean(raw))
        words = line.split(" ")
        if "\t" not in line and all(w.strip() for w in words):  # words between single spaces
            lines.extend(_greedy(words, WRAP))
        else:
            lines.extend(textwrap.wrap(line, WRAP, break_on_hyphens=False, break_long_words=False))
        if len(lines) > LABEL_LINES:
            lines[LABEL_LINES - 1 :] = [shorten(lines[LABEL_LINES - 1] + "…", WRAP)]
            break
    return lines or ["·"]


def _greedy(words: Sequence[str], width: int) -> list[str]:
    """Words wrapped into lines of at most ``width`` characters, a longer word on its own line.

    What :func:`textwrap.wrap` makes of words between single spaces (without breaking hyphens
    or long words), in one pass.

    Examples:
        >>> _greedy("Association pour le développement".split(" "), 24)
        ['Association pour le', 'développement']
        >>> _greedy(["a", "x" * 30, "b"], 24)
        ['a', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'b']
    """
    lines: list[str] = []
    line = words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def tooltip(e: Entity, lang: Lang) -> str:
    """The entity described in full, a line each: name, form (and kind), conventions, external.

    Examples:
        >>> print(tooltip(Entity(id="c", name="CDC", form="public_body", public_kind="state",
        ...     external=True), "fr"))
        CDC
        collectivité ou établissement public : l'État ou un établissement public national
        externe au groupe
    """
    check_lang(lang)
    tail = _tooltip_tail(e.form, e.effective_public_kind, e.conventions, e.external, lang)
    return clean(e.name) + tail


@functools.cache
def _tooltip_tail(
    form: Form,
    kind: PublicKind | None,
    conventions: tuple[Convention, ...],
    external: bool,
    lang: Lang,
) -> str:
    """What a tooltip says after the name, each line after a line break.

    The same for every entity of one form, kind, conventions and place (a few dozen at most).
    """
    text = form.label_in(lang)
    if kind is not None:
        text = _NAMED.format(lang, term=text, meaning=kind.label_in(lang))
    lines = ["", text]
    lines.extend(
        _CONVENTION.format(lang, acronym=c.label, name=c.label_in(lang)) for c in conventions
    )
    if external:
        lines.append(_OUTSIDE.render(lang))
    return "\n".join(lines)


_PROVIDED_BY = Tr("(fournisseur : {name})", "(provider: {name})")
_FREE = Tr("gratuit", "free")
"""A flow's label names its provider (for the kinds that buy something, the one paid, ``to``)."""
_NAMED = Tr("{term} : {meaning}", "{term}: {meaning}")
_CONVENTION = Tr("{acronym} : {name}", "{acronym}")  # English readers get the acronym alone
_OUTSIDE = Tr("externe au groupe", "outside the group")


def node_lines(e: Entity, head: bool, marks: Sequence[int], lang: Lang) -> tuple[str, ...]:
    """An entity's label, line by line: name, form and badges, head mark, finding numbers."""
    check_lang(lang)
    name = e.name
    if not name.isprintable() or len(name) > LONG_WORD:
        lines = _wrap(name)
    elif len(name) <= WRAP:
        lines = [name]
    elif name[0] != " " and name[-1] != " " and "  " not in name:
        # Words between single spaces, none too long, at most four lines: what _wrap makes.
        lines = _greedy(name.split(" "), WRAP)
    else:
        lines = _wrap(name)
    # « Emploi Services Nord SA » says its form: the label does not say it again below.
    last = name.rsplit(None, 1)[-1].casefold() if name.strip() else ""
    lines.extend(_form_lines(e.form, e.conventions, lang, last == e.form.short_in(lang).casefold()))
    if head:
        lines.append("★ " + SchemaRole.HEAD.label_in(lang))
    if marks:
        lines.append(mark_text(marks))
    return tuple(lines)


@functools.cache
def _form_lines(
    form: Form, conventions: tuple[Convention, ...], lang: Lang, named: bool = False
) -> tuple[str, ...]:
    """The lines of a label after the name: the form and the IAE badges.

    The same for every entity of one form and conventions. ``named``: the name ends with the
    form's short label (« Territoires Solidaires SCIC »), which is then not written again.

    Examples:
        >>> _form_lines(Form.SCIC, (), "fr"), _form_lines(Form.SCIC, (), "fr", True)
        (('SCIC',), ())
        >>> _form_lines(Form.SAS, (Convention.ETTI,), "fr", True)
        ('ETTI',)
    """
    short = form.short_in(lang)
    badges = [c.label for c in conventions]
    if named:
        return (" · ".join(badges),) if badges else ()
    line = " · ".join([short, *badges])
    if len(line) <= WRAP + 6:
        return (line,)
    # the form's name, then the badges on a line of their own
    lines = textwrap.wrap(short, WRAP + 4)
    if badges:
        lines.append(" · ".join(badges))
    return tuple(lines)


def edge_label(
    r: Relation, ges: GES, in_force: bool, marks: Sequence[int], lang: Lang, currency: str
) -> str:
    """A relation's text: percentages, seats, office, flow kind and amount; its marks."""
    check_lang(lang)
    parts: list[str]
    if isinstance(r, Shareholding):
        parts = [format_percent(r.share, lang)]
        if r.votes is not None and r.votes != r.share:
            parts.append(f"{text('votes', lang)} {format_percent(r.votes, lang)}")
    elif isinstance(r, Board):
        size = ges.entity(r.to).board_size
        unit = text("seats" if r.seats > 1 else "seat", lang)
        parts = [f"{r.seats}/{size} {unit}" if size else f"{r.seats} {unit}"]
        if r.chair:
            parts.append(text("chair", lang))
    elif isinstance(r, Membership):
        parts = [text("ex_officio" if r.ex_officio else "member", lang)]
        if r.votes is not None:
            parts.append(f"{text('votes', lang)} {format_percent(r.votes, lang)}")
    elif isinstance(r, Office):
        parts = [r.office.label_in(lang)]
    elif isinstance(r, Flow):
        provider = _PROVIDED_BY.format(lang, name=clean(shorten(ges.entity(r.provider).name)))
        parts = [f"{r.kind.label_in(lang)} {provider}"]
        if is_free(r):
            parts.append(_FREE.render(lang))
        elif r.amount is not None:
            parts.append(format_amount(r.amount, lang, currency))
    else:
        parts = [RelationType.STATUTORY_CONTROL.label_in(lang)]
    label = " · ".join(parts)
    if not in_force:
        label += f" ({text('out_of_force', lang)})"
    if marks:
        label += "\n" + mark_text(marks)
    return label


JOIN_MOST = 30
"""Texts of parallel relations share one line (« 100 % · présidence ») up to this length."""


def join_label(texts: Sequence[str]) -> str:
    r"""The one label of parallel relations: on one line when short, else a line each.

    Examples:
        >>> join_label(["100\xa0%", "présidence"])
        '100\xa0% · présidence'
        >>> print(join_label(["5/9 sièges · présidence", "membre de droit"]))
        5/9 sièges · présidence
        membre de droit
    """
    one_line = all("\n" not in t for t in texts)
    if one_line and len(" · ".join(texts)) <= JOIN_MOST:
        return " · ".join(texts)
    return "\n".join(texts)


def flows_label(
    flows: Sequence[Flow], as_of: dt.date | None, lang: Lang, currency: str
) -> tuple[str, float]:
    r"""The label of the flows one way between two entities: a line per kind, amounts summed.

    A kind whose flows are all free reads « gratuit »; one whose flows are all out of force at
    ``as_of`` says so. Returns the label and the total amount (free flows and flows of unknown
    amount count nothing).

    Examples:
        >>> fee = Flow(**{"type": "flow", "from": "a", "to": "b", "kind": "management_fee",
        ...     "amount": 20000})
        >>> rent = Flow(**{"type": "flow", "from": "a", "to": "b", "kind": "premises",
        ...     "basis": "free"})
        >>> label, total = flows_label([fee, fee, rent], None, "fr", "EUR")
        >>> print(label.replace("\xa0", " ")); total
        frais de siège · 40 k€
        locaux · gratuit
        40000.0
    """
    check_lang(lang)
    by_kind: dict[FlowKind, list[Flow]] = {}
    for f in flows:
        group = by_kind.get(f.kind)
        if group is None:
            by_kind[FlowKind(f.kind)] = [f]
        else:
            group.append(f)
    return kinds_label(by_kind, as_of, lang, currency)


def kinds_label(
    by_kind: Mapping[FlowKind, Sequence[Flow]], as_of: dt.date | None, lang: Lang, currency: str
) -> tuple[str, float]:
    """:func:`flows_label` of flows already grouped by kind (each group in the flows' order).

    Examples:
        >>> fee = Flow(**{"type": "flow", "from": "a", "to": "b", "kind": "management_fee",
        ...     "amount": 20000})
        >>> kinds_label({FlowKind.MANAGEMENT_FEE: [fee]}, None, "en", "EUR")
        ('management fee · 20 k€', 20000.0)
    """
    check_lang(lang)
    lines = []
    total = 0.0
    for kind in sorted(by_kind, key=_KIND_ORDER.__getitem__) if len(by_kind) > 1 else by_kind:
        group = by_kind[kind]
        paid = [f.amount for f in group if not f.free and f.amount is not None]
        line = kind.text.render(lang)
        if paid:
            amount = sum(paid)
            line += " · " + format_amount(amount, lang, currency)
            total += amount
        elif all(f.free for f in group):
            line += " · " + _FREE.render(lang)
        if as_of is not None and not any(f.in_force(as_of) for f in group):
            line += f" ({text('out_of_force', lang)})"
        lines.append(line)
    return "\n".join(lines), total


_KIND_ORDER = {kind: i for i, kind in enumerate(FlowKind)}
"""Flow kinds in the vocabulary's order: a label's lines, and a tooltip's, in this order."""
