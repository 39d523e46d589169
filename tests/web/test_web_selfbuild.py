"""The self-build pages: the family proposes, the contractor decides, the history is kept."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from pypdf import PdfReader


def _client(app, team, role):
    client = app.test_client()
    assert client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password}
                       ).status_code == 302
    return client


def _latest(app, team):
    """The latest version's number and its plan, with the decisions (task events) laid over it."""
    from planner.web.selfbuild import services

    with app.app_context():
        v, plan = services.current(team.project_id)
        return v.number, plan


def _raw(app, team):
    """The latest stored plan as it is, without the task events."""
    from planner.web import services

    with app.app_context():
        return services.plan_of(services.latest(team.project_id))


def _events(app, team):
    from planner.web.extensions import db
    from planner.web.selfbuild.models import TaskEvent

    with app.app_context():
        return [(e.contribution_id, e.action, e.status, e.comment, e.user.email, e.version_number)
                for e in db.session.query(TaskEvent).order_by(TaskEvent.id)]


def _url(team, tail=""):
    return f"/prosjekt/{team.project_id}/egeninnsats{tail}"


def _propose(client, team, base, task, rooms=(), who="adults", hours=""):
    return client.post(_url(team, "/foresla"),
                       data={"base_version": base, "task": task, "rooms": list(rooms), "who": who,
                             "hours": hours})


def _total_hours(html: str) -> str:
    return re.search(r'id="total-hours">([^<]+)<', html).group(1)


def test_the_page_shows_each_task_with_its_estimate_and_says_every_figure_is_an_estimate(app, team):
    html = _client(app, team, "family").get(_url(team)).get_data(as_text=True)
    assert "Male vegger" in html and "Soverom 1, Soverom 2, Soverom 3" in html
    assert "Arbeidet dere gjør tilsvarer om lag" in html
    assert "Alle tall er anslag." in html and "Timer (anslag)" in html
    assert _total_hours(html) == "21,2 t"
    assert '<title id="chart-title">Egeninnsats: timer (estimat)</title>' in html  # the chart, inline


def test_only_allowed_tasks_are_offered_and_the_others_say_who_must_do_them(app, team):
    html = _client(app, team, "family").get(_url(team)).get_data(as_text=True)
    select = re.search(r'<select[^>]*name="task".*?</select>', html, flags=re.S).group(0)
    assert 'value="paint_walls"' in select and 'value="electrical_work"' not in select
    assert "Elektrisk arbeid skal gjøres av en registrert elektroinstallatør" in html
    assert "Membran i våtrom skal gjøres av et våtromssertifisert foretak" in html


