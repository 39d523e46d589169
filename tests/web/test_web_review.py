"""The review as a conversation: threads with replies, resolved and reopened, "resolved by version N",
decisions with reasons, the status tied to the version, the queue, the project list, invitations."""

from __future__ import annotations

import re
from datetime import datetime

from app_support import PASSWORD, logged_in


def _latest(app, pid) -> int:
    from planner.web import services

    with app.app_context():
        return services.latest(pid).number


def _threads(app, pid, **kw):
    from planner.web.review import conversation

    with app.app_context():
        return [(t.comment.body, t.state, t.changed_in.number if t.changed_in else None,
                 [r.body for r in t.replies]) for t in conversation.threads(pid, **kw)]


def _comment(client, pid, version, body, anchor=""):
    return client.post(f"/prosjekt/{pid}/vurdering/kommentar",
                       data={"version": version, "anchor": anchor, "body": body})


def _save_room(app, pid, room_id, **change):
    """A new version in which the room's fields are changed (as the room page's forms do)."""
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import User

    with app.app_context():
        v = services.latest(pid)
        plan = services.plan_of(v)
        room = next(r for _b, r in plan.all_rooms() if r.id == room_id)
        for key, value in change.items():
            setattr(room, key, value)
        family = db.session.get(User, v.author_id)
        return services.save_plan(pid, plan, family, "endret", v.number).number


def test_a_reply_to_a_reply_joins_the_first_comments_thread(app, team):
    pid = team.project_id
    family, planner = logged_in(app, team.emails["family"]), logged_in(app, team.emails["planner"])
    n = _latest(app, pid)
    _comment(family, pid, n, "Hvor skal boden være?", "room:r-bod")
    from planner.web.extensions import db
    from planner.web.models import Comment

    with app.app_context():
        first = db.session.query(Comment).one().id
    assert planner.post(f"/prosjekt/{pid}/vurdering/svar", data={"parent": first, "body": "Ved inngangen."}
                        ).status_code == 302
    with app.app_context():
        reply = db.session.query(Comment).filter(Comment.parent_id.isnot(None)).one()
        assert reply.room_id == "r-bod"  # a reply is about what its thread is about
        reply_id = reply.id
    family.post(f"/prosjekt/{pid}/vurdering/svar", data={"parent": reply_id, "body": "Takk!"})
    assert _threads(app, pid) == [("Hvor skal boden være?", "open", None, ["Ved inngangen.", "Takk!"])]
    unknown = family.post(f"/prosjekt/{pid}/vurdering/svar", data={"parent": 9999, "body": "x"})
    assert unknown.status_code == 404
    empty = family.post(f"/prosjekt/{pid}/vurdering/svar", data={"parent": first, "body": "  "})
    assert empty.status_code == 422
    assert len(_threads(app, pid)[0][3]) == 2


def test_a_comment_is_resolved_by_the_version_that_changes_its_room_and_can_be_reopened(app, team):
    pid = team.project_id
    planner = logged_in(app, team.emails["planner"])
    n = _latest(app, pid)
    _comment(planner, pid, n, "Stua er for liten.", "room:r-stue")
    _comment(planner, pid, n, "Soverom 1 er fint.", "room:r-sov1")
    _comment(planner, pid, n, "Helheten er god.")
    # a version that changes another room resolves nothing
    _save_room(app, pid, "r-bod", name="Bod og teknisk")
    assert [s for _b, s, _n, _r in _threads(app, pid)] == ["open", "open", "open"]
    # the living room's new polygon: its comment is resolved by that version
    from planner.web import services

    with app.app_context():
        plan = services.plan_of(services.latest(pid))
        stue = next(r for _b, r in plan.all_rooms() if r.id == "r-stue")
        changed = _save_room(app, pid, "r-stue", name="Stue og spisestue", polygon=stue.polygon)
    assert _threads(app, pid, room_id="r-stue") == [("Stua er for liten.", "changed", changed, [])]
    page = planner.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    assert f"Løst i versjon {changed}" in page
    assert f"/sammenlign?a={n}&amp;b={changed}" in page
    # reopened after that version, it is open again; marked resolved by hand, it says who
    from planner.web.extensions import db
    from planner.web.models import Comment

    with app.app_context():
        stue_id = db.session.query(Comment).filter_by(room_id="r-stue").one().id
    planner.post(f"/prosjekt/{pid}/vurdering/lost", data={"target": stue_id, "resolved": "nei"})
    assert _threads(app, pid, room_id="r-stue")[0][1] == "open"
    planner.post(f"/prosjekt/{pid}/vurdering/lost", data={"target": stue_id, "resolved": "ja"})
    assert _threads(app, pid, room_id="r-stue")[0][1] == "resolved"
    assert "Løst av <bdi>Planner</bdi>" in planner.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    assert planner.post(f"/prosjekt/{pid}/vurdering/lost", data={"target": stue_id, "resolved": "kanskje"}
                        ).status_code == 400
    assert planner.post(f"/prosjekt/{pid}/vurdering/lost", data={"target": 999, "resolved": "ja"}
                        ).status_code == 404


