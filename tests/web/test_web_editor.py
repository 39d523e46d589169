"""The editor's JSON API on a real database: roles, CSRF, edits that answer checked plans and store
nothing, saves with the version-conflict rule, refusals in the page's language, restoring a version."""

from __future__ import annotations

import json

import pytest
from app_support import PASSWORD, make_app


def _login(client, team, role="family"):
    assert client.post("/konto/logg-inn", data={"email": team.emails[role], "password": PASSWORD}
                       ).status_code == 302


def _versions(app, project_id):
    from planner.web import services

    with app.app_context():
        return [v.number for v in services.versions(project_id)]


def _latest_doc(app, project_id):
    from planner.web import services

    with app.app_context():
        return json.loads(services.latest(project_id).body)


def _edit(client, team, edit, plan=None, base=2, lang=None):
    body = {"edit": edit}
    if plan is not None:
        body["plan"] = plan
    else:
        body["base_version"] = base
    headers = {"Accept-Language": lang} if lang else {}
    return client.post(f"/prosjekt/{team.project_id}/api/rediger", json=body, headers=headers)


def test_the_state_of_the_latest_version_for_the_family(app, client, team):
    _login(client, team)
    r = client.get(f"/prosjekt/{team.project_id}/api/plan")
    assert r.status_code == 200
    data = r.get_json()
    assert data["version"] == 2 and data["plan"]["format"] == "plan/1"
    assert "r-sov1" in data["figures"]["rooms"] and data["figures"]["rooms"]["r-sov1"]["area"] > 5
    assert dict(data["room_types"])["bedroom"]


def test_an_edit_answers_the_changed_plan_with_its_findings_and_stores_nothing(app, client, team):
    _login(client, team)
    r = _edit(client, team, {"kind": "move_wall", "room": "r-gang", "edge": 2, "offset_m": 2.0})
    assert r.status_code == 200
    data = r.get_json()
    gang = next(x for x in data["plan"]["buildings"][0]["rooms"] if x["id"] == "r-gang")
    assert gang["polygon"][2][1] == 17.0
    shallow = [f for f in data["findings"] if f["rule"] == "room.min-area"]
    assert {f["subject"] for f in shallow} >= {"room:r-sov1", "room:r-sov2", "room:r-sov3"}
    assert all(f["message"] for f in shallow)
    assert data["figures"]["rooms"]["r-gang"]["area"] > 40
    assert data["stopped"] is None
    assert _versions(app, team.project_id) == [2, 1]


def test_an_edit_of_a_sent_document_works_on_that_document(app, client, team):
    _login(client, team)
    doc = _latest_doc(app, team.project_id)
    doc["buildings"][0]["rooms"][0]["name"] = "Vindfang"
    r = _edit(client, team, {"kind": "set_room", "room": "r-sov1", "name": "Barnerom"}, plan=doc)
    rooms = {x["id"]: x["name"] for x in r.get_json()["plan"]["buildings"][0]["rooms"]}
    assert rooms["r-entre"] == "Vindfang" and rooms["r-sov1"] == "Barnerom"


@pytest.mark.parametrize("lang, words", [("nb", "smalere enn 1,00 m"), ("en", "narrower than 1.00 m")])
def test_a_refused_edit_says_why_in_the_page_language_and_stores_nothing(app, client, team, lang, words):
    _login(client, team)
    client.post("/sprak", data={"lang": lang, "next": "/"})
    r = _edit(client, team, {"kind": "set_dimension", "room": "r-sov2", "edge": 1, "value_m": 0.5})
    assert r.status_code == 422
    refused = r.get_json()["refused"]
    assert refused["key"] == "a room would be narrower than 1 m" and refused["subject"] == "room:r-sov2"
    assert words in refused["message"] and "Soverom 2" in refused["message"]
    assert _versions(app, team.project_id) == [2, 1]


def test_a_drag_past_the_limit_answers_where_it_stopped_and_why(app, client, team):
    _login(client, team)
    r = _edit(client, team, {"kind": "move_wall", "room": "r-sov1", "edge": 1, "offset_m": -2.5,
                             "clamp": True})
    data = r.get_json()
    assert r.status_code == 200 and data["stopped"]["key"] == "a door would be off its wall"
    assert "access.door-off-wall" not in {f["rule"] for f in data["findings"]}


