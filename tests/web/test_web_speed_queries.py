"""The pages bench/web.py measures run a fixed number of SQL statements, however many rows they show
(no query per notification, per project in the queue, per member or per comment). A count, not a
time: it holds on a loaded machine and fails on an N+1."""

from __future__ import annotations

import contextlib

from app_support import PASSWORD, logged_in


@contextlib.contextmanager
def _counting(app):
    """Counts the statements the database is sent while the block runs (the app's real engine)."""
    from sqlalchemy import event

    from planner.web.extensions import db

    seen: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _statements(app, client, path) -> int:
    client.get(path)  # warm: first-request work is not the page's
    with _counting(app) as seen:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(seen)


def _comment(app, team, n):
    from planner.web import services
    from planner.web.review import conversation

    with app.test_request_context():
        family = services.find_user(team.emails["family"])
        v = services.latest(team.project_id)
        for i in range(n):
            conversation.post(team.project_id, v, family, f"Kommentar {i}")


def test_the_notification_list_and_the_bell_cost_the_same_statements_for_2_or_40_rows(app, team):
    planner = logged_in(app, team.emails["planner"])
    _comment(app, team, 2)
    few = _statements(app, planner, "/varsler/")
    _comment(app, team, 38)
    many = _statements(app, planner, "/varsler/")
    assert planner.get("/varsler/").get_data(as_text=True).count("data-notification=") == 40
    assert many == few <= 3  # the user, the list with its projects' names, the unread count


def test_the_review_queue_costs_the_same_statements_for_1_or_5_projects(app, team):
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership
    from planner.web.review import conversation

    planner = logged_in(app, team.emails["planner"])

    def submitted_project(name):
        with app.test_request_context():
            family = services.find_user(team.emails["family"])
            planner_user = services.find_user(team.emails["planner"])
            project = services.create_project(family, name, "Larvik", "Familien")
            plan = services.plan_of(services.latest(team.project_id))
            plan.project = model.Project(name=name, municipality="Larvik")
            v = services.save_plan(project.id, plan, family, "plan", 1)
            db.session.add(Membership(project_id=project.id, user_id=planner_user.id, role="planner"))
            db.session.commit()
            conversation.submit(project.id, v, family)

    submitted_project("Første")
    one = _statements(app, planner, "/saksbehandling")
    for i in range(4):
        submitted_project(f"Prosjekt {i}")
    five = _statements(app, planner, "/saksbehandling")
    assert planner.get("/saksbehandling").get_data(as_text=True).count("data-queue-project=") == 5
    assert five == one <= 3  # the user, the queue with its figures, the unread count


def test_the_project_page_and_the_project_list_do_not_grow_with_members_or_projects(app, team):
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    family = logged_in(app, team.emails["family"])
    page = _statements(app, family, f"/prosjekt/{team.project_id}/")
    listing = _statements(app, family, "/")
    members = _statements(app, family, f"/prosjekt/{team.project_id}/medlemmer")
    with app.app_context():
        for i in range(6):
            user = services.register(f"venn{i}@example.no", f"Venn {i}", PASSWORD)
            db.session.add(Membership(project_id=team.project_id, user_id=user.id, role="mentor"))
            me = services.find_user(team.emails["family"])
            services.create_project(me, f"Prosjekt {i}", "Larvik", "Familien")
        db.session.commit()
    assert _statements(app, family, f"/prosjekt/{team.project_id}/") == page
    assert _statements(app, family, "/") == listing
    assert _statements(app, family, f"/prosjekt/{team.project_id}/medlemmer") == members
    assert family.get("/").get_data(as_text=True).count('data-project="') == 7
