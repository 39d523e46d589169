"""Every route checks membership and role: walk the whole route table for each role and a stranger.

The walk is driven by the app's url_map, so a route added anywhere is covered without editing this
file: a route with ``project_id`` must be a :func:`~planner.web.access.project_view` (its roles are
read from the view), every other route must send a logged-out visitor to the login page unless it
is listed in ``OPEN_ROUTES``. ``PROJECT_ROUTES`` pins the roles of the routes known here, so a
change of a route's roles shows up as a test failure.
"""

from __future__ import annotations

import re

import pytest

ALL = {"family", "planner", "contractor", "mentor"}
FAMILY = {"family"}
PLOT = {"family", "planner"}
PLANNER = {"planner"}
CONTRACTOR = {"contractor"}

PROJECT_ROUTES = {
    "projects.overview": ALL, "projects.versions": ALL, "projects.compare": ALL, "projects.downloads": ALL,
    "projects.download": ALL, "projects.site_image": ALL, "projects.floor_image": ALL,
    "projects.check_api": ALL, "plan.floor_plan": ALL, "members.members": ALL, "review.review": ALL,
    "review.comment": ALL, "review.reply": ALL, "review.resolve": ALL, "review.room_pins": ALL,
    "projects.household": FAMILY, "projects.needs": FAMILY, "plan.plan_upload": FAMILY,
    "plan.variants": FAMILY, "plan.room": FAMILY, "plan.wall": FAMILY, "plan.door": FAMILY,
    "plan.window": FAMILY, "plan.remove_door": FAMILY, "plan.remove_window": FAMILY,
    "members.invite": FAMILY, "members.revoke": FAMILY, "members.remove": FAMILY, "review.submit": FAMILY,
    "plan.plot": PLOT, "plan.plot_upload": PLOT, "plan.plot_choice": PLOT,
    "review.decide": PLANNER,
    "selfbuild.page": ALL, "selfbuild.chart": ALL, "selfbuild.workplan": ALL,
    "selfbuild.workplan_pdf_download": ALL, "selfbuild.floor_image": ALL,
    "selfbuild.propose": FAMILY, "selfbuild.done": FAMILY, "selfbuild.remove": FAMILY,
    "selfbuild.change": FAMILY,
    "editor.state": PLOT, "editor.edit": PLOT, "editor.save": PLOT, "editor.restore": FAMILY,
    "selfbuild.decide": CONTRACTOR | PLANNER, "selfbuild.figures": CONTRACTOR,
}
"""Project routes known here and the roles they are open to; every other role and a stranger are refused.
Project routes not listed are walked too, with the roles their view declares."""

OPEN_ROUTES = {"main.index", "main.language", "main.health", "auth.login", "auth.register", "auth.logout",
               "static"}
"""Routes anyone may open, logged in or not."""
TOKEN_ROUTES = {"members.accept"}
"""Routes opened by a secret in the address: an unknown secret is 404 for everyone."""

DEFAULTS = {"kind": "plan.json", "contribution_id": "c1", "token": "abc", "filename": "css/app.css"}


def _project_rules(app):
    return [r for r in app.url_map.iter_rules() if "project_id" in r.arguments]


def _roles(app, endpoint):
    return set(getattr(app.view_functions[endpoint], "allowed_roles", ()))


def _values(app, team, extra):
    from planner.web import services

    with app.app_context():
        v = services.latest(team.project_id)
        plan = services.plan_of(v)
        building = plan.buildings[0]
        room = building.rooms[0]
    return DEFAULTS | {"project_id": team.project_id, "number": v.number, "building": building.id,
                       "storey": room.storey, "room_id": room.id} | extra


def _url(app, rule, values):
    """The rule's address with the sample values; None when the rule takes an argument we have no
    value for (then only the refusals are checked, with ``1`` in its place)."""
    from flask import url_for

    missing = [a for a in rule.arguments if a not in values]
    given = {a: values.get(a, 1) for a in rule.arguments}
    with app.test_request_context():
        return url_for(rule.endpoint, **given), not missing


