"""The report page: one self-contained HTML file about a group (``ges-graph report``).

The page holds, in order: a summary (schema, head, verdict), the diagram (inline SVG drawn by
Graphviz through :func:`ges_graph.render.to_svg`), the classification with its explanation
(:func:`ges_graph.classification.classify`), the validation findings
(:func:`ges_graph.rules.validate`), the entities and relations, the flows and the combined
budget (:mod:`ges_graph.flows`).

It needs nothing outside the file: no script, no stylesheet, font or image to fetch, so it can
be mailed, archived or opened offline. It prints on A4 (print rules hide the table of contents,
keep tables and the diagram whole where they fit, and repeat table headers on each page). It is
accessible: ``lang`` on the document, one ``h1`` and a heading per section, tables with
captions and header cells with ``scope``, severity written out and not only coloured, the
diagram with a text alternative. Every string that comes from the document (names, notes,
messages naming entities) is escaped.

A part that cannot be made does not stop the page: the diagram without Graphviz's ``dot``, for
instance, is replaced by a notice saying why, and the rest is written.

Examples:
    >>> from ges_graph.graph import GES
    >>> ges = GES.from_data({"format": "ges-graph/1", "name": "Groupe <Tremplin>", "entities": [
    ...     {"id": "a", "name": "Association A", "form": "association", "budget": 1000},
    ...     {"id": "b", "name": "B & Cie", "form": "sas", "budget": 500}], "relations": [
    ...     {"type": "shareholding", "from": "a", "to": "b", "share": 100}]})
    >>> page = report_html(ges, lang="en", diagram=False)
    >>> page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    True
    >>> "Groupe &lt;Tremplin&gt;" in page and "B &amp; Cie" in page and "<Tremplin>" not in page
    True
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from ges_graph._files import check_not_symlink, write_atomic
from ges_graph._version import __version__
from ges_graph.classification import Classification, classify, role_label
from ges_graph.errors import GESError
from ges_graph.flows import CombinedBudget, combined_budget, is_free
from ges_graph.graph import GES
from ges_graph.i18n import Lang, Tr, check_lang, format_date, format_money, format_percent_range
from ges_graph.model import (
    Board,
    Document,
    Flow,
    Membership,
    Office,
    Relation,
    Shareholding,
)
from ges_graph.report import Report, Severity
from ges_graph.rules import validate
from ges_graph.schemas import SchemaDef

__all__ = ["report_html", "write_report"]


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters (C0 but tab and line breaks, DEL, C1): HTML forbids them and a name holding
one could forge what a reader sees (issue 15); they are dropped from every text of the page."""


def _e(value: Any) -> str:
    r"""Escape any value for HTML text or attribute, without control characters.

    Examples:
        >>> _e("A\x00<b>\x1b[2J\x9b")
        'A&lt;b&gt;[2J'
    """
    return html.escape(_CONTROL.sub("", str(value)), quote=True)


