"""A family's project through the Flask test client, on a real database."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import ezdxf
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"


def _latest(app, project_id):
    from planner.web import services

    with app.app_context():
        v = services.latest(project_id)
        return v.number, services.plan_of(v)


def _new_project(client, auth):
    auth.register()
    response = client.post("/prosjekt/ny", data={"name": "Familien Berg – Tanum", "municipality": "Larvik",
                                                 "household": "Familien Berg"})
    assert response.status_code == 302
    return int(re.search(r"/prosjekt/(\d+)/", response.location).group(1))


def test_registering_logs_in_and_stores_only_a_password_hash(app, client, auth):
    assert auth.register().status_code == 302
    assert "Amina" in client.get("/").get_data(as_text=True)
    from planner.web import services

    with app.app_context():
        user = services.find_user("familie@example.no")
        assert user.password_hash != "et-godt-passord"
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_a_second_account_with_the_same_address_is_refused_and_the_form_keeps_the_name(client, auth):
    auth.register()
    auth.logout()
    response = auth.register(name="Noen andre")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'value="Noen andre"' in page and 'href="#email"' in page


def test_login_is_refused_after_too_many_failures_even_with_the_right_password(app, client, auth):
    auth.register()
    auth.logout()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert auth.login(password="feil-passord").status_code == 422
    assert auth.login().status_code == 429


def test_log_out_needs_a_post(client, auth):
    auth.register()
    assert client.get("/konto/logg-ut").status_code == 405
    assert auth.logout().status_code == 302
    assert client.get("/prosjekt/ny").status_code == 302


def test_pages_carry_the_security_headers_and_the_session_cookie_is_http_only(client, auth):
    response = auth.register()
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    page = client.get("/")
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "<script>" not in page.get_data(as_text=True)


def test_a_new_project_starts_with_one_version_and_the_family_role(app, client, auth):
    project_id = _new_project(client, auth)
    number, plan = _latest(app, project_id)
    assert number == 1 and plan.households[0].name == "Familien Berg"
    page = client.get(f"/prosjekt/{project_id}/").get_data(as_text=True)
    assert "Familien Berg – Tanum" in page and "familie" in page


def test_the_household_form_adds_and_removes_rows_without_saving(app, client, auth):
    project_id = _new_project(client, auth)
    url = f"/prosjekt/{project_id}/husstand"
    data = {"base_version": 1, "name": "Familien Berg", "members-0-role": "adult", "accessible": "yes",
            "row_action": "add:members"}
    page = client.post(url, data=data).get_data(as_text=True)
    assert 'name="members-1-role"' in page
    assert _latest(app, project_id)[0] == 1
    data.update({"members-1-role": "child", "members-1-age": "7", "row_action": "remove:members-0"})
    page = client.post(url, data=data).get_data(as_text=True)
    assert 'name="members-1-role"' not in page and 'value="7"' in page


def test_saving_the_household_makes_a_new_version_with_what_matters_and_strengths(app, client, auth):
    project_id = _new_project(client, auth)
    response = client.post(f"/prosjekt/{project_id}/husstand", data={
        "base_version": 1, "name": "Familien Berg", "members-0-role": "adult", "members-1-role": "adult",
        "members-2-role": "child", "members-2-age": "6", "accessible": "no",
        "wishes": "Lys stue", "strengths": "Vi lager mat til mange", "self_build": "Maling",
        "note": "husstand"})
    assert response.status_code == 302
    number, plan = _latest(app, project_id)
    h = plan.households[0]
    assert number == 2 and [m.role for m in h.members] == ["adult", "adult", "child"]
    assert h.members[2].age == 6 and h.accessible is False and h.wishes == "Lys stue"
    assert h.extra["strengths"] == "Vi lager mat til mange" and h.extra["self_build"] == "Maling"


def test_a_form_with_errors_keeps_what_was_typed_and_marks_the_field(app, client, auth):
    project_id = _new_project(client, auth)
    response = client.post(f"/prosjekt/{project_id}/husstand", data={
        "base_version": 1, "name": "", "members-0-role": "child", "members-0-age": "-3", "accessible": "yes",
        "wishes": "Stue mot sør"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Stue mot sør" in page and 'href="#name"' in page and 'href="#members-0-age"' in page
    assert 'aria-invalid="true"' in page
    assert _latest(app, project_id)[0] == 1


def test_a_save_based_on_an_older_version_is_refused_and_keeps_the_input(app, client, auth):
    project_id = _new_project(client, auth)
    form = {"base_version": 1, "name": "Familien Berg", "members-0-role": "adult", "accessible": "yes"}
    assert client.post(f"/prosjekt/{project_id}/husstand", data=form).status_code == 302
    stale = dict(form, wishes="Et kjøkken der alle kan spise sammen")
    response = client.post(f"/prosjekt/{project_id}/husstand", data=stale)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Noen lagret i mellomtiden" in page and "Et kjøkken der alle kan spise sammen" in page
    assert 'name="base_version" type="hidden" value="2"' in page
    number, plan = _latest(app, project_id)
    assert number == 2 and plan.households[0].wishes is None


def test_room_needs_are_suggested_from_the_household_and_saved(app, client, auth):
    project_id = _new_project(client, auth)
    client.post(f"/prosjekt/{project_id}/husstand", data={
        "base_version": 1, "name": "B", "members-0-role": "adult", "members-1-role": "child",
        "members-1-age": "4", "members-2-role": "child", "members-2-age": "9", "accessible": "yes"})
    page = client.post(f"/prosjekt/{project_id}/rombehov", data={"base_version": 2, "row_action": "suggest"}
                       ).get_data(as_text=True)
    rows = re.findall(r'name="needs-(\d+)-type"', page)
    assert len(rows) == 7  # the main bedroom and the children's rooms in two rows (issue 11's suggestion)
    data = {"base_version": 2}
    for i, (kind, count) in enumerate([("bedroom", "3"), ("living", "1")]):
        data.update({f"needs-{i}-type": kind, f"needs-{i}-count": count, f"needs-{i}-min_area_m2": "7,5"})
    assert client.post(f"/prosjekt/{project_id}/rombehov", data=data).status_code == 302
    _, plan = _latest(app, project_id)
    assert [(n.type, n.count, n.min_area_m2) for n in plan.households[0].room_needs] == [
        ("bedroom", 3, 7.5), ("living", 1, 7.5)]


def _plot_form(**extra):
    data = {"base_version": 1, "corners": "0 0\n30 0\n30 25,5\n0 25.5", "road_edges": ["0"],
            "max_bya_percent": "30", "road_distance_m": "5"}
    data.update(extra)
    return data


def test_typed_corners_road_edges_and_regulation_are_saved_and_drawn(app, client, auth):
    project_id = _new_project(client, auth)
    assert client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form()).status_code == 302
    number, plan = _latest(app, project_id)
    assert plan.plot.boundary == [[0, 0], [30, 0], [30, 25.5], [0, 25.5]]
    assert plan.plot.road_edges == [0] and plan.plot.regulation.max_bya_percent == 30
    svg = client.get(f"/prosjekt/{project_id}/v{number}/tomt.svg?kanter=1")
    assert svg.mimetype == "image/svg+xml"
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg.data)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"0", "1", "2", "3"} <= set(texts)


def test_unticking_a_road_edge_in_the_form_removes_the_road_named_beside_it(app, client, auth):
    """The form without JavaScript keeps ``plot.roads`` to the ticked edges (the editor names them)."""
    from planner import model
    from planner.web import services
    from planner.web.extensions import db

    project_id = _new_project(client, auth)
    assert client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form()).status_code == 302
    number, plan = _latest(app, project_id)
    plan.plot.roads = [model.Road(edge=0, kind="municipal", name="Tanumveien")]
    with app.app_context():
        user = services.find_user("familie@example.no")
        services.save_plan(project_id, plan, user, "veg", number)
        db.session.commit()
    assert client.post(f"/prosjekt/{project_id}/tomt",
                       data=_plot_form(base_version=number + 1, road_edges=["0", "1"])).status_code == 302
    assert [r.name for r in _latest(app, project_id)[1].plot.roads] == ["Tanumveien"]
    assert client.post(f"/prosjekt/{project_id}/tomt",
                       data=_plot_form(base_version=number + 2, road_edges=["1"])).status_code == 302
    plan = _latest(app, project_id)[1]
    assert plan.plot.road_edges == [1] and plan.plot.roads is None


def test_corners_that_are_not_numbers_are_marked_and_nothing_is_saved(app, client, auth):
    project_id = _new_project(client, auth)
    response = client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form(corners="0 0\n30 null\n30 25"))
    assert response.status_code == 422
    assert "30 null" in response.get_data(as_text=True)
    assert _latest(app, project_id)[0] == 1


def _geojson(*rings):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": f"teig {i}"},
         "geometry": {"type": "Polygon", "coordinates": [r]}}
        for i, r in enumerate(rings)]}).encode()


def test_a_geojson_plot_from_the_municipality_is_shifted_to_local_metres(app, client, auth):
    project_id = _new_project(client, auth)
    ring = [[567890, 6545678], [567920, 6545678], [567920, 6545703], [567890, 6545703], [567890, 6545678]]
    response = client.post(f"/prosjekt/{project_id}/tomt/last-opp", data={
        "upload-base_version": 1, "upload-file": (io.BytesIO(_geojson(ring)), "tomt.geojson")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    _, plan = _latest(app, project_id)
    assert plan.plot.boundary == [[0, 0], [30, 0], [30, 25], [0, 25]]
    assert plan.plot.extra["source_offset"] == [567890, 6545678]


def _dxf(layers):
    doc = ezdxf.new(units=6)
    for layer, points in layers:
        doc.layers.add(layer)
        doc.modelspace().add_lwpolyline(points, close=True, dxfattribs={"layer": layer})
    stream = io.StringIO()
    doc.write(stream)
    return stream.getvalue().encode()


def test_a_dxf_with_several_outlines_asks_which_layer_is_the_plot(app, client, auth):
    project_id = _new_project(client, auth)
    data = _dxf([("EIENDOMSGRENSE", [(0, 0), (40, 0), (40, 20), (0, 20)]),
                 ("BYGG", [(5, 5), (10, 5), (10, 9), (5, 9)])])
    response = client.post(f"/prosjekt/{project_id}/tomt/last-opp", data={
        "upload-base_version": 1, "upload-file": (io.BytesIO(data), "kart.dxf")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "EIENDOMSGRENSE" in page and "BYGG" in page
    assert _latest(app, project_id)[0] == 1
    candidates = re.search(r'name="candidates" type="hidden" value="([^"]*)"', page).group(1)
    import html

    response = client.post(f"/prosjekt/{project_id}/tomt/velg", data={
        "base_version": 1, "candidates": html.unescape(candidates), "choice": "0"})
    assert response.status_code == 302
    _, plan = _latest(app, project_id)
    assert plan.plot.boundary == [[0, 0], [40, 0], [40, 20], [0, 20]]


@pytest.mark.parametrize("name, data", [
    ("tomt.geojson", b"{not json"),
    ("tomt.geojson", b'{"type": "Point", "coordinates": [1, 2]}'),
    ("kart.dxf", b"0\nSECTION\n2\nNONSENSE"),
    ("tomt.geojson", json.dumps({"type": "Polygon", "coordinates": [[[i, i * i % 7] for i in range(3000)]]}
                                ).encode()),
    ("tomt.txt", b"0 0\n1 0\n1 1"),
])
def test_a_failed_plot_upload_changes_nothing_and_says_why(app, client, auth, name, data):
    project_id = _new_project(client, auth)
    response = client.post(f"/prosjekt/{project_id}/tomt/last-opp", data={
        "upload-base_version": 1, "upload-file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert 'class="field-error"' in response.get_data(as_text=True)
    assert _latest(app, project_id)[0] == 1


def _upload_plan(client, project_id, base, data, name="plan.json"):
    return client.post(f"/prosjekt/{project_id}/plantegning/last-opp", data={
        "base_version": base, "note": "fra fil", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


def test_an_uploaded_plan_becomes_a_version_and_its_findings_are_shown(app, client, auth):
    project_id = _new_project(client, auth)
    assert _upload_plan(client, project_id, 1, SAMPLE.read_bytes()).status_code == 302
    number, plan = _latest(app, project_id)
    assert number == 2 and plan.buildings
    page = client.get(f"/prosjekt/{project_id}/plantegning").get_data(as_text=True)
    for group in ("Tomt", "Rom", "Atkomst", "Boligen som helhet"):
        assert group in page
    assert "Bruksareal (BRA)" in page
    # the room table gives each room's net area, with a decimal comma
    assert "Nettoareal" in page
    rows = re.findall(r"<tr><td>(.*?)</tr>", page, re.S)
    from planner.web.services import room_areas

    for name, m2 in room_areas(plan).values():
        row = next(r for r in rows if f"><bdi>{html.escape(name)}</bdi></a>" in r)
        assert f"{m2:.1f}".replace(".", ",") + " m²" in row, name


def test_an_unreadable_plan_file_changes_nothing_and_names_the_problem(app, client, auth):
    project_id = _new_project(client, auth)
    doc = json.loads(SAMPLE.read_text())
    doc["buildings"][0]["rooms"][0]["polygon"] = "kvadrat"
    response = _upload_plan(client, project_id, 1, json.dumps(doc).encode())
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "buildings[0].rooms[0].polygon: ventet en liste med hjørner [x, y], fikk teksten «kvadrat»" in page
    assert _latest(app, project_id)[0] == 1


def test_a_plan_file_problem_is_named_in_the_language_of_the_page(app, client, auth):
    project_id = _new_project(client, auth)
    doc = json.loads(SAMPLE.read_text())
    doc["plot"]["regulation"]["max_bya_percent"] = -2.5
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = html.unescape(_upload_plan(client, project_id, 1, json.dumps(doc).encode()).get_data(as_text=True))
    assert ("The file cannot be read as a plan: "
            "plot.regulation.max_bya_percent: must be greater than 0, got -2.5") in page
    client.post("/sprak", data={"lang": "nb", "next": "/"})
    page = html.unescape(_upload_plan(client, project_id, 1, json.dumps(doc).encode()).get_data(as_text=True))
    assert ("Filen kan ikke leses som en plan: "
            "plot.regulation.max_bya_percent: må være større enn 0, fikk -2,5") in page
    assert _latest(app, project_id)[0] == 1


@pytest.mark.parametrize("path", sorted((ROOT / "layouts").glob("*.json")) + [SAMPLE], ids=lambda p: p.name)
def test_every_sample_plan_uploads_and_its_pages_render(app, client, auth, path):
    project_id = _new_project(client, auth)
    assert _upload_plan(client, project_id, 1, path.read_bytes()).status_code == 302
    number, plan = _latest(app, project_id)
    for url in ("/", "/plantegning", "/versjoner", "/vurdering", "/last-ned", "/tomt"):
        assert client.get(f"/prosjekt/{project_id}{url}").status_code == 200, url
    for b in plan.buildings:
        for storey in sorted({r.storey for r in b.rooms}):
            url = f"/prosjekt/{project_id}/v{number}/plan-{b.id}-{storey}.svg"
            assert client.get(url).status_code == 200
            # the pages show the drawing alone, cropped from the A3 sheet
            box = re.search(r'viewBox="([^"]+)"', client.get(url + "?utsnitt=tegning").get_data(as_text=True))
            assert box and box.group(1) != "0 0 420 297"
    room = plan.buildings[0].rooms[0]
    assert client.get(f"/prosjekt/{project_id}/rom/{room.id}").status_code == 200


def _room_project(app, client, auth):
    project_id = _new_project(client, auth)
    _upload_plan(client, project_id, 1, SAMPLE.read_bytes())
    return project_id


def test_renaming_a_room_and_changing_its_type_makes_a_new_version(app, client, auth):
    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = next(r for r in plan.buildings[0].rooms if r.type == "bedroom")
    response = client.post(f"/prosjekt/{project_id}/rom/{room.id}", data={
        "room-base_version": 2, "room-name": "Hjemmekontor", "room-type": "office"})
    assert response.status_code == 302
    number, plan = _latest(app, project_id)
    renamed = plan.buildings[0].room(room.id)
    assert number == 3 and (renamed.name, renamed.type) == ("Hjemmekontor", "office")


def test_moving_a_wall_by_typing_a_dimension_changes_the_room_and_its_neighbour(app, client, auth):
    from planner.web.edits import walls_of

    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = next(r for r in plan.buildings[0].rooms if r.type == "living")
    edge, side, depth = next(w for w in walls_of(room) if w[1] == "east")
    response = client.post(f"/prosjekt/{project_id}/rom/{room.id}/vegg", data={
        "wall-base_version": 2, "wall-wall": str(edge),
        "wall-depth_m": f"{depth + 0.5:.2f}".replace(".", ",")})
    assert response.status_code == 302
    _, after = _latest(app, project_id)
    moved = dict((i, d) for i, _s, d in walls_of(after.buildings[0].room(room.id)))
    assert moved[edge] == pytest.approx(depth + 0.5, abs=0.01)


def test_the_room_page_marks_the_room_in_the_drawing_and_names_the_rooms_a_wall_moves_with(app, client, auth):
    from planner.web.drawing import MARK_COLOUR
    from planner.web.edits import moved_with, walls_of

    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = next(r for r in plan.buildings[0].rooms if r.type == "living")
    page = html.unescape(client.get(f"/prosjekt/{project_id}/rom/{room.id}").get_data(as_text=True))
    # every wall that moves other rooms says which, by name
    for edge, _side, _d in walls_of(room):
        others = [r.name for r in moved_with(plan, room.id, edge)]
        option = re.search(rf'<option value="{edge}">([^<]*)</option>', page).group(1)
        assert ("flytter også " + ", ".join(others)) in option if others else "flytter også" not in option
    assert any(moved_with(plan, room.id, e) for e, _s, _d in walls_of(room))
    src = re.search(r'<img src="([^"]*utsnitt=tegning[^"]*rom=[^"]*)"', page).group(1)
    svg = client.get(src).get_data(as_text=True)
    assert f'data-room="{room.id}"' in svg and MARK_COLOUR in svg
    assert MARK_COLOUR not in client.get(src.replace("utsnitt=tegning", "")).get_data(as_text=True)


def test_adding_and_removing_a_window_and_a_door_updates_the_findings(app, client, auth):
    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    b = plan.buildings[0]
    room = next(r for r in b.rooms if r.type == "bedroom")
    windows = [i for i, w in enumerate(b.windows) if w.room == room.id]
    for k, index in enumerate(sorted(windows, reverse=True)):
        assert client.post(f"/prosjekt/{project_id}/rom/{room.id}/fjern-vindu",
                           data={"remove-base_version": 2 + k, "remove-index": index}).status_code == 302
    number, plan = _latest(app, project_id)
    from planner.web import services

    with app.app_context():
        report = services.latest(project_id).report
    assert any(f["rule"] == "room.window-missing" and f["subject"] == f"room:{room.id}"
               for f in report["findings"])
    assert client.post(f"/prosjekt/{project_id}/rom/{room.id}/vindu", data={
        "window-base_version": number, "window-width_m": "1,2", "window-height_m": "1,3"}).status_code == 302
    with app.app_context():
        report = services.latest(project_id).report
    assert not any(f["rule"] == "room.window-missing" and f["subject"] == f"room:{room.id}"
                   for f in report["findings"])
    number, plan = _latest(app, project_id)
    doors_before = len(plan.buildings[0].doors)
    neighbour = next(r for r in plan.buildings[0].rooms if r.type in ("hall", "entry"))
    response = client.post(f"/prosjekt/{project_id}/rom/{room.id}/dor", data={
        "door-base_version": number, "door-to_room": neighbour.id, "door-width_m": "0,9"})
    assert response.status_code in (302, 422)
    if response.status_code == 302:
        assert len(_latest(app, project_id)[1].buildings[0].doors) == doors_before + 1
    else:
        assert "ingen felles vegg" in response.get_data(as_text=True)


def test_a_door_to_a_room_that_is_not_next_door_is_refused_with_a_plain_message(app, client, auth):
    project_id = _room_project(app, client, auth)
    number, plan = _latest(app, project_id)
    from planner.geometry import polygon

    rooms = plan.buildings[0].rooms
    a = rooms[0]
    far = next(r for r in rooms if r.storey == a.storey and r.id != a.id
               and polygon(r.polygon).distance(polygon(a.polygon)) > 0.5)
    response = client.post(f"/prosjekt/{project_id}/rom/{a.id}/dor", data={
        "door-base_version": number, "door-to_room": far.id, "door-width_m": "0,9"})
    assert response.status_code == 422
    assert "ingen felles vegg" in response.get_data(as_text=True)
    assert _latest(app, project_id)[0] == number


def test_versions_are_listed_and_two_can_be_compared(app, client, auth):
    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = next(r for r in plan.buildings[0].rooms if r.type == "bedroom")
    client.post(f"/prosjekt/{project_id}/rom/{room.id}", data={
        "room-base_version": 2, "room-name": "Gjesterom", "room-type": "bedroom", "room-note": "nytt navn"})
    page = client.get(f"/prosjekt/{project_id}/versjoner").get_data(as_text=True)
    assert "nytt navn" in page and "fra fil" in page
    page = client.get(f"/prosjekt/{project_id}/sammenlign?a=1&b=2").get_data(as_text=True)
    assert "Funn som kom til" in page and "Funn som forsvant" in page and room.name in page
    assert "finnes ikke" in page
    # the drawings side by side: version 1 has no floor plan, version 2 has
    page = client.get(f"/prosjekt/{project_id}/sammenlign?a=2&b=3").get_data(as_text=True)
    images = re.findall(r'<img src="(/prosjekt/\d+/v(\d)/plan-[^"]*utsnitt=tegning[^"]*)"', page)
    assert sorted(n for _src, n in images) == ["2", "3"]
    assert all(client.get(src.replace("&amp;", "&")).status_code == 200 for src, _n in images)
    page = client.get(f"/prosjekt/{project_id}/sammenlign?a=1&b=2").get_data(as_text=True)
    assert "Finnes ikke i denne versjonen." in page


def test_members_download_the_plan_json_and_drawings(app, client, auth, team):
    auth.login(team.emails["contractor"])
    response = client.get(f"/prosjekt/{team.project_id}/last-ned/plan.json")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    from planner import model

    assert model.loads(response.data).buildings
    svg = client.get(f"/prosjekt/{team.project_id}/last-ned/tomt.svg")
    import xml.etree.ElementTree as ET

    assert ET.fromstring(svg.data).tag.endswith("svg")
    page = client.get(f"/prosjekt/{team.project_id}/last-ned").get_data(as_text=True)
    assert "plan.json" in page


def test_the_check_api_answers_with_the_report_in_the_asked_language(client, auth, team):
    auth.login(team.emails["mentor"])
    data = client.get(f"/prosjekt/{team.project_id}/api/sjekk?lang=en").get_json()
    assert data["version"] == 2 and "summary" in data and data["role"] == "mentor"
    assert all("message" in f and "rule" in f for f in data["findings"])


def test_user_text_is_escaped_in_pages_and_drawings(app, client, auth):
    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = plan.buildings[0].rooms[0]
    evil = '<script>alert(1)</script>&"'
    client.post(f"/prosjekt/{project_id}/rom/{room.id}",
                data={"room-base_version": 2, "room-name": evil, "room-type": room.type})
    page = client.get(f"/prosjekt/{project_id}/plantegning").get_data(as_text=True)
    assert evil not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    number, plan = _latest(app, project_id)
    svg = client.get(f"/prosjekt/{project_id}/v{number}/plan-{plan.buildings[0].id}-{room.storey}.svg").data
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    assert not any(el.tag.endswith("script") for el in root.iter())
    assert b"<script>" not in svg


def test_floor_plan_suggestions_are_shown_side_by_side_and_the_chosen_one_is_saved(app, client, auth):
    project_id = _new_project(client, auth)
    client.post(f"/prosjekt/{project_id}/husstand", data={
        "base_version": 1, "name": "B", "members-0-role": "adult", "members-1-role": "child",
        "members-1-age": "4", "accessible": "yes"})
    client.post(f"/prosjekt/{project_id}/rombehov", data={
        "base_version": 2, "needs-0-type": "bedroom", "needs-0-count": "2", "needs-1-type": "living",
        "needs-1-count": "1", "needs-2-type": "kitchen", "needs-2-count": "1"})
    client.post(f"/prosjekt/{project_id}/tomt",
                data=_plot_form(base_version=3, corners="0 0\n30 0\n30 28\n0 28"))
    page = client.get(f"/prosjekt/{project_id}/plantegning/forslag").get_data(as_text=True)
    forms = re.findall(r'name="plan" type="hidden" value="([^"]+)"', page)
    assert len(forms) >= 2 and page.count('src="data:image/svg+xml;base64,') == len(forms)
    import html

    chosen = html.unescape(forms[1])
    response = client.post(f"/prosjekt/{project_id}/plantegning/forslag", data={
        "base_version": 4, "plan": chosen, "note": "Forslag 2"})
    assert response.status_code == 302
    number, plan = _latest(app, project_id)
    assert number == 5 and plan.buildings and plan.buildings[0].extra["layout"]["variant"] == 2
    from planner.web import services

    with app.app_context():
        assert services.latest(project_id).report["ok"]


def test_on_a_tight_plot_the_suggestions_have_two_storeys_each_drawn(app, client, auth):
    project_id = _new_project(client, auth)
    members = {f"members-{i}-role": "adult" if i < 2 else "child" for i in range(6)}
    members |= {f"members-{i}-age": str(3 + i) for i in range(2, 6)}
    client.post(f"/prosjekt/{project_id}/husstand", data={"base_version": 1, "name": "Familien Trang",
                                                           **members})
    client.post(f"/prosjekt/{project_id}/rombehov", data={
        "base_version": 2, "needs-0-type": "bedroom", "needs-0-count": "4", "needs-0-min_area_m2": "8",
        "needs-1-type": "office", "needs-1-count": "1"})
    client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form(
        base_version=3, corners="0 0\n24 0\n24 25\n0 25", max_bya_percent="24", parking_spaces="2",
        parking_space_m2="18"))
    page = client.get(f"/prosjekt/{project_id}/plantegning/forslag").get_data(as_text=True)
    forms = re.findall(r'name="plan" type="hidden" value="([^"]+)"', page)
    assert forms and page.count('src="data:image/svg+xml;base64,') == 2 * len(forms)
    assert page.count("<figcaption>1. etasje</figcaption>") == len(forms)
    assert page.count("<figcaption>2. etasje</figcaption>") == len(forms)
    assert "to etasjer" in page
    response = client.post(f"/prosjekt/{project_id}/plantegning/forslag", data={
        "base_version": 4, "plan": html.unescape(forms[0]), "note": "Forslag 1"})
    assert response.status_code == 302
    _, plan = _latest(app, project_id)
    assert plan.buildings[0].storeys == 2
    floor = client.get(f"/prosjekt/{project_id}/plantegning").get_data(as_text=True)
    assert "plan-A-2.svg" in floor


@pytest.mark.parametrize("kind", ["plan.dxf", "tegninger.pdf", "plan.svg"])
def test_members_download_the_drawings_that_read_back_with_real_readers(client, auth, team, kind, tmp_path):
    auth.login(team.emails["mentor"])
    response = client.get(f"/prosjekt/{team.project_id}/last-ned/{kind}")
    assert response.status_code == 200
    path = tmp_path / kind
    path.write_bytes(response.data)
    if kind == "plan.dxf":
        doc = ezdxf.readfile(path)
        assert len(doc.modelspace()) > 10
    elif kind == "tegninger.pdf":
        import subprocess

        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2
    else:
        import subprocess

        subprocess.run(["rsvg-convert", "-o", str(tmp_path / "plan.png"), str(path)], check=True)
        assert (tmp_path / "plan.png").stat().st_size > 1000


def test_a_project_name_with_markup_is_text_in_the_site_plan_and_the_pages(app, client, auth):
    auth.register()
    evil = "<script>alert(1)</script> & <b>Berg</b>"
    response = client.post("/prosjekt/ny", data={"name": evil, "municipality": "Larvik", "household": evil})
    project_id = int(re.search(r"/prosjekt/(\d+)/", response.location).group(1))
    client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form())
    page = client.get(f"/prosjekt/{project_id}/").get_data(as_text=True)
    assert evil not in page and "&lt;script&gt;" in page
    svg = client.get(f"/prosjekt/{project_id}/v2/tomt.svg").data
    import xml.etree.ElementTree as ET

    root = ET.fromstring(svg)
    assert not any(el.tag.endswith(("script", "b")) for el in root.iter())


def test_a_project_with_two_households_edits_each_one_on_its_own(app, client, auth):
    path = next((p for p in sorted((ROOT / "layouts").glob("*.json"))
                 if len(json.loads(p.read_text())["households"]) > 1), None)
    if path is None:
        pytest.skip("no sample with two households")
    project_id = _new_project(client, auth)
    _upload_plan(client, project_id, 1, path.read_bytes())
    number, plan = _latest(app, project_id)
    second = plan.households[1]
    page = client.get(f"/prosjekt/{project_id}/husstand?husstand={second.id}").get_data(as_text=True)
    assert f'value="{second.name}"' in page and plan.households[0].name in page
    client.post(f"/prosjekt/{project_id}/husstand?husstand={second.id}", data={
        "base_version": number, "name": "Andre husstand", "members-0-role": "adult", "accessible": "no"})
    _, after = _latest(app, project_id)
    assert after.households[1].name == "Andre husstand"
    assert after.households[0].name == plan.households[0].name


def test_a_plot_upload_based_on_an_older_version_is_refused_and_changes_nothing(app, client, auth):
    project_id = _new_project(client, auth)
    assert client.post(f"/prosjekt/{project_id}/tomt", data=_plot_form()).status_code == 302
    ring = [[0, 0], [12, 0], [12, 9], [0, 9]]
    response = client.post(f"/prosjekt/{project_id}/tomt/last-opp", data={
        "upload-base_version": 1, "upload-file": (io.BytesIO(_geojson(ring)), "tomt.geojson")},
        content_type="multipart/form-data")
    assert response.status_code == 409
    assert "Noen lagret i mellomtiden" in response.get_data(as_text=True)
    number, plan = _latest(app, project_id)
    assert number == 2 and plan.plot.boundary == [[0, 0], [30, 0], [30, 25.5], [0, 25.5]]


def _stale_posts(plan):
    b = plan.buildings[0]
    room = next(r for r in b.rooms if r.type == "bedroom")
    window = next(i for i, w in enumerate(b.windows) if w.room == room.id)
    hall = next(r for r in b.rooms if r.type == "hall")
    return {
        "husstand": ("/husstand", {"base_version": 2, "name": "X", "members-0-role": "adult",
                                   "accessible": "yes"}),
        "rombehov": ("/rombehov", {"base_version": 2, "needs-0-type": "bedroom", "needs-0-count": "2"}),
        "tomt": ("/tomt", _plot_form(base_version=2)),
        "rom": (f"/rom/{room.id}", {"room-base_version": 2, "room-name": "Nytt navn",
                                    "room-type": "bedroom"}),
        "vegg": (f"/rom/{room.id}/vegg", {"wall-base_version": 2, "wall-wall": "0", "wall-depth_m": "3,5"}),
        "dor": (f"/rom/{room.id}/dor", {"door-base_version": 2, "door-to_room": hall.id,
                                        "door-width_m": "0,9"}),
        "vindu": (f"/rom/{room.id}/vindu", {"window-base_version": 2, "window-width_m": "1",
                                            "window-height_m": "1"}),
        "fjern-vindu": (f"/rom/{room.id}/fjern-vindu", {"remove-base_version": 2,
                                                        "remove-index": str(window)}),
        "plan": ("/plantegning/last-opp", {"base_version": 2,
                                           "file": (io.BytesIO(SAMPLE.read_bytes()), "p.json")}),
    }


@pytest.mark.parametrize("form", ["husstand", "rombehov", "tomt", "rom", "vegg", "dor", "vindu",
                                  "fjern-vindu", "plan"])
def test_every_edit_based_on_an_older_version_is_refused_with_the_input_kept(app, client, auth, form):
    project_id = _room_project(app, client, auth)
    _, plan = _latest(app, project_id)
    room = plan.buildings[0].rooms[0]
    client.post(f"/prosjekt/{project_id}/rom/{room.id}", data={"room-base_version": 2, "room-name": "Endret",
                                                               "room-type": room.type})
    assert _latest(app, project_id)[0] == 3
    path, data = _stale_posts(plan)[form]
    response = client.post(f"/prosjekt/{project_id}{path}", data=data, content_type="multipart/form-data")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Noen lagret i mellomtiden" in page
    assert re.search(r'name="([\w]+-)?base_version" type="hidden" value="3"', page)
    assert _latest(app, project_id)[0] == 3