@pytest.fixture
def extra(app, team):
    """A submitted version to decide on, and a notification of the planner's."""
    from planner.web import notify, services
    from planner.web.extensions import db
    from planner.web.models import User

    with app.test_request_context():
        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        review = services.submit(team.project_id, services.latest(team.project_id), family)
        made = notify.notify(team.project_id, "submitted", family, params={"n": 2},
                             url=f"/prosjekt/{team.project_id}/vurdering")
        planner_id = db.session.query(User).filter_by(email=team.emails["planner"]).one().id
        planner_note = next(n.id for n in made if n.user_id == planner_id)
        return {"review_id": review.id, "notification_id": planner_note}


def test_every_project_route_is_a_project_view_and_the_known_ones_keep_their_roles(app):
    rules = _project_rules(app)
    assert len(rules) >= len(PROJECT_ROUTES)
    for rule in rules:
        assert _roles(app, rule.endpoint), f"{rule.endpoint} takes project_id but is no project_view"
    for endpoint, roles in PROJECT_ROUTES.items():
        assert _roles(app, endpoint) == roles, endpoint


@pytest.mark.slow
def test_project_routes_open_only_to_their_roles_and_never_to_a_stranger(app, team, extra):
    """Each role and a stranger request every project route with each of its methods."""
    values = _values(app, team, extra)
    failures = []
    for role in ("family", "planner", "contractor", "mentor", "stranger"):
        client = app.test_client()
        assert client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password}
                           ).status_code == 302
        for rule in _project_rules(app):
            url, complete = _url(app, rule, values)
            allowed_roles = _roles(app, rule.endpoint)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                status = client.open(url, method=method, data={}).status_code
                allowed = role in allowed_roles
                if allowed and complete and status in (403, 404):
                    failures.append(f"{role} refused {method} {url}: {status}")
                if not allowed and status not in (403, 404):
                    failures.append(f"{role} allowed {method} {url}: {status}")
                if role == "stranger" and status != 404:
                    failures.append(f"stranger saw that {url} exists: {status}")
                if status >= 500:
                    failures.append(f"{role} {method} {url}: {status}")
    assert failures == []


def test_logged_out_visitors_are_sent_to_the_login_page_from_every_route_not_open(app, client, team, extra):
    values = _values(app, team, extra)
    failures = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in OPEN_ROUTES or rule.endpoint in TOKEN_ROUTES:
            continue
        url, _complete = _url(app, rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            if response.status_code != 302 or "/konto/logg-inn" not in response.location:
                failures.append(f"{method} {url}: {response.status_code} (list it in OPEN_ROUTES if open)")
    assert failures == []


def test_an_unknown_invitation_token_is_404_logged_in_or_not(app, client, auth, team):
    for method in ("GET", "POST"):
        assert client.open("/invitasjon/abc", method=method).status_code == 404
    auth.login(team.emails["stranger"])
    for method in ("GET", "POST"):
        assert client.open("/invitasjon/abc", method=method).status_code == 404


def test_a_project_that_does_not_exist_is_404_even_for_a_member_of_another(client, auth, team):
    auth.login(team.emails["family"])
    assert client.get(f"/prosjekt/{team.project_id + 1000}/").status_code == 404


def test_a_notification_never_reveals_a_project_to_anyone_else(app, team, extra):
    """Only its reader opens a notification; others (members or not) get 404 and never see its text."""
    nid = extra["notification_id"]
    for role in ("family", "contractor", "mentor", "stranger"):
        client = app.test_client()
        client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password})
        assert client.get(f"/varsler/{nid}").status_code == 404, role
        assert f'data-notification="{nid}"' not in client.get("/varsler/").get_data(as_text=True)
        assert client.post("/varsler/les", data={"target": nid}, headers={"Accept": "application/json"}
                           ).get_json()["changed"] == 0
    planner = app.test_client()
    planner.post("/konto/logg-inn", data={"email": team.emails["planner"], "password": team.password})
    page = planner.get("/varsler/").get_data(as_text=True)
    assert f'data-notification="{nid}"' in page
    assert re.search(rf'href="/varsler/{nid}"', page)
    assert planner.get(f"/varsler/{nid}").status_code == 302