def test_a_finding_comment_sits_beside_it_and_is_resolved_by_the_version_without_it(app, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import User

    pid = team.project_id
    planner = logged_in(app, team.emails["planner"])
    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        v = services.latest(pid)
        plan = services.plan_of(v)
        windows = list(plan.buildings[0].windows)
        plan.buildings[0].windows = [w for w in windows if w.room != "r-sov1"]
        without = services.save_plan(pid, plan, family, "uten vindu", v.number)
        finding = next(f for f in without.report["findings"] if f["rule"] == "room.window-missing")
        n = without.number
    anchor = f"finding:{finding['rule']}|{finding['subject']}"
    _comment(planner, pid, n, "Soverom 1 trenger et vindu.", anchor)
    _comment(planner, pid, n, "Og ellers?", "room:r-sov2")
    page = planner.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    block = page[page.index('id="funn"'):page.index('id="kommentarer"')]
    assert "Soverom 1 trenger et vindu." in block and "Og ellers?" not in block  # beside its finding
    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        plan = services.plan_of(services.latest(pid))
        plan.buildings[0].windows = windows
        fixed = services.save_plan(pid, plan, family, "vinduet er tilbake", n).number
    by_body = {body: (state, number) for body, state, number, _r in _threads(app, pid)}
    assert by_body["Soverom 1 trenger et vindu."] == ("changed", fixed)
    assert by_body["Og ellers?"] == ("open", None)  # windows do not change the room's outline, type or name
    page = planner.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    gone = page[page.index("Kommentarer til funn som er borte"):page.index('id="kommentarer"')]
    assert "Soverom 1 trenger et vindu." in gone and f"Løst i versjon {fixed}" in gone


def test_a_removed_room_resolves_its_comment(app, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import User

    pid = team.project_id
    planner = logged_in(app, team.emails["planner"])
    _comment(planner, pid, _latest(app, pid), "Trengs boden?", "room:r-bod")
    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        v = services.latest(pid)
        plan = services.plan_of(v)
        b = plan.buildings[0]
        b.rooms = [r for r in b.rooms if r.id != "r-bod"]
        b.doors = [d for d in b.doors if "r-bod" not in d.rooms]
        b.windows = [w for w in b.windows if w.room != "r-bod"]
        number = services.save_plan(pid, plan, family, "uten bod", v.number).number
    assert _threads(app, pid) == [("Trengs boden?", "changed", number, [])]


def test_changes_asked_need_a_reason_and_the_form_keeps_what_was_typed(app, team):
    pid = team.project_id
    family, planner = logged_in(app, team.emails["family"]), logged_in(app, team.emails["planner"])
    family.post(f"/prosjekt/{pid}/vurdering/send-inn", data={"submit-version": _latest(app, pid)})
    from planner.web import services

    with app.app_context():
        review_id = services.reviews(pid)[0].id
    refused = planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor",
                           data={"status": "changes_requested", "reason": ""})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'aria-invalid="true"' in page
    assert re.search(r'checked> <label for="decision-\d+-2">Endringer ønsket', page) or \
        'value="changes_requested" checked' in page
    long = planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor",
                        data={"status": "changes_requested", "reason": "x" * 4001})
    assert long.status_code == 422 and "x" * 4001 in long.get_data(as_text=True)
    with app.app_context():
        assert services.reviews(pid)[0].status == "submitted"
    assert planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor", data={"status": "approved"}
                        ).status_code == 302  # approval needs no reason
    again = planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor", data={"status": "approved"},
                         follow_redirects=True)
    assert "allerede avgjort" in again.get_data(as_text=True)


