"""No code of the format's vocabularies in a sentence, and French elided (issue 11, item 3).

The French and English of every validation message, classification sentence, control
explanation, HTML report page and diff of the bundled examples and of the conformance documents
contain no code of a closed vocabulary (``staff_secondment``, ``public_body``, ``[error]``…),
and the French has no « de », « le » or « la » before a word that begins with a vowel. So does
the French of the rule catalogue: when each rule fires, what each parameter is, and its unit.

A code that is also an ordinary word of the language (``association``, ``union``, ``capital``
in French; ``service``, ``loan``, ``shareholding`` in English) cannot be told from the word and
is not looked for. Entity ids (``Nom (id)``) and relation keys are the document's own names,
not codes, and are taken out before scanning.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import ges_graph
from ges_graph.diff import diff
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.rules import RULES
from ges_graph.vocabulary import VOCABULARIES

ROOT = Path(__file__).resolve().parents[1]
CONFORMANCE = ROOT.parent / "shared" / "conformance"

_PLAIN = {
    "fr": {
        "association", "union", "marchand", "mixte", "public", "capital", "service",
        "territorial", "sa", "collective", "donation", "office", "associative", "manager",
    },
    "en": {
        "association", "union", "foundation", "other", "person", "collective", "service",
        "premises", "loan", "treasury", "subsidy", "donation", "dividend", "public", "company",
        "cooperative", "grouping", "associative", "natural", "governance", "capital", "flows",
        "flow", "board", "office", "membership", "shareholding", "president", "manager",
        "director", "employees", "producers", "beneficiaries", "volunteers", "founders",
        "partners", "investors", "free", "unknown", "error", "warning", "info", "head",
        "controlled", "operating", "pooled", "coordinated", "yes", "no", "optional",
        "territorial", "state",
    },
}  # fmt: skip
"""Codes that are also ordinary words of the language: they are not looked for."""


def _own_label(lang: str) -> set[str]:
    """Codes whose label in ``lang`` is the code itself (``medium``): a word, not a code."""
    return {m.value for v in VOCABULARIES for m in v if m.label_in(lang).lower() == m.value}


CODES = {
    lang: sorted({m.value for v in VOCABULARIES for m in v} - plain - _own_label(lang))
    for lang, plain in _PLAIN.items()
}

_ELISION = re.compile(r"(?i)(?<![\w'’-])(?:de|le|la)\s+[aeiouàâäéèêëîïôöùûü]")


def _documents() -> list[Path]:
    paths = sorted((ROOT / "ges_graph" / "examples").glob("*.yaml"))
    if CONFORMANCE.is_dir():
        paths += [
            p
            for p in sorted(CONFORMANCE.glob("*.yaml"))
            if not p.name.startswith("bad-") and p.name != "manifest.yaml"
        ]
    return paths


def _texts(ges: GES, lang: str) -> Iterator[tuple[str, str]]:
    """(where, text) of every sentence the library writes about ``ges`` in ``lang``."""
    for f in ges_graph.validate(ges).findings:
        yield f"finding {f.rule}", f.message(lang)  # type: ignore[arg-type]
    c = ges_graph.classify(ges)
    for result in c.candidates:
        for cond in result.conditions:
            text = cond.message(lang)  # type: ignore[arg-type]
            for role in result.bound:
                text = text.replace(f"« {role} »", "").replace(f"“{role}”", "")
            yield f"condition {cond.id}", text
    # A role a schema file binds (``as: sas`` in S5) is quoted by its name in a condition's
    # sentence (« sas », taken out above); role lists show it by its label (« SAS : »).
    for line in c.to_text(lang).splitlines():  # type: ignore[arg-type]
        yield "classification", line
    ctl = ges.control
    for b in sorted(ctl.members):
        for a in sorted(ctl.controllers(b)):
            why = ctl.why(a, b)
            if why is not None:
                yield f"why {a} {b}", why.sentence(lang)  # type: ignore[arg-type]
    page = report_html(ges, lang=lang, diagram=False)  # type: ignore[arg-type]
    page = re.sub(r"<(style|code)[^>]*>.*?</\1>", " ", page, flags=re.S)
    for node in re.split(r"<[^>]+>", page):
        yield "page", html.unescape(node)


def _scrub(text: str, ids: set[str]) -> str:
    """``text`` without the document's own names: ``(id)``, a bare id, ``relations[n]``."""
    text = re.sub(r"relations\[\d+\]", " ", text)
    for i in ids:
        text = text.replace(f"({i})", " ").replace(f"({i},", "(")
    return " " if text.strip() in ids else text


