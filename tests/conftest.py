"""Fixtures of the web tests: ``app``, ``client``, ``runner`` and ``auth`` (as in flaskr).

``app`` runs on SQLite in a temporary folder, and also on PostgreSQL when
``TEST_DATABASE_URL`` is set (every web test then runs once on each).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from app_support import DATABASES, PASSWORD, ROOT, make_app, postgresql_url  # noqa: F401


@pytest.fixture(params=DATABASES)
def app(request, tmp_path):
    app = make_app(tmp_path, request.param)
    yield app
    from planner.web.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Register, log in and log out through the real pages."""

    def __init__(self, client) -> None:
        self._client = client

    def register(self, email: str = "familie@example.no", name: str = "Amina", password: str = PASSWORD):
        return self._client.post("/konto/registrer", data={"name": name, "email": email, "password": password,
                                                           "confirm": password})

    def login(self, email: str = "familie@example.no", password: str = PASSWORD):
        return self._client.post("/konto/logg-inn", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/konto/logg-ut")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@dataclass
class Team:
    """A project with one user per role, and a stranger; users' passwords are ``PASSWORD``."""

    project_id: int
    emails: dict[str, str]
    password: str = PASSWORD


@pytest.fixture
def team(app):
    """The first sample plan as a project with family, planner, contractor, mentor and a stranger."""
    from planner import model
    from planner.web import services
    from planner.web.extensions import db
    from planner.web.models import Membership

    plan = model.loads((ROOT / "planner" / "web" / "data" / "demo.plan.json").read_bytes())
    roles = ("family", "planner", "contractor", "mentor", "stranger")
    emails = {role: f"{role}@example.no" for role in roles}
    with app.app_context():
        users = {role: services.register(email, role.capitalize(), PASSWORD)
                 for role, email in emails.items()}
        project = services.create_project(users["family"], plan.project.name, plan.project.municipality,
                                          plan.households[0].name)
        services.save_plan(project.id, plan, users["family"], "sample", 1)
        for role in ("planner", "contractor", "mentor"):
            db.session.add(Membership(project_id=project.id, user_id=users[role].id, role=role))
        db.session.commit()
        return Team(project.id, emails)


def pytest_collection_modifyitems(config, items):
    """Cases marked ``slow`` (the longest browser walks) run first: with ``--dist worksteal`` the two
    processes then share out the short cases at the end and finish together."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
