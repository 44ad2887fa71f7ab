"""The INSEE *catégorie juridique* table and the register's *qualités*."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ges_graph.registry import CATEGORIES, PUBLIC_KINDS, form_of, office_of, skeleton
from ges_graph.vocabulary import Family, Form, OfficeRole, PublicKind


def _record(code: str | None, name: str = "ENTITE", **more: Any) -> dict[str, Any]:
    return {"siren": "812345676", "nom_complet": name, "nature_juridique": code, **more}


@pytest.mark.parametrize(
    ("code", "form"),
    [
        ("9220", Form.ASSOCIATION),  # association déclarée
        ("9221", Form.ASSOCIATION),  # association déclarée d'insertion par l'économique
        ("9222", Form.ASSOCIATION),  # association intermédiaire
        ("9230", Form.ASSOCIATION),  # reconnue d'utilité publique
        ("9260", Form.ASSOCIATION),  # droit local (1908)
        ("9223", Form.EMPLOYER_GROUP),
        ("9300", Form.FOUNDATION),
        ("6220", Form.GIE),
        ("5710", Form.SAS),
        ("5720", Form.SASU),
        ("5499", Form.SARL),
        ("5485", Form.SARL),  # SELARL
        ("5498", Form.EURL),
        ("5599", Form.SA),
        ("5699", Form.SA),
        ("5458", Form.SCOP),  # SARL coopérative ouvrière de production
        ("5558", Form.SCOP),
        ("5658", Form.SCOP),
        ("5560", Form.SA),  # autre SA coopérative: a SCIC only when its name says so
        ("6540", Form.SCI),
        ("7361", Form.PUBLIC_BODY),  # CCAS
        ("1000", Form.PERSON),
        ("2110", Form.COLLECTIVE),
        ("5202", Form.OTHER),  # société en nom collectif
        ("8210", Form.OTHER),  # mutuelle
        ("9240", Form.OTHER),  # congrégation
        ("9900", Form.OTHER),  # autre personne morale de droit privé (fonds de dotation…)
        ("0000", Form.OTHER),
        (None, Form.OTHER),
    ],
)
def test_codes_give_the_forms_of_the_format(code: str | None, form: Form) -> None:
    assert form_of(code)[0] is form


def test_the_table_reaches_every_form_the_register_files() -> None:
    assert all(re.fullmatch(r"[1-9][0-9]{3}", code) for code in CATEGORIES)
    never = {Form.UNION, Form.ENDOWMENT_FUND, Form.SCIC, Form.OTHER}  # no code of their own
    assert set(CATEGORIES.values()) == set(Form) - never


def test_public_bodies_get_their_kind() -> None:
    assert form_of("7210") == (Form.PUBLIC_BODY, PublicKind.TERRITORIAL)  # commune
    assert form_of("7346") == (Form.PUBLIC_BODY, PublicKind.TERRITORIAL)  # communauté de communes
    assert form_of("7113") == (Form.PUBLIC_BODY, PublicKind.STATE)  # ministère
    assert form_of("7410") == (Form.PUBLIC_BODY, PublicKind.OTHER)  # GIP
    assert all(CATEGORIES[code] is Form.PUBLIC_BODY for code in PUBLIC_KINDS)
    assert all(
        form_of(code)[1] is None for code, f in CATEGORIES.items() if f.family is not Family.PUBLIC
    )


@pytest.mark.parametrize(
    ("code", "name", "form"),
    [
        ("5560", "SCIC BOCAGE ENERGIES", Form.SCIC),
        ("5460", "Société coopérative d'intérêt collectif des Mauges", Form.SCIC),
        ("5710", "LES COURSIERS SCIC SAS", Form.SCIC),
        ("5710", "ATELIER SCOP", Form.SCOP),
        ("5710", "SCOPELEC", Form.SAS),  # a word, not the acronym
        ("9220", "ASSOCIATION DES AMIS DE LA SCIC", Form.ASSOCIATION),  # not a company: no change
    ],
)
def test_the_name_tells_a_scic_or_a_scop_among_companies(code: str, name: str, form: Form) -> None:
    assert form_of(code, name)[0] is form


def test_another_code_gives_other_and_keeps_the_code() -> None:
    doc = skeleton([_record("5202", "DUPONT ET FILS")])
    entity = doc.entities[0]
    assert entity.form is Form.OTHER
    assert entity.attrs["categorie_juridique"] == "5202"


def test_no_employee_is_a_headcount_and_a_band_is_kept_with_its_bounds() -> None:
    none, big = skeleton(
        [
            _record("9220", "A", tranche_effectif_salarie="00"),
            {**_record("5710", "B", tranche_effectif_salarie="53"), "siren": "833456783"},
        ]
    ).entities
    assert none.employees == 0
    assert big.employees is None
    assert (big.attrs["effectif_min"], "effectif_max" in big.attrs) == (10000, False)


@pytest.mark.parametrize(
    ("qualite", "office"),
    [
        ("Président", OfficeRole.PRESIDENT),
        ("Présidente", OfficeRole.PRESIDENT),
        ("Président de SAS", OfficeRole.PRESIDENT),
        ("Président du conseil d'administration", OfficeRole.PRESIDENT),
        ("Directeur général", OfficeRole.GENERAL_MANAGER),
        ("Directeur Général Délégué", OfficeRole.GENERAL_MANAGER),
        ("Directrice générale", OfficeRole.GENERAL_MANAGER),
        ("Gérante", OfficeRole.MANAGER),
        ("Administratrice", "board"),
        ("Gérant", OfficeRole.MANAGER),
        ("Co-gérant", OfficeRole.MANAGER),
        ("Directeur", OfficeRole.DIRECTOR),
        ("Administrateur", "board"),
        ("Membre du conseil d'administration", "board"),
        ("Président du conseil de surveillance", None),
        ("Vice-président", None),
        ("Commissaire aux comptes suppléant", None),
        ("Liquidateur", None),
    ],
)
def test_qualites_give_offices(qualite: str, office: OfficeRole | str | None) -> None:
    assert office_of(qualite) == office
