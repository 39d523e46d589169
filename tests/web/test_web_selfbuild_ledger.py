"""The hour ledger: the family logs hours, the contractor confirms, the statement with its checksum;
people as they are (age) and a home that already stands, read from a DXF."""

from __future__ import annotations

import html as htmllib
import io
import re

from PIL import Image
from pypdf import PdfReader
from test_web_selfbuild import _client, _events, _latest, _propose, _url


def _accept(app, team, cid="c1"):
    base, _plan = _latest(app, team)
    r = _client(app, team, "contractor").post(_url(team, f"/{cid}/vurder"), data={
        f"d-{cid}-base_version": base, f"d-{cid}-decision": "accept"})
    assert r.status_code == 302


def _log(client, team, cid="c1", person="Voksen 1", hours="6,5", day="2026-11-14", **extra):
    data = {f"t-{cid}-person": person, f"t-{cid}-day": day, f"t-{cid}-hours": hours,
            f"t-{cid}-note": extra.pop("note", "Første strøk")}
    data.update(extra)
    return client.post(_url(team, f"/{cid}/timer"), data=data, content_type="multipart/form-data")


def _checksum(html: str) -> str:
    return re.search(r'id="ledger-checksum">([0-9a-f]{64})<', html).group(1)


def _rows(app, team):
    from planner.web.extensions import db
    from planner.web.selfbuild.models import HourEntry

    with app.app_context():
        return [(e.person, e.hours, e.note, e.photo is not None) for e in db.session.query(HourEntry)]


def test_hours_are_logged_only_on_an_accepted_task(app, team):
    family = _client(app, team, "family")
    r = _log(family, team)
    assert r.status_code == 422 and "bare på en oppgave som er godtatt" in r.get_data(as_text=True)
    assert _rows(app, team) == []
    _accept(app, team)
    assert _log(family, team).status_code == 302
    assert _rows(app, team) == [("Voksen 1", 6.5, "Første strøk", False)]
    html = family.get(_url(team, "/timeliste")).get_data(as_text=True)
    assert "14.11.2026" in html and "6,50" in html


