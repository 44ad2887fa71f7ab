"""The forecast budget (issue 17): accounts by year, eliminations, sectors, change, comparison."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import DrawFn

from ges_graph.errors import ArgumentError, LoadError, UnknownEntityError, UnknownLanguageError
from ges_graph.flows import compare_forecasts, forecast
from ges_graph.flows.forecast_table import caption
from ges_graph.graph import GES
from ges_graph.html_report import report_html
from ges_graph.io import dumps, loads
from ges_graph.io.spreadsheet import (
    load_csv_folder,
    load_workbook,
    save_csv_folder,
    save_workbook,
)
from ges_graph.model import Account, AccountKind, Entity, FlowKind, Form, Sector
from ges_graph.strategies import documents

FORMAT = "ges-graph/1"


def _group(**extra: Any) -> GES:
    """A régie (EI and ACI: « mixte ») heading a SAS, with two years of accounts each."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "name": "Groupe Régie",
        "entities": [
            {
                "id": "regie",
                "name": "Régie de quartier",
                "form": "association",
                "conventions": ["ei", "aci"],
                "accounts": [
                    {
                        "year": 2025,
                        "kind": "actual",
                        "resources": 800000,
                        "charges": 790000,
                        "employees": 40,
                    },
                    {
                        "year": 2026,
                        "kind": "forecast",
                        "resources": 840000,
                        "charges": 830000,
                        "employees": 44,
                    },
                ],
            },
            {
                "id": "sas",
                "name": "Régie Services",
                "form": "sas",
                "accounts": [
                    {
                        "year": 2025,
                        "kind": "actual",
                        "resources": 200000,
                        "charges": 190000,
                        "employees": 6,
                    },
                    {
                        "year": 2026,
                        "kind": "forecast",
                        "resources": 260000,
                        "charges": 240000,
                        "employees": 8,
                    },
                ],
            },
            {"id": "ville", "name": "Ville", "form": "public_body", "external": True},
        ],
        "relations": [
            {"type": "shareholding", "from": "regie", "to": "sas", "share": 100},
            {
                "type": "flow",
                "kind": "management_fee",
                "from": "sas",
                "to": "regie",
                "amount": 15000,
                "year": 2026,
            },
            {"type": "flow", "kind": "premises", "from": "sas", "to": "regie", "amount": 6000},
            {"type": "flow", "kind": "loan", "from": "regie", "to": "sas", "amount": 50000},
            {"type": "flow", "kind": "subsidy", "from": "ville", "to": "regie", "amount": 90000},
        ],
    }
    data.update(extra)
    return GES.from_data(data)


# -- the model ----------------------------------------------------------------------------------


def test_mixte_is_derived_from_conventions_of_both_sectors() -> None:
    def sector(form: str, conventions: list[str]) -> Sector:
        return Entity(id="e", name="E", form=form, conventions=conventions).effective_sector

    assert sector("association", ["ei", "aci"]) is Sector.MIXTE
    assert sector("sarl", ["etti", "ai"]) is Sector.MIXTE
    assert sector("association", ["aci", "ai"]) is Sector.NON_MARCHAND
    assert sector("association", ["ei"]) is Sector.MARCHAND
    assert sector("sarl", ["aci"]) is Sector.MARCHAND  # a company stays market
    assert sector("association", ["ea"]) is Sector.NON_MARCHAND
    given_sector = Entity(
        id="e", name="E", form="sas", conventions=["ei", "aci"], sector="marchand"
    )
    assert given_sector.effective_sector is Sector.MARCHAND  # what is written wins


def test_budget_and_employees_fill_the_latest_actual_year_only() -> None:
    e = Entity(
        id="a", name="A", form="sas", budget=900, employees=4,
        accounts=[
            {"year": 2024, "kind": "actual", "charges": 800},
            {"year": 2025, "kind": "actual", "charges": 880},
            {"year": 2026, "kind": "forecast", "charges": 940},
        ],
    )  # fmt: skip
    assert e.latest_actual is not None
    assert e.latest_actual.year == 2025
    latest = e.account(2025)
    assert latest is not None
    assert (latest.resources, latest.employees) == (900.0, 4)
    earlier, later = e.account(2024), e.account(2026)
    assert earlier is not None
    assert earlier.resources is None
    assert later is not None
    assert later.resources is None
    assert later.kind is AccountKind.FORECAST
    assert e.account(2023) is None
    without = Entity(id="b", name="B", form="sas", budget=900)
    assert without.account(2025) is None  # a budget alone belongs to no known year


