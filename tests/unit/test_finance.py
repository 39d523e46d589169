"""The financing plan: annuities against hand-computed figures, cost against sources, the CLI."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from factories import DATA

from planner import model
from planner.cli import main
from planner.finance import (
    ConstructionLoan,
    FinanceError,
    Financing,
    Loan,
    Parameters,
    annuity,
    construction_months,
    financing_of,
    parameters,
    payments_svg,
)

EXAMPLE = DATA / "haugen-nanset.plan.json"

# Hand-computed (r = 0.05 / 12 = 0.0041666..., P·r = 10 000 kr a month):
#   (1 + r)^360 = 4.4677443, so 1 − (1 + r)^−360 = 0.7761757 and 10 000 / 0.7761757 = 12 883.72 kr;
#   (1 + r)^264 = 2.9973733, so 1 − (1 + r)^−264 = 0.6663744 and 10 000 / 0.6663744 = 15 006.74 kr.
ANNUITY_30_YEARS = 12_883.72
INTEREST_ONLY = 10_000.00
ANNUITY_AFTER_8_YEARS = 15_006.74


def test_2_400_000_at_5_percent_over_30_years_is_12_883_72_a_month():
    assert annuity(2_400_000, 5.0, 360) == pytest.approx(ANNUITY_30_YEARS, abs=0.01)
    loan = Loan("start_loan", 2_400_000, 5.0, 30)
    assert loan.first_payment == pytest.approx(ANNUITY_30_YEARS, abs=0.01)
    assert loan.schedule[-1].balance == pytest.approx(0.0, abs=0.01)
    assert sum(m.instalment for m in loan.schedule) == pytest.approx(2_400_000, abs=0.01)
    # 360 × 12 883.72 − 2 400 000 = 2 238 139 kr interest
    assert loan.total_interest == pytest.approx(360 * ANNUITY_30_YEARS - 2_400_000, abs=5)


def test_with_8_years_interest_only_the_rest_is_paid_over_22_years():
    loan = Loan("start_loan", 2_400_000, 5.0, 30, interest_only_years=8)
    assert [round(m.payment, 2) for m in loan.schedule[:96]] == [INTEREST_ONLY] * 96
    assert all(m.instalment == 0 for m in loan.schedule[:96])
    assert loan.payment_after_interest_only == pytest.approx(ANNUITY_AFTER_8_YEARS, abs=0.01)
    assert loan.schedule[96].payment == pytest.approx(ANNUITY_AFTER_8_YEARS, abs=0.01)
    assert loan.schedule[-1].balance == pytest.approx(0.0, abs=0.01)
    # 96 × 10 000 + 264 × 15 006.74 − 2 400 000 = 2 521 779 kr interest: more than without the 8 years
    assert loan.total_interest == pytest.approx(96 * INTEREST_ONLY + 264 * ANNUITY_AFTER_8_YEARS - 2_400_000,
                                                abs=5)
    assert loan.total_interest > Loan("s", 2_400_000, 5.0, 30).total_interest


def test_a_zero_rate_is_the_principal_spread_evenly():
    assert annuity(120_000, 0.0, 120) == 1000.0


def test_the_construction_loan_is_interest_on_what_is_drawn():
    c = ConstructionLoan(1_200_000, 6.0, 10)
    # month m pays 1 200 000 × m/10 × 0.005: 600, 1200, ... 6000
    assert [round(x) for x in c.interest_by_month] == [600 * m for m in range(1, 11)]
    assert c.total_interest == pytest.approx(33_000)


def test_the_start_loan_limits_are_husbankens():
    assert parameters({"start_loan_years": 50}).start_loan_years == 50
    for bad in ({"start_loan_years": 51}, {"start_loan_interest_only_years": 9},
                {"start_loan_rate_percent": float("nan")}, {"start_loan_years": 2.5}, {"no_such": 1}):
        with pytest.raises(FinanceError):
            parameters(bad)


def _plan_with(finance: dict | None = None, status: str | None = None) -> model.Plan:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    if finance is not None:
        doc["finance"] = finance
    if status:
        doc["households"][0]["contributions"][0]["status"] = status
    return model.loads(json.dumps(doc))


def test_the_financing_plan_changes_when_a_task_is_accepted():
    proposed = financing_of(_plan_with())
    accepted = financing_of(_plan_with(status="accepted"))
    assert proposed.selfbuild_nok == 0
    assert accepted.selfbuild_nok == pytest.approx(21.18 * 400, abs=5)
    assert accepted.cash_cost_nok == pytest.approx(proposed.cash_cost_nok - accepted.selfbuild_nok)
    assert accepted.start_loan_nok < proposed.start_loan_nok
    assert accepted.monthly_nok < proposed.monthly_nok
    assert accepted.equity_nok == pytest.approx(accepted.selfbuild_nok)


def test_the_financing_plan_changes_when_the_contractors_price_changes():
    cheap = financing_of(_plan_with({"cost_per_m2_bra_nok": 30_000, "price_set_by": "Bygg AS"}))
    dear = financing_of(_plan_with({"cost_per_m2_bra_nok": 45_000}))
    assert dear.total_cost_nok - cheap.total_cost_nok == pytest.approx(15_000 * cheap.bra_m2)
    assert dear.monthly_nok > cheap.monthly_nok
    assert "Bygg AS" in cheap.price_source[0]


def test_cost_items_savings_and_confirmed_hours_count():
    finance = {"cost_items": [{"kind": "plot", "label": "Tomt", "amount_nok": 650_000,
                               "entered_by": "Bygg AS", "entered_at": "2026-11-30"},
                              {"kind": "connection", "amount_nok": 150_000}],
               "parameters": {"savings_nok": 100_000, "start_loan_interest_only_years": 8},
               "milestones": {"start": 4, "tett_hus": 16, "ferdigattest": 40}}
    plan = _plan_with(finance, status="done")
    confirmed = {"hours": 30, "by": "Bygg AS", "at": "2027-05-01"}
    plan.households[0].contributions[0].extra["confirmed"] = confirmed
    f = financing_of(plan)
    assert f.items_nok == 800_000 and f.items[1].label.startswith("tilknytningsavgifter")
    assert f.total_cost_nok == pytest.approx(f.building_price_nok + 800_000)
    assert f.selfbuild_nok == f.confirmed_nok == 30 * 400
    assert f.params.construction_months == construction_months(finance["milestones"]) == 9
    assert f.bank_loan_nok + f.start_loan_nok + 100_000 + 12_000 == pytest.approx(f.total_cost_nok)
    assert f.gap_nok == pytest.approx(0.0, abs=0.01)
    # the first eight years the start loan is interest only; then the monthly cost rises
    assert f.start_loan.first_payment == pytest.approx(f.start_loan_nok * 0.05 / 12)
    assert f.monthly_after_interest_only_nok > f.monthly_nok


def test_the_sentence_and_every_figure_say_estimate_and_where_they_come_from():
    f = financing_of(_plan_with({"parameters": {"start_loan_interest_only_years": 8}}))
    s = f.sentence("nb")
    assert s.startswith("Med disse tallene blir boutgiftene om lag ") and "kr i måneden." in s
    assert "Etter de 8 årene uten avdrag" in s and "anslag" in s
    assert "ferdigattest" in f.construction_sentence("nb")
    d = f.to_dict()
    assert d["estimate"] is True
    assert all(p["source"]["nb"] for p in d["parameters"].values())
    assert "50 år" in d["parameters"]["start_loan_years"]["source"]["nb"]
    assert "husbanken.no" in d["parameters"]["start_loan_interest_only_years"]["source"]["nb"]


def test_the_payments_chart_is_svg_with_a_bar_a_year_and_the_building_period():
    f = Financing(Parameters(start_loan_interest_only_years=8), 120.0, 40_000.0)
    svg = payments_svg(f)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Betalinger per år (anslag)"
    bars = [r for r in root.iter(f"{ns}rect") if r.get("class") == "bar-instalment"]
    assert len(bars) == 31  # the building period and 30 years
    assert float(bars[0].get("height")) == 0  # no instalments while building
    assert float(bars[5].get("height")) < float(bars[10].get("height"))  # the start loan's instalments begin


def test_cli_text_and_json(capsys, tmp_path):
    assert main(["finance", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Med disse tallene blir boutgiftene om lag" in out and "Alle beløp er anslag" in out
    assert "Startlånet betales ut først ved ferdigattest" in out
    assert main(["finance", str(EXAMPLE), "--format", "json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["estimate"] is True and d["monthly"]["first_month_nok_estimate"] > 0
    assert [y["year"] for y in d["years"]][:2] == [0, 1]


@pytest.mark.parametrize("finance, message", [
    ({"parameters": {"start_loan_years": 60}}, "finance.parameters.start_loan_years: must be at most 50"),
    ({"cost_items": [{"kind": "yacht", "amount_nok": 1}]}, "finance.cost_items[0].kind"),
    ({"cost_items": [{"kind": "plot", "amount_nok": "mye"}]}, "finance.cost_items[0].amount_nok"),
    ({"milestones": {"start": 10, "ferdigattest": 4}}, "finance.milestones: the milestones must come"),
    ("nope", "finance: expected an object"),
])
def test_cli_bad_finance_key_exits_2_with_one_line(capsys, tmp_path, finance, message):
    doc = copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    doc["finance"] = finance
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["finance", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