_T: dict[str, Tr] = {
    "title": Tr("Rapport", "Report"),
    "sep": Tr(" : ", ": "),
    "toc": Tr("Sommaire", "Contents"),
    "summary": Tr("En bref", "Summary"),
    "diagram": Tr("Schéma du groupe", "Diagram of the group"),
    "classification": Tr("Classement", "Classification"),
    "findings": Tr("Constatations", "Findings"),
    "entities": Tr("Entités", "Entities"),
    "relations": Tr("Relations de gouvernance et de capital", "Governance and capital relations"),
    "flows": Tr("Flux et budget combiné", "Flows and combined budget"),
    "schema": Tr("Schéma de référence", "Reference schema"),
    "variant": Tr("variante", "variant"),
    "head": Tr("Tête de groupe", "Head of group"),
    "none_schema": Tr("aucun schéma de référence ne correspond", "no reference schema matches"),
    "nearest": Tr("Schéma le plus proche", "Nearest schema"),
    "none": Tr("aucune", "none"),
    "verdict": Tr("Validation", "Validation"),
    "conforms": Tr("conforme", "conforms"),
    "not_conforms": Tr("non conforme", "does not conform"),
    "why": Tr("Pourquoi", "Why"),
    "to_change": Tr("Ce qu'il faudrait changer", "What would have to change"),
    "held": Tr("Ce qui est acquis", "What already holds"),
    "roles": Tr("Rôles", "Roles"),
    "all_schemas": Tr(
        "Conditions distinctives remplies par schéma", "Distinguishing conditions held per schema"
    ),
    "common": Tr("Conditions communes à tous les schémas", "Conditions common to every schema"),
    "condition_col": Tr("condition", "condition"),
    "found_col": Tr("constat", "what was found"),
    "then": Tr(" ; ", "; "),
    "matched": Tr("correspond", "matches"),
    "nearest_mark": Tr("le plus proche", "nearest"),
    "score": Tr("conditions remplies", "conditions held"),
    "schema_col": Tr("schéma", "schema"),
    "result": Tr("résultat", "result"),
    "key": Tr("Clé", "Key"),
    "severity": Tr("Gravité", "Severity"),
    "rule": Tr("Règle", "Rule"),
    "message": Tr("Constat", "Finding"),
    "subjects": Tr("Sujets", "Subjects"),
    "reference": Tr("Référence", "Reference"),
    "no_findings": Tr("Aucune constatation.", "No findings."),
    "id": Tr("Identifiant", "Id"),
    "name": Tr("Nom", "Name"),
    "form": Tr("Forme", "Form"),
    "conventions": Tr("Conventions", "Conventions"),
    "sector": Tr("Secteur", "Sector"),
    "employees": Tr("Salariés", "Employees"),
    "budget": Tr("Budget", "Budget"),
    "external": Tr("extérieur", "external"),
    "type": Tr("Type", "Type"),
    "from": Tr("De", "From"),
    "provider": Tr("Fournisseur", "Provider"),
    "beneficiary": Tr("Bénéficiaire", "Beneficiary"),
    "free": Tr("gratuit", "free"),
    "to": Tr("Vers", "To"),
    "detail": Tr("Détail", "Detail"),
    "dates": Tr("Dates", "Dates"),
    "kind": Tr("Nature", "Kind"),
    "amount": Tr("Montant", "Amount"),
    "basis": Tr("Base", "Basis"),
    "agreement": Tr("Convention écrite", "Written agreement"),
    "yes": Tr("oui", "yes"),
    "no": Tr("non", "no"),
    "no_relations": Tr(
        "Aucune relation de gouvernance ou de capital.", "No governance or capital relation."
    ),
    "no_flows": Tr("Aucun flux.", "No flows."),
    "flows_table": Tr("Flux entre entités", "Flows between entities"),
    "budget_table": Tr("Budget combiné par membre", "Combined budget by member"),
    "sector_table": Tr("Budget combiné par secteur", "Combined budget by sector"),
    "member": Tr("Membre", "Member"),
    "eliminated": Tr("Éliminé", "Eliminated"),
    "combined": Tr("Combiné", "Combined"),
    "total": Tr("Total", "Total"),
    "members": Tr("Membres", "Members"),
    "eliminations": Tr("Flux internes éliminés", "Internal flows eliminated"),
    "not_eliminated": Tr("Flux internes non éliminés", "Internal flows not eliminated"),
    "incomplete": Tr(
        "Budget incomplet (borne haute) : budget ou montant manquant pour",
        "Incomplete budget (upper bound): budget or amount missing for",
    ),
    "unavailable": Tr("Indisponible", "Unavailable"),
    "diagram_alt": Tr(
        "Schéma des relations entre les entités du groupe",
        "Diagram of the relations between the group's entities",
    ),
    "legend": Tr(
        "Traits pleins : gouvernance et capital ; pointillés : flux financiers.",
        "Solid lines: governance and capital; dashed lines: money flows.",
    ),
    "generated": Tr(
        "Produit par ges-graph {version} le {date}.", "Made by ges-graph {version} on {date}."
    ),
    "as_of": Tr("situation au", "as of"),
    "counts": Tr("{n} entités, {m} relations", "{n} entities, {m} relations"),
    "sources": Tr("Sources", "Sources"),
    "in_force": Tr("hors vigueur à la date du document", "not in force at the document's date"),
    "seat": Tr("{n} siège", "{n} seat"),
    "seats": Tr("{n} sièges", "{n} seats"),
    "chair": Tr("présidence", "chair"),
    "votes": Tr("voix", "votes"),
    "category": Tr("collège", "college"),
    "ex_officio": Tr("membre de droit", "ex officio"),
    "start": Tr("depuis", "from"),
    "end": Tr("jusqu'au", "until"),
}