def test_accounts_and_flow_years_round_trip_through_yaml_and_json() -> None:
    doc = _group().document
    for syntax in ("yaml", "json"):
        again = loads(dumps(doc, syntax=syntax), syntax=syntax).document
        assert again == doc
        assert again.entities[0].accounts[1].kind is AccountKind.FORECAST
        assert again.relations[1].year == 2026  # type: ignore[union-attr]


# -- the forecast -------------------------------------------------------------------------------


def test_forecast_by_member_total_and_change() -> None:
    f = forecast(_group(), 2026)
    assert (f.previous.year, f.current.year) == (2025, 2026)
    # 2026: the fees (dated 2026) and the premises (undated) are eliminated; the loan is not.
    assert [e.kind for e in f.current.eliminations] == [FlowKind.MANAGEMENT_FEE, FlowKind.PREMISES]
    assert f.current.eliminated == Decimal("21000.00")
    assert [n.reason for n in f.current.not_eliminated] == ["balance_sheet"]
    assert f.previous.eliminated == Decimal("6000.00")  # only the premises in 2025
    assert f.current.combined_resources == Decimal("1079000.00")
    assert f.current.combined_charges == Decimal("1049000.00")
    assert f.current.result == Decimal("30000.00") == f.current.resources - f.current.charges
    assert f.previous.result == Decimal("20000.00")
    assert (f.change.result, f.change.employees) == (Decimal("10000.00"), 6)
    regie = f.member_change("regie")
    assert (regie.resources, regie.result, regie.employees) == (
        Decimal("40000.00"), Decimal("0.00"), 4,
    )  # fmt: skip
    assert f.current.complete
    assert f.previous.complete
    with pytest.raises(UnknownEntityError):
        f.member_change("ville")  # external: not a member


def test_sectors_add_up_to_the_total_and_take_their_eliminations() -> None:
    f = forecast(_group(), 2026)
    sectors = dict(f.current.sectors)
    assert set(sectors) == {Sector.MARCHAND, Sector.MIXTE}
    mixte, marchand = sectors[Sector.MIXTE], sectors[Sector.MARCHAND]
    assert mixte.eliminated_resources == Decimal("21000.00")  # the payee's sector
    assert marchand.eliminated_charges == Decimal("21000.00")  # the payer's sector
    total = f.current.total
    for field in ("combined_resources", "combined_charges", "result", "employees"):
        assert getattr(mixte, field) + getattr(marchand, field) == getattr(total, field), field
    assert f.current.sector("non_marchand").members == 0
    # and the reader is told that a sector's result is not its members' own
    assert f.current.between_sectors == Decimal("21000.00")
    assert f.current.to_dict()["between_sectors"] == 21000.0
    fr, en = f.to_text(), f.to_text("en")
    assert "(2026 : 21 000 EUR de flux entre secteurs, retirés des ressources" in fr
    assert "le résultat d'un secteur n'est donc pas celui de ses membres)" in fr
    assert "2026: 21,000 EUR of flows between sectors" in en
    from html import unescape

    from ges_graph.html_report import report_html

    page = report_html(_group(), diagram=False)
    assert (
        "n'est donc pas celui de ses membres (2025 : 6 000 EUR ; 2026 : 21 000 EUR)."
        in unescape(page)
    )


def test_flows_within_one_sector_are_not_between_sectors() -> None:
    data = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for e in data["entities"]:
        e["sector"] = "marchand"
    f = forecast(GES.from_data(data), 2026)
    assert f.current.between_sectors == 0
    assert "entre secteurs" not in f.to_text()


def test_missing_accounts_are_named_and_leave_flows_in() -> None:
    ges = _group()
    doc = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc["entities"][1].pop("accounts")
    f = forecast(GES.from_data(doc), 2026)
    assert f.current.missing == ("sas",)
    assert not f.current.complete
    assert {n.reason for n in f.current.not_eliminated} == {"balance_sheet", "no_charges"}
    assert f.current.eliminated == 0


