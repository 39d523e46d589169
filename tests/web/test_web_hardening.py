"""Hostile input and sessions (issue 11): nothing a person sends can break a project, a page or a
stored version; sessions end; logins are limited fairly; headers carry no user text unquoted."""

from __future__ import annotations

import io
import json
import re
import threading
from pathlib import Path

import ezdxf
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "planner" / "web" / "data" / "demo.plan.json"
SAFE_DISPOSITION = r'attachment; filename="[A-Za-z0-9._-]+"(; filename\*=UTF-8\'\'[A-Za-z0-9%._-]+)?'


def _login(client, team, role="family"):
    response = client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password})
    assert response.status_code == 302
    return client


def _latest_number(app, project_id):
    from planner.web import services

    with app.app_context():
        return services.latest(project_id).number


def _strict_json(text: str):
    """JSON as the standard allows it: NaN and Infinity refused."""
    def refuse(name):
        raise ValueError(name)
    return json.loads(text, parse_constant=refuse)


def _pages(project_id: int) -> list[str]:
    p = f"/prosjekt/{project_id}"
    return [f"{p}/", f"{p}/husstand", f"{p}/rombehov", f"{p}/tomt", f"{p}/plantegning",
            f"{p}/plantegning/last-opp", f"{p}/versjoner", f"{p}/last-ned", f"{p}/api/sjekk"]


def _post_file(client, url: str, fields: dict, name: str, filename: str, body: bytes):
    """A multipart POST encoded in memory (the test client spools bodies over 500 kB to a temporary
    file it never closes)."""
    from werkzeug.datastructures import FileStorage, MultiDict
    from werkzeug.test import stream_encode_multipart

    values = MultiDict({k: str(v) for k, v in fields.items()})
    values.add(name, FileStorage(io.BytesIO(body), filename=filename))
    stream, length, boundary = stream_encode_multipart(values, use_tempfile=False)
    return client.post(url, input_stream=stream, content_length=length,
                       content_type=f'multipart/form-data; boundary="{boundary}"')


def _upload_plan(client, project_id, body: bytes, base: int):
    return _post_file(client, f"/prosjekt/{project_id}/plantegning/last-opp", {"base_version": base},
                      "file", "plan.json", body)


# --------------------------------------------------------------------------- 1. plans that break a project

@pytest.mark.parametrize("poison", ['1e999', '-1e999', 'NaN', 'Infinity', '1' * 5000, '"\\ud800"',
                                    '"a\\u0000b"', '[' * 50_000 + ']' * 50_000])
def test_a_plan_upload_with_a_poisoned_unknown_key_is_refused_and_every_page_still_works(app, team, poison):
    client = _login(app.test_client(), team)
    text = SAMPLE.read_text()
    body = text.replace('"format"', f'"x-poison": {poison}, "format"', 1).encode()
    response = _upload_plan(client, team.project_id, body, 2)
    assert response.status_code == 422
    assert "kan ikke leses som en plan" in response.get_data(as_text=True)
    assert _latest_number(app, team.project_id) == 2
    for url in _pages(team.project_id):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("poison", ["NaN", "1e999", '[' * 50_000 + ']' * 50_000, '1' * 5000, '"\\ud800"'])
def test_the_suggestions_form_refuses_a_poisoned_hidden_plan_without_a_500(app, team, poison):
    client = _login(app.test_client(), team)
    body = SAMPLE.read_text().replace('"format"', f'"x": {poison}, "format"', 1)
    response = client.post(f"/prosjekt/{team.project_id}/plantegning/forslag",
                           data={"base_version": 2, "plan": body})
    assert response.status_code == 400
    assert _latest_number(app, team.project_id) == 2


def test_a_stored_version_that_cannot_be_read_offers_an_upload_and_a_good_plan_repairs_the_project(app, team):
    from planner.web.extensions import db
    from planner.web.models import PlanVersion, User

    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        bad = SAMPLE.read_text().replace('"format"', '"x": Infinity, "format"', 1)
        db.session.add(PlanVersion(project_id=team.project_id, number=3, body=bad,
                                   report_json='{"ok": true, "summary": {"a": Infinity}, "findings": []}',
                                   author_id=family.id))
        db.session.commit()
    client = _login(app.test_client(), team)
    for url in _pages(team.project_id):
        if url.endswith("/last-opp"):
            continue
        response = client.get(url)
        assert response.status_code in (200, 409), url
        if response.status_code == 409:
            page = response.get_data(as_text=True)
            assert "kan ikke leses" in page and "/plantegning/last-opp" in page, url
    upload = client.get(f"/prosjekt/{team.project_id}/plantegning/last-opp")
    assert upload.status_code == 200 and 'value="3"' in upload.get_data(as_text=True)
    contractor = _login(app.test_client(), team, "contractor")
    page = contractor.get(f"/prosjekt/{team.project_id}/").get_data(as_text=True)
    assert "Familien kan laste opp" in page
    assert _upload_plan(client, team.project_id, SAMPLE.read_bytes(), 3).status_code == 302
    for url in _pages(team.project_id):
        assert client.get(url).status_code == 200, url


