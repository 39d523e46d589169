"""Notifications in the app and by e-mail, read by a real local SMTP server (aiosmtpd).

Each kind reaches the right members and no one else (a stranger, a removed member, a member who
chose "in the app only"), in the recipient's language, with a link that works after login; the
daily digest groups a day's events; a server that stops mid-test loses nothing.
"""

from __future__ import annotations

import email
import re
import socket
import time
from datetime import timedelta
from email.policy import default as default_policy

import pytest
from aiosmtpd.controller import Controller
from app_support import DATABASES, PASSWORD, logged_in, make_app


class Inbox:
    """What the SMTP server received: (recipients, parsed message)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=default_policy)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]

    def recipients(self) -> set[str]:
        return {r for rcpt, _m in self.messages for r in rcpt}

    def clear(self) -> None:
        self.messages.clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Smtp:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = _free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@pytest.fixture
def smtp():
    server = Smtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=DATABASES)
def app(request, tmp_path, smtp):
    """The app with e-mail on, sending to the local SMTP server."""
    app = make_app(tmp_path, request.param, SMTP_URL=smtp.url, MAIL_FROM="planner@kommune.example",
                   BASE_URL="http://planner.test")
    yield app
    from planner.web.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _send(app) -> None:
    from planner.web.notify import mail

    lines: list[str] = []
    mail.run(app, once=True, out=lines.append)
    assert lines and "failed 0" in lines[-1], lines


@pytest.fixture
def people(app, team):
    """Members with their settings: the planner reads English, the contractor chose "in the app only",
    the mentor is removed from the project; everyone else wants e-mail at once for every kind."""
    from planner.web import services
    from planner.web.notify.models import KINDS

    clients = {}
    for role in ("family", "planner", "contractor", "mentor", "stranger"):
        clients[role] = logged_in(app, team.emails[role], lang="en" if role == "planner" else "nb")
        channel = "app" if role == "contractor" else "email"
        data = {f"kind_{k}": channel for k in KINDS} | {"locale": "en" if role == "planner" else "nb"}
        assert clients[role].post("/varsler/innstillinger", data=data).status_code == 302
    with app.app_context():
        mentor = next(m for m in services.members(team.project_id) if m.role == "mentor")
        mentor_id = mentor.id
    clients["family"].post(f"/prosjekt/{team.project_id}/medlemmer/fjern", data={"target": mentor_id})
    return clients


def _mails(app):
    from planner.web.extensions import db
    from planner.web.notify.models import OutgoingMail

    with app.app_context():
        return [(m.to_addr, m.subject) for m in db.session.query(OutgoingMail).order_by(OutgoingMail.id)]


def _bell(client) -> int:
    return client.get("/varsler/antall").get_json()["unread"]


def _latest_number(app, team) -> int:
    from planner.web import services

    with app.app_context():
        return services.latest(team.project_id).number


def test_each_kind_reaches_the_right_members_only_in_their_language(app, team, smtp, people):
    pid = team.project_id
    family, planner, contractor = people["family"], people["planner"], people["contractor"]
    mentor, stranger = people["mentor"], people["stranger"]
    e = team.emails
    n = _latest_number(app, team)

    def step(action, kind_words):
        smtp.inbox.clear()
        action()
        _send(app)
        return smtp.inbox

    # a comment on the version: the planner by e-mail (in English), the contractor only in the app
    inbox = step(lambda: family.post(f"/prosjekt/{pid}/vurdering/kommentar",
                                     data={"version": n, "anchor": "", "body": "Hva synes dere om boden?"}),
                 "comment")
    assert inbox.recipients() == {e["planner"]}
    msg = inbox.to(e["planner"])[0]
    assert "Family commented on version" in msg["Subject"]
    assert "Hva synes dere om boden?" in msg.get_content()
    assert msg["From"] == "planner@kommune.example"

    # a reply from the planner: the family, in Norwegian
    from planner.web.extensions import db
    from planner.web.models import Comment

    with app.app_context():
        first = db.session.query(Comment).one().id
    inbox = step(lambda: planner.post(f"/prosjekt/{pid}/vurdering/svar",
                                      data={"parent": first, "body": "Den er fin."}), "reply")
    assert inbox.recipients() == {e["family"]}
    assert "Planner svarte på en kommentar om versjon" in inbox.to(e["family"])[0]["Subject"]

    # a mention: only the named member is told of the mention (and not twice)
    inbox = step(lambda: family.post(f"/prosjekt/{pid}/vurdering/kommentar",
                                     data={"version": n, "anchor": "",
                                           "body": "@Planner kan du se på dette?"}),
                 "mention")
    assert inbox.recipients() == {e["planner"]}
    assert len(inbox.to(e["planner"])) == 1
    assert "Family mentioned you in a comment" in inbox.to(e["planner"])[0]["Subject"]

    # a version submitted
    inbox = step(lambda: family.post(f"/prosjekt/{pid}/vurdering/send-inn", data={"submit-version": n}),
                 "submitted")
    assert inbox.recipients() == {e["planner"]}
    assert f"Family submitted version {n} for review" in inbox.to(e["planner"])[0]["Subject"]

    # the decision with its reason reaches the family
    from planner.web import services

    with app.app_context():
        review_id = services.reviews(pid)[0].id
    inbox = step(lambda: planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor",
                                      data={"status": "changes_requested", "reason": "Boden er for liten."}),
                 "decision")
    assert inbox.recipients() == {e["family"]}
    body = inbox.to(e["family"])[0].get_content()
    assert f"Planner ba om endringer i versjon {n}" in body and "Boden er for liten." in body

    # an invitation accepted: the invitee gets the invitation, the members hear that they joined
    smtp.inbox.clear()
    page = family.post(f"/prosjekt/{pid}/medlemmer/inviter",
                       data={"role": "mentor", "name": "Nora Ny", "email": "nora@example.no"}
                       ).get_data(as_text=True)
    link = re.search(r'id="invite-link"[^>]*value="([^"]+)"', page).group(1)
    _send(app)
    invitation = smtp.inbox.to("nora@example.no")[0]
    assert "Family inviterer deg til" in invitation["Subject"] and link in invitation.get_content()
    from planner.web import services as s

    with app.app_context():
        s.register("nora@example.no", "Nora Ny", PASSWORD)
    nora = logged_in(app, "nora@example.no")
    inbox = step(lambda: nora.post(link.replace("http://planner.test", "")), "joined")
    assert inbox.recipients() == {e["family"], e["planner"]}
    assert "Nora Ny joined the project as mentor" in inbox.to(e["planner"])[0]["Subject"]

    # the contractor chose "in the app only": every event is under the bell, no mail was sent
    assert e["contractor"] not in {a for a, _s in _mails(app)}
    assert _bell(contractor) >= 5
    # the removed mentor and the stranger are told nothing, by mail or in the app
    mailed = {a for a, _s in _mails(app)}
    assert e["mentor"] not in mailed and e["stranger"] not in mailed
    assert _bell(mentor) == 0 and _bell(stranger) == 0
    assert 'data-notification="' not in stranger.get("/varsler/").get_data(as_text=True)


@pytest.mark.parametrize(("action", "words"), [("proposed", "proposed"), ("edited", "proposed"),
                                              ("accepted", "accepted"), ("declined", "declined"),
                                              ("done", "marked the self-build task")])
def test_each_self_build_task_event_reaches_the_members_by_the_same_rules(app, team, smtp, people, action,
                                                                         words):
    from planner.web import notify
    from planner.web.extensions import db
    from planner.web.models import User

    with app.test_request_context(base_url="http://planner.test"):
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        notify.task_event(team.project_id, action, "lay_flooring", "c2", "Vi legger parkett selv.", family)
    _send(app)
    assert smtp.inbox.recipients() == {team.emails["planner"]}
    msg = smtp.inbox.to(team.emails["planner"])[0]
    from planner.contributions.catalogue import catalogue

    assert f"Family {words}" in msg["Subject"] and catalogue()["lay_flooring"].name_en in msg["Subject"]
    assert "Vi legger parkett selv." in msg.get_content()
    assert f"/prosjekt/{team.project_id}/egeninnsats" in _open_target(app, team, "planner")


def _open_target(app, team, role) -> str:
    """Where the role's newest notification leads."""
    client = logged_in(app, team.emails[role])
    listing = client.get("/varsler/").get_data(as_text=True)
    nid = re.search(r'data-notification="(\d+)"', listing).group(1)
    return client.get(f"/varsler/{nid}").location