@pytest.mark.parametrize("body", [
    "not json", json.dumps([1, 2]), json.dumps({"edit": {"kind": "move_wall"}, "base_version": 99}),
    json.dumps({"edit": {"kind": "set_room", "room": "r-sov1"}, "plan": {"format": "plan/2"}}),
    json.dumps({"edit": "x", "base_version": 2}),
    json.dumps({"edit": {"kind": "set_room", "room": "r-sov1"},
                "plan": {"format": "plan/1", "project": "x"}}),
])
def test_bad_requests_get_a_json_answer_never_a_500(app, client, team, body):
    _login(client, team)
    r = client.post(f"/prosjekt/{team.project_id}/api/rediger", data=body, content_type="application/json")
    assert 400 <= r.status_code < 500
    assert r.is_json and (r.get_json().get("error") or r.get_json().get("refused"))
    assert _versions(app, team.project_id) == [2, 1]


def test_the_municipal_planner_may_edit_the_plot_but_not_the_floor_plan(app, client, team):
    _login(client, team, "planner")
    assert _edit(client, team, {"kind": "move_wall", "room": "r-gang", "edge": 2, "offset_m": 0.5}
                 ).status_code == 403
    r = _edit(client, team, {"kind": "set_road_edge", "edge": 1})
    assert r.status_code == 200 and 1 in r.get_json()["plan"]["plot"]["road_edges"]
    saved = client.post(f"/prosjekt/{team.project_id}/api/lagre",
                        json={"plan": r.get_json()["plan"], "base_version": 2})
    assert saved.status_code == 200 and saved.get_json()["version"] == 3
    floor = _edit(client, team, {"kind": "set_room", "room": "r-sov1", "name": "X"}, base=3)
    assert floor.status_code == 403
    doc = _latest_doc(app, team.project_id)
    doc["buildings"][0]["rooms"][0]["name"] = "Endret av planleggeren"
    assert client.post(f"/prosjekt/{team.project_id}/api/lagre", json={"plan": doc, "base_version": 3}
                       ).status_code == 403
    assert _versions(app, team.project_id) == [3, 2, 1]


@pytest.mark.parametrize("role, status", [("contractor", 403), ("mentor", 403), ("stranger", 404)])
def test_others_may_not_use_the_editor(app, client, team, role, status):
    _login(client, team, role)
    assert client.get(f"/prosjekt/{team.project_id}/api/plan").status_code == status
    assert _edit(client, team, {"kind": "set_road_edge", "edge": 1}).status_code == status
    doc = _latest_doc(app, team.project_id)
    assert client.post(f"/prosjekt/{team.project_id}/api/lagre",
                       json={"plan": doc, "base_version": 2}).status_code == status


def test_saving_stores_a_new_version_and_a_stale_base_is_a_conflict(app, client, team):
    _login(client, team)
    edited = _edit(client, team, {"kind": "move_wall", "room": "r-gang", "edge": 2,
                                  "offset_m": 0.5}).get_json()
    r = client.post(f"/prosjekt/{team.project_id}/api/lagre",
                    json={"plan": edited["plan"], "base_version": 2, "note": "Gangen er bredere"})
    assert r.status_code == 200 and r.get_json()["version"] == 3
    assert _latest_doc(app, team.project_id) == edited["plan"]
    again = client.post(f"/prosjekt/{team.project_id}/api/lagre",
                        json={"plan": edited["plan"], "base_version": 2})
    assert again.status_code == 409 and again.get_json()["latest"] == 3 and again.get_json()["error"]
    assert _versions(app, team.project_id) == [3, 2, 1]
    from planner.web import services

    with app.app_context():
        assert services.latest(team.project_id).note == "Gangen er bredere"


def test_a_save_without_a_base_or_with_a_broken_plan_changes_nothing(app, client, team):
    _login(client, team)
    url = f"/prosjekt/{team.project_id}/api/lagre"
    doc = _latest_doc(app, team.project_id)
    assert client.post(url, json={"plan": doc}).status_code == 400
    doc["buildings"][0]["doors"][0]["rooms"] = ["r-sov1", "nowhere"]
    r = client.post(url, json={"plan": doc, "base_version": 2})
    assert r.status_code == 400 and "nowhere" in r.get_json()["error"]
    assert _versions(app, team.project_id) == [2, 1]


