"""The financing page: cost, sources, the monthly cost, and who may change which figure."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from test_web_selfbuild import _client, _latest, _url


def _fin(team, tail=""):
    return f"/prosjekt/{team.project_id}/finansiering{tail}"


def _monthly(html: str) -> int:
    text = re.search(r'id="monthly-cost">([^<]+)<', html).group(1)
    return int(re.sub(r"\D", "", text))


def test_the_page_says_what_the_home_costs_each_month_and_that_every_figure_is_an_estimate(app, team):
    html = _client(app, team, "family").get(_fin(team)).get_data(as_text=True)
    assert "Med disse tallene blir boutgiftene om lag" in html and "kr i måneden." in html
    assert "Alle beløp er anslag." in html
    assert "Startlånet betales ut først ved ferdigattest." in html
    assert "husbanken.no/kommune/startlaan/veileder" in html  # the start loan's limits cite Husbanken
    assert "planleggingstall til entreprenøren setter sin pris" in html
    assert _monthly(html) > 10_000
    assert '<title id="pay-title">Betalinger per år (anslag)</title>' in html


def test_the_monthly_cost_falls_when_the_contractor_accepts_a_task(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    before = _monthly(family.get(_fin(team)).get_data(as_text=True))
    base, _plan = _latest(app, team)
    assert contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base,
                                                           "d-c1-decision": "accept"}).status_code == 302
    html = family.get(_fin(team)).get_data(as_text=True)
    assert _monthly(html) < before
    value = re.search(r'id="selfbuild-value">−([^<]+)<', html).group(1)
    assert value.replace("\xa0", "") == "8469"  # 21,2 h at 400 kr, accepted (an estimate until confirmed)
    assert "anslag: godtatt, ikke bekreftet ennå" in html


def test_the_financing_plan_follows_the_contractors_price(app, team):
    contractor = _client(app, team, "contractor")
    before = _monthly(contractor.get(_fin(team)).get_data(as_text=True))
    page = contractor.get(_url(team, "/tall")).get_data(as_text=True)
    data = {m: v for m, v in re.findall(r'<input[^>]*name="(h_\w+)"[^>]*value="([^"]*)"', page)}
    base, _plan = _latest(app, team)
    data |= {"base_version": base, "hour_value_nok": "400", "cost_per_m2_bra_nok": "30 000"}
    assert contractor.post(_url(team, "/tall"), data=data).status_code == 302
    html = contractor.get(_fin(team)).get_data(as_text=True)
    assert _monthly(html) < before
    assert "entreprenørens pris, satt av Contractor" in html


def test_the_contractor_adds_cost_items_marked_as_estimates_with_who_and_when(app, team):
    contractor = _client(app, team, "contractor")
    before = _monthly(contractor.get(_fin(team)).get_data(as_text=True))
    r = contractor.post(_fin(team, "/kostnad"), data={"i-kind": "plot", "i-label": "Tomt <Nanset>",
                                                       "i-amount_nok": "650 000"})
    assert r.status_code == 302
    html = _client(app, team, "family").get(_fin(team)).get_data(as_text=True)
    assert "<bdi>Tomt &lt;Nanset&gt;</bdi>" in html and "Anslag, lagt inn av <bdi>Contractor</bdi>" in html
    assert _monthly(html) > before
    item_id = re.search(r'/kostnad/(\d+)/fjern', contractor.get(_fin(team)).get_data(as_text=True)).group(1)
    assert contractor.post(_fin(team, f"/kostnad/{item_id}/fjern")).status_code == 302
    assert _monthly(contractor.get(_fin(team)).get_data(as_text=True)) == before


def test_a_bad_cost_item_keeps_the_input_and_stores_nothing(app, team):
    contractor = _client(app, team, "contractor")
    r = contractor.post(_fin(team, "/kostnad"), data={"i-kind": "plot", "i-label": "Tomt",
                                                       "i-amount_nok": "mye"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert 'value="mye"' in html and "Skriv et tall" in html
    assert "/fjern" not in html


def test_only_the_contractor_adds_items_and_only_the_municipality_sets_the_loan_terms(app, team):
    family, planner = _client(app, team, "family"), _client(app, team, "planner")
    assert family.post(_fin(team, "/kostnad"), data={"i-kind": "plot", "i-label": "x",
                                                      "i-amount_nok": "1"}).status_code == 403
    assert _client(app, team, "contractor").post(_fin(team, "/vilkar"),
                                                 data={"p-start_loan_years": "20"}).status_code == 403
    assert _client(app, team, "stranger").get(_fin(team)).status_code == 404
    # the family sets its savings only: a loan term it sends is ignored
    assert family.post(_fin(team, "/vilkar"), data={"p-savings_nok": "150 000",
                                                     "p-start_loan_years": "5"}).status_code == 302
    html = planner.get(_fin(team)).get_data(as_text=True)
    assert re.search(r'id="source-savings"><th scope="row">Egne sparepenger</th><td class="num">150\xa0000',
                     html)
    assert "5,0\xa0% rente, 30 år" in html


def test_the_municipality_sets_eight_years_without_instalments_and_the_sentence_says_what_follows(app, team):
    planner = _client(app, team, "planner")
    assert planner.post(_fin(team, "/vilkar"), data={"p-start_loan_interest_only_years": "8",
                                                      "p-start_loan_rate_percent": "4,5"}).status_code == 302
    html = _client(app, team, "family").get(_fin(team)).get_data(as_text=True)
    assert "Etter de 8 årene uten avdrag på startlånet blir det om lag" in html
    assert "4,5\xa0% rente, 30 år, 8 år uten avdrag" in html


def test_a_term_beyond_husbankens_limits_is_refused_and_nothing_changes(app, team):
    planner = _client(app, team, "planner")
    r = planner.post(_fin(team, "/vilkar"), data={"p-start_loan_years": "51",
                                                   "p-start_loan_interest_only_years": "3"})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert 'value="51"' in html and "Den største verdien som er tillatt, er 50." in html
    assert "0 år uten avdrag" in planner.get(_fin(team)).get_data(as_text=True)


def test_the_contractors_milestones_set_the_building_period(app, team):
    contractor = _client(app, team, "contractor")
    bad = contractor.post(_fin(team, "/milepaeler"), data={"m-start": "20", "m-tett_hus": "10",
                                                            "m-ferdigattest": "30"})
    assert bad.status_code == 422
    ok = contractor.post(_fin(team, "/milepaeler"), data={"m-start": "4", "m-tett_hus": "16",
                                                           "m-ferdigattest": "40"})
    assert ok.status_code == 302
    html = contractor.get(_fin(team)).get_data(as_text=True)
    assert "Over 9 måneder byggetid" in html and "tett hus: uke 16" in html


def test_the_chart_is_an_svg_image(app, team):
    r = _client(app, team, "mentor").get(_fin(team, "/betalinger.svg"))
    assert r.status_code == 200 and r.mimetype == "image/svg+xml"
    assert ET.fromstring(r.data).get("role") == "img"


def test_the_financing_page_speaks_english(app, team):
    family = _client(app, team, "family")
    family.post("/sprak", data={"lang": "en", "next": "/"})
    html = family.get(_fin(team)).get_data(as_text=True)
    assert "With these figures the cost of living in the home comes to about NOK" in html
    assert "Every amount is an estimate." in html and "Payments per year (estimate)" in html
    assert "The start loan is paid out only at the completion certificate" in html
    for norwegian in ("Med disse tallene", "Startlån (kommunen", "Planleggingstall", "anslag)"):
        assert norwegian not in html, norwegian