def test_the_self_build_pages_tell_the_members_of_a_proposal_and_a_decision(app, team, smtp, people):
    """Through the self-build routes: the family proposes, the contractor declines (no new version)."""
    from planner.web import services

    pid = team.project_id
    with app.app_context():
        base = services.latest(pid).number
    assert people["family"].post(f"/prosjekt/{pid}/egeninnsats/foresla",
                                 data={"base_version": base, "task": "lay_flooring", "rooms": ["r-stue"],
                                       "who": "adults", "hours": ""}).status_code == 302
    _send(app)
    assert smtp.inbox.recipients() == {team.emails["planner"]}
    assert "foreslo" not in smtp.inbox.to(team.emails["planner"])[0]["Subject"]  # the planner reads English
    assert "proposed the self-build task" in smtp.inbox.to(team.emails["planner"])[0]["Subject"]
    smtp.inbox.clear()
    with app.app_context():
        base = services.latest(pid).number
    assert people["contractor"].post(f"/prosjekt/{pid}/egeninnsats/c1/vurder",
                                     data={"d-c1-base_version": base, "d-c1-decision": "decline",
                                           "d-c1-comment": "Dette gjør vi."}).status_code == 302
    _send(app)
    assert smtp.inbox.recipients() == {team.emails["family"], team.emails["planner"]}
    family_mail = smtp.inbox.to(team.emails["family"])[0]
    assert "Contractor avslo egeninnsatsen" in family_mail["Subject"]
    assert "Dette gjør vi." in family_mail.get_content()


