"""Invitations, members and the review thread."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest


def _invite(client, project_id, role):
    response = client.post(f"/prosjekt/{project_id}/medlemmer/inviter",
                           data={"role": role, "name": "Ny Person", "email": "ny.person@example.no"})
    page = response.get_data(as_text=True)
    return re.search(r'id="invite-link"[^>]*value="http://localhost(/invitasjon/[^"]+)"', page).group(1)


def _login(client, email, password):
    client.post("/konto/logg-ut")
    assert client.post("/konto/logg-inn", data={"email": email, "password": password}).status_code == 302


def test_an_invitation_link_makes_the_person_a_member_with_its_role_once(app, client, auth, team):
    auth.login(team.emails["family"])
    link = _invite(client, team.project_id, "planner")
    _login(client, team.emails["stranger"], team.password)
    assert client.get(f"/prosjekt/{team.project_id}/").status_code == 404
    assert client.get(link).status_code == 200
    assert client.post(link).status_code == 302
    assert "saksbehandler i kommunen" in client.get(f"/prosjekt/{team.project_id}/").get_data(as_text=True)
    client.post("/konto/logg-ut")
    auth.register(email="ny@example.no", name="Ny")
    assert client.get(link).status_code == 410


def test_only_the_hash_of_an_invitation_token_is_stored(app, client, auth, team):
    auth.login(team.emails["family"])
    token = _invite(client, team.project_id, "mentor").rsplit("/", 1)[1]
    from planner.web.extensions import db
    from planner.web.models import Invitation

    with app.app_context():
        stored = [i.token_hash for i in db.session.query(Invitation)]
    assert token not in stored and len(stored) == 1 and len(stored[0]) == 64


def test_a_revoked_or_expired_invitation_no_longer_works(app, client, auth, team):
    auth.login(team.emails["family"])
    revoked = _invite(client, team.project_id, "contractor")
    expired = _invite(client, team.project_id, "mentor")
    from planner.web.extensions import db
    from planner.web.models import Invitation, now

    with app.app_context():
        invitations = db.session.query(Invitation).order_by(Invitation.id).all()
        revoked_id = invitations[0].id
        invitations[1].expires_at = now() - timedelta(minutes=1)
        db.session.commit()
    client.post(f"/prosjekt/{team.project_id}/medlemmer/trekk-tilbake", data={"target": revoked_id})
    page = client.get(f"/prosjekt/{team.project_id}/medlemmer").get_data(as_text=True)
    assert "trukket tilbake" in page and "utløpt" in page
    _login(client, team.emails["stranger"], team.password)
    for link in (revoked, expired):
        assert client.get(link).status_code == 410
        assert client.post(link).status_code == 410
    assert client.get(f"/prosjekt/{team.project_id}/").status_code == 404


def test_the_family_removes_a_member_who_then_loses_access(app, client, auth, team):
    from planner.web import services

    auth.login(team.emails["family"])
    with app.app_context():
        mentor = next(m for m in services.members(team.project_id) if m.role == "mentor")
        family = next(m for m in services.members(team.project_id) if m.role == "family")
        mentor_id, family_id = mentor.id, family.id
    client.post(f"/prosjekt/{team.project_id}/medlemmer/fjern", data={"target": mentor_id})
    client.post(f"/prosjekt/{team.project_id}/medlemmer/fjern", data={"target": family_id})
    with app.app_context():
        roles = sorted(m.role for m in services.members(team.project_id))
    assert roles == ["contractor", "family", "planner"]
    _login(client, team.emails["mentor"], team.password)
    assert client.get(f"/prosjekt/{team.project_id}/").status_code == 404


def test_the_review_thread_submit_comment_and_decide(app, client, auth, team):
    auth.login(team.emails["family"])
    submitted = client.post(f"/prosjekt/{team.project_id}/vurdering/send-inn", data={"submit-version": 2})
    assert submitted.status_code == 302
    _login(client, team.emails["planner"], team.password)
    page = client.get(f"/prosjekt/{team.project_id}/vurdering").get_data(as_text=True)
    assert "venter på vurdering" in page
    # the case officer reaches the submitted version's drawings, not the latest ones
    link = f'/prosjekt/{team.project_id}/last-ned?v=2">Tegninger og filer for versjon 2'
    assert link in page
    files = client.get(f"/prosjekt/{team.project_id}/last-ned?v=2").get_data(as_text=True)
    assert "versjon 2" in files.lower()
    finding = re.search(r'<option value="(finding:[^"]+)"', page)
    room = re.search(r'<option value="(room:[^"]+)"', page).group(1)
    anchor = finding.group(1) if finding else room
    client.post(f"/prosjekt/{team.project_id}/vurdering/kommentar",
                data={"version": 2, "anchor": anchor, "body": "Flytt boden nærmere inngangen."})
    client.post(f"/prosjekt/{team.project_id}/vurdering/kommentar",
                data={"version": 2, "anchor": room, "body": "Soverommet er fint."})
    from planner.web import services

    with app.app_context():
        review_id = services.reviews(team.project_id)[0].id
    refused = client.post(f"/prosjekt/{team.project_id}/vurdering/{review_id}/avgjor",
                          data={"status": "changes_requested", "reason": "  "})
    assert refused.status_code == 422 and "familien trenger begrunnelsen" in refused.get_data(as_text=True)
    assert client.post(f"/prosjekt/{team.project_id}/vurdering/{review_id}/avgjor",
                       data={"status": "changes_requested", "reason": "Boden må nærmere inngangen."}
                       ).status_code == 302
    _login(client, team.emails["contractor"], team.password)
    page = client.get(f"/prosjekt/{team.project_id}/vurdering").get_data(as_text=True)
    assert "Flytt boden nærmere inngangen." in page and "Soverommet er fint." in page
    assert "endringer ønsket" in page and "Om rommet" in page and "Boden må nærmere inngangen." in page
    assert client.post(f"/prosjekt/{team.project_id}/vurdering/{review_id}/avgjor",
                       data={"status": "approved"}).status_code == 403


def test_an_empty_comment_keeps_the_chosen_anchor_and_is_not_posted(app, client, auth, team):
    auth.login(team.emails["mentor"])
    page = client.get(f"/prosjekt/{team.project_id}/vurdering").get_data(as_text=True)
    room = re.search(r'<option value="(room:[^"]+)"', page).group(1)
    response = client.post(f"/prosjekt/{team.project_id}/vurdering/kommentar",
                           data={"version": 2, "anchor": room, "body": "  "})
    assert response.status_code == 422
    assert f'<option selected value="{room}"' in response.get_data(as_text=True) or \
        f'value="{room}" selected' in response.get_data(as_text=True)
    from planner.web import services

    with app.app_context():
        assert services.comments(team.project_id) == []


@pytest.mark.parametrize("role", ["planner", "contractor", "mentor"])
def test_invited_roles_cannot_edit_the_plan(client, auth, team, role):
    auth.login(team.emails[role])
    assert client.post(f"/prosjekt/{team.project_id}/husstand", data={"base_version": 2, "name": "X"}
                       ).status_code == 403