def test_the_status_is_tied_to_the_version(app, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Review

    pid = team.project_id
    family, planner = logged_in(app, team.emails["family"]), logged_in(app, team.emails["planner"])
    n = _latest(app, pid)
    assert f"Versjon {n} ikke vurdert ennå" in family.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    family.post(f"/prosjekt/{pid}/vurdering/send-inn", data={"submit-version": n})
    twice = family.post(f"/prosjekt/{pid}/vurdering/send-inn", data={"submit-version": n},
                        follow_redirects=True)
    assert "venter allerede på vurdering" in twice.get_data(as_text=True)
    with app.app_context():
        assert len(services.reviews(pid)) == 1
        review = services.reviews(pid)[0]
        review.submitted_at = datetime(2026, 5, 11, 8, 0)
        db.session.commit()
        review_id = review.id
    page = family.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    assert f"Versjon {n} venter på vurdering siden 11.05" in page
    planner.post(f"/prosjekt/{pid}/vurdering/{review_id}/avgjor", data={"status": "approved"})
    with app.app_context():
        db.session.get(Review, review_id).decided_at = datetime(2026, 5, 12, 22, 30)  # 13.05 in Oslo
        db.session.commit()
    newer = _save_room(app, pid, "r-bod", name="Bod 2")
    page = family.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    assert f"Versjon {n} godkjent 13.05; versjon {newer} ikke vurdert ennå" in page
    index = family.get("/").get_data(as_text=True)
    assert f"Versjon {n} godkjent 13.05; versjon {newer} ikke vurdert ennå" in index
    # "Send inn" says what is pending since the approved version
    send = page[page.index('id="h-send"'):page.index('id="vurderinger"')]
    assert f"Siden versjon {n} sist ble sendt inn (godkjent)" in send and "Bod 2" not in send
    assert f"Send inn versjon {newer} til vurdering" in send


def test_times_are_shown_in_europe_oslo(app, team):
    from planner.web.extensions import db
    from planner.web.models import Comment

    pid = team.project_id
    family = logged_in(app, team.emails["family"])
    _comment(family, pid, _latest(app, pid), "Sommertid")
    with app.app_context():
        c = db.session.query(Comment).one()
        c.created_at = datetime(2026, 7, 1, 21, 45)  # 23:45 in Oslo (UTC+2)
        db.session.commit()
    page = family.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True)
    assert "01.07.2026 23:45" in page and "UTC" not in page


def test_the_queue_lists_the_planners_submitted_versions_waiting_longest_first(app, team):
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership, Review, User

    pid = team.project_id
    sample = (__import__("pathlib").Path(__file__).resolve().parent.parent.parent / "planner" / "web" / "data"
              / "demo.plan.json").read_bytes()
    with app.app_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        planner = db.session.query(User).filter_by(email=team.emails["planner"]).one()
        stranger = db.session.query(User).filter_by(email=team.emails["stranger"]).one()
        other = services.create_project(family, "Annen tomt", "Larvik", "H")
        services.save_plan(other.id, model.loads(sample), family, "x", 1)
        db.session.add(Membership(project_id=other.id, user_id=planner.id, role="planner"))
        hidden = services.create_project(stranger, "Ikke hennes", "Larvik", "S")
        db.session.commit()
        r1 = services.submit(pid, services.latest(pid), family)
        r2 = services.submit(other.id, services.latest(other.id), family)
        services.submit(hidden.id, services.latest(hidden.id), stranger)
        r1.submitted_at, r2.submitted_at = datetime(2026, 5, 2), datetime(2026, 5, 1)
        db.session.commit()
        other_id, r1_id = other.id, r1.id
    client = logged_in(app, team.emails["planner"])
    page = client.get("/saksbehandling").get_data(as_text=True)
    rows = re.findall(r'data-queue-project="(\d+)"', page)
    assert rows == [str(other_id), str(pid)]  # waiting longest first; not the project she is not in
    assert "Ikke hennes" not in page and "%" in page and re.search(r"\d+ feil", page)
    assert "2 versjoner venter på vurderingen din" in client.get("/").get_data(as_text=True)
    with app.app_context():
        db.session.get(Review, r1_id).status = "approved"
        db.session.commit()
    assert re.findall(r'data-queue-project="(\d+)"', client.get("/saksbehandling").get_data(as_text=True)) \
        == [str(other_id)]
    # the family has no queue of her own
    assert "Ingenting venter på vurderingen din." in logged_in(app, team.emails["family"]).get(
        "/saksbehandling").get_data(as_text=True)