def test_json_writes_need_the_csrf_token(tmp_path):
    from planner import model
    from planner.web import services

    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        user = services.register("f@example.no", "F", PASSWORD)
        project = services.create_project(user, "P", "K", "H")
        pid = project.id
    client = app.test_client()
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert client.post("/konto/logg-inn", data={"email": "f@example.no", "password": PASSWORD,
                                                "csrf_token": token}).status_code == 302
    body = {"edit": {"kind": "plot_sides", "sides": [{"length_m": 20}, {"length_m": 15}, {"length_m": 20}]},
            "base_version": 1}
    assert client.post(f"/prosjekt/{pid}/api/rediger", json=body).status_code == 400
    ok = client.post(f"/prosjekt/{pid}/api/rediger", json=body, headers={"X-CSRFToken": token})
    assert ok.status_code == 200
    assert model.from_dict(ok.get_json()["plan"]).plot.boundary[2] == [20.0, 15.0]
    saved = client.post(f"/prosjekt/{pid}/api/lagre", json={"plan": ok.get_json()["plan"], "base_version": 1})
    assert saved.status_code == 400
    with app.app_context():
        assert [v.number for v in services.versions(pid)] == [1]


def test_an_earlier_version_is_restored_as_a_new_version(app, client, team):
    _login(client, team)
    first = _latest_doc(app, team.project_id)
    edited = _edit(client, team, {"kind": "delete_window", "building": "A", "window": 4}).get_json()
    client.post(f"/prosjekt/{team.project_id}/api/lagre", json={"plan": edited["plan"], "base_version": 2})
    page = client.get(f"/prosjekt/{team.project_id}/versjoner").get_data(as_text=True)
    assert f"/prosjekt/{team.project_id}/versjoner/2/gjenopprett" in page
    assert f"/prosjekt/{team.project_id}/versjoner/3/gjenopprett" not in page  # the latest needs no restore
    r = client.post(f"/prosjekt/{team.project_id}/versjoner/2/gjenopprett")
    assert r.status_code == 302
    assert _versions(app, team.project_id) == [4, 3, 2, 1]
    assert _latest_doc(app, team.project_id) == first
    assert client.post(f"/prosjekt/{team.project_id}/versjoner/99/gjenopprett").status_code == 404


def test_only_the_family_restores_and_sees_the_restore_buttons(app, client, team):
    _login(client, team, "planner")
    assert "gjenopprett" not in client.get(f"/prosjekt/{team.project_id}/versjoner").get_data(as_text=True)
    assert client.post(f"/prosjekt/{team.project_id}/versjoner/1/gjenopprett").status_code == 403
    assert _versions(app, team.project_id) == [2, 1]


def test_the_floor_plan_page_carries_the_editor_for_the_family_only(app, client, team):
    _login(client, team)
    page = client.get(f"/prosjekt/{team.project_id}/plantegning").get_data(as_text=True)
    assert 'id="editor"' in page and "js/editor/floor.js" in page and 'type="module"' in page
    assert "<script>" not in page and " style=" not in page
    client.post("/konto/logg-ut")
    _login(client, team, "contractor")
    assert 'id="editor"' not in client.get(f"/prosjekt/{team.project_id}/plantegning").get_data(as_text=True)


def test_the_room_form_refuses_a_wall_that_makes_the_room_too_narrow(app, client, team):
    _login(client, team)
    r = client.post(f"/prosjekt/{team.project_id}/rom/r-sov2/vegg",
                    data={"wall-wall": "1", "wall-depth_m": "0,5", "wall-base_version": "2"})
    assert r.status_code == 422
    assert _versions(app, team.project_id) == [2, 1]


def test_the_room_form_names_the_limit_in_words(app, client, team):
    _login(client, team)
    r = client.post(f"/prosjekt/{team.project_id}/rom/r-sov2/vegg",
                    data={"wall-wall": "1", "wall-depth_m": "0,8", "wall-base_version": "2"})
    assert r.status_code == 422
    assert "smalere enn 1,00 m" in r.get_data(as_text=True)


