"""The files behind the 3D view and the downloads page, through the app (Flask test client, real
database): every member gets them, a stranger never learns they exist, each file reads back."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import ifcopenshell
import pygltflib


def _model_url(app, team) -> str:  # noqa: ANN001
    from planner.web import services

    with app.app_context():
        v = services.latest(team.project_id)
        return f"/prosjekt/{team.project_id}/v{v.number}/modell.glb"


def test_every_member_gets_the_model_and_a_stranger_gets_404(app, client, auth, team) -> None:
    url = _model_url(app, team)
    assert client.get(url).status_code == 302           # logged out: to the login page
    for role in ("family", "planner", "contractor", "mentor"):
        auth.login(team.emails[role])
        r = client.get(url)
        assert r.status_code == 200 and r.mimetype == "model/gltf-binary", role
        gltf = pygltflib.GLTF2.load_from_bytes(r.data)
        assert any((n.extras or {}).get("kind") == "building" for n in gltf.nodes)
        assert r.headers["Cache-Control"] == "private, no-store"
        auth.logout()
    auth.login(team.emails["stranger"])
    assert client.get(url).status_code == 404
    assert client.get(f"/prosjekt/{team.project_id}/v999/modell.glb").status_code == 404


def test_the_project_page_holds_the_3d_view_under_the_csp(client, auth, team) -> None:
    auth.login(team.emails["family"])
    page = client.get(f"/prosjekt/{team.project_id}/")
    html = page.get_data(as_text=True)
    assert 'class="viewer3d"' in html and 'src="/static/js/viewer/view.js"' in html
    assert re.search(r'data-model="/prosjekt/\d+/v\d+/modell.glb"', html)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "<script>" not in html and "importmap" not in html
    plan_page = client.get(f"/prosjekt/{team.project_id}/plantegning").get_data(as_text=True)
    assert 'class="viewer3d"' in plan_page


def test_the_downloads_page_offers_elevations_section_glb_and_ifc_and_each_reads_back(client, auth,
                                                                                      team) -> None:
    auth.login(team.emails["contractor"])
    page = client.get(f"/prosjekt/{team.project_id}/last-ned").get_data(as_text=True)
    links = set(re.findall(r'href="(/prosjekt/\d+/last-ned/[^"]+)"', page))
    kinds = {re.sub(r"\?.*", "", link).rsplit("/", 1)[1] for link in links}
    assert {"fasade-s.svg", "fasade-e.svg", "fasade-n.svg", "fasade-w.svg", "snitt.svg", "modell.glb",
            "modell.ifc"} <= kinds
    for link in links:
        href = link.replace("&amp;", "&")
        r = client.get(href)
        assert r.status_code == 200, href
        name = re.search(r'filename="?([^";]+)', r.headers["Content-Disposition"]).group(1)
        assert re.fullmatch(r"[A-Za-z0-9._-]+", name), name
        if "fasade-" in href or "snitt" in href:
            root = ET.fromstring(r.data)
            texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
            assert "Gesims" in texts and "kote" in texts
        elif "modell.ifc" in href:
            f = ifcopenshell.file.from_string(r.data.decode("utf-8"))
            assert f.by_type("IfcWall") and f.by_type("IfcSpace")
        elif "modell.glb" in href:
            assert r.data[:4] == b"glTF"
    assert client.get(f"/prosjekt/{team.project_id}/last-ned/fasade-x.svg").status_code == 404
    assert client.get(f"/prosjekt/{team.project_id}/last-ned/snitt.svg?bygning=%3Cb%3E").status_code == 200
