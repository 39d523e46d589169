"""Bidi isolation (issue 11, item 7): a right-to-left override (U+202E) in a name a person wrote --
a project, a member, a household, a room, a comment -- never turns the words shown after it.

Forms drop the control characters when the text comes in; text stored before that, or read from a
plan file, is shown inside ``<bdi>`` wherever it stands inline next to other words (or without the
control where no element can hold it: a page title, an ``alt`` text). The checks read the HTML: every
U+202E left on a page sits directly inside a ``<bdi>`` (or in a form field's value, where the person
can correct it)."""

from __future__ import annotations

import re

import pytest
from app_support import logged_in

RLO = "\u202e"
PROJECT = f"Huset {RLO}ved fjorden"
FAMILY = f"Amina {RLO}Haugen"
PLANNER = f"Kari {RLO}Nordmann"
HOUSEHOLD = f"Familien {RLO}Berg"
ROOM = f"Stue {RLO}mot sør"
COMMENT = f"Kan {RLO}stua bli større?"
FIELD_TAGS = ("<input", "<textarea", "<option")


@pytest.fixture
def hostile(app, team):
    """The team's project with every name holding U+202E, stored as a plan file or an older version
    would have it (past the form filter): the project, two members, the household, the first room and
    a comment on that room; the latest version submitted for review."""
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Project, User
    from planner.web.review import conversation

    pid = team.project_id
    with app.test_request_context():
        family = services.find_user(team.emails["family"])
        planner = services.find_user(team.emails["planner"])
        family.name, planner.name = FAMILY, PLANNER
        db.session.get(Project, pid).name = PROJECT
        db.session.commit()
        v = services.latest(pid)
        plan = services.plan_of(v)
        plan.households[0].name = HOUSEHOLD
        room = plan.buildings[0].rooms[0]
        room.name = ROOM
        v = services.save_plan(pid, plan, family, "navn", v.number)
        conversation.post(pid, v, family, COMMENT, room_id=room.id)
        conversation.submit(pid, v, db.session.get(User, family.id))
        return pid, room.id


def _unisolated(html: str) -> list[str]:
    """Every U+202E on the page that is not directly inside ``<bdi>`` (nor in a form field's value),
    with what stands around it."""
    bad = []
    for m in re.finditer(RLO, html):
        start = html.rfind("<", 0, m.start())
        tag = html[start:html.find(">", start) + 1]
        if tag != "<bdi>" and not tag.startswith(FIELD_TAGS):
            bad.append(html[max(0, m.start() - 80):m.start() + 40])
    return bad


def _pages(pid, room_id):
    return {
        "family": ["/", f"/prosjekt/{pid}/", f"/prosjekt/{pid}/medlemmer", f"/prosjekt/{pid}/vurdering",
                   f"/prosjekt/{pid}/versjoner", f"/prosjekt/{pid}/husstand", f"/prosjekt/{pid}/rombehov",
                   f"/prosjekt/{pid}/rom/{room_id}", f"/prosjekt/{pid}/egeninnsats",
                   f"/prosjekt/{pid}/finansiering", f"/prosjekt/{pid}/sammenlign?a=2&b=3"],
        "planner": ["/", "/saksbehandling", "/varsler/", f"/prosjekt/{pid}/", f"/prosjekt/{pid}/vurdering",
                    f"/prosjekt/{pid}/medlemmer"],
        "contractor": [f"/prosjekt/{pid}/egeninnsats", f"/prosjekt/{pid}/vurdering", "/varsler/"],
    }


def test_every_name_with_an_override_is_isolated_on_each_page_that_shows_it(app, team, hostile):
    pid, room_id = hostile
    seen = set()
    for role, paths in _pages(pid, room_id).items():
        client = logged_in(app, team.emails[role])
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (role, path)
            html = response.get_data(as_text=True)
            assert _unisolated(html) == [], (role, path)
            seen |= {name for name in (PROJECT, FAMILY, PLANNER, HOUSEHOLD, ROOM, COMMENT)
                     if f"<bdi>{name}</bdi>" in html}
            if HOUSEHOLD.replace(RLO, "") + " ønsker" in html:  # a finding quotes it: control dropped
                seen.add(HOUSEHOLD)
    # each of them was shown somewhere, isolated (the check above is not empty-handed)
    assert seen == {PROJECT, FAMILY, PLANNER, HOUSEHOLD, ROOM, COMMENT}


