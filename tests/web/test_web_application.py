"""The page "Byggesøknad": the municipal planner uploads the map extract and corrects it; every
member downloads the application package; bad files change nothing."""

from __future__ import annotations

import io
import zipfile

import ezdxf
import pytest


def _login(client, team, role: str) -> None:
    client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password})


def _latest(app, project_id):
    from planner.web import services

    with app.app_context():
        v = services.latest(project_id)
        return v.number, services.plan_of(v)


def _map_dxf(plan) -> bytes:
    """A map extract in the plan's own metres: the plot, a neighbour east with gnr/bnr and address,
    its house, and the road along edge 0 with its name."""
    xs = [x for x, _ in plan.plot.boundary]
    ys = [y for _, y in plan.plot.boundary]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    doc = ezdxf.new("R2013")
    msp = doc.modelspace()
    msp.add_lwpolyline([tuple(p) for p in plan.plot.boundary], close=True, dxfattribs={"layer": "EIENDOM"})
    msp.add_lwpolyline([(x1, y0), (x1 + 20, y0), (x1 + 20, y1), (x1, y1)], close=True,
                       dxfattribs={"layer": "EIENDOM"})
    msp.add_text("3012/146", dxfattribs={"layer": "TEKST"}).set_placement((x1 + 10, y0 + 10))
    msp.add_text("Nansetgata 12", dxfattribs={"layer": "ADRESSE"}).set_placement((x1 + 10, y0 + 7))
    msp.add_lwpolyline([(x1 + 6, y0 + 12), (x1 + 15, y0 + 12), (x1 + 15, y0 + 20), (x1 + 6, y0 + 20)],
                       close=True, dxfattribs={"layer": "BYGNING"})
    msp.add_lwpolyline([(x0 - 20, y0 - 5), (x1 + 30, y0 - 5)], dxfattribs={"layer": "VEGSENTERLINJE"})
    msp.add_text("Nansetvegen", dxfattribs={"layer": "VEGSENTERLINJE"}).set_placement((x0 + 5, y0 - 6))
    out = io.StringIO()
    doc.write(out)
    return out.getvalue().encode()


def _upload(client, project_id, base, data, name="kart.dxf", source="FKB Larvik", date="30.11.2026"):
    return client.post(f"/prosjekt/{project_id}/byggesoknad/kart", data={
        "kart-base_version": base, "kart-file": (io.BytesIO(data), name), "kart-source": source,
        "kart-date": date}, content_type="multipart/form-data")


def test_the_planner_uploads_the_map_and_the_page_lists_the_neighbours(app, client, team) -> None:
    _login(client, team, "planner")
    base, plan = _latest(app, team.project_id)
    response = _upload(client, team.project_id, base, _map_dxf(plan))
    assert response.status_code == 302
    number, saved = _latest(app, team.project_id)
    assert number == base + 1
    (p,) = saved.plot.neighbours.plots
    assert (p.gnr, p.bnr, p.address) == (3012, 146, "Nansetgata 12")
    assert saved.plot.neighbours.extra == {"source": "FKB Larvik", "date": "30.11.2026"}
    assert saved.plot.roads[0].name == "Nansetvegen"
    page = client.get(f"/prosjekt/{team.project_id}/byggesoknad").get_data(as_text=True)
    assert "Byggesøknad" in page and "Nansetgata 12" in page and "3012/146" in page


@pytest.mark.parametrize(("name", "data", "message"), [
    ("kart.dxf", b"0\nSECTION\n2\nNONSENSE", "DXF-filen kan ikke leses"),
    ("kart.geojson", b'{"type": "FeatureCollection", "features": []}', "ingen eiendommer, bygninger"),
    ("kart.pdf", b"%PDF-1.4", ""),
])
def test_a_bad_map_file_changes_nothing_and_keeps_what_was_typed(app, client, team, name, data,
                                                                 message) -> None:
    _login(client, team, "planner")
    base, _ = _latest(app, team.project_id)
    response = _upload(client, team.project_id, base, data, name=name, source="Kartverket <b>")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="field-error"' in page and message in page
    assert 'value="Kartverket &lt;b&gt;"' in page  # kept, and escaped
    assert _latest(app, team.project_id)[0] == base