def test_the_link_in_an_email_works_after_login(app, team, smtp, people):
    pid = team.project_id
    people["family"].post(f"/prosjekt/{pid}/vurdering/send-inn",
                          data={"submit-version": _latest_number(app, team)})
    _send(app)
    body = smtp.inbox.to(team.emails["planner"])[0].get_content()
    link = re.search(r"http://planner\.test(/varsler/\d+)", body).group(1)
    visitor = app.test_client()
    first = visitor.get(link)
    assert first.status_code == 302 and "/konto/logg-inn" in first.location
    login = visitor.post(first.location, data={"email": team.emails["planner"], "password": PASSWORD})
    assert login.status_code == 302 and login.location.endswith(link)
    opened = visitor.get(link)
    assert opened.status_code == 302 and f"/prosjekt/{pid}/vurdering" in opened.location
    assert visitor.get(opened.location).status_code == 200
    # opening it marked it read; someone else's notification is not found
    assert _bell(visitor) == 0
    assert people["family"].get(link).status_code == 404


def test_the_digest_groups_a_days_events_in_one_mail(app, team, smtp, people):
    from planner.web.extensions import db
    from planner.web.models import now
    from planner.web.notify.models import KINDS, Notification

    pid = team.project_id
    planner = people["planner"]
    planner.post("/varsler/innstillinger", data={f"kind_{k}": "digest" for k in KINDS} | {"locale": "nb"})
    family = people["family"]
    n = _latest_number(app, team)
    for text in ("Første tanke", "Andre tanke", "Tredje tanke"):
        family.post(f"/prosjekt/{pid}/vurdering/kommentar", data={"version": n, "anchor": "", "body": text})
    with app.app_context():
        rows = db.session.query(Notification).filter_by(channel="digest").order_by(Notification.id).all()
        assert len(rows) == 3
        yesterday = now() - timedelta(days=1)
        rows[0].created_at, rows[1].created_at = yesterday, yesterday + timedelta(minutes=5)
        db.session.commit()
    smtp.inbox.clear()
    _send(app)
    digests = smtp.inbox.to(team.emails["planner"])
    assert len(digests) == 1
    body = digests[0].get_content()
    assert "Dagen i prosjektene dine" in digests[0]["Subject"] and "2 hendelser" in digests[0]["Subject"]
    assert body.count("Family kommenterte versjon") == 2 and "Første tanke" in body and "Andre tanke" in body
    assert "Tredje tanke" not in body  # today's event waits for tomorrow's digest
    smtp.inbox.clear()
    _send(app)
    assert smtp.inbox.to(team.emails["planner"]) == []  # nothing is sent twice


