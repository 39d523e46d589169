"""Fixtures of the web tests: ``app``, ``client``, ``runner`` and ``auth`` (as in flaskr).

``app`` runs on SQLite in a temporary folder, and also on PostgreSQL when
``TEST_DATABASE_URL`` is set (every web test then runs once on each).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "et-godt-passord"
DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def postgresql_url() -> str:
    """``TEST_DATABASE_URL``, or under pytest-xdist a database of this worker's own beside it
    (``test_gw0``, ``test_gw1`` ...), made on first use: workers never wipe each other's schema."""
    url = os.environ["TEST_DATABASE_URL"]
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    import sqlalchemy as sa

    from planner.web.config import database_url

    base = sa.engine.make_url(database_url(url))
    own = base.set(database=f"{base.database}_{worker}")
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"),
                              {"n": own.database}).scalar()
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    return own.render_as_string(hide_password=False)


def _reset_postgresql(url: str) -> None:
    import sqlalchemy as sa

    from planner.web.config import database_url

    engine = sa.create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def make_app(tmp_path: Path, database: str = "sqlite", **config: object):
    """A fresh app with its schema made by the Alembic migrations."""
    from planner.web import create_app
    from planner.web.command import upgrade

    if database == "postgresql":
        url = postgresql_url()
        _reset_postgresql(url)
    else:
        url = f"sqlite:///{tmp_path / 'test.sqlite'}"
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                "INSTANCE_PATH": str(tmp_path / "instance")}
    settings.update(config)
    app = create_app(settings)
    upgrade(app)
    return app


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