def test_the_planner_corrects_an_address_and_a_road_name(app, client, team) -> None:
    _login(client, team, "planner")
    base, plan = _latest(app, team.project_id)
    assert _upload(client, team.project_id, base, _map_dxf(plan)).status_code == 302
    response = client.post(f"/prosjekt/{team.project_id}/byggesoknad/rett", data={
        "rett-base_version": base + 1, "rett-neighbours-0-gnr": "3012", "rett-neighbours-0-bnr": "146",
        "rett-neighbours-0-address": "Nansetgata 14", "rett-neighbours-0-owner": "Kari Nordmann",
        "rett-roads-0-road": "Nansetveien"})
    assert response.status_code == 302
    _, saved = _latest(app, team.project_id)
    assert (saved.plot.neighbours.plots[0].address, saved.plot.neighbours.plots[0].owner) == \
        ("Nansetgata 14", "Kari Nordmann")
    assert saved.plot.roads[0].name == "Nansetveien"
    # a bad number is marked and nothing is stored
    response = client.post(f"/prosjekt/{team.project_id}/byggesoknad/rett", data={
        "rett-base_version": base + 2, "rett-neighbours-0-gnr": "abc", "rett-neighbours-0-bnr": "146",
        "rett-neighbours-0-address": "Nansetgata 16", "rett-roads-0-road": "x"})
    assert response.status_code == 422 and "Nansetgata 16" in response.get_data(as_text=True)
    assert _latest(app, team.project_id)[0] == base + 2


def test_the_family_may_not_upload_the_map(app, client, team) -> None:
    _login(client, team, "family")
    base, plan = _latest(app, team.project_id)
    assert _upload(client, team.project_id, base, _map_dxf(plan)).status_code == 403
    page = client.get(f"/prosjekt/{team.project_id}/byggesoknad").get_data(as_text=True)
    assert "byggesoknad/kart" not in page
    assert _latest(app, team.project_id)[0] == base


def test_every_member_downloads_the_package_with_the_neighbour_list(app, client, team) -> None:
    _login(client, team, "planner")
    base, plan = _latest(app, team.project_id)
    _upload(client, team.project_id, base, _map_dxf(plan))
    client.post("/konto/logg-ut")
    _login(client, team, "contractor")
    response = client.get(f"/prosjekt/{team.project_id}/byggesoknad.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert f"byggesoknad-{team.project_id}-v{base + 1}.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as z:
        names = z.namelist()
        assert "byggesoknad/01-situasjonsplan.pdf" in names
        notice = z.read("byggesoknad/06-nabovarsel.md").decode()
    assert "3012/146" in notice and "Nansetgata 12" in notice


def test_a_stranger_gets_nothing(client, team) -> None:
    _login(client, team, "stranger")
    assert client.get(f"/prosjekt/{team.project_id}/byggesoknad.zip").status_code == 404
    assert client.get(f"/prosjekt/{team.project_id}/byggesoknad").status_code == 404


def test_the_map_forms_need_their_csrf_token(app, client, team) -> None:
    import re

    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/konto/logg-inn", data={"email": team.emails["planner"], "password": team.password,
                                        "csrf_token": token})
    base, plan = _latest(app, team.project_id)
    html = client.get(f"/prosjekt/{team.project_id}/byggesoknad").get_data(as_text=True)
    forms = re.findall(r'<form method="post".*?</form>', html, flags=re.S)
    assert forms and all(re.search(r'name="(\w+-)?csrf_token"', f) for f in forms)
    assert _upload(client, team.project_id, base, _map_dxf(plan)).status_code == 400
    assert client.post(f"/prosjekt/{team.project_id}/byggesoknad/rett",
                       data={"rett-base_version": base}).status_code == 400
    assert _latest(app, team.project_id)[0] == base