def test_a_server_that_stops_loses_nothing_and_the_worker_sends_later(app, team, smtp, people, monkeypatch):
    from planner.cli import main
    from planner.web.extensions import db
    from planner.web.models import now
    from planner.web.notify import mail
    from planner.web.notify.models import OutgoingMail

    pid = team.project_id
    for i in range(3):
        people["family"].post(f"/prosjekt/{pid}/vurdering/kommentar",
                              data={"version": _latest_number(app, team), "anchor": "", "body": f"Tanke {i}"})
    smtp.stop()
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("SMTP_URL", smtp.url)
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", app.instance_path)
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    assert main(["web", "send-mail", "--once"]) == 0  # the worker itself: the server is down
    with app.app_context():
        queued = db.session.query(OutgoingMail).all()
        assert len(queued) == 3
        assert all(m.sent_at is None and m.attempts == 1 and m.last_error for m in queued)
        assert all(m.next_attempt_at > now() for m in queued)
    # not due yet: a pass now sends nothing even with the server back
    smtp.start()
    with app.app_context():
        assert mail.send_due(smtp.url, "planner@kommune.example").sent == 0
        later = now() + mail.backoff(1) + timedelta(seconds=1)
        result = mail.send_due(smtp.url, "planner@kommune.example", at=later)
    assert result.sent == 3
    quoted = [m.get_content().split("«")[1].split("»")[0] for m in smtp.inbox.to(team.emails["planner"])]
    assert sorted(quoted) == ["Tanke 0", "Tanke 1", "Tanke 2"]
    with app.app_context():
        assert all(m.sent_at is not None for m in db.session.query(OutgoingMail))


def test_a_removed_member_is_not_mailed_what_was_queued_before(app, team, smtp, people):
    from planner.web import services

    pid = team.project_id
    people["family"].post(f"/prosjekt/{pid}/vurdering/kommentar",
                          data={"version": _latest_number(app, team), "anchor": "", "body": "Hemmelig plan"})
    with app.app_context():
        planner = next(m for m in services.members(pid) if m.role == "planner")
        planner_id = planner.id
    people["family"].post(f"/prosjekt/{pid}/medlemmer/fjern", data={"target": planner_id})
    _send(app)
    assert smtp.inbox.to(team.emails["planner"]) == []
    assert _bell(people["planner"]) == 0
    assert "Hemmelig" not in people["planner"].get("/varsler/").get_data(as_text=True)