def test_a_member_without_its_charges_leaves_the_group_s_result_unknown() -> None:
    """Its resources alone are no profit: 260,000 EUR of resources would be counted as gain."""
    doc = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc["entities"][1]["accounts"][1].pop("charges")
    f = forecast(GES.from_data(doc), 2026)
    assert f.current.resources == Decimal("1100000.00")  # the figures given are still summed
    assert f.current.result is None
    assert f.current.total.unfigured == 1
    assert f.current.sector("marchand").result is None
    assert f.current.sector("mixte").result == Decimal("10000.00")  # the régie's, both given
    assert f.previous.result == Decimal("20000.00")
    assert f.change.result is None
    assert f.to_dict()["current"]["total"]["result"] is None
    text = f.to_text()
    assert "Total du groupe : 2025 : ressources 994 000 EUR" in text
    assert "résultat —, effectif 52" in text
    assert "le résultat du groupe n'est pas calculé" in text
    assert "the group's net result is not computed" in f.to_text("en")
    page = report_html(GES.from_data(doc), diagram=False)
    assert "le résultat du groupe n&#x27;est pas calculé pour une année" in page


def test_a_member_without_figures_one_year_is_no_change_of_the_group() -> None:
    # the SAS gives no 2026 account: its 6 employees are not a fall of the group's headcount
    doc = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc["entities"][1]["accounts"] = doc["entities"][1]["accounts"][:1]
    f = forecast(GES.from_data(doc), 2026)
    assert f.current.employees == 44
    assert f.previous.employees == 46
    assert f.change.employees is None
    assert f.change.resources is None
    assert f.change.result is None
    assert f.sector_change("mixte").employees == 4  # the régie alone: same member both years
    rows = f.rows()
    marchand = next(r for r in rows if r[0] == "dont secteur marchand")
    assert marchand[8:12] == [None, None, None, None]  # 2026: no member gives any figure
    assert marchand[3] == Decimal("200000.00")  # 2025: the SAS's
    assert marchand[12:] == [None, None, None, None]  # so no change either, not 0
    data = f.to_dict()["current"]["sectors"]
    assert next(x for x in data if x["sector"] == "marchand")["employees"] is None


def test_the_text_says_amounts_to_the_cent_as_the_table_does() -> None:
    doc = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc["entities"][1]["accounts"][1]["resources"] = 260000.5
    text = forecast(GES.from_data(doc), 2026).to_text()
    assert "ressources 260 000,50 EUR" in text  # not « 260 000,5 EUR »
    assert "ressources 840 000 EUR" in text  # a whole amount without cents


def test_the_title_says_whether_the_year_is_closed_or_a_forecast() -> None:
    assert forecast(_group(), 2026).nature == (AccountKind.FORECAST,)
    closed = forecast(_group(), 2025)
    assert closed.nature == (AccountKind.ACTUAL,)
    assert closed.to_text().startswith("Budget réalisé 2025 (EUR) — Groupe Régie")
    assert closed.to_text("en").startswith("Actual budget 2025 (EUR)")
    assert "Budget réalisé 2025 (EUR)" in closed._repr_html_()
    doc = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc["entities"][1]["accounts"][1]["kind"] = "actual"
    mixed = forecast(GES.from_data(doc), 2026)
    assert mixed.nature == (AccountKind.ACTUAL, AccountKind.FORECAST)
    assert mixed.to_text().startswith("Budget réalisé et prévisionnel 2026 (EUR)")
    assert mixed.to_text("en").startswith("Actual and forecast budget 2026 (EUR)")
    heading = '<h2 id="forecast-title">Budget réalisé et prévisionnel</h2>'
    assert heading in report_html(GES.from_data(doc), diagram=False)
    english = report_html(GES.from_data(doc), lang="en", diagram=False)
    assert '<h2 id="forecast-title">Actual and forecast budget</h2>' in english
    data = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["entities"]:
        entity["accounts"] = [a for a in entity.get("accounts", ()) if a["year"] == 2025]
    assert '<h2 id="forecast-title">Budget réalisé</h2>' in report_html(
        GES.from_data(data), diagram=False
    )
    assert forecast(GES.from_data(data), 2026).nature == ()  # no account for the year
    assert mixed.to_dict()["nature"] == ["actual", "forecast"]
    assert (
        forecast(GES.from_data(data), 2026).to_text().startswith("Budget 2026 (EUR)")
    )  # no kind to say
    with pytest.raises(ArgumentError, match="forecast or compare"):
        caption("closed", 2025, "EUR", "fr")


def test_flows_count_for_the_years_of_their_dates() -> None:
    ges = _group(
        relations=[
            {"type": "flow", "kind": "service", "from": "sas", "to": "regie", "amount": 100,
             "start": "2026-03-01"},
            {"type": "flow", "kind": "service", "from": "sas", "to": "regie", "amount": 10,
             "end": "2025-06-30"},
        ],
        as_of="2020-01-01",  # as_of does not filter a forecast's flows: each year has its own
    )  # fmt: skip
    f = forecast(ges, 2026)
    assert f.previous.eliminated == Decimal("10.00")
    assert f.current.eliminated == Decimal("100.00")


