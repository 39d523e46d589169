"""Every route checks membership and role: walk the whole route table for each role and a stranger."""

from __future__ import annotations

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
    "review.comment": ALL,
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
    "selfbuild.decide": CONTRACTOR, "selfbuild.figures": CONTRACTOR,
}
"""Project routes and the roles they are open to; every other role and a stranger are refused."""

OPEN_ROUTES = {"main.index", "main.language", "main.health", "auth.login", "auth.register", "auth.logout",
               "static"}
LOGIN_ROUTES = {"projects.new", "members.accept"}


def _url(app, rule, team, extra):
    from planner.web import services

    values = {"project_id": team.project_id}
    with app.app_context():
        v = services.latest(team.project_id)
        plan = services.plan_of(v)
        building = plan.buildings[0]
        room = building.rooms[0]
    defaults = {"number": v.number, "building": building.id, "storey": room.storey, "room_id": room.id,
                "kind": "plan.json", "review_id": extra["review_id"], "contribution_id": "c1"}
    for arg in rule.arguments:
        if arg != "project_id":
            values[arg] = defaults[arg]
    with app.test_request_context():
        from flask import url_for

        return url_for(rule.endpoint, **values)


@pytest.fixture
def review_id(app, team):
    from planner.web import services
    from planner.web.models import User

    with app.app_context():
        from planner.web.extensions import db

        family = db.session.query(User).filter_by(email=team.emails["family"]).one()
        return services.submit(team.project_id, services.latest(team.project_id), family).id


def test_every_route_is_in_the_access_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints == set(PROJECT_ROUTES) | OPEN_ROUTES | LOGIN_ROUTES


def test_project_routes_open_only_to_their_roles_and_never_to_a_stranger(app, team, review_id):
    """Each role and a stranger request every project route with each of its methods."""
    failures = []
    for role in ("family", "planner", "contractor", "mentor", "stranger"):
        client = app.test_client()
        assert client.post("/konto/logg-inn", data={"email": team.emails[role], "password": team.password}
                           ).status_code == 302
        for rule in app.url_map.iter_rules():
            if rule.endpoint not in PROJECT_ROUTES:
                continue
            url = _url(app, rule, team, {"review_id": review_id})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                status = client.open(url, method=method, data={}).status_code
                allowed = role in PROJECT_ROUTES[rule.endpoint]
                if allowed and status in (403, 404):
                    failures.append(f"{role} refused {method} {url}: {status}")
                if not allowed and status not in (403, 404):
                    failures.append(f"{role} allowed {method} {url}: {status}")
                if role == "stranger" and status != 404:
                    failures.append(f"stranger saw that {url} exists: {status}")
                if status >= 500:
                    failures.append(f"{role} {method} {url}: {status}")
    assert failures == []


def test_logged_out_visitors_are_sent_to_the_login_page_from_every_project_route(app, client, team,
                                                                                 review_id):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PROJECT_ROUTES or rule.endpoint in LOGIN_ROUTES:
            values = {"review_id": review_id}
            url = (_url(app, rule, team, values) if rule.endpoint in PROJECT_ROUTES
                   else rule.rule.replace("<token>", "abc"))
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method)
                assert response.status_code == 302, url
                assert "/konto/logg-inn" in response.location


def test_a_project_that_does_not_exist_is_404_even_for_a_member_of_another(client, auth, team):
    auth.login(team.emails["family"])
    assert client.get(f"/prosjekt/{team.project_id + 1000}/").status_code == 404


def test_decorated_views_declare_the_same_roles_as_the_access_table(app):
    for endpoint, roles in PROJECT_ROUTES.items():
        view = app.view_functions[endpoint]
        assert set(view.allowed_roles) == roles, endpoint