def test_versions_are_stored_compact_and_as_strict_json(app, team):
    from planner.web import services

    with app.app_context():
        v = services.latest(team.project_id)
        assert "\n" not in v.body and ", " not in v.body[:200]
        _strict_json(v.body)
        _strict_json(v.report_json)


# --------------------------------------------------------------------------- 2. sessions

def test_a_copied_session_cookie_is_worth_nothing_after_logout(app, team):
    client = _login(app.test_client(), team)
    cookie = client.get_cookie("session").value
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    assert thief.get(f"/prosjekt/{team.project_id}/").status_code == 200
    client.post("/konto/logg-ut")
    response = thief.get(f"/prosjekt/{team.project_id}/")
    assert response.status_code == 302 and "/konto/logg-inn" in response.location


def test_a_password_change_ends_every_other_session_and_keeps_this_one(app, team):
    laptop = _login(app.test_client(), team)
    phone = _login(app.test_client(), team)
    page = phone.get("/konto/")
    assert page.status_code == 200 and "Logg ut overalt" in page.get_data(as_text=True)
    wrong = phone.post("/konto/passord", data={"current": "feil", "password": "nytt-passord-123",
                                                "confirm": "nytt-passord-123"})
    assert wrong.status_code == 422
    assert laptop.get(f"/prosjekt/{team.project_id}/").status_code == 200
    done = phone.post("/konto/passord", data={"current": team.password, "password": "nytt-passord-123",
                                              "confirm": "nytt-passord-123"})
    assert done.status_code == 302
    assert phone.get(f"/prosjekt/{team.project_id}/").status_code == 200
    assert laptop.get(f"/prosjekt/{team.project_id}/").status_code == 302
    fresh = app.test_client()
    assert fresh.post("/konto/logg-inn", data={"email": team.emails["family"],
                                                "password": "nytt-passord-123"}).status_code == 302


def test_log_out_everywhere_ends_the_sessions_on_every_device(app, team):
    laptop = _login(app.test_client(), team)
    phone = _login(app.test_client(), team)
    assert phone.post("/konto/logg-ut-overalt").status_code == 302
    for c in (laptop, phone):
        assert c.get(f"/prosjekt/{team.project_id}/").status_code == 302


# --------------------------------------------------------------------------- 3./4. plots and files

def _plot(client, team, corners: str, **extra):
    data = {"base_version": _base(client, team), "corners": corners, "max_bya_percent": "30"} | extra
    return client.post(f"/prosjekt/{team.project_id}/tomt", data=data)


def _base(client, team):
    page = client.get(f"/prosjekt/{team.project_id}/tomt").get_data(as_text=True)
    return int(re.search(r'name="base_version" type="hidden" value="(\d+)"', page).group(1))


def test_plot_corners_of_1e300_are_refused_with_a_clear_message_and_the_api_stays_json(app, team):
    client = _login(app.test_client(), team)
    response = _plot(client, team, "0 0\n1e300 0\n1e300 1e300\n0 1e300")
    assert response.status_code == 422
    assert "en tomt må ligge innenfor" in response.get_data(as_text=True)
    assert _latest_number(app, team.project_id) == 2
    assert client.get(f"/prosjekt/{team.project_id}/tomt").status_code == 200
    _strict_json(client.get(f"/prosjekt/{team.project_id}/api/sjekk").get_data(as_text=True))


def test_a_self_crossing_plot_is_refused_at_once_with_the_place_named_in_the_page_language(app, team):
    client = _login(app.test_client(), team)
    response = _plot(client, team, "0 0\n30 0\n0 25\n30 25")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "krysser seg selv" in page and "øst 15, nord 12,5" in page and "Self-intersection" not in page
    assert _latest_number(app, team.project_id) == 2
    client.post("/sprak", data={"lang": "en", "next": "/"})
    page = _plot(client, team, "0 0\n30 0\n0 25\n30 25").get_data(as_text=True)
    assert "crosses itself" in page and "east 15, north 12.5" in page


def _geo(coords, kind="Polygon"):
    return json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "Tomt"},
         "geometry": {"type": kind, "coordinates": coords}}]})