def test_assumed_figures_replace_a_member_s_own_for_their_year() -> None:
    figure = Account(year=2026, kind="forecast", resources=300000, charges=250000)
    f = forecast(_group(), 2026, assumed={"sas": figure})
    assert f.current.members[1].resources == Decimal("300000.00")
    assert f.previous.members[1].resources == Decimal("200000.00")
    with pytest.raises(UnknownEntityError):
        forecast(_group(), 2026, assumed={"nobody": figure})


@pytest.mark.parametrize("year", [1900, 2101, 10**6])
def test_a_year_out_of_range_is_refused(year: int) -> None:
    with pytest.raises(ArgumentError, match=str(year)):
        forecast(_group(), year)


def test_forecast_checks_its_language_first() -> None:
    with pytest.raises(UnknownLanguageError):
        forecast(_group(), 2026, lang="de")  # type: ignore[arg-type]


def test_the_text_says_each_year_in_french_and_in_english() -> None:
    f = forecast(_group(), 2026)
    fr, en = f.to_text(), f.to_text("en")
    assert "Régie de quartier (regie, mixte)" in fr
    assert "2026 (prévisionnel) : ressources 840 000 EUR" in fr
    assert "Éliminations entre membres : 2025 : -6 000 EUR ; 2026 : -21 000 EUR" in fr
    assert "2025 (actual): resources 800,000 EUR" in en
    assert "(mixed)" not in en
    assert "Régie de quartier (regie, mixed)" in en
    assert "forecast" not in fr
    assert "actual" not in fr


def test_the_table_rows_balance_and_show_in_html() -> None:
    f = forecast(_group(), 2026)
    rows = f.rows("en")
    assert rows[0][:4] == ["Line", "Sector", "Kind 2025", "Resources 2025"]
    assert len({len(r) for r in rows}) == 1
    html = f._repr_html_()
    assert "<table" in html
    assert "Total du groupe" in html
    assert "840 000" in html


# -- the comparison of two groups ---------------------------------------------------------------


def test_compare_a_group_before_and_after_a_new_holding() -> None:
    before = _group()
    data = before.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["entities"].append({"id": "holding", "name": "Régie Holding", "form": "sas"})
    data["relations"] += [
        {"type": "shareholding", "from": "regie", "to": "holding", "share": 100},
        {"type": "flow", "kind": "management_fee", "from": "sas", "to": "holding",
         "amount": 20000, "year": 2026},
    ]  # fmt: skip
    after = GES.from_data(data)
    holding = Account(year=2026, kind="forecast", resources=20000, charges=18000)
    c = compare_forecasts(before, after, 2026, assumed={"holding": holding})
    assert c.year == 2026
    assert c.change.result == Decimal("2000.00")  # the holding's own result
    assert c.after.current.eliminated - c.before.current.eliminated == Decimal("20000.00")
    assert c.member_change("holding").result is None  # not a member before
    assert c.member_change("regie").result == 0
    rows = c.rows()
    assert rows[-1][0] == "Total du groupe"
    assert rows[-1][-1] == Decimal("2000.00")
    assert "Régie Holding (holding)" in c.to_text()
    with pytest.raises(UnknownEntityError):
        c.member_change("nobody")


# -- the table balances: total = sum of members - eliminations, every year ----------------------

_FIGURE = (
    st.none()
    | st.integers(min_value=0, max_value=10**6)
    | st.decimals(min_value=0, max_value=10**6, places=2).map(float)
)