def test_a_child_below_the_tasks_minimum_age_is_refused_with_a_plain_message(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    r = _propose(family, team, base, "paint_walls", rooms=["r-stue"], who="everyone")
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Male vegger krever at den som gjør arbeidet, er minst 15 år" in html
    assert "Barn 1 (6), Barn 2 (10) er for ung" in html
    assert _latest(app, team)[0] == base
    _accept(app, team)
    r = _log(family, team, person="Barn 2")
    assert r.status_code == 422 and "minst 15 år" in r.get_data(as_text=True)
    assert _rows(app, team) == []
    # garden work has no minimum age
    assert _propose(family, team, base, "garden", who="everyone").status_code == 302


def test_a_photo_is_re_encoded_without_its_metadata_and_a_non_image_is_refused(app, team):
    family = _client(app, team, "family")
    _accept(app, team)
    png = io.BytesIO()
    img = Image.new("RGB", (3000, 2000), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kamera AS"  # Make
    img.save(png, "PNG", exif=exif)
    r = _log(family, team, **{"t-c1-photo": (io.BytesIO(png.getvalue()), "vegg.png")})
    assert r.status_code == 302
    html = family.get(_url(team, "/timeliste")).get_data(as_text=True)
    src = re.search(r'<img src="([^"]+foto\.jpg[^"]*)"', html).group(1).replace("&amp;", "&")
    photo = _client(app, team, "contractor").get(src)
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    stored = Image.open(io.BytesIO(photo.data))
    assert stored.format == "JPEG" and max(stored.size) == 1600 and not stored.getexif()
    bad = _log(family, team, **{"t-c1-photo": (io.BytesIO(b"<svg>not a photo</svg>"), "bilde.png")})
    assert bad.status_code == 422 and "ikke et bilde som kan leses" in bad.get_data(as_text=True)
    assert len(_rows(app, team)) == 1
    assert _client(app, team, "stranger").get(src).status_code == 404


def test_the_contractor_confirms_and_the_statement_pdf_carries_the_ledgers_checksum(app, team):
    family, contractor = _client(app, team, "family"), _client(app, team, "contractor")
    _accept(app, team)
    assert _log(family, team, hours="12").status_code == 302
    assert _log(family, team, person="Voksen 2", hours="10", day="2026-11-15").status_code == 302
    assert family.post(_url(team, "/c1/bekreft"), data={"k-c1-as_agreed": "yes"}).status_code == 403
    refused = contractor.post(_url(team, "/c1/bekreft"), data={"k-c1-as_agreed": "no"})
    assert refused.status_code == 422 and "Si hva som ikke var som avtalt." in refused.get_data(as_text=True)
    note = "Jevnt strøk, god kant mot tak."
    r = contractor.post(_url(team, "/c1/bekreft"), data={"k-c1-as_agreed": "yes", "k-c1-quality_note": note})
    assert r.status_code == 302
    assert _events(app, team)[-1][1:3] == ("confirmed", "accepted")
    page = family.get(_url(team, "/timeliste")).get_data(as_text=True)
    before = _checksum(page)
    pdf = PdfReader(io.BytesIO(family.get(_url(team, "/erklaering.pdf")).data))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert "Erklæring om egeninnsats" in text and "Male vegger" in text
    assert "22,0" in text and "8 800 kr" in text.replace("\xa0", " ")  # 22 h at 400 kr
    assert "Contractor" in text and "Jevnt strøk" in text
    assert before in text.replace(" ", "")
    # the confirmed hours go into the financing plan
    fin = family.get(f"/prosjekt/{team.project_id}/finansiering").get_data(as_text=True)
    assert re.search(r'id="selfbuild-value">−8\xa0800<', fin) and "bekreftet av Contractor" in fin
    # an hour edited later changes the checksum and the statement says the task must be confirmed again
    entry = re.search(r'/timer/(\d+)/endre', page).group(1)
    r = family.post(_url(team, f"/timer/{entry}/endre"), data={
        f"r-{entry}-person": "Voksen 1", f"r-{entry}-day": "2026-11-14", f"r-{entry}-hours": "14",
        f"r-{entry}-note": "Første strøk"})
    assert r.status_code == 302
    page = family.get(_url(team, "/timeliste")).get_data(as_text=True)
    after = _checksum(page)
    assert after != before and "Rader ble endret etter bekreftelsen" in page
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        family.get(_url(team, "/erklaering.pdf")).data)).pages).split())
    assert after in text.replace(" ", "") and "ENDRET ETTER BEKREFTELSEN" in text
    fin = family.get(f"/prosjekt/{team.project_id}/finansiering").get_data(as_text=True)
    assert "anslag: godtatt, ikke bekreftet ennå" in fin  # the change does not count until confirmed again


def test_the_contractor_must_say_why_it_declines(app, team):
    contractor = _client(app, team, "contractor")
    base, _plan = _latest(app, team)
    r = contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": base,
                                                         "d-c1-decision": "decline"})
    assert r.status_code == 422
    assert "Si hvorfor dere avslår, så familien kan endre oppgaven." in r.get_data(as_text=True)
    assert _events(app, team) == []


def test_the_page_puts_the_familys_actions_first_and_words_the_value_per_role(app, team):
    base, _plan = _latest(app, team)
    assert _propose(_client(app, team, "family"), team, base, "lay_flooring", rooms=["r-stue"],
                    who="adults").status_code == 302  # a task the contractor must approve
    family = _client(app, team, "family").get(_url(team)).get_data(as_text=True)
    assert family.index('id="foresla"') < family.index('id="oppgaver"')
    assert "Hva arbeidet deres er verdt (anslag)" in family
    contractor = _client(app, team, "contractor").get(_url(team)).get_data(as_text=True)
    assert "Hva familiens arbeid er verdt (anslag)" in contractor and 'id="foresla"' not in contractor
    assert "entreprenøren må godkjenne denne oppgaven" in contractor
    _accept(app, team, "c2")
    contractor = _client(app, team, "contractor").get(_url(team)).get_data(as_text=True)
    assert "entreprenøren må godkjenne denne oppgaven" not in contractor
    assert "godkjent av entreprenøren" in contractor