_TERRITORY = Tr("territoire : {territory}", "{territory}")  # English readers see the name alone


def _in(table: Mapping[str, Tr], lang: Lang) -> dict[str, str]:
    """Every text of ``table`` rendered in ``lang``."""
    return {key: text.render(lang) for key, text in table.items()}


_CSS = """
:root { --ink: #1d2329; --muted: #5a6470; --line: #c9d1d9; --soft: #f3f5f7;
  --error: #a4161a; --warning: #8a4b00; --info: #1c4e80; --ok: #1f6f3f; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 72rem; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem;
  margin: 2.2rem 0 .8rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, footer, figcaption, .note { color: var(--muted); }
nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; list-style: none;
  margin: .8rem 0 0; }
nav a { color: var(--info); }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: .35rem 1rem; margin: 0; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot td, tfoot th { font-weight: 600; background: var(--soft); }
code { font-size: .9em; }
.badge { display: inline-block; border-radius: .25rem; padding: 0 .4rem; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.sev-error, .bad { color: var(--error); }
.sev-warning { color: var(--warning); }
.sev-info { color: var(--info); }
.good { color: var(--ok); }
ul.conditions { list-style: none; padding-left: 0; }
ul.conditions li { margin: .2rem 0; padding-left: 1.4rem; text-indent: -1.4rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.missing { border: 1px dashed var(--warning); background: #fff8ec; padding: .6rem .8rem; }
figure { margin: 0; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
.out-of-force { color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure, dl.summary { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  figure svg { max-height: 24cm; }
  a { color: inherit; text-decoration: none; }
  .badge { border-width: 1.5px; }
}
""".strip()


# --------------------------------------------------------------------------------------------
# Pieces
# --------------------------------------------------------------------------------------------