@st.composite
def _groups(draw: DrawFn) -> GES:
    """2 to 5 members, accounts for 2025 and 2026 or not, flows between them of any kind."""
    n = draw(st.integers(min_value=2, max_value=5))
    forms = draw(st.lists(st.sampled_from([Form.ASSOCIATION, Form.SAS, Form.SARL]), min_size=n,
                          max_size=n))  # fmt: skip
    entities = []
    for i in range(n):
        accounts = []
        for year, kind in ((2025, "actual"), (2026, "forecast")):
            if draw(st.booleans()):
                figures = {k: draw(_FIGURE) for k in ("resources", "charges")}
                figures["employees"] = draw(st.none() | st.integers(0, 50))
                accounts.append({"year": year, "kind": kind} | {
                    k: v for k, v in figures.items() if v is not None})  # fmt: skip
        entities.append({"id": f"m{i}", "name": f"M{i}", "form": forms[i].value,
                         "conventions": draw(st.lists(st.sampled_from(["ei", "aci", "ai"]),
                                                      unique=True, max_size=2)),
                         "accounts": accounts})  # fmt: skip
    relations: list[dict[str, Any]] = [
        {"type": "statutory_control", "from": "m0", "to": f"m{i}"} for i in range(1, n)
    ]
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        a, b = draw(st.permutations(range(n)))[:2]
        flow = {"type": "flow", "kind": draw(st.sampled_from(FlowKind)).value,
                "from": f"m{a}", "to": f"m{b}"}  # fmt: skip
        amount = draw(_FIGURE)
        if amount is not None:
            flow["amount"] = amount
        year = draw(st.none() | st.sampled_from([2025, 2026]))
        if year is not None:
            flow["year"] = year
        relations.append(flow)
    return GES.from_data({"format": FORMAT, "name": "G", "entities": entities,
                          "relations": relations})  # fmt: skip


def _assert_balances(ges: GES, year: int) -> None:
    f = forecast(ges, year)
    for budget in (f.previous, f.current):
        members = budget.members
        resources = sum((m.resources for m in members if m.resources is not None), Decimal(0))
        charges = sum((m.charges for m in members if m.charges is not None), Decimal(0))
        assert budget.combined_resources == resources - budget.eliminated
        assert budget.combined_charges == charges - budget.eliminated
        figured = bool(members) and all(
            m.resources is not None and m.charges is not None for m in members
        )
        # A result only where every member gives both figures: resources alone are no profit.
        assert budget.result == (resources - charges if figured else None)
        assert budget.total.combined_resources == budget.combined_resources
        assert (
            sum((line.combined_resources for _, line in budget.sectors), Decimal(0))
            == budget.combined_resources
        )
        results = [line.result for _, line in budget.sectors]
        if figured:
            assert sum((r for r in results if r is not None), Decimal(0)) == budget.result
        elif members:
            assert None in results
    rows = f.rows()
    n = len(f.current.members)
    members, eliminations, total = rows[1 : n + 1], rows[n + 1], rows[n + 2]
    columns = [3, 4, 8, 9]  # resources and charges, each year
    columns += [c for c, b in ((5, f.previous), (10, f.current)) if b.complete]  # results
    for column in columns:
        given = [r[column] for r in members if isinstance(r[column], Decimal)]
        if not given:  # no member gives the figure: the total says « — », not 0
            assert total[column] is None, (column, rows)
            continue
        summed = sum(given, Decimal(0))
        assert total[column] == summed + eliminations[column], (column, rows)
    # a figure's change is said only where the same members give it both years
    for field in ("resources", "charges", "employees"):
        before = {m.member for m in f.previous.members if getattr(m, field) is not None}
        after = {m.member for m in f.current.members if getattr(m, field) is not None}
        assert (getattr(f.change, field) is None) is (before != after or not before), field


@given(_groups())
def test_the_table_balances_every_year(ges: GES) -> None:
    _assert_balances(ges, 2026)


@given(documents(), st.integers(min_value=1901, max_value=2100))
def test_the_table_balances_for_any_document_and_year(doc: Any, year: int) -> None:
    ges = GES(doc)
    years = sorted({a.year for e in doc.entities for a in e.accounts if a.year > 1900})
    _assert_balances(ges, years[-1] if years and year % 2 else year)


# -- the report page ----------------------------------------------------------------------------


def test_the_report_page_has_a_forecast_section_when_members_give_accounts() -> None:
    page = report_html(_group(), diagram=False)
    assert '<section id="forecast"' in page
    assert "Budget 2026 et exercice précédent (EUR)" in page
    assert "Éliminations entre membres" in page
    assert "1 079 000" in page  # the total of 2026
    english = report_html(_group(), lang="en", diagram=False)
    assert "Budget 2026 and the year before (EUR)" in english
    data = _group().document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    for entity in data["entities"]:
        entity.pop("accounts", None)
    assert 'id="forecast"' not in report_html(GES.from_data(data), diagram=False)


