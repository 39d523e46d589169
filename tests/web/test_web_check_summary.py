"""Beside the findings the family sees what the check worked out about the home: whether the
accessible-home rules apply and why (``summary.accessibility``), and the heights derived from the
roof, the floors and the terrain (``summary.heights``), in the page's language and number format."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

from planner import model
from planner.rules import check

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
PAGES = ("/prosjekt/{id}/", "/prosjekt/{id}/plantegning")


def _one_storey() -> dict:
    """The demo home on one floor with a gable roof; the family says it needs no accessible home."""
    doc = json.loads(SAMPLE.read_text())
    doc["households"][0]["accessible"] = False
    b = doc["buildings"][0]
    b.pop("gesims_m"), b.pop("mone_m")
    b["roof"] = {"type": "gable", "pitch_deg": 30, "ridge_along": 0}
    return doc


def _bedrooms_upstairs() -> dict:
    """The same home on two floors with the three bedrooms upstairs."""
    doc = _one_storey()
    b = doc["buildings"][0]
    b["storeys"] = 2
    for r in b["rooms"]:
        if r["type"] == "bedroom":
            r["storey"] = 2
    return doc


def _project_with(client, auth, doc: dict) -> int:
    auth.register()
    response = client.post("/prosjekt/ny", data={"name": "Familien Haugen – Nanset", "municipality": "Larvik",
                                                 "household": "Familien Haugen"})
    project_id = int(re.search(r"/prosjekt/(\d+)/", response.location).group(1))
    response = client.post(f"/prosjekt/{project_id}/plantegning/last-opp", data={
        "base_version": 1, "note": "fra fil", "file": (io.BytesIO(json.dumps(doc).encode()), "plan.json")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    return project_id


def _page(client, path: str, project_id: int) -> str:
    response = client.get(path.format(id=project_id))
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _heights(doc: dict) -> tuple[float, float]:
    h = check(model.from_dict(doc)).details["heights"]["A"]
    return h["gesims_m"], h["mone_m"]


def test_a_one_storey_home_says_the_accessible_rules_apply_and_why_with_its_heights(client, auth):
    doc = _one_storey()
    project_id = _project_with(client, auth, doc)
    gesims, mone = _heights(doc)
    assert 2.5 < gesims < mone < 8.0
    for path in PAGES:
        page = _page(client, path, project_id)
        assert "Det sjekken fant ut om boligen" in page
        # it applies, and why: every main function on the entrance level, although the family said
        # it needs none
        assert ("Reglene for tilgjengelig bolig gjelder: alle hovedfunksjonene (stue, kjøkken, soverom og "
                "bad) ligger på inngangsplanet, og da krever TEK17 § 12-2 tredje ledd det, selv om "
                "husstanden Familien Haugen har svart at den ikke trenger tilgjengelig bolig") in page
        assert "selv om ingen gjør det i dag" in page          # why turning space all the same
        assert (f"Bygning <bdi>A</bdi>: gesimshøyde {gesims:.2f} m og mønehøyde {mone:.2f} m"
                .replace(".", ",") in page)
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = _page(client, PAGES[0], project_id)
    assert ("The accessible-home rules apply: every main function (living room, kitchen, bedroom and "
            "bathroom) is on the entrance level") in page
    assert (f"Building <bdi>A</bdi>: eaves height (gesims) {gesims:.2f} m and ridge height (møne) "
            f"{mone:.2f} m") in page
    assert "Reglene for tilgjengelig bolig" not in page


def test_bedrooms_upstairs_skip_the_accessible_rules_and_the_page_says_why(client, auth):
    project_id = _project_with(client, auth, _bedrooms_upstairs())
    for path in PAGES:
        page = _page(client, path, project_id)
        assert ("Reglene for tilgjengelig bolig gjelder ikke: ikke alle hovedfunksjonene ligger på "
                "inngangsplanet (TEK17 § 12-2 tredje ledd), og Familien Haugen har svart at den ikke "
                "trenger tilgjengelig bolig") in page
        assert "Badet skal fortsatt ha plass til å snu" in page
        assert "Reglene for tilgjengelig bolig gjelder:" not in page
        assert "selv om ingen gjør det i dag" not in page
        assert "room.turning-space" not in page           # skipped, so no turning-space finding
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = _page(client, PAGES[1], project_id)
    assert ("The accessible-home rules do not apply: not every main function is on the entrance "
            "level") in page


def test_a_version_stored_before_the_summary_was_kept_shows_the_findings_without_it(app, client, auth):
    project_id = _project_with(client, auth, _one_storey())
    from planner.web import services
    from planner.web.extensions import db

    with app.app_context():
        v = services.latest(project_id)
        stored = json.loads(v.report_json)
        stored.pop("details")
        v.report_json = json.dumps(stored)
        db.session.commit()
    page = _page(client, PAGES[0], project_id)
    assert "Det sjekken fant ut om boligen" not in page
    assert "Tomt" in page and "Boligen som helhet" in page      # the findings' groups are still there



def test_two_homes_in_one_building_are_each_named_with_their_reason(client, auth):
    doc = _one_storey()
    doc["households"].append({"id": "lie", "name": "Familien Lie", "accessible": False})
    b = doc["buildings"][0]
    b["units"] = [{"household": "haugen", "rooms": [r["id"] for r in b["rooms"] if r["id"] != "r-bod"]},
                  {"household": "lie", "rooms": ["r-bod"]}]
    project_id = _project_with(client, auth, doc)
    page = client.get(f"/prosjekt/{project_id}/plantegning").get_data(as_text=True)
    section = re.search(r'<section class="check-summary".*?</section>', page, re.S).group(0)
    assert "<strong><bdi>Familien Haugen</bdi> (bygning <bdi>A</bdi>)</strong>" in section
    assert "<strong><bdi>Familien Lie</bdi> (bygning <bdi>A</bdi>)</strong>" in section
    assert html.unescape(section).count("Reglene for tilgjengelig bolig gjelder") == 2