def test_a_proposed_task_is_saved_as_a_new_version_and_the_totals_change_at_once(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    response = _propose(family, team, base, "lay_flooring", rooms=["r-stue"], who="adults")
    assert response.status_code == 302
    number, plan = _latest(app, team)
    assert number == base + 1
    c = plan.households[0].contributions[-1]
    assert (c.id, c.task, c.rooms, c.who, c.status, c.phase) == ("c2", "lay_flooring", ["r-stue"], "adults",
                                                                 "proposed", "finishing")
    assert _events(app, team) == [("c2", "proposed", "proposed", "", team.emails["family"], number)]
    html = family.get(_url(team)).get_data(as_text=True)
    assert _total_hours(html) != "21,2 t"
    assert "Oppgaven er lagt til i egeninnsatsen deres." in html


def test_a_not_allowed_task_is_refused_with_who_must_do_it_and_nothing_is_saved(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    response = _propose(family, team, base, "wet_room_membrane", rooms=["r-bad"])
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Denne oppgaven kan ikke familien gjøre selv: Membran i våtrom skal gjøres av et " \
           "våtromssertifisert foretak" in html
    assert 'aria-invalid="true"' in html
    assert _latest(app, team)[0] == base and _events(app, team) == []


def test_painting_in_the_bathroom_is_refused_because_it_lies_on_the_membrane(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    response = _propose(family, team, base, "paint_walls", rooms=["r-bad", "r-stue"])
    assert response.status_code == 422
    assert "er ikke familiearbeid i våtrom (Bad)" in response.get_data(as_text=True)
    assert _latest(app, team)[0] == base


def test_a_bad_number_keeps_what_was_typed_and_marks_the_field(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    response = _propose(family, team, base, "garden", who="everyone", hours="mange")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="mange"' in html and "Skriv et tall" in html
    assert re.search(r'<option selected value="garden">|<option value="garden" selected>', html)
    assert _latest(app, team)[0] == base


def test_a_save_on_an_old_version_shows_someone_saved_in_between_and_keeps_the_input(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    assert _propose(family, team, base, "garden", who="everyone").status_code == 302
    response = _propose(family, team, base, "lay_turf", who="everyone", hours="12,5")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Noen lagret i mellomtiden" in html and 'value="12,5"' in html
    assert f'name="base_version" type="hidden" value="{base + 1}"' in html
    assert _propose(family, team, base + 1, "lay_turf", who="everyone", hours="12,5").status_code == 302


def test_the_contractors_decline_is_kept_in_the_history_and_leaves_the_totals(app, team):
    contractor = _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    response = contractor.post(_url(team, "/c1/vurder"), data={
        "d-c1-base_version": base, "d-c1-decision": "decline",
        "d-c1-comment": "Vi sparkler og maler selv <før> innflytting."})
    assert response.status_code == 302
    _n, plan = _latest(app, team)
    c = plan.households[0].contributions[0]
    assert c.status == "declined" and c.extra["condition"] == "Vi sparkler og maler selv <før> innflytting."
    comment = "Vi sparkler og maler selv <før> innflytting."
    by = team.emails["contractor"]
    assert _events(app, team) == [("c1", "declined", "declined", comment, by, None)]
    assert _latest(app, team)[0] == base  # a decision is a task event, not a new plan version
    assert _raw(app, team).households[0].contributions[0].status == "proposed"
    html = _client(app, team, "family").get(_url(team)).get_data(as_text=True)
    assert "Vi sparkler og maler selv &lt;før&gt; innflytting." in html  # escaped, in the history
    assert "avslått" in html and _total_hours(html) == "0,0 t"
    # a later acceptance is a new row: the decline stays in the history
    contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base, "d-c1-decision": "accept",
                                                     "d-c1-comment": "Greit likevel."})
    assert [e[1] for e in _events(app, team)] == ["declined", "accepted"]


def test_the_family_marks_an_accepted_task_done_but_not_a_proposed_one(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    refused = family.post(_url(team, "/c1/utfort"), data={"f-c1-base_version": base})
    assert refused.status_code == 422
    assert "Bare en oppgave entreprenøren har godtatt" in refused.get_data(as_text=True)
    contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base, "d-c1-decision": "accept"})
    assert family.post(_url(team, "/c1/utfort"), data={"f-c1-base_version": base}).status_code == 302
    assert _latest(app, team)[1].households[0].contributions[0].status == "done"
    assert [e[1] for e in _events(app, team)] == ["accepted", "done"]


def test_a_decision_without_a_choice_is_refused_on_the_page(app, team):
    contractor = _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    response = contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base,
                                                               "d-c1-comment": "Hmm"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Velg godta eller avslå." in html and "Hmm</textarea>" in html
    assert _latest(app, team)[0] == base


def test_taking_back_a_task_removes_it_from_the_plan_and_keeps_its_history(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    assert family.post(_url(team, "/c1/fjern"), data={"f-c1-base_version": base}).status_code == 302
    assert _latest(app, team)[1].households[0].contributions == []
    assert [e[:2] for e in _events(app, team)] == [("c1", "removed")]
    assert "Oppgaver som er trukket tilbake (1)" in family.get(_url(team)).get_data(as_text=True)


def test_the_contractors_figures_are_stored_per_project_and_change_the_estimate(app, team):
    contractor = _client(app, team, "contractor")
    page = contractor.get(_url(team, "/tall")).get_data(as_text=True)
    assert 'value="400"' in page and 'value="0,25"' in page
    base, _plan = _latest(app, team)
    data = {"base_version": base, "hour_value_nok": "500", "cost_per_m2_bra_nok": "42 000"}
    data |= {m: v for m, v in re.findall(r'<input[^>]*name="(h_\w+)"[^>]*value="([^"]*)"', page)}
    assert len(data) > 10
    data["h_paint_walls"] = "0,5"
    assert contractor.post(_url(team, "/tall"), data=data).status_code == 302
    html = _client(app, team, "mentor").get(_url(team)).get_data(as_text=True)
    assert _total_hours(html) == "42,3 t"  # 84,67 m² wall at 0,5 h
    assert "Timeverdi: 500 kr; byggekostnad: 42\xa0000 kr per m² BRA" in html
    assert "Satt av entreprenøren <bdi>Contractor</bdi>." in html
    assert _latest(app, team)[0] == base  # figures are not a plan change


def test_a_bad_figure_keeps_the_input_and_changes_nothing(app, team):
    contractor = _client(app, team, "contractor")
    response = contractor.post(_url(team, "/tall"), data={"base_version": 2, "hour_value_nok": "-3",
                                                          "cost_per_m2_bra_nok": "abc"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'value="-3"' in html and 'value="abc"' in html and "Skriv et tall" in html
    family_html = _client(app, team, "family").get(_url(team)).get_data(as_text=True)
    assert "Timeverdi: 400 kr" in family_html


def test_members_download_the_work_plan_as_html_and_pdf_and_the_chart(app, team):
    planner = _client(app, team, "planner")
    html = planner.get(_url(team, "/arbeidsplan.html"))
    assert html.status_code == 200 and "attachment" in html.headers["Content-Disposition"]
    assert "Arbeidsplan for egeninnsats" in html.get_data(as_text=True)
    pdf = planner.get(_url(team, "/arbeidsplan.pdf"))
    reader = PdfReader(io.BytesIO(pdf.data))
    assert "Male vegger" in reader.pages[0].extract_text()
    chart = ET.fromstring(planner.get(_url(team, "/timer.svg")).data)
    assert chart.get("role") == "img"


def test_the_floor_plan_colours_the_rooms_the_family_works_in(app, team):
    svg = _client(app, team, "contractor").get(_url(team, "/plan-A-1.svg")).get_data(as_text=True)
    texts = ["".join(t.itertext()) for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert "Male vegger · 7,3 t" in texts and "De voksne" in texts


def test_the_page_shows_the_drawing_cropped_with_who_works_where_as_its_legend(app, team):
    family = _client(app, team, "family")
    html = family.get(_url(team)).get_data(as_text=True)
    legend = re.search(r'<ul class="who-legend">(.*?)</ul>', html, re.S)
    assert legend and "De voksne" in legend.group(1) and 'fill="#' in legend.group(1)
    src = re.search(r'src="([^"]*plan-A-1\.svg[^"]*utsnitt=tegning[^"]*)"', html)
    assert src
    svg = family.get(src.group(1).replace("&amp;", "&")).get_data(as_text=True)
    root = ET.fromstring(svg)
    assert root.get("viewBox") != "0 0 420 297"
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Male vegger · 7,3 t" in texts


def test_the_page_speaks_english(app, team):
    family = _client(app, team, "family")
    family.post("/sprak", data={"lang": "en", "next": "/"})
    html = family.get(_url(team)).get_data(as_text=True)
    assert "Self-build work" in html and "The work you do is worth about NOK" in html
    assert "Paint walls" in html and "Hours by phase (estimate)" in html
    assert "Egeninnsats" not in html.replace("egeninnsats", "")


def test_a_post_without_the_csrf_token_is_refused_and_nothing_is_saved(app, team):
    app.config["WTF_CSRF_ENABLED"] = True
    family = _client_with_csrf(app, team)
    base, _plan = _latest(app, team)
    response = family.post(_url(team, "/foresla"), data={"base_version": base, "task": "garden",
                                                         "who": "everyone"})
    assert response.status_code == 400
    page = family.get(_url(team)).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    ok = family.post(_url(team, "/foresla"), data={"base_version": base, "task": "garden", "who": "everyone",
                                                   "csrf_token": token})
    assert ok.status_code == 302
    assert _latest(app, team)[0] == base + 1


def _client_with_csrf(app, team):
    client = app.test_client()
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password,
                                                "csrf_token": token}).status_code == 302
    return client


def test_the_family_changes_a_declined_task_and_it_is_proposed_again_with_the_history_kept(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    reason = "Ikke soverom 3, der legges det fliser."
    contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base, "d-c1-decision": "decline",
                                                     "d-c1-comment": reason})
    response = family.post(_url(team, "/c1/endre"), data={
        "e-c1-base_version": base, "e-c1-rooms": ["r-sov1", "r-sov2"], "e-c1-who": "adults",
        "e-c1-hours": "14", "e-c1-comment": "Bare to soverom, da."})
    assert response.status_code == 302
    c = _latest(app, team)[1].households[0].contributions[0]
    assert (c.rooms, c.who, c.hours, c.status) == (["r-sov1", "r-sov2"], "adults", 14.0, "proposed")
    assert [e[1:4] for e in _events(app, team)] == [
        ("declined", "declined", "Ikke soverom 3, der legges det fliser."),
        ("edited", "proposed", "Bare to soverom, da.")]
    html = family.get(_url(team)).get_data(as_text=True)
    assert "endret og foreslått på nytt" in html and "Ikke soverom 3, der legges det fliser." in html


def test_an_accepted_task_cannot_be_changed_by_the_family(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base, "d-c1-decision": "accept"})
    response = family.post(_url(team, "/c1/endre"), data={"e-c1-base_version": base,
                                                          "e-c1-who": "adults"})
    assert response.status_code == 422
    assert "En godtatt oppgave er avtalt med entreprenøren" in response.get_data(as_text=True)
    assert _latest(app, team)[1].households[0].contributions[0].status == "accepted"


def test_the_files_members_download_carry_the_contractors_decisions(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base, "d-c1-decision": "accept",
                                                    "d-c1-comment": "Vi leverer malingen."})
    assert _raw(app, team).households[0].contributions[0].status != "accepted"  # an event, not a version
    for client in (family, contractor):
        r = client.get(f"/prosjekt/{team.project_id}/last-ned/plan.json")
        assert r.status_code == 200
        task = r.get_json()["households"][0]["contributions"][0]
        assert (task["id"], task["status"], task["condition"]) == ("c1", "accepted", "Vi leverer malingen.")
