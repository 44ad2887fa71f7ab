"""The report page: one self-contained HTML file about a group (``ges-graph report``).

The page holds, in order: a summary (schema, head, verdict), the structure view of the group
(governance and capital, inline SVG drawn by Graphviz through :func:`ges_graph.render.to_svg`),
the classification with its explanation (:func:`ges_graph.classification.classify`), the
validation findings (:func:`ges_graph.rules.validate`), the entities and relations, then the
flows: their view (by families of members in a big group; beyond
:data:`~ges_graph.html_report._diagrams.MAX_DIAGRAM_ENTITIES` entities, a notice that a drawing
could not be read), the flows matrix (payers × payees with
totals, every kind summed, then by kind), the list of flows and the combined budget
(:mod:`ges_graph.flows`).

Each view is shown so that its smallest text is at least 9 CSS pixels at the browser's default
zoom: a wide diagram scrolls sideways in its figure rather than shrinking, and a « taille
réelle » toggle shows it at its own size (see :mod:`ges_graph.html_report._diagrams`).

It needs nothing outside the file: no script, no stylesheet, font or image to fetch, so it can
be mailed, archived or opened offline. It prints on A4 (print rules hide the table of contents,
fit the diagrams to the page, keep tables and diagrams whole where they fit, and repeat table
headers on each page). It is accessible: ``lang`` on the document, one ``h1`` and a heading
per section, tables with captions and header cells with ``scope``, severity written out and not
only coloured, each diagram with a text alternative. Every string that comes from the document
(names, notes, messages naming entities) is escaped.

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
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from ges_graph._files import check_not_symlink, write_atomic
from ges_graph._version import __version__
from ges_graph.classification import Classification, classify
from ges_graph.errors import GESError
from ges_graph.flows import CombinedBudget, combined_budget
from ges_graph.graph import GES
from ges_graph.html_report._diagrams import _flows_view, _structure_view
from ges_graph.html_report._flows import _flows
from ges_graph.html_report._forecast import _forecast_section, forecast_year
from ges_graph.html_report._matrix import _matrix_section
from ges_graph.html_report._parts import (
    _attempt,
    _classification,
    _entities,
    _findings,
    _missing,
    _relations,
    _summary,
)
from ges_graph.html_report._style import _CSS
from ges_graph.html_report._text import _CONTROL, _T, _TERRITORY, _e, _in
from ges_graph.i18n import Lang, check_lang, format_date
from ges_graph.model import Document
from ges_graph.report import Report
from ges_graph.rules import validate
from ges_graph.schemas import SchemaDef

__all__ = ["report_html", "write_report"]


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
        body = _attempt(lambda: _structure_view(ges, t, lang, report), t, t["diagram"], lang)
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
            _findings(ges, report, t, lang)
            if report is not None
            else _missing(t, t["findings"], errors.get("findings", "")),
        )
    )
    sections.append(("entities", t["entities"], _entities(ges, t, lang)))
    sections.append(("relations", t["relations"], _relations(ges, t, lang)))
    flows = ""
    if diagram:
        view = _attempt(lambda: _flows_view(ges, t, lang, report), t, t["flows_diagram"], lang)
        flows += f"<h3>{_e(t['flows_diagram'])}</h3>{view}" if view else ""
    flows += _attempt(lambda: _matrix_section(ges, t, lang), t, t["matrix"], lang)
    flows += _flows(ges, t, lang, budget)
    if budget is None:
        flows += _missing(t, t["flows"], errors.get("flows", ""))
    sections.append(("flows", t["flows"], flows))
    year = forecast_year(ges)
    if year is not None:
        sections.append(("forecast", *_forecast_section(ges, t, lang, year)))
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
        >>> '<h2 id="findings-title">Constats</h2>' in html_text
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