def test_a_road_given_on_the_plot_answers_its_finding_and_a_bad_one_names_its_field(app, client, team):
    """A municipal road whose centre line is 10 m out from a road edge 3 m from the house: the answer
    has the 15 m finding of the Roads Act; a bad kind is refused with the JSON path of the field."""
    _login(client, team)
    doc = _latest_doc(app, team.project_id)
    doc["plot"]["boundary"] = [[0, 6], [30, 6], [30, 28], [0, 28]]
    doc["plot"]["regulation"].pop("road_distance_m", None)
    r = _edit(client, team, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                             "name": "Tanumveien", "centre_m": 10}, plan=doc)
    assert r.status_code == 200, r.get_data(as_text=True)[:300]
    data = r.get_json()
    assert data["plan"]["plot"]["roads"] == [{"edge": 0, "kind": "municipal", "name": "Tanumveien",
                                              "centreline": [[0.0, -4.0], [30.0, -4.0]]}]
    [f] = [f for f in data["findings"] if f["rule"] == "plot.road-distance"]
    assert f["limit"] == 15.0 and f["measured"] == pytest.approx(13.0)
    assert "Tanumveien" in f["message"] and "veglova" in f["message"]
    bad = _edit(client, team, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "motorway"},
                plan=data["plan"])
    assert bad.status_code == 422
    refused = bad.get_json()["refused"]
    assert refused["path"] == "edit.road_kind" and "kommunal veg" in refused["message"]
    far = _edit(client, team, {"kind": "set_road_edge", "edge": 0, "road": True, "road_kind": "municipal",
                               "centre_m": 900}, plan=data["plan"])
    assert far.status_code == 422 and far.get_json()["refused"]["path"] == "edit.centre_m"
    message = far.get_json()["refused"]["message"]
    assert "Avstanden til midtlinjen av vegen må være mellom 0,50 og 500,00" in message
    off = _edit(client, team, {"kind": "set_road_edge", "edge": 0, "road": False}, plan=data["plan"])
    plot = off.get_json()["plan"]["plot"]
    assert "roads" not in plot and plot["road_edges"] == []
    assert _versions(app, team.project_id) == [2, 1]


def test_the_state_names_the_ranges_the_editor_checks_and_a_door_height_is_refused_in_words(app, client,
                                                                                             team):
    _login(client, team)
    limits = client.get(f"/prosjekt/{team.project_id}/api/plan").get_json()["limits"]
    assert limits["door_height_m"] == [1.8, 3.0] and limits["road_centre_m"] == [0.5, 500.0]
    r = _edit(client, team, {"kind": "set_door", "building": "A", "door": 0, "height_m": 1.5})
    assert r.status_code == 422
    refused = r.get_json()["refused"]
    assert refused["path"] == "edit.height_m" and refused["message"] == "Høyden må være mellom 1,80 og 3,00."
    ok = _edit(client, team, {"kind": "set_door", "building": "A", "door": 0, "height_m": 2.2})
    assert ok.get_json()["plan"]["buildings"][0]["doors"][0]["height_m"] == 2.2


def test_the_room_form_adds_a_door_with_its_clear_height(app, client, team):
    _login(client, team)
    page = client.get(f"/prosjekt/{team.project_id}/rom/r-stue").get_data(as_text=True)
    assert 'name="door-height_m"' in page and "Fri høyde (m)" in page
    r = client.post(f"/prosjekt/{team.project_id}/rom/r-stue/dor",
                    data={"door-base_version": 2, "door-to_room": "r-kjokken", "door-width_m": "0,9",
                          "door-height_m": "2,3"})
    assert r.status_code == 302, r.get_data(as_text=True)[:500]
    doors = _latest_doc(app, team.project_id)["buildings"][0]["doors"]
    assert sorted(doors[-1]["rooms"]) == ["r-kjokken", "r-stue"] and doors[-1]["height_m"] == 2.3
    low = client.post(f"/prosjekt/{team.project_id}/rom/r-stue/dor",
                      data={"door-base_version": 3, "door-to_room": "r-kjokken", "door-width_m": "0,9",
                            "door-height_m": "1,2"})
    text = low.get_data(as_text=True)
    assert low.status_code == 422 and ("1.8" in text or "1,8" in text)
    assert len(_latest_doc(app, team.project_id)["buildings"][0]["doors"]) == len(doors)
