"""The forms as a family tries them (issue 11): numbers in the page's locale, ages and counts that
refuse what they cannot read, sensible new rows and limits said plainly, the wheelchair question
left to the household, no red "Må rettes" on a new project, wording and version notes per language,
room suggestions and the way forward when a draft cannot be made."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _new_project(client, auth, **extra):
    auth.register()
    response = client.post("/prosjekt/ny", data={"name": "Familien Berg", "municipality": "Larvik",
                                                 "household": "Familien Berg"} | extra)
    assert response.status_code == 302
    return int(re.search(r"/prosjekt/(\d+)/", response.location).group(1))


def _latest(app, project_id):
    from planner.web import services

    with app.app_context():
        v = services.latest(project_id)
        return v.number, services.plan_of(v)


def _household(client, project_id, base, members, **extra):
    data = {"base_version": base, "name": "Familien Berg"} | extra
    for i, (role, age) in enumerate(members):
        data[f"members-{i}-role"] = role
        if age is not None:
            data[f"members-{i}-age"] = age
    return client.post(f"/prosjekt/{project_id}/husstand", data=data)


def test_an_age_of_4_comma_5_or_with_letters_is_refused_with_a_message_and_kept_as_typed(app, client, auth):
    project_id = _new_project(client, auth)
    for typed, words in (("4,5", "Skriv et helt tall, for eksempel 4 (ikke 4,5)"), ("4 år", "bare sifre"),
                         ("fire", "bare sifre")):
        r = _household(client, project_id, 1, [("adult", None), ("child", typed)], accessible="yes")
        page = r.get_data(as_text=True)
        assert r.status_code == 422 and words in page, typed
        assert f'value="{typed}"' in page
    assert _latest(app, project_id)[0] == 1
    page = client.get(f"/prosjekt/{project_id}/husstand").get_data(as_text=True)
    assert 'type="number"' not in page and 'inputmode="numeric"' in page


def test_a_new_person_row_is_an_adult_until_there_are_two_then_a_child(client, auth):
    project_id = _new_project(client, auth)
    r = _household(client, project_id, 1, [("adult", None)], row_action="add:members")
    assert re.search(r'<option selected value="adult">|<option value="adult" selected>',
                     r.get_data(as_text=True).split('id="members-1-role"')[1].split("</select>")[0])
    r = _household(client, project_id, 1, [("adult", None), ("adult", None)], row_action="add:members")
    new_row = r.get_data(as_text=True).split('id="members-2-role"')[1].split("</select>")[0]
    assert re.search(r'selected value="child"|value="child" selected', new_row)
    select = re.search(r'<select[^>]*id="members-2-role"[^>]*>', r.get_data(as_text=True)).group(0)
    assert "autofocus" in select


def test_the_twenty_person_limit_is_said_plainly(client, auth):
    project_id = _new_project(client, auth)
    members = [("adult", None)] * 2 + [("child", "5")] * 18
    r = _household(client, project_id, 1, members, row_action="add:members", accessible="no")
    page = r.get_data(as_text=True)
    assert "høyst 20 personer" in page
    assert page.count('name="members-') // 3 >= 20 and 'name="members-20-role"' not in page
    r = _household(client, project_id, 1, members[:19], accessible="no")
    assert "Opptil 20 personer i én husstand" in client.get(f"/prosjekt/{project_id}/husstand").get_data(
        as_text=True)


def test_the_wheelchair_question_is_not_answered_for_the_household(app, client, auth):
    project_id = _new_project(client, auth)
    page = client.get(f"/prosjekt/{project_id}/husstand").get_data(as_text=True)
    radios = re.findall(r'<input[^>]*name="accessible"[^>]*>', page)
    assert len(radios) == 2 and not any("checked" in r for r in radios)
    assert _household(client, project_id, 1, [("adult", None)]).status_code == 302
    assert _latest(app, project_id)[1].households[0].accessible is None
    assert _household(client, project_id, 2, [("adult", None)], accessible="no").status_code == 302
    assert _latest(app, project_id)[1].households[0].accessible is False
    page = client.get(f"/prosjekt/{project_id}/husstand").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="no"|<input[^>]*value="no"[^>]*checked', page)


def test_numbers_come_back_with_a_decimal_comma_and_30_percent_is_accepted(app, client, auth):
    project_id = _new_project(client, auth)
    r = client.post(f"/prosjekt/{project_id}/tomt", data={
        "base_version": 1, "corners": "0 0\n30 0\n30 25\n0 25", "max_bya_percent": "30 %",
        "neighbour_distance_m": "4,5", "parking_space_m2": "25,5"})
    assert r.status_code == 302
    plot = _latest(app, project_id)[1].plot
    assert plot.regulation.max_bya_percent == 30 and plot.regulation.parking_space_m2 == 25.5
    page = client.get(f"/prosjekt/{project_id}/tomt").get_data(as_text=True)
    assert 'value="25,5"' in page and 'value="4,5"' in page and 'value="25.5"' not in page


def test_the_room_page_shows_its_defaults_in_the_page_locale(app, client, auth, team):
    client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password})
    _, plan = _latest(app, team.project_id)
    room = plan.buildings[0].rooms[0].id
    page = client.get(f"/prosjekt/{team.project_id}/rom/{room}").get_data(as_text=True)
    assert 'value="0,9"' in page and 'value="0.9"' not in page


def test_a_new_project_is_not_red_before_any_plot_exists(client, auth):
    project_id = _new_project(client, auth)
    page = client.get(f"/prosjekt/{project_id}/").get_data(as_text=True)
    assert "Må rettes" not in page and "sjekkene starter når tomten er lagt inn" in page


def test_gnr_and_bnr_are_asked_when_the_project_starts_and_stored_in_the_plan(app, client, auth):
    project_id = _new_project(client, auth, gnr="12", bnr="345")
    _, plan = _latest(app, project_id)
    assert (plan.project.gnr, plan.project.bnr) == (12, 345)
    r = client.post("/prosjekt/ny", data={"name": "X", "municipality": "Larvik", "household": "X",
                                          "gnr": "12,5"})
    assert r.status_code == 422 and 'value="12,5"' in r.get_data(as_text=True)


def test_automatic_version_notes_are_shown_in_the_language_of_the_page(app, client, auth):
    project_id = _new_project(client, auth)
    saved = _household(client, project_id, 1, [("adult", None)], accessible="no")
    flashed = client.get(saved.location).get_data(as_text=True)
    assert "Husstanden er lagret." in flashed and "@household" not in flashed
    from planner.web import services

    with app.app_context():
        assert [v.note for v in services.versions(project_id)] == ["@household", "@created"]
    page = client.get(f"/prosjekt/{project_id}/versjoner").get_data(as_text=True)
    assert "Husstanden er lagret." in page and "Prosjektet er opprettet" in page
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = client.get(f"/prosjekt/{project_id}/versjoner").get_data(as_text=True)
    assert "The household is saved." in page and "The project is created" in page
    assert "Husstanden er lagret" not in page


def test_old_notes_stored_as_text_are_shown_in_the_page_language_too(app):
    from planner.web.projects.notes import render

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert render("Prosjektet er opprettet") == "The project is created"
        assert render("Tomten er lagret.") == "The plot is saved."
        assert render("Vi flyttet kjøkkenet") == "Vi flyttet kjøkkenet"


def test_the_suggestion_for_twenty_people_shares_bedrooms_and_adds_bathrooms(app, client, auth):
    project_id = _new_project(client, auth)
    members = [("adult", None)] * 4 + [("child", str(2 + i % 10)) for i in range(16)]
    assert _household(client, project_id, 1, members, accessible="no").status_code == 302
    page = client.post(f"/prosjekt/{project_id}/rombehov", data={"base_version": 2, "row_action": "suggest"}
                       ).get_data(as_text=True)
    types = re.findall(r'id="needs-(\d+)-type"[^>]*>.*?<option selected value="(\w+)"', page, flags=re.S)
    counts = dict(re.findall(r'id="needs-(\d+)-count"[^>]*value="(\d+)"', page))
    rooms = {}
    for i, t in types:
        rooms[t] = rooms.get(t, 0) + int(counts[i])
    assert 8 <= rooms["bedroom"] <= 12 and rooms["bathroom"] >= 4
    assert sum(rooms.values()) <= 24
    assert "Slik er forslaget laget" in page


def test_too_many_rooms_for_a_draft_offers_a_way_forward(app, client, auth):
    project_id = _new_project(client, auth)
    _household(client, project_id, 1, [("adult", None)], accessible="no")
    client.post(f"/prosjekt/{project_id}/rombehov", data={"base_version": 2, "needs-0-type": "bedroom",
                                                          "needs-0-count": "20", "needs-1-type": "office",
                                                          "needs-1-count": "5"})
    client.post(f"/prosjekt/{project_id}/tomt", data={"base_version": 3, "corners": "0 0\n60 0\n60 60\n0 60"})
    page = client.get(f"/prosjekt/{project_id}/plantegning/forslag").get_data(as_text=True)
    assert "høyst 24" in page
    assert f'href="/prosjekt/{project_id}/rombehov"' in page
    assert f'href="/prosjekt/{project_id}/plantegning/last-opp"' in page