def _dxf(mutate=None) -> bytes:
    doc = ezdxf.new()
    doc.modelspace().add_lwpolyline([(0, 0), (20, 0), (20, 15), (0, 15)], close=True)
    s = io.StringIO()
    doc.write(s)
    text = s.getvalue()
    return (mutate(text) if mutate else text).encode()


def _int_1e999(text: str) -> str:
    lines = text.split("\n")
    i = next(i for i, line in enumerate(lines) if line.strip() == "LWPOLYLINE")
    j = next(j for j in range(i, len(lines)) if lines[j].strip() == "90")
    lines[j + 1] = "1e999"
    return "\n".join(lines)


def _no_model_space(text: str) -> str:
    return re.sub(r"\*Model_Space", "*Nothing_Here", text, flags=re.I)


BAD_PLOT_FILES = [
    ("null.geojson", _geo([None]).encode()),
    ("five.geojson", _geo([5]).encode()),
    ("multi.geojson", _geo([[5]], "MultiPolygon").encode()),
    ("nested.geojson", _geo([[[0, 0], [1, 0], [1, 1]]]).replace("[[[", "[" * 50_000 + "[[[", 1)
     .replace("]]]", "]]]" + "]" * 50_000, 1).encode()),
    ("inf.geojson", _geo([[[0, 0], [1e999, 0], [1, 1]]]).encode()),
    ("e999.geojson", _geo([[[0, 0], [1, 0], [1, 1]]]).replace("[1, 0]", "[1e999, 0]").encode()),
    ("huge.geojson", _geo([[[0, 0], [1e300, 0], [1e300, 1e300]]]).encode()),
    ("digits.geojson", _geo([[[0, 0], [1, 0], [1, 1]]]).replace("[0, 0]", "[" + "1" * 5000 + ", 0]")
     .encode()),
    ("surrogate.geojson", _geo([[[0, 0], [20, 0], [20, 20]]]).replace('"Tomt"', '"\\ud800"').encode()),
    ("crossing.geojson", _geo([[[0, 0], [30, 0], [0, 25], [30, 25]]]).encode()),
    ("many.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
            [[i, 0], [i + 1, 0], [i + 1, 1]]]}} for i in range(10_000)]}).encode()),
    ("int.dxf", _dxf(_int_1e999)),
    ("nomodel.dxf", _dxf(_no_model_space)),
]


@pytest.mark.parametrize("name,data", BAD_PLOT_FILES, ids=[n for n, _ in BAD_PLOT_FILES])
def test_a_malformed_plot_file_is_a_form_error_never_a_500_and_changes_nothing(app, team, name, data):
    client = _login(app.test_client(), team)
    response = _post_file(client, f"/prosjekt/{team.project_id}/tomt/last-opp", {"upload-base_version": 2},
                          "upload-file", name, data)
    assert response.status_code == 422, name
    page = response.get_data(as_text=True)
    assert 'class="field-error"' in page and len(page) < 200_000
    assert _latest_number(app, team.project_id) == 2


@pytest.mark.parametrize("candidates", ['[' * 50_000 + ']' * 50_000,
                                        '[["a", [[0, 0], [1e999, 0], [1, 1]]]]',
                                        '[["a", [[0, 0], [' + '1' * 5000 + ', 0], [1, 1]]]]',
                                        '[["\\ud800", 5]]',
                                        json.dumps([["x", [[0, 0], [1, 0], [1, 1]]]] * 500), 'NaN'])
def test_the_outline_choice_refuses_poisoned_candidates_without_a_500(app, team, candidates):
    client = _login(app.test_client(), team)
    response = client.post(f"/prosjekt/{team.project_id}/tomt/velg",
                           data={"base_version": 2, "candidates": candidates, "choice": 0})
    assert response.status_code == 400
    assert _latest_number(app, team.project_id) == 2


# --------------------------------------------------------------------------- NUL and lengths

def test_a_nul_character_in_any_text_is_a_form_error(app, team):
    fresh = app.test_client()
    r = fresh.post("/konto/registrer", data={"name": "Ami\x00na", "email": "ny@example.no",
                                            "password": "et-godt-passord", "confirm": "et-godt-passord"})
    assert r.status_code == 422 and "kontrolltegn" in r.get_data(as_text=True)
    r = fresh.post("/konto/logg-inn", data={"email": "fam\x00ily@example.no", "password": "x"})
    assert r.status_code == 422
    client = _login(app.test_client(), team)
    r = client.post("/prosjekt/ny", data={"name": "Berg\x00", "municipality": "Larvik", "household": "Berg"})
    assert r.status_code == 422 and 'value="Berg"' in r.get_data(as_text=True)
    r = client.post(f"/prosjekt/{team.project_id}/vurdering/kommentar",
                    data={"body": "hei\x00", "version": 2})
    assert r.status_code in (400, 422)
    from planner.web import services

    with app.app_context():
        assert services.comments(team.project_id) == []
        assert services.find_user("ny@example.no") is None


