"""The parts of the report page: tables, summary, classification, findings, entities, relations."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

from ges_graph.classification import Classification, role_label
from ges_graph.classification_text import TAKING, entity_name
from ges_graph.errors import GESError, RenderError, os_reason
from ges_graph.graph import GES
from ges_graph.html_report._text import _IN_EXPORTS, _MORE_ROWS, _e
from ges_graph.i18n import (
    Lang,
    Named,
    check_lang,
    format_date,
    format_money,
    format_number,
    format_percent_range,
    reference_text,
)
from ges_graph.model import Board, Entity, Flow, Form, Membership, Office, Relation, Shareholding
from ges_graph.render.scene import finding_order
from ges_graph.report import SHOWN, Report, Severity, subjects_text
from ges_graph.rules import RULES

TABLE_ROWS = 100
"""The most rows a table of the page shows (entities, relations, flows, members); a last row
then says how many more, and that the exports hold them all. A group of 3,000 entities made a
page of 3.4 MB before."""


def _cut(rows: list[list[str]], what: str, lang: Lang) -> tuple[list[list[str]], str | None]:
    """The first :data:`TABLE_ROWS` rows, and the text of the row that stands for the others.

    ``what`` names the rows: ``entities``, ``relations``, ``flows`` or ``members``.

    Examples:
        >>> rows, more = _cut([["x"]] * 3000, "entities", "fr")
        >>> len(rows), more
        (100, '… et 2 900 autres entités — la liste complète est dans les exports de ges-graph \
convert (classeur .xlsx, fichiers CSV).')
        >>> _cut([["x"]] * 3, "flows", "en")
        ([['x'], ['x'], ['x']], None)
    """
    check_lang(lang)
    left = len(rows) - TABLE_ROWS
    if left <= 0:
        return rows, None
    count = format_number(left, lang, decimals=0)
    text = _MORE_ROWS[what][left > 1].format(lang, count=count) + _IN_EXPORTS.render(lang)
    return rows[:TABLE_ROWS], text


def _table(
    caption: str,
    head: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    foot: Sequence[str] | None = None,
    row_header: bool = True,
    hide_caption: bool = False,
    more: str | None = None,
) -> str:
    """An accessible table; cells are HTML already escaped by the caller.

    A caption that repeats the section's heading is kept for screen readers but not shown.
    ``more`` (plain text, escaped here) is a last row across the table: the rows left out.
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
    if more is not None:
        out.append(f'<tr class="more"><td colspan="{len(head)}">{_e(more)}</td></tr>')
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
            _e(sev.counted(len(fs), lang)) for sev, fs in report.by_severity().items()
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
            names = subjects_text(tuple(ids), SHOWN, lang, lambda i: _name(ges, i, t))
            out.append(f"<li>{_e(label)}{t['sep']}{names}</li>")
        out.append("</ul>")
    if res is not None:
        if c.schema is None:
            # the head the nearest schema was tried with, when the group has none (as classify)
            tried = ""
            if res.head is not None and c.head is None:
                tried = TAKING.format(lang, head=Named(entity_name(c, res.head)))
            out.append(f"<h3>{_e(t['nearest'])}{t['sep']}{_e(res.caption(lang) + tried)}</h3>")
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


