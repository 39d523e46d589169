"""Configuration from the environment, each key with its documented default.

Every key can also be given in ``test_config`` to :func:`planner.web.create_app`.

| key | default | meaning |
|---|---|---|
| ``SECRET_KEY`` | generated into ``instance/secret_key`` | signs sessions and CSRF tokens |
| ``DATABASE_URL`` | ``sqlite:///<instance>/planner.sqlite`` | SQLAlchemy URL; ``postgresql://`` works |
| ``SESSION_COOKIE_SECURE`` | ``false`` | send the session cookie over HTTPS only |
| ``MAX_UPLOAD_BYTES`` | ``2000000`` | largest upload (plan, GeoJSON, DXF) |
| ``MAX_PHOTO_BYTES`` | ``8000000`` | largest photo on an hours row as sent (a phone photo; at most 8 MB) |
| ``MAX_UPLOAD_VERTICES`` | ``2000`` | most vertices a plot boundary from an upload may have |
| ``LOGIN_MAX_FAILURES`` | ``5`` | failed logins of one account before each further try waits |
| ``LOGIN_MAX_FAILURES_PER_ADDRESS`` | ``30`` | the same for one client address (all accounts) |
| ``LOGIN_DELAY_SECONDS`` | ``2`` | the first wait past the limit; it doubles with each failure |
| ``LOGIN_WINDOW_MINUTES`` | ``15`` | failures older than this are forgotten; the longest wait |
| ``PLANNER_ENV`` | ``production`` | ``development`` allows a ``SECRET_KEY`` shorter than 32 bytes |
| ``INVITATION_DAYS`` | ``14`` | how long an invitation link works |
| ``BABEL_DEFAULT_LOCALE`` | ``nb`` | language when the browser asks for none we have |
| ``SMTP_URL`` | unset (no e-mail) | ``smtp://host:port`` or ``smtps://``, optionally ``user:pass@`` |
| ``MAIL_FROM`` | ``planner@localhost`` | sender address of the notification e-mail |
| ``BASE_URL`` | the request's host | start of the links in e-mail (``https://plan.example.no``) |
| ``PLANNER_INSTANCE_PATH`` | ``instance/`` beside the package | SQLite file, key, compiled catalogues |
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from planner.errors import PlannerError

TRUE = {"1", "true", "yes", "on"}
MIN_SECRET_KEY_BYTES = 32


class ConfigError(PlannerError):
    """A setting the app refuses to start with; the message says which and why."""


def _bool(value: str | None, default: bool) -> bool:
    """Read a yes/no environment value.

    >>> _bool("True", False), _bool(None, True), _bool("0", True)
    (True, True, False)
    """
    if value is None:
        return default
    return value.strip().lower() in TRUE


def secret_key(instance_path: str) -> str:
    """The secret key from the instance folder, written there on first use."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def database_url(url: str) -> str:
    """Use psycopg 3 for a plain ``postgresql://`` URL.

    >>> database_url("postgresql://u@h/db")
    'postgresql+psycopg://u@h/db'
    >>> database_url("sqlite:///x.db")
    'sqlite:///x.db'
    """
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(instance_path: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Every setting of the app, read from ``env`` (default: ``os.environ``)."""
    env = dict(os.environ) if env is None else env
    db = env.get("DATABASE_URL") or f"sqlite:///{Path(instance_path) / 'planner.sqlite'}"
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": database_url(db),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), False),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), False),
        "MAX_UPLOAD_BYTES": int(env.get("MAX_UPLOAD_BYTES", 2_000_000)),
        "MAX_PHOTO_BYTES": int(env.get("MAX_PHOTO_BYTES", 8_000_000)),
        "MAX_UPLOAD_VERTICES": int(env.get("MAX_UPLOAD_VERTICES", 2000)),
        "LOGIN_MAX_FAILURES": int(env.get("LOGIN_MAX_FAILURES", 5)),
        "LOGIN_MAX_FAILURES_PER_ADDRESS": int(env.get("LOGIN_MAX_FAILURES_PER_ADDRESS", 30)),
        "LOGIN_DELAY_SECONDS": float(env.get("LOGIN_DELAY_SECONDS", 2)),
        "LOGIN_WINDOW_MINUTES": int(env.get("LOGIN_WINDOW_MINUTES", 15)),
        "PLANNER_ENV": env.get("PLANNER_ENV", "production"),
        "INVITATION_DAYS": int(env.get("INVITATION_DAYS", 14)),
        "BABEL_DEFAULT_LOCALE": env.get("BABEL_DEFAULT_LOCALE", "nb"),
        "SMTP_URL": env.get("SMTP_URL") or None,
        "MAIL_FROM": env.get("MAIL_FROM") or "planner@localhost",
        "BASE_URL": env.get("BASE_URL") or None,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def check_secret_key(key: str | bytes, config: dict[str, Any]) -> None:
    """Refuse a ``SECRET_KEY`` from the environment shorter than 32 bytes, except with
    ``PLANNER_ENV=development`` or ``TESTING``: whoever guesses the key can forge a session.
    (:func:`planner.web.create_app` checks the key only when it comes from the environment, not
    when code passes one in ``test_config``.)

    >>> check_secret_key("x" * 32, {})
    >>> check_secret_key("short", {"TESTING": True})
    >>> try:
    ...     check_secret_key("short", {"PLANNER_ENV": "production"})
    ... except ConfigError as e:
    ...     print(str(e)[:40])
    SECRET_KEY is 5 bytes long; production n
    """
    if config.get("TESTING") or config.get("PLANNER_ENV") == "development":
        return
    n = len(key.encode() if isinstance(key, str) else key)
    if n < MIN_SECRET_KEY_BYTES:
        raise ConfigError(f"SECRET_KEY is {n} bytes long; production needs at least {MIN_SECRET_KEY_BYTES} "
                          "(or leave it unset: a key is generated)")


def prepare_sqlite(url: str) -> None:
    """Create a SQLite database file readable by its owner only (0600) before SQLAlchemy opens it.

    >>> prepare_sqlite("postgresql+psycopg://u@h/db")
    """
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix + ":memory:" or "?" in url:
        return
    path = Path(url[len(prefix):])
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:  # another process made it a moment ago
        pass
