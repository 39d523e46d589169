"""The floor plan suggestions in Chromium: the comparison of three named suggestions is readable
at 390 px, axe-clean in both languages, and its links take the keyboard to each suggestion."""

from __future__ import annotations

import pytest
from browser_support import TEAM_PASSWORD, narrow

FIVE_NEEDS = [("entry", 1, 6.0), ("living", 1, 21.0), ("kitchen", 1, 10.5), ("bedroom", 1, 12.0),
              ("bedroom", 3, 7.5), ("bathroom", 1, 5.5), ("wc", 1, 2.5), ("laundry", 1, 4.0),
              ("storage", 1, 5.5)]
"""What the room suggestion gives a family of two adults and children of 4, 8 and 12."""


@pytest.fixture
def five(server) -> int:
    """A project of a family of five with its room needs and a 30 × 35 m plot, no house yet."""
    from planner import model
    from planner.web import services

    plan = model.from_dict({
        "format": "plan/1", "project": {"name": "Familien Berg", "municipality": "Larvik"},
        "plot": {"boundary": [[0, 0], [30, 0], [30, 35], [0, 35]], "road_edges": [0],
                 "regulation": {"max_bya_percent": 30, "neighbour_distance_m": 4.0, "road_distance_m": 4.0,
                                "max_gesims_m": 8.0, "max_mone_m": 9.0, "parking_spaces": 2,
                                "parking_space_m2": 18.0}},
        "households": [{"id": "berg", "name": "Familien Berg", "accessible": False,
                        "members": [{"role": "adult"}, {"role": "adult"}, {"role": "child", "age": 4},
                                    {"role": "child", "age": 8}, {"role": "child", "age": 12}],
                        "room_needs": [{"type": t, "count": n, "min_area_m2": m} for t, n, m in FIVE_NEEDS]}],
        "buildings": []})
    with server.app.app_context():
        family = services.register("berg@example.no", "Kari Berg", TEAM_PASSWORD)
        project = services.create_project(family, "Familien Berg", "Larvik", "Familien Berg")
        services.save_plan(project.id, plan, family, "behov og tomt", 1)
        return project.id


@pytest.mark.parametrize("locale, names", [
    ("nb-NO", ["Kompakt", "Stor stue og kjøkken", "Større soverom"]),
    ("en-GB", ["Compact", "Large living room and kitchen", "Larger bedrooms"])])
def test_the_comparison_is_readable_on_a_phone_and_leads_to_each_suggestion(visitor, five, locale, names):
    v = visitor(f"forslag-sammenligning-{locale[:2]}", locale)
    v.go("/konto/logg-inn")
    v.page.locator("#email").fill("berg@example.no")
    v.page.locator("#password").fill(TEAM_PASSWORD)
    with v.page.expect_navigation():
        v.page.locator("#password").press("Enter")
    v.go(f"/prosjekt/{five}/plantegning/forslag")
    assert v.page.locator("html").get_attribute("lang") == locale[:2]
    table = v.page.locator(".compare-table")
    assert table.count() == 1
    heads = table.locator("thead th").all_inner_texts()
    assert [" ".join(h.split()[2:]) for h in heads[1:]] == names
    v.check("forslag")
    narrow(v, "forslag")
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.reload()
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    link = table.locator("thead th a").nth(2)
    link.focus()
    v.page.keyboard.press("Enter")
    v.page.wait_for_function("location.hash === '#variant-3'")
    assert v.page.locator("#variant-3").inner_text().endswith(names[2])
