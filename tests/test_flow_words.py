"""French that a board reads, and which way a flow points (issue 11, items 3 and 4).

- the elision and article helpers of :mod:`ges_graph.i18n`, by property over awkward names;
- a rule message and a control explanation built around such names;
- flows said in words with both roles, « à titre gratuit » for a free flow, never « 0 EUR »;
- the flow-kind table of ``docs/format.md`` is the vocabulary's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ges_graph.flows import flow_sentence, is_free
from ges_graph.graph import GES
from ges_graph.i18n import LANGS, Named, Tr, fr_a, fr_de, fr_the, with_form
from ges_graph.model import Flow
from ges_graph.rules import validate
from ges_graph.vocabulary import FlowKind

ROOT = Path(__file__).resolve().parents[1]

_VOWEL_START = re.compile(r"(?i)\b(?:de|le|la)\s+[aeiouàâäéèêëîïôöùûü]")
"""« de », « le » or « la » before a word beginning with a vowel: French elides there."""

_FIRST = st.sampled_from(
    [
        "Ardenne", "Union", "Association", "Élan", "Évolio", "île", "Horizon", "Hameau", "Haut",
        "1001", "3F", "Le", "La", "Les", "L'Atelier", "SCIC", "SCOP", "GIE", "SAS", "Régie",
        "Département", "Ouvroir", "Âtre", "Yonne", "Tremplin", "Ubu", "Eau",
    ]
)  # fmt: skip
_REST = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàôABCDEFHRSTVÉ", min_size=1, max_size=8),
    min_size=1,
    max_size=3,
)
NAMES = st.builds(lambda first, rest: " ".join([first, *rest]), _FIRST, _REST)
"""Names that begin with vowels, accented vowels, h, digits, articles and form names."""


# -- the helpers --------------------------------------------------------------------------------


def test_the_examples_of_the_issue() -> None:
    assert fr_de("Ardenne Patrimoine") == "d'Ardenne Patrimoine"
    assert f"autour {fr_de('Union Sud Loire')}" == "autour de l'Union Sud Loire"
    assert fr_a("Association Tremplin") == "à l'Association Tremplin"
    assert fr_de("GIE Horizon Moyens") == "du GIE Horizon Moyens"
    assert fr_a("Le Relais") == "au Relais"
    assert fr_de("Les Jardins") == "des Jardins"
    assert fr_de("La Ressourcerie") == "de La Ressourcerie"
    assert fr_de("Hauts-de-France Insertion") == "de Hauts-de-France Insertion"  # h aspiré
    assert fr_de("1001 Pattes") == "de 1001 Pattes"
    assert fr_the("SCIC Vallée Solidaire") == "la SCIC Vallée Solidaire"
    assert with_form("SCIC", "SCIC Vallée Solidaire") == "SCIC Vallée Solidaire"
    assert with_form("SCIC", "Vallée Solidaire") == "SCIC Vallée Solidaire"


@given(NAMES)
def test_no_de_le_la_before_a_vowel(name: str) -> None:
    for phrase in (fr_de(name), fr_a(name), fr_the(name), f"autour {fr_de(name)}"):
        assert not _VOWEL_START.search(phrase.replace(name, name.split(maxsplit=1)[0])), phrase
    assert fr_de(name).endswith(name.split(" ", 1)[-1])


@given(NAMES, st.sampled_from(["SCIC", "SCOP", "GIE", "société anonyme|SA"]))
def test_a_form_is_never_repeated(name: str, form: str) -> None:
    text = with_form(form, name)
    first = form.split("|", maxsplit=1)[0]
    assert not re.search(rf"(?i)\b{re.escape(first)} {re.escape(first)}\b", text)
    assert text.endswith(name)


@given(st.lists(NAMES, min_size=1, max_size=3), st.sampled_from(LANGS))
def test_each_name_of_a_list_gets_its_preposition(names: list[str], lang: str) -> None:
    listing = Named.listing(names, " et ")
    rendered = Tr("autour {x.de}", "around {x}").format(lang, x=listing)  # type: ignore[arg-type]
    if lang == "en":
        assert rendered == "around " + str(listing)
    else:
        assert rendered == "autour " + Named.listing([fr_de(n) for n in names], " et ")
        for name in names:
            # keep the name's first word (what the preposition meets), sealed so that a name
            # ending in « La » cannot meet the « et » that follows it in the check
            rendered = rendered.replace(name, name.split(maxsplit=1)[0] + "·")
        assert not _VOWEL_START.search(rendered)


# -- messages and explanations built around awkward names ---------------------------------------


def _group(head: str, company: str, kind: str = "staff_secondment", **flow: object) -> GES:
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": head,
            "entities": [
                {"id": "a", "name": head, "form": "association", "conventions": ["aci"]},
                {"id": "s", "name": company, "form": "sas", "board_size": 3},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "s", "share": 100},
                {"type": "office", "from": "a", "to": "s", "office": "president"},
                {"type": "flow", "kind": kind, "from": "s", "to": "a", **flow},
            ],
        }
    )


@given(NAMES, NAMES)
def test_messages_and_explanations_elide_around_any_name(head: str, company: str) -> None:
    ges = _group(head, company, amount=20000, basis="below_cost")
    why = ges.control.why("a", "s")
    assert why is not None
    texts = [why.sentence("fr")] + [f.message("fr") for f in validate(ges).findings]
    for text in texts:
        scrubbed = text.replace(head, head.split(maxsplit=1)[0])
        scrubbed = scrubbed.replace(company, company.split(maxsplit=1)[0])
        assert not _VOWEL_START.search(scrubbed), text
    for text in [why.sentence("en")] + [f.message("en") for f in validate(ges).findings]:
        assert not re.search(r"\b(?:staff_secondment|management_fee)\b", text)


def test_a_rule_names_a_scic_once() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "v", "name": "SCIC Vallée Solidaire", "form": "scic"},
                {"id": "c", "name": "Commune", "form": "public_body", "public_kind": "territorial"},
            ],
            "relations": [{"type": "shareholding", "from": "c", "to": "v", "share": 60}],
        }
    )
    messages = [f.message(lang) for f in validate(ges).findings for lang in LANGS]
    assert any("SCIC Vallée Solidaire (v)" in m for m in messages)
    assert not any("SCIC SCIC" in m for m in messages)


# -- flows in words ------------------------------------------------------------------------------


def test_a_secondment_says_who_provides_and_who_pays() -> None:
    f = Flow.model_validate(
        {"type": "flow", "kind": "staff_secondment", "from": "h", "to": "e", "amount": 45000}
    )
    names = {"h": "Horizon Environnement", "e": "Evolio"}
    assert flow_sentence(f, names, "EUR") == (
        "Evolio met du personnel à disposition d'Horizon Environnement, qui paie 45 000 EUR par an"
    )
    assert flow_sentence(f, names, "EUR", "en") == (
        "Evolio seconds staff to Horizon Environnement, which pays 45,000 EUR a year"
    )


@pytest.mark.parametrize("flow", [{"basis": "free"}, {"amount": 0}, {"amount": 0, "basis": "free"}])
@pytest.mark.parametrize("kind", list(FlowKind))
def test_a_free_flow_says_free_never_zero(flow: dict[str, object], kind: FlowKind) -> None:
    f = Flow.model_validate({"type": "flow", "kind": kind.value, "from": "a", "to": "b", **flow})
    names = {"a": "Association Tremplin", "b": "Ville"}
    fr, en = (flow_sentence(f, names, "EUR", lang) for lang in LANGS)
    assert is_free(f)
    assert fr.endswith("à titre gratuit")
    assert en.endswith("free of charge")
    assert "0 EUR" not in fr + en
    provider, beneficiary = names[f.provider], names[f.beneficiary]
    assert fr.startswith(fr_the(provider))  # « l'Association Tremplin prête à la Ville »
    assert en.startswith(provider)
    assert beneficiary in fr
    assert beneficiary in en


@pytest.mark.parametrize("kind", list(FlowKind))
def test_every_kind_names_the_provider_first(kind: FlowKind) -> None:
    f = Flow.model_validate(
        {"type": "flow", "kind": kind.value, "from": "p", "to": "q", "amount": 1500}
    )
    names = {"p": "Payeur", "q": "Payé"}
    for lang in LANGS:
        text = flow_sentence(f, names, "EUR", lang)
        expected_first = "Payé" if kind.provider_is_payee else "Payeur"
        assert text.startswith(expected_first + " "), text
        assert "1" in text
        assert "_" not in kind.value or kind.value not in text


def test_the_report_has_provider_and_beneficiary_columns() -> None:
    from ges_graph.html_report import report_html

    ges = _group("Association Tremplin", "Horizon", kind="premises", basis="free")
    fr = report_html(ges, diagram=False)
    en = report_html(ges, lang="en", diagram=False)
    assert '<th scope="col">Fournisseur</th>' in fr or ">Fournisseur<" in fr
    assert ">Bénéficiaire<" in fr
    assert ">Provider<" in en
    assert ">Beneficiary<" in en
    assert ">gratuit<" in fr
    assert ">free<" in en


# -- the docs ------------------------------------------------------------------------------------


def flow_kind_table() -> str:
    """The table of every flow kind, who is ``from`` and who is ``to`` (``docs/format.md``)."""
    rows = [
        "| `kind` | what it is | `from` | `to` | the provider does (fr) |",
        "|---|---|---|---|---|",
    ]
    for k in FlowKind:
        if k.provider_is_payee:
            frm, to = "the beneficiary, who pays", "the **provider**, who is paid"
        else:
            frm, to = "the **provider** of the money", "the beneficiary"
        rows.append(f"| `{k.value}` | {k.label_fr} | {frm} | {to} | « {k.action.fr} » |")
    return "\n".join(rows)


def test_the_docs_carry_the_vocabulary_flow_table() -> None:
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- flow-kinds:start[^\n]*-->\n(.*?)\n<!-- flow-kinds:end -->", text, re.S)
    assert block is not None
    assert block.group(1) == flow_kind_table()