def test_a_plan_with_1000_rooms_or_a_huge_room_name_is_refused(app, team):
    client = _login(app.test_client(), team)
    doc = json.loads(SAMPLE.read_text())
    rooms = doc["buildings"][0]["rooms"]
    doc["buildings"][0]["rooms"] = rooms + [dict(rooms[-1], id=f"x{i}", name=f"Rom {i}") for i in range(1000)]
    r = _upload_plan(client, team.project_id, json.dumps(doc).encode(), 2)
    assert r.status_code == 422 and "høyst 300" in r.get_data(as_text=True)
    doc = json.loads(SAMPLE.read_text())
    doc["buildings"][0]["rooms"][0]["name"] = "A" * 1_000_000
    r = _upload_plan(client, team.project_id, json.dumps(doc).encode(), 2)
    assert r.status_code in (413, 422) and len(r.get_data()) < 100_000
    doc["buildings"][0]["rooms"][0]["name"] = "A" * 5000
    r = _upload_plan(client, team.project_id, json.dumps(doc).encode(), 2)
    assert r.status_code == 422 and "høyst 2000" in r.get_data(as_text=True)
    assert _latest_number(app, team.project_id) == 2


# --------------------------------------------------------------------------- 6. login limits

def test_forty_parallel_attempts_check_no_more_passwords_than_the_limit(app, team):
    app.config["LOGIN_DELAY_SECONDS"] = 600  # no wait may pass during the burst, however slow the machine
    statuses: list[int] = []
    lock = threading.Lock()

    def attempt():
        r = app.test_client().post("/konto/logg-inn",
                                   data={"email": team.emails["family"], "password": "feil"})
        with lock:
            statuses.append(r.status_code)

    threads = [threading.Thread(target=attempt) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses.count(422) == app.config["LOGIN_MAX_FAILURES"]
    assert statuses.count(429) == 40 - app.config["LOGIN_MAX_FAILURES"]


def test_failures_add_a_growing_delay_instead_of_locking_the_owner_out(app, team):
    from planner.web.auth.models import LoginLimit
    from planner.web.extensions import db
    from planner.web.models import now

    client = app.test_client()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        assert client.post("/konto/logg-inn", data={"email": team.emails["family"],
                                                     "password": "feil"}).status_code == 422
    refused = client.post("/konto/logg-inn", data={"email": team.emails["family"], "password": team.password})
    assert refused.status_code == 429 and "sekund" in refused.get_data(as_text=True)
    with app.app_context():
        row = db.session.get(LoginLimit, "user:" + team.emails["family"])
        first_wait = (row.blocked_until - now()).total_seconds()
        assert 0 < first_wait <= app.config["LOGIN_DELAY_SECONDS"]
        row.blocked_until = now()  # the short wait has passed
        db.session.commit()
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"],
                                                 "password": "feil"}).status_code == 422
    with app.app_context():
        row = db.session.get(LoginLimit, "user:" + team.emails["family"])
        assert (row.blocked_until - now()).total_seconds() > first_wait  # it grew
        row.blocked_until = now()
        db.session.commit()
    assert client.post("/konto/logg-inn", data={"email": team.emails["family"],
                                                 "password": team.password}).status_code == 302
    with app.app_context():
        assert db.session.get(LoginLimit, "user:" + team.emails["family"]).failures == 0


def test_many_failures_from_one_address_pause_that_address_for_every_account(app, team):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    client = app.test_client()
    for i in range(3):
        assert client.post("/konto/logg-inn", data={"email": f"gjett{i}@example.no",
                                                     "password": "feil"}).status_code == 422
    assert client.post("/konto/logg-inn", data={"email": team.emails["planner"],
                                                 "password": team.password}).status_code == 429
    other = app.test_client()
    assert other.post("/konto/logg-inn", data={"email": team.emails["planner"], "password": team.password},
                      environ_base={"REMOTE_ADDR": "10.0.0.7"}).status_code == 302


