"""The flows matrix of the report page: payers in rows, payees in columns, with totals.

The same numbers as :func:`ges_graph.render.matrix.flow_heatmap` (through
:func:`ges_graph.render.matrix.grid`): first every kind summed, then, folded in a
``<details>``, one table per kind. Members are named in full (an HTML table wraps its headings);
a wide table scrolls sideways.
"""

from __future__ import annotations

from decimal import Decimal

from ges_graph.flows import FlowMatrix, flow_matrix, is_free
from ges_graph.graph import GES
from ges_graph.html_report._text import _TOO_MANY_PAYERS, _e
from ges_graph.i18n import Lang, format_money
from ges_graph.model import Flow, FlowKind
from ges_graph.render.matrix import Grid, cell_text, grid
from ges_graph.report import SHOWN, subjects_text

MAX_MATRIX_MEMBERS = 50
"""Beyond this many payers or payees the matrix cannot be read (and grows with their product: a
ring of 3,000 members would make nine million cells); a notice says so, the list of flows
stands for it."""


def _grid_table(m: FlowMatrix, g: Grid, caption: str, t: dict[str, str], lang: Lang) -> str:
    """One panel of the matrix as an accessible table (``th`` with ``scope``, totals in foot)."""

    def money(value: Decimal) -> str:
        return _e(format_money(value, m.currency, lang))

    head = [f'<th scope="col">{_e(t["payer_payee"])}</th>']
    head += [f'<th scope="col">{_e(m.names[b])}</th>' for b in g.payees]
    head.append(f'<th scope="col" class="num">{_e(t["total"])}</th>')
    body = []
    for a in g.payers:
        cells = [f'<th scope="row">{_e(m.names[a])}</th>']
        cells += [
            f'<td class="num">{_e(cell_text(g, a, b, m.currency, lang))}</td>' for b in g.payees
        ]
        cells.append(f'<td class="num total">{money(g.row_total(a))}</td>')
        body.append(f"<tr>{''.join(cells)}</tr>")
    foot = [f'<th scope="row">{_e(t["total"])}</th>']
    foot += [f'<td class="num">{money(g.column_total(b))}</td>' for b in g.payees]
    foot.append(f'<td class="num">{money(g.total)}</td>')
    return (
        f'<div class="scroll"><table class="matrix"><caption>{_e(caption)}</caption>'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody>"
        f"<tfoot><tr>{''.join(foot)}</tr></tfoot></table></div>"
    )


def _members(g: Grid) -> int:
    """How many members pay or receive in ``g``: the larger side of the matrix."""
    return max(len(g.payers), len(g.payees))


def _matrix_section(ges: GES, t: dict[str, str], lang: Lang) -> str:
    """The matrix's heading, what it shows, its tables, and the flows it could not count."""
    if not any(isinstance(r, Flow) for r in ges.document.relations):
        return ""  # the flows' table says « Aucun flux. »: no matrix to say it again
    m = flow_matrix(ges)
    out = [f"<h3>{_e(t['matrix'])}</h3>"]
    kinds = [k for k in FlowKind if k in m.kinds or any(f[2] is k for f in m.free)]
    if not kinds:
        out.append(f"<p>{_e(t['no_member_flows'])}</p>")
    elif (wide := _members(grid(m))) > MAX_MATRIX_MEMBERS:
        notice = _TOO_MANY_PAYERS.format(lang, n=wide, max=MAX_MATRIX_MEMBERS)
        out.append(f'<p class="note" role="note">{_e(notice)}</p>')
        kinds = []
    else:
        out.append(f'<p class="note">{_e(t["matrix_note"].format(currency=m.currency))}</p>')
        out.append(_grid_table(m, grid(m), t["matrix_all"], t, lang))
    if len(kinds) > 1:
        out.append(f'<details class="by-kind"><summary>{_e(t["by_kind"])}</summary>')
        for kind in kinds:
            caption = t["matrix_kind"].format(kind=kind.label_in(lang))
            out.append(_grid_table(m, grid(m, [kind]), caption, t, lang))
        out.append("</details>")
    relations = ges.relations
    unpriced = [
        key
        for key in m.unpriced
        if not (isinstance(flow := relations[key], Flow) and is_free(flow))
    ]
    if unpriced:
        keys = subjects_text(tuple(unpriced), SHOWN, lang)
        out.append(f'<p class="note">{_e(t["unpriced"].format(keys=keys))}</p>')
    return "".join(out)
