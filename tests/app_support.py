"""What the web tests share: the password of the test accounts, the databases every web test runs
on, and a fresh app made by the migrations. A module of its own (not ``conftest``), so that a test
file can import it by a name no other folder's conftest shadows."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "et-godt-passord"
# werkzeug's scrypt at a 32-fold lower cost than the app's default: the same code path, and the
# suite's thousands of registrations and logins stop being most of its time
TEST_PASSWORD_HASH = "scrypt:1024:8:1"
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


_MIGRATED: dict[str, str] = {}


def migrated_sqlite(path: Path) -> str:
    """A SQLite database at ``path`` with the schema the migrations make, as a URL. The migrations run
    once per test process into a template file; every test gets its own copy of it, so a test sees
    exactly the schema ``planner web migrate`` makes without paying for the migrations again."""
    import shutil
    import tempfile

    template = _MIGRATED.get("sqlite")
    if template is None:
        from planner.web import create_app
        from planner.web.command import upgrade
        from planner.web.extensions import db

        folder = Path(tempfile.mkdtemp(prefix="planner-schema-"))
        template = str(folder / "schema.sqlite")
        app = create_app({"TESTING": True, "SECRET_KEY": "schema", "DATABASE_URL": f"sqlite:///{template}",
                          "INSTANCE_PATH": str(folder / "instance")})
        upgrade(app)
        with app.app_context():
            db.engine.dispose()
        _MIGRATED["sqlite"] = template
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


def _clear_postgresql(url: str) -> bool:
    """Empty this process's PostgreSQL database. The first time, the schema is dropped (the caller
    then runs the migrations); after that every table but Alembic's is truncated, identities
    restarted. Returns whether the schema is already migrated."""
    import sqlalchemy as sa

    from planner.web.config import database_url

    engine = sa.create_engine(database_url(url))
    migrated = url in _MIGRATED
    with engine.begin() as conn:
        if migrated:
            tables = conn.execute(sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                          "AND tablename <> 'alembic_version'")).scalars().all()
            if tables:
                conn.execute(sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables)
                                     + " RESTART IDENTITY CASCADE"))
        else:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return migrated


def make_app(tmp_path: Path, database: str = "sqlite", **config: object):
    """A fresh app on an empty database whose schema the Alembic migrations made (see
    :func:`migrated_sqlite`; on PostgreSQL the migrations run once per process, then tables are
    truncated between tests)."""
    from planner.web import create_app
    from planner.web.command import upgrade

    migrated = True
    if database == "postgresql":
        url = postgresql_url()
        migrated = _clear_postgresql(url)
    else:
        url = migrated_sqlite(tmp_path / "test.sqlite")
    settings = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": url, "WTF_CSRF_ENABLED": False,
                "INSTANCE_PATH": str(tmp_path / "instance"), "PASSWORD_HASH_METHOD": TEST_PASSWORD_HASH}
    settings.update(config)
    app = create_app(settings)
    if not migrated:
        upgrade(app)
        _MIGRATED[url] = url
    return app


def logged_in(app, email: str, password: str = PASSWORD, lang: str | None = None):
    """A test client of ``app`` logged in through the login page (and with ``lang`` chosen)."""
    client = app.test_client()
    assert client.post("/konto/logg-inn", data={"email": email, "password": password}).status_code == 302
    if lang:
        client.post("/sprak", data={"lang": lang, "next": "/"})
    return client
