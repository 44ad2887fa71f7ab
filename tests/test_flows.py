"""Flow matrix, balances and the combined budget, against a hand-computed example."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ges_graph.flows import balances, combined_budget, flow_matrix
from ges_graph.graph import GES
from ges_graph.model import FlowKind, Sector

D = Decimal


def example() -> GES:
    """Four members, an outside funder, a person; ten flows of every case."""
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "Groupe <Exemple>",
            "as_of": "2025-06-30",
            "entities": [
                {
                    "id": "asso",
                    "name": "Asso",
                    "form": "association",
                    "budget": 1234567.89,
                    "employees": 40,
                },
                {
                    "id": "ei",
                    "name": "EI",
                    "form": "sarl",
                    "conventions": ["ei"],
                    "budget": 456789.01,
                    "employees": 25,
                },
                {
                    "id": "ge",
                    "name": "GE",
                    "form": "employer_group",
                    "sector": "mixte",
                    "budget": 98765.43,
                    "employees": 12,
                },
                {"id": "coop", "name": "Coop", "form": "scop", "employees": 7},
                {"id": "ext", "name": "Région", "form": "public_body", "external": True},
                {"id": "p", "name": "Mme P", "form": "person"},
            ],
            "relations": [
                {"type": "flow", "kind": "subsidy", "from": "ext", "to": "asso", "amount": 200000},
                {
                    "type": "flow",
                    "kind": "management_fee",
                    "from": "ei",
                    "to": "asso",
                    "amount": 12345.67,
                },
                {"type": "flow", "kind": "service", "from": "asso", "to": "ei", "amount": 2500.05},
                {
                    "type": "flow",
                    "kind": "staff_secondment",
                    "from": "asso",
                    "to": "ge",
                    "amount": 30000.10,
                },
                {
                    "type": "flow",
                    "kind": "staff_secondment",
                    "from": "ge",
                    "to": "asso",
                    "amount": 0.01,
                },
                {"type": "flow", "kind": "loan", "from": "asso", "to": "ei", "amount": 50000},
                {"type": "flow", "kind": "service", "from": "ei", "to": "coop"},
                {"type": "flow", "kind": "service", "from": "asso", "to": "coop", "amount": 1000},
                {
                    "type": "flow",
                    "kind": "service",
                    "from": "ei",
                    "to": "asso",
                    "amount": 999.99,
                    "end": "2020-01-01",
                },
                {"type": "flow", "kind": "donation", "from": "asso", "to": "p", "amount": 10},
            ],
        }
    )


def test_combined_budget_matches_the_hand_computation_to_the_cent() -> None:
    cb = combined_budget(example())
    assert cb.currency == "EUR"
    assert cb.budget == D("1790122.33")
    assert cb.eliminated == D("44845.83")
    assert cb.combined == D("1745276.50")
    assert cb.employees == 84
    lines = {m.member: m for m in cb.members}
    assert list(lines) == ["asso", "ei", "ge", "coop"]
    assert lines["asso"].eliminated == D("12345.68")
    assert lines["asso"].combined == D("1222222.21")
    assert lines["ei"].combined == D("454288.96")
    assert lines["ge"].combined == D("68765.33")
    assert lines["coop"].combined is None
    assert cb.missing_budget == ("coop",)
    assert cb.missing_employees == ()
    assert not cb.complete
    # coop's resources are left out (the total too low); relations[6], without amount, is paid
    # to coop, whose budget is not counted: it inflates nothing, the total is a lower bound
    assert cb.bound == "lower"
    assert "le total est un minorant" in cb.to_text("fr")


def _two(budget_b: float | None, amount: float | None) -> Any:
    b: dict[str, Any] = {"id": "b", "name": "B", "form": "sas"}
    if budget_b is not None:
        b["budget"] = budget_b
    fee: dict[str, Any] = {"type": "flow", "kind": "management_fee", "from": "b", "to": "a"}
    if amount is not None:
        fee["amount"] = amount
    return GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [{"id": "a", "name": "A", "form": "association", "budget": 1000}, b],
            "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 100}, fee],
        }
    )


@pytest.mark.parametrize(
    ("budget_b", "amount", "bound", "words"),
    [
        (500, 100, "exact", None),
        (None, 100, "lower", "the total is a lower bound"),
        (500, None, "upper", "the total is an upper bound"),  # the fee could not be taken off
        (None, None, "unknown", "too many figures are missing to bound the total"),
    ],
)
def test_the_combined_total_says_which_way_it_is_wrong(
    budget_b: float | None, amount: float | None, bound: str, words: str | None
) -> None:
    cb = combined_budget(_two(budget_b, amount))
    assert cb.bound == bound
    assert cb.complete is (bound == "exact")
    assert cb.to_dict()["bound"] == bound
    if words is not None:
        assert "(incomplete: " in cb.to_text("en")
        assert words in cb.to_text("en")


def test_a_flow_without_amount_to_a_member_without_budget_inflates_nothing() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association", "budget": 1000},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [
                {"type": "shareholding", "from": "a", "to": "b", "share": 100},
                {"type": "flow", "kind": "service", "from": "a", "to": "b"},
            ],
        }
    )
    assert combined_budget(ges).bound == "lower"  # b's resources, this flow among them, left out


def test_a_group_without_any_budget_has_no_bound() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association"},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 100}],
        }
    )
    cb = combined_budget(ges)
    assert cb.bound == "unknown"  # 0 EUR is no total, not even a floor
    # and no sum of nothing is said as a figure: « — », null, where it said « budget 0 EUR »
    assert cb.shown() == (None, None, None)
    assert cb.sector("marchand").shown() == (None, None, None)
    assert cb.sector("mixte").shown() == (D(0), 0, D(0))  # no member: nothing to give
    fr, en = cb.to_text(), cb.to_text("en")
    assert "0 EUR" not in fr.replace("éliminé 0 EUR", "")
    assert "Total : budget —, éliminé 0 EUR, combiné —, salariés —" in fr
    assert "sector market: budget —, eliminated 0 EUR, combined —, employees —" in en
    data = cb.to_dict()
    assert (data["budget"], data["combined"], data["employees"]) == (None, None, None)
    market = data["sectors"][0]
    assert (market["budget"], market["budgets_given"], market["employees_given"]) == (None, 0, 0)
    html = cb._repr_html_()
    assert "<td>Total</td><td></td><td>—</td><td>0 EUR</td><td>—</td><td>—</td>" in html


def test_the_report_says_no_total_where_no_member_gives_a_figure() -> None:
    from ges_graph.html_report import report_html

    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A", "form": "association", "budget": 1000},
                {"id": "b", "name": "B", "form": "sas"},
            ],
            "relations": [{"type": "shareholding", "from": "a", "to": "b", "share": 100}],
        }
    )
    page = report_html(ges, diagram=False)
    sectors = page[page.index("Budget combiné par secteur") :]
    sectors = sectors[: sectors.index("</table>")]
    # the market sector (b alone) gives no budget, no headcount: « — »; the total is a's 1,000
    assert '<th scope="row">marchand</th><td class="num">1</td><td class="num">—</td>' in sectors
    assert (
        sectors.count('<td class="num">—</td>') == 4
    )  # market: staff, budget, combined; non-market: staff


def test_combined_budget_by_sector() -> None:
    cb = combined_budget(example())
    assert [s.sector for s in cb.sectors] == [Sector.MARCHAND, Sector.NON_MARCHAND, Sector.MIXTE]
    m = cb.sector("marchand")
    assert (m.members, m.budget, m.employees, m.eliminated, m.combined) == (
        2,
        D("456789.01"),
        32,
        D("2500.05"),
        D("454288.96"),
    )
    n = cb.sector(Sector.NON_MARCHAND)
    assert (n.budget, n.eliminated, n.combined) == (D("1234567.89"), D("12345.68"), D("1222222.21"))
    x = cb.sector("mixte")
    assert (x.budget, x.employees, x.combined) == (D("98765.43"), 12, D("68765.33"))
    assert sum(s.combined for s in cb.sectors) == cb.combined


def test_eliminations_and_flows_left_in() -> None:
    cb = combined_budget(example())
    assert [(e.key, e.payee, e.amount) for e in cb.eliminations] == [
        ("relations[1]", "asso", D("12345.67")),
        ("relations[2]", "ei", D("2500.05")),
        ("relations[3]", "ge", D("30000.10")),
        ("relations[4]", "asso", D("0.01")),
    ]
    assert [(n.key, n.reason) for n in cb.not_eliminated] == [
        ("relations[5]", "balance_sheet"),
        ("relations[6]", "no_amount"),
        ("relations[7]", "no_budget"),
    ]
    assert cb.not_eliminated[0].explain("en") == "capital movement, not a resource"


def test_flow_matrix_between_members_by_kind() -> None:
    m = flow_matrix(example())
    assert m.members == ("asso", "ei", "ge", "coop")
    assert m.get("asso", "ei") == D("52500.05")
    assert m.get("asso", "ei", "service") == D("2500.05")
    assert m.get("asso", "ei", FlowKind.LOAN) == D("50000.00")
    assert m.get("ext", "asso") == D("0")  # external: not in the matrix
    assert m.get("ei", "asso", "service") == D("0")  # out of force at as_of
    assert m.unpriced == ("relations[6]",)
    assert m.total == D("95845.83")
    assert m.kinds == (
        FlowKind.MANAGEMENT_FEE,
        FlowKind.SERVICE,
        FlowKind.STAFF_SECONDMENT,
        FlowKind.LOAN,
    )


def test_balances() -> None:
    b = balances(example())
    asso = b["asso"]
    assert asso.inflow == D("212345.68")
    assert asso.outflow == D("83510.15")
    assert asso.balance == D("128835.53")
    assert asso.internal_in == D("12345.68")
    assert asso.internal_out == D("83500.15")
    assert (b["ei"].unpriced, b["coop"].unpriced, asso.unpriced) == (1, 1, 0)
    assert list(b) == ["asso", "ei", "ge", "coop"]
    assert sum(m.internal_balance for m in b.members) == 0
    with pytest.raises(KeyError):
        b["ext"]


def test_results_are_frozen() -> None:
    cb = combined_budget(example())
    with pytest.raises(dataclasses.FrozenInstanceError):
        cb.currency = "USD"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        cb.members[0].budget = D(0)  # type: ignore[misc]


def test_text_forms_in_both_languages_carry_the_currency() -> None:
    ges = example()
    fr = combined_budget(ges).to_text()
    en = combined_budget(ges).to_text("en")
    assert "1 745 276,50 EUR" in fr
    assert "1,745,276.50 EUR" in en
    assert "non marchand" in fr and "non-market" in en  # noqa: PT018
    assert "relations[7]" in fr and "budget du destinataire" in fr  # noqa: PT018
    assert "52 500,05 EUR" not in flow_matrix(ges).to_text()  # by kind, not summed
    assert "50 000 EUR" in flow_matrix(ges).to_text()
    assert "212,345.68 EUR" in balances(ges).to_text("en")
    with pytest.raises(ValueError, match="unknown language"):
        combined_budget(ges).to_text("de")


def test_html_forms_are_escaped_tables() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "entities": [
                {"id": "a", "name": "A <b>&", "form": "association", "budget": 10},
                {"id": "b", "name": "B", "form": "sarl", "budget": 5},
            ],
            "relations": [{"type": "flow", "kind": "service", "from": "b", "to": "a", "amount": 1}],
        }
    )
    for obj in (combined_budget(ges), flow_matrix(ges), balances(ges)):
        out = obj._repr_html_()
        assert out.startswith("<table")
        assert "A &lt;b&gt;&amp;" in out
        assert "<b>" not in out


def test_to_dict_is_plain_json_data() -> None:
    import json

    d = combined_budget(example()).to_dict()
    assert d["combined"] == 1745276.5
    assert d["members"][3]["budget"] is None
    assert d["eliminations"][0] == {
        "relation": "relations[1]",
        "payer": "ei",
        "payee": "asso",
        "kind": "management_fee",
        "amount": 12345.67,
    }
    json.dumps(d)
    json.dumps(flow_matrix(example()).to_dict())
    json.dumps(balances(example()).to_dict())


def test_dataframes() -> None:
    pytest.importorskip("pandas")
    cb = combined_budget(example()).to_dataframe()
    assert cb.loc["asso", "combined"] == pytest.approx(1222222.21)
    assert cb.attrs["currency"] == "EUR"
    m = flow_matrix(example()).to_dataframe()
    assert list(m.columns) == ["payer", "payee", "kind", "amount"]
    assert m["amount"].sum() == pytest.approx(95845.83)
    b = balances(example()).to_dataframe()
    assert b.loc["asso", "balance"] == pytest.approx(128835.53)


def test_currency_is_the_documents() -> None:
    ges = GES.from_data(
        {
            "format": "ges-graph/1",
            "name": "G",
            "currency": "CHF",
            "entities": [{"id": "a", "name": "A", "form": "association", "budget": 10}],
        }
    )
    cb = combined_budget(ges)
    assert cb.currency == "CHF"
    assert "10 CHF" in cb.to_text()
    assert cb.complete


amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)


@given(
    budgets=st.lists(amounts, min_size=2, max_size=6),
    flows=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(list(FlowKind)), amounts),
        max_size=12,
    ),
)
def test_combined_budget_adds_up(budgets: list[Decimal], flows: list[Any]) -> None:
    n = len(budgets)
    data = {
        "format": "ges-graph/1",
        "name": "G",
        "entities": [
            {
                "id": f"e{i}",
                "name": f"E{i}",
                "form": "association" if i % 2 else "sarl",
                "budget": float(b),
            }
            for i, b in enumerate(budgets)
        ],
        "relations": [
            {
                "type": "flow",
                "kind": k.value,
                "from": f"e{a % n}",
                "to": f"e{b % n}",
                "amount": float(x),
            }
            for a, b, k, x in flows
            if a % n != b % n
        ],
    }
    cb = combined_budget(GES.from_data(data))
    assert cb.budget == sum(budgets)
    assert cb.combined == cb.budget - cb.eliminated
    assert sum(m.combined or 0 for m in cb.members) == cb.combined
    assert sum(s.combined for s in cb.sectors) == cb.combined
    assert len(cb.eliminations) + len(cb.not_eliminated) == len(data["relations"])
    assert all(
        e.kind not in {FlowKind.LOAN, FlowKind.TREASURY, FlowKind.CAPITAL_CONTRIBUTION}
        for e in cb.eliminations
    )
    assert sum(m.internal_balance for m in balances(GES.from_data(data)).members) == 0