def test_the_role_label_after_the_project_name_stays_outside_the_isolation(app, team, hostile):
    pid, _room = hostile
    for role, label in (("family", "familie"), ("planner", "saksbehandler i kommunen")):
        html = logged_in(app, team.emails[role]).get(f"/prosjekt/{pid}/").get_data(as_text=True)
        assert f'<p class="project-name"><bdi>{PROJECT}</bdi> <span class="role">· {label}</span></p>' in html
        # a title holds no element: there the control is dropped
        assert f"<title>{PROJECT.replace(RLO, '')} – " in html


def test_the_names_in_a_sentence_are_isolated_and_the_words_are_not(app, team, hostile):
    pid, room_id = hostile
    planner = logged_in(app, team.emails["planner"])
    listing = planner.get("/varsler/").get_data(as_text=True)
    assert f"<bdi>{FAMILY}</bdi> kommenterte rommet <bdi>{ROOM}</bdi>" in listing
    assert f"<bdi>{FAMILY}</bdi> sendte inn versjon" in listing
    assert f"«<bdi>{COMMENT}</bdi>»" in listing
    assert f"<bdi>{PROJECT}</bdi> ·" in listing
    overview = planner.get(f"/prosjekt/{pid}/").get_data(as_text=True)
    assert re.search(rf"lagret av <bdi>{FAMILY}</bdi>, \d\d\.\d\d\.\d{{4}}", overview)
    members = planner.get(f"/prosjekt/{pid}/medlemmer").get_data(as_text=True)
    assert f"<td><bdi>{FAMILY}</bdi></td><td>familie</td>" in members
    assert f"<td><bdi>{PLANNER}</bdi></td><td>saksbehandler i kommunen</td>" in members
    queue = planner.get("/saksbehandling").get_data(as_text=True)
    assert f"<bdi>{PROJECT}</bdi></a>" in queue
    room = logged_in(app, team.emails["family"]).get(f"/prosjekt/{pid}/rom/{room_id}").get_data(as_text=True)
    assert f'<p class="comment-body"><bdi>{COMMENT}</bdi></p>' in room
    assert f"<bdi>{FAMILY}</bdi> · versjon" in room


def test_right_to_left_letters_are_kept_and_controls_are_dropped_at_input(app, team):
    """A Hebrew or Arabic name reads right to left inside its <bdi>; a form drops only the controls."""
    from planner.web.extensions import db
    from planner.web.models import Comment, Project

    family = logged_in(app, team.emails["family"])
    made = family.post("/prosjekt/ny", data={"name": f"בית {RLO}חדש", "municipality": "Larvik",
                                             "household": "مريم"})
    assert made.status_code == 302
    with app.app_context():
        project = db.session.scalars(db.select(Project).order_by(Project.id.desc())).first()
        assert project.name == "בית חדש"
        pid = project.id
    page = family.get(f"/prosjekt/{pid}/").get_data(as_text=True)
    assert '<p class="project-name"><bdi>בית חדש</bdi> <span class="role">· familie</span></p>' in page
    from planner.web import services

    with app.app_context():
        number = services.latest(pid).number
    family.post(f"/prosjekt/{pid}/vurdering/kommentar",
                data={"version": number, "anchor": "", "body": f"سؤال {RLO}قصير"})
    with app.app_context():
        bodies = [c.body for c in db.session.scalars(db.select(Comment).where(Comment.project_id == pid))]
    assert bodies == ["سؤال قصير"]


def test_mail_carries_no_bidi_controls_in_its_subject_or_body(app):
    from planner.web.notify.mail import message_of
    from planner.web.notify.models import OutgoingMail

    with app.app_context():
        mail = OutgoingMail(id=7, to_addr="kari@example.no", subject=f"{PROJECT}: {FAMILY} kommenterte",
                            body=f"Hei {PLANNER},\n\n{FAMILY} kommenterte rommet {ROOM}.\n\u2066x\u2069")
        msg = message_of(mail, "Planner <post@plan.example.no>")
    controls = re.compile("[\u202a-\u202e\u2066-\u2069]")
    assert not controls.search(str(msg["Subject"])) and not controls.search(msg.get_content())
    assert "Amina Haugen kommenterte" in str(msg["Subject"]) and "Stue mot sør" in msg.get_content()