def test_an_unknown_address_costs_a_password_hash_like_a_known_one(app, team, monkeypatch):
    from planner.web.auth import views

    calls: list[str] = []
    real = views.check_password_hash

    def counting(pwhash, password):
        calls.append(pwhash[:6])
        return real(pwhash, password)

    monkeypatch.setattr(views, "check_password_hash", counting)
    client = app.test_client()
    client.post("/konto/logg-inn", data={"email": "finnes-ikke@example.no", "password": "feil-passord"})
    assert len(calls) == 1 and calls[0].startswith(("scrypt", "pbkdf2"))


# --------------------------------------------------------------------------- 7./8. headers and settings

def test_download_names_are_safe_and_carry_the_full_name_in_rfc_5987():
    from email.message import Message

    from planner.web.files import content_disposition

    for name in ('b1"; filename*=UTF-8\'\'evil.exe', "plan\r\nSet-Cookie: x=1.svg", "漢字.pdf",
                 "Tårn\u202eføy.dxf"):
        value = content_disposition(name)
        assert "\r" not in value and "\n" not in value and value.isascii()
        msg = Message()
        msg["Content-Disposition"] = value
        assert value.count(";") <= 2 and value.count("filename=") == 1 and value.count("filename*=") <= 1
        assert re.fullmatch(SAFE_DISPOSITION, value)
        assert "\u202e" not in msg.get_filename() and "\n" not in msg.get_filename()


def test_a_download_answers_with_a_safe_header_and_no_cache(app, team):
    client = _login(app.test_client(), team)
    r = client.get(f"/prosjekt/{team.project_id}/last-ned/plan.json")
    assert r.status_code == 200
    assert re.fullmatch(SAFE_DISPOSITION, r.headers["Content-Disposition"])
    assert r.headers["Cache-Control"] == "private, no-store"
    image = client.get(f"/prosjekt/{team.project_id}/v2/tomt.svg")
    assert image.status_code == 200 and image.headers["Cache-Control"] == "private, no-store"


def test_a_right_to_left_override_in_a_project_name_cannot_turn_the_role_label(app, team):
    client = _login(app.test_client(), team)
    r = client.post("/prosjekt/ny", data={"name": "Berg\u202e ylimaf", "municipality": "Larvik",
                                          "household": "Berg"})
    assert r.status_code == 302
    page = client.get(r.location).get_data(as_text=True)
    assert "\u202e" not in page
    assert "<bdi>Berg ylimaf</bdi>" in page


def test_invitation_tokens_are_left_out_of_the_access_log():
    from gunicorn.config import Config

    from planner.web.accesslog import RedactingLogger

    class Req:
        method, path, query, version = "GET", "/invitasjon/SECRET123", "x=1", (1, 1)
        uri = "/invitasjon/SECRET123?x=1"
        headers: list = []

    class Resp:
        status, sent, headers, response_length = "200 OK", 10, [], 10

    environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/invitasjon/SECRET123?x=1", "SERVER_PROTOCOL": "HTTP/1.1",
               "PATH_INFO": "/invitasjon/SECRET123", "QUERY_STRING": "x=1", "REMOTE_ADDR": "127.0.0.1",
               "HTTP_REFERER": "http://h/invitasjon/SECRET123"}
    from datetime import timedelta

    atoms = RedactingLogger(Config()).atoms(Resp(), Req(), environ, timedelta(seconds=0.1))
    assert "SECRET123" not in json.dumps(atoms)
    assert "/invitasjon/<token>" in atoms["r"]
    source = (ROOT / "planner" / "web" / "command.py").read_text()
    assert '"logger_class", "planner.web.accesslog.RedactingLogger"' in source


def test_the_sqlite_file_is_created_readable_by_its_owner_only(tmp_path):
    from planner.web import create_app

    create_app({"SECRET_KEY": "x" * 40, "DATABASE_URL": f"sqlite:///{tmp_path / 'new' / 'p.sqlite'}",
                "INSTANCE_PATH": str(tmp_path / "inst")})
    assert (tmp_path / "new" / "p.sqlite").stat().st_mode & 0o077 == 0


def test_a_short_secret_key_from_the_environment_is_refused_in_production(tmp_path, monkeypatch):
    from planner.web import create_app
    from planner.web.config import ConfigError

    config = {"DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}", "INSTANCE_PATH": str(tmp_path / "inst")}
    monkeypatch.setenv("SECRET_KEY", "kort")
    with pytest.raises(ConfigError, match="at least 32"):
        create_app(dict(config))
    monkeypatch.setenv("PLANNER_ENV", "development")
    assert create_app(dict(config)).config["SECRET_KEY"] == "kort"
    monkeypatch.setenv("PLANNER_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "k" * 32)
    assert create_app(dict(config)).config["SECRET_KEY"] == "k" * 32
