"""The readable forms of a classification: the text account and the notebook's HTML table.

:meth:`Classification.to_text <ges_graph.classification.Classification.to_text>` and its
``_repr_html_`` are written here, with the labels of the roles it reports; every schema is named
by its caption (:meth:`SchemaResult.caption <ges_graph.classification.SchemaResult.caption>`),
which says that it is a reconstruction of the COORACE typology (or a user's own schema) and how
sure it is. The scores count the conditions that tell schemas apart; those every schema shares
are counted once, on a line of their own.

Examples:
    >>> from ges_graph.classification import classify
    >>> from ges_graph.schemas import reference_schemas
    >>> text = classification_text(classify(reference_schemas()[4].example_ges()), "en")
    >>> for line in text.splitlines()[-2:]:
    ...     print(line)
    Distinguishing conditions held per schema: S1 33%, S2 67%, S3 33%, S4 67%, S5 100%, S6 50%
    Conditions common to every schema held: 3 of 3
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ges_graph.i18n import Lang, Named, Tr, and_others, check_lang, format_percent
from ges_graph.vocabulary import SchemaRole
from ges_graph.vocabulary.findings import role_label

if TYPE_CHECKING:
    from ges_graph.classification import Classification

__all__ = ["ROLE_LABELS", "TAKING", "classification_html", "classification_text", "entity_name"]

ROLE_LABELS: Mapping[str, Tr] = MappingProxyType({role.value: role.text for role in SchemaRole})
"""Role name → its label in both languages, for the roles :func:`classify` reports.

Read from :class:`ges_graph.vocabulary.SchemaRole`, which owns the labels."""


_SCHEMA = Tr("Schéma : {caption}", "Schema: {caption}")
_NO_SCHEMA = Tr("Aucun schéma de référence ne correspond.", "No reference schema matches.")
_HEAD = Tr("Tête de groupe : {head}", "Head: {head}")
_ROLE_LINE = Tr("  {label} : {who}", "  {label}: {who}")
TAKING = Tr(", en prenant {head.the} comme tête de groupe", ", taking {head} as the head")
"""How the nearest schema says the head it was tried with, when the group has none."""
_NEAREST = Tr("Schéma le plus proche : {caption}{tried}", "Nearest schema: {caption}{tried}")
_TO_CHANGE = Tr("Ce qu'il faudrait changer :", "What would have to change:")
_HOLDS = Tr("Ce qui est déjà acquis :", "What already holds:")
_WHY = Tr("Pourquoi :", "Why:")
_SCORES = Tr(
    "Conditions distinctives remplies par schéma : {scores}",
    "Distinguishing conditions held per schema: {scores}",
)
_COMMON = Tr(
    "Conditions communes à tous les schémas remplies : {held} sur {total}",
    "Conditions common to every schema held: {held} of {total}",
)
_HTML_SCHEMA = Tr("schéma {caption}", "schema {caption}")
_HTML_NEAREST = Tr(
    "aucun schéma ne correspond ; le plus proche : {caption}",
    "no schema matches; nearest: {caption}",
)
_HTML_NONE = Tr("aucun schéma", "no schema")
_HTML_HEAD = Tr("tête de groupe {head}", "head {head}")
_HTML_COLUMNS = (
    Tr("schéma", "schema"),
    Tr("", ""),
    Tr("conditions distinctives", "distinguishing"),
)
"""The fixed words of :func:`classification_text` and :func:`classification_html`."""


def entity_name(c: Classification, entity_id: str | None) -> str:
    """« Name (id) » of a member, « — » for none."""
    if entity_id is None:
        return "—"
    return f"{c.names.get(entity_id, entity_id)} ({entity_id})"


_NAMED = 10
"""The most names a role's line of :func:`classification_text` gives (then « et N autres »)."""


def classification_text(c: Classification, lang: Lang = "fr") -> str:
    """A readable account: the schema, the head, the roles, and what holds or must change.

    The schema (matched or nearest) is named by its caption; the failed and held conditions are
    those of that one schema, the common ones included (what would have to change may be
    one of them); the last lines give each schema's score on the distinguishing conditions,
    then the common ones, once.
    """
    check_lang(lang)
    lines = [c.name]
    res = c.nearest_result
    if c.schema is not None and res is not None:
        lines.append(_SCHEMA.format(lang, caption=c.schema_caption(lang)))
    else:
        lines.append(_NO_SCHEMA.render(lang))
    lines.append(_HEAD.format(lang, head=entity_name(c, c.head)))
    for role, ids in c.roles.items():
        if role == "head":
            continue
        who = ", ".join(c.names.get(i, i) for i in ids[:_NAMED])
        if len(ids) > _NAMED:  # a role of a hundred thousand members stays one line
            who += f" {and_others(len(ids) - _NAMED, lang)}"
        lines.append(_ROLE_LINE.format(lang, label=role_label(role, lang), who=who))
    if res is not None and c.schema is None:
        tried = (
            TAKING.format(lang, head=Named(entity_name(c, res.head)))
            if res.head is not None and c.head is None
            else ""
        )
        lines.append(_NEAREST.format(lang, caption=res.caption(lang), tried=tried))
        lines.append(_TO_CHANGE.render(lang))
        lines.extend(f"  ✗ {x.title(lang)} — {x.message(lang)}" for x in res.failed)
        lines.append(_HOLDS.render(lang))
        lines.extend(f"  ✓ {x.message(lang)}" for x in res.conditions if x.held)
    elif res is not None:
        lines.append(_WHY.render(lang))
        lines.extend(f"  ✓ {x.message(lang)}" for x in res.conditions)
    scores = ", ".join(
        f"{x.schema} {format_percent(100 * x.score, lang, decimals=0)}" for x in c.candidates
    )
    lines.append(_SCORES.format(lang, scores=scores))
    if c.common:
        held = sum(x.held for x in c.common)
        lines.append(_COMMON.format(lang, held=held, total=len(c.common)))
    return "\n".join(lines)


def classification_html(c: Classification, lang: Lang = "fr") -> str:
    """A small HTML table for notebooks: one row per schema, the explanation below.

    Each schema is named by its caption; the scores count the distinguishing conditions, the
    common ones are counted once below the table.
    """
    check_lang(lang)
    esc = html.escape
    rows = []
    for x in c.candidates:
        mark = "✓" if x.matched else ("≈" if x.schema == c.nearest else "")
        rows.append(
            f"<tr><td>{esc(x.caption(lang))}</td><td>{mark}</td>"
            f"<td>{esc(format_percent(100 * x.score, lang, decimals=0))}</td></tr>"
        )
    res = c.nearest_result
    items = ""
    if res is not None:
        items = "".join(
            f"<li>{'✓' if x.held else '✗'} {esc(x.message(lang))}</li>" for x in res.conditions
        )
    caption = c.schema_caption(lang)
    if caption is None:
        schema = _HTML_NONE.render(lang)
    else:
        schema = (_HTML_SCHEMA if c.matched else _HTML_NEAREST).format(lang, caption=caption)
    head = _HTML_HEAD.format(lang, head=entity_name(c, c.head))
    columns = "".join(f"<th>{esc(t.render(lang))}</th>" for t in _HTML_COLUMNS)
    common = ""
    if c.common:
        held = sum(x.held for x in c.common)
        common = f"<p>{esc(_COMMON.format(lang, held=held, total=len(c.common)))}</p>"
    return (
        f"<div><strong>{esc(c.name)}</strong> — {esc(schema)}, {esc(head)}"
        f"<table><thead><tr>{columns}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"{common}<ul>{items}</ul></div>"
    )