def _findings(ges: GES, report: Report, t: dict[str, str], lang: Lang) -> str:
    """The findings, errors first, the first :data:`~ges_graph.report.SHOWN` of each rule.

    Each row is numbered as the diagram numbers the finding (« ⚠ 3 » is row 3, anchored
    ``finding-3``), in that order; a row then says how many more findings the rule has (its
    title, never its code); a finding names as many subjects, then how many more. The rule is
    named by its title, its code beneath.
    """
    if not report.findings:
        return f'<p class="good">{_e(t["no_findings"])}</p>'
    limit = SHOWN
    kept, omitted = report.shown(limit)
    number = {id(f): i for i, f in enumerate(finding_order(ges, report.findings), 1)}
    rows = []
    for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        badge = f'<span class="badge sev-{_e(sev.value)}">{_e(sev.label(lang))}</span>'
        these = sorted((f for f in kept if f.severity is sev), key=lambda f: number[id(f)])
        last = {f.rule: i for i, f in enumerate(these)}
        for i, f in enumerate(these):
            n = number[id(f)]
            rule = _rule_cell(f.rule, lang)
            rows.append(
                [
                    f'<span id="finding-{n}">{n}</span>',
                    badge,
                    rule,
                    _e(f.message(lang)),
                    subjects_text(f.subjects, limit, lang, lambda s: f"<code>{_e(s)}</code>"),
                    _e(reference_text(f.reference, lang)),
                ]
            )
            more = [o for o in omitted if o.rule == f.rule and o.severity is sev]
            if last[f.rule] == i and more:
                rows.append(["", badge, rule, _e(more[0].text(lang, RULES)), "", ""])
    head = [t["number"], t["severity"], t["rule"], t["message"], t["subjects"], t["reference"]]
    return _table(t["findings"], head, rows, row_header=False, hide_caption=True)


def _rule_cell(rule: str, lang: Lang) -> str:
    """A rule as the table names it: its title, its code beneath (the code alone if unknown)."""
    known = RULES.get(rule)
    if known is None:
        return f"<code>{_e(rule)}</code>"
    return f'{_e(known.title(lang))}<br><code class="rule-id">{_e(rule)}</code>'


def _yes(value: bool, t: dict[str, str]) -> str:
    return _e(t["yes"] if value else t["no"])


def _sector(e: Entity, lang: Lang) -> str:
    """An entity's sector, or « — » for one outside the group's budget.

    A person, a collective or an outside entity has no sector of the group's budget, unless the
    document gives one.
    """
    outside = e.external or e.form in (Form.PERSON, Form.COLLECTIVE)
    if outside and e.sector is None:
        return "—"
    return _e(e.effective_sector.label_in(lang))


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
                _sector(e, lang),
                "—" if e.employees is None else _e(e.employees),
                _money(e.budget, currency, lang),
            ]
        )
    head = [t["id"], t["name"], t["form"], t["conventions"], t["sector"], t["employees"]]
    rows, more = _cut(rows, "entities", lang)
    return _table(
        t["entities"], [*head, t["budget"]], rows, numeric=[5, 6], hide_caption=True, more=more
    )


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


def _dates(r: Relation, t: dict[str, str], lang: Lang) -> str:
    """« depuis le 01/01/2020, jusqu'au 30/06/2023 »: the dates as the language writes them."""
    parts = []
    if r.start is not None:
        parts.append(t["start"].format(date=format_date(r.start, lang)))
    if r.end is not None:
        parts.append(t["end"].format(date=format_date(r.end, lang)))
    return _e(", ".join(parts))


def _money(value: Decimal | float | None, currency: str, lang: Lang) -> str:
    return "—" if value is None else _e(format_money(value, currency, lang))


def _relations(ges: GES, t: dict[str, str], lang: Lang) -> str:
    as_of = ges.document.as_of
    rows = []
    for key, r in ges.relations.items():
        if isinstance(r, Flow):
            continue
        dates = _dates(r, t, lang)
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
    rows, more = _cut(rows, "relations", lang)
    return _table(t["relations"], head, rows, hide_caption=True, more=more)


def _attempt(build: Callable[[], str], t: dict[str, str], what: str, lang: Lang) -> str:
    """Build one part of the page; a part that fails becomes a notice saying why, in ``lang``."""
    try:
        return build()
    except RenderError as exc:  # dot missing, failed or too slow: said in the page's language
        return _missing(t, what, exc.message_in(lang))
    except OSError as exc:
        return _missing(t, what, os_reason(exc, lang))
    except (GESError, ImportError) as exc:
        return _missing(t, what, str(exc) or type(exc).__name__)
