"""Sessions that end: every session and remember cookie carries the user's session generation,
checked on every request; logging out, changing the password or "log out everywhere" raises it,
which ends every session made before on every device."""

from __future__ import annotations

from flask_login import login_user
from sqlalchemy import bindparam, select

from planner.web.extensions import db
from planner.web.models import User

_USER = select(User).where(User.id == bindparam("user_id"))
"""Built once: every request loads its user with it (cheaper than ``session.get`` building its select)."""


def load_user(user_id: str) -> User | None:
    """Flask-Login's user loader: ``"<id>.<generation>"``, valid only while the generation holds.

    A cookie from before the last logout (or from before this scheme: a bare id) loads nobody.
    """
    ident, _, generation = user_id.partition(".")
    if not (ident.isdigit() and generation.isdigit()) or len(user_id) > 40:
        return None
    user = db.session.scalars(_USER, {"user_id": int(ident)}).one_or_none()
    if user is None or user.session_generation != int(generation):
        return None
    return user


def end_all(user: User) -> None:
    """End every session of ``user`` (this one included) by raising the generation atomically."""
    db.session.execute(db.update(User).where(User.id == user.id)
                       .values(session_generation=User.session_generation + 1))
    db.session.commit()
    db.session.refresh(user)


def renew(user: User) -> None:
    """End every other session and keep this one (after a password change)."""
    end_all(user)
    login_user(user)