def test_people_as_they_are_age_and_hours_a_week(app, team):
    family = _client(app, team, "family")
    page = family.get(_url(team, "/personer"))
    assert page.status_code == 200
    base, _plan = _latest(app, team)
    data = {"p0-base_version": base, "p0-age": "44", "p0-hours_per_week": "6", "p0-skills": ["lay_flooring"],
            "p1-base_version": base, "p1-age": "", "p1-hours_per_week": "",
            "p2-base_version": base, "p2-age": "6", "p3-base_version": base, "p3-age": "16"}
    assert family.post(_url(team, "/personer"), data=data).status_code == 302
    _n, plan = _latest(app, team)
    members = plan.households[0].members
    assert (members[0].age, members[0].extra["hours_per_week"], members[0].extra["skills"]) == \
        (44, 6.0, ["lay_flooring"])
    assert members[3].age == 16
    # the self-build form offers the people with what they said about themselves (members without a name
    # are offered as the household's groups)
    plan.households[0].members[0].name = "Amina"
    from planner.web.selfbuild.views import person_label

    with app.test_request_context():
        label = person_label(plan.households[0], "Amina")
    assert label == "Amina (44 år; 6,0 t i uka; flink til legge gulv (parkett eller laminat))"
    bad = family.post(_url(team, "/personer"), data=data | {"p0-age": "200", "p0-base_version": base + 1})
    assert bad.status_code == 422 and 'value="200"' in bad.get_data(as_text=True)


def _flat_dxf() -> bytes:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "unit"))
    from test_existing_home import flat_dxf

    return flat_dxf()


def test_a_home_that_stands_is_read_from_a_dxf_and_its_owner_approves_the_wet_room_paint(app, team):
    family, planner, contractor = (_client(app, team, r) for r in ("family", "planner", "contractor"))
    base, _plan = _latest(app, team)
    r = family.post(_url(team, "/eksisterende"), data={"x-base_version": base,
                                                       "x-file": (io.BytesIO(_flat_dxf()), "leilighet.dxf")},
                    content_type="multipart/form-data")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert "ROM" in html and "<bdi>Stue</bdi>: 18,7 m²" in html and "<bdi>Bad</bdi>: 5,2 m²" in html
    rooms_json = re.search(r'name="y-rooms_json" type="hidden" value="([^"]*)"', html).group(1)
    r = family.post(_url(team, "/eksisterende/velg"), data={
        "y-base_version": base, "y-rooms_json": htmllib.unescape(rooms_json), "y-layer": "ROM"})
    assert r.status_code == 302
    number, plan = _latest(app, team)
    assert number == base + 1
    (b,) = [b for b in plan.buildings if b.household == "haugen"]
    assert b.state == "existing"
    assert {r.name for r in b.rooms} == {"Stue", "Kjøkken", "Soverom", "Bad", "Gang"}
    bath = next(r.id for r in b.rooms if r.type == "bathroom")
    page = family.get(_url(team)).get_data(as_text=True)
    assert 'value="paint_wet_room"' in page
    assert _propose(family, team, number, "paint_wet_room", rooms=[bath], who="adults").status_code == 302
    html = family.get(_url(team)).get_data(as_text=True)
    assert "eieren (kommunen) må godkjenne denne oppgaven" in html and "våtromsmaling" in html
    # the owner (the municipality) approves it; the contractor may not
    assert contractor.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": number + 1,
                                                           "d-c1-decision": "accept"}).status_code == 422
    assert planner.post(_url(team, "/c1/vurder"), data={"d-c1-base_version": number + 1,
                                                        "d-c1-decision": "accept"}).status_code == 302
    assert _latest(app, team)[1].households[0].contributions[0].status == "accepted"
    assert "godkjent av eieren" in family.get(_url(team)).get_data(as_text=True)


