"""What the web tests share: the password of the test accounts, the databases every web test runs
on, and a fresh app made by the migrations. A module of its own (not ``conftest``), so that a test
file can import it by a name no other folder's conftest shadows."""

from __future__ import annotations

import os
from pathlib import Path

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