def _table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    foot: Sequence[str] | None = None,
    row_header: bool = True,
    hide_caption: bool = False,
) -> str:
    """An accessible table; cells are HTML already escaped by the caller.

    A caption that repeats the section's heading is kept for screen readers but not shown.
    """
    nums = set(numeric)

    def cls(i: int) -> str:
        return ' class="num"' if i in nums else ""

    hidden = ' class="visually-hidden"' if hide_caption else ""
    out = [f"<table><caption{hidden}>{_e(caption)}</caption><thead><tr>"]
    out += [f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(head)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            if i == 0 and row_header:
                cells.append(f'<th scope="row"{cls(i)}>{cell}</th>')
            else:
                cells.append(f"<td{cls(i)}>{cell}</td>")
        out.append(f"<tr>{''.join(cells)}</tr>")
    out.append("</tbody>")
    if foot is not None:
        cells = [f'<th scope="row">{foot[0]}</th>'] + [
            f"<td{cls(i + 1)}>{c}</td>" for i, c in enumerate(foot[1:])
        ]
        out.append(f"<tfoot><tr>{''.join(cells)}</tr></tfoot>")
    out.append("</table>")
    return "".join(out)


def _missing(t: dict[str, str], what: str, reason: str) -> str:
    return (
        f'<p class="missing" role="note"><strong>{_e(t["unavailable"])}</strong> '
        f"({_e(what)}): {_e(reason)}</p>"
    )


def _name(ges: GES, entity_id: str | None, t: dict[str, str]) -> str:
    if entity_id is None:
        return _e(t["none"])
    try:
        return f"{_e(ges.entity(entity_id).name)} <code>({_e(entity_id)})</code>"
    except KeyError:
        return f"<code>{_e(entity_id)}</code>"


def _svg(ges: GES, lang: Lang, report: Report | None) -> str:
    """The diagram as inline SVG (prolog, doctype and fixed size removed)."""
    from ges_graph.render import to_svg  # noqa: PLC0415 - rendering is imported where used

    svg = to_svg(ges, lang=lang, report=report)
    svg = re.sub(r"<\?xml[^>]*\?>", "", svg)
    svg = re.sub(r"<!DOCTYPE[^>]*>", "", svg)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    start = svg.find("<svg")
    if start < 0:
        raise GESError("the diagram is not SVG")
    tag_end = svg.index(">", start)
    tag = re.sub(r'\s(width|height)="[^"]*"', "", svg[start:tag_end])
    tag += ' role="img" aria-labelledby="diagram-title"'
    return svg[:start].strip() + tag + svg[tag_end:].strip()


def _summary(
    ges: GES, t: dict[str, str], c: Classification | None, report: Report | None, lang: Lang
) -> str:
    rows = []
    if c is not None:
        caption = c.schema_caption(lang)
        if c.schema is not None and caption is not None:
            schema = f"<strong>{_e(caption)}</strong>"
        else:
            schema = _e(t["none_schema"])
            if caption is not None:
                schema += f"{t['then']}{_e(t['nearest'].lower())}{t['sep']}{_e(caption)}"
        rows.append((t["schema"], schema))
        rows.append((t["head"], _name(ges, c.head, t)))
    if report is not None:
        verdict = (
            f'<span class="badge good">{_e(t["conforms"])}</span>'
            if report.conforms
            else f'<span class="badge bad">{_e(t["not_conforms"])}</span>'
        )
        counts = ", ".join(
            f"{len(fs)} {_e(sev.label(lang, plural=len(fs) > 1))}"
            for sev, fs in report.by_severity().items()
        )
        rows.append((t["verdict"], verdict + (f" — {counts}" if counts else "")))
    if not rows:
        return ""
    items = "".join(f"<dt>{_e(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="summary">{items}</dl>'


def _classification(ges: GES, c: Classification, t: dict[str, str], lang: Lang) -> str:
    out = []
    res = c.nearest_result
    if c.schema is not None and res is not None:
        out.append(
            f"<p>{_e(t['schema'])}{t['sep']}<strong>{_e(c.schema_caption(lang))}</strong>. "
            f"{_e(t['head'])}{t['sep']}{_name(ges, c.head, t)}.</p>"
        )
    else:
        out.append(f"<p>{_e(t['none_schema'].capitalize())}.</p>")
    roles = [(r, ids) for r, ids in c.roles.items() if r != "head" and ids]
    if roles:
        out.append(f"<h3>{_e(t['roles'])}</h3><ul>")
        for role, ids in roles:
            label = role_label(role, lang)
            out.append(f"<li>{_e(label)}{t['sep']}{', '.join(_name(ges, i, t) for i in ids)}</li>")
        out.append("</ul>")
    if res is not None:
        if c.schema is None:
            out.append(f"<h3>{_e(t['nearest'])}{t['sep']}{_e(res.caption(lang))}</h3>")
            out.append(f'<p>{_e(t["to_change"])}{t["sep"].rstrip()}</p><ul class="conditions">')
            out += [
                f'<li><span class="bad" aria-hidden="true">✗</span> <strong>'
                f"{_e(x.title(lang))}</strong> — {_e(x.message(lang))}</li>"
                for x in res.failed
            ]
            out.append(f'</ul><p>{_e(t["held"])}{t["sep"].rstrip()}</p><ul class="conditions">')
            out += [
                f'<li><span class="good" aria-hidden="true">✓</span> {_e(x.message(lang))}</li>'
                for x in res.conditions
                if x.held
            ]
            out.append("</ul>")
        else:
            out.append(f'<h3>{_e(t["why"])}</h3><ul class="conditions">')
            out += [
                f'<li><span class="good" aria-hidden="true">✓</span> {_e(x.message(lang))}</li>'
                for x in res.conditions
            ]
            out.append("</ul>")
    rows = []
    for cand in c.candidates:
        mark = (
            t["matched"]
            if cand.matched
            else (t["nearest_mark"] if cand.schema == c.nearest else "")
        )
        own = cand.distinguishing
        held = sum(x.held for x in own)
        rows.append([_e(cand.caption(lang)), _e(mark), f"{held} / {len(own)}"])
    head = [t["schema_col"], t["result"], t["score"]]
    out.append(_table(t["all_schemas"], head, rows, numeric=[2]))
    if c.common:
        held = sum(x.held for x in c.common)
        rows = [
            [
                _e(x.title(lang)),
                _e(x.message(lang)),
                '<span class="good">✓</span>' if x.held else '<span class="bad">✗</span>',
            ]
            for x in c.common
        ]
        title = f"{t['common']} ({held} / {len(c.common)})"
        out.append(_table(title, [t["condition_col"], t["found_col"], t["result"]], rows))
    return "".join(out)


def _findings(report: Report, t: dict[str, str], lang: Lang) -> str:
    if not report.findings:
        return f'<p class="good">{_e(t["no_findings"])}</p>'
    rows = []
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        for f in report.findings:
            if f.severity is not sev:
                continue
            rows.append(
                [
                    f'<span class="badge sev-{_e(sev.value)}">{_e(sev.label(lang))}</span>',
                    f"<code>{_e(f.rule)}</code>",
                    _e(f.message(lang)),
                    ", ".join(f"<code>{_e(s)}</code>" for s in f.subjects),
                    _e(f.reference),
                ]
            )
    head = [t["severity"], t["rule"], t["message"], t["subjects"], t["reference"]]
    return _table(t["findings"], head, rows, row_header=False, hide_caption=True)


def _yes(value: bool, t: dict[str, str]) -> str:
    return _e(t["yes"] if value else t["no"])


def _entities(ges: GES, t: dict[str, str], lang: Lang) -> str:
    currency = ges.document.currency
    rows = []
    for e in ges.document.entities:
        form = _e(e.form.label_in(lang))
        kind = e.effective_public_kind
        if kind is not None:
            kind_label = kind.label_in(lang)
            form += f' <span class="note">({_e(kind_label)})</span>'
        name = _e(e.name) + (f' <span class="note">({_e(t["external"])})</span>' * e.external)
        rows.append(
            [
                f"<code>{_e(e.id)}</code>",
                name,
                form,
                _e(", ".join(c.label for c in e.conventions)),
                _e(e.effective_sector.label_in(lang)),
                "—" if e.employees is None else _e(e.employees),
                _money(e.budget, currency, lang),
            ]
        )
    head = [t["id"], t["name"], t["form"], t["conventions"], t["sector"], t["employees"]]
    return _table(t["entities"], [*head, t["budget"]], rows, numeric=[5, 6], hide_caption=True)


def _detail(r: Relation, t: dict[str, str], lang: Lang) -> str:
    parts = []
    if isinstance(r, Shareholding):
        parts.append(format_percent_range(r.share, lang))
        if r.votes is not None:
            parts.append(f"{t['votes']} {format_percent_range(r.votes, lang)}")
    elif isinstance(r, Membership) and r.votes is not None:
        parts.append(f"{t['votes']} {format_percent_range(r.votes, lang)}")
    elif isinstance(r, Board):
        seats = t["seats" if r.seats > 1 else "seat"].format(n=r.seats)
        parts.append(seats + (f", {t['chair']}" if r.chair else ""))
    elif isinstance(r, Office):
        parts.append(r.office.label_in(lang))
    if isinstance(r, Membership) and r.ex_officio:
        parts.append(t["ex_officio"])
    category = getattr(r, "category", None)
    if category is not None:
        parts.append(f"{t['category']} {category.label_in(lang)}")
    return _e(", ".join(parts))


def _dates(r: Relation, t: dict[str, str]) -> str:
    parts = []
    if r.start is not None:
        parts.append(f"{t['start']} {r.start.isoformat()}")
    if r.end is not None:
        parts.append(f"{t['end']} {r.end.isoformat()}")
    return _e(", ".join(parts))


def _relations(ges: GES, t: dict[str, str], lang: Lang) -> str:
    as_of = ges.document.as_of
    rows = []
    for key, r in ges.relations.items():
        if isinstance(r, Flow):
            continue
        dates = _dates(r, t)
        if not r.in_force(as_of):
            dates += f' <span class="out-of-force">({_e(t["in_force"])})</span>'
        rows.append(
            [
                f"<code>{_e(key)}</code>",
                _e(r.relation_type.label_in(lang)),
                _name(ges, r.from_, t),
                _name(ges, r.to, t),
                _detail(r, t, lang),
                dates,
            ]
        )
    if not rows:
        return f"<p>{_e(t['no_relations'])}</p>"
    head = [t["key"], t["type"], t["from"], t["to"], t["detail"], t["dates"]]
    return _table(t["relations"], head, rows, hide_caption=True)


def _money(value: Decimal | float | None, currency: str, lang: Lang) -> str:
    return "—" if value is None else _e(format_money(value, currency, lang))


def _flows(ges: GES, t: dict[str, str], lang: Lang, budget: CombinedBudget | None) -> str:
    currency = ges.document.currency
    out = []
    rows = [
        [
            f"<code>{_e(key)}</code>",
            _e(r.kind.label_in(lang)),
            _name(ges, r.provider, t),
            _name(ges, r.beneficiary, t),
            _e(t["free"]) if is_free(r) else _money(r.amount, currency, lang),
            _e(r.basis.label_in(lang)),
            _yes(r.agreement, t),
        ]
        for key, r in ges.relations.items()
        if isinstance(r, Flow)
    ]
    if rows:
        head = [t["key"], t["kind"], t["provider"], t["beneficiary"], t["amount"], t["basis"]]
        head.append(t["agreement"])
        out.append(_table(t["flows_table"], head, rows, numeric=[4]))
    else:
        out.append(f"<p>{_e(t['no_flows'])}</p>")
    if budget is None:
        return "".join(out)
    member_rows = [
        [
            _name(ges, m.member, t),
            _e(m.sector.label_in(lang)),
            "—" if m.employees is None else _e(m.employees),
            _money(m.budget, currency, lang),
            _money(m.eliminated, currency, lang),
            _money(m.combined, currency, lang),
        ]
        for m in budget.members
    ]
    foot = [
        _e(t["total"]),
        "",
        _e(budget.employees),
        _money(budget.budget, currency, lang),
        _money(budget.eliminated, currency, lang),
        _money(budget.combined, currency, lang),
    ]
    head = [t["member"], t["sector"], t["employees"], t["budget"], t["eliminated"], t["combined"]]
    out.append(_table(t["budget_table"], head, member_rows, numeric=[2, 3, 4, 5], foot=foot))
    sector_rows = [
        [
            _e(s.sector.label_in(lang)),
            _e(s.members),
            _e(s.employees),
            _money(s.budget, currency, lang),
            _money(s.eliminated, currency, lang),
            _money(s.combined, currency, lang),
        ]
        for s in budget.sectors
    ]
    head = [t["sector"], t["members"], t["employees"], t["budget"], t["eliminated"], t["combined"]]
    out.append(_table(t["sector_table"], head, sector_rows, numeric=[1, 2, 3, 4, 5]))
    if budget.eliminations:
        out.append(f"<h3>{_e(t['eliminations'])}</h3><ul>")
        out += [
            f"<li>{_name(ges, x.payer, t)} → {_name(ges, x.payee, t)}, {_e(x.kind.label_in(lang))}"
            f"{t['sep']}{_money(x.amount, currency, lang)}</li>"
            for x in budget.eliminations
        ]
        out.append("</ul>")
    if budget.not_eliminated:
        out.append(f"<h3>{_e(t['not_eliminated'])}</h3><ul>")
        out += [
            f"<li>{_name(ges, x.payer, t)} → {_name(ges, x.payee, t)}, {_e(x.kind.label_in(lang))}"
            f"{t['sep']}{_money(x.amount, currency, lang)} — {_e(x.explain(lang))}</li>"
            for x in budget.not_eliminated
        ]
        out.append("</ul>")
    if not budget.complete and budget.missing_budget:
        who = ", ".join(_name(ges, m, t) for m in budget.missing_budget)
        out.append(f'<p class="note">{_e(t["incomplete"])} {who}.</p>')
    return "".join(out)


def _attempt(build: Callable[[], str], t: dict[str, str], what: str) -> str:
    """Build one part of the page; a part that fails becomes a notice saying why."""
    try:
        return build()
    except (GESError, ImportError, OSError) as exc:
        return _missing(t, what, str(exc) or type(exc).__name__)


# --------------------------------------------------------------------------------------------
# The page
# --------------------------------------------------------------------------------------------


class _Derived(NamedTuple):
    """What the page shows beside the document, and why a part could not be computed."""

    report: Report | None
    classification: Classification | None
    budget: CombinedBudget | None
    errors: dict[str, str]


def _derive(ges: GES, schemas: Iterable[SchemaDef] | None) -> _Derived:
    """Validate, classify and total the flows; a part that fails leaves its reason."""
    report: Report | None = None
    classification: Classification | None = None
    budget: CombinedBudget | None = None
    errors: dict[str, str] = {}
    try:
        report = validate(ges)
    except (GESError, ImportError) as exc:  # pragma: no cover - validation does not raise
        errors["findings"] = str(exc)
    try:
        classification = classify(ges, schemas)
    except (GESError, ImportError) as exc:  # pragma: no cover - a broken schema file
        errors["classification"] = str(exc)
    try:
        budget = combined_budget(ges)
    except (GESError, ImportError) as exc:  # pragma: no cover
        errors["flows"] = str(exc)
    return _Derived(report, classification, budget, errors)


def _sections(
    ges: GES, t: dict[str, str], lang: Lang, derived: _Derived, *, diagram: bool
) -> list[tuple[str, str, str]]:
    """The sections of the page, in order: (anchor, title, HTML content)."""
    report, classification, budget, errors = derived
    sections: list[tuple[str, str, str]] = []
    sections.append(("summary", t["summary"], _summary(ges, t, classification, report, lang)))
    if diagram:
        body = _attempt(
            lambda: (
                f'<figure><p id="diagram-title" class="note">{_e(t["diagram_alt"])}</p>'
                f"{_svg(ges, lang, report)}<figcaption>{_e(t['legend'])}</figcaption></figure>"
            ),
            t,
            t["diagram"],
        )
        sections.append(("diagram", t["diagram"], body))
    sections.append(
        (
            "classification",
            t["classification"],
            _classification(ges, classification, t, lang)
            if classification is not None
            else _missing(t, t["classification"], errors.get("classification", "")),
        )
    )
    sections.append(
        (
            "findings",
            t["findings"],
            _findings(report, t, lang)
            if report is not None
            else _missing(t, t["findings"], errors.get("findings", "")),
        )
    )
    sections.append(("entities", t["entities"], _entities(ges, t, lang)))
    sections.append(("relations", t["relations"], _relations(ges, t, lang)))
    flows = _flows(ges, t, lang, budget)
    if budget is None:
        flows += _missing(t, t["flows"], errors.get("flows", ""))
    sections.append(("flows", t["flows"], flows))
    return sections


def _meta(doc: Document, t: dict[str, str], lang: Lang) -> list[str]:
    """The line under the title: date, territory, counts."""
    meta = [t["counts"].format(n=len(doc.entities), m=len(doc.relations))]
    if doc.territory:
        meta.insert(0, _TERRITORY.format(lang, territory=doc.territory))
    if doc.as_of is not None:
        meta.insert(0, f"{t['as_of']} {format_date(doc.as_of, lang)}")
    return meta


def _page(
    doc: Document,
    t: dict[str, str],
    lang: Lang,
    sections: Sequence[tuple[str, str, str]],
    generated: str,
) -> str:
    """The whole HTML document: head, header with its table of contents, sections, footer."""
    meta = _meta(doc, t, lang)
    toc = "".join(f'<li><a href="#{key}">{_e(title)}</a></li>' for key, title, _ in sections)
    body = "".join(
        f'<section id="{key}" aria-labelledby="{key}-title">'
        f'<h2 id="{key}-title">{_e(title)}</h2>{content}</section>'
        for key, title, content in sections
    )
    description = f"<p>{_e(doc.description)}</p>" if doc.description else ""
    sources = ""
    if doc.sources:
        items = "".join(f"<li>{_e(s)}</li>" for s in doc.sources)
        sources = f"<p>{_e(t['sources'])}{t['sep'].rstrip()}</p><ul>{items}</ul>"
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="ges-graph">\n'
        f"<title>{_e(t['title'])} — {_e(doc.name)}</title>\n<style>\n{_CSS}\n</style>\n"
        "</head>\n<body>\n"
        f"<header><h1>{_e(doc.name)}</h1>"
        f'<p class="meta">{_e(" · ".join(meta))}</p>{description}'
        f'<nav aria-label="{_e(t["toc"])}"><ol>{toc}</ol></nav></header>\n'
        f"<main>{body}</main>\n"
        f"<footer>{sources}<p>{_e(generated)}</p></footer>\n"
        "</body>\n</html>\n"
    )


def report_html(
    ges: GES,
    *,
    lang: Lang = "fr",
    diagram: bool = True,
    today: dt.date | None = None,
    schemas: Iterable[SchemaDef] | None = None,
) -> str:
    """The report page as HTML text.

    Args:
        ges: the group.
        lang: ``fr`` or ``en`` (labels, messages, number formats).
        diagram: include the diagram (needs Graphviz's ``dot``; without it, a notice).
        today: the date printed in the footer (default: today).
        schemas: the schemas the classification tries (default: the reference schemas).

    Raises:
        ValueError: ``lang`` is not ``fr`` or ``en``.

    Examples:
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> html_text = report_html(ges, diagram=False, today=dt.date(2026, 1, 2))
        >>> '<h2 id="findings-title">Constatations</h2>' in html_text
        True
    """
    lang = check_lang(lang)
    t = _in(_T, lang)
    derived = _derive(ges, schemas)
    sections = _sections(ges, t, lang, derived, diagram=diagram)
    generated = t["generated"].format(
        version=__version__, date=format_date(today or dt.date.today(), lang)
    )
    # Every text went through _e; the diagram's SVG too is made sure of.
    return _CONTROL.sub("", _page(ges.document, t, lang, sections, generated))


def write_report(
    ges: GES,
    path: str | os.PathLike[str],
    *,
    lang: Lang = "fr",
    diagram: bool = True,
    schemas: Iterable[SchemaDef] | None = None,
) -> Path:
    """Write the report page to ``path`` (UTF-8) and return the path.

    See :func:`report_html` for the content.

    Examples:
        >>> import tempfile, pathlib
        >>> from ges_graph.graph import GES
        >>> ges = GES.from_data({"format": "ges-graph/1", "name": "G", "entities": [
        ...     {"id": "a", "name": "A", "form": "association"}]})
        >>> out = write_report(ges, pathlib.Path(tempfile.mkdtemp()) / "g.html", diagram=False)
        >>> out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
    """
    check_lang(lang)
    check_not_symlink(path)
    return write_atomic(path, report_html(ges, lang=lang, diagram=diagram, schemas=schemas))