def test_a_drawing_without_rooms_is_refused_and_nothing_changes(app, team):
    family = _client(app, team, "family")
    base, _plan = _latest(app, team)
    r = family.post(_url(team, "/eksisterende"), data={"x-base_version": base,
                                                       "x-file": (io.BytesIO(b"0\nEOF\n"), "tom.dxf")},
                    content_type="multipart/form-data")
    assert r.status_code == 422
    assert "Tegningen har ikke noe lag med lukkede polylinjer" in r.get_data(as_text=True)
    assert _latest(app, team)[0] == base


def test_every_self_build_and_financing_post_without_a_csrf_token_is_refused(app, team):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    page = client.get("/konto/logg-inn").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password,
                                                "csrf_token": token}).status_code == 302
    posts = [r for r in app.url_map.iter_rules() if "POST" in r.methods
             and r.endpoint.split(".")[0] in ("selfbuild", "finance")]
    assert len(posts) >= 15
    values = {"project_id": team.project_id, "contribution_id": "c1", "entry_id": "1", "item_id": "1"}
    from flask import url_for

    for rule in posts:
        with app.test_request_context():
            url = url_for(rule.endpoint, **{a: values[a] for a in rule.arguments})
        response = client.post(url, data={"base_version": 2})
        assert response.status_code == 400, url
    assert _events(app, team) == [] and _rows(app, team) == []


def test_a_photo_over_the_size_limit_is_refused_and_nothing_is_stored(app, team):
    import os

    app.config["MAX_PHOTO_BYTES"] = 50_000  # the ledger takes the app's photo limit when it is lower
    family = _client(app, team, "family")
    _accept(app, team)
    png = io.BytesIO()
    Image.frombytes("RGB", (150, 150), os.urandom(150 * 150 * 3)).save(png, "PNG")
    assert len(png.getvalue()) > 50_000
    r = _log(family, team, **{"t-c1-photo": (io.BytesIO(png.getvalue()), "stor.png")})
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "Bildet er for stort." in html and "Første strøk" in html  # the note typed is kept
    assert _rows(app, team) == []


def test_a_phone_photo_larger_than_the_plan_upload_limit_is_taken(app, team):
    """A photo of 3 MB as a phone sends it: over the plan files' 2 MB (``MAX_UPLOAD_BYTES``), within
    the photo limit; the request is not refused before the form sees it, and the row is stored with
    the photo re-encoded."""
    import os

    family = _client(app, team, "family")
    _accept(app, team)
    png = io.BytesIO()
    Image.frombytes("RGB", (1000, 1000), os.urandom(1000 * 1000 * 3)).save(png, "PNG")
    assert len(png.getvalue()) > app.config["MAX_UPLOAD_BYTES"]
    from werkzeug.datastructures import FileStorage
    from werkzeug.test import encode_multipart

    # the body encoded here: the test client spools a body this large to a file it leaves open
    boundary, body = encode_multipart({"t-c1-person": "Voksen 1", "t-c1-day": "2026-11-14",
                                       "t-c1-hours": "6,5", "t-c1-note": "Første strøk",
                                       "t-c1-photo": FileStorage(io.BytesIO(png.getvalue()), "telefon.png",
                                                                 content_type="image/png")})
    r = family.post(_url(team, "/c1/timer"), data=body,
                    content_type=f"multipart/form-data; boundary={boundary}")
    assert r.status_code == 302
    assert _rows(app, team) == [("Voksen 1", 6.5, "Første strøk", True)]


def test_the_ledger_starts_with_someone_good_at_the_task(app, team):
    from planner.web import services

    family = _client(app, team, "family")
    base, plan = _latest(app, team)
    plan.households[0].members[1].extra["skills"] = ["paint_walls"]
    with app.app_context():
        from planner.web.extensions import db
        from planner.web.models import User

        user = db.session.query(User).filter_by(email=team.emails["family"]).one()
        services.save_plan(team.project_id, plan, user, "skills", base)
    _accept(app, team)
    html = family.get(_url(team, "/timeliste")).get_data(as_text=True)
    assert re.search(r'<option selected value="Voksen 2">|<option value="Voksen 2" selected>', html)