# -- spreadsheets: the accounts in their own sheet, one year a row; the flow's year -------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_accounts_and_flow_years_round_trip_through_spreadsheets(tmp_path: Any, lang: Any) -> None:
    pytest.importorskip("openpyxl")
    doc = _group().document
    save_workbook(doc, tmp_path / "g.xlsx", lang=lang)
    assert load_workbook(tmp_path / "g.xlsx") == doc
    save_csv_folder(doc, tmp_path / "g", lang=lang)
    assert load_csv_folder(tmp_path / "g") == doc
    accounts = "Comptes.csv" if lang == "fr" else "Accounts.csv"
    lines = (tmp_path / "g" / accounts).read_text(encoding="utf-8-sig").splitlines()
    head = "entité;exercice;nature;ressources;charges;effectif"
    assert lines[0] == (head if lang == "fr" else "entity;year;kind;resources;charges;employees")
    if lang == "fr":  # one year a row, with the labels a person types
        assert lines[1] == "regie;2025;réalisé;800000;790000;40"
        assert lines[2] == "regie;2026;prévisionnel;840000;830000;44"
    assert len(lines) == 5


def test_a_bad_account_in_a_spreadsheet_is_refused_at_its_cell(tmp_path: Any) -> None:
    save_csv_folder(_group().document, tmp_path / "g")
    path = tmp_path / "g" / "Comptes.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace(
            "regie;2025;réalisé;800000", "regie;2025;réalisé;-1"
        ),
        encoding="utf-8-sig",
    )
    with pytest.raises(LoadError) as info:
        load_csv_folder(tmp_path / "g")
    assert "Comptes!D2 (ressources)" in str(info.value)
    assert "ne doit pas être négatif" in info.value.to_text("fr")


def test_accounts_of_no_entity_are_refused_at_their_cell(tmp_path: Any) -> None:
    save_csv_folder(_group().document, tmp_path / "g")
    path = tmp_path / "g" / "Comptes.csv"
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("regie;2026", "Regie;2026"),
        encoding="utf-8-sig",
    )
    with pytest.raises(LoadError) as info:
        load_csv_folder(tmp_path / "g")
    text = info.value.to_text("fr")
    assert "Comptes!A3 (entité) : aucune entité n'a cet id" in text
    assert "« Regie »" in text


def test_a_workbook_without_the_accounts_sheet_has_no_accounts(tmp_path: Any) -> None:
    save_csv_folder(_group().document, tmp_path / "g")
    (tmp_path / "g" / "Comptes.csv").unlink()  # a template of before the sheet, or none given
    doc = load_csv_folder(tmp_path / "g")
    assert all(e.accounts == () for e in doc.entities)


def test_a_budget_without_a_year_is_said_not_counted_and_not_missing_from_the_payee() -> None:
    # The bundled example gives each member a ``budget`` and no account: for a year, nothing.
    # The forecast said « Budget prévisionnel 2025 », « aucun chiffre » for members whose budget
    # the file gives, and « budget du destinataire non indiqué » for their flows.
    from ges_graph._data import example_path
    from ges_graph.io import load

    f = forecast(load(example_path("tremplin.yaml")), 2025)
    assert f.nature == ()
    assert f.undated == tuple(m.member for m in f.current.members)
    assert f.to_dict()["undated"] == list(f.undated)
    assert {n.reason for n in f.current.not_eliminated} == {"no_resources"}
    fr, en = f.to_text(), f.to_text("en")
    assert fr.startswith("Budget 2025 (EUR) — Groupe Tremplin\n")
    assert en.startswith("Budget 2025 (EUR) — Groupe Tremplin\n")
    assert "(ressources du destinataire non indiquées)" in fr
    assert "budget du destinataire" not in fr
    assert "Budget ou effectif sans exercice, non compté" in fr
    assert "Association Tremplin (tremplin)" in fr.splitlines()[-1]
    assert "(the payee's resources are not given)" in en
    assert "Budget or headcount without a year, not counted" in en


def test_a_member_with_accounts_is_not_undated() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {
                    "id": "a",
                    "name": "A",
                    "form": "sas",
                    "budget": 100,
                    "accounts": [{"year": 2025, "kind": "actual", "charges": 90}],
                },
                {"id": "b", "name": "B", "form": "sas", "employees": 3},
                {"id": "c", "name": "C", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "shareholding", "from": "a", "to": "c", "share": 100},
            ],
        }
    )
    assert forecast(ges, 2025).undated == ("b",)
    # an assumed forecast dates no headcount: b's still belongs to no year
    assumed = {"b": Account(year=2025, kind="forecast")}
    assert forecast(ges, 2025, assumed=assumed).undated == ("b",)
    data = ges.document.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["entities"][2].update(  # c: a budget and forecasts only, no closed year
        budget=500_000, accounts=[{"year": 2026, "kind": "forecast", "resources": 1}]
    )
    assert forecast(GES.from_data(data), 2026).undated == ("b", "c")