def test_the_project_list_shows_status_and_unread_count_for_everyone(app, team):
    pid = team.project_id
    family = logged_in(app, team.emails["family"])
    family.post(f"/prosjekt/{pid}/vurdering/send-inn", data={"submit-version": _latest(app, pid)})
    for role in ("planner", "contractor", "mentor"):
        page = logged_in(app, team.emails[role]).get("/").get_data(as_text=True)
        card = page[page.index(f'data-project="{pid}"'):]
        assert "venter på vurdering" in card[:1500], role
        assert re.search(r'class="unread-count"[^>]*>1 ulest<', card), role
    assert "unread-count" not in family.get("/").get_data(as_text=True)


def test_user_text_is_escaped_in_comments_notifications_and_pins(app, team):
    pid = team.project_id
    family, planner = logged_in(app, team.emails["family"]), logged_in(app, team.emails["planner"])
    _comment(family, pid, _latest(app, pid), '<script>alert("x")</script> @Planner', "room:r-stue")
    for page in (planner.get(f"/prosjekt/{pid}/vurdering").get_data(as_text=True),
                 planner.get("/varsler/").get_data(as_text=True),
                 family.get(f"/prosjekt/{pid}/rom/r-stue").get_data(as_text=True)):
        assert "<script>alert" not in page and "&lt;script&gt;" in page
    svg = family.get(f"/prosjekt/{pid}/rom/r-stue/kommentarer.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    text = svg.get_data(as_text=True)
    assert '<g class="comment-pins"' in text and ">1</text>" in text and "<script" not in text
    assert family.get(f"/prosjekt/{pid}/rom/finnes-ikke/kommentarer.svg").status_code == 404
    import xml.etree.ElementTree as ET

    ET.fromstring(text)  # well-formed


def test_invitations_name_the_invitee_and_a_logged_out_invitee_sees_who_invited_them(app, client, team):
    pid = team.project_id
    family = logged_in(app, team.emails["family"])
    bad = family.post(f"/prosjekt/{pid}/medlemmer/inviter", data={"role": "contractor", "name": "Ola Bygg",
                                                                  "email": "ikke-en-adresse"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'value="Ola Bygg"' in page and 'value="ikke-en-adresse"' in page
    from planner.web.extensions import db
    from planner.web.models import Invitation

    with app.app_context():
        assert db.session.query(Invitation).count() == 0
    made = []
    for name, email in (("Ola <Bygg>", "ola@bygg.no"), ("Kari Plan", "kari@larvik.no")):
        page = family.post(f"/prosjekt/{pid}/medlemmer/inviter",
                           data={"role": "contractor", "name": name, "email": email}).get_data(as_text=True)
        link = re.search(r'id="invite-link"[^>]*value="http://localhost(/invitasjon/[^"]+)"', page)
        made.append(link.group(1))
        assert 'data-copy="invite-link"' in page and "copy.js" in page
        assert "Denne serveren sender ikke e-post" in page
    listing = family.get(f"/prosjekt/{pid}/medlemmer").get_data(as_text=True)
    pending = re.findall(r'<tr data-invitation="\d+" data-state="open">(.*?)</tr>', listing, re.S)
    assert len(pending) == 2  # the first is still listed after the second was made
    assert "<bdi>Ola &lt;Bygg&gt;</bdi>" in listing and "<bdi>kari@larvik.no</bdi>" in listing
    assert "<bdi>Family</bdi>, " in listing
    assert 'id="invite-link"' not in listing  # the link itself is shown only once
    # logged out: who invited whom to what, and the way to log in or register that comes back here
    page = client.get(made[1])
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<bdi>Family</bdi> inviterer <bdi>Kari Plan</bdi> til prosjektet" in text and "entreprenør" in text
    token = made[1].rsplit("/", 1)[1]
    assert re.search(r'href="/konto/logg-inn\?next=(/|%2F)invitasjon(/|%2F)' + token, text)
    joined = client.post(made[1])
    assert joined.status_code == 302 and "/konto/logg-inn" in joined.location
    # after logging in (here: registering) through that link the invitee joins
    from planner.web import services

    with app.app_context():
        services.register("kari@larvik.no", "Kari Plan", PASSWORD)
    client.post("/konto/logg-inn", data={"email": "kari@larvik.no", "password": PASSWORD})
    assert client.post(made[1]).status_code == 302
    assert client.get(f"/prosjekt/{pid}/").status_code == 200
    told = family.get("/varsler/").get_data(as_text=True)
    assert "<bdi>Kari Plan</bdi> ble med i prosjektet som entreprenør" in told
