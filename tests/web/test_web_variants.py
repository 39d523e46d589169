"""The floor plan suggestions page: three named kinds of suggestion and the figures that differ,
side by side, for a family of five made through the real forms."""

from __future__ import annotations

import html
import re

import pytest

FIVE = [("adult", None), ("adult", None), ("child", "4"), ("child", "8"), ("child", "12")]


def _family_of_five(client, auth) -> int:
    """A project with a family of five, the room needs the household suggests, and a 30 × 35 m plot."""
    auth.register()
    response = client.post("/prosjekt/ny", data={"name": "Familien Berg", "municipality": "Larvik",
                                                 "household": "Familien Berg"})
    project_id = int(re.search(r"/prosjekt/(\d+)/", response.location).group(1))
    data = {"base_version": 1, "name": "Familien Berg", "accessible": "no"}
    for i, (role, age) in enumerate(FIVE):
        data[f"members-{i}-role"] = role
        if age is not None:
            data[f"members-{i}-age"] = age
    assert client.post(f"/prosjekt/{project_id}/husstand", data=data).status_code == 302
    page = client.post(f"/prosjekt/{project_id}/rombehov", data={"base_version": 2, "row_action": "suggest"}
                       ).get_data(as_text=True)
    needs = {"base_version": 2}
    rows = re.findall(r'id="needs-(\d+)-type"[^>]*>.*?<option selected value="(\w+)"', page, flags=re.S)
    assert len(rows) >= 8
    for i, kind in rows:
        needs[f"needs-{i}-type"] = kind
        needs[f"needs-{i}-count"] = re.search(rf'id="needs-{i}-count"[^>]*value="(\d+)"', page).group(1)
        needs[f"needs-{i}-min_area_m2"] = re.search(rf'id="needs-{i}-min_area_m2"[^>]*value="([^"]*)"',
                                                    page).group(1)
    assert client.post(f"/prosjekt/{project_id}/rombehov", data=needs).status_code == 302
    assert client.post(f"/prosjekt/{project_id}/tomt", data={
        "base_version": 3, "corners": "0 0\n30 0\n30 35\n0 35", "road_edges": ["0"],
        "max_bya_percent": "30"}).status_code == 302
    return project_id


def _table(page: str) -> tuple[list[str], dict[str, list[str]]]:
    """The comparison table: its column heads, and each row's cells by the row's label (as text)."""
    (table,) = re.findall(r'<table class="table compare-table compare-table--3".*?</table>', page, flags=re.S)
    heads = [re.sub(r"<[^>]+>", " ", h) for h in re.findall(r'<th scope="col">(.*?)</th>', table, flags=re.S)]
    rows = {}
    for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table, flags=re.S):
        rows[html.unescape(label)] = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
                                      for c in re.findall(r"<td[^>]*>(.*?)</td>", cells, flags=re.S)]
    return [html.unescape(" ".join(h.split())) for h in heads], rows


def _number(text: str) -> float:
    """The first number of a cell as written in Bokmål: ``4,42 mill. kr`` -> 4.42."""
    return float(re.search(r"\d+(?:,\d+)?", text.replace("\u00a0", "")).group(0).replace(",", "."))


@pytest.fixture
def five(client, auth) -> int:
    return _family_of_five(client, auth)


def test_the_suggestions_are_named_and_compared_side_by_side(client, five):
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    heads, rows = _table(page)
    assert heads == ["Tall", "Forslag 1 Kompakt", "Forslag 2 Stor stue og kjøkken",
                     "Forslag 3 Større soverom"]
    for n, name in ((1, "Kompakt"), (2, "Stor stue og kjøkken"), (3, "Større soverom")):
        assert f'<h2 id="variant-{n}">Forslag {n}: {name}</h2>' in page
    assert {"Bruksareal (BRA)", "Stue og kjøkken", "Soverom", "Anslått byggekostnad"} <= set(rows)
    for label, cells in rows.items():
        assert len(cells) == 3 and len(set(cells)) > 1, label  # only the figures that differ are rows
        marks = [re.search(r"\((\w+)\)$", c).group(1) for c in cells if c.endswith(")")]
        assert set(marks) in ({"mest", "minst"}, {"høyest", "lavest"}), (label, cells)  # ties share a mark
    bra = [_number(c) for c in rows["Bruksareal (BRA)"]]
    living = [_number(c) for c in rows["Stue og kjøkken"]]
    beds = [sum(float(x.replace(",", ".")) for x in re.findall(r"\d+(?:,\d+)?", c.split(":", 1)[1]))
            for c in rows["Soverom"]]
    assert bra[0] == min(bra) and "(minst)" in rows["Bruksareal (BRA)"][0]
    assert living[1] == max(living) and living[1] >= 1.15 * living[0]
    assert beds[2] == max(beds) and beds[2] >= 1.15 * beds[0]
    cost = [_number(c) for c in rows["Anslått byggekostnad"]]
    for m2, mill in zip(bra, cost, strict=True):  # the planning figure, 40 000 kr per m² BRA
        assert mill == pytest.approx(m2 * 40_000 / 1e6, abs=0.006)
    assert "et planleggingstall til entreprenøren setter sin pris" in page
    assert "Likt i alle forslagene:" in page and "Etasjer: 1" in page