def _problems(where: str, text: str, lang: str, ids: set[str]) -> list[str]:
    text = _scrub(text, ids)
    out = [
        f"{where}: code {code!r} in {text.strip()[:160]!r}"
        for code in CODES[lang]
        if re.search(rf"(?<![\w'’-]){re.escape(code)}(?![\w-])", text)
    ]
    if lang == "fr" and _ELISION.search(text):
        out.append(f"{where}: no elision in {text.strip()[:160]!r}")
    return out


DOCUMENTS = _documents()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_code_and_french_elided(path: Path, lang: str) -> None:
    ges = ges_graph.load(path)
    ids = {e.id for e in ges.document.entities}
    problems = [p for w, t in _texts(ges, lang) for p in _problems(w, t, lang, ids)]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_code_in_a_diff(lang: str) -> None:
    geses = [ges_graph.load(p) for p in DOCUMENTS]
    problems = []
    for old, new in itertools.pairwise(geses):
        ids = {e.id for e in old.document.entities} | {e.id for e in new.document.entities}
        for line in diff(old, new).to_text(lang).splitlines():  # type: ignore[arg-type]
            problems += _problems(f"diff {old.document.name}", line, lang, ids)
    assert not problems, "\n".join(problems[:20])


def _catalogue_texts(rule_id: str) -> Iterator[tuple[str, str]]:
    """(where, text) of the French that the rule catalogue says of a rule."""
    rule = RULES[rule_id]
    yield f"{rule_id} fires when", rule.fires_when_in("fr")
    for p in rule.params:
        yield f"{rule_id} {p.name}", p.description_in("fr")
        yield f"{rule_id} {p.name} unit", p.unit_in("fr")
        yield f"{rule_id} {p.name} values", p.values_in("fr")


@pytest.mark.parametrize("rule_id", list(RULES))
def test_no_code_in_the_french_rule_catalogue(rule_id: str) -> None:
    # A rule's French names forms, conventions, flows and bases by their labels (« une SAS », « des
    # frais de siège »), never by the codes that its English, in the words of rules.md, quotes.
    problems = [p for w, t in _catalogue_texts(rule_id) for p in _problems(w, t, "fr", set())]
    assert not problems, "\n".join(problems)


def test_the_catalogue_scan_catches_a_code_in_a_rule_text() -> None:
    assert _problems("x", "un flux management_fee entre deux membres", "fr", set())
    assert _problems("x", "une sasu ou une eurl", "fr", set())
    assert _problems("x", "un conventionnement de IAE", "fr", set())
    assert not _problems("x", "des frais de siège facturés à une SASU", "fr", set())


def test_the_conformance_documents_are_scanned_when_present() -> None:
    if not CONFORMANCE.is_dir():
        pytest.skip(f"no conformance documents at {CONFORMANCE}")
    assert len(DOCUMENTS) > 10


def test_the_scan_catches_a_code_and_a_missing_elision() -> None:
    assert _problems("x", "un flux staff_secondment", "fr", set())
    assert _problems("x", "[error] rule", "fr", set())
    assert _problems("x", "autour de Union Sud Loire", "fr", set())
    assert not _problems("x", "autour de l'Union Sud Loire (aci)", "fr", {"aci"})
    assert not _problems("x", "a loan of 5 EUR", "en", set())