def test_the_bell_list_and_mark_read(app, team, people):
    pid = team.project_id
    family, planner = people["family"], people["planner"]
    for text in ("En", "To"):
        family.post(f"/prosjekt/{pid}/vurdering/kommentar",
                    data={"version": _latest_number(app, team), "anchor": "", "body": text})
    page = planner.get("/").get_data(as_text=True)
    assert re.search(r'data-bell-count>2<', page)
    listing = planner.get("/varsler/").get_data(as_text=True)
    ids = re.findall(r'data-notification="(\d+)"', listing)
    assert len(ids) == 2 and "<bdi>Family</bdi> commented on version" in listing
    answer = planner.post("/varsler/les", data={"target": ids[0]}, headers={"Accept": "application/json"})
    assert answer.get_json() == {"changed": 1, "unread": 1}
    assert planner.post("/varsler/les", data={"target": ids[0]}, headers={"Accept": "application/json"}
                        ).get_json()["changed"] == 0
    assert family.post("/varsler/les", data={"target": ids[1]}, headers={"Accept": "application/json"}
                       ).get_json()["changed"] == 0  # not hers
    assert planner.post("/varsler/les", data={"target": "x"}).status_code == 400
    assert planner.post("/varsler/les", data={"target": ""}).status_code == 302
    assert _bell(planner) == 0


def test_settings_keep_the_choice_and_refuse_unknown_channels(app, team, people):
    planner = people["planner"]
    bad = planner.post("/varsler/innstillinger", data={"kind_comment": "pigeon", "locale": "en"})
    assert bad.status_code == 422
    page = planner.get("/varsler/innstillinger").get_data(as_text=True)
    assert '<input checked id="kind_comment-1" name="kind_comment" type="radio" value="email">' in page
    assert "sends no e-mail" not in page


def test_without_smtp_url_no_mail_is_queued_and_the_settings_page_says_so(tmp_path):
    from planner import model
    from planner.web import notify, services
    from planner.web.extensions import db
    from planner.web.models import Membership
    from planner.web.notify.models import OutgoingMail

    app = make_app(tmp_path)
    with app.test_request_context():
        a = services.register("a@example.no", "Amina", PASSWORD)
        b = services.register("b@example.no", "Kari", PASSWORD)
        p = services.create_project(a, "Huset", "Larvik", "Haugen")
        db.session.add(Membership(project_id=p.id, user_id=b.id, role="planner"))
        db.session.commit()
        made = notify.notify(p, "submitted", a, params={"n": 1}, url="/")
        assert [n.channel for n in made] == ["email"] and db.session.query(OutgoingMail).count() == 0
        assert model is not None
    client = logged_in(app, "b@example.no")
    page = client.get("/varsler/innstillinger").get_data(as_text=True)
    assert "Denne serveren sender ingen e-post" in page
    lines: list[str] = []
    from planner.web.notify import mail

    assert mail.run(app, once=True, out=lines.append) == 0 and "SMTP_URL is not set" in lines[0]
    with app.app_context():
        db.engine.dispose()


def test_a_bad_smtp_url_stops_the_worker_with_one_line(tmp_path, monkeypatch, capsys):
    from planner.cli import main

    make_app(tmp_path)
    capsys.readouterr()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'test.sqlite'}")
    monkeypatch.setenv("PLANNER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("SMTP_URL", "http://mail.example")
    assert main(["web", "send-mail", "--once"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["planner web send-mail: SMTP_URL must start with smtp:// or smtps://"]


def test_the_worker_loop_sends_what_is_queued_while_it_runs(app, team, smtp, people):
    """The worker without --once: it picks up mail queued after it started."""
    import threading

    from planner.web.notify import mail

    lines: list[str] = []
    stop = threading.Event()

    def out(line: str) -> None:
        lines.append(line)
        if "sent 1" in line:
            stop.set()
            raise KeyboardInterrupt

    def worker() -> None:
        try:
            mail.run(app, interval=0.2, out=out)
        except KeyboardInterrupt:
            pass

    t = threading.Thread(target=worker, daemon=True)
    t.start()
    time.sleep(0.3)
    people["family"].post(f"/prosjekt/{team.project_id}/vurdering/send-inn",
                          data={"submit-version": _latest_number(app, team)})
    assert stop.wait(10), lines
    t.join(5)
    assert len(smtp.inbox.to(team.emails["planner"])) == 1