def test_each_card_says_first_what_its_kind_gives_the_family(client, five):
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    blocks = re.findall(r'<div class="variant-differs">.*?</div>', page, flags=re.S)
    firsts = [html.unescape(re.search(r"<li>(.*?)</li>", b).group(1)) for b in blocks]
    assert len(firsts) == 3
    assert "det minste huset" in firsts[0]
    assert firsts[1].startswith("Stue og kjøkken har") and "mer gulv enn i forslag 1" in firsts[1]
    assert firsts[2].startswith("Soverommene har til sammen") and "skrivebord" in firsts[2]


def test_the_comparison_uses_the_contractors_price_when_it_is_set(app, client, five):
    from planner.web import services
    from planner.web.selfbuild.services import save_figures

    with app.app_context():
        save_figures(five, services.find_user("familie@example.no"), 500.0, 30_000.0, {})
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    _, rows = _table(page)
    bra = [_number(c) for c in rows["Bruksareal (BRA)"]]
    cost = [_number(c) for c in rows["Anslått byggekostnad"]]
    assert cost == [pytest.approx(m2 * 30_000 / 1e6, abs=0.006) for m2 in bra]
    assert "30\u00a0000 kr per m²" in html.unescape(page) and "entreprenørens pris, satt av Amina" in page


def test_the_comparison_in_english(client, five):
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    heads, rows = _table(page)
    assert heads[1:] == ["Suggestion 1 Compact", "Suggestion 2 Large living room and kitchen",
                         "Suggestion 3 Larger bedrooms"]
    assert "How the suggestions differ" in page and "Estimated building cost" in rows
    assert all(c.startswith("NOK ") for c in rows["Estimated building cost"])
    assert "Living room and kitchen have" in page


def test_the_chosen_suggestion_keeps_its_name(app, client, five):
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    forms = re.findall(r'name="plan" type="hidden" value="([^"]+)"', page)
    assert client.post(f"/prosjekt/{five}/plantegning/forslag", data={
        "base_version": 4, "plan": html.unescape(forms[2]), "note": "Forslag 3"}).status_code == 302
    from planner.web import services

    with app.app_context():
        plan = services.plan_of(services.latest(five))
    info = plan.buildings[0].extra["layout"]
    assert (info["kind"], info["name"], info["name_en"]) == ("bedrooms", "Større soverom", "Larger bedrooms")


def test_each_suggestions_note_names_its_kind(client, five):
    """The note a chosen suggestion is saved with says which kind it is."""
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    notes = [html.unescape(n) for n in re.findall(r'name="note" type="hidden" value="([^"]*)"', page)]
    assert notes[:3] == ["Forslag til plantegning 1: Kompakt",
                         "Forslag til plantegning 2: Stor stue og kjøkken",
                         "Forslag til plantegning 3: Større soverom"]


def test_each_floor_plan_suggestion_says_how_it_differs_from_the_others(client, five):
    page = client.get(f"/prosjekt/{five}/plantegning/forslag").get_data(as_text=True)
    blocks = re.findall(r'<div class="variant-differs">.*?</div>', page, flags=re.S)
    assert len(blocks) == page.count('name="plan" type="hidden"') >= 2
    said = [tuple(re.findall(r"<li>(.*?)</li>", b)) for b in blocks]
    assert all(said) and len(set(said)) == len(said)  # each says something, and not the same thing
